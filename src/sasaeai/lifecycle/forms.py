"""Forms of the life-cycle pages; they normalise as well as validate."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from sasaeai.front.forms import FigureField
from sasaeai.people.models import Department

from .models import FollowUp, FollowUpStatus, Kpi


class KpiForm(forms.ModelForm[Kpi]):
    """A KPI's figures; below target, the reason (目標未達の理由) must be written.

    Figures are typed as on the data-entry page (3,121 and full-width digits)
    within the stored range; ``version`` is the version the editor loaded.
    """

    target_value = FigureField(label="目標", required=False)
    actual_value = FigureField(label="実績", required=False)
    printed_rate = FigureField(label="達成率（印字）", required=False)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    class Meta:
        model = Kpi
        fields = ("target_value", "actual_value", "printed_rate", "reason")
        widgets: ClassVar[dict[str, Any]] = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["version"] = self.instance.version
        for name in ("target_value", "actual_value", "printed_rate"):
            value = getattr(self.instance, name)
            self.initial[name] = None if value is None else f"{value.normalize():f}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target, actual = data.get("target_value"), data.get("actual_value")
        below = self.instance.rate_applies and target is not None and actual is not None and actual < target
        if below and not (data.get("reason") or "").strip():
            self.add_error("reason", "実績が目標を下回っています。理由を入力してください。")
        return data


class FollowUpForm(forms.ModelForm[FollowUp]):
    """A follow-up of a committee comment: owner department, what, by when."""

    class Meta:
        model = FollowUp
        fields = ("department", "description", "due_date", "status")
        widgets: ClassVar[dict[str, Any]] = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        assert isinstance(department, forms.ModelChoiceField)
        department.queryset = Department.objects.select_related("organisation")


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label="状況", choices=FollowUpStatus.choices)
