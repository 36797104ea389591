"""Reading a user's own numeric CSV file: :func:`load_csv`.

Examples
--------
>>> from fastsmote.datasets import ColumnNotFoundError, load_csv
>>> issubclass(ColumnNotFoundError, ValueError)
True
"""

from __future__ import annotations

import csv
import os

import numpy as np
from numpy.typing import DTypeLike

from ._checks import check_dtype

__all__ = ["ColumnNotFoundError", "load_csv"]


class ColumnNotFoundError(KeyError, ValueError):
    """A requested column is not in a CSV file's header.

    Subclasses both :class:`KeyError` (as pandas raises for a missing column)
    and :class:`ValueError`, so either ``except`` clause catches it.

    Examples
    --------
    >>> from fastsmote.datasets import ColumnNotFoundError
    >>> issubclass(ColumnNotFoundError, KeyError), issubclass(ColumnNotFoundError, ValueError)
    (True, True)
    """

    def __str__(self) -> str:
        # KeyError would print the message in quotes.
        return str(self.args[0]) if self.args else ""


_ROWS_PER_BLOCK = 8_192


def load_csv(
    path: str | os.PathLike[str],
    target: str,
    *,
    delimiter: str = ",",
    dtype: DTypeLike = np.float64,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Load a numeric CSV file with a header row into ``X``, ``y``.

    Parameters
    ----------
    path : str or path-like
        The CSV file. The first row holds the column names.
    target : str
        Name of the column holding the class labels. Every other column is a
        feature and must be numeric.
    delimiter : str, default=","
        Field separator.
    dtype : {np.float64, np.float32}, default=np.float64
        dtype of ``X``.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        The feature columns, in file order, C-contiguous.
    y : ndarray of shape (n_samples,)
        The target column: int64 if every value is an integer, else float64 if
        every value is a number, else strings.
    feature_names : list of str
        Names of the columns of ``X``.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist (the message names it).
    ColumnNotFoundError
        If ``target`` is not a column; a subclass of both ``KeyError`` and
        ``ValueError`` whose message lists the available columns.
    ValueError
        If the file is empty, has no data rows or no feature column, repeats a
        column name, has a row with the wrong number of fields, or has feature
        columns holding values that are not numbers (the message names every
        such column with its first bad value and line). Empty cells count as
        not numbers; ``nan`` and ``inf`` are read as numbers.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fastsmote.datasets import load_csv
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "toy.csv"
    >>> _ = path.write_text("a,b,label\\n1.5,2,0\\n3,4.25,1\\n")
    >>> X, y, names = load_csv(path, "label")
    >>> X
    array([[1.5 , 2.  ],
           [3.  , 4.25]])
    >>> y, names
    (array([0, 1]), ['a', 'b'])
    """
    dtype = check_dtype(dtype)
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"CSV file not found: {path!r}")
    if os.path.isdir(path):
        raise IsADirectoryError(f"expected a CSV file, got the directory {path!r}")

    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f, delimiter=delimiter)
        header = next(reader, None)
        if header is None or not any(name.strip() for name in header):
            raise ValueError(f"{path!r} is empty: expected a header row with column names")
        header = [name.strip() for name in header]
        duplicates = sorted({name for name in header if header.count(name) > 1})
        if duplicates:
            raise ValueError(f"{path!r} repeats the column name(s) {duplicates}")
        if target not in header:
            raise ColumnNotFoundError(
                f"target column {target!r} not found in {path!r}; "
                f"available columns: {', '.join(map(repr, header))}"
            )
        target_col = header.index(target)
        feature_cols = [j for j in range(len(header)) if j != target_col]
        if not feature_cols:
            raise ValueError(f"{path!r} has no feature column besides the target {target!r}")

        X_blocks: list[np.ndarray] = []
        y_blocks: list[np.ndarray] = []
        bad_values: dict[int, tuple[str, int]] = {}  # column -> (first bad value, line)
        rows: list[list[str]] = []
        lines: list[int] = []

        def flush() -> None:
            cells = np.array(rows, dtype=str).reshape(len(rows), len(header))
            y_blocks.append(cells[:, target_col])
            features = cells[:, feature_cols]
            try:
                X_blocks.append(features.astype(dtype))
            except ValueError:
                bad_rows = {
                    j: _first_non_number(features[:, i]) for i, j in enumerate(feature_cols)
                }
                if all(bad is None for bad in bad_rows.values()):
                    raise  # not a bad cell: nothing to report column by column
                for j, bad in bad_rows.items():
                    if bad is not None and j not in bad_values:
                        bad_values[j] = (str(cells[bad, j]), lines[bad])
            rows.clear()
            lines.clear()

        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            if len(row) != len(header):
                raise ValueError(
                    f"line {reader.line_num} of {path!r} has {len(row)} fields, "
                    f"the header has {len(header)}"
                )
            rows.append(row)
            lines.append(reader.line_num)
            if len(rows) == _ROWS_PER_BLOCK:
                flush()
        if rows:
            flush()

    if not y_blocks:
        raise ValueError(f"{path!r} has a header but no data rows")
    if bad_values:
        details = "; ".join(
            f"{header[j]!r} (first: {value!r} on line {line})"
            for j, (value, line) in sorted(bad_values.items())
        )
        raise ValueError(
            f"feature columns of {path!r} must be numeric; these hold values that are "
            f"not numbers: {details}. Encode or drop them, or pick another target"
        )
    X = np.ascontiguousarray(np.concatenate(X_blocks))
    return X, _parse_target(np.concatenate(y_blocks)), [header[j] for j in feature_cols]


def _first_non_number(cells: np.ndarray) -> int | None:
    """Index of the first cell numpy cannot read as a float, or None."""
    try:
        cells.astype(np.float64)
        return None
    except ValueError:
        pass
    for i in range(cells.shape[0]):
        try:
            cells[i : i + 1].astype(np.float64)
        except ValueError:
            return i
    return None


def _parse_target(cells: np.ndarray) -> np.ndarray:
    cells = np.char.strip(cells)
    for kind in (np.int64, np.float64):
        try:
            return cells.astype(kind)
        except (ValueError, OverflowError):
            pass
    return cells
