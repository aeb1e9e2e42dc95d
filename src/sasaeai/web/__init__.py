"""The Django application: it stores and shows; the core reads and evaluates."""
