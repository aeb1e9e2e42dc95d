"""The plan's life cycle: mid-term revisions, funded-project KPIs, linked plans, committee follow-up."""
