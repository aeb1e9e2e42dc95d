"""The demo generator: a fictional city of the promised size, written the same way every time."""

from __future__ import annotations

import csv
from pathlib import Path

from sasaeai.demo import documents as demo
from sasaeai.demo.city import CITY_PLAN, PROJECTS, REPORT_YEARS


def _plan_counts(plan: dict) -> dict[str, int]:
    policies = [p for g in plan["goals"] for p in g["policies"]]
    approaches = [a for p in policies for a in p["approaches"]]
    indicators = [i for a in approaches for i in a["indicators"]]
    return {
        "goals": len(plan["goals"]),
        "policies": len(policies),
        "approaches": len(approaches),
        "items": sum(len(a["items"]) for a in approaches),
        "indicators": len(indicators),
        "parts": sum(len(i["parts"]) for i in indicators),
    }


def test_plan_has_the_promised_size():
    counts = _plan_counts(demo.plan_document())
    assert counts == {"goals": 3, "policies": 6, "approaches": 12, "items": 24, "indicators": 24, "parts": 25}


def test_every_indicator_has_an_r1_baseline_and_an_r8_target():
    for goal in demo.plan_document()["goals"]:
        for policy in goal["policies"]:
            for approach in policy["approaches"]:
                for indicator in approach["indicators"]:
                    for part in indicator["parts"]:
                        assert part["baseline"]["year"] == 2019
                        assert part["target"]["year"] == 2026


def test_city_is_not_a_real_one():
    text = repr(CITY_PLAN) + repr(PROJECTS)
    assert "苫小牧" not in text
    assert demo.CITY == "かえで市"


def test_writes_twelve_quarterly_reports_of_thirty_two_projects(tmp_path: Path):
    files = demo.write_demo_files(tmp_path)
    assert [p.name for p in files.reports] == [
        f"report_{year}_Q{quarter}.tsv" for year in REPORT_YEARS for quarter in (1, 2, 3, 4)
    ]
    for path in files.reports:
        rows = [r for r in csv.reader(path.open(encoding="utf-8"), delimiter="\t") if r]
        title, header, projects = rows[0], rows[1], rows[2:]
        assert "事業経過報告" in title[0]
        assert header[0] == "拠点区分" and header[-1].endswith("四半期実績")
        assert len(projects) == 32
        assert all(len(row) == len(header) for row in projects)


def test_narratives_and_results_contain_quantities(tmp_path: Path):
    rows = demo.report_rows(demo.Figures(), 2025, 4)
    header, projects = rows[0], rows[1:]
    assert header[5:] == ["令和7年度の事業実績内容", "令和7年度 第4四半期実績", "令和6年度 第4四半期実績"]
    salon = next(r for r in projects if "いきいきサロン支援事業" in r[2])
    assert salon[2] == "2 いきいきサロン支援事業 (地域福祉課)"
    assert salon[5].startswith("・サロン運営者の交流会を開き") and "今年度の登録サロンは" in salon[5]
    assert salon[6].startswith("3月末: 登録サロン ") and "参加者 " in salon[6]


def test_quarterly_figures_are_year_to_date_and_q4_is_the_year():
    figures = demo.Figures()
    project = next(p for p in PROJECTS if p.name == "コミュニティソーシャルワーカー事業")
    consult = project.measures[0]
    quarters = [figures.quarter(project, consult, 2024, q) for q in (1, 2, 3, 4)]
    assert quarters == sorted(quarters)
    assert quarters[-1] == figures.year(project, consult, 2024)


def test_an_event_is_reported_only_after_it_happened():
    figures = demo.Figures()
    course = next(p for p in PROJECTS if p.name == "市民ボランティア入門講座")  # held in July
    assert demo.results_cell(figures, course, 2025, 1) == "7月開催予定"
    assert demo.results_cell(figures, course, 2025, 2).startswith("7/")


def test_links_name_existing_indicators_and_projects():
    links = demo.links_document()["links"]
    names = {i.name for i in demo.indicators()}
    projects = {p.name: {m.label for m in p.measures} for p in PROJECTS}
    assert len(links) >= 20
    for link in links:
        assert link["indicator"] in names
        assert link["label"] in projects[link["project"]]


def test_same_seed_writes_the_same_bytes(tmp_path: Path):
    first = demo.write_demo_files(tmp_path / "a")
    second = demo.write_demo_files(tmp_path / "b")
    other = demo.write_demo_files(tmp_path / "c", seed=7)
    assert first.reports[5].read_bytes() == second.reports[5].read_bytes()
    assert first.reports[5].read_bytes() != other.reports[5].read_bytes()
