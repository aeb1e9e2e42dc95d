"""Signing in: the login page with its lockout, two-factor login for the secretariat and the operator,
API tokens that expire, and the idle session timeout."""
