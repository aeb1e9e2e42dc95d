"""Projects, their reports and the figures those reports give; the report workflow."""
