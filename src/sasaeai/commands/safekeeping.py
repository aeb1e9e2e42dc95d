"""Keeping the records safe: ``backup`` and ``restore`` (portable between databases), ``verify-audit``,
``doctor`` (data problems and where to mend them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sasaeai.commands import setup_django
from sasaeai.core.errors import SasaeaiError

EXIT_BROKEN = 1


def register(subparsers: Any) -> None:
    """Add the safekeeping commands to the ``sasaeai`` parser."""
    verify = subparsers.add_parser(
        "verify-audit",
        help="check that no row of the audit trail was changed or removed after it was written",
        description="Recompute the hash chain of the audit trail (変更履歴). Exits 0 when it holds; otherwise "
        "names every row that was changed, removed or put out of order, and exits 1.",
    )
    verify.set_defaults(handler=_verify_audit)

    doctor = subparsers.add_parser(
        "doctor",
        help="list data problems: figures outside the range, links to nothing, orphaned entries",
        description="Check the stored data (データの点検): figures outside the range that pages read as "
        "unreadable, indicator links that wait for a project or point at another organisation's, entries of "
        "another organisation's project, departments without their part of a report. Prints each with where "
        "to mend it; exits 1 when any needs mending, 0 otherwise. The secretariat mends them on /doctor/.",
    )
    doctor.add_argument("--organisation", metavar="NAME", help="only this organisation's data")
    doctor.add_argument("--json", action="store_true", help="print the findings as JSON")
    doctor.set_defaults(handler=_doctor)

    backup = subparsers.add_parser(
        "backup",
        help="write every stored row to a backup file that any database can take back",
        description="Write a backup of the configured database: every plan, report, figure, comment, account "
        "(with password hashes and two-factor secrets: keep the file as safely as the database) and the audit "
        "trail, as portable JSON in one zip file. A SQLite backup restores into PostgreSQL and back.",
    )
    backup.add_argument("-o", "--output", type=Path, required=True, help="the backup file to write (.zip)")
    backup.set_defaults(handler=_backup)

    restore = subparsers.add_parser(
        "restore",
        help="load a backup into an empty database (DATABASE_URL), in one transaction",
        description="Create the tables of the configured database and load a backup written by `sasaeai backup` "
        "into it, in one transaction. The database must be empty; afterwards `sasaeai verify-audit` holds.",
    )
    restore.add_argument("file", type=Path, help="the backup file")
    restore.set_defaults(handler=_restore)


def _verify_audit(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.audit.chain import breaks
    from sasaeai.audit.models import AuditEntry

    found = list(breaks())
    for broken in found:
        where = f"row {broken.sequence}" + (f" (id {broken.entry_id})" if broken.entry_id else "")
        print(f"sasaeai verify-audit: {where}: {broken.reason}.", file=sys.stderr)
    if found:
        return EXIT_BROKEN
    print(f"The audit trail holds: {AuditEntry.objects.count()} rows, none changed or removed.")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.cli import print_json
    from sasaeai.doctor import ERROR, findings, organisation_names
    from sasaeai.people.models import Organisation

    scope = None
    if args.organisation:
        found_org = Organisation.objects.filter(name=args.organisation).first()
        if found_org is None:
            raise SasaeaiError(
                f"No organisation is called {args.organisation}.", "その組織は登録されていません。"
            )
        scope = [found_org.pk]
    found = findings(scope)
    if args.json:
        print_json({"findings": [finding.to_json() for finding in found]})
    else:
        names = organisation_names()
        for finding in found:
            organisation = names.get(finding.organisation_id or 0, "")
            fix = f" → {finding.fix_url}" if finding.fix_url else ""
            print(f"[{finding.severity}] {organisation} {finding.where}: {finding.problem_ja}{fix}")
        errors = sum(finding.severity == ERROR for finding in found)
        print(f"{errors} to mend, {len(found) - errors} to look at.")
    return EXIT_BROKEN if any(finding.severity == ERROR for finding in found) else 0


def _backup(args: argparse.Namespace) -> int:
    setup_django()
    from sasaeai.site.backups import write_backup

    partial = args.output.with_name(args.output.name + ".partial")
    try:
        manifest = write_backup(partial)
        partial.replace(args.output)  # whole or not at all
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise SasaeaiError(
            f"Cannot write {args.output}: {error.strerror}.", f"{args.output} に書き込めません。"
        ) from None
    total = sum(manifest["counts"].values())
    print(
        f"wrote {args.output}: {total} rows of {len(manifest['counts'])} kinds from {manifest['database']}."
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    setup_django(database=False)  # restore creates the tables of an empty database
    from django.core.management import call_command

    from sasaeai.site.backups import read_manifest, restore_backup

    read_manifest(args.file)  # one sentence for a file that is no backup, before any table is made
    call_command("migrate", interactive=False, verbosity=0)
    manifest = restore_backup(args.file)
    from sasaeai.evaluation.services.stored import store_missing

    store_missing()  # a backup of a version before stored evaluations holds none
    total = sum(manifest["counts"].values())
    print(
        f"restored {total} rows from {args.file} (a {manifest['database']} backup of {manifest['created']})."
    )
    return 0
