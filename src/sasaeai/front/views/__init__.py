"""The pages.  Views coordinate: they fetch through :mod:`.access` (which asks permissions.py),
call the services and the core, save, and redirect; they compute nothing themselves."""

from sasaeai.front.views.board import status_board
from sasaeai.front.views.doctor import doctor, mend
from sasaeai.front.views.entries import entry_edit
from sasaeai.front.views.lists import indicator_list, project_list
from sasaeai.front.views.notices import notice_list, notice_settings
from sasaeai.front.views.plans import comment_add, indicator_detail, overview, plan_tree
from sasaeai.front.views.reports import project_detail, report_detail, report_list
from sasaeai.front.views.texts import evaluation_text_save, evaluation_texts
from sasaeai.front.views.upload import upload
from sasaeai.front.views.workflow import (
    approval_queue,
    approve,
    delete_report,
    publish,
    reopen,
    return_part,
    submit,
)

__all__ = [
    "approval_queue",
    "approve",
    "comment_add",
    "delete_report",
    "doctor",
    "entry_edit",
    "evaluation_text_save",
    "evaluation_texts",
    "indicator_detail",
    "indicator_list",
    "mend",
    "notice_list",
    "notice_settings",
    "overview",
    "plan_tree",
    "project_detail",
    "project_list",
    "publish",
    "reopen",
    "report_detail",
    "report_list",
    "return_part",
    "status_board",
    "submit",
    "upload",
]
