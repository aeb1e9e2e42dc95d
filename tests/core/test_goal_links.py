"""Goal links between the city's plan and the council's practice plan (seed 003, chapter 5)."""

from __future__ import annotations

import pytest

from sasaeai.core.errors import ReaderError
from sasaeai.core.goal_links import goals_in_cell, read_goal_links


def test_seed_003_links_each_city_goal_to_council_goals(seed):
    path = seed("003")
    links = read_goal_links(path.read_bytes(), path.name)
    assert links["plans"] == ["第3期苫小牧市地域福祉計画", "第6期地域福祉実践計画"]
    got = [(link["left"]["number"], [goal["number"] for goal in link["right"]]) for link in links["links"]]
    assert got == [(1, [1, 2]), (2, [3, 4]), (3, [5, 6, 7])]
    assert links["links"][0]["left"]["title"] == "自分らしく生きるための仕組みづくり"
    assert links["links"][1]["right"][1]["title"] == "地域力を生かした支援体制の確立"


def test_goals_in_cell_reads_every_paragraph():
    cell = "<p>重点目標5 見守りの輪を広げる</p> <p>施策6 推進</p> <p>重点目標６ 相談窓口 の充実</p>"
    assert goals_in_cell(cell) == [
        {"kind": "重点目標", "number": 5, "title": "見守りの輪を広げる"},
        {"kind": "重点目標", "number": 6, "title": "相談窓口の充実"},
    ]


def test_document_without_linked_goals_is_refused():
    with pytest.raises(ReaderError):
        read_goal_links("基本目標1 だけ\t施策1\n".encode(), "x.txt")
