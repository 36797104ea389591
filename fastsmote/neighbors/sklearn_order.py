"""Neighbour lists exactly as imbalanced-learn gets them from scikit-learn.

imbalanced-learn asks a ``NearestNeighbors(n_neighbors=k + 1)`` fitted on some
rows for the neighbours of some of those same rows, and drops the first
column as "self". Where distances are distinct that is the exact k nearest,
self excluded: what fastsmote's backends compute. Where they tie (duplicate
rows, integer data) or nearly tie (within scikit-learn's own rounding), the
list depends on how scikit-learn searched. This module finds those rows and
gives them scikit-learn's answer:

* scikit-learn's KD-tree (dense, at most 15 features, ``n_neighbors <
  n_samples // 2``) answers each query row on its own, whatever else is in the
  batch: the ambiguous rows are asked of a KD-tree built as imbalanced-learn
  builds it.
* its brute force (``ArgKmin``, dense float data) ranks rows by values it
  computes with a BLAS product per pair of 256-row chunks, and pushes them in
  index order onto bounded heaps, per thread when the query batch is small;
  the ambiguous rows are replayed by
  :func:`~fastsmote._kernels.sklearn_heap.argkmin_replay` on those very values
  (:func:`~fastsmote.neighbors.sklearn_blas.exact_heap_values`: the products
  as in-order FMA chains where this machine's BLAS sums a chunk's shape that
  way, else the BLAS product of scikit-learn's own chunks), so every
  comparison, ties and rounding included, comes out as in scikit-learn.
* anything else (sparse or integer-typed input, more than 15 neighbours)
  gets scikit-learn's own search, the only answer identical by construction:
  for brute force on just the query chunks that hold those rows (``ArgKmin``
  computes each chunk alike whatever the others hold), else on
  imbalanced-learn's whole batch.

Small searches, and data whose rows mostly repeat, ask scikit-learn outright
(:func:`scikit_learn_is_cheaper`): the search imbalanced-learn's call runs,
without the estimator's validation of arrays already validated.
:class:`OrderReport` counts the rows resolved each way (the tests read it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn import get_config as sklearn_config
from sklearn.metrics._pairwise_distances_reduction import ArgKmin
from sklearn.neighbors import KDTree, NearestNeighbors
from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

from .._config import get_config
from .._kernels.integers import all_integers
from .._kernels.sklearn_heap import argkmin_replay
from .sklearn_blas import blas_share, chains_cover, exact_heap_values, sklearn_row_norms

_U = 2.0**-53

#: scikit-learn's squared distance |q|^2 - 2 q.r + |r|^2 (two dot products of
#: d terms, then two additions) is within (d + 2) u (|q| + |r|)^2 of exact
#: (Cauchy-Schwarz bounds the dot product's sum of |products|); its KD-tree's
#: direct sum within (d + 1) u times the distance. With a 25 % margin:
_ERROR_PER_TERM = 1.25 * _U

#: scikit-learn sorts a heap with an insertion sort up to this size, the sort
#: the replay reproduces; beyond it an introsort the replay does not model.
MAX_REPLAY_NEIGHBORS = 15


@dataclass
class OrderReport:
    """How many query rows needed scikit-learn's order, and how it was found."""

    ambiguous: int = 0
    kd_tree: int = 0
    replayed: int = 0
    sklearn_batches: int = 0


def imblearn_order_enabled() -> bool:
    """Whether samplers reproduce imbalanced-learn's neighbour lists (the default)."""
    return get_config()["neighbor_order"] == "imblearn"


def resolves_ties(nn) -> bool:
    """Whether searches with the fastsmote backend ``nn`` return imbalanced-learn's
    lists (the default order and an exact backend), which must then be asked
    batch by batch as imbalanced-learn asks them."""
    return imblearn_order_enabled() and bool(getattr(nn, "is_exact", False))


def sklearn_method(n_fit: int, n_features: int, n_neighbors: int, X) -> str:
    """How ``NearestNeighbors(n_neighbors)`` (defaults otherwise) searches ``X``:
    ``"kd_tree"``, ``"argkmin"`` (brute force, dense float) or ``"other"``."""
    if sparse.issparse(X):
        return "other"
    if n_features > 15 or n_neighbors >= n_fit // 2:
        dtype = getattr(X, "dtype", None)
        if dtype in (np.float32, np.float64):
            return "argkmin"
        return "other"
    return "kd_tree"


def _ambiguous(method, norms, rows, nn_dist, nn_ind, n_neighbors, exact_arith):
    """Rows whose first ``n_neighbors`` (self first) could come out in another
    order, or with another member, in scikit-learn's search."""
    n_rows = rows.shape[0]
    sq = np.empty((n_rows, n_neighbors + 1))
    sq[:, 0] = 0.0
    sq[:, 1:] = np.square(nn_dist[:, :n_neighbors])
    gaps = np.diff(sq, axis=1)
    if exact_arith:
        return (gaps <= 0).any(axis=1)
    # scikit-learn's error and that of fastsmote's own distances (a direct sum,
    # then a square root and its square): twice the per-term bound.
    coef = 2.0 * (norms.n_features + 3) * _ERROR_PER_TERM
    if method == "kd_tree":
        # The tree sums squared differences: error relative to the distance.
        err = coef * sq + 1e-300
    else:
        # The norm expansion |q|^2 - 2 q.r + |r|^2: error relative to the norms.
        row_norms = norms.values
        r_norm = np.empty_like(sq)
        r_norm[:, 0] = row_norms[rows]
        filled = nn_ind[:, :n_neighbors]
        r_norm[:, 1:] = np.where(filled >= 0, row_norms[np.maximum(filled, 0)], 0.0)
        err = coef * (row_norms[rows][:, None] + r_norm) ** 2
    with np.errstate(invalid="ignore"):
        return ~(gaps > err[:, :-1] + err[:, 1:]).all(axis=1)


@dataclass
class _Norms:
    values: np.ndarray
    n_features: int


def _row_norms(X, X_kernel) -> _Norms:
    if X_kernel is not None:
        values = np.sqrt(np.einsum("ij,ij->i", X_kernel, X_kernel, dtype=np.float64))
    else:
        values = np.sqrt(np.asarray(X.multiply(X).sum(axis=1), dtype=np.float64).ravel())
    return _Norms(values, X.shape[1])


def _is_exact_arith(X_kernel) -> bool:
    """Whether every value is an integer small enough that scikit-learn's
    squared distances (any summation order) are exact."""
    if X_kernel.size == 0:
        return True
    if not all_integers(np.ascontiguousarray(X_kernel)):
        return False
    largest = max(float(X_kernel.max()), -float(X_kernel.min()))
    return 4.0 * X_kernel.shape[1] * largest * largest < 2.0**52


def _thread_bounds(n_batch: int, n_fit: int) -> tuple[np.ndarray, bool]:
    """Reference ranges of scikit-learn's threads for ``ArgKmin`` on this batch,
    and whether it runs ``parallel_on_Y``."""
    config = sklearn_config()
    chunk = int(config.get("pairwise_dist_chunk_size", 256))
    n_threads = _openmp_effective_n_threads()
    # NearestNeighbors.kneighbors passes strategy="auto" itself: no setting
    # overrides scikit-learn's own choice.
    if n_fit < n_batch or 4 * chunk * n_threads < n_batch:
        strategy = "parallel_on_X"
    else:
        strategy = "parallel_on_Y"
    if strategy == "parallel_on_X":
        return np.array([0, n_fit], dtype=np.int64), False
    y_chunk = min(n_fit, chunk)
    n_chunks = -(-n_fit // y_chunk)
    team = min(n_chunks, n_threads)
    # OpenMP's static schedule: contiguous blocks, the first ones one longer.
    q, r = divmod(n_chunks, team)
    starts = [t * q + min(t, r) for t in range(team)] + [n_chunks]
    return np.minimum(np.array(starts, dtype=np.int64) * y_chunk, n_fit), True


def _repeated_rows(X) -> int:
    """About how many rows repeat an earlier one: rows are told apart by one
    random projection (distinct rows collide with probability zero in
    practice; the count only steers a cost estimate)."""
    direction = np.random.default_rng(0).standard_normal(X.shape[1])
    with np.errstate(all="ignore"):
        keys = np.asarray(X, dtype=np.float64) @ direction
    return int(X.shape[0] - np.unique(keys).size)


#: From this share of the batch's rows whose chunks would need the BLAS
#: product (one thread here), scikit-learn's own search of those chunks (on all
#: threads) is cheaper than the replay.
BLAS_SHARE = 0.5

#: The most heap values one block of the replay holds (4M float64: 32 MiB),
#: whatever the rows.
REPLAY_BLOCK_VALUES = 1 << 22


_FAITHFUL: list = []


def replay_is_faithful() -> bool:
    """Whether :func:`_replay` gives the installed scikit-learn's lists, checked
    once per process on a small table of ties, duplicates and near-ties (both
    of its parallel strategies). The replay models scikit-learn 1.9's
    ``ArgKmin`` (its value ``max(0, (|q|^2 + m) + |r|^2)``, heaps, merge and
    sort); should another release rank otherwise, the ambiguous rows go to
    its own search instead, and the output stays identical."""
    if not _FAITHFUL:
        rng = np.random.RandomState(0)
        n = 2_100  # all rows: over 4 chunks x 2 threads, parallel_on_X on two cores
        X = rng.randint(0, 4, size=(n, 20)) * 0.1 + rng.randint(0, 3, size=(n, 1)) * 100.0
        X[:70] = X[70:140]
        faithful = True
        for batch in (np.arange(0, n, 7), np.arange(n)):  # parallel_on_Y, then on_X
            want = ArgKmin.compute(
                X=np.ascontiguousarray(X[batch]),
                Y=X,
                k=5,
                metric="euclidean",
                metric_kwargs={},
                strategy="auto",
                return_distance=False,
            )
            got = _replay(X, batch, np.arange(batch.size), 5)
            faithful = faithful and bool(np.array_equal(got, want))
        _FAITHFUL.append(faithful)
    return _FAITHFUL[0]


def _replay(X_kernel, batch, positions, n_neighbors):
    """scikit-learn's brute-force lists of the queries ``batch[positions]``:
    its heaps replayed on the values it computes
    (:func:`~fastsmote.neighbors.sklearn_blas.exact_heap_values`), so every
    comparison comes out as in scikit-learn."""
    n_fit = X_kernel.shape[0]
    y_norms = sklearn_row_norms(X_kernel)
    bounds, on_y = _thread_bounds(batch.size, n_fit)
    order = np.argsort(positions, kind="stable")
    nn_ind = np.empty((positions.size, n_neighbors), dtype=np.int64)
    block = max(1, REPLAY_BLOCK_VALUES // max(n_fit, 1))
    for start in range(0, positions.size, block):
        which = order[start : start + block]
        values = exact_heap_values(X_kernel, batch, positions[which], y_norms)
        nn_ind[which] = argkmin_replay(values, n_neighbors, bounds, on_y)
    return nn_ind


def imblearn_lists(X, X_kernel, rows, n_neighbors, nn_dist, nn_ind, batch=None, report=None):
    """imbalanced-learn's neighbour lists for the rows ``rows`` of ``X``.

    That is ``NearestNeighbors(n_neighbors).fit(X).kneighbors(X[batch])[:, 1:]``
    at the positions of ``rows`` in ``batch``, computed from fastsmote's exact
    lists and scikit-learn's help only where those can differ.

    Parameters
    ----------
    X : array-like or sparse matrix of shape (n_fit, n_features)
        The fitted rows as imbalanced-learn passes them (its dtype decides
        scikit-learn's search).
    X_kernel : ndarray of shape (n_fit, n_features)
        ``X`` as fastsmote's backends hold it (C-contiguous float), or None for
        sparse ``X``.
    rows : ndarray of int64
        The query rows (positions in ``X``), a subset of ``batch``.
    n_neighbors : int
        scikit-learn's ``n_neighbors`` (self included).
    nn_dist, nn_ind : ndarray of shape (len(rows), >= n_neighbors)
        fastsmote's exact lists of ``rows``: self excluded by index, ties by
        index, at least ``n_neighbors`` columns (one more than returned).
    batch : ndarray of int64, default=None
        imbalanced-learn's query batch; ``None`` means ``rows``.
    report : OrderReport, default=None
        Counts updated in place.

    Returns
    -------
    nn_ind : ndarray of shape (len(rows), n_neighbors - 1), int64
    """
    rows = np.asarray(rows, dtype=np.int64)
    out = np.ascontiguousarray(nn_ind[:, : n_neighbors - 1], dtype=np.int64)
    if rows.size == 0:
        return out
    n_fit, n_features = X.shape
    method = sklearn_method(n_fit, n_features, n_neighbors, X)
    exact_arith = X_kernel is not None and method == "argkmin" and _is_exact_arith(X_kernel)
    norms = _row_norms(X, X_kernel)
    ambiguous = _ambiguous(method, norms, rows, nn_dist, nn_ind, n_neighbors, exact_arith)
    todo = np.flatnonzero(ambiguous)
    if report is not None:
        report.ambiguous += int(todo.size)
    if todo.size == 0:
        return out
    out[todo] = resolved_lists(X, X_kernel, rows[todo], n_neighbors, batch, report)
    return out


def resolved_lists(X, X_kernel, rows, n_neighbors, batch=None, report=None):
    """imbalanced-learn's lists for ``rows``, which its search may order
    otherwise than by (distance, index): scikit-learn's KD-tree on just those
    rows, the brute-force replay on its own values, or its search of the
    chunks that hold them.

    Parameters are :func:`imblearn_lists`'s (``batch`` holds ``rows``;
    ``None`` means ``rows``).

    Returns
    -------
    nn_ind : ndarray of shape (len(rows), n_neighbors - 1), int64
    """
    rows = np.asarray(rows, dtype=np.int64)
    n_fit, n_features = X.shape
    method = sklearn_method(n_fit, n_features, n_neighbors, X)
    if method == "kd_tree":
        if report is not None:
            report.kd_tree += int(rows.size)
        return sklearn_lists(X, rows, n_neighbors)
    batch = rows if batch is None else np.asarray(batch, dtype=np.int64)
    positions = positions_in(batch, rows)
    replayable = (
        n_neighbors <= MAX_REPLAY_NEIGHBORS and X_kernel is not None and replay_is_faithful()
    )
    if (
        method == "argkmin"
        and replayable
        and blas_share(batch.size, n_fit, n_features, positions) < BLAS_SHARE
    ):
        if report is not None:
            report.replayed += int(rows.size)
        return _replay(X_kernel, batch, positions, n_neighbors)[:, 1:]
    # scikit-learn's own search on imbalanced-learn's batch: identical by construction.
    if report is not None:
        report.sklearn_batches += 1
    nn = NearestNeighbors(n_neighbors=n_neighbors).fit(X)
    if method == "argkmin":
        return _argkmin_chunks(nn, X, batch, positions)[:, 1:]
    return nn.kneighbors(X[batch], return_distance=False)[positions, 1:]


def _argkmin_chunks(nn, X, batch, positions):
    """scikit-learn's brute-force lists of ``batch[positions]``, searching only
    the chunks of ``batch`` that hold them.

    ``ArgKmin`` cuts the query batch into chunks of ``pairwise_dist_chunk_size``
    rows and computes each chunk against each reference chunk with the same
    products, whatever the other chunks hold; asked the same chunks with the
    batch's own parallel strategy, it returns the same lists for them.
    """
    config = sklearn_config()
    chunk = int(config.get("pairwise_dist_chunk_size", 256))
    n_batch = batch.size
    _, on_y = _thread_bounds(n_batch, X.shape[0])
    if n_batch <= chunk:
        return nn.kneighbors(X[batch], return_distance=False)[positions]
    chunk_ids = np.unique(positions // chunk)
    starts = chunk_ids * chunk
    sub = np.concatenate([np.arange(s, min(s + chunk, n_batch)) for s in starts])
    # NearestNeighbors.kneighbors's own call, with the full batch's strategy.
    lists = ArgKmin.compute(
        X=np.ascontiguousarray(X[batch[sub]]),
        Y=nn._fit_X,
        k=nn.n_neighbors,
        metric=nn.effective_metric_,
        metric_kwargs=nn.effective_metric_params_,
        strategy="parallel_on_Y" if on_y else "parallel_on_X",
        return_distance=False,
    )
    return lists[np.searchsorted(sub, positions)]


#: Up to this many query x fitted pairs (about 2,200 x 2,200 rows) real tables
#: were no faster searched by fastsmote and resolved apart than by asking
#: scikit-learn outright (tools/measure_real.py and ENN, TomekLinks and
#: Borderline-SMOTE on hypothyroid, kc1, digits and ada at 1, 5 and 20
#: million, 2026-12-01: below it a second search and the tie resolution cost
#: what they save), so they ask.
SMALL_SEARCH_PAIRS = 5_000_000

#: From this share of rows that repeat, most lists need scikit-learn's answer
#: anyway (a row with a copy ties with itself).
REPEATED_SHARE = 0.25


def scikit_learn_is_cheaper(X, n_batch: int, n_neighbors: int) -> bool:
    """Whether to ask scikit-learn for imbalanced-learn's lists outright: small
    searches, and data where most rows repeat, or some where scikit-learn's
    values need its own chunk products (dense float data only; the answer is
    the same either way)."""
    if sparse.issparse(X) or getattr(X, "dtype", None) not in (np.float32, np.float64):
        return False
    n_fit = X.shape[0]
    if n_batch * n_fit <= SMALL_SEARCH_PAIRS:
        return True
    if sklearn_method(n_fit, X.shape[1], n_neighbors, X) != "argkmin":
        return False
    share = REPEATED_SHARE
    if not chains_cover(n_batch, n_fit, X.shape[1]):
        # Every repeated row is ambiguous; here each costs a whole chunk.
        share = AMBIGUOUS_SHARE_WITHOUT_CHAINS
    return _repeated_rows(X) >= share * n_fit / 2


#: Query rows searched first to estimate how many lists are ambiguous, and the
#: share from which asking scikit-learn outright is cheaper than resolving.
PROBE_ROWS = 64
AMBIGUOUS_SHARE = 0.3

#: The same where this BLAS does not sum scikit-learn's full chunks as FMA
#: chains: each ambiguous row then costs its whole 256-row chunk's products,
#: and one in a hundred touches nearly every chunk (searched on a probe four
#: times larger).
AMBIGUOUS_SHARE_WITHOUT_CHAINS = 0.01


def mostly_ambiguous(nn_fitted, X, rows, n_neighbors) -> bool:
    """Whether most lists of ``rows`` would need scikit-learn's answer anyway,
    judged on an evenly spaced sample of them (integer tables with few
    distinct values: every distance ties), or enough of them that resolving
    them costs scikit-learn's whole search."""
    if rows.size <= 4 * PROBE_ROWS or sparse.issparse(X):
        return False
    if getattr(X, "dtype", None) not in (np.float32, np.float64):
        return False
    n_fit = X.shape[0]
    if n_neighbors > n_fit - 1:
        return False
    method = sklearn_method(n_fit, X.shape[1], n_neighbors, X)
    chains = method != "argkmin" or chains_cover(rows.size, n_fit, X.shape[1])
    # A rare share needs a larger sample to be seen.
    n_probe = PROBE_ROWS if chains else 4 * PROBE_ROWS
    probe = rows[:: max(1, rows.size // n_probe)]
    nn_dist, nn_ind = nn_fitted.kneighbors_of_rows(probe, n_neighbors)
    fit_X = nn_fitted._fit_X
    exact_arith = method == "argkmin" and _is_exact_arith(fit_X)
    norms = _row_norms(X, fit_X)
    share = _ambiguous(method, norms, probe, nn_dist, nn_ind, n_neighbors, exact_arith).mean()
    if not chains:
        return share >= AMBIGUOUS_SHARE_WITHOUT_CHAINS
    return share >= AMBIGUOUS_SHARE


def sklearn_lists(X, batch, n_neighbors):
    """imbalanced-learn's own query: ``NearestNeighbors(n_neighbors).fit(X)
    .kneighbors(X[batch])[:, 1:]``.

    For a dense float array, the search that call runs, asked directly
    (``ArgKmin`` for brute force, a ``KDTree`` with the default leaf size)
    without the estimator's validation of arrays already validated.
    """
    method = sklearn_method(X.shape[0], X.shape[1], n_neighbors, X)
    if isinstance(X, np.ndarray) and X.dtype in (np.float32, np.float64) and method != "other":
        Y = np.ascontiguousarray(X)  # NearestNeighbors validates with order="C"
        queries = np.ascontiguousarray(Y[batch])
        if method == "argkmin":
            ind = ArgKmin.compute(
                X=queries,
                Y=Y,
                k=n_neighbors,
                metric="euclidean",
                metric_kwargs={},
                strategy="auto",
                return_distance=False,
            )
        else:
            tree = KDTree(Y, NearestNeighbors().leaf_size, metric="euclidean")
            ind = tree.query(queries, n_neighbors, return_distance=False)
    else:
        nn = NearestNeighbors(n_neighbors=n_neighbors).fit(X)
        ind = nn.kneighbors(X[batch], return_distance=False)
    return np.ascontiguousarray(ind[:, 1:], dtype=np.int64)


def unambiguous(X, rows, nn_ind, n_neighbors, n_fit) -> np.ndarray:
    """Which ``rows`` of dense ``X`` have lists that scikit-learn's search among
    ``n_fit`` rows (some of them) returns unchanged, tie order included.

    ``nn_ind`` holds each row's exact neighbours (self excluded, sorted by
    distance then index) among those rows, ``n_neighbors`` columns (one more
    than imbalanced-learn keeps; -1 where a list is short, which counts as
    ambiguous). The test is :func:`imblearn_lists`'s, computed from the rows
    themselves.
    """
    rows = np.asarray(rows, dtype=np.int64)
    ok = np.zeros(rows.size, dtype=np.bool_)
    if rows.size == 0:
        return ok
    complete = (nn_ind[:, :n_neighbors] >= 0).all(axis=1)
    method = sklearn_method(n_fit, X.shape[1], n_neighbors, X)
    norms = _row_norms(X, X)
    for start in range(0, rows.size, 65_536):
        block = slice(start, start + 65_536)
        ind = np.maximum(nn_ind[block, :n_neighbors], 0)
        diff = X[ind] - X[rows[block], None, :]
        dist = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff, dtype=np.float64))
        # Not exact arithmetic here: near-ties count as ties (the safe side).
        ok[block] = ~_ambiguous(method, norms, rows[block], dist, ind, n_neighbors, False)
    return ok & complete


def positions_in(batch, rows):
    """Positions of ``rows`` in ``batch`` (distinct indices, each row among them)."""
    order = np.argsort(batch, kind="stable")
    return order[np.searchsorted(batch[order], rows)]


def asks_scikit_learn(nn_fitted, X, rows, n_neighbors, n_batch) -> bool:
    """Whether imbalanced-learn's lists for ``rows`` (of a query batch of
    ``n_batch`` rows) are cheaper asked of scikit-learn outright than searched
    and resolved apart: small searches, mostly repeated rows, or a probe that
    finds most lists ambiguous."""
    return scikit_learn_is_cheaper(X, n_batch, n_neighbors) or mostly_ambiguous(
        nn_fitted, X, rows, n_neighbors
    )


def imblearn_neighbors(
    nn_fitted, X, rows, n_neighbors, all_rows=False, batch=None, ask_first=True, report=None
):
    """imbalanced-learn's ``kneighbors(X[batch])[:, 1:]`` at ``rows``, from a
    fitted fastsmote backend.

    Parameters
    ----------
    nn_fitted : BaseNeighbors
        A fastsmote backend fitted on ``X``.
    X : array-like or sparse matrix
        The fitted rows as imbalanced-learn passes them.
    rows : ndarray of int64
        The query rows (positions in ``X``).
    n_neighbors : int
        scikit-learn's ``n_neighbors`` (self included).
    all_rows : bool, default=False
        ``rows`` is every row in order: use the all-points search.
    batch : ndarray of int64, default=None
        imbalanced-learn's query batch, holding ``rows``; ``None`` means ``rows``.
    ask_first : bool, default=True
        Ask scikit-learn outright where :func:`asks_scikit_learn` says so (a
        caller querying one batch in parts decides once, for the batch).
    report : OrderReport, default=None

    Returns
    -------
    nn_ind : ndarray of shape (len(rows), n_neighbors - 1), int64
        imbalanced-learn's lists under the default ``neighbor_order``; with
        ``"index"`` (or an approximate backend), self excluded by index and
        ties broken by index.
    """
    rows = np.asarray(rows, dtype=np.int64)
    batch = rows if batch is None else np.asarray(batch, dtype=np.int64)
    n_fit = X.shape[0]
    if hasattr(nn_fitted, "expect_queries"):
        nn_fitted.expect_queries(rows.size)
    resolve = resolves_ties(nn_fitted)
    if resolve and ask_first and asks_scikit_learn(nn_fitted, X, rows, n_neighbors, batch.size):
        if report is not None:
            report.sklearn_batches += 1
        lists = sklearn_lists(X, batch, n_neighbors)
        return lists if batch is rows else lists[positions_in(batch, rows)]
    # One neighbour more than returned shows whether the last one is tied.
    width = min(n_neighbors if resolve else n_neighbors - 1, n_fit - 1)
    if width == 0:
        return np.zeros((rows.size, 0), dtype=np.int64)
    if all_rows:
        nn_dist, nn_ind = nn_fitted.kneighbors(None, width)
    else:
        nn_dist, nn_ind = nn_fitted.kneighbors_of_rows(rows, width)
    if not resolve:
        return np.ascontiguousarray(nn_ind[:, : n_neighbors - 1], dtype=np.int64)
    if width < n_neighbors:
        nn_dist = np.hstack([nn_dist, np.full((rows.size, 1), np.inf)])
        nn_ind = np.hstack([nn_ind, np.full((rows.size, 1), -1, dtype=np.int64)])
    fit_X = getattr(nn_fitted, "_fit_X", None)
    X_kernel = fit_X if isinstance(fit_X, np.ndarray) and not sparse.issparse(X) else None
    return imblearn_lists(X, X_kernel, rows, n_neighbors, nn_dist, nn_ind, batch, report)
