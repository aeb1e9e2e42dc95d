"""Who someone is to Sasaeai: their role (admin, editor, approver, committee, or the public) and departments.

The command line acts as the secretariat (:data:`COMMAND_LINE`).
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

from .models import Membership, Role

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

# Whoever acts: a signed-in user, an anonymous visitor, or the command line.
Actor: TypeAlias = User | AnonymousUser | CommandLine


def membership_of(user: Actor | None) -> Membership | None:
    """The user's role and departments, if they have any."""
    if not isinstance(user, User):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user: Actor | None) -> str:
    """admin, editor, approver, committee, or public (anonymous, inactive or without a role)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return Role.ADMIN
    membership = membership_of(user)
    return membership.role if membership is not None else PUBLIC


def department_ids(user: Actor | None) -> set[int]:
    """The departments an editor or approver answers for (none for everyone else)."""
    membership = membership_of(user)
    if membership is None or role_of(user) not in (Role.EDITOR, Role.APPROVER):
        return set()
    return set(membership.departments.values_list("id", flat=True))
