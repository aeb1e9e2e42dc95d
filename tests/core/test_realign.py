"""Results printed a row off, put back block by block; what stays doubtful is reported."""

from __future__ import annotations

from sasaeai.core import read_report, read_report_bytes
from sasaeai.core.consistency import report_rows, result_alignment_findings
from sasaeai.core.realign import ProjectRow, clean_blocks, moved_blocks, realign_results
from tests.core.shifted_tables import invented_rows, shifted_tables

HEADER = "令和6年度 事業実績報告\n事業名\t具体的な実施事項\t事業実績内容\t令和6年度実績\n"


def _report(rows):
    lines = (f"{r.name}\t{r.activities}\t{r.narrative}\t{r.result}" for r in rows)
    return read_report_bytes((HEADER + "\n".join(lines)).encode(), "shifted.tsv")


def test_the_reader_puts_back_nine_in_ten_shifted_rows():
    original = invented_rows()
    tables = shifted_tables()
    assert len(tables) >= 15
    put_back = total = 0
    for rows, moved in tables:
        projects = _report(rows).projects
        for k in moved:
            total += 1
            put_back += projects[k].current_text == original[k].result
    assert put_back / total >= 0.9


def test_an_unshifted_table_is_left_as_it_is():
    rows = invented_rows()
    assert moved_blocks(realign_results(rows)) == []
    assert [p.current_text for p in _report(rows).projects] == [r.result for r in rows]


def test_a_block_moves_as_a_whole():
    rows, moved = next((rows, moved) for rows, moved in shifted_tables() if len(moved) >= 3)
    placements = realign_results(rows)
    assert {k: placements[k].row for k in moved} == moved
    assert len(moved_blocks(placements)) == 1


def test_the_quantities_follow_their_project():
    rows, moved = shifted_tables()[0]
    projects = _report(rows).projects
    for k in moved:
        assert projects[k].current, projects[k].name
        assert all(q.source_text in invented_rows()[k].result for q in projects[k].current)


def test_findings_name_the_moved_block():
    rows, moved = shifted_tables()[0]
    findings = result_alignment_findings(rows)
    moved_findings = [f for f in findings if f.kind == "moved_results"]
    assert moved_findings and moved_findings[0].details["projects"][0] == rows[min(moved)].name
    assert moved_findings[0].message_ja.endswith("。")


def test_a_result_that_fits_two_projects_equally_is_doubtful():
    rows = [
        ProjectRow("配食サービス", "弁当を届ける。", "", "弁当 配達 120食"),
        ProjectRow("弁当の配達", "弁当を配達する。", "", "配達 80回"),
    ]
    kinds = {f.kind for f in result_alignment_findings(rows)}
    assert "doubtful_result" in kinds


def test_the_seed_reports_have_no_block_to_put_back(seed):
    for prefix in ("000", "001"):
        rows = report_rows(read_report(seed(prefix)))
        assert clean_blocks(rows, realign_results(rows)) == []
