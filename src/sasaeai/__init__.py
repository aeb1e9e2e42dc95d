"""Sasaeai (支えあい): the Plan-Do-Check-Act cycle of a regional welfare plan."""

__version__ = "0.1.0"
