"""API views for reading: plans, their evaluation, reports and their entries (tokens: :mod:`.tokens`).

Reading asks :mod:`sasaeai.people.permissions` (through the QuerySets) which
reports the caller may see; an object the caller may not see answers 404 as
an unknown one does.  Figures and entries, which can be changed, are in
:mod:`.figures`.  Authentication is the project's setting
(``REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]``), never chosen here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from sasaeai.exports.queries import indicator_sheet
from sasaeai.plans.models import Plan
from sasaeai.reports.models import ProjectEntry, Quantity, Report

from .errors import exception_handler, not_found
from .pagination import Pages
from .schema import answers
from .serializers import (
    EntrySerializer,
    EvaluationQuery,
    EvaluationSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    ReportSerializer,
)


class JsonView(APIView):
    """JSON in, JSON out (no browsable pages, no forms: one content type to describe and to test),
    every refusal in the one error shape of :mod:`.errors`."""

    renderer_classes = (JSONRenderer,)
    parser_classes = (JSONParser,)

    def get_exception_handler(self) -> Any:
        return exception_handler


class JsonList(JsonView, generics.ListAPIView):  # type: ignore[type-arg]
    pagination_class = Pages


class ApiRoot(JsonView):
    """The API's entry points."""

    permission_classes = (AllowAny,)

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        names = ("plan-list", "report-list", "schema")
        return Response({name: reverse(f"api:{name}", request=request) for name in names})


class NotFoundView(JsonView):
    """Every other path under /api/ (``/api/plans/abc/`` too): a JSON 404."""

    permission_classes = (AllowAny,)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise not_found("そのURL", "URL")


@extend_schema(responses=answers({200: PlanSerializer(many=True)}, 400, 404))
class PlanList(JsonList):
    """Plans (public)."""

    queryset = Plan.objects.select_related("organisation").order_by("pk")
    serializer_class = PlanSerializer
    permission_classes = (AllowAny,)


@extend_schema(responses=answers({200: PlanDetailSerializer}, 404))
class PlanDetail(JsonView, generics.RetrieveAPIView):  # type: ignore[type-arg]
    """A plan with its goals, policies, approaches, indicators and parts (public)."""

    queryset = Plan.objects.select_related("organisation").prefetch_related(
        "goals__policies__approaches__indicators__parts"
    )
    serializer_class = PlanDetailSerializer
    permission_classes = (AllowAny,)


class PlanEvaluation(JsonView):
    """Each indicator part's graded actuals and the roll-up grades, from the reports the caller may read."""

    permission_classes = (AllowAny,)

    @extend_schema(parameters=[EvaluationQuery], responses=answers({200: EvaluationSerializer}, 400, 404))
    def get(self, request: Request, pk: int) -> Response:
        plan = Plan.objects.filter(pk=pk).first()
        if plan is None:
            raise not_found("その計画", "plan")
        # A plain dict: DRF reads an empty parameter of a QueryDict as left out, and "year=" must be refused.
        query = EvaluationQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        sheet = indicator_sheet(request.user, plan, query.validated_data.get("year"))
        data = {
            "plan": plan.pk,
            "up_to_year": sheet.up_to_year,
            "parts": [
                {
                    "indicator": part.indicator_name,
                    "label": part.label,
                    "unit": part.unit,
                    "grade": part.grade,
                    "actuals": [
                        {
                            "fiscal_year": a.fiscal_year,
                            "value": a.value,
                            "achievement_rate": a.achievement_rate,
                            "grade": a.grade,
                            "partial": a.partial,
                        }
                        for a in part.actuals
                    ],
                }
                for part in sheet.parts()
            ],
            "rollups": [
                {"level": n.level, "number": n.number, "title": n.title, "grade": n.rollup}
                for n in sheet.nodes()
            ],
        }
        return Response(EvaluationSerializer(data).data)


def readable_reports(request: Request) -> QuerySet[Report]:
    return Report.objects.visible_to(request.user).select_related("organisation")


@extend_schema(responses=answers({200: ReportSerializer(many=True)}, 400, 404))
class ReportList(JsonList):
    """Reports: published ones for anyone; approved ones for the committee; the organisation's for its staff."""

    serializer_class = ReportSerializer
    permission_classes = (AllowAny,)

    def get_queryset(self) -> QuerySet[Report]:
        return readable_reports(self.request).order_by("-fiscal_year", "-period", "pk")


@extend_schema(responses=answers({200: ReportSerializer}, 404))
class ReportDetail(JsonView, generics.RetrieveAPIView):  # type: ignore[type-arg]
    """A report; its entries are a list of their own (``entries``)."""

    serializer_class = ReportSerializer
    permission_classes = (AllowAny,)

    def get_queryset(self) -> QuerySet[Report]:
        return readable_reports(self.request)


def entries_with_figures() -> QuerySet[ProjectEntry]:
    return ProjectEntry.objects.select_related("project__department").prefetch_related(
        Prefetch("quantities", queryset=Quantity.objects.in_report_order())
    )


@extend_schema(responses=answers({200: EntrySerializer(many=True)}, 400, 404))
class ReportEntries(JsonList):
    """A report's entries, one per project in the report's order, each with its figures."""

    serializer_class = EntrySerializer
    permission_classes = (AllowAny,)

    def get_queryset(self) -> QuerySet[ProjectEntry]:
        report = readable_reports(self.request).filter(pk=self.kwargs["pk"]).first()
        if report is None:
            raise not_found("その報告", "report")
        return entries_with_figures().filter(report=report).order_by("order", "pk")
