"""The forms of the quarter's pages: opening a period and the department's grid."""

from __future__ import annotations

from datetime import date

from django import forms

from sasaeai.core.periods import FiscalYear
from sasaeai.front.forms import FiscalYearField

OPEN_PERIOD_CHOICES = (
    ("Q1", "第1四半期"),
    ("Q2", "第2四半期"),
    ("Q3", "第3四半期"),
    ("Q4", "第4四半期"),
    ("FY", "年度（通年）"),
)


class OpenPeriodForm(forms.Form):
    """The period the secretariat opens for entry, and its due date (提出期限)."""

    fiscal_year = FiscalYearField(
        label="年度",
        max_length=20,
        help_text="例: 令和8年度、R8、2026",
        error_messages={"required": "年度を入力してください。"},
    )
    period = forms.ChoiceField(
        label="期間", choices=OPEN_PERIOD_CHOICES, error_messages={"invalid_choice": "期間を選んでください。"}
    )
    due_on = forms.DateField(
        label="提出期限",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "提出期限は日付（例: 2026-07-15）で入力してください。"},
    )

    def clean_fiscal_year(self) -> int:
        year: FiscalYear = self.cleaned_data["fiscal_year"]
        return year.year

    def due(self) -> date | None:
        due: date | None = self.cleaned_data.get("due_on")
        return due
