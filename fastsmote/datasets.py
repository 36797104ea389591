"""Benchmark workloads and CSV loading.

The workloads W1 to W7 are the data sets every performance figure of fastsmote
is measured on (``WORKLOADS.md`` in the project's shared notes). All come from
:func:`sklearn.datasets.make_classification` with fixed arguments, so anyone can
regenerate them bit for bit; :func:`make_workload` does that, optionally at a
smaller size. :func:`load_csv` reads a user's own numeric CSV file.

Examples
--------
>>> from fastsmote.datasets import DEFAULT_WORKLOAD, WORKLOADS, make_workload
>>> DEFAULT_WORKLOAD
'W4'
>>> WORKLOADS["W4"].shape
(284807, 30)
>>> X, y = make_workload("W4", n_samples=1_000)
>>> X.shape, X.dtype, y.dtype
((1000, 30), dtype('float64'), dtype('int64'))
"""

from __future__ import annotations

import csv
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import DTypeLike
from sklearn.datasets import make_classification
from sklearn.utils.random import sample_without_replacement

__all__ = [
    "DEFAULT_WORKLOAD",
    "W6_CATEGORICAL_FEATURES",
    "WORKLOADS",
    "ColumnNotFoundError",
    "Workload",
    "load_csv",
    "make_sparse_tfidf",
    "make_workload",
]


@dataclass(frozen=True)
class Workload:
    """Definition of one benchmark workload.

    Parameters
    ----------
    name : str
        Identifier, ``"W1"`` to ``"W7"``.
    n_samples : int
        Number of rows at full size.
    n_features : int
        Number of columns of ``X`` (for W6 this includes the categorical columns).
    params : mapping
        Arguments of :func:`sklearn.datasets.make_classification` other than
        ``n_samples``.
    dtype : numpy dtype, default=np.float64
        dtype of ``X`` at full size.
    description : str, default=""
        What the workload is used for.
    categorical_features : tuple of int, default=()
        Indices of the categorical columns (W6 only).

    Examples
    --------
    >>> from fastsmote.datasets import WORKLOADS
    >>> spec = WORKLOADS["W6"]
    >>> spec.shape, spec.categorical_features
    ((1000000, 15), (10, 11, 12, 13, 14))
    """

    name: str
    n_samples: int
    n_features: int
    params: Mapping[str, Any]
    dtype: np.dtype = field(default=np.dtype(np.float64))
    description: str = ""
    categorical_features: tuple[int, ...] = ()

    @property
    def shape(self) -> tuple[int, int]:
        """Shape of ``X`` at full size."""
        return (self.n_samples, self.n_features)


def _params(**kwargs: Any) -> Mapping[str, Any]:
    # Weights are stored as a tuple (immutable) and handed to make_classification
    # as a fresh list: its list and array code paths are then the same as
    # the WORKLOADS.md table's ``weights=[...]``.
    kwargs["weights"] = tuple(kwargs["weights"])
    return MappingProxyType(kwargs)


_W1_PARAMS = _params(
    n_features=20, n_informative=10, n_redundant=0, weights=[0.95], flip_y=0.01, random_state=0
)

#: Column indices of W6's categorical features (``SMOTENC(categorical_features=...)``).
W6_CATEGORICAL_FEATURES: tuple[int, ...] = (10, 11, 12, 13, 14)

#: The seven benchmark workloads, by name.
WORKLOADS: Mapping[str, Workload] = MappingProxyType(
    {
        "W1": Workload(
            "W1", 1_000_000, 20, _W1_PARAMS, description="SMOTE family at scale (5 % minority)"
        ),
        "W2": Workload(
            "W2",
            1_000_000,
            8,
            _params(n_features=8, n_informative=6, n_redundant=2, weights=[0.9], random_state=0),
            description="low dimension, where a KD-tree should win",
        ),
        "W3": Workload(
            "W3", 100_000, 20, _W1_PARAMS, description="cleaning samplers and SMOTE + cleaning"
        ),
        "W4": Workload(
            "W4",
            284_807,
            30,
            _params(
                n_features=30,
                n_informative=12,
                n_redundant=4,
                weights=[0.99827],
                flip_y=0.0005,
                random_state=0,
            ),
            description="the credit-card-fraud shape (0.17 % positives)",
        ),
        "W5": Workload(
            "W5",
            100_000,
            200,
            _params(
                n_features=200,
                n_informative=10,
                n_redundant=0,
                weights=[0.95],
                flip_y=0.01,
                random_state=0,
            ),
            description="high dimension: brute force against NN-Descent",
        ),
        "W6": Workload(
            "W6",
            1_000_000,
            15,
            _params(n_features=10, n_informative=6, n_redundant=2, weights=[0.95], random_state=0),
            description="10 continuous and 5 categorical columns (SMOTENC, SMOTEN)",
            categorical_features=W6_CATEGORICAL_FEATURES,
        ),
        "W7": Workload(
            "W7",
            10_000_000,
            20,
            _W1_PARAMS,
            dtype=np.dtype(np.float32),
            description="scale: W1's generator at 10 million rows, float32",
        ),
    }
)

#: The workload ``fastsmote compare`` (``make compare``) runs when given no data.
DEFAULT_WORKLOAD: str = "W4"

#: Rows generated per block by W7's low-memory generator.
_CHUNK_ROWS = 1 << 18


def make_workload(
    name: str, n_samples: int | None = None, dtype: DTypeLike | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Generate a benchmark workload.

    Parameters
    ----------
    name : {"W1", "W2", "W3", "W4", "W5", "W6", "W7"}
        The workload (case-insensitive); see :data:`WORKLOADS`.
    n_samples : int, default=None
        Number of rows. ``None`` gives the full size of the table in
        ``WORKLOADS.md``. A smaller value runs the *same generator* with the
        smaller ``n_samples``: the class proportions and the distribution are
        the same, but the rows are not the first rows of the full-size data
        (``make_classification`` draws every feature for all rows at once).
    dtype : {np.float64, np.float32}, default=None
        dtype of ``X``. ``None`` gives the workload's own dtype: float32 for
        W7, float64 for the others. ``X`` is always generated in float64 and
        then cast, so float32 data are the float64 data rounded.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        C-contiguous features. For W6, columns 10 to 14 hold the categorical
        codes (integers 0 to 49, stored in ``X``'s float dtype).
    y : ndarray of shape (n_samples,), dtype int64
        Class labels, 0 (majority) and 1 (minority).

    Raises
    ------
    ValueError
        If ``name`` is not a workload, ``n_samples`` is not a positive integer,
        or ``dtype`` is neither float64 nor float32.

    Notes
    -----
    W1 to W5 are ``make_classification(n_samples, **WORKLOADS[name].params)``.
    W6 appends five categorical columns built from ``y``::

        rng = np.random.RandomState(0)
        cats = (rng.randint(0, 50, size=(n, 5))
                + y[:, None] * rng.randint(0, 3, size=(n, 5))) % 50

    W7 equals ``make_classification(10_000_000, **W1 params).astype(np.float32)``
    but is generated in blocks of rows, replaying the generator's random stream,
    so its peak memory stays near the size of the output (about 1.3 GB instead
    of about 5 GB). Before using that path, the output is checked once per
    process against ``make_classification`` on a small size; if scikit-learn's
    generator ever changes, the plain (memory-hungry) path is used instead.

    Examples
    --------
    >>> from fastsmote.datasets import make_workload
    >>> X, y = make_workload("W1", n_samples=2_000)
    >>> X.shape, int(y.sum())
    ((2000, 20), 109)
    >>> X, y = make_workload("W6", n_samples=500)
    >>> X[:, 10:].min(), X[:, 10:].max()
    (np.float64(0.0), np.float64(49.0))
    >>> X, y = make_workload("W7", n_samples=1_000)
    >>> X.dtype
    dtype('float32')
    """
    spec = _get_workload(name)
    n_samples = spec.n_samples if n_samples is None else _check_n_samples(n_samples)
    dtype = spec.dtype if dtype is None else _check_dtype(dtype)
    params = {**spec.params, "weights": list(spec.params["weights"])}

    if spec.name == "W7":
        if _lowmem_generator_matches_sklearn():
            return _make_classification_lowmem(n_samples, dtype=dtype, **params)
        X, y = make_classification(n_samples, **params)
        return np.ascontiguousarray(X, dtype=dtype), y

    X, y = make_classification(n_samples, **params)
    if spec.categorical_features:
        X = np.hstack([X, _w6_categories(y)])
    return np.ascontiguousarray(X, dtype=dtype), y


def _get_workload(name: str) -> Workload:
    key = name.upper() if isinstance(name, str) else name
    if key not in WORKLOADS:
        raise ValueError(f"unknown workload {name!r}; choose one of {', '.join(WORKLOADS)}")
    return WORKLOADS[key]


def _check_n_samples(n_samples: Any) -> int:
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer):
        raise ValueError(f"n_samples must be a positive integer or None, got {n_samples!r}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer or None, got {n_samples}")
    return int(n_samples)


def _check_dtype(dtype: DTypeLike) -> np.dtype:
    try:
        dtype = np.dtype(dtype)
    except TypeError as exc:
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dtype!r}") from exc
    if dtype not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dtype}")
    return dtype


def _w6_categories(y: np.ndarray) -> np.ndarray:
    """W6's five categorical columns, exactly as WORKLOADS.md defines them."""
    n = y.shape[0]
    rng = np.random.RandomState(0)
    return (rng.randint(0, 50, size=(n, 5)) + y[:, None] * rng.randint(0, 3, size=(n, 5))) % 50


# -- W7: make_classification, replayed in blocks of rows ----------------------------
#
# make_classification (scikit-learn 1.4 to 1.9, two classes, two clusters per
# class, hypercube=True, no repeated features, fixed shift and scale,
# shuffle=True) draws from one RandomState in this order:
#   centroids; normals for the informative columns of all rows; one covariance
#   matrix per cluster; the redundant mixing matrix; normals for the random
#   columns of all rows; the label-flip uniforms; the flipped labels; the row
#   permutation; the column permutation.
# The function below saves the generator's state before each of the two big
# normal blocks, skips over them to draw everything that follows, then replays
# both blocks chunk by chunk, builds each chunk's rows exactly as scikit-learn
# does (same operations, same order, same array layout for np.dot) and writes
# them, cast, to their shuffled positions in the output.


def _generate_hypercube(samples: int, dimensions: int, rng: np.random.RandomState) -> np.ndarray:
    # scikit-learn's private helper, for dimensions <= 30 (all workloads).
    out = sample_without_replacement(2**dimensions, samples, random_state=rng)
    out = out.astype(dtype=">u4", copy=False)
    return np.unpackbits(out.view(">u1")).reshape((-1, 32))[:, -dimensions:]


def _skip_normals(rng: np.random.RandomState, count: int, chunk: int) -> None:
    for start in range(0, count, chunk):
        rng.standard_normal(size=min(chunk, count - start))


def _make_classification_lowmem(
    n_samples: int,
    *,
    n_features: int,
    n_informative: int,
    n_redundant: int,
    weights: list[float],
    flip_y: float = 0.01,
    random_state: int = 0,
    shift: float = 0.0,
    scale: float = 1.0,
    dtype: DTypeLike = np.float32,
    chunk_rows: int = _CHUNK_ROWS,
) -> tuple[np.ndarray, np.ndarray]:
    """``make_classification(...)`` cast to ``dtype``, built in blocks of rows."""
    n_classes, n_clusters_per_class, class_sep = 2, 2, 1.0
    if n_informative > 30:
        raise ValueError("the low-memory generator supports at most 30 informative features")
    rng = np.random.RandomState(random_state)
    weights_ = list(weights) + [1.0 - sum(weights)]
    n_random = n_features - n_informative - n_redundant
    n_clusters = n_classes * n_clusters_per_class
    cluster_sizes = [
        int(n_samples * weights_[k % n_classes] / n_clusters_per_class) for k in range(n_clusters)
    ]
    for i in range(n_samples - sum(cluster_sizes)):
        cluster_sizes[i % n_clusters] += 1
    cluster_bounds = np.concatenate([[0], np.cumsum(cluster_sizes)])

    # Pass 1: draw everything, skipping (but bookmarking) the two normal blocks.
    centroids = _generate_hypercube(n_clusters, n_informative, rng).astype(float, copy=False)
    centroids *= 2 * class_sep
    centroids -= class_sep
    informative_state = rng.get_state()
    _skip_normals(rng, n_samples * n_informative, chunk_rows * n_features)
    covariances = [
        2 * rng.uniform(size=(n_informative, n_informative)) - 1 for _ in range(n_clusters)
    ]
    mixing = 2 * rng.uniform(size=(n_informative, n_redundant)) - 1 if n_redundant > 0 else None
    random_columns_state = rng.get_state()
    _skip_normals(rng, n_samples * n_random, chunk_rows * n_features)
    flip_mask = np.empty(n_samples, dtype=bool)
    for start in range(0, n_samples, chunk_rows):
        stop = min(start + chunk_rows, n_samples)
        flip_mask[start:stop] = rng.uniform(size=stop - start) < flip_y
    flipped_labels = rng.randint(n_classes, size=int(flip_mask.sum()))
    row_order = np.arange(n_samples)
    rng.shuffle(row_order)
    col_order = np.arange(n_features)
    rng.shuffle(col_order)
    out_rows = np.empty(n_samples, dtype=np.intp)
    out_rows[row_order] = np.arange(n_samples)
    del row_order

    # Pass 2: replay the normals block by block and scatter the finished rows.
    informative_rng = np.random.RandomState()
    informative_rng.set_state(informative_state)
    random_columns_rng = np.random.RandomState()
    random_columns_rng.set_state(random_columns_state)
    X = np.empty((n_samples, n_features), dtype=dtype)
    y = np.empty(n_samples, dtype=int)
    n_flipped = 0
    bounds = _block_bounds(n_samples, cluster_bounds, chunk_rows)
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        block = np.zeros((stop - start, n_features))
        labels = np.zeros(stop - start, dtype=int)
        block[:, :n_informative] = informative_rng.standard_normal(
            size=(stop - start, n_informative)
        )
        for k in range(n_clusters):
            lo = max(cluster_bounds[k], start) - start
            hi = min(cluster_bounds[k + 1], stop) - start
            if lo >= hi:
                continue
            labels[lo:hi] = k % n_classes
            cluster = block[lo:hi, :n_informative]
            cluster[...] = np.dot(cluster, covariances[k])
            cluster += centroids[k]
        if mixing is not None:
            block[:, n_informative : n_informative + n_redundant] = np.dot(
                block[:, :n_informative], mixing
            )
        if n_random > 0:
            block[:, -n_random:] = random_columns_rng.standard_normal(size=(stop - start, n_random))
        mask = flip_mask[start:stop]
        count = int(mask.sum())
        labels[mask] = flipped_labels[n_flipped : n_flipped + count]
        n_flipped += count
        block += shift  # a no-op except that it turns -0.0 into 0.0, as in scikit-learn
        block *= scale
        X[out_rows[start:stop]] = block[:, col_order]
        y[out_rows[start:stop]] = labels
    return X, y


def _block_bounds(n_samples: int, cluster_bounds: np.ndarray, chunk_rows: int) -> list[int]:
    """Row blocks of about ``chunk_rows`` rows for the low-memory generator.

    ``np.dot`` may round differently depending on how many rows it gets (BLAS
    uses matrix-vector code for one row and may use special kernels for small
    matrices). So every product is taken over at least ``chunk_rows // 2``
    rows, or over exactly the rows scikit-learn multiplies at once (a whole
    cluster, or all rows): a block boundary is dropped when it would leave a
    shorter piece of a block or of a cluster.
    """
    min_piece = max(2, chunk_rows // 2)
    kept = [0]
    for b in range(chunk_rows, n_samples, chunk_rows):
        k = int(np.searchsorted(cluster_bounds, b, side="right")) - 1  # cluster holding row b
        inside_cluster = cluster_bounds[k] < b
        if (
            b - kept[-1] >= min_piece
            and n_samples - b >= min_piece
            and (
                not inside_cluster
                or min(b - cluster_bounds[k], cluster_bounds[k + 1] - b) >= min_piece
            )
        ):
            kept.append(b)
    return [*kept, n_samples]


@lru_cache(maxsize=1)
def _lowmem_generator_matches_sklearn() -> bool:
    """Whether the low-memory generator reproduces this scikit-learn's output."""
    params = {**_W1_PARAMS, "weights": list(_W1_PARAMS["weights"])}
    expected_X, expected_y = make_classification(60_001, **params)
    X, y = _make_classification_lowmem(60_001, dtype=np.float64, chunk_rows=25_000, **params)
    if np.array_equal(X, expected_X) and np.array_equal(y, expected_y):
        return True
    warnings.warn(
        "make_classification no longer matches fastsmote's low-memory replay; "
        "W7 is generated with make_classification directly (about 5 GB peak memory)",
        RuntimeWarning,
        stacklevel=3,
    )
    return False


# -- CSV -------------------------------------------------------------------------------


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
    dtype = _check_dtype(dtype)
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


def make_sparse_tfidf(
    n_samples: int = 200_000,
    n_features: int = 5_000,
    density: float = 0.005,
    minority_fraction: float = 0.1,
    random_state: int = 0,
):
    """A TF-IDF-like CSR matrix (the sparse benchmark's data) and binary labels.

    Each row draws about ``density * n_features`` terms, with replacement, from
    a Zipf-like vocabulary (term ``r`` has weight ``1 / (r + 10)``); repeated
    draws count as term frequency. Minority rows (label 1) draw a fifth of
    their terms from a shuffled vocabulary, so the classes differ. Values are
    ``(1 + log tf) * idf`` with scikit-learn's smoothed idf, rows L2-normalised
    (as ``TfidfVectorizer`` does). Distinct terms per row fall slightly below
    the draws, so the stored density is a little under ``density``.

    Parameters
    ----------
    n_samples, n_features : int
        Shape of ``X``.
    density : float, default=0.005
        Term draws per row over ``n_features``.
    minority_fraction : float, default=0.1
        Share of rows labelled 1.
    random_state : int, default=0
        Seed; the data are the same for the same arguments.

    Returns
    -------
    X : scipy.sparse.csr_matrix of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = make_sparse_tfidf(1_000, 500, density=0.02)
    >>> X.format, X.shape, int(y.sum())
    ('csr', (1000, 500), 100)
    """
    from scipy import sparse

    rng = np.random.RandomState(random_state)
    y = np.zeros(n_samples, dtype=np.int64)
    y[rng.permutation(n_samples)[: int(round(minority_fraction * n_samples))]] = 1
    per_row = np.maximum(rng.poisson(density * n_features, size=n_samples), 1)
    rows = np.repeat(np.arange(n_samples), per_row)
    weights = 1.0 / (np.arange(n_features) + 10.0)
    terms = rng.choice(n_features, size=rows.size, p=weights / weights.sum())
    shifted = (y[rows] == 1) & (rng.rand(rows.size) < 0.2)
    terms[shifted] = rng.permutation(n_features)[terms[shifted]]
    counts = sparse.csr_matrix((np.ones(rows.size), (rows, terms)), shape=(n_samples, n_features))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=n_features)
    idf = np.log((1.0 + n_samples) / (1.0 + df)) + 1.0
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.add.reduceat(counts.data**2, counts.indptr[:-1]))
    counts.data /= np.repeat(norms, np.diff(counts.indptr))
    return counts, y
