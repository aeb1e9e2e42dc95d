"""The plan pages: overview with roll-up grades, the plan's tree, an indicator's sheet and its comments."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sasaeai.front.forms import CommentForm, YearForm
from sasaeai.front.views.access import guarded, indicator_to_read, plan_to_read, readable_reports, require
from sasaeai.front.views.evaluation import evaluate_plan, summarise_plans
from sasaeai.front.views.tasks import tasks_for
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.plans.models import Plan
from sasaeai.plans.services.comments import PostComment
from sasaeai.reports.models import ReportStatus
from sasaeai.site.page_cache import public_page

# Plans a page of the overview: a site of many organisations shows them ten at a time, so the home page
# draws the same amount whatever their number.
OVERVIEW_PLANS = 10


def _asked_year(request: HttpRequest) -> int | None:
    """The year of ``?year=``, when it is one."""
    fiscal_year = YearForm(request.GET).fiscal_year()
    return fiscal_year.year if fiscal_year else None


def _latest_complete_year(request: HttpRequest) -> int | None:
    """The latest year whose full-year figure the visitor may see.

    A quarterly report gives a year-to-date figure, so grading a year before its
    fourth quarter is in would compare half a year with a whole year's target.
    """
    complete = readable_reports(request).filter(period__in=("Q4", "FY")).values_list("fiscal_year", flat=True)
    return max(complete, default=None)


def _year(request: HttpRequest) -> int | None:
    """The year asked for; else the latest year whose full-year figure the visitor may see."""
    return _asked_year(request) or _latest_complete_year(request)


def _report_years(request: HttpRequest) -> list[int]:
    return sorted(set(readable_reports(request).values_list("fiscal_year", flat=True)), reverse=True)


@public_page
def overview(request: HttpRequest) -> HttpResponse:
    asked = _asked_year(request)
    year = asked or _latest_complete_year(request)
    page = Paginator(Plan.objects.select_related("organisation"), OVERVIEW_PLANS).get_page(
        request.GET.get("page")
    )
    context = {
        "evaluations": summarise_plans(request.user, list(page), year),
        "page": page,
        "query": urlencode({"year": asked}) if asked else "",
        "year": year,
        "years": _report_years(request),
        "published_reports": readable_reports(request).filter(status=ReportStatus.PUBLISHED).count(),
        "tasks": tasks_for(request.user),
        "nav": "overview",
    }
    return render(request, "sasaeai/overview.html", context)


def wants_preview(request: HttpRequest, plan: Plan) -> bool:
    """``?preview=1`` from the plan's secretariat: the evaluation with unapproved figures (anyone else: the usual)."""
    return request.GET.get("preview") == "1" and permissions.can_preview_unapproved(
        request.user, plan.organisation
    )


@public_page
def plan_tree(request: HttpRequest, pk: int) -> HttpResponse:
    year = _year(request)
    plan = plan_to_read(pk)
    preview = wants_preview(request, plan)
    evaluation = evaluate_plan(request.user, plan, year, preview=preview)
    context = {
        "preview": preview,
        "can_preview": permissions.can_preview_unapproved(request.user, plan.organisation),
        "evaluation": evaluation,
        "plan": evaluation.plan,
        "year": year,
        "years": _report_years(request),
        "can_write_texts": permissions.is_secretariat(request.user)
        and permissions.can_manage(request.user, evaluation.plan.organisation),
        "nav": "overview",
    }
    return render(request, "sasaeai/plan_tree.html", context)


@public_page
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_to_read(pk)
    plan = indicator.approach.policy.goal.plan
    evaluation = evaluate_plan(request.user, plan, indicator=indicator)
    view = evaluation.indicators.get(indicator.pk)
    can_read_comments = permissions.can_view_unpublished(request.user)
    context = {
        "indicator": indicator,
        "plan": plan,
        "parts": view.parts if view else [],
        "links": [link for part in indicator.parts.all() for link in part.links.select_related("project")],
        "comments": indicator.comments.select_related("author") if can_read_comments else None,
        "can_comment": permissions.can_comment(request.user),
        "form": CommentForm(),
        "nav": "overview",
    }
    return render(request, "sasaeai/indicator_detail.html", context)


@guarded
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_to_read(pk)
    require(request, permissions.can_comment(request.user, indicator.approach.policy.goal.plan.organisation))
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = PostComment(
            request.user, indicator, form.cleaned_data["fiscal_year"].year, form.cleaned_data["text"]
        )
        try:
            comment.execute()
        except OperationRefused as error:
            messages.error(request, error.message_ja)
        else:
            messages.success(request, "意見を登録しました。")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect("indicator_detail", pk=indicator.pk)
