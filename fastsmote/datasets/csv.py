"""The one CSV reader: :func:`read_table`, and :func:`load_csv` on top of it.

:func:`read_table` accepts what real files hold: missing numeric cells (read
as ``nan``, to be imputed), categorical columns named by the caller (coded as
integers) and rows whose target is missing (dropped, and said so). With
``strict=True`` (what ``fastsmote compare`` and :func:`load_csv` need, since
the samplers take no missing value) every feature cell must be a number and
every row must have a target. Everything else a sampler or classifier cannot
use is refused with a :class:`CSVInputError` whose message says what to change.

Examples
--------
>>> from fastsmote.datasets import ColumnNotFoundError, load_csv
>>> issubclass(ColumnNotFoundError, KeyError), issubclass(ColumnNotFoundError, CSVInputError)
(True, True)
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence

import numpy as np
from numpy.typing import DTypeLike

from ._checks import check_dtype
from ._csv_columns import ColumnReader
from .table import (
    ColumnNotFoundError,
    CSVFileNotFoundError,
    CSVInputError,
    NonNumericColumnsError,
    Table,
)

__all__ = [
    "CSVInputError",
    "ColumnNotFoundError",
    "NonNumericColumnsError",
    "Table",
    "load_csv",
    "read_table",
]

_ROWS_PER_BLOCK = 8_192


def read_table(
    path: str | os.PathLike[str],
    target: str,
    categorical: Sequence[str] = (),
    *,
    strict: bool = False,
    delimiter: str = ",",
) -> Table:
    """Read a CSV file with a header row.

    Parameters
    ----------
    path : str or path-like
        The CSV file (the first row holds the column names; quoted fields
        and a UTF-8 byte-order mark are fine, as in the public credit-card-fraud
        file). Blank lines are skipped.
    target : str
        Name of the column holding the classes.
    categorical : sequence of str, default=()
        Names of categorical feature columns. Their values are coded as
        integers, in sorted order of the values (an empty cell is a category
        of its own).
    strict : bool, default=False
        Refuse missing values instead of reading them (see Returns).
    delimiter : str, default=","
        Field separator.

    Returns
    -------
    Table
        Without ``strict``: numeric cells that are empty or read ``NA``,
        ``nan``, ``null``, ``none`` or ``?`` (any case) become ``nan``; so do
        infinite values, which the table's notes report; rows without a target
        value are dropped (also reported); a numeric column with no value at
        all is dropped. With ``strict``: every numeric cell must be a number
        (``nan`` and ``inf`` are read as the numbers they name) and every row
        must have a target value. Either way the classes are int64 when every
        value is an integer, else the strings.

    Raises
    ------
    CSVInputError
        If the file does not exist (:class:`CSVFileNotFoundError`, also a
        ``FileNotFoundError``) or is not a well-formed CSV file, a named column
        is missing (:class:`ColumnNotFoundError`, also a ``KeyError``), a
        feature column that is not in ``categorical`` holds values that are
        not numbers (:class:`NonNumericColumnsError`, naming every such column
        with its first bad value and line), the target holds numbers that are
        not integers, or no feature column is left.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "toy.csv"
    >>> _ = path.write_text("a,colour,label\\n1.5,red,0\\n,blue,1\\n2,red,\\n")
    >>> table = read_table(path, "label", categorical=["colour"])
    >>> table.X
    array([[1.5, 1. ],
           [nan, 0. ]])
    >>> table.y, table.categorical, table.notes
    (array([0, 1]), [1], ['dropped 1 row without a value of the target column (line 4)'])
    >>> read_table(path, "label", ["colour"], strict=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    fastsmote.datasets.table.NonNumericColumnsError: non-numeric feature column(s) in ...
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        raise CSVFileNotFoundError(f"no such file: {path}")
    if os.path.isdir(path):
        raise CSVInputError(f"{path} is a directory; expected a CSV file")
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f, delimiter=delimiter)
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise CSVInputError(f"{path} is empty; expected a header row of column names")
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            raise CSVInputError(f"{path} repeats the column name(s) {', '.join(repeated)}")
        target_col = column_indices([target], header, path, role="target column")[0]
        feature_cols = [j for j in range(len(header)) if j != target_col]
        if not feature_cols:
            raise CSVInputError(f"{path} has no column besides the target {target!r}")
        cat_cols = set(column_indices(categorical, header, path))
        if target_col in cat_cols:
            raise CSVInputError(f"the target {target!r} cannot also be a categorical column")
        reading = ColumnReader(header, target_col, cat_cols, strict)
        rows: list[list[str]] = []
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            if len(row) != len(header):
                raise CSVInputError(
                    f"line {reader.line_num} of {path} has {len(row)} fields, "
                    f"the header has {len(header)}"
                )
            rows.append(row)
            reading.lines.append(reader.line_num)
            if len(rows) == _ROWS_PER_BLOCK:
                reading.add_block(rows)
                rows = []
        if rows:
            reading.add_block(rows)
    return reading.finish(path, target, feature_cols)


def load_csv(
    path: str | os.PathLike[str],
    target: str,
    *,
    delimiter: str = ",",
    dtype: DTypeLike = np.float64,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Load a numeric CSV file with a header row into ``X``, ``y``.

    :func:`read_table` with ``strict=True`` and no categorical column.

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
        The target column: int64 if every value is an integer, else strings.
    feature_names : list of str
        Names of the columns of ``X``.

    Raises
    ------
    CSVInputError
        As :func:`read_table` with ``strict=True``: a missing file raises
        :class:`CSVFileNotFoundError` (a ``FileNotFoundError``), a missing
        target column :class:`ColumnNotFoundError` (a ``KeyError``); empty
        cells are not numbers, ``nan`` and ``inf`` are.

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
    table = read_table(path, target, strict=True, delimiter=delimiter)
    # The cells are read as float64 and rounded once to dtype, as numpy's own
    # string-to-float32 conversion does.
    return np.ascontiguousarray(table.X, dtype=dtype), table.y, table.feature_names


def column_indices(
    wanted: Sequence[str], header: Sequence[str], where: str, role: str = "column"
) -> list[int]:
    """Positions of the ``wanted`` names in ``header``.

    Raises
    ------
    ColumnNotFoundError
        Naming every missing name and (the first 40 of) the available ones.

    Examples
    --------
    >>> column_indices(["b"], ["a", "b"], "toy.csv")
    [1]
    """
    missing = [name for name in wanted if name not in header]
    if missing:
        shown = ", ".join(map(repr, header[:40])) + (", ..." if len(header) > 40 else "")
        raise ColumnNotFoundError(
            f"{role} {', '.join(map(repr, missing))} not found in {where}; "
            f"available columns: {shown}"
        )
    return [list(header).index(name) for name in wanted]
