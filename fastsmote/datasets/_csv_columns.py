"""The CSV reader's column-by-column conversion (private to :mod:`.csv`)."""

from __future__ import annotations

import numpy as np

from .table import CSVInputError, NonNumericColumnsError, Table

#: Cell values read as "missing" (compared stripped and lower-cased).
MISSING_TOKENS = ("", "na", "n/a", "nan", "null", "none", "?")

#: A categorical column with more distinct values than this gets a note.
MAX_CATEGORIES = 100


class ColumnReader:
    """Converts blocks of CSV rows column by column, remembering problems."""

    def __init__(self, header: list[str], target_col: int, cat_cols: set[int], strict: bool):
        self.header = header
        self.target_col = target_col
        self.cat_cols = cat_cols
        self.strict = strict
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
            elif j not in self.bad:
                self.columns[j].append(self._numbers(cells[:, j], j))
        self._line_offset += len(rows)

    def _numbers(self, col: np.ndarray, j: int) -> np.ndarray:
        try:
            values = col.astype(np.float64)
        except ValueError:
            if not self.strict:
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
        if not self.strict:
            infinite = np.isinf(values)
            if infinite.any():
                self.n_infinite[j] = self.n_infinite.get(j, 0) + int(infinite.sum())
                values[infinite] = np.nan
        return values

    def finish(self, path: str, target: str, feature_cols: list[int]) -> Table:
        if not self.lines:
            raise CSVInputError(f"{path} has a header but no data rows")
        names = self.header
        if self.bad:
            details = ", ".join(
                f"{names[j]!r} (first: {value!r} on line {line})"
                for j, (value, line) in sorted(self.bad.items())
            )
            raise NonNumericColumnsError(path, [names[j] for j in sorted(self.bad)], details)
        notes = []
        y_cells = np.concatenate(self.columns[self.target_col])
        keep = ~np.isin(np.char.lower(y_cells), MISSING_TOKENS)
        if not keep.all():
            dropped = np.flatnonzero(~keep)
            lines = ", ".join(str(self.lines[i]) for i in dropped[:5])
            more = ", ..." if dropped.size > 5 else ""
            plural = "s" if dropped.size > 1 else ""
            if self.strict:
                raise CSVInputError(
                    f"the target column {target!r} of {path} has no value on "
                    f"line{plural} {lines}{more}"
                )
            notes.append(
                f"dropped {dropped.size:,} row{plural} without a value of the target column "
                f"(line{plural} {lines}{more})"
            )
        if not keep.any():
            raise CSVInputError(f"the target column {target!r} of {path} has no values")
        y = parse_labels(y_cells[keep], target)
        columns, kept_names, categorical = [], [], []
        for j in feature_cols:
            values = np.concatenate(self.columns[j])[keep]
            if j in self.cat_cols:
                distinct, codes = np.unique(values, return_inverse=True)
                values = codes.astype(np.float64)
                categorical.append(len(columns))
                if distinct.size > MAX_CATEGORIES:
                    notes.append(
                        f"categorical column {names[j]!r} has {distinct.size:,} distinct values "
                        f"in {values.size:,} rows: each becomes a one-hot column of its own and "
                        "SMOTE-NC treats close values as unrelated; if it is a quantity (an "
                        "amount, a time), do not name it categorical"
                    )
            elif not self.strict and np.isnan(values).all():
                notes.append(f"dropped the column {names[j]!r}: it holds no value")
                continue
            if self.n_infinite.get(j):
                notes.append(
                    f"{self.n_infinite[j]:,} infinite value(s) of {names[j]!r} treated as missing"
                )
            columns.append(values)
            kept_names.append(names[j])
        if not columns:
            raise CSVInputError(f"{path} has no usable feature column")
        X = np.ascontiguousarray(np.column_stack(columns), dtype=np.float64)
        rows, cols = X.shape
        description = f"{path} ({rows:,} rows x {cols} features, target {target!r})"
        return Table(X, y, kept_names, categorical, description, notes)


def parse_labels(cells: np.ndarray, target: str) -> np.ndarray:
    """Class labels: int64 when every value is an integer, else the strings."""
    try:
        values = cells.astype(np.float64)
    except ValueError:
        return cells.astype(object).astype(str)
    fractional = ~np.isfinite(values) | (values != np.round(values))
    if fractional.any():
        raise CSVInputError(
            f"the target column {target!r} holds numbers that are not integers (first: "
            f"{str(cells[np.argmax(fractional)])!r}); the classes must be integers or names: "
            "is this the right target column?"
        )
    return values.astype(np.int64)
