"""Several editors saving figures at the same moment: every save is stored, none fails with "database is locked".

Run as ``python benchmarks/concurrent_writes.py [--writers 5] [--saves 200] [--database-url URL] [--json]``.
It makes its own database (a fresh SQLite file, or a fresh database beside the PostgreSQL one named by
``--database-url``), migrates it, gives each writer a department, a project and a figure of a draft
report, and lets every writer change its figure ``--saves`` times through the same operation as the data-entry
page (``ChangeQuantity``: report lock, figure, audit row in the hash chain).  It prints the writes per
second, the errors, and whether every acknowledged write is present.  The test suite runs it with fewer saves;
``make bench`` prints its figures on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any


def _fresh_postgres(url: str) -> tuple[str, str]:
    """A new empty database on the server of ``url``: its URL, and its name (to drop afterwards)."""
    import psycopg

    name = f"sasaeai_concurrency_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}", name


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SASAEAI_TESTING", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sasaeai.site.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _cast(writers: int) -> list[tuple[Any, int]]:
    """Each writer: an editor of their own department, and the figure they will change."""
    from django.contrib.auth.models import User

    from sasaeai.people.models import Department, Membership, Organisation, Role
    from sasaeai.reports.models import Project, ProjectEntry, Quantity, Report, Side
    from sasaeai.reports.services.workflow import ensure_parts

    council = Organisation.objects.create(name="並行市社会福祉協議会", kind="council")
    report = Report.objects.create(organisation=council, fiscal_year=2025, period="Q4")
    cast = []
    for n in range(writers):
        department = Department.objects.create(organisation=council, name=f"第{n + 1}課")
        user = User.objects.create_user(f"writer{n}", password="not-used-here-0")
        Membership.objects.create(user=user, role=Role.EDITOR).departments.set([department])
        project = Project.objects.create(organisation=council, name=f"事業{n + 1}", department=department)
        entry = ProjectEntry.objects.create(report=report, project=project, order=n)
        figure = Quantity.objects.create(
            entry=entry, side=Side.CURRENT, label="参加者", value=Decimal(0), unit="人"
        )
        cast.append((user, figure.pk))
    ensure_parts(report)
    return cast


def _writer(user: Any, figure: int, saves: int, errors: list[str], done: list[int]) -> None:
    from django.db import connection

    from sasaeai.reports.models import Quantity
    from sasaeai.reports.services.figures import ChangeQuantity

    try:
        for value in range(1, saves + 1):
            try:
                quantity = Quantity.objects.get(pk=figure)
                ChangeQuantity(user, quantity, {"value": Decimal(value)}, "並行書込").execute()
                done.append(value)
            except Exception as error:  # every failure is counted, whatever it is
                errors.append(f"{type(error).__name__}: {error}")
    finally:
        connection.close()


def run(writers: int, saves: int) -> dict[str, Any]:
    """Run the writers against the configured database; what happened, in figures."""
    from sasaeai.audit.chain import breaks
    from sasaeai.audit.models import AuditEntry
    from sasaeai.reports.models import Quantity

    cast = _cast(writers)
    errors: list[str] = []
    done: list[list[int]] = [[] for _ in cast]
    threads = [
        threading.Thread(target=_writer, args=(user, figure, saves, errors, done[n]))
        for n, (user, figure) in enumerate(cast)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    acknowledged = sum(len(d) for d in done)
    stored = [Quantity.objects.get(pk=figure).value for _, figure in cast]
    return {
        "writers": writers,
        "saves_each": saves,
        "acknowledged": acknowledged,
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(elapsed, 3),
        "writes_per_second": round(acknowledged / elapsed, 1) if elapsed else None,
        "every_write_present": all(value == len(d) for value, d in zip(stored, done, strict=True))
        and AuditEntry.objects.filter(field="value").count() == acknowledged,
        "audit_chain_holds": not list(breaks()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--database-url", help="a PostgreSQL server's URL (default: a fresh SQLite file)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    dropped: tuple[str, str] | None = None
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'concurrency.sqlite3'}"
        if args.database_url:
            url, name = _fresh_postgres(args.database_url)
            dropped = (args.database_url, name)
        try:
            _setup(url)
            result = {"database": url.split(":", 1)[0], **run(args.writers, args.saves)}
        finally:
            from django.db import connections

            connections.close_all()
            if dropped:
                _drop_postgres(*dropped)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{result['database']}: {result['writers']} writers × {result['saves_each']} saves: "
            f"{result['writes_per_second']} writes/s, {result['errors']} errors, "
            f"every acknowledged write present: {result['every_write_present']}, "
            f"audit chain holds: {result['audit_chain_holds']}"
        )
    return 0 if result["errors"] == 0 and result["every_write_present"] else 1


if __name__ == "__main__":
    sys.exit(main())
