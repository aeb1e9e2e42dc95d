"""The one place that decides who may do what (DESIGN.md, "Who uses it").

Every page, command and API call asks here.  A user's role comes from their
:class:`Membership`; a superuser counts as an admin; an anonymous visitor is
"public" and sees only published reports.
"""

from __future__ import annotations

from sasaeai.reports.models import Project, ProjectEntry, Report, ReportStatus

from .models import Organisation, Role
from .roles import COMMAND_LINE, PUBLIC, Actor, CommandLine, department_ids, membership_of, role_of

__all__ = ["COMMAND_LINE", "PUBLIC", "Actor", "CommandLine", "department_ids", "role_of"]


def _report_department_ids(report: Report) -> set[int | None]:
    return set(report.entries.values_list("project__department_id", flat=True))


# --- reading -----------------------------------------------------------------


def can_view_report(user: Actor, report: Report) -> bool:
    return role_of(user) != PUBLIC or report.status == ReportStatus.PUBLISHED


def can_view_unpublished(user: Actor) -> bool:
    """Drafts, audit trails and the approval queue are for staff and committee only."""
    return role_of(user) != PUBLIC


# --- figures -----------------------------------------------------------------


def can_edit_project(user: Actor, project: Project) -> bool:
    """Editors touch only their departments' projects; admins touch all."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role == Role.EDITOR and project.department_id in department_ids(user)


def can_edit_entry(user: Actor, entry: ProjectEntry) -> bool:
    """A project's figures may change while its report is a draft; approved figures are locked."""
    return entry.report.status == ReportStatus.DRAFT and can_edit_project(user, entry.project)


def can_import_for(user: Actor, department_names: set[str | None]) -> bool:
    """May the user store a report whose entries belong to these departments (by name)?

    ``None`` stands for an entry without a department: only admins import those.
    """
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    if role != Role.EDITOR:
        return False
    membership = membership_of(user)
    own = set(membership.departments.values_list("name", flat=True)) if membership else set()
    return all(name is not None and name in own for name in department_names)


# --- workflow ----------------------------------------------------------------


def can_submit(user: Actor, report: Report) -> bool:
    if report.status != ReportStatus.DRAFT:
        return False
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role == Role.EDITOR and bool(_report_department_ids(report) & department_ids(user))


def can_approve(user: Actor, report: Report) -> bool:
    """Approvers approve or return submitted reports that concern their departments."""
    if report.status != ReportStatus.SUBMITTED:
        return False
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role == Role.APPROVER and bool(_report_department_ids(report) & department_ids(user))


def can_return(user: Actor, report: Report) -> bool:
    return can_approve(user, report)


def can_publish(user: Actor, report: Report) -> bool:
    return report.status == ReportStatus.APPROVED and role_of(user) == Role.ADMIN


def can_reopen(user: Actor, report: Report) -> bool:
    """Only an admin unlocks approved or published figures."""
    return report.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED) and role_of(user) == Role.ADMIN


# --- plans, comments, users ----------------------------------------------------


def can_manage_plans(user: Actor) -> bool:
    """Plans, indicators, links, users and periods are the secretariat's."""
    return role_of(user) == Role.ADMIN


def can_edit_for(user: Actor, organisation: Organisation | None) -> bool:
    """Each organisation edits only its own plan: an admin bound to one organisation edits only its plans.

    An admin with no organisation (the joint secretariat) and the command line edit both.
    """
    if not can_manage_plans(user):
        return False
    membership = membership_of(user)
    bound = membership.organisation_id if membership else None
    return bound is None or organisation is None or bound == organisation.pk


def can_comment(user: Actor) -> bool:
    return role_of(user) in (Role.COMMITTEE, Role.ADMIN)
