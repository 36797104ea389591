"""The Dask cleaning samplers' decisions, run as tasks on the workers.

Exact search (the block join): each chunk emits its rows' cross-class nearest
pairs (:func:`cross_pairs`), one task keeps the mutual ones
(:func:`mutual_removed`); ENN decides each chunk's rows from the neighbours'
classes the join carries (:func:`enn_keep`). Approximate search: every spatial
leaf (:func:`~fastsmote.dask._knn.partitioned_search`) decides for its rows;
Tomek links found within a leaf are candidates, checked exactly against all
rows afterwards (:func:`verified_links`); ENN removes rows within the leaf,
unchecked (:func:`enn_leaf`).
"""

from __future__ import annotations

import math

import numpy as np

from .._kernels.cleaning import tomek_link_mask
from .._threads import numba_threads
from ..under_sampling.edited_nearest_neighbours import enn_keep_rows


# -- exact search -------------------------------------------------------------------
def cross_pairs(nn, codes, offset):
    """(row, its nearest neighbour, row's code) for rows whose neighbour has another class."""
    gidx, nn_codes = nn
    cross = np.flatnonzero(nn_codes[:, 0] != codes)
    return np.stack([cross + offset, gidx[cross, 0], codes[cross]], axis=1).astype(np.int64)


def mutual_removed(pairs, is_target, n_total):
    """Rows of targeted classes in a Tomek link (mutual cross-class nearest neighbours)."""
    pairs = np.concatenate(pairs) if pairs else np.empty((0, 3), dtype=np.int64)
    key = pairs[:, 0] * n_total + pairs[:, 1]
    reverse = pairs[:, 1] * n_total + pairs[:, 0]
    mutual = np.isin(reverse, key)
    return np.sort(pairs[mutual & is_target[pairs[:, 2]], 0])


def keep_outside(removed, offset, n_rows):
    keep = np.ones(n_rows, dtype=np.bool_)
    local = removed[(removed >= offset) & (removed < offset + n_rows)] - offset
    keep[local] = False
    return keep


def enn_keep(nn, codes, is_target, n_classes, use_mode, k, n_jobs):
    _, nn_codes = nn
    m = codes.shape[0]
    keep = np.ones(m, dtype=np.bool_)
    rows = np.flatnonzero(is_target[codes])
    # The kernel reads neighbour classes through an index table; the join
    # already carries the classes, so the table just enumerates them.
    table = np.arange(m * k, dtype=np.int64).reshape(m, k)
    neighbor_codes = np.ascontiguousarray(nn_codes, dtype=np.int64).ravel()
    with numba_threads(n_jobs):
        keep[rows] = enn_keep_rows(table[rows], codes[rows], neighbor_codes, n_classes, use_mode)
    return keep


# -- approximate search -------------------------------------------------------------
def tree_depth(n: int, group_rows: int, k: int) -> int:
    """Depth of the spatial top tree: leaves of about ``group_rows`` rows (at least 4(k+1)).

    Examples
    --------
    >>> tree_depth(1000, 100, 1)
    4
    """
    leaves = max(1, math.ceil(n / max(group_rows, 4 * (k + 1))))
    return max(0, math.ceil(math.log2(leaves)))


def tree_sample_stride(n: int, n_leaves: int) -> int:
    """Row stride of the sample the top tree is built from (about 256 rows a leaf,
    10,000 at least).

    Examples
    --------
    >>> tree_sample_stride(100_000, 16)
    10
    """
    target = min(n, max(10_000, 256 * n_leaves))
    return max(1, n // target)


def tomek_leaf(nn_ind, codes, gidx, X_leaf, is_target, n_jobs):
    """Candidate links of a leaf: (targeted row, its partner) pairs, and the
    members' global indices and values, for the exact check."""
    if nn_ind.shape[0] == 0:
        return np.empty((0, 2), dtype=np.int64), gidx, X_leaf
    nn_first = np.ascontiguousarray(nn_ind[:, 0])
    with numba_threads(n_jobs):
        rows = np.flatnonzero(tomek_link_mask(nn_first, codes, is_target))
    pairs = np.stack([gidx[rows], gidx[nn_first[rows]]], axis=1)
    members = np.unique(np.concatenate([rows, nn_first[rows]]))
    return pairs, gidx[members], X_leaf[members]


def tomek_candidates(leaves):
    """All leaves' candidate pairs, and their members (sorted global indices, rows)."""
    pairs = np.concatenate([leaf[0] for leaf in leaves])
    gidx = np.concatenate([leaf[1] for leaf in leaves])
    rows = np.concatenate([leaf[2] for leaf in leaves])
    order = np.argsort(gidx, kind="stable")
    return pairs, gidx[order], np.ascontiguousarray(rows[order])


def verified_links(candidates, nearest):
    """Targeted rows of candidate pairs that are mutual nearest neighbours among all rows."""
    pairs, gidx, _ = candidates
    if pairs.shape[0] == 0:
        return np.empty(0, dtype=np.int64)
    nn_first = nearest[1][:, 0]
    # Members are unique (leaves are disjoint) and sorted: look them up by position.
    first_i = nn_first[np.searchsorted(gidx, pairs[:, 0])]
    first_j = nn_first[np.searchsorted(gidx, pairs[:, 1])]
    mutual = (first_i == pairs[:, 1]) & (first_j == pairs[:, 0])
    return np.sort(pairs[mutual, 0])


def enn_leaf(nn_ind, codes, gidx, X_leaf, is_target, n_classes, use_mode, n_jobs):
    """Global indices of a leaf's targeted rows that ENN removes within the leaf."""
    rows = np.flatnonzero(is_target[codes])
    with numba_threads(n_jobs):
        keep = enn_keep_rows(nn_ind[rows], codes[rows], codes, n_classes, use_mode)
    return gidx[rows[~keep]]
