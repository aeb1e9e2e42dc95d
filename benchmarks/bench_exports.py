"""Time to export a generated 100-project report as xlsx and as PDF (targets: xlsx < 0.5 s, PDF < 3 s).

Runs alone (``.venv/bin/python benchmarks/bench_exports.py``) or from ``benchmarks/run.py``
(``main()``).  The report is deterministic (a fixed random seed), with narratives
as long as the council's; nothing touches a database.  Prints figures only.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

PROJECTS = 100
XLSX_RUNS = 20
PDF_RUNS = 7
TARGETS = {"xlsx": 0.5, "pdf": 3.0}

_WORDS = (
    "地域の見守り活動を継続し、関係機関と連携して支援を行った。",
    "町内会や民生委員と情報を共有し、孤立の防止に取り組んだ。",
    "ボランティアの養成講座を開催し、新たな担い手の確保に努めた。",
    "広報紙とホームページで事業の周知を図り、参加者が増加した。",
    "感染症対策を講じながら、サロン活動の再開を支援した。",
    "相談窓口に寄せられた課題を整理し、個別支援につなげた。",
)
_UNITS = (
    ("参加者", "人"),
    ("開催", "回"),
    ("相談", "件"),
    ("登録世帯", "世帯"),
    ("配食", "食"),
    ("登録", "団体"),
)
_SEGMENTS = ("社会福祉事業拠点", "公益事業拠点", "収益事業拠点")
_SERVICES = ("地域福祉推進事業", "ボランティア活動推進事業", "権利擁護事業", "在宅福祉サービス事業")
_DEPARTMENTS = ("地域福祉課", "総務課", "ボランティアセンター", "権利擁護センター")


def _quantities(rng: random.Random) -> list[object]:
    from sasaeai.core.records import Quantity

    chosen = rng.sample(_UNITS, rng.randint(2, 5))
    return [Quantity(Decimal(rng.randint(1, 5000)), unit, label) for label, unit in chosen]


def _text(quantities: list[object]) -> str:
    return " ".join(f"{q.label} {q.value:,}{q.unit}" for q in quantities)  # type: ignore[attr-defined]


def generated_sheet(projects: int = PROJECTS) -> object:
    """A deterministic FY2025 Q4 report of ``projects`` projects, with FY2024 beside it."""
    from sasaeai.core.periods import FiscalYear, Period
    from sasaeai.core.records import ProjectEntry
    from sasaeai.exports.report_sheet import ReportSheet

    rng = random.Random(2025)
    entries = []
    for number in range(1, projects + 1):
        current, previous = _quantities(rng), _quantities(rng)
        entries.append(
            ProjectEntry(
                line=number,
                name=f"地域支えあい推進事業{number}",
                segment=rng.choice(_SEGMENTS),
                service=rng.choice(_SERVICES),
                number=number,
                department=rng.choice(_DEPARTMENTS),
                plan_goal=rng.randint(1, 3),
                plan_text=f"基本目標{rng.randint(1, 3)} 笑顔あふれる地域づくり",
                activities="".join(rng.choices(_WORDS, k=rng.randint(2, 4))),
                narrative="・" + "・".join(rng.choices(_WORDS, k=rng.randint(4, 9))),
                current_text=_text(current),
                comparison_text=_text(previous),
                current=current,  # type: ignore[arg-type]
                comparison=previous,  # type: ignore[arg-type]
            )
        )
    fiscal_year = FiscalYear(2025)
    return ReportSheet("架空市社会福祉協議会", Period(fiscal_year, 4), Period(FiscalYear(2024), 4), entries)


def generated_plan(goals: int = 3) -> tuple[dict[str, object], dict[tuple[str, None], list[object]]]:
    """A plan of ``goals`` × 2 policies × 2 approaches × 3 indicators, with four years of actuals each."""
    from sasaeai.core.evaluation import Actual

    rng = random.Random(2026)
    actuals: dict[tuple[str, None], list[object]] = {}

    def indicator(name: str) -> dict[str, object]:
        baseline = rng.randint(10, 500)
        target = baseline + rng.randint(-20, 200)
        actuals[(name, None)] = [
            Actual(year, Decimal(baseline + rng.randint(-30, 150))) for year in range(2021, 2025)
        ]
        return {
            "name": name,
            "parts": [
                {
                    "label": None,
                    "baseline": {"year": 2019, "value": baseline, "unit": "人", "text": f"{baseline}人"},
                    "target": {"year": 2026, "value": target, "unit": "人", "text": f"{target}人"},
                }
            ],
        }

    def approach(path: str, number: int) -> dict[str, object]:
        names = [f"指標{path}-{number}-{i}" for i in range(1, 4)]
        return {"number": number, "title": f"取組方針{number}", "indicators": [indicator(n) for n in names]}

    plan = {
        "goals": [
            {
                "number": g,
                "title": f"基本目標{g}",
                "policies": [
                    {
                        "number": p,
                        "title": f"施策{p}",
                        "approaches": [approach(f"{g}-{p}", a) for a in (1, 2)],
                    }
                    for p in (1, 2)
                ],
            }
            for g in range(1, goals + 1)
        ]
    }
    return plan, actuals


def bench_indicator_sheet() -> None:
    from sasaeai.exports.charts import forget_drawn_charts
    from sasaeai.exports.evaluation_sheet import SheetPart, sheet_from_plan_json
    from sasaeai.exports.formats import EVALUATION_FORMATS

    plan, actuals = generated_plan()
    sheet = sheet_from_plan_json(plan, actuals, title="架空市地域福祉計画")  # type: ignore[arg-type]
    parts = sum(1 for _ in sheet.parts())
    forget_drawn_charts()
    started = time.perf_counter()
    EVALUATION_FORMATS["pdf"].write(sheet)
    cold = time.perf_counter() - started
    walls, cpus, size = _time(lambda: EVALUATION_FORMATS["pdf"].write(sheet), 3)
    drawn = SheetPart.has_chart
    SheetPart.has_chart = property(lambda self: False)  # type: ignore[assignment,method-assign]
    try:  # the baseline: a plain WeasyPrint table of the same cells, without the charts
        _, plain_cpus, _ = _time(lambda: EVALUATION_FORMATS["pdf"].write(sheet), 3)
    finally:
        SheetPart.has_chart = drawn  # type: ignore[method-assign]
    print(
        f"indicator sheet: {parts} parts with charts; PDF {size / 1024:.0f} KiB, first run (drawing every chart) "
        f"{cold:.3f} s, then charts reused: wall p50 {_percentile(walls, 0.5):.3f} s, "
        f"CPU p50 {_percentile(cpus, 0.5):.3f} s; plain table of the same cells: CPU p50 "
        f"{_percentile(plain_cpus, 0.5):.3f} s; ratio {min(cpus) / min(plain_cpus):.2f}× (goal ≤ 2×)"
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time(write: Callable[[], bytes], runs: int) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU seconds of each run (CPU time is what other load on the machine does not inflate)."""
    size = len(write())  # warm-up: imports, fonts, templates
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        write()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, size


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sasaeai.site.settings")
    import django

    django.setup()
    from sasaeai.exports.formats import REPORT_FORMATS

    sheet = generated_sheet()
    figures = sum(1 for _ in sheet.figures())  # type: ignore[attr-defined]
    print("== exports ==")
    print(f"report: {PROJECTS} projects, {figures} figures (generated, FY2025 Q4 with FY2024 beside)")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    for name, runs in (("xlsx", XLSX_RUNS), ("pdf", PDF_RUNS)):
        export = REPORT_FORMATS[name]
        walls, cpus, size = _time(lambda export=export: export.write(sheet), runs)  # type: ignore[misc]
        p50, p90 = _percentile(walls, 0.5), _percentile(walls, 0.9)
        verdict = "within" if p90 < TARGETS[name] else "OVER"
        print(
            f"{name}: {runs} runs, {size / 1024:.0f} KiB; wall p50 {p50:.3f} s, p90 {p90:.3f} s, "
            f"max {max(walls):.3f} s, mean {statistics.mean(walls):.3f} s; "
            f"CPU p50 {_percentile(cpus, 0.5):.3f} s, p90 {_percentile(cpus, 0.9):.3f} s "
            f"— target < {TARGETS[name]} s (p90 wall): {verdict}"
        )
    bench_indicator_sheet()


if __name__ == "__main__":
    main()
