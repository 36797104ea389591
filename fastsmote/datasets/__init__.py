"""Data for fastsmote's tests and benchmarks, and the one CSV reader.

- :mod:`~fastsmote.datasets.workloads`: the benchmark workloads W1 to W7
  (:data:`WORKLOADS`, :func:`make_workload`), defined in that module's docstring;
- :mod:`~fastsmote.datasets.replay`: the bit-exact, low-memory replay of
  ``make_classification``'s random stream (W7, and the model of
  :mod:`fastsmote.dask.datasets`);
- :mod:`~fastsmote.datasets.real`: the real-data corpus (:data:`REAL_TABLES`,
  :func:`load_real`, :func:`describe_real`), read from installed packages;
- :mod:`~fastsmote.datasets.csv`: the one CSV reader, :func:`read_table` (missing values,
  categorical columns; ``strict=True`` for numbers only) and :func:`load_csv` on it,
  returning a :class:`~fastsmote.datasets.table.Table` or raising a ``CSVInputError``;
- :mod:`~fastsmote.datasets.sparse`: :func:`make_sparse_tfidf`, the sparse benchmark's data.

Examples
--------
The workloads' own examples are in :mod:`~fastsmote.datasets.workloads`; a table of
the real-data corpus:

>>> from fastsmote.datasets import REAL_TABLES, load_real
>>> "wine" in REAL_TABLES
True
>>> X, y = load_real("wine")
>>> X.shape, X.dtype, y.dtype
((178, 13), dtype('float64'), dtype('int64'))
"""

from .csv import (
    ColumnNotFoundError,
    CSVFileNotFoundError,
    CSVInputError,
    NonNumericColumnsError,
    Table,
    load_csv,
    read_table,
)
from .real import (
    GENERATED_TABLES,
    REAL_TABLES,
    RealTable,
    count_duplicate_rows,
    describe_real,
    load_real,
)
from .sparse import make_sparse_tfidf
from .workloads import DEFAULT_WORKLOAD, W6_CATEGORICAL_FEATURES, WORKLOADS, Workload, make_workload

__all__ = [
    "DEFAULT_WORKLOAD",
    "GENERATED_TABLES",
    "REAL_TABLES",
    "W6_CATEGORICAL_FEATURES",
    "WORKLOADS",
    "CSVFileNotFoundError",
    "CSVInputError",
    "ColumnNotFoundError",
    "NonNumericColumnsError",
    "RealTable",
    "Table",
    "Workload",
    "count_duplicate_rows",
    "describe_real",
    "load_csv",
    "load_real",
    "read_table",
    "make_sparse_tfidf",
    "make_workload",
]
