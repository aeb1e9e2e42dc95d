"""Indicator links: the YAML file, name and unit matching, and the actual per fiscal year."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sasaeai.core import Quantity, ReaderError, SasaeaiError
from sasaeai.core.evaluation import Actual
from sasaeai.core.links import (
    IndicatorLink,
    Observation,
    choose_quantity,
    link_actuals,
    read_links,
    read_links_file,
    same_unit,
    unit_class,
)


def q(label: str, value: str, unit: str | None) -> Quantity:
    return Quantity(value=Decimal(value), unit=unit, label=label)


def test_reads_the_shared_links_file(links_file):
    links = read_links_file(links_file)
    assert len(links) == 9
    assert [link.number for link in links] == list(range(1, 10))
    first = links[0]
    assert (first.indicator, first.projects, first.label, first.unit, first.part) == (
        "市民後見人数",
        ("成年後見支援センター事業",),
        "市民後見人",
        "人",
        None,
    )
    school = links[3]
    assert (school.indicator, school.part, school.label, school.unit) == ("福祉学習開催数", "校", None, "校")
    assert links[-1].projects == ("市民ボランティア講座", "市民ボランティア講座開催")
    assert [link.part for link in links if link.indicator.startswith("福祉人材バンク")] == [
        "求職",
        "求人",
        "マッチング成功",
    ]


BROKEN = [
    ("empty", b""),
    ("only spaces", b"  \n\n"),
    ("binary", b"\x00\x01\x02PK\x03\x04" * 20),
    ("not yaml", b"links: [\n  - {indicator: a"),
    ("no links key", b"indicators:\n  - name: a\n"),
    ("links not a list", b"links: 3\n"),
    ("empty list", b"links: []\n"),
    ("entry not a mapping", b"links:\n  - just a name\n"),
    ("missing indicator", b"links:\n  - project: p\n    unit: \xe4\xba\xba\n"),
    ("missing project", b"links:\n  - indicator: a\n    unit: x\n"),
    ("missing unit", b"links:\n  - indicator: a\n    project: p\n"),
    ("empty project list", b"links:\n  - indicator: a\n    project: []\n    unit: x\n"),
    ("unknown key", b"links:\n  - indicator: a\n    project: p\n    unit: x\n    colour: red\n"),
    ("project not a name", b"links:\n  - indicator: a\n    project: {x: 1}\n    unit: x\n"),
    ("label is a boolean", b"links:\n  - indicator: a\n    project: p\n    unit: x\n    label: yes\n"),
    (
        "same part twice",
        b"links:\n  - indicator: a\n    project: p\n    unit: x\n  - indicator: ' a'\n    project: q\n    unit: y\n",
    ),
]


@pytest.mark.parametrize("data", [case[1] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_malformed_links_files_are_refused_with_one_sentence(data):
    with pytest.raises(ReaderError) as caught:
        read_links(data, "links.yaml")
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message
    assert caught.value.message_ja.endswith("。")


def test_the_error_names_the_link():
    data = b"links:\n  - indicator: a\n    project: p\n    unit: x\n  - indicator: b\n    unit: x\n"
    with pytest.raises(ReaderError, match=r"Link 2 in links\.yaml has no project"):
        read_links(data, "links.yaml")


def test_reads_cp932_and_numbers_as_names():
    text = "links:\n  - indicator: 市民後見人数\n    project: 2024\n    unit: 人\n"
    (link,) = read_links(text.encode("cp932"), "links.yaml")
    assert link.projects == ("2024",)


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("名", "人", True),
        ("人", "人", True),
        ("箇所", "か所", True),
        ("ヶ所", "カ所", True),
        ("ヵ所", "個所", True),
        ("か所", "ケ所", True),
        ("件", "人", False),
        ("校", "学級", False),
        ("%", "％", True),
        (None, "人", False),
        ("", "", False),
    ],
)
def test_units_compare_by_class(left, right, same):
    assert same_unit(left, right) is same


def test_unit_class_names_the_canonical_unit():
    assert unit_class("名") == "人"
    assert unit_class("ヶ所") == "箇所"
    assert unit_class("学級") == "学級"


def test_project_and_indicator_names_ignore_whitespace_and_width():
    link = IndicatorLink(
        indicator="コミュニティソーシャルワーカー（CSW）相談件数",
        projects=("市民ボランティア講座", "市民ボランティア講座開催"),
        unit="人",
    )
    assert link.matches_indicator("コミュニティソーシャルワーカー (CSW) 相談件数")
    assert link.matches_project("市民ボランティア 講座開催")
    assert link.matches_project("市民ボランティア講座")
    assert not link.matches_project("市民ボランティア講座2")
    assert not link.matches_indicator("コミュニティソーシャルワーカー相談件数")


@pytest.mark.parametrize(
    ("part", "label", "unit", "matches"),
    [
        (None, None, "人", True),
        ("求職", "求職", "人", True),
        ("求職", "求 職", "人", True),
        ("求職", "求人", "人", False),
        ("校", None, "校", True),
        ("校", None, "学級", False),
        ("か所", None, "箇所", True),
        ("校", "学校数", "校", False),
    ],
)
def test_part_is_named_by_label_or_by_unit_when_unlabelled(part, label, unit, matches):
    link = IndicatorLink(indicator="x", projects=("p",), unit="件", part=part)
    assert link.matches_part(label, unit) is matches


def test_label_is_matched_exactly_after_squashing():
    link = IndicatorLink(indicator="CSW", projects=("CSW事業",), unit="件", label="相談")
    quantities = [q("相談件数", "19", "件"), q("相 談", "102", "件"), q("来所", "26", "件")]
    assert choose_quantity(link, quantities).quantity is quantities[1]


def test_label_and_unit_class_must_both_match():
    link = IndicatorLink(indicator="人材", projects=("p",), unit="人", label="求職者")
    assert choose_quantity(link, [q("求職者", "114", "名")]).quantity is not None
    choice = choose_quantity(link, [q("求職者", "114", "件")])
    assert choice.quantity is None
    assert choice.reason == "No quantity with label 求職者 and unit 人."
    assert choice.reason_ja.endswith("実績がありません。")


def test_without_label_the_one_quantity_of_the_unit_is_taken():
    link = IndicatorLink(indicator="福祉学習開催数", projects=("福祉学習推進事業",), unit="校", part="校")
    quantities = [
        q("学校", "18", "校"),
        q("延べ", "114", "学級"),
        q("地域", "4", "団体"),
        q("参加者", "9", "人"),
    ]
    assert choose_quantity(link, quantities).quantity is quantities[0]


def test_without_label_several_quantities_of_the_unit_are_no_match():
    link = IndicatorLink(indicator="x", projects=("p",), unit="人")
    choice = choose_quantity(link, [q("参加者", "48", "人"), q("参加者", "276", "人")])
    assert choice.quantity is None
    assert choice.reason == "2 quantities with unit 人; name the label in the link."


def test_the_same_figure_printed_twice_is_one_match():
    link = IndicatorLink(indicator="x", projects=("p",), unit="人", label="参加者")
    choice = choose_quantity(link, [q("参加者", "41", "人"), q("参加者", "41", "名")])
    assert choice.quantity is not None and choice.quantity.value == Decimal("41")


def test_no_quantity_of_the_unit_is_no_match():
    link = IndicatorLink(indicator="x", projects=("p",), unit="人")
    assert choose_quantity(link, [q("独自分", "2", "件")]).reason == "No quantity with unit 人."


SALON = IndicatorLink(
    indicator="ふれあいサロン数", projects=("ふれあいサロン事業",), unit="か所", label="登録数"
)


def test_q4_and_full_year_figures_are_the_years_actuals():
    observations = [
        Observation(2025, "Q4", "ふれあいサロン事業", [q("登録数", "87", "箇所")], "000 R7 Q4"),
        Observation(2024, "Q4", "ふれあいサロン事業", [q("登録数", "91", "箇所")], "000 R6 Q4"),
        (2022, "FY", "ふれあいサロン事業", [q("登録数", "78", "ヶ所")], "001 R4"),
        (2021, "FY", "ふれあいサロン 事業", [q("登録数", "70", "ヶ所")]),
        (2022, "FY", "CSW事業", [q("登録数", "5", "か所")]),
    ]
    outcome = link_actuals(SALON, observations)
    assert {year: (a.value, a.period, a.partial) for year, a in outcome.actuals.items()} == {
        2021: (Decimal("70"), "FY", False),
        2022: (Decimal("78"), "FY", False),
        2024: (Decimal("91"), "Q4", False),
        2025: (Decimal("87"), "Q4", False),
    }
    assert list(outcome.actuals) == [2021, 2022, 2024, 2025]
    assert outcome.actuals[2025].as_actual() == Actual(2025, Decimal("87"), "000 R7 Q4", False, "Q4")
    assert outcome.misses == []


def test_a_later_quarter_wins_and_is_partial_without_q4():
    observations = [
        (2025, "Q1", "ふれあいサロン事業", [q("登録数", "80", "か所")], "Q1"),
        (2025, "Q3", "ふれあいサロン事業", [q("登録数", "84", "か所")], "Q3"),
        (2025, "Q2", "ふれあいサロン事業", [q("登録数", "82", "か所")], "Q2"),
    ]
    actual = link_actuals(SALON, observations).actuals[2025]
    assert (actual.value, actual.period, actual.partial, actual.source) == (Decimal("84"), "Q3", True, "Q3")


def test_q4_wins_over_a_later_listed_quarter_and_full_year_over_q4():
    observations = [
        (2025, "Q4", "ふれあいサロン事業", [q("登録数", "87", "か所")]),
        (2025, "Q3", "ふれあいサロン事業", [q("登録数", "84", "か所")]),
        (2024, "Q4", "ふれあいサロン事業", [q("登録数", "90", "か所")]),
        (2024, "FY", "ふれあいサロン事業", [q("登録数", "91", "か所")]),
    ]
    actuals = link_actuals(SALON, observations).actuals
    assert (actuals[2025].value, actuals[2025].partial) == (Decimal("87"), False)
    assert (actuals[2024].value, actuals[2024].period) == (Decimal("91"), "FY")


def test_the_first_of_two_equal_observations_wins():
    observations = [
        (2024, "Q4", "ふれあいサロン事業", [q("登録数", "91", "か所")], "R6 report"),
        (2024, "Q4", "ふれあいサロン事業", [q("登録数", "90", "か所")], "R7 report, comparison column"),
    ]
    assert link_actuals(SALON, observations).actuals[2024].source == "R6 report"


def test_observations_without_the_quantity_are_listed_as_misses():
    link = IndicatorLink(
        indicator="市民後見人数", projects=("成年後見支援センター事業",), unit="人", label="市民後見人"
    )
    observations = [
        (2022, "FY", "成年後見支援センター事業", [q("独自分", "2", "件")], "001 R4"),
        (2025, "Q4", "成年後見支援センター事業", [q("市民後見人", "86", "件"), q("市民後見人", "46", "人")]),
    ]
    outcome = link_actuals(link, observations)
    assert list(outcome.actuals) == [2025]
    assert outcome.actuals[2025].value == Decimal("46")
    (miss,) = outcome.misses
    assert (miss.fiscal_year, miss.period, miss.source) == (2022, "FY", "001 R4")
    assert miss.reason == "No quantity with label 市民後見人 and unit 人."


_YAML_WORDS = (
    "links: |- |indicator: |project: |unit: |label: |part: |[|]|{|}|a|人|: |'|\"|&x |*x|? |1|yes|~|#"
)
_YAML_PIECES = st.sampled_from([*_YAML_WORDS.split("|"), "\n", "  ", "\t", "!!python/object "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_YAML_PIECES, st.text(max_size=5)), max_size=50))
def test_yaml_like_text_raises_only_the_projects_errors(pieces):
    with contextlib.suppress(SasaeaiError):
        read_links("".join(pieces).encode("utf-8"), "fuzz.yaml")


def test_deeply_nested_yaml_is_refused():
    with pytest.raises(ReaderError):
        read_links(b"links: " + b"[" * 5000 + b"]" * 5000, "deep.yaml")


def test_with_a_label_the_first_of_several_figures_is_taken_and_said():
    from decimal import Decimal

    from sasaeai.core import read_quantities
    from sasaeai.core.links import IndicatorLink, choose_quantity

    link = IndicatorLink(
        indicator="市民ボランティア講座参加者数",
        projects=("市民ボランティア講座",),
        label="参加者",
        unit="人",
    )
    choice = choose_quantity(
        link, read_quantities("7月21日開催 30名 【分科会】 ①「高齢化社会」1月16日開催 51名")
    )
    assert choice.quantity is not None and choice.quantity.value == Decimal(30)
    assert "first of 2" in choice.reason


def _quarters(*figures: tuple[int, str, str]) -> list[tuple[object, ...]]:
    return [
        (year, period, "ふれあいサロン事業", [q("登録数", value, "か所")], f"{year} {period}")
        for year, period, value in figures
    ]


def test_a_year_in_progress_carries_the_same_period_a_year_before():
    outcome = link_actuals(SALON, _quarters((2025, "Q2", "44"), (2024, "Q4", "91"), (2024, "Q2", "40")))
    in_progress = outcome.actuals[2025]
    assert (in_progress.value, in_progress.period, in_progress.partial) == (Decimal("44"), "Q2", True)
    assert in_progress.same_period_last_year == Decimal("40")
    assert (outcome.actuals[2024].value, outcome.actuals[2024].partial) == (Decimal("91"), False)


def test_quarters_of_their_own_are_summed_and_complete_with_four():
    figures = _quarters((2025, "Q1", "10"), (2025, "Q2", "12"), (2025, "Q3", "9"), (2025, "Q4", "11"))
    year = link_actuals(SALON, figures, year_value="sum").actuals[2025]
    assert (year.value, year.partial) == (Decimal("42"), False)
    half = link_actuals(
        SALON, figures[:2] + _quarters((2024, "Q1", "8"), (2024, "Q2", "10")), year_value="sum"
    )
    assert (half.actuals[2025].value, half.actuals[2025].partial) == (Decimal("22"), True)
    assert half.actuals[2025].same_period_last_year == Decimal("18")


def test_an_annual_figure_takes_the_full_year_or_fourth_quarter_only():
    outcome = link_actuals(SALON, _quarters((2025, "Q2", "44"), (2024, "FY", "90")), year_value="annual")
    assert list(outcome.actuals) == [2024]


def test_an_unknown_year_rule_is_a_programming_error():
    with pytest.raises(ValueError):
        link_actuals(SALON, [], year_value="weekly")
