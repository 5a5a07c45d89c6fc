"""The transactional bump: plan, rewrite, journal, verify and recover."""
