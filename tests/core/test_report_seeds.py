"""The seed reports read end to end: 000 against its gold file, 001 against written expectations."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json

import pytest

from sasaeai.core import read_report
from tests.conftest import SHARED
from tests.core.seed_text import seed_cell


def _scorer():
    path = SHARED / "tools" / "score_import.py"
    if not path.is_file():
        pytest.fail(f"{path} is missing: the gold comparison needs ../shared/tools")
    spec = importlib.util.spec_from_file_location("score_import", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(gold_path, document):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with contextlib.redirect_stdout(io.StringIO()):
        return _scorer().score_report(gold, document.to_json())


def test_seed_000_matches_the_gold_file(seed, gold):
    result = _score(gold("000_report.json"), read_report(seed("000")))
    assert result["projects"] == "26/26"
    assert result["header"] == "3/3"
    assert result["quantity_f1"] >= 0.99
    assert result["label_agreement"] >= 0.95
    assert result["row_fields"] >= 0.99


def test_seed_000_header_and_period(seed):
    document = read_report(seed("000"))
    assert (document.fiscal_year, document.period, document.comparison_fiscal_year) == (2025, "Q4", 2024)
    assert document.title == seed_cell("000", 3, 1).strip()


def test_seed_000_splits_name_number_department_and_carries_segments(seed):
    projects = {p.name: p for p in read_report(seed("000")).projects}
    kagi = projects["かぎ預かり事業"]
    assert (kagi.number, kagi.department, kagi.segment, kagi.service, kagi.plan_goal) == (
        2,
        "地域福祉課",
        "社会福祉事業拠点",
        "地域福祉推進事業",
        1,
    )
    # shifted one cell left in the export
    ikiiki = projects["介護支援いきいきポイント事業"]
    assert [(q.label, int(q.value), q.unit) for q in ikiiki.current] == [
        ("登録数", 244, "人"),
        ("スキルアップ研修交流会", 2, "回"),
    ]
    assert [(q.label, int(q.value)) for q in ikiiki.comparison] == [
        ("登録数", 284),
        ("スキルアップ研修交流会", 3),
    ]
    # 〃 and the merged continuation row
    center = projects["成年後見支援センター事業"]
    assert center.plan_goal == 1 and center.lines == [33, 34]
    # sub-projects listed as ② ③ in the activities cell
    assert projects["CSW事業"].number == 1 and projects["CSW事業"].line == 9


def _by_line(document):
    return {p.line: p for p in document.projects}


def _figures(quantities):
    return [(q.label, int(q.value), q.unit) for q in quantities]


def test_seed_001_finds_every_project(seed):
    document = read_report(seed("001"))
    assert (document.fiscal_year, document.period, document.comparison_fiscal_year) == (2022, "FY", 2021)
    names = [p.name for p in document.projects]
    assert len(names) == 39
    assert names[:3] == ["社協だより発行業務", "70周年記念事業", "生活支援コーディネーター受託事業"]
    for name in ["CSW事業", "傾聴ボランティア養成事業", "福祉人材バンク委託事業", "職員研修", "障がい事業"]:
        assert name in names
    assert names[-1] == "市民活動センター管理運営事業"


def test_seed_001_realigns_rows_shifted_left(seed):
    rows = _by_line(read_report(seed("001")))
    csw = rows[9]  # service cell missing: everything one cell left
    assert (csw.name, csw.number, csw.plan_goal, csw.service) == ("CSW事業", 2, 1, "地域福祉推進事業")
    assert _figures(csw.current)[0] == ("相談", 63, "件")
    assert _figures(csw.comparison)[0] == ("相談", 83, "件")
    listening = rows[18]  # two cells left
    assert (listening.name, listening.number) == ("傾聴ボランティア養成事業", 2)
    assert _figures(listening.current) == [("参加者", 54, "名")]
    assert _figures(listening.comparison) == [("参加者", 11, "名")]
    training = rows[39]
    assert (training.name, training.number) == ("職員研修", 5)
    assert _figures(training.current) == [("出席", 50, "名")]
    assert _figures(training.comparison) == [("出席", 49, "名")]


def test_seed_001_realigns_a_row_shifted_right(seed):
    bank = _by_line(read_report(seed("001")))[34]
    assert (bank.segment, bank.service, bank.number, bank.plan_goal) == (
        "社会福祉事業拠点",
        "福祉人材バンク事業",
        1,
        2,
    )
    assert _figures(bank.current) == [
        ("求職者", 114, "名"),
        ("求人", 315, "件"),
        ("マッチング成功", 19, "件"),
    ]
    assert bank.comparison == []
    assert bank.narrative == seed_cell("001", 34, 8).strip()


def test_seed_001_reads_results_split_over_two_cells(seed):
    rows = _by_line(read_report(seed("001")))
    assert _figures(rows[46].current) == [("車いす", 276, "台"), ("福祉車両", 36, "件")]
    assert _figures(rows[46].comparison) == [("車いす", 259, "台"), ("福祉車両", 44, "件")]
    assert rows[56].lines == [56, 57, 58]  # repeated name and a results-only continuation row


def test_seed_001_reads_list_markers_that_look_like_decimals(seed):
    school = _by_line(read_report(seed("001")))[33]
    assert [(int(q.value), q.unit) for q in school.comparison] == [(13, "校"), (101, "学級")]


# Every project of seed 001 as verified by hand against the document: (line, segment, service, number, name,
# plan_goal); no department is printed.  Line 7's plan cell is the title of 基本目標3 split from the number
# above it; line 56's service is named by the repeated row 57; lines 52–54 print no service and inherit it.
S, C, K, D = "社会福祉事業拠点", "市民相談事業拠点", "介護保険事業拠点", "指定管理事業拠点"
SEED_001_ROWS = [
    (6, S, "企画広報事業", 1, "社協だより発行業務", 3),
    (7, S, "企画広報事業", 2, "70周年記念事業", 3),
    (8, S, "地域福祉推進事業", 1, "生活支援コーディネーター受託事業", 2),
    (9, S, "地域福祉推進事業", 2, "CSW事業", 1),
    (10, S, "地域福祉推進事業", 3, "かぎ預かり事業", 1),
    (11, S, "地域福祉推進事業", 4, "ふれあいサロン事業", 2),
    (12, S, "地域福祉推進事業", 5, "介護支援いきいきポイント事業", 2),
    (13, S, "地域福祉推進事業", 6, "無縁仏供養法要事業", 1),
    (14, S, "高齢者福祉推進事業", 1, "愛の一声運動", 1),
    (15, S, "高齢者福祉推進事業", 2, "給食サービス事業", 1),
    (16, S, "高齢者福祉推進事業", 3, "在宅介護リフレッシュ事業", 1),
    (17, S, "ボランティアセンター事業", 1, "ボランティア体験プログラム事業", 2),
    (18, S, "ボランティアセンター事業", 2, "傾聴ボランティア養成事業", 2),
    (25, S, "ボランティアセンター事業", 3, "災害ボランティアセンターの整備", 2),
    (26, S, "ボランティアセンター事業", 4, "ボランティアスクール事業", 2),
    (27, S, "ボランティアセンター事業", 5, "雪かきボランティア事業", 1),
    (28, S, "ボランティアセンター事業", 6, "市民ボランティア講座開催", 2),
    (29, S, "ボランティアセンター事業", 7, "ボラセン・フェスティバル開催", 2),
    (30, S, "ボランティアセンター事業", 8, "ボラセン・ギャラリー開催", 2),
    (31, S, "ボランティアセンター事業", 9, "登録ボランティア研修交流会", 2),
    (32, S, "ボランティアセンター事業", 10, "点訳・朗読ボランティア養成事業", 2),
    (33, S, "ボランティアセンター事業", 11, "福祉学習推進事業", 2),
    (34, S, "福祉人材バンク事業", 1, "福祉人材バンク委託事業", 2),
    (35, S, "法人運営事業", 1, "理事会・評議員会", 3),
    (36, S, "法人運営事業", 2, "監事監査", 3),
    (37, S, "法人運営事業", 3, "社協会費募集", 3),
    (38, S, "法人運営事業", 4, "労務・財務管理", 3),
    (39, S, "法人運営事業", 5, "職員研修", 3),
    (46, S, "法人運営事業", 6, "福祉車両・車いすの貸出", 1),
    (47, C, "市民相談及び貸付事業", 1, "生活福祉資金・生活応急資金等貸付事業", 1),
    (48, C, "市民相談及び貸付事業", 2, "市民相談事業", 1),
    (49, C, "日常生活自立支援事業", 1, "日常生活自立支援事業", 3),
    (50, C, "日常生活自立支援事業", 2, "成年後見支援センター事業", 3),
    (51, K, "居宅介護支援事業", 1, "居宅介護支援事業", 1),
    (52, K, "居宅介護支援事業", 1, "介護認定訪問調査事業", 1),
    (53, K, "居宅介護支援事業", 1, "訪問介護事業", 1),
    (54, K, "居宅介護支援事業", 1, "障がい事業", 1),
    (55, D, "男女平等参画推進センター事業", 1, "男女平等参画推進センター事業", 3),
    (56, D, "市民活動センター管理運営事業", 1, "市民活動センター管理運営事業", 3),
]


def test_seed_001_row_fields_match_the_hand_checked_rows(seed):
    projects = read_report(seed("001")).projects
    read = [(p.line, p.segment, p.service, p.number, p.name, p.plan_goal) for p in projects]
    fields = sum(len(expected) - 2 for expected in SEED_001_ROWS) + len(SEED_001_ROWS)  # + department
    hits = sum(
        sum(a == b for a, b in zip(got[1:4] + got[5:], expected[1:4] + expected[5:], strict=True))
        for got, expected in zip(read, SEED_001_ROWS, strict=True)
    ) + sum(p.department is None for p in projects)
    assert len(read) == len(SEED_001_ROWS) and [r[4] for r in read] == [r[4] for r in SEED_001_ROWS]
    assert hits / fields >= 0.99
    assert read == SEED_001_ROWS


# Quantities of seed 001 checked by hand against the document, for rows whose results cells are plain:
# line -> (current, comparison) as (label, value, unit).
SEED_001_FIGURES = {
    6: ([("発行", 345200, "部")], [("発行", 344600, "部")]),
    10: ([("預かり", 31, "件"), ("協力施設", 12, "件")], [("預かり", 27, "件"), ("協力施設", 13, "件")]),
    11: ([("登録数", 78, "ヶ所")], [("登録数", 70, "ヶ所")]),
    13: ([("参加者", 26, "名")], []),
    14: ([("登録世帯", 277, "世帯"), ("配付利用者実績", 3364, "件")], [("登録世帯", 278, "世帯"), ("配付利用者実績", 3121, "件")]),
    15: ([("登録者", 307, "件"), ("配付利用者実績", 3492, "件")], [("登録者", 330, "件"), ("配付利用者実績", 3856, "件")]),
    16: ([("参加者", 21, "名"), ("参加者", 7, "名")], []),
    18: ([("参加者", 54, "名")], [("参加者", 11, "名")]),
    27: ([("延べ件数", 1749, "件")], [("延べ件数", 1609, "件")]),
    29: ([("参加者", 459, "名")], [("参加者", 443, "名")]),
    34: ([("求職者", 114, "名"), ("求人", 315, "件"), ("マッチング成功", 19, "件")], []),
    39: ([("出席", 50, "名")], [("出席", 49, "名")]),
    46: ([("車いす", 276, "台"), ("福祉車両", 36, "件")], [("車いす", 259, "台"), ("福祉車両", 44, "件")]),
    47: ([("相談", 1253, "件"), ("貸付", 250, "件")], [("相談", 2559, "件"), ("貸付", 840, "件")]),
    54: (
        [("派遣回数", 6117, "回"), ("訪介", 4820, "回"), ("総合", 1297, "回")],
        [("派遣回数", 6170, "回"), ("訪介", 4834, None), ("総合", 1336, None)],
    ),
    55: ([("利用件数", 4246, "件")], [("利用件数", 3307, "件")]),
}  # fmt: skip


def test_seed_001_figures_and_labels_on_hand_checked_rows(seed):
    scorer = _scorer()
    rows = _by_line(read_report(seed("001")))
    paired = agree = expected_count = found_count = 0
    for line, periods in SEED_001_FIGURES.items():
        for expected, quantities in zip(periods, (rows[line].current, rows[line].comparison), strict=True):
            gold = [{"label": label, "value": value, "unit": unit} for label, value, unit in expected]
            found = [q.to_json() for q in quantities]
            pairs, _, _ = scorer.pair(gold, found)
            paired += len(pairs)
            agree += sum(scorer.labels_agree(g["label"], p["label"]) for g, p in pairs)
            expected_count, found_count = expected_count + len(gold), found_count + len(found)
    assert paired == expected_count == found_count
    assert agree / paired >= 0.9
