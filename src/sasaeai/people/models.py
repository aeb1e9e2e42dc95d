"""Organisations, their departments, and who may do what (a user's role and departments)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property


class OrganisationKind(models.TextChoices):
    CITY = "city", "市町村"
    COUNCIL = "council", "社会福祉協議会"


class Organisation(models.Model):
    """組織: the municipality (市) or its social welfare council (社会福祉協議会)."""

    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("種別", max_length=16, choices=OrganisationKind.choices)

    class Meta:
        ordering = (
            "kind",
            "name",
        )
        verbose_name = "組織"
        verbose_name_plural = "組織"

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """担当課: a department of an organisation; plans and projects name them."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments", verbose_name="組織"
    )
    name = models.CharField("名称", max_length=200)

    class Meta:
        ordering = (
            "organisation",
            "name",
        )
        verbose_name = "担当課"
        verbose_name_plural = "担当課"
        constraints = (
            models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name"),
        )

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OPERATOR = "operator", "運用管理者"
    ADMIN = "admin", "事務局"
    EDITOR = "editor", "担当課"
    APPROVER = "approver", "課長"
    COMMITTEE = "committee", "推進委員会"


class Membership(models.Model):
    """利用者の役割: a user's role; the secretariat's organisation; editors' and approvers' departments.

    The secretariat (admin) works for exactly one organisation and never acts on
    another's plans or reports; editors and approvers work for the departments
    they are given (and so for those departments' organisation).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name="利用者"
    )
    role = models.CharField("役割", max_length=16, choices=Role.choices)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="members", verbose_name="担当課"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="secretariat",
        verbose_name="所属組織",
        help_text="事務局の所属組織です。事務局はこの組織の計画と報告だけを扱います。",
    )

    @cached_property
    def assigned(self) -> frozenset[tuple[int, int]]:
        """Each department's id with its organisation's, read once for this loaded membership.

        A request loads the signed-in user's membership once, and a page asks who may act on each of
        its report parts: one query a request, not two a part.
        """
        return frozenset(self.departments.values_list("id", "organisation_id"))

    class Meta:
        verbose_name = "役割"
        verbose_name_plural = "役割"
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(role="admin") | models.Q(organisation__isnull=False),
                name="secretariat_has_organisation",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
