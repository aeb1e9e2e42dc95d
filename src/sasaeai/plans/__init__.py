"""Plans: goals, policies, approaches, items, indicators and committee comments."""
