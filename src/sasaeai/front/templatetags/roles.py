"""What the navigation needs to know about the person looking: their role, as permissions.py says."""

from __future__ import annotations

from typing import Any

from django import template

from sasaeai.people import permissions
from sasaeai.people.models import Role

register = template.Library()

ROLE_NAMES = {str(value): str(label) for value, label in Role.choices} | {permissions.PUBLIC: "一般"}


@register.simple_tag(takes_context=True)
def current_role(context: dict[str, Any]) -> str:
    """admin, editor, approver, committee or public."""
    request = context.get("request")
    return str(permissions.role_of(getattr(request, "user", None)))


@register.filter
def role_name(role: object) -> str:
    return ROLE_NAMES.get(str(role), str(role))
