"""Keeping changes in the audit trail: who, when, what, old, new and why, as rows of a hash chain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from sasaeai.people.roles import Actor, CommandLine

from .chain import GENESIS, hash_of
from .models import AuditEntry, AuditHead


def recorded_user(user: Actor | None) -> User | None:
    """The user to keep in the audit trail (None for the command line)."""
    return user if isinstance(user, User) else None


def _text(value: object) -> str:
    """How a value is kept in the trail: 87 for Decimal('87.0000'), empty for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def now_to_the_millisecond() -> datetime:
    """The time of a change, to the millisecond: what every database and a JSON backup keep exactly,
    so that a restored row hashes as it did."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def actor_name(user: Actor | None) -> str:
    """The name kept in the trail: the username (or the command line), kept after the account is removed."""
    if user is None or isinstance(user, CommandLine):
        return "command line"
    return user.get_username() or "anonymous"


def audit(
    user: Actor, subject: models.Model, field: str, old: object, new: object, reason: str = ""
) -> AuditEntry:
    """Keep one change (who, when, what, old, new, why) as the next row of the hash chain.

    Runs inside the caller's transaction and locks the chain's head, so that
    concurrent writers append one after the other.
    """
    return audit_many(user, [(subject, field, old, new)], reason)[0]


Change = tuple[models.Model, str, object, object]  # subject, field, old, new


def audit_many(user: Actor, changes: Sequence[Change], reason: str = "") -> list[AuditEntry]:
    """Keep many changes by one person for one reason as the next rows of the chain, in a few queries.

    The head is locked once and the rows inserted in bulk, so that replacing a
    report of thousands of figures costs the same queries as one of ten.
    """
    if not changes:
        return []
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        kinds = ContentType.objects.get_for_models(*{type(subject) for subject, *_ in changes})
        sequence, previous = head.sequence, head.hash or GENESIS
        at, recorded, actor = now_to_the_millisecond(), recorded_user(user), actor_name(user)[:150]
        entries = []
        for subject, field, old, new in changes:
            sequence += 1
            entry = AuditEntry(
                sequence=sequence,
                user=recorded,
                actor=actor,
                at=at,
                content_type=kinds[type(subject)],
                object_id=str(subject.pk),
                object_repr=str(subject)[:300],
                field=field,
                old=_text(old),
                new=_text(new),
                reason=reason,
                previous_hash=previous,
            )
            entry.hash = previous = hash_of(entry)
            entries.append(entry)
        AuditEntry.objects.bulk_create(entries)
        head.sequence, head.hash = sequence, previous
        head.save(update_fields=["sequence", "hash"])
    return entries
