"""The data of both commands: a user's CSV file, a workload or a corpus table.

:func:`load_data` is the one loader of ``compare`` and ``evaluate``; every
source becomes a :class:`~fastsmote.datasets.Table` (features, classes, which
columns are categorical, a description and notes). CSV files are read by the
library's one reader, :func:`fastsmote.datasets.read_table`: ``evaluate``
accepts missing values (imputed later, inside each training fold), ``compare``
reads strictly (the samplers take no missing value).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

import numpy as np
from numpy.typing import DTypeLike

from ..datasets import Table
from .errors import EvaluationInputError, UsageError

__all__ = [
    "EvaluationInputError",
    "Table",
    "load_data",
    "load_table",
    "real_table",
    "workload_table",
]


def workload_table(
    name: str,
    n_samples: int | None,
    categorical: Sequence[str] = (),
    dtype: DTypeLike | None = np.float64,
) -> Table:
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
    dtype : dtype or None, default=np.float64
        dtype of ``X``; ``None`` keeps the workload's own (float32 for W7).

    Returns
    -------
    Table

    Raises
    ------
    EvaluationInputError
        When a name of ``categorical`` is not a column.

    Examples
    --------
    >>> table = workload_table("W6", 500)
    >>> table.feature_names[10], table.categorical
    ('x10', [10, 11, 12, 13, 14])
    """
    from ..datasets import WORKLOADS, make_workload

    spec = WORKLOADS[name.upper()]
    X, y = make_workload(spec.name, n_samples=n_samples)
    rows, cols = X.shape
    description = f"workload {spec.name} ({rows:,} rows x {cols} features, {spec.description})"
    return _array_table(X, y, description, categorical, spec.categorical_features, dtype)


def real_table(name: str, n_samples: int | None, categorical: Sequence[str] = ()) -> Table:
    """A table of the real-data corpus (:data:`fastsmote.datasets.REAL_TABLES`).

    Parameters
    ----------
    name : str
        The table.
    n_samples : int or None
        Rows of a generated table; ``None`` gives its full size.
    categorical : sequence of str, default=()
        Names (``"x0"``, ``"x1"``, ...) of columns to treat as categorical.

    Returns
    -------
    Table
        ``X`` as the corpus holds it.

    Examples
    --------
    >>> real_table("wine", None).description
    'table wine (178 rows x 13 features)'
    """
    from ..datasets import load_real

    X, y = load_real(name, n_samples=n_samples)
    description = f"table {name} ({X.shape[0]:,} rows x {X.shape[1]} features)"
    return _array_table(X, y, description, categorical, (), None)


def _array_table(X, y, description, categorical, always, dtype) -> Table:
    from ..datasets.csv import ColumnNotFoundError, column_indices

    names = [f"x{j}" for j in range(X.shape[1])]
    try:
        chosen = set(always) | set(column_indices(categorical, names, "workload"))
    except ColumnNotFoundError as exc:
        raise EvaluationInputError(str(exc)) from exc
    X = np.asarray(X, dtype=dtype) if dtype is not None else X
    return Table(X, y, names, sorted(chosen), description)


def load_table(
    path: str | os.PathLike[str],
    target: str,
    categorical: Sequence[str] = (),
    strict: bool = False,
) -> Table:
    """Read a CSV file for either command: :func:`fastsmote.datasets.read_table`
    with the command line's messages.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    target : str
        Name of the column holding the classes.
    categorical : sequence of str, default=()
        Names of categorical feature columns (coded as integers).
    strict : bool, default=False
        Refuse missing values (``compare``) instead of reading them as ``nan``
        and dropping rows without a target (``evaluate``).

    Returns
    -------
    Table

    Raises
    ------
    EvaluationInputError
        With :func:`~fastsmote.datasets.read_table`'s message; for columns
        that are not numbers, naming the ``--categorical`` option that keeps
        them.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "toy.csv"
    >>> _ = path.write_text("a,colour,label\\n1.5,red,0\\n,blue,1\\n")
    >>> load_table(path, "label")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    fastsmote.app.errors.EvaluationInputError: non-numeric feature column(s) in ...
    """
    from ..datasets import CSVInputError, NonNumericColumnsError, read_table

    try:
        return read_table(path, target, categorical, strict=strict)
    except NonNumericColumnsError as exc:
        raise EvaluationInputError(
            f"non-numeric feature column(s) in {exc.path}: {exc.details}. Pass them as "
            f"--categorical {','.join(exc.columns)} (their categories are then kept, and "
            "SMOTE-NC runs), or remove them from the file"
        ) from exc
    except CSVInputError as exc:
        raise EvaluationInputError(str(exc)) from exc


def load_data(args: argparse.Namespace, strict: bool, dtype: DTypeLike | None) -> Table:
    """The data the command line names: ``--csv``, ``--table`` or ``--workload``.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments (see :func:`fastsmote.app.arguments.add_data_arguments`),
        already checked by :func:`~fastsmote.app.arguments.check_data_arguments`.
    strict : bool
        Read a CSV file strictly (``compare``).
    dtype : dtype or None
        dtype of a generated workload's ``X``; ``None`` keeps its own.

    Returns
    -------
    Table
        With at least two classes.

    Raises
    ------
    UsageError
        For data that cannot be read, or a single class.
    """
    from ..datasets import DEFAULT_WORKLOAD
    from .arguments import DEFAULT_ROWS, categorical_names
    from .names import single_class_message

    categorical = categorical_names(args)
    try:
        if args.csv is not None:
            table = load_table(args.csv, args.target, categorical, strict=strict)
        elif getattr(args, "table", None) is not None:
            table = real_table(args.table, args.n_samples, categorical)
        else:
            n_rows = args.n_samples
            if args.workload is None and n_rows is None:
                n_rows = DEFAULT_ROWS
            name = args.workload or DEFAULT_WORKLOAD
            table = workload_table(name, n_rows, categorical, dtype)
    except EvaluationInputError as exc:
        raise UsageError(str(exc)) from exc
    classes = np.unique(table.y)
    if classes.size < 2:
        raise UsageError(single_class_message(classes[0], table.y.size))
    return table
