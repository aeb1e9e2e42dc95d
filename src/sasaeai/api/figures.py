"""API views of figures and entries: read them with their ETag, change them with If-Match.

Writing goes through the same operations as the data-entry page
(:mod:`sasaeai.reports.services.figures`, :mod:`sasaeai.reports.services.entries`),
so the same rules, version check and audit trail apply.  A change answers in
this order: 401 without a token, 404 for what the caller may not read, 403 for
what they may not change, 400 for a body not as described, 428 without
If-Match, 412 when If-Match is not the current version, 409 when the report's
state changed meanwhile.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from sasaeai.core.errors import SasaeaiError
from sasaeai.people import permissions
from sasaeai.reports.models import ProjectEntry, Quantity
from sasaeai.reports.services.entries import ChangeEntryText
from sasaeai.reports.services.figures import AddQuantity, ChangeQuantity, RemoveQuantity, StaleEdit

from .errors import ApiError, forbidden, not_found, refused
from .schema import ETAG, IF_MATCH, answers
from .serializers import (
    EntrySerializer,
    EntryTextsSerializer,
    QuantityAddSerializer,
    QuantityChangeSerializer,
    QuantitySerializer,
)
from .views import JsonList, JsonView, entries_with_figures

LOCKED = (
    "この事業の実績を変更する権限がないか、報告が確定済みです。",
    "You may not change this entry, or it is locked.",
)


def etag(version: int) -> str:
    return f'"{version}"'


def with_etag(response: Response, version: int) -> Response:
    response["ETag"] = etag(version)
    return response


def based_on(request: Request) -> int:
    """The version named by If-Match: 428 without it, 400 when it is not one strong ETag."""
    header = request.headers.get("If-Match")
    if header is None:
        raise ApiError(
            status.HTTP_428_PRECONDITION_REQUIRED,
            "precondition_required",
            'If-Match ヘッダーに、変更のもとにした版の ETag（例: "3"）を付けてください。',
            'Send If-Match with the ETag of the version the change is based on, e.g. "3".',
        )
    # One quoted number, as the schema says; only the spaces and tabs HTTP allows around a field value
    # (RFC 9110 OWS) are let go (\s would take control characters and full-width spaces as well).
    found = re.fullmatch(r'"([0-9]{1,10})"', header.strip(" \t"))
    if found is None:
        raise ApiError(
            400,
            "invalid",
            'If-Match には ETag を1つ、"3" の形で指定してください。',
            'If-Match takes one ETag, such as "3".',
        )
    return int(found.group(1))


def stale(error: StaleEdit) -> ApiError:
    return ApiError(
        status.HTTP_412_PRECONDITION_FAILED, "precondition_failed", error.message_ja, error.message
    )


def _quantity(request: Request, pk: int) -> Quantity:
    quantity = Quantity.objects.select_related("entry__report", "entry__project").filter(pk=pk).first()
    if quantity is None or not permissions.can_view_report(request.user, quantity.entry.report):
        raise not_found("その実績", "figure")
    return quantity


def _entry(request: Request, pk: int) -> ProjectEntry:
    entry = entries_with_figures().select_related("report").filter(pk=pk).first()
    if entry is None or not permissions.can_view_report(request.user, entry.report):
        raise not_found("その事業報告", "entry")
    return entry


def _editable(request: Request, entry: ProjectEntry) -> None:
    if not permissions.can_edit_entry(request.user, entry):
        raise forbidden(*LOCKED)


class QuantityDetail(JsonView):
    """One figure: read it where its report is readable; correct (PATCH) or remove (DELETE) it with a token."""

    permission_classes = (IsAuthenticatedOrReadOnly,)

    @extend_schema(parameters=[ETAG], responses=answers({200: QuantitySerializer}, 404))
    def get(self, request: Request, pk: int) -> Response:
        quantity = _quantity(request, pk)
        return with_etag(Response(QuantitySerializer(quantity).data), quantity.version)

    @extend_schema(
        parameters=[IF_MATCH, ETAG],
        request=QuantityChangeSerializer,
        responses=answers({200: QuantitySerializer}, 400, 403, 404, 409, 412, 428),
    )
    def patch(self, request: Request, pk: int) -> Response:
        quantity = _quantity(request, pk)
        _editable(request, quantity.entry)
        changes = QuantityChangeSerializer(data=request.data)
        changes.is_valid(raise_exception=True)
        fields: dict[str, Any] = dict(changes.validated_data)
        reason = fields.pop("reason", "")
        version = based_on(request)
        try:
            changed = ChangeQuantity(request.user, quantity, fields, reason, version=version).execute()
        except StaleEdit as error:
            raise stale(error) from None
        except SasaeaiError as error:
            raise refused(error) from None
        return with_etag(Response(QuantitySerializer(changed).data), changed.version)

    @extend_schema(parameters=[IF_MATCH], responses=answers({204: None}, 403, 404, 409, 412, 428))
    def delete(self, request: Request, pk: int) -> Response:
        quantity = _quantity(request, pk)
        _editable(request, quantity.entry)
        version = based_on(request)
        try:
            RemoveQuantity(request.user, quantity, "API", version=version).execute()
        except StaleEdit as error:
            raise stale(error) from None
        except SasaeaiError as error:
            raise refused(error) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class EntryDetail(JsonView):
    """One project's entry with its figures; change its texts (PATCH) with a token."""

    permission_classes = (IsAuthenticatedOrReadOnly,)

    @extend_schema(parameters=[ETAG], responses=answers({200: EntrySerializer}, 404))
    def get(self, request: Request, pk: int) -> Response:
        entry = _entry(request, pk)
        return with_etag(Response(EntrySerializer(entry).data), entry.version)

    @extend_schema(
        parameters=[IF_MATCH, ETAG],
        request=EntryTextsSerializer,
        responses=answers({200: EntrySerializer}, 400, 403, 404, 409, 412, 428),
    )
    def patch(self, request: Request, pk: int) -> Response:
        entry = _entry(request, pk)
        _editable(request, entry)
        texts = EntryTextsSerializer(data=request.data)
        texts.is_valid(raise_exception=True)
        version = based_on(request)
        reason = texts.validated_data.get("reason", "")
        try:
            ChangeEntryText(request.user, entry, texts.texts(), reason, version=version).execute()
        except StaleEdit as error:
            raise stale(error) from None
        except SasaeaiError as error:
            raise refused(error) from None
        changed = _entry(request, pk)
        return with_etag(Response(EntrySerializer(changed).data), changed.version)


class EntryQuantities(JsonList):
    """An entry's figures (current period first); add one with a token (POST)."""

    serializer_class = QuantitySerializer
    permission_classes = (IsAuthenticatedOrReadOnly,)

    def get_queryset(self) -> QuerySet[Quantity]:
        return _entry(self.request, self.kwargs["pk"]).quantities.in_report_order()

    @extend_schema(responses=answers({200: QuantitySerializer(many=True)}, 400, 404))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=QuantityAddSerializer,
        parameters=[ETAG],
        responses=answers({201: QuantitySerializer}, 400, 403, 404, 409),
    )
    def post(self, request: Request, pk: int) -> Response:
        entry = _entry(request, pk)
        _editable(request, entry)
        data = QuantityAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            added = AddQuantity(request.user, entry, **data.validated_data).execute()
        except SasaeaiError as error:
            raise refused(error) from None
        response = with_etag(Response(QuantitySerializer(added).data, status=201), added.version)
        response["Location"] = reverse("api:quantity-detail", args=[added.pk], request=request)
        return response
