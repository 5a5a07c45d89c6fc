"""Scanners: one per family of files, each yielding raw references from text."""
