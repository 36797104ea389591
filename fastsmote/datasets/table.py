"""What the CSV reader returns (:class:`Table`) and raises (:class:`CSVInputError`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "CSVFileNotFoundError",
    "CSVInputError",
    "ColumnNotFoundError",
    "NonNumericColumnsError",
    "Table",
]


class CSVInputError(ValueError):
    """A CSV file the reader cannot use; the message says what to change."""


class CSVFileNotFoundError(FileNotFoundError, CSVInputError):
    """The CSV file does not exist: both a ``FileNotFoundError`` and a
    :class:`CSVInputError`, so either ``except`` clause catches it."""


class ColumnNotFoundError(KeyError, CSVInputError):
    """A requested column is not in a CSV file's header.

    Subclasses both :class:`KeyError` (as pandas raises for a missing column)
    and :class:`ValueError` (through :class:`CSVInputError`), so either
    ``except`` clause catches it.

    Examples
    --------
    >>> issubclass(ColumnNotFoundError, KeyError), issubclass(ColumnNotFoundError, ValueError)
    (True, True)
    """

    def __str__(self) -> str:
        # KeyError would print the message in quotes.
        return str(self.args[0]) if self.args else ""


class NonNumericColumnsError(CSVInputError):
    """Feature columns hold values that are not numbers.

    ``columns`` are their names; ``details`` says, for each, its first such
    value and its line (what a caller's own message can reuse).
    """

    def __init__(self, path: str, columns: list[str], details: str):
        super().__init__(
            f"non-numeric feature column(s) in {path}: {details}. Read them as categorical "
            "columns, encode them as numbers, or remove them from the file"
        )
        self.path, self.columns, self.details = path, columns, details


@dataclass
class Table:
    """Features and classes read from a file (or generated), ready for the samplers.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), dtype float64
        Numeric columns (``nan`` where a value is missing); categorical
        columns hold integer codes (``0`` to ``n_categories - 1``).
    y : ndarray of shape (n_samples,)
        Class labels (int64, or str when the target column is not numeric).
    feature_names : list of str
        Names of the columns of ``X``.
    categorical : list of int
        Indices of the categorical columns of ``X``.
    description : str
        Where the data come from, for reports.
    notes : list of str
        What was done to the data on loading (rows dropped, values treated
        as missing), for reports.

    Examples
    --------
    >>> import numpy as np
    >>> table = Table(np.zeros((2, 1)), np.array([0, 1]), ["a"], [], "toy")
    >>> table.n_missing
    0
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    categorical: list[int]
    description: str
    notes: list[str] = field(default_factory=list)

    @property
    def n_missing(self) -> int:
        """Number of missing numeric cells."""
        return int(np.isnan(self.X).sum())
