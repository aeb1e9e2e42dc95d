"""The measurements of ``bench_scale.py``, in the process that owns one fresh database (``--child URL``)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SASAEAI = Path(sys.executable).with_name("sasaeai")
LIMIT_RATIO, PDF_RATIO = 10.0, 2.0

# Run in a process of its own, so that its peak resident memory is the export's (or the plain read's) alone.
_OPEN_DATA = """
import resource, sys, time
from pathlib import Path
import django
django.setup()
started = time.perf_counter()
if sys.argv[1] == "export":
    from sasaeai.exports.opendata_export import export_opendata
    rows = sum(path.read_bytes().count(b"\\r\\n") - 1 for path in export_opendata(Path(sys.argv[2])) if path.suffix == ".csv")
else:
    from django.db import connection
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reports_quantity q JOIN reports_projectentry e ON e.id = q.entry_id")
        while batch := cursor.fetchmany(2000):
            rows += len(batch)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, rows)
"""


def measure(args: argparse.Namespace) -> None:
    work = Path(os.environ["BENCH_WORK"])
    env = _environment(args.child, work)
    os.environ.update(env)
    from django.core.management import call_command

    from sasaeai.commands import setup_django

    setup_django(database=False)  # as the command line sets up (the imports below are the commands')
    call_command("migrate", interactive=False, verbosity=0)
    from scale_build import build

    built = build(work / "documents", args.organisations, args.projects, args.reports)
    print(
        f"built {len(built.cities)} cities and councils, {built.reports} reports of {args.projects} projects "
        f"through the import services in {built.seconds:.1f} s ({built.seconds / max(built.reports, 1):.2f} s a report)",
        flush=True,
    )
    _gather_statistics()
    _imports()
    _open_data(env, work)
    _pdf()
    _pages(args, env, work)
    _evaluate(env, len(built.cities))


def _gather_statistics() -> None:
    """PostgreSQL's ANALYZE once the database is built (as ``sasaeai restore`` does after a load, and as
    autovacuum would within a minute; the servers of these machines run without it)."""
    from django.db import connection

    from sasaeai.site.backups import gather_statistics

    if connection.vendor == "postgresql":
        started = time.perf_counter()
        gather_statistics()
        with connection.cursor() as cursor:
            cursor.execute("SHOW autovacuum")
            (autovacuum,) = cursor.fetchone()
        print(
            f"ANALYZE after the build: {time.perf_counter() - started:.1f} s (autovacuum {autovacuum})",
            flush=True,
        )


def _environment(url: str, work: Path) -> dict[str, str]:
    var = work / "var"
    var.mkdir(exist_ok=True)
    return {
        "DATABASE_URL": url,
        "SASAEAI_VAR_DIR": str(var),
        "SECRET_KEY": "bench-scale-" + "x" * 50,
        "DJANGO_SETTINGS_MODULE": "sasaeai.site.settings",
        "LOG_LEVEL": "WARNING",
    }


def _seconds(action: Callable[[], Any], runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def _imports() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sasaeai.core import read_report_bytes
    from sasaeai.people.roles import COMMAND_LINE
    from sasaeai.reports.services.report_import import ReportImport
    from scale_build import report_file

    print("imports (a new council's report, every project new; the best of a few runs; wall and CPU):")
    took, cpu = {}, {}
    for count, runs in ((200, 5), (2000, 3)):
        council = f"規模{count}市社会福祉協議会"
        data = report_file(council, count, 2025, 4)
        # The queries counted in a run of their own: recording them (and, on SQLite, quoting every
        # parameter of a bulk insert) would weigh on the time.
        with CaptureQueriesContext(connection) as captured:
            ReportImport(COMMAND_LINE, data, "report.tsv", organisation=council).execute()
        reading = _seconds(lambda data=data: read_report_bytes(data, "report.tsv"))
        took[count], cpu[count] = float("inf"), float("inf")
        for run in range(runs):
            council = f"規模{count}市{run}社会福祉協議会"  # a new council each run: every project is new
            data = report_file(council, count, 2025, 4)
            started, started_cpu = time.perf_counter(), time.process_time()
            ReportImport(COMMAND_LINE, data, "report.tsv", organisation=council).execute()
            took[count] = min(took[count], time.perf_counter() - started)
            cpu[count] = min(cpu[count], time.process_time() - started_cpu)
        print(
            f"  {count:>5} new projects: {took[count]:6.2f} s ({cpu[count]:.2f} s CPU), {len(captured)} queries "
            f"(baseline: the reader alone on the same file {reading:.2f} s)"
        )
    ratio, cpu_ratio = took[2000] / took[200], cpu[2000] / cpu[200]
    print(f"  2,000 / 200: {ratio:.1f}×, CPU {cpu_ratio:.1f}× (goal ≤ {LIMIT_RATIO:g}×)", flush=True)


def _open_data(env: dict[str, str], work: Path) -> None:
    def child(*argv: str) -> tuple[float, float, int]:
        done = subprocess.run(
            [sys.executable, "-c", _OPEN_DATA, *argv],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(done.stderr)
        seconds, kilobytes, rows = done.stdout.split()
        return float(seconds), int(kilobytes) / 1024, int(rows)

    seconds, peak, rows = child("export", str(work / "opendata"))
    plain_seconds, plain_peak, figures = child("plain")
    print(
        f"open data: export-opendata {seconds:.1f} s, peak {peak:.0f} MB, {rows} CSV rows "
        f"(baseline: plain SQL read of {figures} figure rows {plain_seconds:.1f} s, peak {plain_peak:.0f} MB; "
        "goal < 300 MB at 50 organisations)",
        flush=True,
    )


def _pdf() -> None:
    from django.contrib.auth.models import AnonymousUser

    from sasaeai.exports.evaluation_sheet import SheetPart
    from sasaeai.exports.formats import EVALUATION_FORMATS
    from sasaeai.exports.queries import indicator_sheet
    from sasaeai.plans.models import Plan

    plan = Plan.objects.order_by("pk").first()
    assert plan is not None
    sheet = indicator_sheet(AnonymousUser(), plan)
    pdf = EVALUATION_FORMATS["pdf"]
    pdf.write(sheet)  # the first run also draws each chart, once
    drawn, plain = SheetPart.has_chart, property(lambda self: False)
    charts_cpu, plain_cpu = [], []
    try:  # in turns, so that other load on the machine weighs on both alike; CPU time of this process
        for _ in range(3):
            SheetPart.has_chart = drawn  # type: ignore[method-assign]
            charts_cpu.append(_cpu(lambda: pdf.write(sheet)))
            SheetPart.has_chart = plain  # type: ignore[assignment,method-assign]
            plain_cpu.append(_cpu(lambda: pdf.write(sheet)))
    finally:
        SheetPart.has_chart = drawn  # type: ignore[method-assign]
    charts, table = min(charts_cpu), min(plain_cpu)
    print(
        f"indicator-sheet PDF ({sum(1 for _ in sheet.parts())} parts): {charts:.2f} s CPU with charts, "
        f"plain table of the same cells {table:.2f} s: {charts / table:.2f}× (goal ≤ {PDF_RATIO:g}×)",
        flush=True,
    )


def _cpu(action: Callable[[], Any]) -> float:
    started = time.process_time()
    action()
    return time.process_time() - started


def _pages(args: argparse.Namespace, env: dict[str, str], work: Path) -> None:
    from django.db import connections

    from sasaeai.plans.models import Indicator, Plan
    from sasaeai.reports.models import Report, ReportStatus
    from sasaeai.site.server import default_workers
    from scale_load import report, run_load, server_env, start_server, stop_server

    plan = Plan.objects.order_by("pk").first()
    indicator = Indicator.objects.filter(approach__policy__goal__plan=plan).order_by("pk").first()
    published = (
        Report.objects.filter(status=ReportStatus.PUBLISHED).order_by("-fiscal_year", "-period").first()
    )
    assert plan is not None and indicator is not None and published is not None
    pages = {
        "login": "/accounts/login/",
        "home": "/",
        "plan": f"/plans/{plan.pk}/",
        "indicator": f"/indicators/{indicator.pk}/",
        "sheet": f"/plans/{plan.pk}/indicator-sheet/",
        "report": f"/reports/{published.pk}/",
    }
    connections.close_all()
    workers = args.workers or default_workers()
    print(
        f"pages alone (1 client) and under load ({args.clients} clients) for {args.seconds:g} s each; "
        "login is the baseline; goals: home < 50 ms alone, p95 < 150 ms under load.  An anonymous visitor's "
        "page comes from the public pages' cache until the data changes; the first run draws each page:"
    )
    for server in ("gunicorn", "waitress"):
        environment = {**server_env(env["DATABASE_URL"], work / "var"), **env}
        process, base = start_server(server, workers, environment, work / "var")
        try:
            label = f"{server} ({workers} processes)" if server == "gunicorn" else f"{server} (1 process)"
            drawn = run_load(base, pages, 1, args.seconds, drawn=True)
            report(f"{label}, alone, every page drawn (as for a signed-in person)", drawn, pages)
            report(f"{label}, alone", run_load(base, pages, 1, args.seconds), pages)
            report(
                f"{label}, {args.clients} clients", run_load(base, pages, args.clients, args.seconds), pages
            )
            if server == "gunicorn":  # what signed-in people would get, were they all at once
                under_load = run_load(base, pages, args.clients, args.seconds, drawn=True)
                report(f"{label}, {args.clients} clients, every page drawn", under_load, pages)
        finally:
            stop_server(process)
    sys.stdout.flush()


def _evaluate(env: dict[str, str], organisations: int) -> None:
    def timed(*argv: str) -> tuple[float, int]:
        started = time.perf_counter()
        done = subprocess.run(
            [str(SASAEAI), *argv],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        return time.perf_counter() - started, done.returncode

    startup, _ = timed("where")
    evaluate, code = timed("evaluate", "--json")
    print(f"evaluate --json: {evaluate:.1f} s (exit {code}; baseline: `sasaeai where` {startup:.1f} s)")
    commands = subprocess.run([str(SASAEAI), "--help"], capture_output=True, text=True).stdout
    if "recompute" not in commands:
        print("recompute: no such command in this version; skipped")
        return
    recompute, code = timed("recompute")
    # The process's start is left in: subtracting a start measured apart made the figure negative at N=1.
    each = recompute / max(organisations, 1)
    print(
        f"recompute: {recompute:.1f} s (exit {code}), at most {each:.2f} s an organisation (start-up "
        f"included); 1,700 organisations ≈ {each * 1700 / 60:.1f} min"
    )
