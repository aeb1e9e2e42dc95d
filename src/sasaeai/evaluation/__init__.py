"""Evaluation: which reported figure measures which indicator part, and the grades."""
