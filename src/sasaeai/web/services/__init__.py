"""One code path per operation, shared by the command line, the pages and the API.

Each operation is a small class: build it with who acts and on what, call
``check()`` to learn whether it may run (it raises :class:`ActionRefused` with
one plain sentence), then ``execute()``, which checks again and does the work
in one transaction.
"""

from .base import Action, ActionRefused
from .comments import PostComment
from .entries import ChangeEntryText, OpenEntry
from .evaluation import evaluate_plans
from .figures import ChangeQuantity
from .links_import import LinksImport
from .plan_import import PlanImport
from .report_import import ReportImport, ReportImportResult
from .users import CreateUser
from .workflow import ApproveReport, PublishReport, ReopenReport, ReturnReport, SubmitReport

__all__ = [
    "Action",
    "ActionRefused",
    "ApproveReport",
    "ChangeEntryText",
    "ChangeQuantity",
    "CreateUser",
    "LinksImport",
    "OpenEntry",
    "PlanImport",
    "PostComment",
    "PublishReport",
    "ReopenReport",
    "ReportImport",
    "ReportImportResult",
    "ReturnReport",
    "SubmitReport",
    "evaluate_plans",
]
