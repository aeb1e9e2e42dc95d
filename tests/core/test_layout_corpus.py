"""The reader on invented tables of other councils' layouts, scored against hand-written gold files.

Floors: every layout reads at least 0.9 quantity F1 and 0.9 label agreement
(what the reader does on the real seeds, less room for one mistake in a small
table); pooled over the corpus, 0.95 and 0.93.
"""

from __future__ import annotations

import json

import pytest

from tests.core.layout_corpus import (
    ScorerMissing,
    gold_files,
    layout_of,
    load_scorer,
    score_corpus,
    score_table,
)

LAYOUT_FLOOR = {"quantity_f1": 0.9, "label_agreement": 0.9}
POOLED_FLOOR = {"quantity_f1": 0.95, "label_agreement": 0.93}


@pytest.fixture(scope="module")
def scorer():
    try:
        return load_scorer()
    except ScorerMissing as missing:
        pytest.fail(str(missing))


def test_the_corpus_has_twelve_tables_in_six_layouts():
    paths = gold_files()
    assert len(paths) >= 12
    assert len({layout_of(p) for p in paths}) >= 6


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem)
def test_each_table_finds_every_project_and_its_period(gold_path, scorer):
    result = score_table(gold_path, scorer)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert result["projects"] == f"{len(gold['projects'])}/{len(gold['projects'])}"
    assert result["header"] == "3/3"
    assert result["row_fields"] >= 0.9


def test_each_layout_and_the_pool_score_above_their_floors(scorer):
    per_layout, pooled = score_corpus(scorer)
    low = {
        name: figures
        for name, figures in per_layout.items()
        if any(figures[key] < floor for key, floor in LAYOUT_FLOOR.items())
    }
    assert low == {}
    assert pooled["quantity_f1"] >= POOLED_FLOOR["quantity_f1"]
    assert pooled["label_agreement"] >= POOLED_FLOOR["label_agreement"]
