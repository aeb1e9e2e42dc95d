"""The audit trail's hash chain: what a row's hash covers, and checking the whole chain.

A row's hash is the SHA-256 of its content (sequence, time, actor, subject,
field, old, new, reason) and of the previous row's hash.  The content is
written canonically (the subject's model by name, times in UTC to the
microsecond), so that a backup restored into another database verifies alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from .models import AuditEntry

GENESIS = "0" * 64


def entry_hash(
    *,
    sequence: int,
    previous_hash: str,
    at: datetime,
    actor: str,
    subject_model: str,
    object_id: str,
    object_repr: str,
    field: str,
    old: str,
    new: str,
    reason: str,
) -> str:
    """The SHA-256 of one row's content and the previous row's hash."""
    content = [
        sequence,
        previous_hash,
        at.astimezone(UTC).isoformat(timespec="microseconds"),
        actor,
        subject_model,
        object_id,
        object_repr,
        field,
        old,
        new,
        reason,
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def hash_of(entry: AuditEntry) -> str:
    """What the stored row's hash should be, computed from what is stored now."""
    kind = entry.content_type
    return entry_hash(
        sequence=entry.sequence,
        previous_hash=entry.previous_hash,
        at=entry.at,
        actor=entry.actor,
        subject_model=f"{kind.app_label}.{kind.model}",
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        field=entry.field,
        old=entry.old,
        new=entry.new,
        reason=entry.reason,
    )


@dataclass(frozen=True)
class Break:
    """A row where the chain does not hold, and why."""

    sequence: int
    entry_id: int | None
    reason: str


def breaks() -> Iterator[Break]:
    """Every place where the stored chain disagrees with itself (none for an untouched trail)."""
    from .models import AuditHead

    expected_sequence, previous = 1, GENESIS
    rows = AuditEntry.objects.select_related("content_type").order_by("sequence").iterator(chunk_size=2000)
    for entry in rows:
        if entry.sequence != expected_sequence:
            yield Break(expected_sequence, None, f"row {expected_sequence} is missing")
        if entry.previous_hash != previous:
            yield Break(entry.sequence, entry.pk, "it does not follow the row before it")
        if hash_of(entry) != entry.hash:
            yield Break(entry.sequence, entry.pk, "its content was changed after it was written")
        expected_sequence, previous = entry.sequence + 1, entry.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.sequence, head.hash) != (
        expected_sequence - 1,
        previous if head.sequence else "",
    ):
        yield Break(head.sequence, None, "rows at the end of the trail were removed")
