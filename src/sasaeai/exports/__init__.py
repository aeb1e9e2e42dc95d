"""Outputs: report and indicator-sheet exports (xlsx, PDF), charts and open data."""
