"""Adding, changing, moving and deleting the nodes of a plan's tree: one form page or button per operation.

Every page fetches the node through :func:`.access.node_to_edit` (the plan's
secretariat only) and calls one operation of ``plans/services``; a refusal is
shown as the operation's Japanese sentence.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sasaeai.front.views.access import guarded
from sasaeai.operations import OperationRefused
from sasaeai.plans.forms import (
    ApproachForm,
    IndicatorForm,
    ItemForm,
    NewIndicatorForm,
    NodeForm,
    PartForm,
    field_groups,
    part_initial,
)
from sasaeai.plans.models import Approach, Indicator, IndicatorPart, Item, Plan
from sasaeai.plans.services.levels import LEVELS, Level, describe
from sasaeai.plans.services.tree_edit import AddIndicator, AddNode, ChangeNode, next_position
from sasaeai.plans.services.tree_moves import DeleteNode, MoveNode

from .access import level_named, node_to_edit, plan_to_edit

# Which levels stand under which: the add pages a node offers.
CHILDREN: dict[str, tuple[str, ...]] = {
    "goal": ("policy",),
    "policy": ("approach",),
    "approach": ("item", "indicator"),
    "indicator": ("part",),
}
FORMS: dict[str, type[forms.Form]] = {
    "goal": NodeForm,
    "policy": NodeForm,
    "approach": ApproachForm,
    "item": ItemForm,
    "indicator": IndicatorForm,
    "part": PartForm,
}
NOT_VALUES = ("reason", "new_departments", "name")


def back_to(node: models.Model, plan: Plan) -> str:
    """Where a page returns after a change: a part's indicator page, else the node's place in the editor."""
    if isinstance(node, IndicatorPart):
        return reverse("plans:node_edit", args=("indicator", node.indicator_id))
    key = next(k for k, level in LEVELS.items() if isinstance(node, level.model))
    return reverse("plans:editor", args=(plan.pk,)) + f"#{key}-{node.pk}"


def _form(key: str, plan: Plan, data: Any = None, initial: dict[str, Any] | None = None) -> forms.Form:
    form_class = FORMS[key]
    if key == "part":
        return PartForm(data, initial=initial, plan=plan)
    if issubclass(form_class, NodeForm):
        return form_class(data, initial=initial, organisation=plan.organisation)
    return form_class(data, initial=initial)


def _values(form: forms.Form) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k not in NOT_VALUES}


def _initial(level: Level, node: models.Model) -> dict[str, Any]:
    if isinstance(node, IndicatorPart):
        return part_initial(node)
    initial = {name: getattr(node, name) for name in level.fields}
    if isinstance(node, Approach | Item):
        initial["departments"] = [d.name for d in node.departments.all()]
    return initial


def _context(plan: Plan, **extra: Any) -> dict[str, Any]:
    return {"plan": plan, "nav": "overview", **extra}


@guarded
def add_goal(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_to_edit(request, pk)
    return _add(request, plan, plan, "goal")


@guarded
def add_child(request: HttpRequest, key: str, pk: int, child: str) -> HttpResponse:
    _, parent, plan = node_to_edit(request, key, pk)
    if child not in CHILDREN.get(key, ()):
        raise Http404("その階層の下には追加できません。")
    return _add(request, plan, parent, child)


def _add(request: HttpRequest, plan: Plan, parent: models.Model, key: str) -> HttpResponse:
    level = level_named(key)
    initial: dict[str, Any] = {}
    if "number" in level.fields:
        initial["number"] = next_position(level, parent)
    if isinstance(parent, Approach) and key == "item":
        initial["departments"] = [d.name for d in parent.departments.all()]
    form: forms.Form
    if key == "indicator":
        form = NewIndicatorForm(request.POST or None, plan=plan)
    else:
        form = _form(key, plan, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if isinstance(form, NewIndicatorForm):
                assert isinstance(parent, Approach)
                node = AddIndicator(
                    request.user, parent, form.cleaned_data["name"], form.part_values(), reason
                ).execute()
            else:
                node = AddNode(request.user, key, parent, _values(form), reason).execute()
        except OperationRefused as error:
            form.add_error(None, error.message_ja)
        else:
            messages.success(request, f"{describe(node)} を追加しました。")
            return redirect(back_to(node, plan))
    back = (
        reverse("plans:node_edit", args=("indicator", parent.pk))
        if key == "part"
        else _parent_place(parent, plan)
    )
    context = _context(
        plan,
        form=form,
        groups=field_groups(form),
        level=level,
        parent_name=_name(parent),
        adding=True,
        back=back,
    )
    return render(request, "sasaeai_plans/node_form.html", context)


def _name(node: models.Model) -> str:
    return "計画" if isinstance(node, Plan) else describe(node)


@guarded
def edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    level, node, plan = node_to_edit(request, key, pk)
    form = _form(key, plan, request.POST or None, _initial(level, node))
    if request.method == "POST" and form.is_valid():
        values = _values(form)
        if key == "indicator":
            values = {"name": form.cleaned_data["name"]}
        try:
            ChangeNode(request.user, node, values, form.cleaned_data["reason"]).execute()
        except OperationRefused as error:
            form.add_error(None, error.message_ja)
        else:
            messages.success(request, f"{describe(node)} を保存しました。")
            return redirect(back_to(node, plan))
    context = _context(
        plan,
        form=form,
        groups=field_groups(form),
        level=level,
        node=node,
        node_name=describe(node),
        adding=False,
        back=back_to(node, plan),
    )
    if isinstance(node, Indicator):
        context["parts"] = node.parts.prefetch_related("recorded_actuals").order_by("order", "id")
    return render(request, "sasaeai_plans/node_form.html", context)


@guarded
def delete(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    _, node, plan = node_to_edit(request, key, pk)
    operation = DeleteNode(request.user, node, request.POST.get("reason", ""))
    back = back_to(node.indicator if isinstance(node, IndicatorPart) else node, plan)
    try:
        operation.check()
    except OperationRefused as error:
        messages.error(request, error.message_ja)
        return redirect(back)
    if request.method == "POST":
        name = describe(node)
        try:
            operation.execute()
        except OperationRefused as error:
            messages.error(request, error.message_ja)
            return redirect(back)
        messages.success(request, f"{name} を削除しました。")
        parent = LEVELS[key].parent_of(node)
        return redirect(back if isinstance(node, IndicatorPart) else _parent_place(parent, plan))
    context = _context(plan, node=node, node_name=describe(node), contents=operation.contents(), back=back)
    return render(request, "sasaeai_plans/node_delete.html", context)


def _parent_place(parent: models.Model, plan: Plan) -> str:
    return reverse("plans:editor", args=(plan.pk,)) if isinstance(parent, Plan) else back_to(parent, plan)


@guarded
@require_POST
def move(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Move a node up or down by one (the buttons), or to a place (``position``, from dragging)."""
    level, node, plan = node_to_edit(request, key, pk)
    siblings = list(level.siblings(level.parent_of(node)).values_list("pk", flat=True))
    here = siblings.index(node.pk)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    try:
        position = here + step if step is not None else int(request.POST.get("position", ""))
    except ValueError:
        position = -1
    try:
        moved = MoveNode(request.user, node, position).execute()
    except OperationRefused as error:
        messages.error(request, error.message_ja)
    else:
        messages.success(request, f"{describe(moved)} を{position + 1}番目に移しました。")
    return redirect(back_to(node, plan))
