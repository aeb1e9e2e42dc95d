"""What the API returns and accepts.

DRF's serializer metaclass takes declared fields out of the class, so a field
named ``label`` or ``partial`` does not shadow the attribute of the same name
(the type checker is told so where it happens).
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from sasaeai.figures import FIGURE
from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Plan, Policy
from sasaeai.reports.models import ProjectEntry, Quantity, Report


class PartSerializer(serializers.ModelSerializer[IndicatorPart]):
    baseline_value = serializers.DecimalField(coerce_to_string=False, allow_null=True, **FIGURE)
    target_value = serializers.DecimalField(coerce_to_string=False, allow_null=True, **FIGURE)

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


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    parts = PartSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ("id", "name", "parts")


class ApproachSerializer(serializers.ModelSerializer[Approach]):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Approach
        fields = ("id", "number", "title", "indicators")


class PolicySerializer(serializers.ModelSerializer[Policy]):
    approaches = ApproachSerializer(many=True, read_only=True)

    class Meta:
        model = Policy
        fields = ("id", "number", "title", "approaches")


class GoalSerializer(serializers.ModelSerializer[Goal]):
    policies = PolicySerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ("id", "number", "title", "policies")


class PlanSerializer(serializers.ModelSerializer[Plan]):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Plan
        fields: tuple[str, ...] = ("id", "title", "kind", "organisation", "start_year", "end_year")


class PlanDetailSerializer(PlanSerializer):
    goals = GoalSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = (*PlanSerializer.Meta.fields, "goals")


class QuantitySerializer(serializers.ModelSerializer[Quantity]):
    value = serializers.DecimalField(coerce_to_string=False, **FIGURE)

    class Meta:
        model = Quantity
        fields = ("id", "side", "label", "value", "unit", "qualifier", "as_of", "source_text")
        read_only_fields = ("id", "side", "source_text")


class QuantityChangeSerializer(serializers.Serializer[dict[str, Any]]):
    """A correction of one figure; the reason goes into the audit trail."""

    label = serializers.CharField(required=False, allow_blank=True, max_length=300)  # type: ignore[assignment]
    value = serializers.DecimalField(coerce_to_string=False, required=False, **FIGURE)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40)
    qualifier = serializers.CharField(required=False, allow_blank=True, max_length=40)
    as_of = serializers.CharField(required=False, allow_blank=True, max_length=40)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class QuantityAddSerializer(serializers.Serializer[dict[str, Any]]):
    """A figure to add to a project's entry."""

    side = serializers.ChoiceField(choices=("current", "comparison"), default="current")
    label = serializers.CharField(max_length=300)  # type: ignore[assignment]
    value = serializers.DecimalField(coerce_to_string=False, **FIGURE)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class EntrySerializer(serializers.ModelSerializer[ProjectEntry]):
    project = serializers.CharField(source="project.name", read_only=True)
    project_id = serializers.IntegerField(read_only=True)
    department = serializers.CharField(source="project.department.name", read_only=True, allow_null=True)
    quantities = QuantitySerializer(many=True, read_only=True)

    class Meta:
        model = ProjectEntry
        fields = (
            "id",
            "project_id",
            "project",
            "department",
            "plan_text",
            "activities",
            "narrative",
            "current_text",
            "comparison_text",
            "quantities",
        )


class ReportSerializer(serializers.ModelSerializer[Report]):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

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
        )


class ReportDetailSerializer(ReportSerializer):
    entries = EntrySerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = (*ReportSerializer.Meta.fields, "entries")


class ActualSerializer(serializers.Serializer[dict[str, Any]]):
    fiscal_year = serializers.IntegerField()
    value = serializers.DecimalField(coerce_to_string=False, **FIGURE)
    achievement_rate = serializers.DecimalField(coerce_to_string=False, allow_null=True, **FIGURE)
    grade = serializers.CharField()
    partial = serializers.BooleanField()  # type: ignore[assignment]


class EvaluatedPartSerializer(serializers.Serializer[dict[str, Any]]):
    indicator = serializers.CharField()
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    unit = serializers.CharField(allow_blank=True)
    grade = serializers.CharField()
    actuals = ActualSerializer(many=True)


class RollupSerializer(serializers.Serializer[dict[str, Any]]):
    level = serializers.ChoiceField(choices=("goal", "policy", "approach"))
    number = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    grade = serializers.CharField(allow_null=True)


class EvaluationSerializer(serializers.Serializer[dict[str, Any]]):
    plan = serializers.IntegerField()
    up_to_year = serializers.IntegerField(allow_null=True)
    parts = EvaluatedPartSerializer(many=True)
    rollups = RollupSerializer(many=True)
