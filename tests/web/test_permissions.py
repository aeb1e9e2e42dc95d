"""Who may do what: every role against every decision of sasaeai.people.permissions."""

from __future__ import annotations

import pytest

from sasaeai.people import permissions
from sasaeai.people.models import Role
from sasaeai.reports.models import PartStatus, Report, ReportPart, ReportStatus

from .base import Cast, make_user

ROLES = ("operator", "admin", "city_admin", "editor", "other_editor", "approver", "committee", "public")
STAFF = {"admin", "editor", "other_editor", "approver"}  # the council's people


def _part(cast: Cast, status: str = PartStatus.DRAFT, submitted_by: object = None) -> ReportPart:
    """The draft report's 地域福祉課 part, in ``status``."""
    part = cast.draft.parts.get(department=cast.welfare)
    part.status, part.submitted_by = status, submitted_by
    part.save()
    return part


def _report_in(cast: Cast, status: str) -> Report:
    cast.draft.status = status
    cast.draft.save()
    return cast.draft


# decision -> the roles that may, on the council's FY2025 report (parts of 地域福祉課 and 総務課)
MATRIX = {
    "view draft": (STAFF, lambda c, u: permissions.can_view_report(u, c.draft)),
    "view approved": (
        STAFF | {"committee"},
        lambda c, u: permissions.can_view_report(u, _report_in(c, ReportStatus.APPROVED)),
    ),
    "view published": (set(ROLES), lambda c, u: permissions.can_view_report(u, c.published)),
    "edit own department's figures": (
        {"admin", "editor"},
        lambda c, u: permissions.can_edit_entry(u, c.salon_entry),
    ),
    "edit another department's figures": (
        {"admin", "other_editor"},
        lambda c, u: permissions.can_edit_entry(u, c.newsletter_entry),
    ),
    "enter 地域福祉課": (
        {"admin", "editor"},
        lambda c, u: permissions.may_enter_for(u, c.welfare.pk, c.council.pk),
    ),
    "submit 地域福祉課": ({"admin", "editor"}, lambda c, u: permissions.can_submit(u, _part(c))),
    "approve 地域福祉課": (
        {"admin", "approver"},
        lambda c, u: permissions.can_approve(u, _part(c, PartStatus.SUBMITTED, c.editor)),
    ),
    "return 地域福祉課": (
        {"admin", "approver"},
        lambda c, u: permissions.can_return(u, _part(c, PartStatus.SUBMITTED, c.editor)),
    ),
    "publish": ({"admin"}, lambda c, u: permissions.can_publish(u, _report_in(c, ReportStatus.APPROVED))),
    "reopen": ({"admin"}, lambda c, u: permissions.can_reopen(u, _report_in(c, ReportStatus.APPROVED))),
    "manage the council": ({"admin"}, lambda c, u: permissions.can_manage(u, c.council)),
    "manage the city": ({"city_admin"}, lambda c, u: permissions.can_manage(u, c.city)),
    "comment on the city's plan": (
        {"city_admin", "committee"},
        lambda c, u: permissions.can_comment(u, c.city),
    ),
}


@pytest.mark.parametrize("decision", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(cast: Cast, role: str, decision: str) -> None:
    allowed, ask = MATRIX[decision]
    assert ask(cast, cast.users()[role]) is (role in allowed)


def test_roles_are_read_from_membership(cast: Cast) -> None:
    assert {name: permissions.role_of(user) for name, user in cast.users().items()} == {
        "operator": "operator",
        "admin": "admin",
        "city_admin": "admin",
        "editor": "editor",
        "other_editor": "editor",
        "approver": "approver",
        "committee": "committee",
        "public": "public",
    }


def test_inactive_user_is_public(cast: Cast) -> None:
    cast.editor.is_active = False
    assert permissions.role_of(cast.editor) == "public"
    assert not permissions.can_edit_entry(cast.editor, cast.salon_entry)


def test_who_sees_which_reports(cast: Cast) -> None:
    assert list(Report.objects.visible_to(cast.anonymous)) == [cast.published]
    assert list(Report.objects.visible_to(cast.operator)) == [cast.published]
    assert list(Report.objects.visible_to(cast.committee)) == [cast.published]  # the draft is not approved
    assert list(Report.objects.visible_to(cast.city_admin)) == [cast.published]  # another organisation's
    assert set(Report.objects.visible_to(cast.editor)) == {cast.draft, cast.published}


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED])
def test_figures_are_locked_once_submitted(cast: Cast, status: str) -> None:
    _report_in(cast, status)
    assert not permissions.can_edit_entry(cast.admin, cast.salon_entry)
    assert not permissions.can_edit_entry(cast.editor, cast.salon_entry)


def test_a_superuser_is_the_operator_not_a_secretariat(cast: Cast) -> None:
    """The Django admin site is the operator's; the operator enters, approves and publishes nothing."""
    from django.contrib.auth.models import User

    root = User.objects.create_superuser("root", password="x-long-password-1")
    assert permissions.role_of(root) == "operator"
    assert not permissions.can_edit_entry(root, cast.salon_entry)
    assert not permissions.can_publish(root, _report_in(cast, ReportStatus.APPROVED))


def test_a_secretariat_account_must_have_an_organisation(cast: Cast) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("no-organisation", Role.ADMIN)
