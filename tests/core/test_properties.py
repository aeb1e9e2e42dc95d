"""Property: whatever bytes or text they get, the readers raise nothing but the project's own error."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sasaeai.core import ReaderError, SasaeaiError, read_quantities, read_report_bytes
from sasaeai.core.markers import Outline

JAPANESE = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789０１２３,./:()（）～〜-人名件回日世帯箇所か所延べ計内①②③第号月末年度令和R拠点区分事業名実績\t\n 、。・※【】「」"
        )
    ),
    max_size=200,
)
HEADER = "拠点区分\t事業名\t計画体系\t実施事項\t実施内容\t令和7年度 第2四半期実績\t令和6年度 第2四半期実績\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.csv", "a.xlsx", "a.tsv", "a"]))
def test_report_reader_raises_only_its_own_error_on_bytes(data, name):
    with contextlib.suppress(SasaeaiError):
        read_report_bytes(data, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(JAPANESE, max_size=12))
def test_report_reader_raises_only_its_own_error_on_half_valid_tables(rows):
    data = (HEADER + "\n".join(rows)).encode("utf-8")
    try:
        document = read_report_bytes(data, "half.tsv")
    except ReaderError:
        return
    for project in document.projects:
        for q in project.current + project.comparison:
            assert 0 <= q.start <= q.end


@settings(max_examples=300, deadline=None)
@given(JAPANESE)
def test_quantity_reader_never_raises_and_spans_fit(text):
    for q in read_quantities(text, items=Outline.parse(text).labels):
        assert 0 <= q.start < q.end <= len(text)
        assert q.source_text == text[q.start : q.end]
