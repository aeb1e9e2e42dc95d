"""The helper that reads seed phrases by line and cell, and says so when ../shared is missing."""

from __future__ import annotations

import pytest

from tests.core import seed_text


def test_reads_a_cell_by_line_and_column_from_one():
    header = seed_text.seed_cell("001", 5, 1)
    assert header == "拠点区分"
    assert seed_text.SeedText("001", 5, 1, 0, 2).read() == "拠点"


def test_fails_loudly_when_the_seeds_are_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(seed_text, "SEEDS", tmp_path / "missing")
    seed_text._seed_lines.cache_clear()
    with pytest.raises(pytest.fail.Exception, match="missing"):
        seed_text.seed_cell("000", 1, 1)
    seed_text._seed_lines.cache_clear()


def test_fails_on_a_line_the_seed_does_not_have():
    with pytest.raises(pytest.fail.Exception, match="no line"):
        seed_text.seed_cell("000", 10_000, 1)
