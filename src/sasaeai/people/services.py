"""Creating a user with a role: the secretariat's organisation, or editors' and approvers' departments."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Department, Membership, Organisation, Role
from sasaeai.people.roles import Actor, CommandLine, works_for


class CreateUser(Operation):
    """Create ``username`` with ``role``.

    The secretariat (admin) belongs to one organisation; editors and approvers
    need at least one department (named within ``organisation`` when it is
    given).  A secretariat creates users of its own organisation only; the
    site operator is created on the command line, and is the only account that
    uses Django's admin site.
    """

    def __init__(
        self,
        user: Actor,
        username: str,
        role: str,
        password: str,
        departments: Sequence[str] = (),
        organisation: str | None = None,
    ) -> None:
        super().__init__(user)
        self.username, self.role, self.password = username.strip(), role, password
        self.department_names = list(departments)
        self.organisation_name = organisation
        self.organisation: Organisation | None = None
        self.departments: list[Department] = []

    def check(self) -> None:
        if not permissions.is_secretariat(self.user):
            refuse("Only the secretariat creates users.", "利用者を登録できるのは事務局だけです。")
        if self.role not in Role.values:
            refuse(f"Unknown role {self.role}.", f"役割 {self.role} は不明です。")
        if self.role == Role.OPERATOR and not isinstance(self.user, CommandLine):
            refuse(
                "Operators are created on the server's command line.",
                "運用管理者はサーバーのコマンドで登録します。",
            )
        if not self.username:
            refuse("Give a user name.", "利用者名を入力してください。")
        if User.objects.filter(username=self.username).exists():
            refuse(f"User {self.username} exists already.", f"利用者 {self.username} は登録済みです。")
        self.organisation = self._organisation()
        self.departments = self._departments()
        try:
            # The user-to-be, so that a password like the user name is refused too.
            validate_password(self.password, User(username=self.username))
        except ValidationError as error:
            reasons = " ".join(error.messages)
            refuse(f"The password is too weak: {reasons}", f"パスワードが弱すぎます。{reasons}")

    def _organisation(self) -> Organisation | None:
        if self.organisation_name is None:
            if self.role == Role.ADMIN:
                refuse("A secretariat account needs --organisation.", "事務局の所属組織を指定してください。")
            return None
        found = Organisation.objects.filter(name=self.organisation_name).first()
        if found is None:
            refuse(
                f"No organisation is called {self.organisation_name}.",
                f"組織「{self.organisation_name}」は登録されていません。",
            )
        if not works_for(self.user, found.pk):
            refuse(f"You may not add users to {found}.", f"{found} の利用者は登録できません。")
        return found

    def _departments(self) -> list[Department]:
        if self.role in (Role.EDITOR, Role.APPROVER) and not self.department_names:
            refuse(f"An {self.role} needs at least one department.", "担当課を一つ以上指定してください。")
        found = []
        for name in self.department_names:
            candidates = Department.objects.filter(name=name)
            if self.organisation is not None:
                candidates = candidates.filter(organisation=self.organisation)
            matches = [d for d in candidates if works_for(self.user, d.organisation_id)]
            if len(matches) != 1:
                refuse(
                    f"No single department of yours is called {name}; name the organisation.",
                    f"担当課「{name}」を一つに決められません。組織を指定してください。",
                )
            found.extend(matches)
        return found

    def execute(self) -> User:
        self.check()
        with transaction.atomic():
            user = User.objects.create_user(self.username, password=self.password)
            if self.role == Role.OPERATOR:
                # The operator runs the server and Django's admin site, and enters no figures.
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            membership = Membership.objects.create(user=user, role=self.role, organisation=self.organisation)
            membership.departments.set(self.departments)
        return user
