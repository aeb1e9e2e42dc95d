"""Open data streamed row by row gives the same bytes as the whole-table writer it replaced.

The reference below is the writer as it was before streaming (every row cleaned into a list, then one
``csv.writer`` over a ``StringIO`` and one ``json.dumps``), kept here to compare against.  The demo city
is loaded through the import services; the files, the command's and the web's, must match it byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import StreamingHttpResponse
from django.test import Client

from sasaeai.cli import main
from sasaeai.demo.load import load_demo
from sasaeai.exports.cells import csv_text
from sasaeai.exports.opendata import Dataset, cell
from sasaeai.exports.opendata_export import DATASETS, dataset_rows


def _reference_rows(dataset: Dataset) -> list[dict[str, Any]]:
    keys = [column.key for column in dataset.columns]
    return [{key: cell(row.get(key)) for key in keys} for row in dataset_rows(dataset, AnonymousUser())]


def _reference_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def _reference_csv(dataset: Dataset, rows: Sequence[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.heading for column in dataset.columns])
    for row in rows:
        writer.writerow(["" if row[c.key] is None else _reference_text(row[c.key]) for c in dataset.columns])
    return buffer.getvalue().encode("utf-8-sig")


def _reference_default(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value).__name__)


def _reference_json(dataset: Dataset, rows: Sequence[Mapping[str, Any]]) -> bytes:
    document = {
        "dataset": dataset.name,
        "title": dataset.title,
        "columns": [{"key": c.key, "heading": c.heading} for c in dataset.columns],
        "records": list(rows),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=_reference_default).encode("utf-8")


@pytest.fixture(scope="module")
def reference(module_transaction: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The demo city (its last six quarters, four of them published) and every file as the old writer made it."""
    load_demo(tmp_path_factory.mktemp("demo"), quarters=6)
    files = {}
    for dataset in DATASETS:
        rows = _reference_rows(dataset)
        files[f"{dataset.name}.csv"] = _reference_csv(dataset, rows)
        files[f"{dataset.name}.json"] = _reference_json(dataset, rows)
    return files


def test_the_demo_has_rows_in_every_dataset_but_the_texts(reference: dict[str, bytes]) -> None:
    for dataset in DATASETS:
        records = json.loads(reference[f"{dataset.name}.json"])["records"]
        assert records or dataset.name == "evaluation_texts", dataset.name


@pytest.mark.django_db
def test_export_command_writes_the_same_bytes(reference: dict[str, bytes], tmp_path: Path) -> None:
    assert main(["export-opendata", "-o", str(tmp_path)]) == 0
    written = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert sorted(written) == sorted(reference)
    for name, data in reference.items():
        assert written[name] == data, name


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", [d.name for d in DATASETS])
def test_web_streams_the_same_bytes(reference: dict[str, bytes], dataset: str) -> None:
    for suffix in ("csv", "json"):
        response = Client().get(f"/opendata/{dataset}.{suffix}")
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert b"".join(response.streaming_content) == reference[f"{dataset}.{suffix}"]  # type: ignore[arg-type]
        assert response["Content-Disposition"] == f'attachment; filename="{dataset}.{suffix}"'


def test_an_empty_dataset_is_the_same_too() -> None:
    from sasaeai.exports.opendata import json_chunks

    dataset = DATASETS[0]
    assert b"".join(json_chunks(dataset, iter([]))) == _reference_json(dataset, [])
