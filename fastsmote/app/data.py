"""The data of ``fastsmote evaluate``: a user's CSV file or a benchmark workload.

Unlike :func:`fastsmote.datasets.load_csv`, which reads clean numeric files for
the benchmarks, :func:`load_table` accepts what real files hold: missing
numeric cells (imputed later, inside each training fold), categorical columns
named by the user (coded as integers for SMOTE-NC), and rows whose target is
missing (dropped, and said so). Everything else that a classifier cannot use
is refused with a message that says what to change.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["EvaluationInputError", "Table", "load_table", "workload_table"]

#: Cell values read as "missing" (compared stripped and lower-cased).
MISSING_TOKENS = ("", "na", "n/a", "nan", "null", "none", "?")

_ROWS_PER_BLOCK = 8_192

#: A --categorical column with more distinct values than this gets a note.
MAX_CATEGORIES = 100


class EvaluationInputError(ValueError):
    """Data or settings that ``fastsmote evaluate`` cannot work with; the
    message says what to change."""


@dataclass
class Table:
    """Features and classes ready for evaluation.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), dtype float64
        Numeric columns with ``nan`` where a value is missing; categorical
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


def workload_table(name: str, n_samples: int | None, categorical: Sequence[str] = ()) -> Table:
    """A benchmark workload of :mod:`fastsmote.datasets` as a :class:`Table`.

    Parameters
    ----------
    name : str
        Workload name, ``"W1"`` to ``"W7"``.
    n_samples : int or None
        Rows to generate; ``None`` gives the workload's full size.
    categorical : sequence of str, default=()
        Names (``"x0"``, ``"x1"``, ...) of columns to treat as categorical.
        W6's five categorical columns are always categorical.

    Returns
    -------
    Table

    Examples
    --------
    >>> table = workload_table("W6", 500)
    >>> table.feature_names[10], table.categorical
    ('x10', [10, 11, 12, 13, 14])
    """
    from ..datasets import WORKLOADS, make_workload

    spec = WORKLOADS[name.upper()]
    X, y = make_workload(spec.name, n_samples=n_samples)
    names = [f"x{j}" for j in range(X.shape[1])]
    chosen = set(spec.categorical_features) | set(_column_indices(categorical, names, "workload"))
    rows, cols = X.shape
    description = f"workload {spec.name} ({rows:,} rows x {cols} features, {spec.description})"
    return Table(np.asarray(X, dtype=np.float64), y, names, sorted(chosen), description)


def load_table(path: str | os.PathLike[str], target: str, categorical: Sequence[str] = ()) -> Table:
    """Read a CSV file with a header row for ``fastsmote evaluate``.

    Parameters
    ----------
    path : str or path-like
        The CSV file (comma-separated, first row holds the column names;
        quoted fields are fine, as in the public credit-card-fraud file).
    target : str
        Name of the column holding the classes.
    categorical : sequence of str, default=()
        Names of categorical feature columns. Their values are coded as
        integers, in sorted order of the values (an empty cell is a category
        of its own).

    Returns
    -------
    Table
        Numeric cells that are empty or read ``NA``, ``nan``, ``null``,
        ``none`` or ``?`` (any case) become ``nan``; so do infinite values,
        which the table's notes report. Rows without a target value are
        dropped (also reported). A numeric column with no value at all is
        dropped.

    Raises
    ------
    EvaluationInputError
        If the file does not exist or is not a well-formed CSV file, a named
        column is missing, a feature column that is not in ``categorical``
        holds values that are not numbers, or no feature column is left.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "toy.csv"
    >>> _ = path.write_text("a,colour,label\\n1.5,red,0\\n,blue,1\\n2,red,\\n")
    >>> table = load_table(path, "label", categorical=["colour"])
    >>> table.X
    array([[1.5, 1. ],
           [nan, 0. ]])
    >>> table.y, table.categorical, table.notes
    (array([0, 1]), [1], ['dropped 1 row without a value of the target column (line 4)'])
    """
    path = os.fspath(path)
    if not os.path.exists(path):
        raise EvaluationInputError(f"no such file: {path}")
    if os.path.isdir(path):
        raise EvaluationInputError(f"{path} is a directory; --csv needs a CSV file")
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise EvaluationInputError(f"{path} is empty; expected a header row of column names")
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            raise EvaluationInputError(f"{path} repeats the column name(s) {', '.join(repeated)}")
        target_col = _column_indices([target], header, path, role="target column")[0]
        feature_cols = [j for j in range(len(header)) if j != target_col]
        if not feature_cols:
            raise EvaluationInputError(f"{path} has no column besides the target {target!r}")
        cat_cols = set(_column_indices(categorical, header, path))
        if target_col in cat_cols:
            raise EvaluationInputError(f"the target {target!r} cannot also be --categorical")
        reading = _ColumnReader(header, target_col, cat_cols)
        rows: list[list[str]] = []
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            if len(row) != len(header):
                raise EvaluationInputError(
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


class _ColumnReader:
    """Converts blocks of CSV rows column by column, remembering problems."""

    def __init__(self, header: list[str], target_col: int, cat_cols: set[int]):
        self.header = header
        self.target_col = target_col
        self.cat_cols = cat_cols
        self.columns: dict[int, list[np.ndarray]] = {j: [] for j in range(len(header))}
        self.bad: dict[int, tuple[str, int]] = {}  # column -> (first non-number, line)
        self.n_infinite: dict[int, int] = {}
        self.lines: list[int] = []
        self._line_offset = 0

    def add_block(self, rows: list[list[str]]) -> None:
        cells = np.char.strip(np.array(rows, dtype=str).reshape(len(rows), len(self.header)))
        for j in range(len(self.header)):
            if j == self.target_col or j in self.cat_cols:
                self.columns[j].append(cells[:, j])
            elif j in self.bad:
                continue
            else:
                self.columns[j].append(self._numbers(cells[:, j], j))
        self._line_offset += len(rows)

    def _numbers(self, col: np.ndarray, j: int) -> np.ndarray:
        try:
            values = col.astype(np.float64)
        except ValueError:
            missing = np.isin(np.char.lower(col), MISSING_TOKENS)
            col = np.where(missing, "nan", col)
            try:
                values = col.astype(np.float64)
            except ValueError:
                for i in range(col.shape[0]):
                    try:
                        float(col[i])
                    except ValueError:
                        self.bad[j] = (str(col[i]), self.lines[self._line_offset + i])
                        break
                return np.empty(0)
        infinite = np.isinf(values)
        if infinite.any():
            self.n_infinite[j] = self.n_infinite.get(j, 0) + int(infinite.sum())
            values[infinite] = np.nan
        return values

    def finish(self, path: str, target: str, feature_cols: list[int]) -> Table:
        if not self.lines:
            raise EvaluationInputError(f"{path} has a header but no data rows")
        names = self.header
        if self.bad:
            details = ", ".join(
                f"{names[j]!r} (first: {value!r} on line {line})"
                for j, (value, line) in sorted(self.bad.items())
            )
            listed = ",".join(names[j] for j in sorted(self.bad))
            raise EvaluationInputError(
                f"non-numeric feature column(s) in {path}: {details}. Pass them as "
                f"--categorical {listed} (their categories are then kept, and SMOTE-NC runs), "
                "or remove them from the file"
            )
        notes = []
        y_cells = np.concatenate(self.columns[self.target_col])
        keep = ~np.isin(np.char.lower(y_cells), MISSING_TOKENS)
        if not keep.all():
            dropped = np.flatnonzero(~keep)
            lines = ", ".join(str(self.lines[i]) for i in dropped[:5])
            more = ", ..." if dropped.size > 5 else ""
            plural = "s" if dropped.size > 1 else ""
            notes.append(
                f"dropped {dropped.size:,} row{plural} without a value of the target column "
                f"(line{plural} {lines}{more})"
            )
        if not keep.any():
            raise EvaluationInputError(f"the target column {target!r} of {path} has no values")
        y = _parse_labels(y_cells[keep], target)
        columns, kept_names, categorical = [], [], []
        for j in feature_cols:
            values = np.concatenate(self.columns[j])[keep]
            if j in self.cat_cols:
                distinct, codes = np.unique(values, return_inverse=True)
                values = codes.astype(np.float64)
                categorical.append(len(columns))
                if distinct.size > MAX_CATEGORIES:
                    notes.append(
                        f"--categorical {names[j]!r} has {distinct.size:,} distinct values in "
                        f"{values.size:,} rows: each becomes a one-hot column of its own and "
                        "SMOTE-NC treats close values as unrelated; if it is a quantity (an "
                        "amount, a time), leave it out of --categorical"
                    )
            elif np.isnan(values).all():
                notes.append(f"dropped the column {names[j]!r}: it holds no value")
                continue
            if self.n_infinite.get(j):
                notes.append(
                    f"{self.n_infinite[j]:,} infinite value(s) of {names[j]!r} treated as missing"
                )
            columns.append(values)
            kept_names.append(names[j])
        if not columns:
            raise EvaluationInputError(f"{path} has no usable feature column")
        X = np.ascontiguousarray(np.column_stack(columns), dtype=np.float64)
        rows, cols = X.shape
        description = f"{path} ({rows:,} rows x {cols} features, target {target!r})"
        return Table(X, y, kept_names, categorical, description, notes)


def _column_indices(
    wanted: Sequence[str], header: Sequence[str], where: str, role: str = "column"
) -> list[int]:
    missing = [name for name in wanted if name not in header]
    if missing:
        shown = ", ".join(map(repr, header[:40])) + (", ..." if len(header) > 40 else "")
        raise EvaluationInputError(
            f"{role} {', '.join(map(repr, missing))} not found in {where}; "
            f"available columns: {shown}"
        )
    return [list(header).index(name) for name in wanted]


def _parse_labels(cells: np.ndarray, target: str) -> np.ndarray:
    """Class labels: int64 when every value is an integer, else the strings."""
    try:
        values = cells.astype(np.float64)
    except ValueError:
        return cells.astype(object).astype(str)
    fractional = ~np.isfinite(values) | (values != np.round(values))
    if fractional.any():
        raise EvaluationInputError(
            f"the target column {target!r} holds numbers that are not integers (first: "
            f"{str(cells[np.argmax(fractional)])!r}); evaluate needs class labels, integers "
            "or names: is this the right --target?"
        )
    return values.astype(np.int64)
