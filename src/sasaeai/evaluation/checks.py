"""System checks of the evaluation: a council's wording file must read before the first text is drafted."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register


@register()
def wording_reads(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``SASAEAI_EVALUATION_WORDING``, when set, names a wording file with known keys and placeholders."""
    from sasaeai.core.errors import SasaeaiError
    from sasaeai.core.narrative import wording

    try:
        wording()
    except SasaeaiError as error:
        return [Error(error.message, hint="docs/evaluation-text.md", id="sasaeai.E101")]
    return []
