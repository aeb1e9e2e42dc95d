"""The stored words of DESIGN.md: plans and their indicators, projects and their reports, people and audit."""

from .audit import AuditEntry, Comment
from .people import Department, Membership, Organisation, Role
from .plan import Approach, Direction, Goal, Indicator, IndicatorPart, Item, Plan, PlanKind, Policy
from .reports import (
    IndicatorLink,
    Project,
    ProjectAlias,
    ProjectReport,
    Report,
    ReportedQuantity,
    ReportPeriod,
    ReportStatus,
    Side,
)

__all__ = [
    "Approach",
    "AuditEntry",
    "Comment",
    "Department",
    "Direction",
    "Goal",
    "Indicator",
    "IndicatorLink",
    "IndicatorPart",
    "Item",
    "Membership",
    "Organisation",
    "Plan",
    "PlanKind",
    "Policy",
    "Project",
    "ProjectAlias",
    "ProjectReport",
    "Report",
    "ReportPeriod",
    "ReportStatus",
    "ReportedQuantity",
    "Role",
    "Side",
]
