"""Exact k-nearest-neighbour search with a balanced KD-tree.

The tree is an implicit complete binary tree: node ``i`` has children
``2 * i + 1`` and ``2 * i + 2`` and every leaf sits on the last level, so the
per-node arrays are just the point range ``[node_start, node_end)`` into the
permutation ``idx``, the tight float64 bounding box of the node's points
(``node_bounds[node, 0]`` lower corner, ``node_bounds[node, 1]`` upper corner)
and the smallest training index in the node. Internal nodes split their points
at the median along the dimension of widest spread, so the tree is balanced
whatever the data; the training rows are stored in tree order (``X_tree``), so
a leaf is one contiguous block of memory.

The query is exact: candidates are ranked by the shared ``squared_distance``
and by ``(distance, index)``, like the brute-force backend. A node is skipped
only when its lower bound is strictly greater than the current k-th squared
distance, or equal to it while all the node's indices are larger than the
k-th candidate's, so the smaller index always wins a tie. Neither the build
nor the query draws random numbers, and each query row is computed by one
thread from start to end, so the output does not depend on the thread count.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL
from .distance import squared_distance
from .select import select_kth
from .topk import insert_sorted

#: Relative safety margin on node lower bounds. The bound is computed with the
#: same float64 operations, in the same order, as ``squared_distance``, and
#: rounding is monotone, so it can never exceed the computed distance of a point
#: inside the box; the margin only guards against a compiler contracting one of
#: the two into fused multiply-adds or a future change of the distance's
#: summation order (relative effects far below 1e-12 for any realistic
#: dimension). It costs no measurable pruning.
_BOUND_SHRINK = 1.0 - 1e-12

#: Levels built one at a time before each parallel task takes a whole subtree
#: (2**6 = 64 equal subtrees keep any thread count busy).
_TOP_LEVELS = 6

#: Query rows handled by one parallel task: large enough to amortise the work
#: arrays, small enough to balance the load between threads.
_QUERY_BLOCK = 64


@njit(**EXACT)
def kdtree_levels(n_samples, leaf_size):
    """Number of tree levels so that no leaf holds more than ``leaf_size`` points."""
    n_leaves = 1
    n_levels = 1
    # Median splits give leaves of ceil(n / n_leaves) points at most.
    while (n_samples + n_leaves - 1) // n_leaves > leaf_size:
        n_leaves *= 2
        n_levels += 1
    return n_levels


@njit(**EXACT)
def _fill_node(X_tree, idx, start, end, node, node_bounds, node_min_ind):
    """Tight float64 bounding box and smallest index of the points ``start:end``."""
    n_features = X_tree.shape[1]
    for f in range(n_features):
        node_bounds[node, 0, f] = np.inf
        node_bounds[node, 1, f] = -np.inf
    # An empty node (possible only with leaf_size 1) keeps an infinite box and
    # an index past every point, so the query always prunes it.
    min_ind = X_tree.shape[0]
    for p in range(start, end):
        min_ind = min(min_ind, idx[p])
        for f in range(n_features):
            v = np.float64(X_tree[p, f])
            if v < node_bounds[node, 0, f]:
                node_bounds[node, 0, f] = v
            if v > node_bounds[node, 1, f]:
                node_bounds[node, 1, f] = v
    node_min_ind[node] = min_ind


@njit(**EXACT)
def _split_node(X_tree, idx, start, end, split_dim):
    """Put the lower half (along ``split_dim``) of rows ``start:end`` first.

    Rows of ``X_tree`` move with their indices, so every node's points stay
    contiguous: deeper levels then work on cache-resident memory instead of
    gathering rows from all over ``X``.
    """
    size = end - start
    keys = np.empty(size, dtype=np.float64)
    for p in range(size):
        keys[p] = X_tree[start + p, split_dim]
    order = np.arange(size)
    select_kth(keys, order, size // 2)
    moved_rows = np.empty((size, X_tree.shape[1]), dtype=X_tree.dtype)
    moved_idx = np.empty(size, dtype=np.int64)
    for p in range(size):
        moved_rows[p] = X_tree[start + order[p]]
        moved_idx[p] = idx[start + order[p]]
    X_tree[start:end] = moved_rows
    idx[start:end] = moved_idx


@njit(**EXACT)
def _build_node(X_tree, idx, node, is_leaf, node_start, node_end, node_bounds, node_min_ind):
    """Summarise one node and, unless it is a leaf, split it between its children.

    Nodes that are not ancestors of one another own disjoint row ranges, so
    they can be built concurrently.
    """
    start = node_start[node]
    end = node_end[node]
    _fill_node(X_tree, idx, start, end, node, node_bounds, node_min_ind)
    if is_leaf:
        return
    split_dim = 0
    widest = -1.0
    for f in range(X_tree.shape[1]):
        spread = node_bounds[node, 1, f] - node_bounds[node, 0, f]
        if spread > widest:
            widest = spread
            split_dim = f
    if end - start > 1:
        _split_node(X_tree, idx, start, end, split_dim)
    mid = start + (end - start) // 2
    left = 2 * node + 1
    node_start[left] = start
    node_end[left] = mid
    node_start[left + 1] = mid
    node_end[left + 1] = end


@njit(**EXACT_PARALLEL)
def build_kdtree(X, leaf_size):
    """Build a balanced KD-tree over the rows of ``X``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64 or float32
        C-contiguous training points, ``n_samples >= 1``.
    leaf_size : int
        Largest number of points in a leaf (>= 1).

    Returns
    -------
    idx : ndarray of shape (n_samples,), int64
        Permutation of the rows: node ``i`` holds ``idx[node_start[i]:node_end[i]]``.
    node_start, node_end : ndarray of shape (n_nodes,), int64
        Point range of each node.
    node_bounds : ndarray of shape (n_nodes, 2, n_features), float64
        Lower (``[:, 0]``) and upper (``[:, 1]``) corner of each node's box.
    node_min_ind : ndarray of shape (n_nodes,), int64
        Smallest training index in each node (``n_samples`` when empty).
    X_tree : ndarray of shape (n_samples, n_features), dtype of ``X``
        ``X[idx]``: a leaf's points are contiguous in memory for the query.
    """
    n_samples, n_features = X.shape
    n_levels = kdtree_levels(n_samples, leaf_size)
    n_nodes = (1 << n_levels) - 1
    idx = np.arange(n_samples).astype(np.int64)
    X_tree = X.copy()
    node_start = np.zeros(n_nodes, dtype=np.int64)
    node_end = np.zeros(n_nodes, dtype=np.int64)
    node_bounds = np.empty((n_nodes, 2, n_features), dtype=np.float64)
    node_min_ind = np.empty(n_nodes, dtype=np.int64)
    arrays = (node_start, node_end, node_bounds, node_min_ind)
    node_end[0] = n_samples
    # The top levels go level by level, each in parallel over its nodes; below
    # them, each task builds a whole subtree, so the threads synchronise a few
    # times instead of once per level (barriers are costly on a busy machine).
    top_levels = min(n_levels - 1, _TOP_LEVELS)
    for level in range(top_levels):
        first = (1 << level) - 1
        for t in prange(1 << level):
            _build_node(X_tree, idx, first + t, False, *arrays)
    first = (1 << top_levels) - 1
    for t in prange(1 << top_levels):
        root = first + t
        for depth in range(n_levels - top_levels):
            # Descendants of ``root`` at ``depth`` are consecutive in heap order.
            first_below = ((root + 1) << depth) - 1
            is_leaf = top_levels + depth == n_levels - 1
            for u in range(1 << depth):
                _build_node(X_tree, idx, first_below + u, is_leaf, *arrays)
    return idx, node_start, node_end, node_bounds, node_min_ind, X_tree


@njit(**EXACT)
def _box_lower_bound(Q, row, node_bounds, node):
    """Lower bound of the squared distance from ``Q[row]`` to any point in ``node``.

    Same float64 operations and feature order as ``squared_distance``: for a
    point inside the box every per-feature difference is at least as large, so
    by monotone rounding the bound never exceeds the point's computed distance.
    """
    acc = 0.0
    for f in range(Q.shape[1]):
        q = np.float64(Q[row, f])
        # At most one of the two gaps is positive; max() keeps the loop
        # branch-free (the branches are unpredictable). |lo - q| is rounded
        # exactly as |q - lo|, the difference ``squared_distance`` takes.
        gap = max(node_bounds[node, 0, f] - q, q - node_bounds[node, 1, f], 0.0)
        acc += gap * gap
    return acc * _BOUND_SHRINK


@njit(**EXACT)
def _can_skip(bound, min_ind, worst, worst_ind):
    """Whether no point of a node can rank before the current k-th candidate.

    Every point of the node is at squared distance >= ``bound`` and has an
    index >= ``min_ind``. The node is skipped when it is strictly farther than
    the k-th candidate, or when it is not nearer and all its indices are
    larger (the tie rule keeps the smaller index). The second test keeps
    searches on heavily duplicated data from visiting every tied node. While
    the list is not full (``worst_ind < 0``) nothing is skipped.
    """
    if worst_ind < 0:
        return False
    return bound > worst or (bound >= worst and min_ind > worst_ind)


@njit(**EXACT)
def _search_one(
    idx,
    node_start,
    node_end,
    node_bounds,
    node_min_ind,
    X_tree,
    Q,
    row,
    self_ind,
    nn_dist_row,
    nn_ind_row,
    stack_node,
    stack_bound,
):
    """Depth-first, nearer-child-first search for one query row (squared distances)."""
    k = nn_dist_row.shape[0]
    first_leaf = node_start.shape[0] // 2
    worst = nn_dist_row[k - 1]
    worst_ind = nn_ind_row[k - 1]
    stack_node[0] = 0
    stack_bound[0] = 0.0
    top = 1
    while top > 0:
        top -= 1
        node = stack_node[top]
        # Re-test: the k-th candidate may have improved since the push.
        if _can_skip(stack_bound[top], node_min_ind[node], worst, worst_ind):
            continue
        if node >= first_leaf:
            for p in range(node_start[node], node_end[node]):
                ind = idx[p]
                if ind == self_ind:
                    continue
                dist = squared_distance(Q, row, X_tree, p)
                if dist <= worst and insert_sorted(nn_dist_row, nn_ind_row, dist, ind):
                    worst = nn_dist_row[k - 1]
                    worst_ind = nn_ind_row[k - 1]
            continue
        left = 2 * node + 1
        right = left + 1
        bound_left = _box_lower_bound(Q, row, node_bounds, left)
        bound_right = _box_lower_bound(Q, row, node_bounds, right)
        # Search the nearer child first (on equal bounds, the one holding the
        # smaller index, which settles ties on duplicated data quickly).
        if bound_left < bound_right or (
            bound_left == bound_right and node_min_ind[left] <= node_min_ind[right]
        ):
            near, bound_near, far, bound_far = left, bound_left, right, bound_right
        else:
            near, bound_near, far, bound_far = right, bound_right, left, bound_left
        # Push the farther child first so that it is popped last, when the
        # nearer subtree has tightened the k-th candidate.
        if not _can_skip(bound_far, node_min_ind[far], worst, worst_ind):
            stack_node[top] = far
            stack_bound[top] = bound_far
            top += 1
        if not _can_skip(bound_near, node_min_ind[near], worst, worst_ind):
            stack_node[top] = near
            stack_bound[top] = bound_near
            top += 1


@njit(**EXACT_PARALLEL)
def query_kdtree(idx, node_start, node_end, node_bounds, node_min_ind, X_tree, Q, k, exclude_self):
    """Exact k nearest neighbours of the rows of ``Q`` in a tree from ``build_kdtree``.

    Parameters
    ----------
    idx, node_start, node_end, node_bounds, node_min_ind, X_tree : ndarray
        The arrays returned by :func:`build_kdtree`.
    Q : ndarray of shape (n_queries, n_features), dtype of ``X_tree``
        C-contiguous query points. When ``exclude_self``, ``Q`` is the training
        array itself and row ``i`` never lists training row ``i`` (duplicates of
        it at other indices are valid neighbours).
    k : int
        Number of neighbours, at most the number of candidates.
    exclude_self : bool
        Whether to exclude each training point from its own neighbours.

    Returns
    -------
    nn_dist : ndarray of shape (n_queries, k), float64
        Euclidean distances, ascending.
    nn_ind : ndarray of shape (n_queries, k), int64
        Training indices, ordered by (distance, index).
    """
    n_queries = Q.shape[0]
    n_nodes = node_start.shape[0]
    n_levels = 1
    while (1 << n_levels) - 1 < n_nodes:
        n_levels += 1
    nn_dist = np.full((n_queries, k), np.inf)
    nn_ind = np.full((n_queries, k), -1, dtype=np.int64)
    n_blocks = (n_queries + _QUERY_BLOCK - 1) // _QUERY_BLOCK
    for block in prange(n_blocks):
        # One push per level descended, plus the sibling: n_levels + 1 suffice.
        stack_node = np.empty(n_levels + 1, dtype=np.int64)
        stack_bound = np.empty(n_levels + 1, dtype=np.float64)
        for t in range(block * _QUERY_BLOCK, min(n_queries, (block + 1) * _QUERY_BLOCK)):
            if exclude_self:
                # Walk the training points in tree order: consecutive queries
                # are close in space and touch the same nodes (cache locality).
                row = idx[t]
                self_ind = row
            else:
                row = t
                self_ind = -1
            _search_one(
                idx,
                node_start,
                node_end,
                node_bounds,
                node_min_ind,
                X_tree,
                Q,
                row,
                self_ind,
                nn_dist[row],
                nn_ind[row],
                stack_node,
                stack_bound,
            )
            for j in range(k):
                nn_dist[row, j] = np.sqrt(nn_dist[row, j])
    return nn_dist, nn_ind
