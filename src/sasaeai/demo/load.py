"""Loading the fictional city into the database, through the same operations a secretariat uses."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sasaeai.evaluation.services.links_import import LinksImport
from sasaeai.evaluation.services.stored import refreshed_once
from sasaeai.people.roles import COMMAND_LINE
from sasaeai.people.services import CreateUser
from sasaeai.plans.models import Comment, Indicator
from sasaeai.plans.services.plan_import import PlanImport
from sasaeai.reports.services.report_import import ReportImport
from sasaeai.reports.services.workflow import ApprovePart, PublishReport, SubmitPart

from .city import CITY, COUNCIL, REPORT_YEARS
from .documents import DEFAULT_SEED, Figures, report_text, write_demo_files

DEMO_USERS = (  # username, role, organisation, departments, full name shown on the pages
    ("jimukyoku", "admin", COUNCIL, (), "社協事務局 花子"),
    ("shi-jimukyoku", "admin", CITY, (), "市事務局 健一"),
    ("chiiki", "editor", COUNCIL, ("地域福祉課", "ボランティアセンター"), "地域福祉課 担当 太郎"),
    ("soumu", "editor", COUNCIL, ("総務課", "生活支援課"), "総務課 担当 次郎"),
    ("zaitaku", "editor", COUNCIL, ("在宅福祉課", "権利擁護センター"), "在宅福祉課 担当 四郎"),
    ("kachou", "approver", COUNCIL, ("地域福祉課", "ボランティアセンター"), "地域福祉課長 三郎"),
    (
        "kyokuchou",
        "approver",
        COUNCIL,
        ("総務課", "生活支援課", "在宅福祉課", "権利擁護センター"),
        "事務局長 五月",
    ),
    ("iin", "committee", None, (), "推進委員 さくら"),
)
COMMENTS = (  # indicator, fiscal year, text
    (
        "市民ボランティア入門講座参加者数",
        2024,
        "参加者が基準値を下回っています。開催時期や周知の方法を見直してください。",
    ),
    (
        "コミュニティソーシャルワーカー相談件数",
        2024,
        "相談件数は目標を上回りました。相談の中身（分野・世代）も報告してください。",
    ),
    ("子ども食堂数", 2025, "新しい子ども食堂が増えています。運営者の負担にも目を向けてください。"),
)


DEMO_WORD = "kaede-demo"  # the demo's passwords are this word and a few letters of each name's hash
SAMPLE_YEAR, SAMPLE_QUARTER = REPORT_YEARS[-1] + 1, 1  # the quarter after the demo's last report


@dataclass
class DemoLogin:
    username: str
    role: str
    password: str
    departments: tuple[str, ...]
    upload_sample: Path | None = None  # the file this user may upload (their departments' rows)


@dataclass
class DemoSite:
    directory: Path
    logins: list[DemoLogin]
    reports: list[Path] = field(default_factory=list)


def demo_password(username: str) -> str:
    """The demo user's password: the same on every run, so that the README can list it.

    For the demo only.  ``kaede-demo-`` and six hexadecimal digits of a hash of the
    name: 17 characters, not all digits and unlike the name, so that the password
    validators a real site uses (similarity, length, numeric) take it.
    """
    digest = hashlib.sha256(f"{DEMO_WORD}:{username}".encode()).hexdigest()
    return f"{DEMO_WORD}-{digest[:6]}"


def demo_logins(directory: Path) -> list[DemoLogin]:
    """Every demo user with their password and, for those who upload, their sample file in ``directory``."""
    logins = []
    for name, role, organisation, departments, _ in DEMO_USERS:
        sample = None
        if role == "editor" or (role == "admin" and organisation == COUNCIL):
            sample = directory / f"upload_sample_{SAMPLE_YEAR}_Q{SAMPLE_QUARTER}_{name}.tsv"
        logins.append(DemoLogin(name, role, demo_password(name), departments, sample))
    return logins


def write_upload_samples(logins: list[DemoLogin], seed: int = DEFAULT_SEED) -> None:
    """The next quarter's report as each user would upload it: an editor's holds only their departments' rows.

    A department's upload replaces only that department's entries and refuses
    rows of other departments; the secretariat's sample is the whole report.
    """
    figures = Figures(seed)
    for login in logins:
        if login.upload_sample is not None:
            text = report_text(figures, SAMPLE_YEAR, SAMPLE_QUARTER, login.departments)
            login.upload_sample.write_text(text, encoding="utf-8")


def load_demo(directory: Path, seed: int = DEFAULT_SEED, quarters: int | None = None) -> DemoSite:
    """Write the demo's documents and store them through the import services, as a secretariat would.

    ``quarters``: only the last so many quarterly reports (the browser tests need a few, quickly).
    """
    files = write_demo_files(directory, seed)
    chosen = files.reports[-quarters:] if quarters else files.reports
    logins = demo_logins(directory)
    with refreshed_once():  # the city's evaluation is stored once, when all its reports are in place
        PlanImport(COMMAND_LINE, files.plan.read_bytes(), files.plan.name, kind="city").execute()
        reports = [
            ReportImport(COMMAND_LINE, path.read_bytes(), path.name, organisation=COUNCIL).execute().report
            for path in chosen
        ]
        LinksImport(COMMAND_LINE, files.links.read_bytes(), files.links.name).execute()
        users = _create_users(logins)
        _move_through_workflow([r for r in reports if r is not None], users)
        _comment(users["iin"])
    write_upload_samples(logins, seed)
    return DemoSite(directory, logins, chosen)


def _create_users(logins: list[DemoLogin]) -> dict[str, Any]:
    full_names = {name: full for name, _, _, _, full in DEMO_USERS}
    organisations = {name: organisation for name, _, organisation, _, _ in DEMO_USERS}
    users = {}
    for login in logins:
        user = CreateUser(
            COMMAND_LINE,
            login.username,
            login.role,
            login.password,
            login.departments,
            organisations[login.username],
        ).execute()
        user.first_name = full_names[login.username]
        user.save(update_fields=["first_name"])
        users[login.username] = user
    return users


def _move_through_workflow(reports: list[Any], users: dict[str, Any]) -> None:
    """Earlier reports published; the latest quarter but one approved; the latest waits for the approvers.

    Each department's part is submitted by its editor and approved by its head, as in a real quarter.
    """
    ordered = sorted(reports, key=lambda r: (r.fiscal_year, r.period))
    for index, report in enumerate(ordered):
        for part in report.parts.select_related("department"):
            SubmitPart(_member(users, "editor", part), part).execute()
            if index < len(ordered) - 1:
                ApprovePart(_member(users, "approver", part), part).execute()
        if index < len(ordered) - 2:
            PublishReport(users["jimukyoku"], report).execute()


def _member(users: dict[str, Any], role: str, part: Any) -> Any:
    """The demo user of ``role`` who answers for the part's department."""
    name = part.department.name if part.department else ""
    return next(users[u] for u, r, _, departments, _ in DEMO_USERS if r == role and name in departments)


def _comment(author: Any) -> None:
    for name, fiscal_year, text in COMMENTS:
        indicator = Indicator.objects.get(name=name)
        Comment.objects.create(author=author, indicator=indicator, fiscal_year=fiscal_year, text=text)
