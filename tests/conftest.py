"""Shared test set-up: fast password hashing and the seed documents of ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SASAEAI_TESTING", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SASAEAI_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "data" / "seeds"
GOLD = SHARED / "data" / "gold"
LINKS = SHARED / "data" / "links"


def _shared_file(folder: Path, prefix: str) -> Path:
    if not folder.is_dir():
        pytest.fail(f"{folder} is missing: these tests read the shared seed documents; check out ../shared")
    matches = sorted(folder.glob(f"{prefix}*"))
    if not matches:
        pytest.fail(f"no file {prefix}* in {folder}")
    return matches[0]


@pytest.fixture
def seed():
    """seed("000") -> path of the seed document whose name starts with 000."""
    return lambda prefix: _shared_file(SEEDS, prefix)


@pytest.fixture
def gold():
    """gold("000_report.json") -> path of a gold file."""
    return lambda name: _shared_file(GOLD, name)


@pytest.fixture
def links_file():
    return _shared_file(LINKS, "tomakomai.yaml")
