"""What the OpenAPI schema (/api/schema/) says besides the serializers: errors, ETags, authentication.

The description below is the API's contract in words; ``docs/api.md`` gives a
curl example of each operation.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from sasaeai.figures import RANGE_EN

from .errors import ErrorSerializer

DESCRIPTION = f"""
Sasaeai's plans, reports and figures.  Everything published is readable without a token; drafts,
corrections and additions need one.  See docs/api.md for a curl example of each operation.

## Authentication
- **Token** (`Authorization: Token <token>`): get one by POSTing your user name and password to
  `/api/token/` (or ask the secretariat for `sasaeai api-token USERNAME`); revoke it by POSTing to
  `/api/token/logout/` with it.  Send it over HTTPS only.
- **Session cookie**: a browser signed in on the pages may call the API too; every write (PATCH, POST,
  DELETE) then needs the `X-CSRFToken` header with the value of the `csrftoken` cookie.
- A wrong or expired token answers 401 even where no token is needed.
- Too many requests answer **429** with `Retry-After` (seconds).

## Who may read and write what
| role | reads | writes |
|---|---|---|
| anyone (no token) | plans, indicators, evaluations of published figures, published reports | — |
| committee (推進委員会) | also approved reports | — |
| editor (担当課) | also its organisation's drafts | figures and texts of its departments' entries while their part is open (draft or returned) |
| approver (課長) | also its organisation's drafts | — (approves on the pages) |
| admin (事務局) | also its organisation's drafts | figures and texts of every entry of its organisation while open |
A report or figure the caller may not read answers 404, as if it did not exist; one the caller may read
but not change answers 403.

## Figures
A figure is {RANGE_EN}: a JSON integer, or a decimal string such as `"87.5"`, never a JSON float
(which loses digits).  A stored value outside the range (written around the API) reads as `null`.

## Lost updates
Every figure and entry has a `version` and answers with `ETag: "<version>"`.  PATCH and DELETE need
`If-Match: "<version>"` of the version the change is based on: without it 428, with an older one 412
(someone changed it meanwhile: nothing is written; read it again).

## Errors
Every refusal has one shape: `code` (for programs), `detail` (Japanese), `detail_en` (English),
`errors` (the refused fields: name → sentences) and, for 429, `retry_after`.
Ids are positive integers: anything else, and an unknown object, answers 404.

## Lists
Lists are paginated: `?page=2&page_size=100` (50 a page unless given, at most 200); the answer holds
`count`, `next`, `previous` and `results`.
"""

ERROR_WORDS = {
    400: "the request, a query parameter or If-Match is not as described (errors names each field)",
    401: "no token where one is needed, or a wrong or expired one",
    403: "the caller may read this but not change it (another department, a locked report)",
    404: "no such object, or one the caller may not read; also a page past the last",
    409: "the report's state changed meanwhile (submitted, approved): nothing was written",
    412: "If-Match names an older version: someone changed it meanwhile; nothing was written",
    428: "If-Match is missing",
    429: "too many requests: wait retry_after seconds (Retry-After)",
}


def errors(*statuses: int) -> dict[int | str, OpenApiResponse]:
    """The documented refusals of an operation, all in the one error shape (and 'default' for any other)."""
    documented: dict[int | str, OpenApiResponse] = {
        status: OpenApiResponse(ErrorSerializer, description=ERROR_WORDS[status])
        for status in sorted({*statuses, 401, 429})
    }
    documented["default"] = OpenApiResponse(ErrorSerializer, description="any other refusal, same shape")
    return documented


def answers(ok: dict[int | str, Any], *statuses: int) -> dict[int | str, Any]:
    return {**ok, **errors(*statuses)}


ETAG = OpenApiParameter(
    "ETag",
    str,
    location=OpenApiParameter.HEADER,
    response=[200, 201],
    description='the version of the answer, "3"; send it back as If-Match to change or remove it',
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=True,
    pattern=r'^"[0-9]{1,10}"$',
    description='the ETag the change is based on, e.g. "3": 428 without it, 412 when it is not the current one',
)
