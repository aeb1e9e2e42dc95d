"""The plan reader: seed 003 against its gold file, another city's wording, the JSON form, broken input."""

from __future__ import annotations

import contextlib
import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sasaeai.core import ReaderError, SasaeaiError
from sasaeai.core.plan import read_plan, read_plan_file
from sasaeai.core.plan_indicators import read_parts

from .seed_text import seed_cell, seed_line, seed_lines


@pytest.fixture
def seed_plan(seed):
    return read_plan_file(seed("003"))


@pytest.fixture
def gold_plan(gold):
    return json.loads(gold("003_plan.json").read_text(encoding="utf-8"))


def approaches_of(plan):
    return [a for g in plan["goals"] for p in g["policies"] for a in p["approaches"]]


def indicators_of(plan):
    return [i for a in approaches_of(plan) for i in a["indicators"]]


def without_directions(value):
    if isinstance(value, dict):
        return {k: without_directions(v) for k, v in value.items() if k != "direction"}
    if isinstance(value, list):
        return [without_directions(v) for v in value]
    return value


def test_seed_003_counts(seed_plan):
    assert seed_plan["counts"] == {
        "goals": 3,
        "policies": 7,
        "approaches": 19,
        "items": 69,
        "indicators": 35,
        "indicator_parts": 41,
    }
    assert seed_plan["chapter"] == "第4章 施策の推進"


def test_seed_003_goal_policy_and_approach_titles_match_gold(seed_plan, gold_plan):
    def outline(plan):
        return [
            (
                g["number"],
                g["title"],
                [
                    (
                        p["number"],
                        p["title"],
                        [(a["number"], a["title"], a["departments"]) for a in p["approaches"]],
                    )
                    for p in g["policies"]
                ],
            )
            for g in plan["goals"]
        ]

    assert outline(seed_plan) == outline(gold_plan)


def test_seed_003_items_match_gold(seed_plan, gold_plan):
    def items(plan):
        return [item for a in approaches_of(plan) for item in a["items"]]

    mine, expected = items(seed_plan), items(gold_plan)
    assert [i["number"] for i in mine] == list(range(1, 70))
    assert mine == expected


def test_seed_003_indicators_and_parts_match_gold(seed_plan, gold_plan):
    mine, expected = indicators_of(seed_plan), indicators_of(gold_plan)
    assert [i["name"] for i in mine] == [i["name"] for i in expected]
    for indicator, wanted in zip(mine, expected, strict=True):
        assert without_directions(indicator["parts"]) == wanted["parts"], indicator["name"]


def test_seed_003_whole_tree_matches_gold(seed_plan, gold_plan):
    assert without_directions(seed_plan["goals"]) == gold_plan["goals"]


def test_seed_003_notes_name_the_misprints_and_the_missing_heading(seed_plan):
    notes = "\n".join(seed_plan["notes"])
    for line, printed, number in [
        (419, "①", 11),
        (444, "②", 12),
        (554, "⑩", 16),
        (608, "⑩", 18),
        (631, "⑱", 19),
    ]:
        assert f"line {line} is printed '取組方針{printed}'; it is approach {number}." in notes
    assert "施策6 is missing" in notes
    assert "marks approach 18 (雇用の安定・拡大と人材確保・育成) as 取組方針⑰" in notes


@pytest.mark.parametrize(
    ("indicator", "directions"),
    [
        ("市民後見人数", ["increase"]),
        ("交通安全教室開催数", ["decrease"]),
        ("巡回体制", ["maintain"]),
        ("福祉学習開催数", ["increase", "maintain"]),
        ("実務者ネットワーク会議開催回数", ["maintain"]),
        ("ふくし総合相談窓口機能の充実", ["increase"]),
        ("ケアマネジャーの質の向上", ["increase", "maintain"]),
    ],
)
def test_seed_003_part_directions(seed_plan, indicator, directions):
    (found,) = [i for i in indicators_of(seed_plan) if i["name"] == indicator]
    assert [part["direction"] for part in found["parts"]] == directions


# (baseline cell, target cell, [(label, baseline value, unit, target value, qualifier, direction)]);
# a cell given as (seed, line, column) is read from that seed document.
CELLS = [
    (("003", 130, 2), ("003", 130, 3), [(None, 160, "件", 180, None, "increase")]),
    (("003", 131, 2), ("003", 131, 3), [(None, None, None, None, None, "increase")]),
    (("003", 157, 2), ("003", 157, 3), [(None, None, "回", 1, None, "increase")]),
    (("003", 497, 2), ("003", 497, 3), [(None, 1, "回", 1, "以上", "maintain")]),
    (("003", 440, 2), ("003", 440, 3), [(None, 90.08, "%", 91, None, "increase")]),
    ("２４，３５５人", "４２，０００人", [(None, 24355, "人", 42000, None, "increase")]),
    (("003", 522, 2), ("003", 522, 3), [(None, 680, "回", None, None, "maintain")]),
    (("003", 545, 2), ("003", 545, 3), [(None, 321, "回", 320, None, "decrease")]),
    ("12件", "6件以下", [(None, 12, "件", 6, "以下", "decrease")]),
    ("—", "削減", [(None, None, None, None, None, "decrease")]),
    (
        ("003", 51, 3),
        ("003", 51, 4),
        [(None, 21, "校", 24, None, "increase"), (None, 150, "学級", 150, None, "maintain")],
    ),
    (
        ("003", 357, 2),
        ("003", 357, 3),
        [
            ("求職", 118, "人", 130, None, "increase"),
            ("求人", 241, "人", 250, None, "increase"),
            ("マッチング成功", 13, "件", 20, None, "increase"),
        ],
    ),
    ("令和4年度 30件", "令和8年度 40件", [(None, 30, "件", 40, None, "increase")]),
    (("003", 439, 2), ("003", 439, 3), [(None, 43, "町内会", 50, None, "increase")]),
]


def _text(cell):
    """A cell written in the test, or (seed, line, column) of a seed document."""
    return seed_cell(*cell) if isinstance(cell, tuple) else cell


@pytest.mark.parametrize(("baseline", "target", "expected"), CELLS)
def test_indicator_cells(baseline, target, expected):
    _, parts = read_parts("指標", _text(baseline), _text(target), (2019, 2026))
    assert [
        (
            p["label"],
            p["baseline"]["value"],
            p["baseline"]["unit"] or p["target"]["unit"],
            p["target"]["value"],
            p["target"].get("qualifier"),
            p["direction"],
        )
        for p in parts
    ] == expected
    assert all(p["baseline"]["year"] == 2019 and p["target"]["year"] == 2026 for p in parts)


def test_marker_labels_come_from_the_indicator_name():
    name, parts = read_parts(*(seed_cell("003", 156, column) for column in range(1, 4)), (2019, 2026))
    assert name == "ケアマネジャーの質の向上"
    assert [(p["label"], p["marker"], p["baseline"]["text"]) for p in parts] == [
        ("研修開催回数", "①", "① 1回"),
        ("ケアプラン点検数", "②", "② 40件"),
    ]


OTHER_CITY = """第3章 施策の展開

重点目標1 みんなで支える地域

施策1 見守りの充実

取組方針1 見守り体制の強化

担当課\t福祉課/市民課

{items_header}
1\t見守り訪問\t訪問を行います。\t福祉課
2\t安否確認の推進\t確認します。\t
\t\t(続き)\t

{indicators_heading}

指標\t現状値（令和5年度）\t目標値（令和11年度）
見守り協力事業所数\t120 事業所\t150 事業所
孤立死の件数\t12件\t6件以下
会議の開催\t年2回\t維持

施策2 参加の促進

取組方針2 参加の場づくり

担当課 市民課

{items_header}
3\tサロン支援\t支援します。\t市民課
"""


def other_city():
    """An invented chapter whose item tables and indicator heading are printed as the city plan prints them."""
    return OTHER_CITY.format(items_header=seed_line("003", 123), indicators_heading=seed_line("003", 127))


def test_another_citys_wording_is_read_by_the_same_rules():
    plan = read_plan(other_city().encode("utf-8"), "other.txt")
    assert plan["counts"] == {
        "goals": 1,
        "policies": 2,
        "approaches": 2,
        "items": 3,
        "indicators": 3,
        "indicator_parts": 3,
    }
    (goal,) = plan["goals"]
    assert (goal["number"], goal["title"]) == (1, "みんなで支える地域")
    first, second = approaches_of(plan)
    assert (first["printed_marker"], first["departments"], second["departments"]) == (
        "取組方針1",
        ["福祉課", "市民課"],
        ["市民課"],
    )
    assert first["items"][1] == {
        "number": 2,
        "title": "安否確認の推進",
        "departments": ["福祉課", "市民課"],
        "departments_inherited_from_approach": True,
    }
    parts = [i["parts"][0] for i in first["indicators"]]
    assert [(p["baseline"]["year"], p["target"]["year"]) for p in parts] == [(2023, 2029)] * 3
    assert [p["direction"] for p in parts] == ["increase", "decrease", "maintain"]
    assert first["indicators"][0]["summary"] is None
    assert plan["notes"] == []


SUMMARY_ONLY_GOALS = """{summary_heading}

基本目標2 安心のまち

施策4 移動の支援

取組方針\t指標\t基準値 (R2)\t目標値 (R7)
取組方針① 外出の支援\t送迎回数\t300回\t360回

施策4 移動の支援

取組方針①

外出の支援

担当課\t交通課

{items_header}
1\t送迎サービス\t送迎します。\t交通課
"""


def test_goals_missing_from_the_body_come_from_the_summary_list():
    text = SUMMARY_ONLY_GOALS.format(summary_heading=seed_line("003", 26), items_header=seed_line("003", 123))
    plan = read_plan(text.encode("utf-8"), "summary.txt")
    (goal,) = plan["goals"]
    assert (goal["number"], goal["title"]) == (2, "安心のまち")
    (approach,) = approaches_of(plan)
    (indicator,) = approach["indicators"]
    assert indicator["parts"][0]["baseline"]["year"] == 2020
    assert indicator["parts"][0]["target"]["year"] == 2025
    assert indicator["summary"]["source_line"] == 8
    assert indicator["summary_agrees"] is True
    assert plan["notes"] == [
        "No goal heading precedes 施策4; the summary list names its goal.",
        "Approach 1 has no indicator table; the summary list's rows are used.",
    ]


def test_the_json_form_is_validated_and_given_directions(gold):
    plan = read_plan(gold("003_plan.json").read_bytes(), "003_plan.json")
    assert plan["counts"]["indicator_parts"] == 41
    parts = [p for i in indicators_of(plan) for p in i["parts"]]
    assert {p["direction"] for p in parts} == {"increase", "decrease", "maintain"}


def test_the_json_form_round_trips_the_readers_output(seed_plan):
    again = read_plan(json.dumps(seed_plan, ensure_ascii=False).encode("utf-8"), "plan.json")
    assert again["goals"] == seed_plan["goals"]


def _break(plan, path, value):
    broken = copy.deepcopy(plan)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(broken, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("goals",), [], "goals is empty"),
        (("goals",), "x", "goals must be a list"),
        (("goals", 0, "title"), 3, "goals[0].title must be text"),
        (("goals", 0, "policies", 0, "number"), "1", "goals[0].policies[0].number must be a whole number"),
        (("goals", 0, "policies", 0, "approaches", 0, "items", 0, "departments"), "課", "must be a list"),
        (("goals", 0, "policies", 0, "approaches", 0, "indicators", 0, "parts"), [], "parts is empty"),
        (
            ("goals", 0, "policies", 0, "approaches", 0, "indicators", 0, "parts", 0, "baseline", "value"),
            "160",
            "baseline.value must be a number or null",
        ),
        (
            ("goals", 0, "policies", 0, "approaches", 0, "indicators", 0, "parts", 0, "direction"),
            "up",
            "direction must be increase, decrease or maintain",
        ),
        (("counts", "items"), 70, "counts say"),
    ],
)
def test_json_of_the_wrong_shape_is_refused_naming_the_path(gold_plan, path, value, where):
    with pytest.raises(ReaderError, match=where.replace("[", r"\[").replace("]", r"\]")) as caught:
        read_plan(_break(gold_plan, path, value), "plan.json")
    assert caught.value.message_ja


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x00\x01\x02\x03" * 64, "binary"),
        ("ただの文章です。\n計画ではありません。\n".encode(), "holds no plan"),
        ("基本目標1 目標だけ\n施策1 施策だけ\n".encode(), "holds no plan"),
        (b"{not json", "not valid JSON"),
        (b'{"goals": {}}', "goals must be a list"),
        (b"[" * 100_000, "holds no plan"),
        (b"{" + b'"a":[' * 50_000, "not valid JSON"),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "prose",
        "headings only",
        "broken json",
        "json shape",
        "brackets",
        "deep",
    ],
)
def test_broken_inputs_are_refused_with_one_sentence(data, message):
    with pytest.raises(ReaderError, match=message) as caught:
        read_plan(data, "plan.txt")
    assert "\n" not in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_the_projects_errors(data):
    with contextlib.suppress(SasaeaiError):
        read_plan(data, "random.bin")


def _plan_words():
    """Heading words, table headers (the city plan's own, read from the seed) and cell shapes."""
    headers = [seed_line("003", number) + "\n" for number in (123, 129, 17)]
    return st.sampled_from(
        [
            *("基本目標1 ", "施策2 ", "取組方針③ ", "取組項目① ", "担当課", "\t", "\n", "①", "R99"),
            *headers,
            "取組方針\t指標\t基準値\t目標値\n",
            *("令和0年", "12 件", "—", "年1回以上", "<p>", "1 ", "(No12 再掲)", "{", "55.5%"),
            *("第4章 x\n", "１２３"),
        ]
    )


_PLAN_WORDS = st.deferred(_plan_words)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PLAN_WORDS, st.text(max_size=8)), max_size=60))
def test_plan_like_text_raises_only_the_projects_errors(pieces):
    try:
        plan = read_plan("".join(pieces).encode("utf-8"), "fuzz.txt")
    except SasaeaiError:
        return
    assert plan["counts"]["approaches"] >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_seed_003_with_lines_dropped_raises_only_the_projects_errors(seed, data):
    lines = seed("003").read_text(encoding="utf-8").splitlines()
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    text = "\n".join(line for line, kept in zip(lines, keep, strict=True) if kept)
    with contextlib.suppress(SasaeaiError):
        read_plan(text.encode("utf-8"), "003.txt")


def test_seed_003_reads_the_same_with_bom_and_crlf(seed, seed_plan):
    data = seed("003").read_bytes()
    again = read_plan(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"), "003.txt")
    assert again["goals"] == seed_plan["goals"]


def test_seed_003_reads_the_same_as_shift_jis_where_it_can_be_encoded(seed, seed_plan):
    text = seed("003").read_text(encoding="utf-8").replace("—", "－")  # cp932 has no U+2014
    again = read_plan(text.encode("cp932"), "003.txt")
    assert again["counts"] == seed_plan["counts"]
    assert [i["name"] for i in indicators_of(again)] == [i["name"] for i in indicators_of(seed_plan)]


def _values(plan):
    return [
        (
            i["name"],
            p["label"],
            p["baseline"]["value"],
            p["target"]["value"],
            p["baseline"]["unit"],
            p["direction"],
        )
        for i in indicators_of(plan)
        for p in i["parts"]
    ]


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda text: (
            text.replace("取組方針", "取り組み方針")
            .replace("取組項目", "取り組み項目")
            .replace("担当課", "所管課")
            .replace("基準値", "現状値")
            .replace("基本目標", "重点目標")
        ),
        lambda text: text.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ],
    ids=["other words", "full-width digits"],
)
def test_seed_003_reworded_reads_the_same(seed, seed_plan, rewrite):
    again = read_plan(rewrite(seed("003").read_text(encoding="utf-8")).encode("utf-8"), "reworded.txt")
    assert again["counts"] == seed_plan["counts"]
    assert [(a["title"], a["departments"]) for a in approaches_of(again)] == [
        (a["title"], a["departments"]) for a in approaches_of(seed_plan)
    ]
    assert _values(again) == _values(seed_plan)


SYSTEM_WITH_NUMBERS_IN_TITLES = """{system_header}
<p>1 支え合い</p>\t<p>1 8050 問題への対応 2 見守り</p>

施策1 支え合い

取組方針①

8050 問題への対応（ひきこもり支援計画）

取組方針②

見守り
"""


def test_system_table_titles_may_hold_numbers_and_split_subtitles():
    text = SYSTEM_WITH_NUMBERS_IN_TITLES.format(system_header=seed_line("003", 17))
    plan = read_plan(text.encode("utf-8"), "system.txt")
    first, second = approaches_of(plan)
    assert (first["title"], first["subtitle"]) == ("8050 問題への対応", "ひきこもり支援計画")
    assert second["title"] == "見守り"
    assert "subtitle" not in second


def test_the_summary_list_alone_builds_the_plan_when_the_text_heads_no_approach():
    text = "\n".join(seed_lines("003")[:95])  # the chapter up to the end of its summary list of 評価指標
    plan = read_plan(text.encode("utf-8"), "summary-only.txt")
    assert plan["counts"] == {
        "goals": 3,
        "policies": 7,
        "approaches": 16,
        "items": 0,
        "indicators": 35,
        "indicator_parts": 41,
    }
    first = approaches_of(plan)[0]
    assert (first["number"], first["title"], first["printed_marker"]) == (
        1,
        "包括的な支援を行う体制づくり",
        "取組方針①",
    )


def test_a_bare_number_beside_a_counted_one_takes_its_unit():
    _, (part,) = read_parts("相談件数", "160件", "180", (2019, 2026))
    assert (part["baseline"]["unit"], part["target"]["unit"], part["target"]["value"]) == ("件", "件", 180)
