"""Merge proposals for project names that reports spell differently."""

from __future__ import annotations

import pytest

from sasaeai.core.matching import ReportNames, name_similarity, project_key, propose_merges


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("市民ボランティア講座開催", "市民ボランティア講座"),
        ("ボラセン・フェスティバル開催", "ボラセンフェスティバル"),
        ("介護支援いきいきポイント 事業", "介護支援いきいきポイント"),
        ("社協だより発行業務", "社協だより発行"),
        ("ＣＳＷ事業", "CSW"),
        ("事業", "事業"),  # a name is never cut to nothing
    ],
)
def test_project_key(name, key):
    assert project_key(name) == key


@pytest.mark.parametrize(
    ("left", "right", "low", "high"),
    [
        ("市民ボランティア講座開催", "市民ボランティア講座", 1.0, 1.0),
        ("災害ボランティアセンター整備", "災害ボランティアセンターの整備", 0.9, 0.99),
        ("第1回研修会", "第2回研修会", 0.0, 0.0),
        ("かぎ預かり事業", "給食サービス事業", 0.0, 0.3),
    ],
)
def test_name_similarity(left, right, low, high):
    assert low <= name_similarity(left, right) <= high


def test_proposes_the_renamed_projects_keeping_the_newer_name():
    reports = [
        ReportNames(
            2022,
            [
                "市民ボランティア講座開催",
                "ボラセン・フェスティバル開催",
                "ボラセン・ギャラリー開催",
                "かぎ預かり事業",
            ],
        ),
        ReportNames(2025, ["市民ボランティア講座", "ボラセンフェスティバル", "かぎ預かり事業"]),
    ]
    pairs = {(p.keep, p.merge): p for p in propose_merges(reports)}
    assert set(pairs) == {
        ("市民ボランティア講座", "市民ボランティア講座開催"),
        ("ボラセンフェスティバル", "ボラセン・フェスティバル開催"),
    }
    proposal = pairs[("ボラセンフェスティバル", "ボラセン・フェスティバル開催")]
    assert proposal.score == 1.0
    assert (proposal.keep_years, proposal.merge_years) == ((2025,), (2022,))
    assert proposal.to_json()["score"] == 1.0


def test_names_side_by_side_in_one_report_are_never_proposed():
    reports = [ReportNames(2024, ["ボランティア養成講座A", "ボランティア養成講座B"])]
    assert propose_merges(reports, threshold=0.5) == []


def test_threshold_filters_weak_pairs():
    reports = [
        ReportNames(2021, ["災害ボランティアセンターの整備"]),
        ReportNames(2025, ["災害ボランティアセンター整備"]),
    ]
    assert [p.merge for p in propose_merges(reports, threshold=0.9)] == ["災害ボランティアセンターの整備"]
    assert propose_merges(reports, threshold=0.99) == []
