"""Pages of the plan's life cycle: revisions, a plan as it stood in a year, linked goals, KPI sheets.

Plans, their revisions and KPI sheets are public documents, so anyone may read
these pages; editing a KPI is the secretariat's (``permissions.can_manage``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sasaeai.audit.trail import audit
from sasaeai.core.records import json_number
from sasaeai.front.views.access import guarded, require
from sasaeai.people import permissions
from sasaeai.plans.models import Goal, Plan, PlanKind

from .forms import KpiForm
from .models import GoalLink, ItemRevision, Kpi, KpiSheet, PlanRevision, ProjectStart, RevisionKind


def revision_list(request: HttpRequest) -> HttpResponse:
    revisions = PlanRevision.objects.select_related("plan", "plan__organisation").prefetch_related("items")
    return render(
        request, "sasaeai_lifecycle/revision_list.html", {"revisions": revisions, "nav": "lifecycle"}
    )


def revision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    revision = get_object_or_404(PlanRevision.objects.select_related("plan"), pk=pk)
    context = {
        "revision": revision,
        "items": revision.items.all(),
        "starts": revision.new_projects.select_related("project", "department"),
        "nav": "lifecycle",
    }
    return render(request, "sasaeai_lifecycle/revision_detail.html", context)


def plan_as_of(plan: Plan, year: int) -> dict[str, Any]:
    """A plan's revised items and new projects as they stood in fiscal ``year``.

    A review prints, for each item, the text in force (現行) and what it adds
    or changes (追加 / 変更) — a note on the item rather than a replacement of
    its whole text.  So an item shows its text in force plus every change in
    force that year; an item that only a revision brought shows up from that
    revision's year.
    """
    items: dict[str, dict[str, Any]] = {}
    history = ItemRevision.objects.filter(revision__plan=plan).select_related("revision")
    for change in history.order_by("revision__effective_year", "revision_id", "line"):
        state = items.setdefault(
            change.key, {"number": change.number, "title": change.title, "base": change.before, "changes": []}
        )
        if change.revision.effective_year <= year:
            state["title"] = change.title
            state["changes"].append(change)
    rows = sorted(items.values(), key=lambda s: (s["number"] is None, s["number"] or 0, s["title"]))
    starts = ProjectStart.objects.filter(revision__plan=plan).select_related("project", "department")
    started = [s for s in starts if s.start_month is None or _fiscal_year_of(s.start_month) <= year]
    shown = [r for r in rows if (r["base"] or r["changes"]) and not _deleted(r["changes"])]
    return {"items": shown, "started": started}


def _deleted(changes: list[ItemRevision]) -> bool:
    return bool(changes) and changes[-1].kind == RevisionKind.DELETED


def _fiscal_year_of(day: Any) -> int:
    return int(day.year if day.month >= 4 else day.year - 1)


def plan_in_year(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=pk)
    try:
        year = int(request.GET.get("year") or plan.start_year)
    except ValueError:
        year = plan.start_year
    year = min(max(year, plan.start_year), plan.end_year)
    context = {
        "plan": plan,
        "year": year,
        "years": list(range(plan.start_year, plan.end_year + 1)),
        **plan_as_of(plan, year),
        "nav": "lifecycle",
    }
    return render(request, "sasaeai_lifecycle/plan_in_year.html", context)


def item_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every revision of the item that revision ``pk`` changed (same number, or same title)."""
    change = get_object_or_404(ItemRevision.objects.select_related("revision__plan"), pk=pk)
    history = ItemRevision.objects.filter(revision__plan=change.revision.plan).select_related("revision")
    same = (
        history.filter(number=change.number)
        if change.number is not None
        else history.filter(title=change.title)
    )
    context = {
        "change": change,
        "history": same.order_by("revision__effective_year", "revision_id"),
        "nav": "lifecycle",
    }
    return render(request, "sasaeai_lifecycle/item_history.html", context)


def goal_links(request: HttpRequest) -> HttpResponse:
    """The joint view: each city goal beside the council goals that serve it."""
    links = GoalLink.objects.select_related("city_goal__plan", "council_goal__plan")
    rows: dict[int, dict[str, Any]] = {}
    for link in links:
        row = rows.setdefault(link.city_goal_id, {"city": link.city_goal, "council": []})
        row["council"].append(link.council_goal)
    unlinked = Goal.objects.filter(plan__kind=PlanKind.COUNCIL).exclude(
        pk__in=links.values_list("council_goal_id", flat=True)
    )
    started: dict[tuple[int, int], list[ProjectStart]] = {}
    for start in ProjectStart.objects.filter(priority_goal_number__isnull=False).select_related(
        "project", "revision"
    ):
        started.setdefault((start.revision.plan_id, start.priority_goal_number or 0), []).append(start)
    for row in rows.values():
        row["council"] = [
            {"goal": g, "started": started.get((g.plan_id, g.number), [])} for g in row["council"]
        ]
    context = {
        "rows": sorted(rows.values(), key=lambda r: r["city"].number),
        "unlinked": unlinked.select_related("plan"),
        "nav": "lifecycle",
    }
    return render(request, "sasaeai_lifecycle/goal_links.html", context)


def kpi_sheet_list(request: HttpRequest) -> HttpResponse:
    sheets = KpiSheet.objects.visible_to(request.user).select_related("organisation").prefetch_related("kpis")
    return render(request, "sasaeai_lifecycle/kpi_sheet_list.html", {"sheets": sheets, "nav": "lifecycle"})


def _sheet_to_read(request: HttpRequest, pk: int) -> KpiSheet:
    """A KPI sheet the person may read: published, or of their own organisation (404 otherwise)."""
    return get_object_or_404(KpiSheet.objects.visible_to(request.user).select_related("organisation"), pk=pk)


def kpi_sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet_to_read(request, pk)
    context = {
        "sheet": sheet,
        "kpis": sheet.kpis.all(),
        "editable": permissions.can_manage(request.user, sheet.organisation),
        "nav": "lifecycle",
    }
    return render(request, "sasaeai_lifecycle/kpi_sheet_detail.html", context)


@guarded
@require_POST
def kpi_sheet_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat publishes its KPI sheet; from then on the public may read it."""
    sheet = _sheet_to_read(request, pk)
    require(request, permissions.can_manage(request.user, sheet.organisation))
    if sheet.published_at is None:
        with transaction.atomic():
            sheet.published_at = timezone.now()
            sheet.save(update_fields=["published_at"])
            audit(request.user, sheet, "published_at", "", sheet.published_at.isoformat(), "公開")
        messages.success(request, "KPIシートを公開しました。")
    return redirect("lifecycle:kpi_sheet", pk=sheet.pk)


@guarded
def kpi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a KPI's target, actual or printed rate; a reason is required below target.

    The form carries the version it was loaded with: a save after someone else's
    is refused with both values, and the form comes back over the stored version.
    """
    kpi = get_object_or_404(Kpi.objects.select_related("sheet__organisation"), pk=pk)
    require(request, permissions.can_manage(request.user, kpi.sheet.organisation))
    before = {name: getattr(kpi, name) for name in KpiForm.Meta.fields}
    form = KpiForm(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data.get(name) for name in KpiForm.Meta.fields}
        changes = {name: "" if new is None and name == "reason" else new for name, new in changes.items()}
        changed = {name: new for name, new in changes.items() if new != before[name]}
        with transaction.atomic():
            version = form.cleaned_data["version"]
            claimed = Kpi.objects.filter(pk=kpi.pk, version=version).update(version=version + 1, **changed)
            if not claimed:
                stored = Kpi.objects.get(pk=kpi.pk)
                messages.error(request, _stale_message(kpi, changed or changes, stored))
                data = request.POST.copy()
                data["version"] = str(stored.version)
                form = KpiForm(data, instance=stored)
                context = {"kpi": stored, "form": form, "nav": "lifecycle"}
                return render(request, "sasaeai_lifecycle/kpi_edit.html", context)
            for name, new in changed.items():
                reason = form.cleaned_data.get("reason", "")
                audit(request.user, kpi, name, _plain(before[name]), _plain(new), reason)
        messages.success(request, f"「{kpi.name}」を保存しました。")
        return redirect("lifecycle:kpi_sheet", pk=kpi.sheet_id)
    return render(request, "sasaeai_lifecycle/kpi_edit.html", {"kpi": kpi, "form": form, "nav": "lifecycle"})


KPI_WORDS = {
    "target_value": "目標",
    "actual_value": "実績",
    "printed_rate": "達成率（印字）",
    "reason": "理由",
}


def _stale_message(kpi: Kpi, yours: dict[str, Any], stored: Kpi) -> str:
    """Someone saved the KPI after this editor opened it: both values of each field, nothing saved."""
    words = "、".join(
        f"{KPI_WORDS[name]}: あなたの値 {_shown(new)} ／ 現在の値 {_shown(getattr(stored, name))}"
        for name, new in yours.items()
        if new != getattr(stored, name)
    )
    return (
        f"「{kpi.name}」は、あなたが開いた後に別の人が変更しました（{words or '同じ値'}）。"
        "何も保存していません。現在の値を確かめて、もう一度保存してください。"
    )


def _shown(value: object) -> str:
    if value is None or value == "":
        return "（空）"
    return str(_plain(value))


def _plain(value: object) -> object:
    """1063.0000 -> 1063, so that the audit trail reads the same on every database."""
    if isinstance(value, Decimal):
        return json_number(value.normalize()) if value == value else value
    return value


def kpi_sheet_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from .kpi_export import kpi_sheet_workbook

    sheet = _sheet_to_read(request, pk)
    response = HttpResponse(
        kpi_sheet_workbook(sheet),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="kpi-{sheet.pk}.xlsx"'
    return response


def kpi_sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet as an A4-landscape PDF with the Japanese font embedded (the exports' PDF writer)."""
    from sasaeai.exports.pdf import render_pdf

    sheet = _sheet_to_read(request, pk)
    rows = [
        {
            "kpi": kpi,
            "target": _plain(kpi.target_value),
            "actual": _plain(kpi.actual_value),
            "printed": _plain(kpi.printed_rate),
        }
        for kpi in sheet.kpis.all()
    ]
    context = {"sheet": sheet, "rows": rows, "cost": _plain(sheet.project_cost), "grant": _plain(sheet.grant)}
    response = HttpResponse(
        render_pdf("sasaeai_lifecycle/kpi_sheet_pdf.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="kpi-{sheet.pk}.pdf"'
    return response
