"""Authoring toolkit for Jupyter Book 1 courses: scaffold, check, clean, preview, build, test."""
