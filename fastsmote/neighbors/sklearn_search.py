"""scikit-learn's own neighbour search, as ``NearestNeighbors`` runs it: which
method it picks, its answer asked directly, and its brute force replayed.

Its brute force (``ArgKmin``, dense float data) ranks rows by values it
computes with a BLAS product per pair of 256-row chunks and pushes them in
index order onto bounded heaps, per thread when the query batch is small.
:func:`replay` reproduces that on the very values
(:func:`~fastsmote.neighbors.sklearn_blas.exact_heap_values`), so every
comparison, ties and rounding included, comes out as in scikit-learn.
"""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse
from sklearn import get_config as sklearn_config
from sklearn.metrics._pairwise_distances_reduction import ArgKmin
from sklearn.neighbors import KDTree, NearestNeighbors
from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

from .._kernels.sklearn_heap import argkmin_replay
from .sklearn_blas import exact_heap_values, sklearn_row_norms

#: scikit-learn sorts a heap with an insertion sort up to this size, the sort
#: the replay reproduces; beyond it an introsort the replay does not model.
MAX_REPLAY_NEIGHBORS = 15


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


def sklearn_tree(X) -> KDTree:
    """The ``KDTree`` ``NearestNeighbors`` builds on the dense float rows ``X``."""
    return KDTree(np.ascontiguousarray(X), NearestNeighbors().leaf_size, metric="euclidean")


def sklearn_lists(X, batch, n_neighbors, tree=None, n_threads=1):
    """imbalanced-learn's own query: ``NearestNeighbors(n_neighbors).fit(X)
    .kneighbors(X[batch])[:, 1:]``.

    For a dense float array, the search that call runs, asked directly
    (``ArgKmin`` for brute force, a ``KDTree`` with the default leaf size:
    ``tree`` when given, from :func:`sklearn_tree` on ``X``) without the
    estimator's validation of arrays already validated. The tree's queries
    run on ``n_threads`` threads, in even slices of the batch as
    ``NearestNeighbors(n_jobs=n_threads)`` runs them (each row's answer is
    its own, whatever the slice).
    """
    method = sklearn_method(X.shape[0], X.shape[1], n_neighbors, X)
    if isinstance(X, np.ndarray) and X.dtype in (np.float32, np.float64) and method != "other":
        ind = _dense_search(X, batch, n_neighbors, method, tree, False, n_threads)
    else:
        nn = NearestNeighbors(n_neighbors=n_neighbors).fit(X)
        ind = nn.kneighbors(X[batch], return_distance=False)
    return np.ascontiguousarray(ind[:, 1:], dtype=np.int64)


#: Query rows per thread below which a KD-tree batch stays on one thread.
TREE_ROWS_PER_THREAD = 128

_POOL: list = []


def _tree_query(tree, queries, n_neighbors, return_distance, n_threads):
    """``tree.query`` on ``n_threads`` threads (it releases the GIL), the
    slices' answers stacked in order.

    Each thread queries its own shallow copy of the tree (the same arrays): a
    query counts the nodes it visits in the tree object, and threads sharing
    one object contend on those counters (integer_columns' 1,721 minority
    rows: 34 ms on one thread, 46 on two sharing a tree, 19 on two copies).
    """
    n_threads = min(n_threads, queries.shape[0] // TREE_ROWS_PER_THREAD)
    if n_threads <= 1:
        return tree.query(queries, n_neighbors, return_distance=return_distance)
    if not _POOL or _POOL[0]._max_workers < n_threads:
        _POOL[:] = [ThreadPoolExecutor(max_workers=n_threads)]
    trees = [tree] + [copy.copy(tree) for _ in range(n_threads - 1)]
    parts = list(
        _POOL[0].map(
            lambda job: job[0].query(job[1], n_neighbors, return_distance=return_distance),
            zip(trees, np.array_split(queries, n_threads), strict=True),
        )
    )
    if return_distance:
        return np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts])
    return np.vstack(parts)


def _dense_search(X, batch, n_neighbors, method, tree, return_distance, n_threads=1):
    Y = np.ascontiguousarray(X)  # NearestNeighbors validates with order="C"
    queries = np.ascontiguousarray(Y[batch])
    if method == "argkmin":
        return ArgKmin.compute(
            X=queries,
            Y=Y,
            k=n_neighbors,
            metric="euclidean",
            metric_kwargs={},
            strategy="auto",
            return_distance=return_distance,
        )
    if tree is None:
        tree = sklearn_tree(Y)
    return _tree_query(tree, queries, n_neighbors, return_distance, n_threads)


def sklearn_neighbors_of_rows(X, rows, n_neighbors, tree=None):
    """scikit-learn's ``n_neighbors`` nearest rows of each of ``rows`` among the
    dense float rows ``X``, with their distances, each row excluded by index
    (its list one longer, less the row, or less the last where a duplicate
    pushed the row out): scikit-learn's lists in the shape of fastsmote's.

    Returns
    -------
    nn_dist : ndarray of shape (len(rows), n_neighbors), float64
    nn_ind : ndarray of shape (len(rows), n_neighbors), int64
    """
    method = sklearn_method(X.shape[0], X.shape[1], n_neighbors + 1, X)
    dist, ind = _dense_search(X, rows, n_neighbors + 1, method, tree, return_distance=True)
    is_self = ind == np.asarray(rows)[:, None]
    drop = np.where(is_self.any(axis=1), is_self.argmax(axis=1), n_neighbors)
    keep = np.ones(ind.shape, dtype=np.bool_)
    keep[np.arange(ind.shape[0]), drop] = False
    shape = (ind.shape[0], n_neighbors)
    return (
        np.asarray(dist, dtype=np.float64)[keep].reshape(shape),
        np.asarray(ind, dtype=np.int64)[keep].reshape(shape),
    )


def thread_bounds(n_batch: int, n_fit: int) -> tuple[np.ndarray, bool]:
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


#: The most heap values one block of the replay holds (4M float64: 32 MiB),
#: whatever the rows.
REPLAY_BLOCK_VALUES = 1 << 22


_FAITHFUL: list = []


def replay_is_faithful() -> bool:
    """Whether :func:`replay` gives the installed scikit-learn's lists, checked
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
            got = replay(X, batch, np.arange(batch.size), 5)
            faithful = faithful and bool(np.array_equal(got, want))
        _FAITHFUL.append(faithful)
    return _FAITHFUL[0]


def replay(X_kernel, batch, positions, n_neighbors, y_norms=None):
    """scikit-learn's brute-force lists of the queries ``batch[positions]``:
    its heaps replayed on the values it computes
    (:func:`~fastsmote.neighbors.sklearn_blas.exact_heap_values`), so every
    comparison comes out as in scikit-learn."""
    n_fit = X_kernel.shape[0]
    if y_norms is None:
        y_norms = sklearn_row_norms(X_kernel)
    bounds, on_y = thread_bounds(batch.size, n_fit)
    order = np.argsort(positions, kind="stable")
    nn_ind = np.empty((positions.size, n_neighbors), dtype=np.int64)
    block = max(1, REPLAY_BLOCK_VALUES // max(n_fit, 1))
    for start in range(0, positions.size, block):
        which = order[start : start + block]
        values = exact_heap_values(X_kernel, batch, positions[which], y_norms)
        nn_ind[which] = argkmin_replay(values, n_neighbors, bounds, on_y)
    return nn_ind


def argkmin_chunks(nn, X, batch, positions):
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
    _, on_y = thread_bounds(n_batch, X.shape[0])
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
