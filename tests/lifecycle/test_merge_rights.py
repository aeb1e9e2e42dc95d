"""Merging projects is the secretariat's: other roles are refused."""

from __future__ import annotations

import pytest

from sasaeai.lifecycle.services.merges import MergeProjects
from sasaeai.operations import OperationRefused
from sasaeai.reports.models import Project

from ..web.base import Cast

pytestmark = pytest.mark.django_db


def test_only_the_secretariat_merges(cast: Cast):
    other = Project.objects.create(organisation=cast.council, name="ふれあいサロン")
    for user in (cast.editor, cast.approver, cast.committee):
        with pytest.raises(OperationRefused):
            MergeProjects(user, cast.salon, other).execute()
    with pytest.raises(OperationRefused):
        MergeProjects(cast.admin, cast.salon, cast.salon).execute()
    assert Project.objects.filter(pk=other.pk).exists()
