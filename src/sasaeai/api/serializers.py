"""What the API returns and accepts.

Answers are read-only serializers, so that the schema marks every field they
always hold as required; requests are plain serializers of strict fields
(:mod:`.fields`).  DRF's serializer metaclass takes declared fields out of the
class, so a field named ``label`` or ``partial`` does not shadow the attribute
of the same name (the type checker is told so where it happens).
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.reverse import reverse

from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Plan, Policy
from sasaeai.reports.models import ProjectEntry, Quantity, Report
from sasaeai.reports.services.entries import ENTRY_TEXTS

from .fields import FigureField, FiscalYearField, NumberField, TextField


def _read_only(serializer: type[serializers.ModelSerializer[Any]]) -> type[serializers.ModelSerializer[Any]]:
    """Every field of an answer read only (and so required in the schema: it is always there)."""
    meta = serializer.Meta
    meta.read_only_fields = meta.fields
    return serializer


@_read_only
class PartSerializer(serializers.ModelSerializer[IndicatorPart]):
    baseline_value = FigureField(read_only=True, allow_null=True)
    target_value = FigureField(read_only=True, allow_null=True)

    class Meta:
        model = IndicatorPart
        fields = (
            "id",
            "label",
            "unit",
            "direction",
            "baseline_year",
            "baseline_value",
            "baseline_text",
            "target_year",
            "target_value",
            "target_text",
            "target_qualifier",
        )


@_read_only
class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    parts = PartSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ("id", "name", "parts")


@_read_only
class ApproachSerializer(serializers.ModelSerializer[Approach]):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Approach
        fields = ("id", "number", "title", "indicators")


@_read_only
class PolicySerializer(serializers.ModelSerializer[Policy]):
    approaches = ApproachSerializer(many=True, read_only=True)

    class Meta:
        model = Policy
        fields = ("id", "number", "title", "approaches")


@_read_only
class GoalSerializer(serializers.ModelSerializer[Goal]):
    policies = PolicySerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ("id", "number", "title", "policies")


@_read_only
class PlanSerializer(serializers.ModelSerializer[Plan]):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Plan
        fields: tuple[str, ...] = ("id", "title", "kind", "organisation", "start_year", "end_year")


@_read_only
class PlanDetailSerializer(PlanSerializer):
    goals = GoalSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = (*PlanSerializer.Meta.fields, "goals")


@_read_only
class QuantitySerializer(serializers.ModelSerializer[Quantity]):
    value = FigureField(
        read_only=True,
        allow_null=True,
        help_text="null when the stored value is outside the range and cannot be read: correct it with PATCH",
    )
    version = serializers.IntegerField(read_only=True, help_text='the ETag is this number in quotes: "3"')

    class Meta:
        model = Quantity
        fields = (
            "id",
            "entry_id",
            "side",
            "label",
            "value",
            "unit",
            "qualifier",
            "as_of",
            "source_text",
            "version",
        )


def _text(max_length: int, **kwargs: Any) -> TextField:
    return TextField(max_length=max_length, required=False, **kwargs)


class QuantityChangeSerializer(serializers.Serializer[dict[str, Any]]):
    """A correction of one figure (the fields left out stay); the reason goes into the audit trail."""

    label = _text(300)  # type: ignore[assignment]
    value = FigureField(required=False)
    unit = _text(40)
    qualifier = _text(40)
    as_of = _text(40)
    reason = _text(2000, default="")


class QuantityAddSerializer(serializers.Serializer[dict[str, Any]]):
    """A figure to add to a project's entry."""

    side = serializers.ChoiceField(choices=("current", "comparison"), default="current")
    label = TextField(max_length=300)  # type: ignore[assignment]
    value = FigureField()
    unit = _text(40, default="")
    reason = _text(2000, default="")


class EntryTextsSerializer(serializers.Serializer[dict[str, Any]]):
    """New texts of an entry (the texts left out stay); the reason goes into the audit trail."""

    activities = _text(20000)
    narrative = _text(20000)
    current_text = _text(20000)
    comparison_text = _text(20000)
    reason = _text(2000, default="")

    def texts(self) -> dict[str, str]:
        return {name: self.validated_data[name] for name in ENTRY_TEXTS if name in self.validated_data}


@_read_only
class EntrySerializer(serializers.ModelSerializer[ProjectEntry]):
    project = serializers.CharField(source="project.name", read_only=True)
    department = serializers.CharField(source="project.department.name", read_only=True, allow_null=True)
    quantities = QuantitySerializer(many=True, read_only=True)
    version = serializers.IntegerField(
        read_only=True, help_text='the version of the texts; the ETag is this number in quotes: "3"'
    )

    class Meta:
        model = ProjectEntry
        fields = (
            "id",
            "report_id",
            "project_id",
            "project",
            "department",
            "plan_text",
            "activities",
            "narrative",
            "current_text",
            "comparison_text",
            "version",
            "quantities",
        )


@_read_only
class ReportSerializer(serializers.ModelSerializer[Report]):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    entries = serializers.SerializerMethodField(help_text="the URL of its entries (paginated)")

    class Meta:
        model = Report
        fields: tuple[str, ...] = (
            "id",
            "organisation",
            "title",
            "fiscal_year",
            "period",
            "comparison_fiscal_year",
            "status",
            "entries",
        )

    def get_entries(self, report: Report) -> str:
        return reverse("api:report-entries", args=[report.pk], request=self.context.get("request"))


class EvaluationQuery(serializers.Serializer[dict[str, Any]]):
    """The query of an evaluation: actuals up to a fiscal year (all years when left out)."""

    year = FiscalYearField(required=False, help_text="actuals up to this fiscal year (1989–2100)")


class ActualSerializer(serializers.Serializer[dict[str, Any]]):
    fiscal_year = serializers.IntegerField(read_only=True)
    value = NumberField()
    achievement_rate = NumberField(allow_null=True)
    grade = serializers.CharField(
        read_only=True, allow_null=True, help_text="null for a year in progress (partial) or one not graded"
    )
    partial = serializers.BooleanField(read_only=True)  # type: ignore[assignment]


class EvaluatedPartSerializer(serializers.Serializer[dict[str, Any]]):
    indicator = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    unit = serializers.CharField(read_only=True)
    grade = serializers.CharField(
        read_only=True, allow_null=True, help_text="null when no year can be graded"
    )
    actuals = ActualSerializer(many=True, read_only=True)


class RollupSerializer(serializers.Serializer[dict[str, Any]]):
    level = serializers.ChoiceField(choices=("goal", "policy", "approach"), read_only=True)
    number = serializers.IntegerField(read_only=True, allow_null=True)
    title = serializers.CharField(read_only=True)
    grade = serializers.CharField(read_only=True, allow_null=True)


class EvaluationSerializer(serializers.Serializer[dict[str, Any]]):
    plan = serializers.IntegerField(read_only=True)
    up_to_year = serializers.IntegerField(read_only=True, allow_null=True)
    parts = EvaluatedPartSerializer(many=True, read_only=True)
    rollups = RollupSerializer(many=True, read_only=True)
