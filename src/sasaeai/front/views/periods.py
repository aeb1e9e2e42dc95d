"""期間の開始: the secretariat opens a quarter's (or a year's) report for its departments to fill."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sasaeai.front.forms import error_summary
from sasaeai.front.period_forms import OpenPeriodForm
from sasaeai.front.views.access import guarded, require
from sasaeai.notices.services import deliver_for_report
from sasaeai.operations import OperationRefused
from sasaeai.people import permissions
from sasaeai.people.models import Organisation
from sasaeai.people.roles import organisation_ids
from sasaeai.reports.models import Report
from sasaeai.reports.services.periods import OpenPeriod


def _organisation(request: HttpRequest) -> Organisation:
    """The secretariat's own organisation (others may not open periods)."""
    require(request, permissions.is_secretariat(request.user))
    organisation = Organisation.objects.filter(pk__in=organisation_ids(request.user) or []).first()
    require(request, organisation is not None)
    assert organisation is not None
    return organisation


@guarded
def period_open(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = OpenPeriodForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = OpenPeriod(
                request.user, organisation, data["fiscal_year"], data["period"], form.due()
            ).execute()
        except OperationRefused as error:
            messages.error(request, error.message_ja)
        else:
            messages.success(request, result.summary_ja())
            deliver_for_report(result.report)  # the departments hear at once that the period is open
            return redirect("period_open")
    context = {
        "organisation": organisation,
        "form": form,
        "errors": error_summary(form) if form.is_bound else [],
        "reports": Report.objects.filter(organisation=organisation).newest_first()[:12],
        "nav": "periods",
    }
    return render(request, "sasaeai/period_open.html", context)
