"""The command line's doors into the site: each module registers its commands with ``sasaeai``.

Handlers set Django up inside themselves (:func:`setup_django`), so ``--help``
stays quick and the core commands work without a database.
"""

from __future__ import annotations

import os
from pathlib import Path

SETTINGS = "sasaeai.site.settings"


def setup_django() -> None:
    """Configure Django once, with the project's settings unless told otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def read_input(path: Path) -> bytes:
    """The bytes of an input file, or one sentence saying why it cannot be read."""
    from sasaeai.core.tables import read_file_bytes

    return read_file_bytes(path)
