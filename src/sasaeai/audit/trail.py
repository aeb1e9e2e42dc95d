"""Keeping changes in the audit trail: who, when, what, old, new and why."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models

from sasaeai.people.roles import Actor

from .models import AuditEntry


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


def audit(
    user: Actor, subject: models.Model, field: str, old: object, new: object, reason: str = ""
) -> AuditEntry:
    """Keep one change (who, when, what, old, new, why)."""
    return AuditEntry.objects.create(
        user=recorded_user(user),
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        object_repr=str(subject)[:300],
        field=field,
        old=_text(old),
        new=_text(new),
        reason=reason,
    )
