"""Who someone is to Sasaeai: their role, the organisations they work for, and their departments.

Roles (DESIGN.md, "Who uses it"): the operator runs the server and the Django
admin site and enters no figures; the secretariat (admin) works for one
organisation; editors and approvers for their departments; the committee reads
approved figures; everyone else is the public.  The command line holds the
database and acts as the secretariat of every organisation (:data:`COMMAND_LINE`).
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

from .models import Membership, Role

PUBLIC = "public"


class CommandLine:
    """Whoever runs ``sasaeai`` on the server: it holds the database, so it acts as every secretariat."""

    pk = None
    username = "command line"
    is_authenticated = True
    is_active = True
    is_superuser = False

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
    """operator, admin, editor, approver, committee, or public (anonymous, inactive or without a role)."""
    if isinstance(user, CommandLine):
        return Role.ADMIN
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return Role.OPERATOR
    membership = membership_of(user)
    return membership.role if membership is not None else PUBLIC


def department_ids(user: Actor | None) -> set[int]:
    """The departments an editor or approver answers for (none for everyone else)."""
    membership = membership_of(user)
    if membership is None or role_of(user) not in (Role.EDITOR, Role.APPROVER):
        return set()
    return {department for department, _ in membership.assigned}


def organisation_ids(user: Actor | None) -> set[int] | None:
    """The organisations whose unpublished work the user takes part in; None for the command line (all).

    The secretariat works for its one organisation; editors and approvers for
    the organisations of their departments; nobody else for any.
    """
    if isinstance(user, CommandLine):
        return None
    role = role_of(user)
    membership = membership_of(user)
    if membership is None:
        return set()
    if role == Role.ADMIN:
        return {membership.organisation_id} if membership.organisation_id else set()
    if role in (Role.EDITOR, Role.APPROVER):
        return {organisation for _, organisation in membership.assigned}
    return set()


def works_for(user: Actor | None, organisation_id: int | None) -> bool:
    """Whether the user takes part in the organisation's unpublished work."""
    ids = organisation_ids(user)
    return ids is None or organisation_id in ids


def is_secretariat_of(user: Actor | None, organisation_id: int | None) -> bool:
    """The organisation's secretariat (or the command line): plans, periods, users, publishing."""
    return role_of(user) == Role.ADMIN and works_for(user, organisation_id)
