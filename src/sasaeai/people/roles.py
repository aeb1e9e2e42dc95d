"""Who someone is to Sasaeai: their role (admin, editor, approver, committee, or the public) and departments.

The command line acts as the secretariat (:data:`COMMAND_LINE`).
"""

from __future__ import annotations

from typing import Any

from .models import Role

PUBLIC = "public"


class CommandLine:
    """Whoever runs ``sasaeai`` on the server: it holds the database, so it acts as the secretariat."""

    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = True

    def __str__(self) -> str:
        return "command line"


COMMAND_LINE = CommandLine()


def role_of(user: Any) -> str:
    """admin, editor, approver, committee, or public (anonymous, inactive or without a role)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return Role.ADMIN
    membership = getattr(user, "membership", None)
    return membership.role if membership is not None else PUBLIC


def department_ids(user: Any) -> set[int]:
    """The departments an editor or approver answers for (none for everyone else)."""
    if role_of(user) not in (Role.EDITOR, Role.APPROVER):
        return set()
    return set(user.membership.departments.values_list("id", flat=True))
