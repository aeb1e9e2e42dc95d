"""Each organisation edits only its own plan: an admin bound to the council cannot touch the city's."""

from __future__ import annotations

import pytest

from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.people.models import Role
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.plans.models import Plan
from sasaeai.plans.services.plan_import import PlanImport

from .base import Cast, make_user


@pytest.fixture
def council_secretary(cast):
    return make_user("council-secretary", Role.ADMIN, organisation=cast.council)


def test_the_command_line_edits_every_organisations_plans(cast):
    assert permissions.can_manage(COMMAND_LINE, cast.city)
    assert permissions.can_manage(COMMAND_LINE, cast.council)


def test_a_secretariat_edits_only_its_organisations_plans(cast, council_secretary):
    assert permissions.can_manage(council_secretary, cast.council)
    assert not permissions.can_manage(council_secretary, cast.city)


@pytest.mark.parametrize("who", ["editor", "approver", "committee", "anonymous", "operator"])
def test_no_other_role_edits_a_plan(cast, who):
    assert not permissions.can_manage(getattr(cast, who), cast.council)


def test_the_council_secretary_cannot_import_the_citys_plan(cast, council_secretary, seed):
    data = seed("003").read_bytes()
    with pytest.raises(OperationRefused, match="may not edit the plans of"):
        PlanImport(council_secretary, data, "plan.txt", organisation=cast.city.name).execute()


def test_only_the_secretariat_imports_plans(cast: Cast, gold) -> None:  # type: ignore[no-untyped-def]
    path = gold("003_plan.json")
    for user in (cast.editor, cast.approver, cast.committee, cast.anonymous):
        with pytest.raises(OperationRefused):
            PlanImport(user, path.read_bytes(), path.name).execute()
    assert Plan.objects.count() == 1  # the cast's own
