"""The life cycle's operations: storing what the core's life-cycle readers read, and merging projects.

Each is an :class:`~sasaeai.operations.Operation` (``check()`` then ``execute()``),
shared by the commands and the pages; each import runs in one transaction, and
importing the same file again changes nothing.
"""
