"""The one place that decides who may do what with one object (DESIGN.md, "Who uses it").

Every page, command and API call asks here; lists ask the same rules of the
database through the QuerySets (``Report.objects.visible_to(user)`` …).
The organisation boundary holds everywhere: the secretariat acts only on its
own organisation's plans and reports, editors and approvers only on their
departments' parts, and nobody approves what they submitted themselves.
"""

from __future__ import annotations

from sasaeai.reports.models import (
    OPEN_PART_STATUSES,
    PartStatus,
    Project,
    ProjectEntry,
    Report,
    ReportPart,
    ReportStatus,
)

from .models import Organisation, Role
from .roles import (
    COMMAND_LINE,
    PUBLIC,
    Actor,
    CommandLine,
    department_ids,
    is_secretariat_of,
    membership_of,
    organisation_ids,
    role_of,
    works_for,
)

__all__ = [
    "COMMAND_LINE",
    "PUBLIC",
    "Actor",
    "CommandLine",
    "department_ids",
    "is_secretariat_of",
    "membership_of",
    "organisation_ids",
    "role_of",
    "works_for",
]

COMMITTEE_STATUSES = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)


# --- reading -----------------------------------------------------------------


def can_view_report(user: Actor, report: Report) -> bool:
    """Published reports for everyone; approved ones for the committee; the rest for its organisation's staff."""
    if report.status == ReportStatus.PUBLISHED:
        return True
    if role_of(user) == Role.COMMITTEE:
        return report.status in COMMITTEE_STATUSES
    return role_of(user) in (Role.ADMIN, Role.EDITOR, Role.APPROVER) and works_for(
        user, report.organisation_id
    )


def can_view_unpublished(user: Actor) -> bool:
    """Drafts, audit trails and the approval queue are for staff and the committee only."""
    return role_of(user) in (Role.ADMIN, Role.EDITOR, Role.APPROVER, Role.COMMITTEE)


# --- figures -----------------------------------------------------------------


def can_edit_project(user: Actor, project: Project) -> bool:
    """Editors touch only their departments' projects; the secretariat its organisation's."""
    role = role_of(user)
    if role == Role.ADMIN:
        return works_for(user, project.organisation_id)
    return role == Role.EDITOR and project.department_id in department_ids(user)


def part_of(entry: ProjectEntry) -> ReportPart | None:
    """The department part an entry belongs to (by its project's department)."""
    return entry.report.parts.for_department(entry.project.department_id).first()


def can_edit_entry(user: Actor, entry: ProjectEntry) -> bool:
    """Figures and texts change while their department's part is open; submitted and approved ones are locked."""
    if entry.report.status != ReportStatus.DRAFT or not can_edit_project(user, entry.project):
        return False
    part = part_of(entry)
    return part is None or part.status in OPEN_PART_STATUSES


def may_enter_for(user: Actor, department_id: int | None, organisation_id: int) -> bool:
    """May the user enter or import the figures of this department of this organisation?"""
    role = role_of(user)
    if role == Role.ADMIN:
        return works_for(user, organisation_id)
    return role == Role.EDITOR and department_id is not None and department_id in department_ids(user)


# --- workflow ----------------------------------------------------------------


def _answers_for(user: Actor, part: ReportPart, role: str) -> bool:
    """The part's own department staff of ``role``, or its organisation's secretariat."""
    if is_secretariat_of(user, part.report.organisation_id):
        return True
    return role_of(user) == role and part.department_id in department_ids(user)


def can_submit(user: Actor, part: ReportPart) -> bool:
    if part.status not in OPEN_PART_STATUSES or part.report.status != ReportStatus.DRAFT:
        return False
    return _answers_for(user, part, Role.EDITOR)


def submitted_it(user: Actor, part: ReportPart) -> bool:
    """Four eyes: whoever submitted a part does not approve it."""
    return part.submitted_by_id is not None and part.submitted_by_id == getattr(user, "pk", None)


def approves_for(user: Actor, part: ReportPart) -> bool:
    """Whether the user is one who approves this submitted part, were it not their own submission."""
    return part.status == PartStatus.SUBMITTED and _answers_for(user, part, Role.APPROVER)


def can_approve(user: Actor, part: ReportPart) -> bool:
    """Approvers of the department (or the secretariat) approve a submitted part they did not submit."""
    if part.status != PartStatus.SUBMITTED or submitted_it(user, part):
        return False
    return _answers_for(user, part, Role.APPROVER)


def can_return(user: Actor, part: ReportPart) -> bool:
    """Approvers of the department (or the secretariat) send a submitted part back with a reason."""
    return part.status == PartStatus.SUBMITTED and _answers_for(user, part, Role.APPROVER)


def can_publish(user: Actor, report: Report) -> bool:
    return report.status == ReportStatus.APPROVED and is_secretariat_of(user, report.organisation_id)


def can_reopen(user: Actor, report: Report) -> bool:
    """Only the organisation's secretariat unlocks submitted, approved or published figures."""
    locked = report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED)
    return locked and is_secretariat_of(user, report.organisation_id)


def can_delete_report(user: Actor, report: Report) -> bool:
    """The organisation's secretariat deletes a draft none of whose parts is submitted or approved."""
    if report.status != ReportStatus.DRAFT or not is_secretariat_of(user, report.organisation_id):
        return False
    return not report.parts.exclude(status__in=OPEN_PART_STATUSES).exists()


# --- plans, comments, users ----------------------------------------------------


def is_secretariat(user: Actor) -> bool:
    """Someone of a secretariat (pages for plans, periods and users are theirs)."""
    return role_of(user) == Role.ADMIN


def can_manage(user: Actor, organisation: Organisation | None) -> bool:
    """Plans, indicators, links, periods and users of an organisation are its secretariat's."""
    return organisation is not None and is_secretariat_of(user, organisation.pk)


def can_preview_unapproved(user: Actor, organisation: Organisation | None) -> bool:
    """A plan's own secretariat may look at its evaluation with figures not yet approved.

    The preview is labelled as such on the page and never exported.
    """
    return can_manage(user, organisation)


def can_comment(user: Actor, organisation: Organisation | None = None) -> bool:
    """Committee members comment on any plan; a secretariat records comments on its own organisation's plans."""
    role = role_of(user)
    if role == Role.COMMITTEE:
        return True
    return role == Role.ADMIN and (organisation is None or works_for(user, organisation.pk))
