"""One code path per operation, shared by the command line, the pages and the API.

Each operation is a small class: build it with who acts and on what, call
``check()`` to learn whether it may run (it raises :class:`OperationRefused` with
one plain sentence), then ``execute()``, which checks again and does the work
in one transaction.  The operations live in each app's ``services``.
"""

from __future__ import annotations

from typing import Any, NoReturn

from sasaeai.core.errors import SasaeaiError
from sasaeai.people.roles import COMMAND_LINE, Actor


class OperationRefused(SasaeaiError):
    """The operation may not run: no permission, a locked report, or input that cannot be stored."""


class Operation:
    """An operation by ``user``; None means the command line, which acts as the secretariat."""

    def __init__(self, user: Actor | None = None) -> None:
        self.user = COMMAND_LINE if user is None else user

    def check(self) -> None:
        """Raise :class:`OperationRefused` when the operation may not run."""

    def execute(self) -> Any:
        raise NotImplementedError


def refuse(message: str, message_ja: str) -> NoReturn:
    raise OperationRefused(message, message_ja)
