"""Pages for the secretariat and the committee: follow-ups, merge proposals, findings.

Who may do what is asked of :mod:`sasaeai.people.permissions`: the secretariat
turns comments into follow-ups and decides merges; the owner department's staff
update a follow-up's status; staff and committee read findings and follow-ups.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sasaeai.audit.trail import recorded_user
from sasaeai.core.errors import SasaeaiError
from sasaeai.front.views.access import guarded, require
from sasaeai.lifecycle.services.merges import MergeProjects, RejectProposal, proposals_for
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.people.models import Organisation
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Comment
from sasaeai.reports.models import Project

from .findings import all_findings
from .forms import FollowUpForm, FollowUpStatusForm
from .models import FollowUp, FollowUpStatus, KpiSheet, MergeDecision, PlanRevision


def may_update_follow_up(user: Actor, follow_up: FollowUp) -> bool:
    """The secretariat of the commented plan, or staff of the department that owns the follow-up."""
    owner = follow_up.comment.plan.organisation
    return permissions.can_manage(user, owner) or follow_up.department_id in permissions.department_ids(user)


@guarded
def overview(request: HttpRequest) -> HttpResponse:
    """The life cycle at a glance: open follow-ups, revisions, KPI sheets, and links to the reviews."""
    require(request, permissions.can_view_unpublished(request.user))
    open_follow_ups = FollowUp.objects.exclude(status=FollowUpStatus.DONE).select_related(
        "department", "comment"
    )
    without_follow_up = list(
        Comment.objects.filter(follow_ups__isnull=True).select_related(
            "author", "indicator__approach__policy__goal__plan", "approach__policy__goal__plan", "goal__plan"
        )
    )
    for comment in without_follow_up:
        comment.may_follow_up = permissions.can_manage(request.user, comment.plan.organisation)  # type: ignore[attr-defined]
    context = {
        "open_follow_ups": open_follow_ups,
        "without_follow_up": without_follow_up,
        "revisions": PlanRevision.objects.select_related("plan"),
        "sheets": KpiSheet.objects.visible_to(request.user),
        "is_secretariat": permissions.is_secretariat(request.user),
        "nav": "lifecycle",
    }
    return render(request, "sasaeai_lifecycle/overview.html", context)


@guarded
def follow_up_list(request: HttpRequest) -> HttpResponse:
    require(request, permissions.can_view_unpublished(request.user))
    follow_ups = FollowUp.objects.select_related("department", "comment", "comment__author")
    rows = [{"follow_up": a, "editable": may_update_follow_up(request.user, a)} for a in follow_ups]
    return render(
        request,
        "sasaeai_lifecycle/follow_up_list.html",
        {"rows": rows, "statuses": FollowUpStatus.choices, "nav": "lifecycle"},
    )


@guarded
def follow_up_add(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """Turn a committee comment into a follow-up with an owner department and a due date."""
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=comment_pk)
    require(request, permissions.can_manage(request.user, comment.plan.organisation))
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        follow_up = form.save(commit=False)
        follow_up.comment = comment
        follow_up.created_by = recorded_user(request.user)
        follow_up.save()
        messages.success(request, "意見への対応を登録しました。")
        return redirect("lifecycle:follow_ups")
    return render(
        request,
        "sasaeai_lifecycle/follow_up_form.html",
        {"comment": comment, "form": form, "nav": "lifecycle"},
    )


@guarded
@require_POST
def follow_up_status(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp, pk=pk)
    require(request, may_update_follow_up(request.user, follow_up))
    form = FollowUpStatusForm(request.POST)
    if form.is_valid():
        follow_up.status = form.cleaned_data["status"]
        follow_up.save(update_fields=["status", "updated_at"])
        messages.success(request, f"状況を「{follow_up.get_status_display()}」にしました。")
    return redirect("lifecycle:follow_ups")


@guarded
def merge_proposals(request: HttpRequest) -> HttpResponse:
    """Pairs of project names that may be one project, for the secretariat to merge or keep apart."""
    require(request, permissions.is_secretariat(request.user))
    groups = []
    managed = _managed_organisations(request.user)
    for organisation in managed:
        proposals = proposals_for(organisation)
        if proposals:
            projects = {p.name: p for p in Project.objects.filter(organisation=organisation)}
            rows = [
                {"proposal": p, "keep": projects.get(p.keep), "merge": projects.get(p.merge)}
                for p in proposals
            ]
            groups.append({"organisation": organisation, "rows": rows})
    decisions = MergeDecision.objects.filter(organisation__in=managed).select_related(
        "organisation", "decided_by"
    )[:50]
    return render(
        request,
        "sasaeai_lifecycle/merge_proposals.html",
        {"groups": groups, "decisions": decisions, "nav": "lifecycle"},
    )


def _managed_organisations(user: Actor) -> list[Organisation]:
    return [o for o in Organisation.objects.all() if permissions.can_manage(user, o)]


@guarded
@require_POST
def merge_decide(request: HttpRequest) -> HttpResponse:
    require(request, permissions.is_secretariat(request.user))
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
    require(request, permissions.can_manage(request.user, organisation))
    keep_name, merge_name = request.POST.get("keep", ""), request.POST.get("merge", "")
    try:
        score = float(request.POST.get("score", "0"))
    except ValueError:
        score = 0.0
    try:
        if request.POST.get("decision") == "merge":
            keep = get_object_or_404(Project, organisation=organisation, name=keep_name)
            merge = get_object_or_404(Project, organisation=organisation, name=merge_name)
            MergeProjects(request.user, keep, merge, score).execute()
            messages.success(
                request, f"「{merge_name}」を「{keep_name}」に統合しました（旧名称は別名として残ります）。"
            )
        else:
            RejectProposal(request.user, organisation, keep_name, merge_name, score).execute()
            messages.success(request, f"「{merge_name}」と「{keep_name}」は別の事業として記録しました。")
    except OperationRefused as refusal:
        messages.error(request, refusal.message_ja)
    return redirect("lifecycle:merges")


@guarded
def findings(request: HttpRequest) -> HttpResponse:
    """Figures and rows that deserve a second look; nothing here changes the data."""
    require(request, permissions.can_view_unpublished(request.user))
    return render(
        request,
        "sasaeai_lifecycle/findings.html",
        {"findings": all_findings(request.user), "nav": "lifecycle"},
    )


UPLOADS = {"revisions": "中間見直し", "kpi": "KPIシート"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@guarded
def upload(request: HttpRequest) -> HttpResponse:
    """Store a mid-term review or a KPI sheet through the same imports as the commands."""
    require(request, permissions.is_secretariat(request.user))
    if request.method == "POST":
        kind, file = request.POST.get("kind"), request.FILES.get("file")
        if kind not in UPLOADS or file is None:
            messages.error(request, "種類とファイルを選んでください。")
        elif (file.size or 0) > MAX_UPLOAD_BYTES:
            messages.error(request, "ファイルが大きすぎます（20MBまで）。")
        else:
            return _store_upload(request, kind, file.read(), file.name or "upload")
    return render(request, "sasaeai_lifecycle/upload.html", {"kinds": UPLOADS, "nav": "lifecycle"})


def _store_upload(request: HttpRequest, kind: str, data: bytes, name: str) -> HttpResponse:
    from sasaeai.lifecycle.services.kpi_import import KpiImport
    from sasaeai.lifecycle.services.revision_import import RevisionImport

    # A secretariat's documents are its own organisation's, whatever name the file prints.
    membership = permissions.membership_of(request.user)
    own = membership.organisation.name if membership and membership.organisation else None
    try:
        if kind == "revisions":
            revision, changed = RevisionImport(request.user, data, name, organisation=own).execute()
            target = redirect("lifecycle:revision", pk=revision.pk)
        else:
            sheet, changed = KpiImport(request.user, data, name, organisation=own).execute()
            target = redirect("lifecycle:kpi_sheet", pk=sheet.pk)
    except SasaeaiError as error:
        messages.error(request, error.message_ja)
        return redirect("lifecycle:upload")
    messages.success(
        request, f"{name} を取り込みました。" if changed else f"{name} は取込済みです（変更なし）。"
    )
    return target
