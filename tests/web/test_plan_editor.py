"""The plan editor on the web: the secretariat of the plan's organisation adds, changes, moves and deletes
the nodes of its plan, every change audited and listed on the plan's history page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sasaeai.audit.models import AuditEntry
from sasaeai.plans.models import Approach, Goal, Indicator, IndicatorPart, Item, Plan, PlanChange, Policy

from .base import assert_contains, assert_not_contains, client_for, database_snapshot

pytestmark = pytest.mark.django_db

PART = {
    "label": "",
    "baseline_year": "令和元年度",
    "baseline_value": "118",
    "baseline_unit": "人",
    "baseline_text": "",
    "target_year": "R8",
    "target_value": "130",
    "target_unit": "人",
    "target_qualifier": "",
    "target_text": "",
    "direction": "increase",
    "tolerance": "",
    "reason": "",
}


def _editor(cast) -> str:
    return reverse("plans:editor", args=(cast.plan.pk,))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("city_admin", 200),
        ("admin", 403),
        ("editor", 403),
        ("approver", 403),
        ("committee", 403),
        ("operator", 403),
    ],
)
def test_only_the_plans_own_secretariat_opens_the_editor(cast, role: str, status: int) -> None:
    response = client_for(cast, role).get(_editor(cast))
    assert response.status_code == status


def test_the_public_is_sent_to_log_in(cast) -> None:
    response = client_for(cast, "public").get(_editor(cast))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_organisations_secretariat_changes_nothing(cast) -> None:
    before = database_snapshot()
    url = reverse("plans:node_edit", args=("goal", cast.goal.pk))
    response = client_for(cast, "admin").post(url, {"number": 1, "title": "書き換え", "reason": ""})
    assert response.status_code == 403
    moved = client_for(cast, "admin").post(
        reverse("plans:node_move", args=("goal", cast.goal.pk)), {"direction": "down"}
    )
    assert moved.status_code == 403
    assert database_snapshot() == before


def test_the_editor_shows_the_tree_with_its_buttons(cast) -> None:
    response = client_for(cast, "city_admin").get(_editor(cast))
    assert_contains(response, "共に支え合う地域づくり")
    assert_contains(response, '上へ<span class="visually-hidden">（取組方針1 多様な居場所づくり）</span>')
    assert_contains(response, "ふれあいサロン数")
    assert_contains(response, "68 か所")


def test_creates_a_plan_for_the_secretariats_own_organisation(cast) -> None:
    client = client_for(cast, "city_admin")
    response = client.post(
        reverse("plans:create"),
        {"title": "第2期架空市地域福祉計画", "kind": "city", "start_year": "令和9年度", "end_year": "R14"},
    )
    plan = Plan.objects.get(title="第2期架空市地域福祉計画")
    assert response["Location"] == reverse("plans:editor", args=(plan.pk,))
    assert (plan.organisation, plan.start_year, plan.end_year) == (cast.city, 2027, 2032)
    assert PlanChange.objects.get(plan=plan).entry.field == "created"


def test_a_second_plan_for_the_same_period_is_refused_in_japanese(cast) -> None:
    response = client_for(cast, "city_admin").post(
        reverse("plans:create"), {"title": "重複", "kind": "city", "start_year": "2021", "end_year": "2026"}
    )
    assert_contains(response, "架空市 の令和3年度（2021年度）からの地域福祉計画は登録済みです。")
    assert not Plan.objects.filter(title="重複").exists()


def test_a_plan_ending_before_it_starts_is_refused(cast) -> None:
    response = client_for(cast, "city_admin").post(
        reverse("plans:create"), {"title": "逆", "kind": "city", "start_year": "2030", "end_year": "2027"}
    )
    assert_contains(response, "終了年度は開始年度と同じか、それより後にしてください。")


def test_adds_an_approach_with_departments_and_audits_it(cast) -> None:
    client = client_for(cast, "city_admin")
    url = reverse("plans:node_add", args=("policy", cast.policy.pk, "approach"))
    response = client.post(
        url,
        {
            "number": "2",
            "title": "見守りの輪を広げる",
            "printed_marker": "",
            "new_departments": "福祉課、市民課",
            "reason": "",
        },
    )
    approach = Approach.objects.get(title="見守りの輪を広げる")
    assert response["Location"] == _editor(cast) + f"#approach-{approach.pk}"
    assert approach.number == 2
    assert sorted(d.name for d in approach.departments.all()) == ["市民課", "福祉課"]
    assert {d.organisation for d in approach.departments.all()} == {cast.city}
    fields = list(PlanChange.objects.filter(plan=cast.plan).values_list("entry__field", flat=True))
    assert sorted(fields) == ["created", "departments"]


def test_an_item_without_departments_takes_its_approachs(cast) -> None:
    client = client_for(cast, "city_admin")
    url = reverse("plans:node_add", args=("approach", cast.approach.pk, "item"))
    client.post(url, {"number": "5", "title": "サロンの立ち上げ支援", "reason": ""})
    item = Item.objects.get(title="サロンの立ち上げ支援")
    assert [d.name for d in item.departments.all()] == ["地域福祉課"]


def test_adds_an_indicator_and_a_second_part(cast) -> None:
    client = client_for(cast, "city_admin")
    url = reverse("plans:node_add", args=("approach", cast.approach.pk, "indicator"))
    response = client.post(url, {**PART, "name": "福祉人材バンクの登録", "label": "求職"})
    indicator = Indicator.objects.get(name="福祉人材バンクの登録")
    assert response.status_code == 302
    url = reverse("plans:node_add", args=("indicator", indicator.pk, "part"))
    response = client.post(
        url, {**PART, "label": "求人", "baseline_value": "241", "target_value": "250", "baseline_unit": ""}
    )
    assert response["Location"] == reverse("plans:node_edit", args=("indicator", indicator.pk))
    parts = [
        (
            p.order,
            p.label,
            p.baseline_year,
            p.baseline_value,
            p.target_year,
            p.target_value,
            p.unit,
            p.baseline_unit,
        )
        for p in indicator.parts.all()
    ]
    assert parts == [
        (0, "求職", 2019, Decimal(118), 2026, Decimal(130), "人", "人"),
        (1, "求人", 2019, Decimal(241), 2026, Decimal(250), "人", "人"),
    ]
    assert [p.baseline_text for p in indicator.parts.all()] == ["118人", "241人"]
    assert indicator.order == 1  # after the cast's indicator


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"target_year": "2030"},
            "目標年度は計画期間（令和3年度（2021年度）〜令和8年度（2026年度））の中にしてください。",
        ),
        ({"baseline_year": "R5"}, "基準年度は計画期間の初年度（令和3年度（2021年度））以前にしてください。"),
        ({"target_unit": "件"}, "基準値の単位「人」と目標値の単位「件」が一致しません。"),
        (
            {"target_value": "1.2345"},
            "小数点以下の桁が多すぎます（扱えるのは±999,999,999,999.999の範囲、小数点以下3桁までです）。",
        ),
        (
            {"baseline_value": "1000000000000"},
            "値が大きすぎます（扱えるのは±999,999,999,999.999の範囲、小数点以下3桁までです）。",
        ),
        ({"baseline_year": ""}, "基準値を入れたときは基準年度も入れてください。"),
        ({"target_value": "", "target_text": ""}, "目標値か、目標の表記（例：維持）を入れてください。"),
        (
            {"target_value": "", "target_text": "毎年", "target_qualifier": "以上"},
            "目標の条件（以上など）は目標値と一緒に入れてください。",
        ),
        ({"target_value": "たくさん"}, "数値を入力してください（例: 3,121）。"),
    ],
)
def test_a_part_that_breaks_a_rule_is_refused_in_japanese(cast, change: dict[str, str], message: str) -> None:
    before = database_snapshot()
    url = reverse("plans:node_edit", args=("part", cast.part.pk))
    response = client_for(cast, "city_admin").post(url, {**PART, **change})
    assert_contains(response, message)
    assert database_snapshot() == before


def test_qualitative_targets_keep_their_words(cast) -> None:
    client = client_for(cast, "city_admin")
    url = reverse("plans:node_add", args=("indicator", cast.indicator.pk, "part"))
    client.post(
        url,
        {
            **PART,
            "label": "会議",
            "target_value": "1",
            "target_unit": "回",
            "baseline_unit": "回",
            "baseline_value": "1",
            "target_qualifier": "以上",
            "target_text": "年1回以上",
        },
    )
    client.post(
        url, {**PART, "label": "巡回", "target_value": "", "target_unit": "", "direction": "maintain"}
    )
    meeting, patrol = IndicatorPart.objects.filter(
        indicator=cast.indicator, label__in=("会議", "巡回")
    ).order_by("order")
    assert (meeting.target_text, meeting.target_qualifier, meeting.target_value) == ("年1回以上", "以上", 1)
    assert (patrol.target_text, patrol.direction, patrol.target_value) == ("維持", "maintain", None)


def test_changing_a_part_audits_each_field_and_prints_the_new_value(cast) -> None:
    client = client_for(cast, "city_admin")
    url = reverse("plans:node_edit", args=("part", cast.part.pk))
    data = {
        **PART,
        "baseline_year": "2019",
        "baseline_value": "68",
        "baseline_unit": "か所",
        "baseline_text": "68 か所",
        "target_year": "2026",
        "target_value": "90",
        "target_unit": "か所",
        "target_text": "83 か所",
        "reason": "中間見直しで目標を引き上げ",
    }
    client.post(url, data)
    part = IndicatorPart.objects.get(pk=cast.part.pk)
    assert (part.target_value, part.target_text, part.baseline_text) == (90, "90か所", "68 か所")
    changes = {
        c.entry.field: (c.entry.old, c.entry.new, c.entry.reason)
        for c in PlanChange.objects.filter(plan=cast.plan)
    }
    assert changes == {
        "target_value": ("83", "90", "中間見直しで目標を引き上げ"),
        "target_text": ("83 か所", "90か所", "中間見直しで目標を引き上げ"),
    }


def test_moving_a_goal_up_hands_out_the_numbers_again(cast) -> None:
    client = client_for(cast, "city_admin")
    second = Goal.objects.create(plan=cast.plan, number=2, title="安心して暮らせるまち")
    response = client.post(reverse("plans:node_move", args=("goal", second.pk)), {"direction": "up"})
    assert response["Location"] == _editor(cast) + f"#goal-{second.pk}"
    assert list(cast.plan.goals.order_by("number").values_list("title", "number")) == [
        ("安心して暮らせるまち", 1),
        ("共に支え合う地域づくり", 2),
    ]
    moves = PlanChange.objects.filter(plan=cast.plan).values_list("place", "entry__old", "entry__new")
    assert sorted(moves) == [("基本目標1", "1", "2"), ("基本目標2", "2", "1")]  # filed where each stood


def test_dragging_gives_a_position_and_the_ends_refuse_to_move_further(cast) -> None:
    client = client_for(cast, "city_admin")
    Indicator.objects.create(approach=cast.approach, name="二つ目", order=1)
    third = Indicator.objects.create(approach=cast.approach, name="三つ目", order=2)
    client.post(reverse("plans:node_move", args=("indicator", third.pk)), {"position": "0"})
    names = list(
        Indicator.objects.filter(approach=cast.approach).order_by("order").values_list("name", flat=True)
    )
    assert names == ["三つ目", "ふれあいサロン数", "二つ目"]
    response = client.post(
        reverse("plans:node_move", args=("indicator", third.pk)), {"direction": "up"}, follow=True
    )
    assert_contains(response, "評価指標 三つ目 はいちばん上にあります。")


def test_deleting_what_others_wrote_about_is_refused(cast) -> None:
    before = database_snapshot()
    client = client_for(cast, "city_admin")
    response = client.post(reverse("plans:node_delete", args=("indicator", cast.indicator.pk)), follow=True)
    assert_contains(
        response, "評価指標 ふれあいサロン数 には 指標と実績の対応 1件 が結び付いているため削除できません。"
    )
    assert database_snapshot() == before


def test_a_deleted_node_stays_in_the_plans_history(cast) -> None:
    client = client_for(cast, "city_admin")
    policy = Policy.objects.create(goal=cast.goal, number=2, title="権利擁護の推進")
    Approach.objects.create(policy=policy, number=1, title="成年後見の利用促進")
    page = client.get(reverse("plans:node_delete", args=("policy", policy.pk)))
    assert_contains(page, "施策2 権利擁護の推進（取組方針 1件を含む）")
    client.post(reverse("plans:node_delete", args=("policy", policy.pk)), {"reason": "統合のため"})
    assert not Policy.objects.filter(pk=policy.pk).exists()
    history = client.get(reverse("plans:history", args=(cast.plan.pk,)))
    assert_contains(history, "施策2 権利擁護の推進（取組方針 1件を含む）")
    assert_contains(history, "統合のため")
    assert_contains(history, "shi-jimukyoku")
    assert AuditEntry.objects.filter(field="deleted", object_id=str(policy.pk)).exists()


def test_the_last_part_of_an_indicator_is_not_deleted_alone(cast) -> None:
    indicator = Indicator.objects.create(approach=cast.approach, name="一つだけ", order=3)
    part = IndicatorPart.objects.create(indicator=indicator, target_text="維持", direction="maintain")
    response = client_for(cast, "city_admin").post(
        reverse("plans:node_delete", args=("part", part.pk)), follow=True
    )
    assert_contains(response, "指標には内訳が一つ以上必要です。")
    assert IndicatorPart.objects.filter(pk=part.pk).exists()


def test_a_goal_number_taken_is_refused(cast) -> None:
    Goal.objects.create(plan=cast.plan, number=2, title="二")
    response = client_for(cast, "city_admin").post(
        reverse("plans:node_edit", args=("goal", cast.goal.pk)),
        {"number": "2", "title": "共に", "reason": ""},
    )
    assert_contains(response, "基本目標2 はすでにあります。別の番号にしてください。")


def test_the_plan_tree_links_to_the_editor_for_its_secretariat_only(cast) -> None:
    url = reverse("plan_tree", args=(cast.plan.pk,))
    assert_contains(client_for(cast, "city_admin").get(url), "この計画を編集する")
    assert_not_contains(client_for(cast, "admin").get(url), "この計画を編集する")
    assert_not_contains(client_for(cast, "public").get(url), "この計画を編集する")


def test_changing_the_period_that_would_strand_targets_is_refused(cast) -> None:
    response = client_for(cast, "city_admin").post(
        reverse("plans:settings", args=(cast.plan.pk,)),
        {"title": cast.plan.title, "kind": "city", "start_year": "2021", "end_year": "2025", "reason": ""},
    )
    assert_contains(response, "この計画期間では目標年度が期間外になる指標の内訳が1件あります。")


def test_a_target_changed_on_the_admin_site_is_in_the_plans_history(cast, client) -> None:  # type: ignore[no-untyped-def]
    from django.forms.models import model_to_dict

    client.force_login(cast.operator)
    indicator = {k: ("" if v is None else v) for k, v in model_to_dict(cast.indicator).items()}
    part = {f"parts-0-{k}": ("" if v is None else v) for k, v in model_to_dict(cast.part).items()}
    data = {
        **indicator,
        "approach": cast.approach.pk,
        **part,
        "parts-0-target_value": "85",
        "parts-0-indicator": cast.indicator.pk,
        "parts-TOTAL_FORMS": "1",
        "parts-INITIAL_FORMS": "1",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
    }
    assert client.post(f"/admin/plans/indicator/{cast.indicator.pk}/change/", data).status_code == 302
    change = PlanChange.objects.get(plan=cast.plan)
    assert (change.place, change.entry.field, change.entry.old, change.entry.new) == (
        "基本目標1 › 施策1 › 取組方針1 › 指標「ふれあいサロン数」 › 内訳1",
        "target_value",
        "83",
        "85",
    )
