"""Notices: reminders and news of a report's way, kept in the app and sent by e-mail (see docs/reminders.md)."""
