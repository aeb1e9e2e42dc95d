"""Projects across years: proposals to merge project names that reports spell differently.

Reports rename projects quietly (市民ボランティア講座開催 → 市民ボランティア講座,
ボラセン・フェスティバル開催 → ボラセンフェスティバル).  Names are compared by a
key (NFKC, no spaces or middle dots, without a trailing 開催 / 事業 / 業務)
and by edit similarity; two names that appear side by side in one report are
two projects and never proposed.  The result is only a proposal: a person
confirms or rejects each pair.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

GENERIC_SUFFIXES = ("開催", "事業", "業務", "の実施", "実施")
DEFAULT_THRESHOLD = 0.8
_DROP_RE = re.compile(r"[\s\u3000・･･、,.．()（）「」『』]")
_NUMBER_RE = re.compile(r"\d+")


def project_key(name: str) -> str:
    """The name as staff compare it: NFKC, no spaces or ・, without generic suffixes."""
    key = _DROP_RE.sub("", unicodedata.normalize("NFKC", name or ""))
    changed = True
    while changed:
        changed = False
        for suffix in GENERIC_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                key = key[: -len(suffix)]
                changed = True
    return key


def name_similarity(left: str, right: str) -> float:
    """1.0 for names with the same key, else the edit similarity of the keys (0–1)."""
    a, b = project_key(left), project_key(right)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if _NUMBER_RE.findall(a) != _NUMBER_RE.findall(b):
        return 0.0  # 第1回… and 第2回… are different projects
    return round(float(fuzz.ratio(a, b)) / 100, 3)


@dataclass(frozen=True)
class ReportNames:
    """The project names one report uses, with the fiscal year it reports on."""

    fiscal_year: int
    names: Sequence[str]


@dataclass(frozen=True)
class MergeProposal:
    """Two names that may be one project; ``keep`` is the name in use most recently."""

    keep: str
    merge: str
    score: float
    reason: str
    keep_years: tuple[int, ...]
    merge_years: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "keep": self.keep,
            "merge": self.merge,
            "score": self.score,
            "reason": self.reason,
            "keep_years": list(self.keep_years),
            "merge_years": list(self.merge_years),
        }


def _years_and_neighbours(reports: Iterable[ReportNames]) -> tuple[dict[str, set[int]], set[frozenset[str]]]:
    years: dict[str, set[int]] = {}
    together: set[frozenset[str]] = set()
    for report in reports:
        names = sorted({n.strip() for n in report.names if n and n.strip()})
        for name in names:
            years.setdefault(name, set()).add(report.fiscal_year)
        keys = [project_key(n) for n in names]
        for i, left in enumerate(names):
            for j in range(i + 1, len(names)):
                if keys[i] != keys[j]:  # the same key twice in one report is one project's two rows
                    together.add(frozenset((left, names[j])))
    return years, together


def propose_merges(
    reports: Iterable[ReportNames], threshold: float = DEFAULT_THRESHOLD
) -> list[MergeProposal]:
    """Pairs of project names that look like one project, best first; nothing is merged here."""
    years, together = _years_and_neighbours(reports)
    names = sorted(years)
    proposals = []
    for i, left in enumerate(names):
        for right in names[i + 1 :]:
            if frozenset((left, right)) in together:
                continue
            score = name_similarity(left, right)
            if score < threshold:
                continue
            keep, merge = sorted((left, right), key=lambda n: (max(years[n]), n), reverse=True)
            reason = "同じ名称（表記ゆれ）" if score == 1.0 else "名称が類似"
            proposals.append(
                MergeProposal(
                    keep, merge, score, reason, tuple(sorted(years[keep])), tuple(sorted(years[merge]))
                )
            )
    return sorted(proposals, key=lambda p: (-p.score, p.keep, p.merge))
