"""A person's notifications, and whether they are e-mailed (the reminders of sasaeai.notices)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sasaeai.audit.trail import audit
from sasaeai.front.views.access import guarded, require
from sasaeai.notices.models import NoticePreference, Notification


class PreferenceForm(forms.ModelForm[NoticePreference]):
    class Meta:
        model = NoticePreference
        fields = ("email_reminders",)


def _person(request: HttpRequest) -> User:
    """Anyone logged in (a visitor is sent to the login page)."""
    require(request, isinstance(request.user, User) and request.user.is_authenticated)
    assert isinstance(request.user, User)
    return request.user


@guarded
def notice_list(request: HttpRequest) -> HttpResponse:
    """The person's notifications, newest first, 20 to a page."""
    user = _person(request)
    notices = Notification.objects.filter(user=user).select_related("report")
    page = Paginator(notices, 20).get_page(request.GET.get("page"))
    return render(request, "sasaeai/notice_list.html", {"page": page, "nav": "notices"})


@guarded
def notice_settings(request: HttpRequest) -> HttpResponse:
    """Switch the e-mailed reminders on or off."""
    user = _person(request)
    preference = NoticePreference.objects.filter(user=user).first() or NoticePreference(user=user)
    before = preference.email_reminders
    form = PreferenceForm(request.POST if request.method == "POST" else None, instance=preference)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit(request.user, preference, "email_reminders", before, preference.email_reminders)
        state = "受け取ります" if preference.email_reminders else "受け取りません"
        messages.success(request, f"通知の設定を保存しました。メールで{state}。")
        return redirect("notice_settings")
    return render(request, "sasaeai/notice_settings.html", {"form": form, "nav": "notices"})
