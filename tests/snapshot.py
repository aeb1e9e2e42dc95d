"""Every row of the test database kept once and put back in a moment, for tests that need committed data.

Browser tests run against the live server in another thread, so their data must
be committed and is flushed after each test; building the demo city through the
import services for every one of them cost about 3 seconds a test.  A
:class:`Snapshot` is taken once, after the first build, and each later test gets
the very same rows back: the same keys, timestamps and audit hashes (rows are
written as they were read, without ``save()``, signals or ``auto_now``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model


@dataclass(frozen=True)
class _Table:
    model: type[Model]
    insert: str  # one INSERT with a placeholder per column
    rows: list[list[Any]]  # each row's values as the database takes them


class Snapshot:
    """The rows of every table of the project's models, as they are when the snapshot is taken."""

    def __init__(self) -> None:
        self._tables = [_read(model) for model in _models()]

    def restore(self) -> None:
        """Empty every table and write the kept rows back, in one transaction; sequences go past the keys."""
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self._tables:  # foreign keys are checked at commit, so the order does not matter
                cursor.execute(f"DELETE FROM {quote(table.model._meta.db_table)}")
            for table in self._tables:
                if table.rows:
                    cursor.executemany(table.insert, table.rows)
            for statement in connection.ops.sequence_reset_sql(no_style(), [t.model for t in self._tables]):
                cursor.execute(statement)
        ContentType.objects.clear_cache()  # the flush before this test made content types of other keys

    def __len__(self) -> int:
        return sum(len(table.rows) for table in self._tables)


def _models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _read(model: type[Model]) -> _Table:
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    rows = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
        for row in model._base_manager.order_by("pk")
    ]
    return _Table(model, insert, rows)
