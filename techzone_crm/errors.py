"""Errors the user can act on, as opposed to bugs.

A :class:`UserError` carries a message for a person (bad input, a problem with the
environment). Anything else that escapes is a bug and is reported as one.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix: bad input, a missing file, a locked database."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """Input that breaks a rule; ``field`` names the offending field (in code terms)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.problem = message


class NotFoundError(UserError):
    """A record that was asked for does not exist (any more)."""


class ConflictError(UserError):
    """The record changed elsewhere since it was loaded (optimistic locking)."""


class DatabaseError(UserError):
    """The database cannot be used: newer version, locked, corrupt, disk full."""


class ImportFileError(UserError):
    """A file that cannot be imported: too big, not what it claims to be, broken.

    ``row`` is where in the file the problem is (a line, a sheet row, a card), when known.
    """

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message if row is None else f"row {row}: {message}")
        self.row = row
        self.problem = message
