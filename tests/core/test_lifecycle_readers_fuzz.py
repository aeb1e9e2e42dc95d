"""The life-cycle readers never raise anything but the project's own error, whatever the bytes."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from sasaeai.core.errors import SasaeaiError
from sasaeai.core.goal_links import read_goal_links
from sasaeai.core.kpi import read_kpi
from sasaeai.core.revisions import read_revisions

from .seed_text import seed_line

WORDS = ["事業項目", "現行", "変更内容", "追加・変更", "事業開始", "基本", "重点", "令和4年 9月", "目標", "実績",
         "達成率", "基本目標1", "重点目標2", "<p>", "</p>", "(本計画 P19)", "—", "1,000人", "106%", "-", "等"]  # fmt: skip
cells = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
# The header rows of the mid-term review and the KPI sheet, read from the seeds when first drawn.
HEADER_LINES = [("002", 80), ("002", 99), ("004", 30)]
headers = st.deferred(lambda: st.sampled_from(["", *(seed_line(*where) + "\n" for where in HEADER_LINES)]))
rows = st.lists(st.lists(cells, max_size=8).map("\t".join), max_size=30).map("\n".join)
documents = st.tuples(headers, rows).map("".join)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_readers_raise_only_their_own_error_on_text(text):
    for reader in (read_revisions, read_kpi, read_goal_links):
        with contextlib.suppress(SasaeaiError):
            reader(text.encode("utf-8"), "fuzz.txt")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_readers_raise_only_their_own_error_on_bytes(data):
    for reader in (read_revisions, read_kpi, read_goal_links):
        with contextlib.suppress(SasaeaiError):
            reader(data, "fuzz.txt")
