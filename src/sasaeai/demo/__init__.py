"""A fictional municipality for ``sasaeai demo``: かえで市 and its social welfare council.

:mod:`.city` holds the invented plan and projects, :mod:`.documents` writes the
documents a council would hand over, and :mod:`.load` stores them through the
same import operations as real documents.
"""
