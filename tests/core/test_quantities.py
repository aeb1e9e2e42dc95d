"""Quantities in Japanese text: phrases read from the seed reports by line and cell, and invented tricky ones."""

from decimal import Decimal

import pytest

from sasaeai.core import read_quantities
from tests.core.seed_text import SeedText, text_of

PHRASES = [
    (
        SeedText("000", 16, 6),
        [("289", "世帯", "登録世帯"), ("3121", "件", "配付利用者実績"), ("225", "件", "安否確認件数")],
    ),
    (SeedText("000", 6, 6), [("4", "回", "発行"), ("347400", "部", "発行")]),
    (SeedText("000", 6, 7), [("347200", "部", "発行")]),
    (
        SeedText("000", 33, 6),
        [
            ("86", "件", "市民後見人"),
            ("46", "人", "市民後見人"),
            ("38", "件", "後見支援員"),
            ("30", "人", "後見支援員"),
        ],
    ),
    (
        SeedText("000", 8, 6, 105, 156),
        [
            ("48", "件", "利用者"),
            ("48", "人", "ボラ登録者"),
            ("58", "回", "対応件数"),
            ("49", "匹", "猫"),
            ("18", "匹", "犬"),
        ],
    ),
    (
        SeedText("000", 8, 6, 217, 256),
        [
            ("1081", "人", "ボランティア活動者"),
            ("2", "箇所", "だけボラ農園"),
            ("5", "箇所", "だけボラ農園"),
            ("3", "箇所", "だけボラ農園"),
        ],
    ),
    (SeedText("000", 8, 6, 257, 287), [("244", "日", "活動日数"), ("384", "人", "利用者")]),
    (SeedText("000", 27, 6), [("12", "回", "開催"), ("196", "人", "参加者")]),
    (
        SeedText("000", 28, 6),
        [
            ("3", "回", "開催"),
            ("47", "人", "参加者"),
            ("3", "回", "フォローアップ研修"),
            ("7", "人", "参加者"),
        ],
    ),
    (SeedText("000", 25, 6), [("685", "人", "来場者"), ("62", "人", "個人"), ("34", None, "団体")]),
    (SeedText("000", 25, 7), [("571", "名", "来場者"), ("109", "名", "ボランティア")]),
    (
        SeedText("000", 26, 6),
        [("18", "校", "学校"), ("114", "学級", "学校"), ("4", "団体", "地域"), ("9", "人", "参加者")],
    ),
    (
        SeedText("001", 34, 9),
        [("114", "名", "求職者"), ("315", "件", "求人"), ("19", "件", "マッチング成功")],
    ),
    (
        "・子育て相談 月2回他随時 相談者 14人 ・ママカフェDAY:月1回",
        [("2", "回", "子育て相談"), ("14", "人", "相談者"), ("1", "回", "ママカフェDAY")],
    ),
    (SeedText("000", 23, 6), [("236", "件", "利用登録件数"), ("819", "件", "稼働件数")]),
    (SeedText("000", 23, 7), [("1073", "件", "延べ件数")]),
    (SeedText("000", 18, 8), [("18", "人", "参加"), ("14", "人", "参加")]),
    (SeedText("000", 18, 6), [("14", "人", "参加")]),
    (SeedText("000", 13, 6), [("47", "人", "参加者"), ("22", "人", "一般参加")]),
    (
        SeedText("000", 9, 6, 0, 38),
        [
            ("102", "件", "相談"),
            ("26", "件", "来所"),
            ("90", "件", "支援"),
            ("55", "件", "継続"),
            ("47", "件", "終了"),
        ],
    ),
    (SeedText("000", 9, 6, 59, 90), [("13", "日", "実施日数"), ("276", "人", "参加者")]),
    (SeedText("000", 9, 7, 142, 173), [("11", "日", "実施日数"), ("148", "人", "参加者数")]),
    (SeedText("000", 9, 7, 205, 228), [("5", "人", "参加者")]),
    (SeedText("000", 10, 6), [("46", "件", "預かり"), ("12", "件", "協力施設")]),
    (SeedText("000", 11, 6), [("87", "箇所", "登録数")]),
    (SeedText("000", 12, 5), [("244", "人", "登録数"), ("2", "回", "スキルアップ研修交流会")]),
    (SeedText("000", 20, 6, 27, 69), [("44", "名", "参加者")]),
    (
        SeedText("000", 21, 6, 75, 124),
        [("4", "家族", "参加者"), ("12", "名", "参加者"), ("35", "人", "参加者")],
    ),
    (
        SeedText("000", 31, 6),
        [
            ("122", "件", "苦社協受任"),
            ("4", "件", "厚真町"),
            ("5", "件", "安平町"),
            ("18", "件", "むかわ町"),
            ("3", "件", "監督"),
        ],
    ),
    (SeedText("000", 32, 6), [("4", "件", "新規数"), ("12", "件", "月預かり件数")]),
    (SeedText("000", 34, 6, 170, 184), [("67", "件", "苫小牧"), ("0", "件", "3町")]),
    (SeedText("000", 34, 6, 224, 257), [("2814", "件", "訪問対応")]),
    (
        SeedText("000", 35, 6, 0, 70),
        [
            ("3482", "件", "利用件数"),
            ("32785", "人", "利用者数"),
            ("2498925", "円", "利用料収入"),
            ("600142", "円", "参加料収入"),
            ("36", "サークル", "登録サークル"),
        ],
    ),
    (
        SeedText("000", 35, 6, 143, 165),
        [("4", "回", "ストレッチ講座"), ("10", "人", "参加"), ("38", "人", "参加")],
    ),
    (SeedText("000", 35, 7, 141, 162), [("15", "講座", "生涯学習講座"), ("191", "人", "参加者")]),
    (SeedText("000", 36, 6, 98, 130), [("334", "件", "回収")]),
    ("・2階会議室の照明の交換 ・4階倉庫の整理", []),
    (SeedText("000", 36, 6, 248, 284), [("24", "作品", "市民ギャラリー絵画展"), ("143", "人", "来場者")]),
    (
        SeedText("000", 17, 8, 86, 131),
        [("25", "名", "参加者"), ("6", "箇所", "配食事業所"), ("1", "カ所", "不参加")],
    ),
    ("３,１２１件", [("3121", "件", "")]),
    ("見守り協定締結率 87.25%", [("87.25", "%", "見守り協定締結率")]),
    ("委託事業費 8,210 千円", [("8210", "千円", "委託事業費")]),
    (SeedText("001", 33, 9), [("13", "校", ""), ("101", "学級", "")]),
    (SeedText("001", 28, 8, 0, 14), [("30", "名", "参加者")]),
    (SeedText("001", 14, 8), [("277", "世帯", "登録世帯"), ("3364", "件", "配付利用者実績")]),
    (SeedText("001", 54, 10), [("6170", "回", "派遣回数"), ("4834", None, "訪介"), ("1336", None, "総合")]),
    (
        SeedText("001", 37, 8),
        [
            ("6382900", "円", "納入額"),
            ("149", "件", "1号"),
            ("211", "件", "2号"),
            ("82", "件", "普通"),
            ("442", "件", "合計"),
        ],
    ),
    (SeedText("001", 35, 8, 0, 39), []),
    (SeedText("001", 36, 8), []),
    (SeedText("001", 35, 9, 0, 22), []),
    ("職員研修 6月3日、4日 「接遇に関する研修」出席42名", [("42", "名", "出席")]),
    (SeedText("001", 9, 6, 94, 139), []),
    ("平成31年3月 2019年度 令和元年 10:30～12:00 14時開催", []),
    ("3部会で話し合う 65歳以上の方 12時間営業", []),
    (SeedText("001", 8, 8, 91, 110), [("30", "名", "利用者")]),
    (SeedText("001", 17, 8, 13, 29), [("18", "名", "参加者"), ("25", "名", "参加者")]),
    ("受付件数 87", [("87", None, "受付件数")]),
    ("飼い主のいない猫 ５匹、犬２頭", [("5", "匹", "飼い主のいない猫"), ("2", "頭", "犬")]),
    (
        "新規登録者 8名 (3)11月5日開催 3家族9名",
        [("8", "名", "登録者"), ("3", "家族", "参加者"), ("9", "名", "参加者")],
    ),
    (
        "予算 1.5万円 達成率 106% 前年比 103%",
        [("1.5", "万円", "予算"), ("106", "%", "達成率"), ("103", "%", "前年比")],
    ),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=str)
def test_reads_value_unit_and_label(phrase, expected):
    found = [(str(q.value), q.unit, q.label) for q in read_quantities(text_of(phrase))]
    assert found == expected


def test_has_sixty_phrases_at_least():
    assert len(PHRASES) >= 60


@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        ("協力員延べ 2,345人", ["延べ"]),
        ("参加者 87人(延べ)", ["延べ"]),
        ("会員(累計) 52名", ["累計"]),
        ("相談 64件(内、電話 21件)", [None, "内"]),
        ("出動件数31回(内訳: 猫12匹、犬7匹)", [None, "内訳", "内訳"]),
        ("年6回発行", ["年"]),
        ("ママカフェDAY:月2回", ["月"]),
        ("計9回開催", ["計"]),
        ("新規登録者 8名", ["新規"]),
    ],
)
def test_reads_qualifiers(text, qualifiers):
    assert [q.qualifier for q in read_quantities(text)] == qualifiers


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("3月末:登録世帯 412世帯", ["3月末"]),
        ("9月末: 貸出 17件 9月末: 協力店 8件", ["9月末", "9月末"]),
        ("会員数…318件(3月末日現在)", ["3月末日"]),
        ("登録世帯 140世帯(9月末) 配達実績 2,090件", ["9月末", None]),
        ("出動件数(延べ)…356件(10月5日現在 速報)", ["10月5日"]),
    ],
)
def test_reads_as_of_dates(text, as_of):
    assert [q.as_of for q in read_quantities(text)] == as_of


def test_spans_point_into_the_original_text():
    text = "配達実績 ２,４０８件 見守り件数 131件"
    found = read_quantities(text)
    assert [text[q.start : q.end] for q in found] == ["２,４０８件", "131件"]
    assert found[0].value == Decimal(2408)
    assert found[0].source_text == "２,４０８件"


def test_labels_markers_with_the_items_the_caller_passes():
    found = read_quantities("① 23件 ② 41件", items=["見守り訪問の実施", "移動支援"])
    assert [q.label for q in found] == ["見守り訪問の実施", "移動支援"]


def test_labels_markers_of_a_section_with_an_outline():
    from sasaeai.core.markers import Outline

    outline = Outline.parse("(1) 相談 ① 個別相談 ② 訪問 (2) 会議 ① 「ケア会議」を開催する")
    found = read_quantities("(1) ① 12件 ② 3件 (2) ① 4回", items=outline.labels)
    assert [q.label for q in found] == ["個別相談", "訪問", "ケア会議"]


def test_an_unknown_marker_is_its_own_label():
    assert [q.label for q in read_quantities("③ 5件")] == ["③"]


def test_empty_text_has_no_quantities():
    assert read_quantities("") == []
    assert read_quantities("参加者 回") == []


def test_a_council_can_add_its_own_counter_words():
    text = "参加者 33名(区、3包括、9介護事業所)"
    assert [q.unit for q in read_quantities(text)] == ["名"]
    found = read_quantities(text, extra_units=["包括", "介護事業所"])
    assert [(int(q.value), q.unit) for q in found] == [(33, "名"), (3, "包括"), (9, "介護事業所")]


# (text, [(value, unit, label, qualifier, earlier)]): arrows, changes, heading counters, formulas, dates
WRITTEN_FORMS = [
    (
        "訪問回数 130→368 回(+238)",
        [("130", "回", "訪問回数", None, True), ("368", "回", "訪問回数", None, False),
         ("238", "回", "訪問回数", "増減", False)],
    ),
    ("1→1回(±0)", [("1", "回", "", None, True), ("1", "回", "", None, False), ("0", "回", "", "増減", False)]),
    ("相談件数 前年比 +12件", [("12", "件", "相談件数", "増減", False)]),
    ("相談件数 前年度 45件 → 今年度 52件", [("45", "件", "相談件数", None, True), ("52", "件", "相談件数", None, False)]),
    ("協力店 2箇所減", [("2", "箇所", "協力店", "増減", False)]),
    ("菜園 3箇所(6箇所→3箇所)", [("3", "箇所", "菜園", None, False), ("6", "箇所", "菜園", None, False),
                              ("3", "箇所", "菜園", None, False)]),
    (
        "助成金 50,000円×21地区(計1,050,000円)",
        [("50000", "円", "助成金", None, False), ("21", "地区", "助成金", None, False),
         ("1050000", "円", "助成金", "計", False)],
    ),
    (
        "貸出物品 件数 車いす 248 歩行器 31 合計 279",
        [("248", "件", "車いす", None, False), ("31", "件", "歩行器", None, False), ("279", "件", "合計", "合計", False)],
    ),
    ("部署名 人数 総務係 2 企画係 3", [("2", "人", "総務係", None, False), ("3", "人", "企画係", None, False)]),
    ("【単位:人】 相談員 4 支援員 12", [("4", "人", "相談員", None, False), ("12", "人", "支援員", None, False)]),
    ("予算 120,000円 執行 98,500", [("120000", "円", "予算", None, False), ("98500", None, "執行", None, False)]),
    ("6 月 25 日 開催 参加者 30人", [("30", "人", "参加者", None, False)]),
    ("R7.4.1 開始 第 3 回 会議 2025/4/1 受付", []),
    ("4/1～3/31 参加 12人", [("12", "人", "参加", None, False)]),
    ("福祉車両 の利用 34件", [("34", "件", "福祉車両の利用", None, False)]),
    ("令和 元 年 ６月 開始 登録 12人", [("12", "人", "登録", None, False)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), WRITTEN_FORMS)
def test_reads_arrows_changes_heading_counters_and_spaced_dates(text, expected):
    found = [(str(q.value), q.unit, q.label, q.qualifier, q.earlier) for q in read_quantities(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("相談件数", "件"),
        ("実績（人）", "人"),
        ("令和6年度実績 単位:円", "円"),
        ("実績", None),
        ("延べ人数", "人"),
    ],
)
def test_a_heading_gives_its_counter(heading, unit):
    from sasaeai.core.quantities import heading_unit

    assert heading_unit(heading) == unit


def test_a_column_counter_applies_to_labelled_bare_numbers_only():
    assert [(int(q.value), q.unit) for q in read_quantities("相談 87 第2回", default_unit="件")] == [
        (87, "件")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("延べ参加者数は1,240人で、前年度より112人増加した。", [("1240", "参加者数", "延べ"), ("112", "参加者数", "増減")]),
        ("相談は年間で326件あり、うち新規は84件だった。", [("326", "相談", "年間"), ("84", "相談", "新規")]),
        ("研修会を3回開催し、延べ96人が参加した。", [("3", "研修会", None), ("96", "参加", "延べ")]),
        ("12か所のサロンに延べ1,860人が参加。", [("12", "サロン", None), ("1860", "参加", "延べ")]),
        ("配布数 1万2千部 来場者 3万5000人 会員 2千人", [("12000", "配布数", None), ("35000", "来場者", None), ("2000", "会員", None)]),
    ],
)  # fmt: skip
def test_reads_figures_written_in_sentences_and_with_kanji_magnitudes(text, expected):
    assert [(str(q.value), q.label, q.qualifier) for q in read_quantities(text)] == expected


def test_labels_kana_markers_with_the_items_of_the_activities():
    from sasaeai.core.markers import Outline

    items = Outline.parse("ア 見守り訪問を行う イ 配食を届ける (ウ) 電話で相談に応じる").labels
    found = read_quantities("ア 12件 イ 340食 (ウ) 28件", items=items)
    assert [q.label for q in found] == ["見守り訪問を行う", "配食を届ける", "電話で相談に応じる"]
