"""Keeping the records safe: ``verify-audit`` checks the audit trail's hash chain."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sasaeai.commands import setup_django

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
