"""Exact ranking of approximate neighbour candidates.

An approximate search (NN-Descent) proposes a few candidates per query, with
distances computed in float32 and ties in no particular order. ``rank_candidates``
recomputes each candidate's distance with the exact per-pair kernel and sorts
by (distance, index), as the exact backends do: whenever the candidates hold
the true nearest neighbours, the result equals the exact backends' result,
order included. Queries left with fewer valid candidates than requested are
reported, for an exact scan.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT_PARALLEL
from .distance import squared_distance
from .scan import no_codes, scan_exact_rows
from .topk import insert_sorted


@njit(**EXACT_PARALLEL)
def rank_candidates(Q, R, cand_ind, self_ind, nn_dist, nn_ind):
    """Rank each query's candidates by exact squared distance.

    Parameters
    ----------
    Q : ndarray (n_queries, n_features), float32 or float64
    R : ndarray (n_samples, n_features), Q's dtype
    cand_ind : ndarray (n_queries, n_cand), int32
        Candidate rows of ``R``; -1 marks a missing candidate. Repeated
        candidates are counted once.
    self_ind : ndarray (n_queries,), int64
        Row of ``R`` each query must not list (itself), or -1.
    nn_dist : ndarray (n_queries, k), float64
        Output: squared distances, ascending.
    nn_ind : ndarray (n_queries, k), int64
        Output: indices, ties broken by the smaller index; -1 where a query
        had fewer than k valid candidates.

    Returns
    -------
    complete : ndarray (n_queries,), bool
        False where a query had fewer than k valid candidates.
    """
    n_q, n_cand = cand_ind.shape
    k = nn_ind.shape[1]
    complete = np.empty(n_q, dtype=np.bool_)
    for i in prange(n_q):
        for c in range(k):
            nn_dist[i, c] = np.inf
            nn_ind[i, c] = -1
        n_valid = 0
        for c in range(n_cand):
            j = np.int64(cand_ind[i, c])
            if j < 0 or j == self_ind[i]:
                continue
            seen = False
            for p in range(c):
                if cand_ind[i, p] == cand_ind[i, c]:
                    seen = True
                    break
            if seen:
                continue
            n_valid += 1
            insert_sorted(nn_dist[i], nn_ind[i], squared_distance(Q, i, R, j), j)
        complete[i] = n_valid >= k
    return complete


def scan_rows(Q, R, self_ind, nn_dist, nn_ind):
    """Exact search of every row of ``R`` for each query (the few that
    ``rank_candidates`` left short): squared distances, sorted by (distance,
    index), row ``self_ind[i]`` of ``R`` excluded (-1: none).

    The plain case of :func:`~fastsmote._kernels.scan.scan_exact_rows`
    (called from Python, so it adds no kernel to compile).

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [3.0]])
    >>> nn_dist, nn_ind = np.zeros((3, 1)), np.zeros((3, 1), dtype=np.int64)
    >>> scan_rows(X, X, np.arange(3), nn_dist, nn_ind)
    >>> nn_ind.ravel().tolist()
    [1, 0, 1]
    """
    n_queries = Q.shape[0]
    scan_exact_rows(
        Q,
        no_codes(n_queries),
        R,
        no_codes(R.shape[0]),
        0.0,
        np.arange(n_queries, dtype=np.int64),
        np.ascontiguousarray(self_ind, dtype=np.int64),
        nn_dist,
        nn_ind,
    )
