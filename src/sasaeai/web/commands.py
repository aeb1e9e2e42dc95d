"""Web commands (migrate, import-*, evaluate, serve, demo, createuser): filled in by the web system."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Add the database commands to the ``sasaeai`` parser."""
