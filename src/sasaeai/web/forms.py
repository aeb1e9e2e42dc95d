"""Forms of the pages.  They normalise as well as validate: ``clean_*`` returns domain values.

A fiscal year comes back as a :class:`~sasaeai.core.FiscalYear`, a figure as a
:class:`~decimal.Decimal`, an uploaded report as :class:`UploadedReport`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings

from sasaeai.core import FiscalYear, PeriodError, parse_fiscal_year
from sasaeai.core.text import normalize

REPORT_SUFFIXES = (".txt", ".tsv", ".csv", ".xlsx")


@dataclass(frozen=True)
class UploadedReport:
    """A report file as uploaded: its name and bytes."""

    name: str
    data: bytes


def parse_figure(text: str) -> Decimal:
    """'３,１２１' → Decimal('3121'); raises ValidationError with a Japanese sentence."""
    cleaned = normalize(str(text)).replace(",", "").replace("，", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise forms.ValidationError("数値を入力してください（例: 3,121）。") from None
    if not value.is_finite():
        raise forms.ValidationError("数値を入力してください（例: 3,121）。")
    return value


class FigureField(forms.CharField):
    """A number as staff type it: commas and full-width digits allowed; cleaned to a Decimal."""

    def to_python(self, value: object) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in (None, ""):
            return None
        return parse_figure(text)


class FiscalYearField(forms.CharField):
    """令和7年度, R7, 2025 or 2025年度 → FiscalYear(2025)."""

    def to_python(self, value: object) -> FiscalYear | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in (None, ""):
            return None
        if text.isdigit():
            return FiscalYear(int(text))
        try:
            return parse_fiscal_year(text)
        except PeriodError as error:
            raise forms.ValidationError(error.message_ja) from None


class UploadForm(forms.Form):
    file = forms.FileField(
        label="報告ファイル",
        help_text="事業経過報告・事業実績報告の表（.xlsx / .csv / .tsv / .txt、Shift_JIS または UTF-8）",
    )

    def clean_file(self) -> UploadedReport:
        upload = self.cleaned_data["file"]
        name = upload.name or "report"
        if not name.lower().endswith(REPORT_SUFFIXES):
            raise forms.ValidationError("取り込めるのは .xlsx / .csv / .tsv / .txt のファイルです。")
        if upload.size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
            raise forms.ValidationError("ファイルが大きすぎます（25MBまで）。")
        data = upload.read()
        if not data:
            raise forms.ValidationError("ファイルが空です。")
        return UploadedReport(name=name, data=data)


class QuantityForm(forms.Form):
    """One figure: label, value, unit and its optional qualifier and as-of words."""

    label = forms.CharField(label="項目", max_length=300, required=False)
    value = FigureField(label="値", required=False)
    unit = forms.CharField(label="単位", max_length=40, required=False)
    qualifier = forms.CharField(label="区分", max_length=40, required=False)
    as_of = forms.CharField(label="時点", max_length=40, required=False)
    remove = forms.BooleanField(label="削除", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("remove") and data.get("value") is None and (data.get("label") or data.get("unit")):
            raise forms.ValidationError("値を入力するか、「削除」を選んでください。")
        return data

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return data.get("value") is None and not data.get("label") and not data.get("remove")


QuantityFormSet = forms.formset_factory(QuantityForm, extra=2)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="差戻しの理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": "差戻しの理由を入力してください。"},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("差戻しの理由を入力してください。")
        return reason


class CommentForm(forms.Form):
    fiscal_year = FiscalYearField(label="年度", help_text="例: 令和7年度、R7、2025", max_length=20)
    text = forms.CharField(
        label="意見", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        error_messages={"required": "意見を入力してください。"},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("意見を入力してください。")
        return text


class YearForm(forms.Form):
    """The fiscal year a page evaluates up to (all years when left empty)."""

    year = FiscalYearField(label="評価年度", required=False, max_length=20)

    def fiscal_year(self) -> FiscalYear | None:
        return self.cleaned_data.get("year") if self.is_valid() else None
