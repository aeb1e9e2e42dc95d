"""Which database the site and every command use: one rule, read by the settings and told by ``sasaeai where``.

1. ``DATABASE_URL``, when it is set;
2. else the demo's SQLite file, once ``sasaeai demo`` has made it (``var/demo-database.txt`` names it);
3. else ``var/sasaeai.sqlite3``.

``var/`` is ``SASAEAI_VAR_DIR``, or the folder ``var`` of the current directory.
No Django here: ``sasaeai --version`` and ``sasaeai where`` answer without setting it up.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEMO_MARKER = "demo-database.txt"
RULE = (
    "DATABASE_URL when set; else the demo's database once `sasaeai demo` has made one; "
    "else var/sasaeai.sqlite3 (var/ is SASAEAI_VAR_DIR or ./var)"
)
DEFAULT_FILE = "sasaeai.sqlite3"


@dataclass(frozen=True)
class Database:
    """The database chosen by the rule, and why it was chosen (one English clause)."""

    url: str
    reason: str

    def shown(self) -> str:
        """The URL without its password, to print."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))


def var_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The folder of the SQLite files, the demo's documents and the collected static files."""
    return Path(environ.get("SASAEAI_VAR_DIR") or Path.cwd() / "var")


def choose_database(var: Path, environ: Mapping[str, str] = os.environ) -> Database:
    """The database of the rule above."""
    url = environ.get("DATABASE_URL", "").strip()
    if url:
        return Database(url, "DATABASE_URL is set")
    marker = var / DEMO_MARKER
    demo = demo_database(var)
    if demo is not None:
        return Database(sqlite_url(demo), f"the demo's, named in {marker}; DATABASE_URL is not set")
    if marker.exists():
        reason = f"the default: DATABASE_URL is not set and the demo database named in {marker} is gone"
    else:
        reason = f"the default: DATABASE_URL is not set and `sasaeai demo` has made no database in {var}"
    return Database(sqlite_url(var / DEFAULT_FILE), reason)


def demo_database(var: Path) -> Path | None:
    """The demo's SQLite file named in ``var``'s marker, if it still exists."""
    try:
        named = (var / DEMO_MARKER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(named) if named and Path(named).is_file() else None


def record_demo(var: Path, database: Path) -> None:
    """Name ``database`` as the demo's, so that every command uses it from now on (unless DATABASE_URL)."""
    var.mkdir(parents=True, exist_ok=True)
    (var / DEMO_MARKER).write_text(f"{database.resolve()}\n", encoding="utf-8")


def forget_demo(var: Path) -> None:
    """Stop naming a demo database (while it is being replaced)."""
    (var / DEMO_MARKER).unlink(missing_ok=True)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"
