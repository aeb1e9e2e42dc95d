"""Creating a user with a role (and, for editors and approvers, their departments)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from sasaeai.operations import Operation, refuse
from sasaeai.people import permissions
from sasaeai.people.models import Department, Membership, Role
from sasaeai.people.roles import Actor


class CreateUser(Operation):
    """Create ``username`` with ``role``; editors and approvers need at least one department."""

    def __init__(
        self, user: Actor, username: str, role: str, password: str, departments: Sequence[str] = ()
    ) -> None:
        super().__init__(user)
        self.username, self.role, self.password = username.strip(), role, password
        self.department_names = list(departments)
        self.departments: list[Department] = []

    def check(self) -> None:
        if not permissions.can_manage_plans(self.user):
            refuse("Only the secretariat creates users.", "利用者を登録できるのは事務局だけです。")
        if self.role not in Role.values:
            refuse(f"Unknown role {self.role}.", f"役割 {self.role} は不明です。")
        if not self.username:
            refuse("Give a user name.", "利用者名を入力してください。")
        if get_user_model().objects.filter(username=self.username).exists():
            refuse(f"User {self.username} exists already.", f"利用者 {self.username} は登録済みです。")
        needs_departments = self.role in (Role.EDITOR, Role.APPROVER)
        if needs_departments and not self.department_names:
            refuse(f"An {self.role} needs at least one department.", "担当課を一つ以上指定してください。")
        self.departments = []
        for name in self.department_names:
            found = list(Department.objects.filter(name=name))
            if not found:
                refuse(f"No department is called {name}.", f"担当課「{name}」は登録されていません。")
            self.departments.extend(found)
        try:
            # The user-to-be, so that a password like the user name is refused too.
            validate_password(self.password, user=get_user_model()(username=self.username))
        except ValidationError as error:
            reasons = " ".join(error.messages)
            refuse(f"The password is too weak: {reasons}", f"パスワードが弱すぎます。{reasons}")

    def execute(self) -> Any:
        self.check()
        with transaction.atomic():
            user = get_user_model().objects.create_user(self.username, password=self.password)
            if self.role == Role.ADMIN:
                # The secretariat may do everything, Django's admin pages included.
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            membership = Membership.objects.create(user=user, role=self.role)
            membership.departments.set(self.departments)
        return user
