"""The life-cycle readers never raise anything but the project's own error, whatever the bytes."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from sasaeai.core.errors import SasaeaiError
from sasaeai.core.goal_links import read_goal_links
from sasaeai.core.kpi import read_kpi
from sasaeai.core.revisions import read_revisions

WORDS = ["事業項目", "現行", "変更内容", "追加・変更", "事業開始", "基本", "重点", "令和4年 9月", "目標", "実績",
         "達成率", "基本目標1", "重点目標2", "<p>", "</p>", "(本計画 P19)", "—", "1,000人", "106%", "-", "等"]  # fmt: skip
cells = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
HEADERS = [
    "",
    "\t事業項目\t現行事業計画\t変更・追加内容\t追加・変更\n",
    "基本\t重点\t事業項目\t事業開始\t事業内容\t担当\t事業区分\n",
    "\t目標・KPI\t目標\t実績\t達成率\n",
]
rows = st.lists(st.lists(cells, max_size=8).map("\t".join), max_size=30).map("\n".join)
documents = st.tuples(st.sampled_from(HEADERS), rows).map("".join)


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
