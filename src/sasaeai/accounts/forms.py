"""The one-time code form: django-otp's OTPTokenForm for one known device, with Japanese messages."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.http import QueryDict
from django_otp.forms import OTPTokenForm
from django_otp.models import Device


class CodeForm(OTPTokenForm):  # type: ignore[misc]  # django-otp has no type hints
    """Six digits from the authenticator app, checked against ``device`` with django-otp's throttling
    (each wrong code doubles the wait before the next may be tried) and replay protection."""

    otp_error_messages: ClassVar[dict[str, Any]] = dict(
        OTPTokenForm.otp_error_messages,
        token_required="確認コードを入力してください。",
        invalid_token="確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。",
        n_failed_attempts="確認コードが%(failure_count)d回誤っていたため、少しの間入力できません。"
        "しばらく待ってから、もう一度入力してください。",
        verification_not_allowed="いまは確認コードを確認できません。しばらくしてから、もう一度お試しください。",
        device_required="認証アプリが登録されていません。",
    )

    def __init__(self, user: Any, device: Device, data: QueryDict | None = None) -> None:
        if data is not None:
            data = data.copy()
            data["otp_device"] = device.persistent_id  # the device is the server's choice, never the form's
        super().__init__(user, None, data=data)
        self.fields["otp_device"].choices = [(device.persistent_id, device.name)]
        self.fields["otp_token"] = forms.CharField(
            label="確認コード（6桁）",
            max_length=6,
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "inputmode": "numeric",
                    "pattern": "[0-9]{6}",
                    "autofocus": True,
                    "required": True,
                }
            ),
        )
