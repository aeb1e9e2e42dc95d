"""The audit trail: every workflow step is a row, the actor's name outlives the account, and the rows form a
hash chain that ``verify-audit`` checks (an altered, removed or reordered row is named)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from sasaeai.audit.chain import breaks
from sasaeai.audit.models import AuditEntry
from sasaeai.cli import main
from sasaeai.reports.services.figures import ChangeQuantity
from sasaeai.reports.services.workflow import ReturnPart, SubmitPart

from .base import Cast


def _changes(cast: Cast) -> None:
    ChangeQuantity(cast.editor, cast.salon_count, {"value": Decimal(88)}, "数え直し").execute()
    part = cast.draft.parts.get(department=cast.welfare)
    SubmitPart(cast.editor, part).execute()
    ReturnPart(cast.approver, part, "時点を書いてください").execute()


def test_workflow_steps_are_rows_with_the_reason(cast: Cast) -> None:
    _changes(cast)
    rows = list(AuditEntry.objects.order_by("sequence").values_list("actor", "field", "old", "new", "reason"))
    assert rows == [
        ("tantou", "value", "87", "88", "数え直し"),
        ("tantou", "status", "draft", "submitted", ""),
        ("kachou", "status", "submitted", "returned", "時点を書いてください"),
    ]


def test_the_actors_name_outlives_their_account(cast: Cast) -> None:
    _changes(cast)
    cast.approver.delete()
    row = AuditEntry.objects.get(new="returned")
    assert (row.user, row.actor) == (None, "kachou")
    assert list(breaks()) == []


def test_an_untouched_trail_verifies(cast: Cast, capsys) -> None:  # type: ignore[no-untyped-def]
    _changes(cast)
    assert main(["verify-audit"]) == 0
    assert "3 rows" in capsys.readouterr().out


def _sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        ("UPDATE audit_auditentry SET new = '99' WHERE sequence = 1", "row 1"),
        ("UPDATE audit_auditentry SET reason = '' WHERE sequence = 3", "row 3"),
        ("DELETE FROM audit_auditentry WHERE sequence = 2", "row 2 is missing"),
        ("DELETE FROM audit_auditentry WHERE sequence = 3", "were removed"),
    ],
)
def test_an_altered_or_removed_row_is_named(cast: Cast, capsys, tamper: str, named: str) -> None:  # type: ignore[no-untyped-def]
    _changes(cast)
    _sql(tamper)
    assert main(["verify-audit"]) == 1
    assert named in capsys.readouterr().err
