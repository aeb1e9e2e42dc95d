"""The plan editor's pages, the plan upload and the template workbook (``plans:`` URLs)."""
