"""A small named cast for the web tests: people of every role, a plan, projects and two reports.

Tests ask for the ``cast`` fixture (tests/conftest.py), built once per module by
:func:`make_cast`, and act through pytest-django's ``client`` or :func:`client_for`;
:func:`assert_contains` and its kin check the pages.  Everything is built here
explicitly, so a test says whom it acts as and what it expects to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponseBase
from django.test import Client, RequestFactory

from sasaeai.evaluation.models import IndicatorLink
from sasaeai.evaluation.services.stored import recompute
from sasaeai.people.models import Department, Membership, Organisation, Role
from sasaeai.plans.models import Approach, Direction, Goal, Indicator, IndicatorPart, Plan, Policy
from sasaeai.reports.models import PartStatus, Project, ProjectEntry, Quantity, Report, ReportStatus, Side
from sasaeai.reports.services.workflow import ensure_parts

PASSWORD = "sasaeai-cast-password"


@dataclass
class Cast:
    city: Organisation
    council: Organisation
    welfare: Department  # 地域福祉課, the editor's and approver's department
    general: Department  # 総務課, nobody's in the cast but the admin's
    admin: User  # the council's secretariat
    city_admin: User  # the city's secretariat
    editor: User  # 地域福祉課
    approver: User  # 地域福祉課
    other_editor: User  # 総務課
    committee: User
    operator: User  # runs the server and the admin site; no figures
    anonymous: AnonymousUser
    plan: Plan
    goal: Goal
    policy: Policy
    approach: Approach
    indicator: Indicator
    part: IndicatorPart
    salon: Project  # ふれあいサロン事業, 地域福祉課
    newsletter: Project  # 社協だより発行業務, 総務課
    draft: Report  # FY2025 Q4, draft
    published: Report  # FY2024 Q4, published
    salon_entry: ProjectEntry  # the salon's entry in the draft
    newsletter_entry: ProjectEntry  # the newsletter's entry in the draft
    salon_count: Quantity  # 登録数 87箇所 in the draft

    def users(self) -> dict[str, User | AnonymousUser]:
        """Every role by name, for role-matrix tests ("admin" is the council's secretariat)."""
        return {
            "operator": self.operator,
            "admin": self.admin,
            "city_admin": self.city_admin,
            "editor": self.editor,
            "other_editor": self.other_editor,
            "approver": self.approver,
            "committee": self.committee,
            "public": self.anonymous,
        }


def login_request() -> HttpRequest:
    """The request a password is checked for: the login lockout (django-axes) counts per user and address."""
    return RequestFactory().post("/accounts/login/")


def client_for(cast: Cast, role: str) -> Client:
    """A test client logged in as the cast's user of ``role`` ("public" stays anonymous)."""
    client = Client()
    if role != "public":
        assert client.login(
            request=login_request(), username=cast.users()[role].username, password=PASSWORD
        ), role
    return client


def _text(response: HttpResponseBase) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return content.decode(response.charset)


def assert_contains(response: HttpResponseBase, text: str, status: int = 200) -> None:
    """The response has ``status`` and its page contains ``text`` (Django's ``assertContains``)."""
    assert response.status_code == status, f"status {response.status_code}, expected {status}"
    assert text in _text(response), f"{text!r} is not in the response"


def assert_not_contains(response: HttpResponseBase, text: str, status: int = 200) -> None:
    """The response has ``status`` and its page does not contain ``text`` (Django's ``assertNotContains``)."""
    assert response.status_code == status, f"status {response.status_code}, expected {status}"
    assert text not in _text(response), f"{text!r} is in the response"


def assert_redirects(response: HttpResponseBase, url: str) -> None:
    """The response redirects (302) to ``url``, which answers 200 (Django's ``assertRedirects``)."""
    assert response.status_code == 302, f"status {response.status_code}, expected 302"
    assert response["Location"] == url
    target = response.client.get(url)  # type: ignore[attr-defined]
    assert target.status_code == 200, f"{url} answers {target.status_code}, expected 200"


def make_user(
    username: str,
    role: str | None,
    departments: Sequence[Department] = (),
    organisation: Organisation | None = None,
) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if role is not None:
        membership = Membership.objects.create(user=user, role=role, organisation=organisation)
        membership.departments.set(departments)
    return user


def _entry(report: Report, project: Project, order: int, figures: list[tuple[str, str, str]]) -> ProjectEntry:
    entry = ProjectEntry.objects.create(
        report=report,
        project=project,
        order=order,
        name_as_printed=project.name,
        current_text=" ".join(f"{label}{value}{unit}" for label, value, unit in figures),
        comparison_fiscal_year=report.comparison_fiscal_year,
    )
    for index, (label, value, unit) in enumerate(figures):
        Quantity.objects.create(
            entry=entry, side=Side.CURRENT, order=index, label=label, value=Decimal(value), unit=unit
        )
    return entry


def make_cast() -> Cast:
    city = Organisation.objects.create(name="架空市", kind="city")
    council = Organisation.objects.create(name="架空市社会福祉協議会", kind="council")
    welfare = Department.objects.create(organisation=council, name="地域福祉課")
    general = Department.objects.create(organisation=council, name="総務課")

    admin = make_user("jimukyoku", Role.ADMIN, organisation=council)
    city_admin = make_user("shi-jimukyoku", Role.ADMIN, organisation=city)
    editor = make_user("tantou", Role.EDITOR, [welfare])
    approver = make_user("kachou", Role.APPROVER, [welfare])
    other_editor = make_user("soumu-tantou", Role.EDITOR, [general])
    committee = make_user("iin", Role.COMMITTEE)
    operator = User.objects.create_superuser("unyou", password=PASSWORD)

    plan = Plan.objects.create(
        organisation=city, kind="city", title="架空市地域福祉計画", start_year=2021, end_year=2026
    )
    goal = Goal.objects.create(plan=plan, number=1, title="共に支え合う地域づくり")
    policy = Policy.objects.create(goal=goal, number=1, title="地域福祉活動の推進")
    approach = Approach.objects.create(policy=policy, number=1, title="多様な居場所づくり")
    approach.departments.set([welfare])
    indicator = Indicator.objects.create(approach=approach, name="ふれあいサロン数")
    part = IndicatorPart.objects.create(
        indicator=indicator,
        unit="か所",
        direction=Direction.INCREASE,
        baseline_year=2019,
        baseline_value=Decimal(68),
        baseline_unit="か所",
        baseline_text="68 か所",
        target_year=2026,
        target_value=Decimal(83),
        target_unit="か所",
        target_text="83 か所",
    )

    salon = Project.objects.create(
        organisation=council, name="ふれあいサロン事業", department=welfare, segment="社会福祉事業拠点"
    )
    newsletter = Project.objects.create(organisation=council, name="社協だより発行業務", department=general)
    IndicatorLink.objects.create(
        part=part, organisation=council, project=salon, names=[salon.name], label="登録数", unit="か所"
    )

    draft = Report.objects.create(
        organisation=council, fiscal_year=2025, period="Q4", comparison_fiscal_year=2024
    )
    salon_entry = _entry(draft, salon, 0, [("登録数", "87", "箇所")])
    newsletter_entry = _entry(draft, newsletter, 1, [("発行", "347400", "部")])
    published = Report.objects.create(
        organisation=council, fiscal_year=2024, period="Q4", status=ReportStatus.PUBLISHED
    )
    _entry(published, salon, 0, [("登録数", "91", "箇所")])
    ensure_parts(draft)
    ensure_parts(published)
    published.parts.update(status=PartStatus.APPROVED)
    recompute()  # the rows above were written past the services that keep the stored evaluation

    return Cast(
        city=city,
        council=council,
        welfare=welfare,
        general=general,
        admin=admin,
        city_admin=city_admin,
        editor=editor,
        approver=approver,
        other_editor=other_editor,
        committee=committee,
        operator=operator,
        anonymous=AnonymousUser(),
        plan=plan,
        goal=goal,
        policy=policy,
        approach=approach,
        indicator=indicator,
        part=part,
        salon=salon,
        newsletter=newsletter,
        draft=draft,
        published=published,
        salon_entry=salon_entry,
        newsletter_entry=newsletter_entry,
        salon_count=salon_entry.quantities.get(),
    )


def database_snapshot() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every model of Sasaeai's apps, for 'the database is exactly as before' assertions."""
    from django.apps import apps

    return {
        model._meta.label: sorted(model.objects.values_list(), key=repr)
        for config in apps.get_app_configs()
        if config.name.startswith("sasaeai.")
        for model in config.get_models()
    }
