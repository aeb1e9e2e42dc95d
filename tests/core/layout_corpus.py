"""The invented corpus of other councils' layouts (tests/core/layouts/) scored with shared/tools/score_import.py.

Each table ``NAME.tsv`` (or .csv, .pdf …) has a hand-written gold file
``NAME.json`` in the format of shared/data/gold/SCHEMA.md; a gold file may
carry ``"given": {"fiscal_year": …, "period": …}`` for a table that names no
period, which is passed to the reader as a caller would.  The layout of a
table is its name without the trailing ``_N``.  Used by the tests and by
``make bench``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from sasaeai.core import read_report

LAYOUTS = Path(__file__).resolve().parent / "layouts"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


class ScorerMissing(Exception):
    """shared/tools/score_import.py is not where it should be."""


def load_scorer(shared: Path = SHARED) -> ModuleType:
    """shared/tools/score_import.py as a module."""
    path = shared / "tools" / "score_import.py"
    if not path.is_file():
        raise ScorerMissing(f"{path} is missing: the corpus is scored by ../shared/tools/score_import.py")
    spec = importlib.util.spec_from_file_location("score_import", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_files() -> list[Path]:
    return sorted(LAYOUTS.glob("*.json"))


def layout_of(gold_path: Path) -> str:
    return re.sub(r"_\d+$", "", gold_path.stem)


def table_of(gold_path: Path) -> Path:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return LAYOUTS / gold["source"]


def score_table(gold_path: Path, scorer: ModuleType) -> dict[str, Any]:
    """The scorer's figures for one table read by the reader."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    given = gold.get("given") or {}
    document = read_report(LAYOUTS / gold["source"], given.get("fiscal_year"), given.get("period"))
    with contextlib.redirect_stdout(io.StringIO()):
        result: dict[str, Any] = scorer.score_report(gold, document.to_json())
    return result


def pool(results: list[dict[str, Any]]) -> dict[str, float]:
    """Quantity F1 and label agreement over several tables, from their counts."""
    tp = sum(r["tp"] for r in results)
    fp = sum(r["fp"] for r in results)
    fn = sum(r["fn"] for r in results)
    agree = sum(r["agree"] for r in results)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"quantity_f1": f1, "label_agreement": agree / tp if tp else 0.0, "tables": len(results)}


def score_corpus(scorer: ModuleType) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Per-layout and pooled figures over every gold file of the corpus."""
    by_layout: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in gold_files():
        by_layout[layout_of(path)].append(score_table(path, scorer))
    per_layout = {name: pool(results) for name, results in sorted(by_layout.items())}
    return per_layout, pool([r for results in by_layout.values() for r in results])
