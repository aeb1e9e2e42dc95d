"""Committee comments (推進委員会の意見) on an indicator, approach or goal for a fiscal year."""

from __future__ import annotations

from django.db import transaction

from sasaeai.audit.trail import recorded_user
from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.roles import Actor
from sasaeai.plans.models import Approach, Comment, Goal, Indicator, Plan

MAX_COMMENT = 4000


class PostComment(Operation):
    """Keep a committee member's (or the secretariat's) remark; nobody else writes them."""

    def __init__(
        self, user: Actor, subject: Indicator | Approach | Goal, fiscal_year: int, text: str
    ) -> None:
        super().__init__(user)
        self.subject, self.fiscal_year, self.text = subject, fiscal_year, (text or "").strip()

    def _plan(self) -> Plan:
        return Comment(**{self._field(): self.subject}).plan

    def _field(self) -> str:
        return {Indicator: "indicator", Approach: "approach", Goal: "goal"}[type(self.subject)]

    def check(self) -> None:
        organisation = self._plan().organisation
        if not permissions.can_comment(self.user, organisation) or recorded_user(self.user) is None:
            refuse(
                "Only committee members and the plan's secretariat write comments.",
                "意見を書けるのは推進委員と計画の事務局だけです。",
            )
        if not self.text:
            refuse("Write the comment.", "意見を入力してください。")
        if len(self.text) > MAX_COMMENT:
            refuse(
                f"A comment has at most {MAX_COMMENT} characters.",
                f"意見は{MAX_COMMENT}文字以内で入力してください。",
            )
        if not 1900 < self.fiscal_year < 2200:
            refuse(
                f"{self.fiscal_year} is not a fiscal year.", f"{self.fiscal_year} は年度として読めません。"
            )

    def execute(self) -> Comment:
        self.check()
        author = recorded_user(self.user)
        assert author is not None  # check() refused the command line
        field = self._field()
        with transaction.atomic():
            return Comment.objects.create(
                author=author, fiscal_year=self.fiscal_year, text=self.text, **{field: self.subject}
            )
