"""What the API returns and accepts."""

from __future__ import annotations

from rest_framework import serializers

from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Plan, Policy
from sasaeai.reports.models import ProjectEntry, Quantity, Report

FIGURE = {"max_digits": 20, "decimal_places": 4, "coerce_to_string": False}


class PartSerializer(serializers.ModelSerializer):
    baseline_value = serializers.DecimalField(allow_null=True, **FIGURE)
    target_value = serializers.DecimalField(allow_null=True, **FIGURE)

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


class IndicatorSerializer(serializers.ModelSerializer):
    parts = PartSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ("id", "name", "parts")


class ApproachSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Approach
        fields = ("id", "number", "title", "indicators")


class PolicySerializer(serializers.ModelSerializer):
    approaches = ApproachSerializer(many=True, read_only=True)

    class Meta:
        model = Policy
        fields = ("id", "number", "title", "approaches")


class GoalSerializer(serializers.ModelSerializer):
    policies = PolicySerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ("id", "number", "title", "policies")


class PlanSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Plan
        fields = ("id", "title", "kind", "organisation", "start_year", "end_year")


class PlanDetailSerializer(PlanSerializer):
    goals = GoalSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = (*PlanSerializer.Meta.fields, "goals")


class QuantitySerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(**FIGURE)

    class Meta:
        model = Quantity
        fields = ("id", "side", "label", "value", "unit", "qualifier", "as_of", "source_text")
        read_only_fields = ("id", "side", "source_text")


class QuantityChangeSerializer(serializers.Serializer):
    """A correction of one figure; the reason goes into the audit trail."""

    label = serializers.CharField(required=False, allow_blank=True, max_length=300)
    value = serializers.DecimalField(required=False, **FIGURE)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40)
    qualifier = serializers.CharField(required=False, allow_blank=True, max_length=40)
    as_of = serializers.CharField(required=False, allow_blank=True, max_length=40)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class QuantityAddSerializer(serializers.Serializer):
    """A figure to add to a project's entry."""

    side = serializers.ChoiceField(choices=("current", "comparison"), default="current")
    label = serializers.CharField(max_length=300)
    value = serializers.DecimalField(**FIGURE)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class EntrySerializer(serializers.ModelSerializer):
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


class ReportSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Report
        fields = ("id", "organisation", "title", "fiscal_year", "period", "comparison_fiscal_year", "status")


class ReportDetailSerializer(ReportSerializer):
    entries = EntrySerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = (*ReportSerializer.Meta.fields, "entries")


class ActualSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    value = serializers.DecimalField(**FIGURE)
    achievement_rate = serializers.DecimalField(allow_null=True, **FIGURE)
    grade = serializers.CharField()
    partial = serializers.BooleanField()


class EvaluatedPartSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    label = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    grade = serializers.CharField()
    actuals = ActualSerializer(many=True)


class RollupSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=("goal", "policy", "approach"))
    number = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    grade = serializers.CharField(allow_null=True)


class EvaluationSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    up_to_year = serializers.IntegerField(allow_null=True)
    parts = EvaluatedPartSerializer(many=True)
    rollups = RollupSerializer(many=True)
