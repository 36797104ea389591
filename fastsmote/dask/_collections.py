"""Dask input in, Dask output out: validation of chunks and the round trip of types.

Samplers work on a Dask array ``X`` (rows chunked, one chunk across the
columns) and a 1-D Dask array ``y`` with the same row chunks. Dask DataFrames
and Series are turned into such arrays on the way in and back into DataFrames
(same column names, dtypes and Series name as imbalanced-learn's pandas output)
on the way out. Nothing here computes more than partition lengths.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import dask.array as da
import numpy as np
from sklearn.utils import check_consistent_length


@dataclass
class Inputs:
    """The validated input of ``fit_resample``.

    Attributes
    ----------
    X : dask.array.Array
        Shape (n_samples, n_features), row chunks known, one column chunk.
    y : dask.array.Array
        Shape (n_samples,), the same row chunks as ``X``.
    kind : {"array", "dataframe"}
        The type of collection to return.
    columns, dtypes : list or None
        Column names and dtypes of a DataFrame ``X``.
    y_name : object
        Name of a Series ``y`` (None otherwise).
    y_is_frame : bool
        Whether ``y`` was a one-column DataFrame.
    """

    X: da.Array
    y: da.Array
    kind: str
    columns: list | None = None
    dtypes: object = None
    y_name: object = None
    y_is_frame: bool = False
    y_dtype: object = field(default=None)
    #: Sorted class labels and their counts, when already known (combined samplers).
    classes: object = None
    counts: object = None


def _is_dask_frame(obj) -> bool:
    return type(obj).__module__.startswith("dask.dataframe") or type(obj).__module__.startswith(
        "dask_expr"
    )


def check_inputs(X, y) -> Inputs:
    """Validate ``X`` and ``y`` and return them as aligned Dask arrays.

    Parameters
    ----------
    X : dask.array.Array or dask.dataframe.DataFrame
        Rows to resample. A Dask array must be 2-D and chunked along rows
        only; unknown row chunk sizes (NaN, e.g. after boolean indexing) are
        computed, a pass over the data.
    y : dask.array.Array, dask.dataframe.Series or one-column DataFrame
        Class labels, with the same row chunks as ``X``.

    Returns
    -------
    Inputs

    Raises
    ------
    TypeError
        When ``X`` or ``y`` is not a Dask collection.
    ValueError
        When the number of columns is unknown, when ``y`` is not 1-D, or when
        ``y``'s chunks do not line up with ``X``'s.
    """
    columns = dtypes = y_name = None
    y_is_frame = False
    if _is_dask_frame(X) and type(X).__name__ == "DataFrame":
        kind = "dataframe"
        columns = list(X.columns)
        dtypes = X.dtypes
        X = X.to_dask_array(lengths=True)
    elif isinstance(X, da.Array):
        kind = "array"
    else:
        raise TypeError(
            f"fastsmote.dask samplers take a Dask array or Dask DataFrame as X, got "
            f"{type(X).__name__}; wrap NumPy data with dask.array.from_array(X, chunks=...) "
            "or use the single-machine sampler from fastsmote."
        )
    if _is_dask_frame(y):
        if type(y).__name__ == "DataFrame":
            if len(y.columns) != 1:
                raise ValueError(f"y must be 1-D; got a DataFrame with {len(y.columns)} columns.")
            y_is_frame = True
            y_name = y.columns[0]
            y = y[y_name]
        else:
            y_name = y.name
        y = y.to_dask_array(lengths=True)
    elif not isinstance(y, da.Array):
        raise TypeError(
            f"y must be a Dask array or Dask Series when X is a Dask collection, got "
            f"{type(y).__name__}; wrap it with dask.array.from_array(y, chunks=X.chunks[0])."
        )
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (rows x features); got {X.ndim} dimension(s).")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D; got shape {y.shape}.")
    if math.isnan(X.shape[1]):
        raise ValueError(
            "X has an unknown number of columns, which fastsmote.dask cannot resolve; "
            "give the array known column chunks (e.g. X.compute_chunk_sizes() after "
            "building it from a DataFrame with .values)."
        )
    X = _with_known_row_chunks(X, "X")
    y = _with_known_row_chunks(y, "y")
    if len(X.chunks[1]) != 1:
        X = X.rechunk({1: -1})
    # The single-machine samplers' error, before the chunk comparison below
    # would blame the chunks for a length mismatch.
    check_consistent_length(X, y)
    if X.chunks[0] != y.chunks[0]:
        raise ValueError(
            f"y's chunks do not line up with X's: X has {X.shape[0]} rows in chunks "
            f"{_short(X.chunks[0])}, y has {y.shape[0]} in chunks {_short(y.chunks[0])}. "
            "Give both the same row chunks, e.g. y = y.rechunk(X.chunks[0])."
        )
    return Inputs(
        X=X,
        y=y,
        kind=kind,
        columns=columns,
        dtypes=dtypes,
        y_name=y_name,
        y_is_frame=y_is_frame,
        y_dtype=y.dtype,
    )


def _with_known_row_chunks(array: da.Array, name: str) -> da.Array:
    if any(math.isnan(c) for c in array.chunks[0]):
        # One pass over the data: every later step needs global row offsets.
        array = array.compute_chunk_sizes()
        if any(math.isnan(c) for c in array.chunks[0]):  # pragma: no cover - defensive
            raise ValueError(f"{name} has row chunks of unknown size that could not be computed.")
    return array


def _short(chunks) -> str:
    chunks = tuple(chunks)
    return str(chunks) if len(chunks) <= 6 else f"({', '.join(map(str, chunks[:5]))}, ...)"


def row_offsets(chunks) -> np.ndarray:
    """Global index of each chunk's first row, and the total, as int64.

    Examples
    --------
    >>> row_offsets((3, 2, 4)).tolist()
    [0, 3, 5, 9]
    """
    return np.concatenate([[0], np.cumsum(chunks, dtype=np.int64)]).astype(np.int64)


def split_sizes(n: int, chunk_size: int) -> list[int]:
    """``n`` rows in pieces of ``chunk_size`` (the last one shorter).

    Examples
    --------
    >>> split_sizes(7, 3)
    [3, 3, 1]
    """
    return [min(chunk_size, n - start) for start in range(0, n, chunk_size)]


def wrap_output(inputs: Inputs, X_res: da.Array, y_res: da.Array):
    """Return ``(X_res, y_res)`` as collections of the input's type.

    DataFrames get the input's column names and dtypes, and a fresh index
    ``0..n-1`` (imbalanced-learn's pandas output has a RangeIndex); a Series
    ``y`` keeps its name.
    """
    if inputs.kind == "array":
        return X_res, y_res
    import dask.dataframe as dd

    if any(math.isnan(c) for c in X_res.chunks[0]):
        # Row counts per chunk are needed for the index; the cleaning samplers'
        # output sizes are known only after their decisions.
        X_res = X_res.compute_chunk_sizes()
        y_res = y_res.compute_chunk_sizes()
    X_df = dd.from_dask_array(X_res, columns=inputs.columns)
    X_df = X_df.astype(dict(inputs.dtypes.items()))
    y_s = dd.from_dask_array(y_res, columns=inputs.y_name)
    if inputs.y_is_frame:
        y_s = y_s.to_frame(name=inputs.y_name)
    return X_df, y_s
