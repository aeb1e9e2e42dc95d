"""Who may do what: every role against every decision of sasaeai.people.permissions."""

from __future__ import annotations

import pytest

from sasaeai.people import permissions
from sasaeai.reports.models import Report, ReportStatus

from .base import Cast

ROLES = ("admin", "editor", "approver", "committee", "public")


def _report_in(cast: Cast, status: str):  # type: ignore[no-untyped-def]
    cast.draft.status = status
    cast.draft.save()
    return cast.draft


# decision -> the roles that may, on the cast's FY2025 report (entries of 地域福祉課 and 総務課)
MATRIX = {
    "view draft": (
        {"admin", "editor", "approver", "committee"},
        lambda c, u: permissions.can_view_report(u, c.draft),
    ),
    "view published": (set(ROLES), lambda c, u: permissions.can_view_report(u, c.published)),
    "edit own department's figures": (
        {"admin", "editor"},
        lambda c, u: permissions.can_edit_entry(u, c.salon_entry),
    ),
    "edit another department's figures": (
        {"admin"},
        lambda c, u: permissions.can_edit_entry(u, c.newsletter_entry),
    ),
    "submit": ({"admin", "editor"}, lambda c, u: permissions.can_submit(u, c.draft)),
    "approve": (
        {"admin", "approver"},
        lambda c, u: permissions.can_approve(u, _report_in(c, ReportStatus.SUBMITTED)),
    ),
    "return": (
        {"admin", "approver"},
        lambda c, u: permissions.can_return(u, _report_in(c, ReportStatus.SUBMITTED)),
    ),
    "publish": ({"admin"}, lambda c, u: permissions.can_publish(u, _report_in(c, ReportStatus.APPROVED))),
    "reopen": ({"admin"}, lambda c, u: permissions.can_reopen(u, _report_in(c, ReportStatus.APPROVED))),
    "manage plans": ({"admin"}, lambda c, u: permissions.can_manage_plans(u)),
    "comment": ({"admin", "committee"}, lambda c, u: permissions.can_comment(u)),
    "import own department": (
        {"admin", "editor"},
        lambda c, u: permissions.can_import_for(u, {"地域福祉課"}),
    ),
    "import other departments": (
        {"admin"},
        lambda c, u: permissions.can_import_for(u, {"地域福祉課", "総務課"}),
    ),
}


@pytest.mark.parametrize("decision", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(cast: Cast, role: str, decision: str) -> None:
    allowed, ask = MATRIX[decision]
    assert ask(cast, cast.users()[role]) is (role in allowed)


def test_roles_are_read_from_membership(cast: Cast) -> None:
    assert {name: permissions.role_of(user) for name, user in cast.users().items()} == {
        "admin": "admin",
        "editor": "editor",
        "approver": "approver",
        "committee": "committee",
        "public": "public",
    }


def test_inactive_user_is_public(cast: Cast) -> None:
    cast.editor.is_active = False
    assert permissions.role_of(cast.editor) == "public"
    assert not permissions.can_edit_entry(cast.editor, cast.salon_entry)


def test_public_sees_only_published_reports(cast: Cast) -> None:
    assert list(Report.objects.visible_to(cast.anonymous)) == [cast.published]
    assert set(Report.objects.visible_to(cast.committee)) == {cast.draft, cast.published}


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED])
def test_figures_are_locked_once_submitted(cast: Cast, status: str) -> None:
    _report_in(cast, status)
    assert not permissions.can_edit_entry(cast.admin, cast.salon_entry)
    assert not permissions.can_edit_entry(cast.editor, cast.salon_entry)


def test_superuser_without_membership_is_admin(cast: Cast) -> None:
    from django.contrib.auth.models import User

    root = User.objects.create_superuser("root", password="x-long-password-1")
    assert permissions.role_of(root) == "admin"
