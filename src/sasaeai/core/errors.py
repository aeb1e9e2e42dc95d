"""The one exception family of the core."""

from __future__ import annotations


class SasaeaiError(Exception):
    """An error the core raises on purpose.

    ``str(error)`` is one plain English sentence for the command line;
    ``error.message_ja`` says the same in Japanese for the web pages.
    """

    def __init__(self, message: str, message_ja: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_ja = message_ja or message


class ReaderError(SasaeaiError):
    """A document could not be read: missing, empty, binary, too large or of no known layout."""


class PeriodError(SasaeaiError):
    """A fiscal year, quarter or date could not be read."""
