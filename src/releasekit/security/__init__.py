"""Live security status: scan reports in, a status JSON, a page, badges and release decisions out."""
