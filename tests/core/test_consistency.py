"""Consistency checks: findings for review, the data untouched."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sasaeai.core.consistency import (
    Figure,
    ProjectText,
    bigrams,
    kpi_rate_findings,
    misplaced_results,
    quantity_jumps,
)


def fig(project, label, value, unit="人"):
    return Figure(project, label, unit, Decimal(value))


@pytest.mark.parametrize(
    ("now", "before", "flagged"),
    [
        ("1630", "163", True),
        ("16", "163", True),
        ("170", "163", False),
        ("1000", "101", False),
        ("0", "50", False),
    ],
)
def test_quantity_far_from_last_year(now, before, flagged):
    findings = quantity_jumps([fig("サロン", "参加者", now)], [fig("サロン", "参加者", before)])
    assert bool(findings) is flagged
    if flagged:
        assert findings[0].kind == "quantity_jump"
        assert findings[0].details["previous"] == int(before)
        assert "前年" in findings[0].message_ja


def test_quantities_pair_only_by_project_label_and_unit():
    current = [
        fig("サロン", "参加者", "1630"),
        fig("サロン", "参加者", "1630", unit="回"),
        fig("食事", "参加者", "1630"),
    ]
    assert len(quantity_jumps(current, [fig("サロン", "参加者", "163")])) == 1


def test_inputs_are_not_changed():
    current = [fig("サロン", "参加者", "1630")]
    quantity_jumps(current, [fig("サロン", "参加者", "163")])
    assert current[0].value == Decimal("1630")


PROJECTS = [
    ProjectText("雪かきボランティア事業", "自力での除雪が困難な高齢世帯の除雪を支援する。", ""),
    ProjectText(
        "市民ボランティア講座",
        "市民に広くボランティアに関する理解を深めてもらうための講座を開催する。",
        "除雪が困難な高齢世帯へ除雪支援を行い、自力での除雪が困難な世帯の冬の暮らしを支えた。",
    ),
    ProjectText(
        "ボラセンフェスティバル",
        "ボランティアセンター事業のPR、活動者間の交流を目的としてフェスティバルを開催する。",
        "フェスティバルを開催し、活動者間の交流とボランティアセンター事業のPRを行った。",
    ),
]


def test_result_that_matches_the_neighbours_activities_is_flagged():
    findings = misplaced_results(PROJECTS)
    assert [(f.subject, f.details["neighbour"]) for f in findings] == [
        ("市民ボランティア講座", "雪かきボランティア事業")
    ]
    assert "行のずれ" in findings[0].message_ja


def test_short_results_are_not_judged():
    projects = [ProjectText("A", "除雪支援", ""), ProjectText("B", "講座", "除雪支援")]
    assert misplaced_results(projects) == []


def test_bigrams_ignore_punctuation_and_digits():
    assert bigrams("除雪、12件") == {"除雪"}


def _kpi(target, actual, printed):
    return {
        "name": "利用者数",
        "target": {"value": target, "unit": "人"},
        "actual": {"value": actual, "unit": "人"},
        "achievement_rate": None if printed is None else {"value": printed, "unit": "%"},
    }


@pytest.mark.parametrize(
    ("target", "actual", "printed", "flagged"),
    [(1000, 1063, 106, False), (1000, 1063, 160, True), (1000, 1063, None, False), (0, 5, 100, False)],
)
def test_kpi_printed_rate_disagreeing_with_target_and_actual(target, actual, printed, flagged):
    findings = kpi_rate_findings([_kpi(target, actual, printed)])
    assert bool(findings) is flagged
    if flagged:
        assert findings[0].details == {"printed": 160, "computed": 106.3}


def test_seed_004_has_no_rate_finding(seed):
    from sasaeai.core.kpi import read_kpi

    path = seed("004")
    assert kpi_rate_findings(read_kpi(path.read_bytes(), path.name)["kpis"]) == []


def _seed_rows(seed, prefix):
    from sasaeai.core import read_report

    return [ProjectText(p.name, p.activities, p.narrative) for p in read_report(seed(prefix)).projects]


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seed_reports_as_printed_have_no_misplaced_results(seed, prefix):
    assert misplaced_results(_seed_rows(seed, prefix)) == []


def test_two_swapped_results_in_seed_000_are_both_flagged(seed):
    rows = _seed_rows(seed, "000")
    cafe = next(i for i, row in enumerate(rows) if row.name.startswith("おしゃべりカフェ"))
    a, b = rows[cafe], rows[cafe + 1]
    rows[cafe] = ProjectText(a.name, a.activities, b.result)
    rows[cafe + 1] = ProjectText(b.name, b.activities, a.result)
    flagged = {(f.subject, f.details["neighbour"]) for f in misplaced_results(rows)}
    assert flagged == {(a.name, b.name), (b.name, a.name)}
