"""Page-number pagination for every list: ``?page=2&page_size=100``; the answer says the count and the pages.

The parameters are checked as every query parameter is (400 with the error
shape); a page past the last answers 404.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from .errors import ApiError

PAGE_SIZE, MAX_PAGE_SIZE = 50, 200


class PageQuery(serializers.Serializer[dict[str, Any]]):
    page = serializers.IntegerField(min_value=1, max_value=10**6, required=False)
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)


class Pages(PageNumberPagination):
    """50 items a page unless ``page_size`` (at most 200) says otherwise."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        query = {k: request.query_params[k] for k in ("page", "page_size") if k in request.query_params}
        PageQuery(data=query).is_valid(raise_exception=True)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:  # a page past the last
            raise ApiError(404, "not_found", "そのページはありません。", "No such page.") from error

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["count", "next", "previous", "results"]
        return answer

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "the page, from 1",
                "schema": {"type": "integer", "minimum": 1, "maximum": 10**6},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"items a page ({PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE})",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
