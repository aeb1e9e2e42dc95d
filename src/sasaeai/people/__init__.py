"""Organisations, their departments, and people's roles."""
