"""The exceptions of the applications: what ``fastsmote`` reports without a traceback."""

from __future__ import annotations

__all__ = ["EvaluationInputError", "UsageError"]


class UsageError(Exception):
    """A problem with the user's arguments or data, reported without a traceback.

    :func:`fastsmote.app.cli.main` prints ``fastsmote: error: MESSAGE`` and
    returns 2.
    """


class EvaluationInputError(ValueError):
    """Data or settings that ``fastsmote evaluate`` cannot work with; the
    message says what to change."""
