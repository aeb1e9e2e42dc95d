"""The ``sasaeai`` command line.

Commands live in small modules listed in :data:`COMMAND_MODULES`; each has a
``register(subparsers)`` that adds its parsers and sets ``handler``.  Modules
that need Django import it inside their handlers, so ``--help`` stays quick
and the core commands work without a database.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from typing import Any

from .core.errors import SasaeaiError

EXIT_OK = 0
EXIT_BAD_INPUT = 2

COMMAND_MODULES = [
    "sasaeai.commands.extract",
    "sasaeai.commands.records",
    "sasaeai.commands.plans",
    "sasaeai.commands.site",
    "sasaeai.commands.exports",
    "sasaeai.commands.lifecycle",
    "sasaeai.commands.safekeeping",
    "sasaeai.commands.notices",
    "sasaeai.commands.periods",
]


def print_json(data: Any, compact: bool = False) -> None:
    """What every ``--json`` command prints: UTF-8 JSON, Japanese kept readable, one value per line."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None if compact else 1) + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and one sentence, as every refusal does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


class _Version(argparse.Action):
    """``--version``: like argparse's, but keeps its two lines and looks for the database only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(version_text())
        parser.exit(EXIT_OK)


def version_text() -> str:
    """The version, and the database the commands use (the rule of :mod:`sasaeai.site.database`)."""
    from importlib.metadata import PackageNotFoundError, version

    from .site.database import choose_database, var_dir

    try:
        number = version("sasaeai")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
        number = "unknown"
    database = choose_database(var_dir())
    return f"sasaeai {number}\ndatabase: {database.shown()} ({database.reason})"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sasaeai",
        description="Sasaeai (支えあい): plans, indicators, reports and evaluation of a regional welfare plan.",
    )
    parser.add_argument("--version", action=_Version, help="print the version and the database commands use")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.handler(args)
    except SasaeaiError as error:
        print(f"sasaeai {args.command}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("sasaeai: interrupted; nothing was changed by the unfinished step.", file=sys.stderr)
        return 130
    return int(result or EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
