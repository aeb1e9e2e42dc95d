"""Forms of the pages.  They normalise as well as validate: ``clean_*`` returns domain values.

A fiscal year comes back as a :class:`~sasaeai.core.FiscalYear`, a figure as a
:class:`~decimal.Decimal`, an uploaded report as :class:`UploadedReport`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS

from sasaeai.core import FiscalYear, PeriodError, Quantity, ReportDocument, parse_fiscal_year
from sasaeai.core.text import normalize
from sasaeai.figures import figure_problem

REPORT_SUFFIXES = (".txt", ".tsv", ".csv", ".xlsx", ".pdf")


@dataclass(frozen=True)
class UploadedReport:
    """A report file as uploaded: its name and bytes."""

    name: str
    data: bytes


def parse_figure(text: str) -> Decimal:
    """'３,１２１' → Decimal('3121'); raises ValidationError with a Japanese sentence.

    A figure is within the range every database keeps exactly (:mod:`sasaeai.figures`).
    """
    cleaned = normalize(str(text)).replace(",", "").replace("，", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise forms.ValidationError("数値を入力してください（例: 3,121）。") from None
    if not value.is_finite():
        raise forms.ValidationError("数値を入力してください（例: 3,121）。")
    problem = figure_problem(value)
    if problem is not None:
        raise forms.ValidationError(problem[1])
    return value


class FigureField(forms.CharField):
    """A number as staff type it: commas and full-width digits allowed; cleaned to a Decimal."""

    def to_python(self, value: object) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in (None, ""):
            return None
        return parse_figure(text)


class FiscalYearField(forms.CharField):
    """令和7年度, R7, 2025 or 2025年度 → FiscalYear(2025).

    The length limit applies to the text typed, so it is checked here rather
    than by CharField's validator, which would see the FiscalYear.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, validators.MaxLengthValidator)]

    def to_python(self, value: object) -> FiscalYear | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in (None, ""):
            return None
        if self.max_length is not None and len(text) > self.max_length:
            raise forms.ValidationError(f"年度は{self.max_length}文字以内で入力してください。")
        if text.isdecimal():
            return FiscalYear(int(text))
        try:
            return parse_fiscal_year(text)
        except PeriodError as error:
            raise forms.ValidationError(error.message_ja) from None


PERIOD_CHOICES = (
    ("", "ファイルの記載どおり"),
    ("Q1", "第1四半期"),
    ("Q2", "第2四半期"),
    ("Q3", "第3四半期"),
    ("Q4", "第4四半期"),
    ("FY", "年度（通年）"),
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="報告ファイル",
        help_text="事業経過報告・事業実績報告の表（.xlsx / .csv / .tsv / .txt、Shift_JIS または UTF-8、"
        "または文字を選べるPDF）",
    )
    fiscal_year = FiscalYearField(
        label="年度",
        required=False,
        max_length=20,
        help_text="ファイルに年度が書かれていないときだけ（例: 令和7年度、R7、2025）",
    )
    period = forms.ChoiceField(
        label="期間",
        choices=PERIOD_CHOICES,
        required=False,
        help_text="ファイルに期間が書かれていないときだけ",
    )

    def clean_file(self) -> UploadedReport:
        upload = self.cleaned_data["file"]
        name = upload.name or "report"
        if not name.lower().endswith(REPORT_SUFFIXES):
            raise forms.ValidationError("取り込めるのは .xlsx / .csv / .tsv / .txt / .pdf のファイルです。")
        if upload.size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
            raise forms.ValidationError("ファイルが大きすぎます（25MBまで）。")
        data = upload.read()
        if not data:
            raise forms.ValidationError("ファイルが空です。")
        return UploadedReport(name=name, data=data)

    def year_and_period(self) -> tuple[int | None, str | None]:
        """The year and period the uploader gave for a file that names none (None: as the file says)."""
        year = self.cleaned_data.get("fiscal_year")
        return (year.year if year else None), (self.cleaned_data.get("period") or None)


@dataclass(frozen=True)
class FieldError:
    """One message of the error summary: the field it is about (its id and spoken name), or none."""

    field_id: str
    name: str
    message: str


def name_fields(form: forms.Form, where: str) -> None:
    """Give each visible field of ``form`` the accessible name ``{where} {label}``.

    Rows of figures repeat the same column labels (項目, 値, 単位); a screen
    reader needs the project and the row in the name to tell them apart:
    「ふれあいサロン事業 今期 1 件目 値」.
    """
    for field in form.fields.values():
        if not field.widget.is_hidden:
            field.widget.attrs["aria-label"] = f"{where} {field.label}"


def error_summary(*bound_forms: forms.Form) -> list[FieldError]:
    """Every error of the forms, in their order, each with the id and the spoken name of its field."""
    found = []
    for form in bound_forms:
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS:
                found += [FieldError("", "", str(message)) for message in errors]
                continue
            field = form[name]
            spoken = field.field.widget.attrs.get("aria-label") or str(field.label)
            found += [FieldError(field.auto_id or "", spoken, str(message)) for message in errors]
    return found


FIGURE_INPUT = {"inputmode": "decimal"}


class QuantityForm(forms.Form):
    """One figure: label, value, unit and its optional qualifier and as-of words.

    ``subject`` and ``row`` name its fields for screen readers (:func:`name_fields`).
    """

    quantity_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The version of the figure the editor loaded: a save based on an older one is refused (no lost update).
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    label = forms.CharField(label="項目", max_length=300, required=False)
    value = FigureField(label="値", required=False, widget=forms.TextInput(attrs=FIGURE_INPUT))
    unit = forms.CharField(label="単位", max_length=40, required=False)
    qualifier = forms.CharField(label="区分", max_length=40, required=False)
    as_of = forms.CharField(label="時点", max_length=40, required=False)
    remove = forms.BooleanField(label="削除", required=False)

    def __init__(
        self, *args: Any, subject: str = "", row: str = "", locked: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        name_fields(self, f"{subject} 今期 {row}")
        for field in self.fields.values():
            field.disabled = field.disabled or locked

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        missing = data.get("value") is None and "value" not in self.errors
        if missing and not data.get("remove") and (data.get("label") or data.get("unit")):
            self.add_error("value", "値を入力するか、「削除」を選んでください。")
        return data

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return data.get("value") is None and not data.get("label") and not data.get("remove")


class BaseQuantityFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """The figures of one project's entry; ``subject`` (「ふれあいサロン事業」) goes into every field's name.

    ``locked`` disables every field, for an entry whose figures are approved.
    """

    def __init__(self, *args: Any, subject: str = "", locked: bool = False, **kwargs: Any) -> None:
        self.subject = subject
        self.locked = locked
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        """Each row's name: 「1 件目」 for a stored figure, 「追加 1 件目」 for a blank row to add one."""
        kwargs = super().get_form_kwargs(index)
        stored = self.initial_form_count()
        if index is None:
            row = "追加"
        elif index < stored:
            row = f"{index + 1} 件目"
        else:
            row = f"追加 {index - stored + 1} 件目"
        return {**kwargs, "subject": self.subject, "row": row, "locked": self.locked}


QuantityFormSet = cast(
    type[BaseQuantityFormSet], forms.formset_factory(QuantityForm, formset=BaseQuantityFormSet, extra=2)
)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="差戻しの理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "差戻しの理由を入力してください。"},
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("差戻しの理由を入力してください。")
        return reason


class CommentForm(forms.Form):
    fiscal_year = FiscalYearField(label="年度", help_text="例: 令和7年度、R7、2025")
    text = forms.CharField(
        label="意見",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "意見を入力してください。"},
    )

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError("意見を入力してください。")
        return text


class YearForm(forms.Form):
    """The fiscal year a page evaluates up to (all years when left empty)."""

    year = FiscalYearField(label="評価年度", required=False)

    def fiscal_year(self) -> FiscalYear | None:
        return self.cleaned_data.get("year") if self.is_valid() else None


class MendFigureForm(forms.Form):
    """The right value for a stored figure that cannot be read (データの点検), and why."""

    model = forms.CharField(max_length=100, widget=forms.HiddenInput)
    field = forms.CharField(max_length=100, widget=forms.HiddenInput)
    pk = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    value = FigureField(label="正しい値", required=False)
    reason = forms.CharField(
        label="直す理由", max_length=500, error_messages={"required": "直す理由を書いてください。"}
    )


class EvaluationTextForm(forms.Form):
    """One evaluation text as the secretariat saved or approved it (the subject's key and the version read)."""

    key = forms.RegexField(regex=r"^(part|approach)-\d+$", widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    text = forms.CharField(
        label="評価文",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "評価文が空です。"},
    )
    action = forms.ChoiceField(choices=(("save", "保存"), ("approve", "承認")), widget=forms.HiddenInput)


SIDES = ("current", "comparison")
SIDE_NAMES = {"current": "今期", "comparison": "前年同期"}


class CorrectionForm(forms.Form):
    """The quantities an import would store, one row each, for the editor to confirm or correct.

    Field names are ``p{project}-{side}-{n}-{label|value|unit|keep}`` after the
    reader's order; ``p{project}-current-new-*`` adds a figure the reader missed.
    :meth:`corrected` returns the document with the corrections applied.
    """

    def __init__(self, document: ReportDocument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        for p, entry in enumerate(document.projects):
            for side in SIDES:
                for n, quantity in enumerate(getattr(entry, side)):
                    prefix = f"p{p}-{side}-{n}"
                    where = f"{entry.name} {SIDE_NAMES[side]} {n + 1} 件目"
                    self._add_figure(prefix, where, quantity)
                    self.fields[f"{prefix}-keep"] = forms.BooleanField(
                        label=f"{where} 保存する", initial=True, required=False
                    )
            self._add_figure(f"p{p}-current-new", f"{entry.name} 今期 追加")
        # Each row repeats 項目, 値, 単位: the spoken name says whose figure it is (see name_fields).
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = str(field.label)

    def _add_figure(self, prefix: str, where: str, quantity: Quantity | None = None) -> None:
        """The label, value and unit fields of one figure, named for screen readers by ``where``."""
        self.fields[f"{prefix}-label"] = forms.CharField(
            label=f"{where} 項目", initial=quantity.label if quantity else "", required=False, max_length=300
        )
        self.fields[f"{prefix}-value"] = FigureField(
            label=f"{where} 値",
            initial=_plain(quantity.value) if quantity else None,
            required=False,
            widget=forms.TextInput(attrs=FIGURE_INPUT),
        )
        self.fields[f"{prefix}-unit"] = forms.CharField(
            label=f"{where} 単位",
            initial=(quantity.unit or "") if quantity else "",
            required=False,
            max_length=40,
        )

    def rows(self) -> list[dict[str, Any]]:
        """Per project: its entry and the bound fields of each of its quantities, for the template."""
        rows = []
        for p, entry in enumerate(self.document.projects):
            quantities = [
                {
                    "side": side,
                    "quantity": quantity,
                    **{k: self[f"p{p}-{side}-{n}-{k}"] for k in ("label", "value", "unit", "keep")},
                }
                for side in SIDES
                for n, quantity in enumerate(getattr(entry, side))
            ]
            new = {k: self[f"p{p}-current-new-{k}"] for k in ("label", "value", "unit")}
            rows.append({"entry": entry, "quantities": quantities, "new": new})
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for p, entry in enumerate(self.document.projects):
            for side in SIDES:
                for n, _ in enumerate(getattr(entry, side)):
                    prefix = f"p{p}-{side}-{n}"
                    if (
                        data.get(f"{prefix}-keep")
                        and data.get(f"{prefix}-value") is None
                        and f"{prefix}-value" not in self.errors
                    ):
                        self.add_error(
                            f"{prefix}-value", "値を入力するか、「保存する」のチェックを外してください。"
                        )
            if data.get(f"p{p}-current-new-label") and data.get(f"p{p}-current-new-value") is None:
                self.add_error(f"p{p}-current-new-value", "追加する実績の値を入力してください。")
        return data

    def corrected(self) -> ReportDocument:
        """The document as the editor confirmed it: kept figures corrected, dropped ones removed, added ones added."""
        data = self.cleaned_data
        document = copy.deepcopy(self.document)
        for p, entry in enumerate(document.projects):
            for side in SIDES:
                kept = []
                for n, quantity in enumerate(getattr(entry, side)):
                    prefix = f"p{p}-{side}-{n}"
                    if not data.get(f"{prefix}-keep"):
                        continue
                    quantity.label = data[f"{prefix}-label"]
                    quantity.value = data[f"{prefix}-value"]
                    quantity.unit = data[f"{prefix}-unit"] or None
                    kept.append(quantity)
                setattr(entry, side, kept)
            if data.get(f"p{p}-current-new-value") is not None:
                entry.current.append(
                    Quantity(
                        value=data[f"p{p}-current-new-value"],
                        unit=data[f"p{p}-current-new-unit"] or None,
                        label=data[f"p{p}-current-new-label"],
                    )
                )
        return document


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
