"""The audit trail: who changed which figure, text or status, when, and why."""
