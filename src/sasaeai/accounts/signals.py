"""A changed password revokes every API token of its user, as it ends the user's other sessions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver
from knox.models import get_token_model


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def revoke_api_tokens_on_password_change(
    sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """Compare the stored hash with the one about to be saved.  A hash upgraded at login (a new hasher or more
    iterations) also counts as a change: the tokens go, which errs on the safe side."""
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        get_token_model().objects.filter(user_id=instance.pk).delete()
