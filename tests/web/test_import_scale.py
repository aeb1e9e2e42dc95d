"""Imports at scale: a constant number of queries whatever the rows, and the same file stored per organisation."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sasaeai.audit.models import AuditHead
from sasaeai.demo.documents import Figures, many_projects, plan_document, report_text
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.plans.models import Plan
from sasaeai.plans.services.plan_import import PlanImport
from sasaeai.reports.models import Project, Quantity, Report, ReportPart
from sasaeai.reports.services.report_import import ReportImport

from .base import Cast, client_for

pytestmark = pytest.mark.django_db

FIGURES = Figures(7)


def _report(council: str, projects: int, fiscal_year: int = 2025, quarter: int = 4) -> bytes:
    text = report_text(FIGURES, fiscal_year, quarter, council=council, projects=many_projects(projects))
    return text.encode()


_LITERAL = re.compile(r"""'(?:[^']|'')*'|"s\d+_x\d+"|\b\d+(?:\.\d+)?\b|\bNULL\b|\bTRUE\b|\bFALSE\b|%s|\?""")
_LIST = re.compile(r"\((?:\s*_\s*,)*\s*_\s*\)(?:\s*,\s*\((?:\s*_\s*,)*\s*_\s*\))*")


_CASES = re.compile(r"(?:WHEN \(\S+ = _\) THEN _ )+")


def _statement(sql: str) -> str:
    """A statement's shape: literals as _, every list of values (an insert's rows, an IN list, a bulk
    update's cases) as one."""
    return _CASES.sub("WHEN … ", _LIST.sub("(…)", _LITERAL.sub("_", sql)))


def _queries(council: str, data: bytes, name: str = "report.tsv") -> list[str]:
    """The statements an import runs, in order; a statement repeated only because the database takes so many
    parameters at a time (one insert in batches) counts once."""
    # Made once in a database's life, not per import: the content types' cache and the audit chain's head.
    ContentType.objects.get_for_models(Quantity, Report, ReportPart)
    AuditHead.objects.get_or_create(pk=1)
    with CaptureQueriesContext(connection) as queries:
        ReportImport(COMMAND_LINE, data, name, organisation=council).execute()
    shapes = [_statement(query["sql"]) for query in queries]
    return [shape for n, shape in enumerate(shapes) if n == 0 or shape != shapes[n - 1]]


def test_a_new_report_costs_the_same_queries_for_20_and_200_new_projects() -> None:
    small = _queries("ちいさ町社会福祉協議会", _report("ちいさ町社会福祉協議会", 20))
    large = _queries("おおき市社会福祉協議会", _report("おおき市社会福祉協議会", 200))
    assert Project.objects.filter(organisation__name="おおき市社会福祉協議会").count() == 200
    assert small == large


def test_a_replacing_report_costs_the_same_queries_for_20_and_200_projects() -> None:
    for council, count in (("ちいさ町社会福祉協議会", 20), ("おおき市社会福祉協議会", 200)):
        ReportImport(COMMAND_LINE, _report(council, count), "first.tsv", organisation=council).execute()
    # Another file for the same quarter replaces the draft: old figures audited, projects found, blanks filled.
    small = _queries(
        "ちいさ町社会福祉協議会", _report("ちいさ町社会福祉協議会", 20, quarter=4) + b"\n", "again.tsv"
    )
    large = _queries(
        "おおき市社会福祉協議会", _report("おおき市社会福祉協議会", 200, quarter=4) + b"\n", "again.tsv"
    )
    assert small == large


def test_the_next_quarter_costs_the_same_queries_for_20_and_200_known_projects() -> None:
    for council, count in (("ちいさ町社会福祉協議会", 20), ("おおき市社会福祉協議会", 200)):
        ReportImport(COMMAND_LINE, _report(council, count, 2025, 3), "q3.tsv", organisation=council).execute()
    small = _queries("ちいさ町社会福祉協議会", _report("ちいさ町社会福祉協議会", 20))
    large = _queries("おおき市社会福祉協議会", _report("おおき市社会福祉協議会", 200))
    assert small == large


def test_the_same_report_file_is_stored_for_a_second_council_and_again_changes_nothing() -> None:
    data = _report("かえで市社会福祉協議会", 30)
    for council in ("かえで市社会福祉協議会", "もみじ市社会福祉協議会"):
        result = ReportImport(COMMAND_LINE, data, "report.tsv", organisation=council).execute()
        assert result.changed and result.report.organisation.name == council
    figures = Quantity.objects.count()
    for council in ("かえで市社会福祉協議会", "もみじ市社会福祉協議会"):
        again = ReportImport(COMMAND_LINE, data, "report.tsv", organisation=council).execute()
        assert not again.changed and again.report.organisation.name == council
    assert Quantity.objects.count() == figures
    assert Report.objects.count() == 2


def test_the_same_plan_document_is_stored_for_a_second_city_and_again_changes_nothing() -> None:
    import json

    data = json.dumps(plan_document(), ensure_ascii=False).encode()
    first, changed = PlanImport(COMMAND_LINE, data, "plan.json").execute()
    assert changed and first.organisation.name == "かえで市"
    second, changed = PlanImport(COMMAND_LINE, data, "plan.json", organisation="もみじ市").execute()
    assert changed and second.organisation.name == "もみじ市"
    assert second.pk != first.pk
    for organisation, plan in ((None, first), ("かえで市", first), ("もみじ市", second)):
        again, changed = PlanImport(COMMAND_LINE, data, "plan.json", organisation=organisation).execute()
        assert not changed and again.pk == plan.pk
    assert Plan.objects.count() == 2


def test_a_plan_document_stored_for_another_city_first_is_still_stored_for_its_own() -> None:
    import json

    data = json.dumps(plan_document(), ensure_ascii=False).encode()  # the file names かえで市
    PlanImport(COMMAND_LINE, data, "plan.json", organisation="もみじ市").execute()
    own, changed = PlanImport(COMMAND_LINE, data, "plan.json").execute()
    assert changed and own.organisation.name == "かえで市"
    assert sorted(Plan.objects.values_list("organisation__name", flat=True)) == ["かえで市", "もみじ市"]


def test_the_upload_preview_costs_the_same_queries_for_20_and_200_new_projects(cast: Cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = client_for(cast, "admin")
    counts = []
    for count in (20, 200):
        upload = SimpleUploadedFile(f"r{count}.tsv", _report(cast.council.name, count))
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("upload"), {"file": upload})
        assert response.status_code == 200 and len(response.context["new_projects"]) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]
