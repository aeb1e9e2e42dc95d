"""Schemathesis against the served schema, as anonymous, editor and admin, over a cast with a draft report.

The same checks as ``st run --checks all`` (with the repository's ``schemathesis.toml``), with a fixed seed,
a few examples an operation and no coverage phase, so that it stays well under a minute; any failure of any check fails the
test, naming the operation, the check and the request that reproduces it.  ``docs/api.md`` says how to run
the full fuzzer (50 examples an operation) against a running site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from schemathesis.engine import Status, events, from_schema

from ..web.base import make_cast
from .client import auth_headers

pytestmark = pytest.mark.heavy  # started first (conftest.py)

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = 5
# The coverage phase (every boundary of every parameter, some 700 requests a role) is left to `st run`;
# the boundaries that matter most are tests of their own (test_contract.py).
PHASES = ["examples", "fuzzing", "stateful"]


def _run(url: str, served: dict[str, Any], headers: dict[str, str]) -> list[str]:
    """Every failure of a Schemathesis run of the ``served`` schema, one line each (empty when none)."""
    config = schemathesis.Config.from_path(REPO / "schemathesis.toml")
    config.update(seed=1, max_failures=None)
    project = config.projects.override
    project.checks.update(included_check_names=["all"])
    project.generation.update(max_examples=EXAMPLES)
    project.phases.update(phases=PHASES)
    project.update(base_url=url, headers=headers)
    schema = schemathesis.openapi.from_dict(served, config=config)
    if headers:  # revoking the run's own token would leave the rest of the run anonymous
        schema = schema.exclude(path="/api/token/logout/").exclude(path="/api/token/logout-all/")
    failures = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.status in (Status.FAILURE, Status.ERROR):
            for checks in event.recorder.checks.values():
                for check in checks:
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        failure = check.failure_info.failure
                        failures.append(f"{event.recorder.label}: {check.name}: {failure.title}")
            failures.append(f"{event.recorder.label}: {event.status}")
        elif isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(f"error: {getattr(event, 'info', event)}")
    return failures


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_failure(live_server) -> None:  # type: ignore[no-untyped-def]
    cast = make_cast()
    assert cast.draft.status == "draft"
    served = requests.get(f"{live_server.url}/api/schema/?format=json", timeout=60).json()
    failures = []
    for role, user in (("anonymous", cast.anonymous), ("editor", cast.editor), ("admin", cast.admin)):
        failures += [f"{role} {line}" for line in _run(live_server.url, served, auth_headers(user))]
    assert not failures, "\n".join(failures)
