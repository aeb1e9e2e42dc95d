"""API views: reading published data, and correcting report figures with a token.

Reading asks :mod:`sasaeai.people.permissions` which reports the caller may see;
writing goes through the same actions as the data-entry page
(:mod:`sasaeai.reports.services.figures`), so the same rules and audit trail apply.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from sasaeai.api.serializers import (
    EvaluationSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    QuantityAddSerializer,
    QuantityChangeSerializer,
    QuantitySerializer,
    ReportDetailSerializer,
    ReportSerializer,
)
from sasaeai.core.errors import SasaeaiError
from sasaeai.exports.queries import indicator_sheet
from sasaeai.people import permissions
from sasaeai.plans.models import Plan
from sasaeai.reports.models import ProjectEntry, Quantity, Report


class ApiRoot(APIView):
    """The API's entry points."""

    permission_classes = (AllowAny,)

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        names = ("plan-list", "report-list", "schema")
        return Response({name: reverse(f"api:{name}", request=request) for name in names})


class PlanList(generics.ListAPIView):  # type: ignore[type-arg]
    """Plans (public)."""

    queryset = Plan.objects.select_related("organisation").order_by("pk")
    serializer_class = PlanSerializer
    permission_classes = (AllowAny,)


class PlanDetail(generics.RetrieveAPIView):  # type: ignore[type-arg]
    """A plan with its goals, policies, approaches, indicators and parts (public)."""

    queryset = Plan.objects.select_related("organisation").prefetch_related(
        "goals__policies__approaches__indicators__parts"
    )
    serializer_class = PlanDetailSerializer
    permission_classes = (AllowAny,)


class PlanEvaluation(APIView):
    """Each indicator part's graded actuals and the roll-up grades, from the reports the caller may read."""

    permission_classes = (AllowAny,)

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="actuals up to this fiscal year")],
        responses=EvaluationSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        plan = get_object_or_404(Plan, pk=pk)
        year = request.query_params.get("year", "")
        if year and not year.isdecimal():
            raise ValidationError({"year": "年度は西暦の数字で指定してください。"})
        sheet = indicator_sheet(request.user, plan, int(year) if year else None)
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


def _readable_reports(request: Request) -> QuerySet[Report]:
    return Report.objects.visible_to(request.user).select_related("organisation")


class ReportList(generics.ListAPIView):  # type: ignore[type-arg]
    """Reports: published ones for anyone; all for staff and committee."""

    serializer_class = ReportSerializer
    permission_classes = (AllowAny,)

    def get_queryset(self) -> QuerySet[Report]:
        return _readable_reports(self.request).order_by("-fiscal_year", "-period")


class ReportDetail(generics.RetrieveAPIView):  # type: ignore[type-arg]
    """A report with each project's entry and figures."""

    serializer_class = ReportDetailSerializer
    permission_classes = (AllowAny,)

    def get_queryset(self) -> QuerySet[Report]:
        entries = ProjectEntry.objects.select_related("project__department").prefetch_related(
            Prefetch("quantities", queryset=Quantity.objects.in_report_order())
        )
        return _readable_reports(self.request).prefetch_related(Prefetch("entries", queryset=entries))


def _refused(error: SasaeaiError) -> PermissionDenied:
    return PermissionDenied(getattr(error, "message_ja", str(error)))


class QuantityDetail(APIView):
    """One figure: read it where its report is readable; correct it with a token (PATCH)."""

    permission_classes = (IsAuthenticatedOrReadOnly,)

    def _quantity(self, request: Request, pk: int) -> Quantity:
        quantity = Quantity.objects.select_related("entry__report", "entry__project").filter(pk=pk).first()
        if quantity is None or not permissions.can_view_report(request.user, quantity.entry.report):
            raise NotFound("その実績はありません。")
        return quantity

    @extend_schema(responses=QuantitySerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(QuantitySerializer(self._quantity(request, pk)).data)

    @extend_schema(request=QuantityChangeSerializer, responses=QuantitySerializer)
    def patch(self, request: Request, pk: int) -> Response:
        from sasaeai.reports.services.figures import ChangeQuantity

        quantity = self._quantity(request, pk)
        if not permissions.can_edit_entry(request.user, quantity.entry):
            raise PermissionDenied("この実績を変更する権限がないか、報告が確定済みです。")
        changes = QuantityChangeSerializer(data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        fields: dict[str, Any] = dict(changes.validated_data)
        reason = fields.pop("reason", "")
        try:
            changed = ChangeQuantity(request.user, quantity, fields, reason).execute()
        except SasaeaiError as error:
            raise _refused(error) from None
        return Response(QuantitySerializer(changed).data)


class EntryQuantities(APIView):
    """Add a figure to a project's entry of a draft report (with a token)."""

    permission_classes = (IsAuthenticatedOrReadOnly,)

    @extend_schema(request=QuantityAddSerializer, responses={201: QuantitySerializer})
    def post(self, request: Request, pk: int) -> Response:
        from sasaeai.reports.services.figures import AddQuantity

        entry = ProjectEntry.objects.select_related("report", "project").filter(pk=pk).first()
        if entry is None or not permissions.can_view_report(request.user, entry.report):
            raise NotFound("その事業報告はありません。")
        if not permissions.can_edit_entry(request.user, entry):
            raise PermissionDenied("この事業の実績を追加する権限がないか、報告が確定済みです。")
        data = QuantityAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        try:
            added = AddQuantity(request.user, entry, **fields).execute()
        except SasaeaiError as error:
            raise _refused(error) from None
        return Response(QuantitySerializer(added).data, status=status.HTTP_201_CREATED)
