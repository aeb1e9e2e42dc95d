"""Fetch what an editor page needs, asking permissions.py whether the person may edit it.

A missing plan or node is a 404; someone who is not the plan's own
secretariat is sent to log in (anonymous) or refused (403), as on every page.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from sasaeai.front.views.access import require
from sasaeai.people import permissions
from sasaeai.plans.models import Plan
from sasaeai.plans.services.levels import LEVELS, Level, plan_edit_of


def plan_to_edit(request: HttpRequest, pk: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=pk)
    require(request, permissions.can_manage(request.user, plan.organisation))
    return plan


def level_named(key: str) -> Level:
    if key not in LEVELS:
        raise Http404("そのような階層はありません。")
    return LEVELS[key]


def node_to_edit(request: HttpRequest, key: str, pk: int) -> tuple[Level, Any, Plan]:
    """The node of level ``key`` and its plan, when the person is that plan's secretariat."""
    level = level_named(key)
    manager: Any = level.model._default_manager
    node: models.Model = get_object_or_404(manager, pk=pk)
    plan = plan_edit_of(node)
    require(request, permissions.can_manage(request.user, plan.organisation))
    return level, node, plan


def own_organisation(request: HttpRequest) -> Any:
    """The secretariat's organisation (a secretariat account belongs to exactly one)."""
    require(request, permissions.is_secretariat(request.user))
    membership = permissions.membership_of(request.user)
    require(request, membership is not None and membership.organisation is not None)
    assert membership is not None
    return membership.organisation
