"""What every life-cycle import checks first: the secretariat acts, on its own organisation's plans."""

from __future__ import annotations

from datetime import date

from sasaeai.operations import refuse
from sasaeai.people import permissions
from sasaeai.people.models import Department, Organisation
from sasaeai.people.roles import Actor


def require_secretariat(user: Actor) -> None:
    if not permissions.is_secretariat(user):
        refuse(
            "Only the secretariat imports plans and their revisions.",
            "計画と見直しを取り込めるのは事務局だけです。",
        )


def require_own(user: Actor, organisation: Organisation) -> None:
    if not permissions.can_manage(user, organisation):
        refuse(f"You may not edit the plans of {organisation}.", f"{organisation} の計画は編集できません。")


def month_of(text: str | None) -> date | None:
    if not text:
        return None
    year, month = (int(part) for part in text.split("-"))
    return date(year, month, 1)


def department_named(organisation: Organisation, name: str | None) -> Department | None:
    if not name:
        return None
    found, _ = Department.objects.get_or_create(organisation=organisation, name=name[:200])
    return found
