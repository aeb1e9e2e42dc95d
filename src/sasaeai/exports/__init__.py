"""Outputs: report and indicator-sheet exports (xlsx, PDF), charts, open data and the REST API."""
