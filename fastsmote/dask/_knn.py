"""Distributed nearest-neighbour search over row-chunked Dask arrays.

Three searches, all built from the single-machine backends and kernels:

* :func:`query_chunks`: a small query set (a class's rows) broadcast against
  every chunk of ``X`` (Borderline-SMOTE, ADASYN). Each chunk returns its
  top candidates with exact float64 squared distances (the shared per-pair
  kernel, through ``rank_candidates``) and global indices; a tree of merges
  keeps the best by (distance, global index), the single-machine tie rule.
* :func:`join_chunks`: every row against every row (Tomek links, ENN), a
  block nested-loop join: one task per (query chunk, group of reference
  chunks), then one merge per query chunk. Exact.
* :func:`partitioned_search`: the approximate mode. A top tree (median splits
  along principal axes of a sample) sends rows to spatial leaves; each leaf is
  searched exactly on its own. Rows near a leaf boundary may miss neighbours
  in the next leaf, and the result depends on the tree, so it is approximate
  and reported as such.

Per-chunk results carry the neighbours' class codes, so no task ever needs
the labels of rows it does not hold.
"""

from __future__ import annotations

import numpy as np

from .._kernels.rerank import rank_candidates
from .._threads import numba_threads
from ..neighbors import make_backend
from ..neighbors.base import as_kernel_array
from ._graph import task

#: Parts merged per task in the reduction tree of :func:`query_chunks`.
MERGE_FAN_IN = 8

#: Index that sorts after every real one (empty slots).
_NO_INDEX = np.iinfo(np.int64).max


def chunk_topk(Q, R, offset, codes, k, nn_backend, n_jobs):
    """Top-``k`` rows of the chunk ``R`` for each query row, with exact distances.

    Parameters
    ----------
    Q : ndarray of shape (n_queries, n_features)
    R : ndarray of shape (n_rows, n_features)
        One chunk (or group of chunks) of the reference rows, in global order.
    offset : int
        Global index of ``R``'s first row.
    codes : ndarray of shape (n_rows,), int64
        Class codes of ``R``'s rows.
    k : int
        Candidates per query (capped at ``n_rows``).
    nn_backend : str or object
        The single-machine backend that finds the candidates.
    n_jobs : int or None
        Numba threads for the backend and the ranking.

    Returns
    -------
    sq_dist : ndarray (n_queries, k'), float64
        Exact squared distances (feature 0 to d-1, in float64: the same bits
        as the single-machine search), ascending.
    gidx : ndarray (n_queries, k'), int64
        Global indices; ties by the smaller index.
    nn_codes : ndarray (n_queries, k'), int64
    """
    n_q = Q.shape[0]
    k = min(k, R.shape[0])
    # Chunks may be empty (boolean filtering leaves some so): they contribute
    # no candidates, and check_array would refuse them.
    if k == 0 or n_q == 0:
        empty = np.empty((n_q, 0))
        return empty, empty.astype(np.int64), empty.astype(np.int64)
    R = as_kernel_array(R)
    Q = as_kernel_array(Q, dtype=R.dtype)
    nn = make_backend(nn_backend, k, n_jobs).fit(R)
    local = nn.kneighbors(Q, k, return_distance=False)
    # Backends return Euclidean distances; two different squared distances may
    # round to the same square root, so the merge ranks the exact squares.
    sq_dist = np.empty((n_q, k), dtype=np.float64)
    ranked = np.empty((n_q, k), dtype=np.int64)
    with numba_threads(n_jobs):
        rank_candidates(
            Q,
            R,
            np.ascontiguousarray(local, dtype=np.int32),
            np.full(n_q, -1, dtype=np.int64),
            sq_dist,
            ranked,
        )
    return sq_dist, ranked + offset, codes[ranked]


def merge_topk(parts, k, self_gidx=None):
    """Merge per-chunk candidate lists into the best ``k`` by (distance, index).

    ``self_gidx`` (one global index per query, or None) is removed from each
    query's list first: the single-machine search excludes a row from its own
    neighbours by index, never by position.

    Examples
    --------
    >>> a = (np.array([[1.0, 4.0]]), np.array([[7, 2]]), np.array([[0, 1]]))
    >>> b = (np.array([[1.0, 2.0]]), np.array([[3, 9]]), np.array([[1, 1]]))
    >>> merge_topk([a, b], 2)[1].tolist()
    [[3, 7]]
    """
    if parts and parts[0][0].shape[0] == 0:
        empty = np.empty((0, k))
        return empty, empty.astype(np.int64), empty.astype(np.int64)
    dist = np.concatenate([p[0] for p in parts], axis=1)
    gidx = np.concatenate([p[1] for p in parts], axis=1)
    codes = np.concatenate([p[2] for p in parts], axis=1)
    if self_gidx is not None:
        is_self = gidx == np.asarray(self_gidx)[:, None]
        dist = np.where(is_self, np.inf, dist)
        gidx = np.where(is_self, _NO_INDEX, gidx)
    order = np.lexsort((gidx, dist), axis=-1)[:, :k]
    return (
        np.take_along_axis(dist, order, axis=1),
        np.take_along_axis(gidx, order, axis=1),
        np.take_along_axis(codes, order, axis=1),
    )


def _merge_keep(parts, k):
    return merge_topk(parts, k)


def query_chunks(client, Q, Q_gidx, X_blocks, code_blocks, offsets, k, nn_backend, n_jobs):
    """Exact ``k`` nearest rows of ``X`` for each query row, excluding itself.

    Parameters
    ----------
    client : distributed.Client
    Q : ndarray (n_queries, n_features)
        The query rows (broadcast to every worker).
    Q_gidx : ndarray (n_queries,), int64
        Global index of each query row in ``X`` (excluded from its own list).
    X_blocks, code_blocks : list of Delayed
        The row chunks of ``X`` and of the class codes.
    offsets : ndarray
        Global index of each chunk's first row.
    k : int

    Returns
    -------
    gidx, nn_codes : ndarray (n_queries, k), int64
        Computed (eager): the callers' plans depend on them.
    """
    [Q_future] = client.scatter([Q], broadcast=True, hash=False)
    topk_task = task(chunk_topk)
    # k + 1 per chunk: a chunk may hold the query row itself.
    parts = [
        topk_task(Q_future, X_b, int(off), c_b, k + 1, nn_backend, n_jobs)
        for X_b, c_b, off in zip(X_blocks, code_blocks, offsets, strict=False)
    ]
    merge = task(_merge_keep)
    while len(parts) > MERGE_FAN_IN:
        parts = [
            merge(parts[i : i + MERGE_FAN_IN], k + 1) for i in range(0, len(parts), MERGE_FAN_IN)
        ]
    final = task(merge_topk)(parts, k, Q_gidx)
    _, gidx, nn_codes = client.compute(final, sync=True, optimize_graph=False)
    return gidx, nn_codes


def _concat(blocks):
    return np.concatenate(blocks) if len(blocks) > 1 else blocks[0]


def reference_groups(chunks, group_rows: int) -> list[list[int]]:
    """Consecutive chunk numbers grouped so that a group holds about ``group_rows`` rows.

    Examples
    --------
    >>> reference_groups((4, 4, 4, 4, 4), 8)
    [[0, 1], [2, 3], [4]]
    """
    groups, current, rows = [], [], 0
    for i, n in enumerate(chunks):
        if current and rows + n > group_rows:
            groups.append(current)
            current, rows = [], 0
        current.append(i)
        rows += n
    if current:
        groups.append(current)
    return groups


def join_chunks(X_blocks, code_blocks, chunks, k, nn_backend, n_jobs, group_rows):
    """Exact all-rows join: each row's ``k`` nearest other rows, lazily.

    Returns one Delayed per query chunk, each computing ``(gidx, nn_codes)``
    of shape (chunk rows, k) with the single-machine result: candidates by
    (squared distance, global index), each row excluded by index.
    """
    offsets = np.concatenate([[0], np.cumsum(chunks)]).astype(np.int64)
    concat = task(_concat)
    groups = reference_groups(chunks, group_rows)
    refs = [
        (
            concat([X_blocks[i] for i in g]),
            concat([code_blocks[i] for i in g]),
            int(offsets[g[0]]),
        )
        for g in groups
    ]
    topk_task = task(chunk_topk)
    merge = task(merge_topk)
    out = []
    for q, X_q in enumerate(X_blocks):
        self_gidx = np.arange(offsets[q], offsets[q + 1], dtype=np.int64)
        parts = [topk_task(X_q, R, off, c, k + 1, nn_backend, n_jobs) for R, c, off in refs]
        out.append(task(_gidx_codes)(merge(parts, k, self_gidx)))
    return out


def _gidx_codes(merged):
    return merged[1], merged[2]


# -- approximate mode: spatial partitions ----------------------------------------------
def build_top_tree(sample: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """Median splits along each node's principal axis, ``depth`` levels deep.

    Returns ``(directions, thresholds)`` for the ``2**depth - 1`` internal nodes
    in heap order (children of node ``i`` are ``2i+1`` and ``2i+2``).

    Examples
    --------
    >>> sample = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0]])
    >>> directions, thresholds = build_top_tree(sample, 1)
    >>> assign_leaves(sample, directions, thresholds, 1).tolist() in ([0, 0, 1, 1], [1, 1, 0, 0])
    True
    """
    sample = np.asarray(sample, dtype=np.float64)
    n_internal = 2**depth - 1
    directions = np.zeros((n_internal, sample.shape[1]))
    thresholds = np.zeros(n_internal)
    members = {0: np.arange(sample.shape[0])}
    for node in range(n_internal):
        rows = members.pop(node)
        part = sample[rows]
        if part.shape[0] >= 2:
            centered = part - part.mean(axis=0)
            # The principal axis: the direction of largest spread.
            _, vectors = np.linalg.eigh(centered.T @ centered)
            direction = vectors[:, -1]
        else:
            direction = np.eye(sample.shape[1])[0]
        projection = part @ direction
        threshold = float(np.median(projection)) if projection.size else 0.0
        directions[node] = direction
        thresholds[node] = threshold
        members[2 * node + 1] = rows[projection <= threshold]
        members[2 * node + 2] = rows[projection > threshold]
    return directions, thresholds


def assign_leaves(X, directions, thresholds, depth) -> np.ndarray:
    """Leaf number (0 .. 2**depth - 1) of each row of ``X`` in the top tree."""
    X = np.asarray(X, dtype=np.float64)
    node = np.zeros(X.shape[0], dtype=np.int64)
    for _ in range(depth):
        projection = np.einsum("ij,ij->i", X, directions[node])
        node = 2 * node + 1 + (projection > thresholds[node])
    return node - (2**depth - 1)


def _split_by_leaf(X_b, codes_b, offset, directions, thresholds, depth):
    leaves = assign_leaves(X_b, directions, thresholds, depth)
    order = np.argsort(leaves, kind="stable")
    bounds = np.searchsorted(leaves[order], np.arange(2**depth + 1))
    gidx = np.arange(offset, offset + X_b.shape[0], dtype=np.int64)
    return [
        (X_b[order[a:b]], codes_b[order[a:b]], gidx[order[a:b]])
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def _leaf_search(pieces, decide, k, nn_backend, n_jobs):
    X_leaf = np.concatenate([p[0] for p in pieces])
    codes = np.concatenate([p[1] for p in pieces])
    gidx = np.concatenate([p[2] for p in pieces])
    if X_leaf.shape[0] <= k:
        # Too few rows to rank k neighbours: nothing to decide here.
        return decide(np.empty((0, k), dtype=np.int64), codes[:0], gidx[:0], X_leaf[:0])
    nn = make_backend(nn_backend, k, n_jobs).fit(X_leaf)
    # Rows arrive in global order, so the local tie rule (smaller index) is
    # the global one.
    local = nn.kneighbors(None, k, return_distance=False)
    return decide(np.ascontiguousarray(local, dtype=np.int64), codes, gidx, X_leaf)


def partitioned_search(X_blocks, code_blocks, chunks, sample, k, decide, nn_backend, n_jobs, depth):
    """Approximate all-rows search: ``decide`` applied within each spatial leaf.

    ``decide(nn_ind, codes, gidx, X_leaf)`` gets a leaf's local neighbour
    table (``k`` columns), its rows' class codes, global indices and values.
    Returns one Delayed per leaf holding what ``decide`` returned.
    """
    directions, thresholds = build_top_tree(sample, depth)
    offsets = np.concatenate([[0], np.cumsum(chunks)]).astype(np.int64)
    split = task(_split_by_leaf)
    pieces = [
        split(X_b, c_b, int(off), directions, thresholds, depth)
        for X_b, c_b, off in zip(X_blocks, code_blocks, offsets, strict=False)
    ]
    leaf_task = task(_leaf_search)
    # One piece per (chunk, leaf): a leaf task receives only its own rows.
    return [
        leaf_task([p[leaf] for p in pieces], decide, k, nn_backend, n_jobs)
        for leaf in range(2**depth)
    ]


def sorted_union(parts):
    """The sorted concatenation of int64 arrays."""
    return np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)


def exact_neighbors_of(Q, Q_gidx, X_blocks, code_blocks, offsets, k, nn_backend, n_jobs):
    """Lazy exact ``k`` nearest rows (by global index, self excluded) of the
    query rows ``Q`` (a Delayed array) with global indices ``Q_gidx`` (Delayed).

    The lazy counterpart of :func:`query_chunks`, for query sets known only
    inside the graph. Returns a Delayed ``(sq_dist, gidx, nn_codes)``.
    """
    topk_task = task(chunk_topk)
    parts = [
        topk_task(Q, X_b, int(off), c_b, k + 1, nn_backend, n_jobs)
        for X_b, c_b, off in zip(X_blocks, code_blocks, offsets, strict=False)
    ]
    return task(merge_topk)(parts, k, Q_gidx)
