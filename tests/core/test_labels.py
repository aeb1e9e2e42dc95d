"""Each rule of the label registry on a phrase where it alone decides (invented phrases, no seed text)."""

from __future__ import annotations

import pytest

from sasaeai.core import labels, read_quantities

# rule name -> (text, items for markers, the label of each quantity)
CASES = {
    "after_unit": ("9件受付", None, ["受付"]),
    "marker": ("② 31件", ["見守り訪問", "電話相談"], ["電話相談"]),
    "before_date": ("写真展10/2～10/6 18作品", None, ["写真展"]),
    "before_total": ("配布 計5,200部", None, ["配布"]),
    "qualifier_parentheses": ("650件(延べ相談件数)", None, ["延べ相談件数"]),
    "parentheses_after": ("14人(見学者)", None, ["見学者"]),
    "formula_total": ("助成金 30,000円×12地区(計360,000円)", None, ["助成金", "助成金", "助成金"]),
    "total": ("合計 58件", None, ["合計"]),
    "previous": ("見学者12名(延べ30名)", None, ["見学者", "見学者"]),
}


def test_every_rule_has_a_case():
    assert [name for name, _ in labels.LABEL_RULES] == list(CASES)


@pytest.mark.parametrize("rule", list(CASES))
def test_rule_names_the_quantity(rule):
    text, items, expected = CASES[rule]
    assert [q.label for q in read_quantities(text, items=items)] == expected


@pytest.mark.parametrize("rule", list(CASES))
def test_without_the_rule_the_label_is_lost(rule, monkeypatch):
    text, items, expected = CASES[rule]
    others = tuple((name, function) for name, function in labels.LABEL_RULES if name != rule)
    monkeypatch.setattr(labels, "LABEL_RULES", others)
    assert [q.label for q in read_quantities(text, items=items)] != expected


def test_words_before_the_number_come_before_every_rule():
    # "参加者" stands before the number, so the word after the counter (受付) is not used
    assert [q.label for q in read_quantities("参加者 12人受付")] == ["参加者"]


def test_a_rule_that_finds_only_a_qualifier_keeps_it():
    (found,) = read_quantities("14人(延べ)")
    assert (found.label, found.qualifier) == ("", "延べ")


def test_a_verb_label_for_people_counts_those_who_came():
    assert [q.label for q in read_quantities("5/12開催 27名")] == ["参加者"]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("登録世帯 ", ("登録世帯", None, "")),
        ("利用者延べ ", ("利用者", "延べ", "")),
        ("配布 計", ("", "計", "配布")),
        ("(延べ", ("", "延べ", "")),
        ("11協力店", ("協力店", None, "")),
    ],
)
def test_label_from_window_reads_the_words_before_the_number(window, expected):
    assert labels.label_from_window(window) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("41号～44号配布 計9,800部", ["配布"]),  # a serial range is no label when words follow it
        ("2号 37件", ["2号"]),  # but names the class counted when nothing else does
        ("10月2日開催(中学生の部) 14名", ["中学生の部"]),
        ("相談室(北区) 22件", ["相談室(北区)"]),
        ("訪問 2019年度から累計 412回", ["訪問"]),
        ("受講者 今期 36人", ["受講者"]),
    ],
)
def test_labels_skip_serials_periods_and_verbs(text, expected):
    assert [q.label for q in read_quantities(text)] == expected
