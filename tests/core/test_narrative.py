"""The drafted evaluation text: which sentence fits which numbers, and its facts are the evaluation's."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sasaeai.core.errors import ReaderError
from sasaeai.core.evaluation import Actual, IndicatorPart, Measure, evaluate_part
from sasaeai.core.narrative import (
    PLACEHOLDERS,
    SHIPPED_WORDING,
    WORDING_ENVIRONMENT,
    _wording_from,
    draft_approach_text,
    draft_part_text,
    read_wording,
    wording,
)
from sasaeai.core.periods import FiscalYear


def _part(
    direction: str, baseline: int | str | None, target: int | str | None, unit: str = "件"
) -> IndicatorPart:
    def measure(year: int, value: int | str | None) -> Measure:
        return Measure(year, None if value is None else Decimal(str(value)), "" if value is not None else "—")

    return IndicatorPart(None, unit, direction, measure(2019, baseline), measure(2026, target))  # type: ignore[arg-type]


def _text(part: IndicatorPart, *actuals: Actual, year: int | None = None) -> str:
    return draft_part_text(evaluate_part(part, actuals), year)


def _year(year: int, value: int | str, **more: object) -> Actual:
    return Actual(year, Decimal(str(value)), **more)  # type: ignore[arg-type]


def test_the_example_of_the_issue_reads_word_for_word() -> None:
    text = _text(_part("increase", 120, 200), _year(2023, 170), _year(2024, 206))
    assert (
        text
        == "令和6年度の実績は206件で、目標値200件を上回りました（達成率103%）。基準値120件から順調に増加しています。"
    )


@pytest.mark.parametrize(
    "part, actuals, expected",
    [
        (
            _part("increase", 120, 200),
            [_year(2024, 200)],
            "令和6年度の実績は200件で、目標値200件を達成しました（達成率100%）。基準値120件から順調に増加しています。",
        ),
        (
            _part("increase", 120, 200),
            [_year(2023, 130), _year(2024, 140)],
            "令和6年度の実績は140件で、目標値200件には届いていません（達成率70%）。"
            "基準値120件から増加していますが、目標年度に向けた計画どおりの伸びには届いていません。"
            "この傾向が続くと、令和8年度には目標値に届かない見込みです。",
        ),
        (
            _part("increase", 120, 200),
            [_year(2023, 150), _year(2024, 180)],
            "令和6年度の実績は180件で、目標値200件には届いていません（達成率90%）。基準値120件から順調に増加しています。"
            "この傾向が続くと、令和8年度には目標値に届く見込みです。",
        ),
        (
            _part("increase", 120, 200),
            [_year(2024, 120)],
            "令和6年度の実績は120件で、目標値200件には届いていません（達成率60%）。基準値120件とほぼ同じ水準です。",
        ),
        (
            _part("increase", 120, 200),
            [_year(2024, 100)],
            "令和6年度の実績は100件で、目標値200件には届いていません（達成率50%）。基準値120件より減少しています。",
        ),
        (
            _part("decrease", 50, 30, "人"),
            [_year(2024, 28)],
            "令和6年度の実績は28人で、目標値30人を下回り、目標を達成しました。基準値50人から順調に減少しています。",
        ),
        (
            _part("decrease", 50, 30, "人"),
            [_year(2024, 52)],
            "令和6年度の実績は52人で、目標値30人をまだ上回っています。基準値50人より増加しています。",
        ),
        (
            _part("maintain", 80, 80, "%"),
            [_year(2024, "75.5")],
            "令和6年度の実績は75.5%で、基準値80%の水準から4.5ポイント離れています。",
        ),
        (
            _part("maintain", 80, 80, "%"),
            [_year(2024, "80.4")],
            "令和6年度の実績は80.4%で、基準値80%の水準を保っています。",
        ),
        (
            _part("increase", 120, None),
            [_year(2024, 1234)],
            "令和6年度の実績は1,234件です。",
        ),
        (
            _part("increase", None, 200),
            [_year(2024, 90)],
            "令和6年度の実績は90件で、目標値200件には届いていません（達成率45%）。",
        ),
    ],
)
def test_each_situation_has_its_sentence(part: IndicatorPart, actuals: list[Actual], expected: str) -> None:
    assert _text(part, *actuals) == expected


def test_a_year_in_progress_is_told_beside_last_years_same_quarter_and_never_graded() -> None:
    part = _part("increase", 120, 200)
    partial = _year(2025, 115, partial=True, period="Q2", same_period_last_year=Decimal(100))
    text = _text(part, _year(2024, 206), partial)
    assert text.endswith("令和7年度は第2四半期までで115件です（前年同期100件）。")
    assert "令和7年度の実績" not in text
    alone = _text(part, _year(2025, 61, partial=True, period="Q1"))
    assert alone == "令和7年度までに1年分の実績はまだありません。令和7年度は第1四半期までで61件です。"


def test_the_text_is_of_the_years_up_to_the_one_asked() -> None:
    part = _part("increase", 120, 200)
    actuals = (_year(2023, 170), _year(2024, 150))
    assert _text(part, *actuals, year=2023).startswith("令和5年度の実績は170件")
    assert "見込み" not in _text(part, *actuals, year=2023)  # one year draws no line
    assert _text(part, *actuals, year=2022) == "令和4年度までに1年分の実績はまだありません。"


def test_no_rate_when_the_target_is_zero() -> None:
    text = _text(_part("decrease", 5, 0, "人"), _year(2024, 0))
    assert text.startswith("令和6年度の実績は0人で、目標値0人を達成しました。")


def test_an_approach_counts_its_grades_and_names_its_rollup() -> None:
    text = draft_approach_text(["達成", "a", "c", "未評価"], "B")
    assert (
        text
        == "この取組方針の評価指標4項目は達成1項目、順調1項目、悪化1項目、未評価1項目で、総合評価はB（概ね順調）です。"
    )
    assert (
        draft_approach_text(["未評価"], None)
        == "この取組方針の評価指標には、まだ評価できる1年分の実績がありません。"
    )


# --- the facts of any text are the evaluation's -------------------------------------------------

values = st.integers(min_value=0, max_value=5000)


@settings(max_examples=200, deadline=None)
@given(
    direction=st.sampled_from(["increase", "decrease", "maintain"]),
    baseline=values,
    target=values,
    actuals=st.dictionaries(st.integers(min_value=2019, max_value=2026), values, min_size=1, max_size=5),
)
def test_every_figure_in_a_text_is_the_evaluations(
    direction: str, baseline: int, target: int, actuals: dict[int, int]
) -> None:
    part = _part(direction, baseline, target)
    evaluation = evaluate_part(part, [_year(y, v) for y, v in actuals.items()])
    text = draft_part_text(evaluation)
    latest = evaluation.actuals[-1]
    assert text.startswith(f"{FiscalYear(latest.fiscal_year).era_label()}の実績は{latest.value:,}件")
    numbers = {int(n.replace(",", "")) for n in re.findall(r"([\d,]+)件", text)}
    assert numbers <= {baseline, target, int(latest.value), abs(int(latest.value) - baseline)}
    rate = re.search(r"達成率(\d+)%", text)
    if rate:
        assert direction == "increase" and latest.achievement_rate is not None
        assert int(rate.group(1)) == int(
            (latest.achievement_rate * 100).quantize(Decimal(1), rounding="ROUND_HALF_UP")
        )
    reached = "を上回りました" in text or "を達成しました" in text or "目標を達成しました" in text
    assert reached == (latest.grade == "達成") or direction == "maintain" or baseline == target


# --- the wording a council may change -----------------------------------------------------------


def test_a_councils_wording_replaces_only_the_sentences_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "wording.toml"
    path.write_text(
        '[result]\nabove_target = "{year}は{actual}。目標{target}を超えました{rate_note}。"\n', "utf-8"
    )
    monkeypatch.setenv(WORDING_ENVIRONMENT, str(path))
    _wording_from.cache_clear()
    try:
        text = _text(_part("increase", 120, 200), _year(2024, 206))
        assert (
            text
            == "令和6年度は206件。目標200件を超えました（達成率103%）。基準値120件から順調に増加しています。"
        )
        assert (
            wording().sections["trend"]["level"]
            == read_wording(SHIPPED_WORDING.read_text("utf-8"), "x").sections["trend"]["level"]
        )
    finally:
        monkeypatch.delenv(WORDING_ENVIRONMENT)
        _wording_from.cache_clear()


@pytest.mark.parametrize(
    "text, words",
    [
        ('[result]\nabove = "x"\n', "unknown key result.above"),
        ('[results]\nabove_target = "x"\n', "unknown section [results]"),
        ('[result]\nabove_target = "{year}{gap}"\n', "uses {gap}, which it cannot"),
        ('[result]\nabove_target = "{year"\n', "unmatched brace"),
        ("[result\n", "not valid TOML"),
    ],
)
def test_a_wrong_wording_file_is_refused_with_one_sentence(text: str, words: str) -> None:
    shipped = read_wording(SHIPPED_WORDING.read_text("utf-8"), "shipped")
    with pytest.raises(ReaderError) as refused:
        read_wording(text, "wording.toml", shipped)
    assert words in str(refused.value)


def test_the_shipped_wording_has_every_sentence() -> None:
    with pytest.raises(ReaderError, match="lacks"):
        read_wording('[result]\nabove_target = "x"\n', "partial.toml")
    read_wording(SHIPPED_WORDING.read_text("utf-8"), SHIPPED_WORDING.name)


def test_the_docs_list_every_key_and_its_placeholders() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "evaluation-text.md").read_text(encoding="utf-8")
    for section, keys in PLACEHOLDERS.items():
        for key, allowed in keys.items():
            names = ", ".join(f"`{{{name}}}`" for name in sorted(allowed)) or "—"
            assert f"| `{section}.{key}` | {names} |" in docs


def test_sasaeai_check_names_a_broken_wording_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sasaeai.cli import main

    path = tmp_path / "wording.toml"
    path.write_text('[result]\nabove_target = "{year}{gap}"\n', "utf-8")
    monkeypatch.setenv(WORDING_ENVIRONMENT, str(path))
    _wording_from.cache_clear()
    try:
        assert main(["check"]) != 0
        assert "uses {gap}, which it cannot" in capsys.readouterr().err
    finally:
        monkeypatch.delenv(WORDING_ENVIRONMENT)
        _wording_from.cache_clear()
