"""Forms of the plan editor and the plan upload.  They normalise (years as ints, figures as Decimals)
and show the operations' own rules beside the fields, in Japanese."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings

from sasaeai.core import FiscalYear
from sasaeai.core.plan_workbook import QUALIFIERS
from sasaeai.front.forms import FigureField, FiscalYearField, UploadedReport
from sasaeai.people.models import Organisation
from sasaeai.plans.models import Direction, IndicatorPart, Plan, PlanKind
from sasaeai.plans.services.levels import LEVELS, department_problems
from sasaeai.plans.services.part_rules import Problem, part_problems
from sasaeai.plans.services.plan_edit import plan_problems

PLAN_SUFFIXES = (".txt", ".tsv", ".csv", ".xlsx", ".json")
REASON_HELP = "任意。見直しの理由などを書くと、変更履歴に残ります。"


def _show(form: forms.Form, problems: list[Problem]) -> None:
    for problem in problems:
        field = problem.field if problem.field in form.fields else None
        if field is None or field not in form.errors:
            form.add_error(field, problem.message_ja)


def field_groups(form: forms.Form) -> list[tuple[str, list[forms.BoundField]]]:
    """The form's fields in the groups its ``GROUPS`` names (a legend and field names), the rest after."""
    groups: tuple[tuple[str, tuple[str, ...]], ...] = getattr(form, "GROUPS", ())
    placed = {name for _, names in groups for name in names}
    found = [(legend, [form[name] for name in names if name in form.fields]) for legend, names in groups]
    rest = [form[name] for name in form.fields if name not in placed]
    first = [(legend, fields) for legend, fields in found if not legend]
    return [*first, *[(legend, fields) for legend, fields in found if legend], ("", rest)]


class ReasonField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(label="変更の理由", required=False, max_length=2000, help_text=REASON_HELP, **kwargs)


class PlanForm(forms.Form):
    """計画: title, kind and period (years as 令和3年度, R3 or 2021)."""

    title = forms.CharField(label="計画名", max_length=300)
    kind = forms.ChoiceField(label="種別", choices=PlanKind.choices)
    start_year = FiscalYearField(label="開始年度", max_length=20, help_text="例: 令和6年度、R6、2024")
    end_year = FiscalYearField(label="終了年度", max_length=20, help_text="例: 令和11年度、R11、2029")
    reason = ReasonField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("start_year", "end_year"):
            if isinstance(data.get(name), FiscalYear):
                data[name] = data[name].year
        if not self.errors:
            _show(self, plan_problems(data))
        return data


class NodeForm(forms.Form):
    """A goal's or policy's number and title."""

    number = forms.IntegerField(label="番号", min_value=0, max_value=32767, required=False)
    title = forms.CharField(label="名称", max_length=300)
    reason = ReasonField()

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation


class DepartmentsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class OwnedNodeForm(NodeForm):
    """An approach or item: number, title and 担当課 (chosen, or typed when new)."""

    departments = DepartmentsField(label="担当課", required=False)
    new_departments = forms.CharField(
        label="その他の担当課",
        required=False,
        max_length=1000,
        help_text="一覧にない課は「、」で区切って入力します（例: 福祉課、市民課）。",
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        names = [] if organisation is None else [d.name for d in organisation.departments.order_by("name")]
        self.fields["departments"].choices = [(name, name) for name in names]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        typed = [name.strip() for name in (data.get("new_departments") or "").replace("，", "、").split("、")]
        names = list(dict.fromkeys([*(data.get("departments") or []), *(n for n in typed if n)]))
        _show(self, [p for p in department_problems(names) if p])
        if self.has_error("departments") and "new_departments" in self.fields:
            self.errors["new_departments"] = self.errors.pop("departments")
        data["departments"] = names
        return data


class ApproachForm(OwnedNodeForm):
    printed_marker = forms.CharField(
        label="印字された番号",
        required=False,
        max_length=40,
        help_text="計画書の表記（例: 取組方針①）。任意。",
    )
    field_order = ("number", "title", "printed_marker", "departments", "new_departments", "reason")


class ItemForm(OwnedNodeForm):
    """取組項目: numbered across the plan; with no 担当課 it takes its approach's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].help_text = "取組項目は計画全体の通し番号です（No.1〜）。"
        self.fields["departments"].help_text = "選ばなければ取組方針の担当課になります。"


class IndicatorForm(forms.Form):
    name = forms.CharField(label="指標名", max_length=300)
    reason = ReasonField()


class PartForm(forms.Form):
    """指標の項目: baseline and target with year, value, unit and printed text; direction; qualifier."""

    label = forms.CharField(
        label="内訳",
        max_length=200,
        required=False,
        help_text="例: 求職、求人。一つだけの指標は空欄で構いません。",
    )
    baseline_year = FiscalYearField(
        label="基準年度", max_length=20, required=False, help_text="例: 令和5年度、R5、2023"
    )
    baseline_value = FigureField(label="基準値", required=False)
    baseline_unit = forms.CharField(
        label="基準値の単位", max_length=40, required=False, help_text="例: 人、件、%"
    )
    baseline_text = forms.CharField(
        label="基準値の表記", max_length=300, required=False, help_text="空欄なら値と単位から作ります。"
    )
    target_year = FiscalYearField(
        label="目標年度", max_length=20, required=False, help_text="計画期間の中の年度"
    )
    target_value = FigureField(
        label="目標値", required=False, help_text="「維持」など数値でない目標は空欄にして、表記に書きます。"
    )
    target_unit = forms.CharField(label="目標値の単位", max_length=40, required=False)
    target_qualifier = forms.ChoiceField(
        label="目標の条件",
        required=False,
        choices=[("", "なし"), *((q, q) for q in QUALIFIERS)],
        help_text="「年1回以上」なら 目標値 1・単位 回・条件 以上。",
    )
    target_text = forms.CharField(
        label="目標値の表記",
        max_length=300,
        required=False,
        help_text="例: 年1回以上、維持。空欄なら値と単位から作ります。",
    )
    direction = forms.ChoiceField(label="方向", choices=Direction.choices, initial=Direction.INCREASE)
    tolerance = FigureField(
        label="許容幅", required=False, help_text="アンケートの割合など、同水準とみなす幅（例: 3）。任意。"
    )
    reason = ReasonField()

    GROUPS = (
        ("", ("name", "label")),
        ("基準値", ("baseline_year", "baseline_value", "baseline_unit", "baseline_text")),
        ("目標値", ("target_year", "target_value", "target_unit", "target_qualifier", "target_text")),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("baseline_year", "target_year"):
            if isinstance(data.get(name), FiscalYear):
                data[name] = data[name].year
        if not self.errors:
            _show(self, part_problems(self.plan, data))
        return data

    def part_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in LEVELS["part"].fields}


class NewIndicatorForm(PartForm):
    """An indicator with its first part; more parts are added on the indicator's page."""

    name = forms.CharField(label="指標名", max_length=300)


def part_initial(part: IndicatorPart) -> dict[str, Any]:
    """A stored part as the form shows it (values without trailing zeros)."""
    initial: dict[str, Any] = {name: getattr(part, name) for name in LEVELS["part"].fields}
    for name in ("baseline_value", "target_value", "tolerance"):
        value = initial[name]
        initial[name] = None if value is None else format(Decimal(value).normalize(), "f")
    return initial


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label="計画ファイル",
        help_text="計画書の表や文章（.txt / .tsv / .csv）、Excel（.xlsx、入力用ブックも可）、計画のJSON",
    )
    kind = forms.ChoiceField(label="種別", choices=PlanKind.choices)

    def clean_file(self) -> UploadedReport:
        upload = self.cleaned_data["file"]
        name = upload.name or "plan"
        if not name.lower().endswith(PLAN_SUFFIXES):
            raise forms.ValidationError("取り込めるのは .xlsx / .csv / .tsv / .txt / .json のファイルです。")
        if upload.size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
            raise forms.ValidationError("ファイルが大きすぎます（25MBまで）。")
        data = upload.read()
        if not data:
            raise forms.ValidationError("ファイルが空です。")
        return UploadedReport(name=name, data=data)
