"""`make bench-scale N=2`: the figures of issue 16 on a database of N organisations, each beside a baseline.

Builds the database through the real import path (:mod:`scale_build`) on SQLite and on PostgreSQL (a
database of its own on the server of ``--postgres-url``, dropped afterwards), then prints:

- imports: a report of 200 and of 2,000 new projects (the second within 10× the first), beside the reader
  alone on the same file, with the queries each import ran;
- open data: ``export-opendata`` time and peak memory (a process of its own), beside a plain SQL read of
  every figure row in a process of its own;
- the indicator-sheet PDF of the first plan beside a plain WeasyPrint table of the same cells (no charts);
- pages under load: home, plan, indicator, sheet and report, p50/p95 with C clients for D seconds against
  ``sasaeai serve`` on gunicorn and on waitress, errors counted, beside the login page: each page drawn
  every time by one client, then from the public pages' cache by one and by C clients, and on gunicorn
  drawn every time by C clients (as signed-in people get them);
- ``evaluate --json`` (and ``recompute`` where the command exists) beside ``sasaeai where``.

Prints figures only; nothing here asserts a time.  Keep the default run short (N=2); N=50 is for the
closing measurement:  ``make bench-scale N=50 CLIENTS=20 SECONDS=60``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PROJECTS = 100
REPORTS = 40  # ten fiscal years of quarterly reports a council


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--organisations", type=int, default=2, help="cities with their councils (2)")
    parser.add_argument("--projects", type=int, default=PROJECTS, help=f"projects a council ({PROJECTS})")
    parser.add_argument(
        "--reports",
        type=int,
        default=REPORTS,
        help=f"quarterly reports a council, up to FY2025 Q4 ({REPORTS})",
    )
    parser.add_argument("--clients", type=int, default=4, help="clients of the load run (4)")
    parser.add_argument("--seconds", type=float, default=10, help="seconds of each load run (10)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn's processes (its default)")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (both)")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL))
    parser.add_argument("--child", help=argparse.SUPPRESS)  # the database URL, in the process that measures
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    if args.child:
        from scale_figures import measure

        measure(args)
        return
    print(
        f"== bench-scale: {args.organisations} organisations, {args.projects} projects × {args.reports} "
        "quarterly reports a council, "
        f"load {args.clients} clients × {args.seconds:g} s =="
    )
    for database in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="sasaeai-scale-") as work:
            url, cleanup = _fresh_database(database.strip(), Path(work), args.postgres_url)
            try:
                print(f"\n--- {database} ---", flush=True)
                child = [sys.executable, str(HERE / "bench_scale.py"), "--child", url]
                child += _passed_on(args, work)
                subprocess.run(child, check=False, env={**os.environ, "BENCH_WORK": work})
            finally:
                cleanup()


def _passed_on(args: argparse.Namespace, work: str) -> list[str]:
    passed = ["-n", str(args.organisations), "--projects", str(args.projects), "--clients", str(args.clients)]
    passed += ["--seconds", str(args.seconds), "--reports", str(args.reports)]
    if args.workers:
        passed += ["--workers", str(args.workers)]
    return passed


def _fresh_database(kind: str, work: Path, postgres_url: str) -> tuple[str, object]:
    if kind == "sqlite":
        return f"sqlite:///{work / 'scale.sqlite3'}", lambda: None
    if kind != "postgres":
        raise SystemExit(f"unknown database {kind}: sqlite or postgres")
    import psycopg

    name = f"sasaeai_bench_scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = postgres_url.rpartition("/")

    def drop() -> None:
        for _ in range(5):
            try:
                with psycopg.connect(postgres_url, autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except psycopg.Error:
                time.sleep(1)

    return f"{base}/{name}", drop


if __name__ == "__main__":
    main()
