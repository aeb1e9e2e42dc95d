"""send-reminders: e-mail the reminders and news that are due, each once (for cron; docs/reminders.md)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from sasaeai.cli import print_json
from sasaeai.commands import setup_django
from sasaeai.core.errors import SasaeaiError


def register(subparsers: Any) -> None:
    """Add ``send-reminders`` to the ``sasaeai`` parser."""
    reminders = subparsers.add_parser(
        "send-reminders",
        help="keep and e-mail the due reminders (opened, due soon, overdue, returned, approved), each once",
        description="Work out the reminders due today for every report with a due date (提出期限): a period "
        "opened, SASAEAI_REMINDER_DAYS days before the due date, overdue, and a part returned or approved. "
        "Each is kept in the app and e-mailed once to those who have not switched e-mail off; running it again "
        "sends nothing new. Meant for cron, e.g. daily at 8:00.",
    )
    reminders.add_argument("--today", help="the day to work out reminders for (YYYY-MM-DD; default: today)")
    reminders.add_argument("--json", action="store_true", help="print the counts as JSON")
    reminders.set_defaults(handler=_send_reminders)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SasaeaiError(
            f"--today {text} is not a date like 2027-01-15.",
            f"--today {text} は 2027-01-15 の形の日付ではありません。",
        ) from None


def _send_reminders(args: argparse.Namespace) -> int:
    today = _day(args.today)
    setup_django()
    from sasaeai.notices.services import send_reminders

    sent = send_reminders(today)
    if args.json:
        print_json({"notifications": sent.notifications, "emails": sent.emails})
    else:
        print(f"{sent.notifications} new notifications, {sent.emails} e-mails sent.")
    return 0
