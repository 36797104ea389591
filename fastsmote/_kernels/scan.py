"""Exhaustive exact search: every reference row for a few query rows.

The fast searches (brute force's screen, NN-Descent's candidate ranking,
SMOTE-NC's bucket ranking) leave some query rows unproven; those are scanned
here against every reference row and ranked by (distance, index), as the
exact backends rank. One kernel serves the plain squared distance and
SMOTE-NC's mixed distance: with no categorical columns (``q_codes`` of width
0) the penalty term is skipped, so a plain scan does exactly the arithmetic of
:func:`~fastsmote._kernels.distance.squared_distance`; with categorical
columns the distance is :func:`~fastsmote._kernels.categorical.mixed_distance`'s
(the continuous part, then ``half_penalty`` per differing one-hot column).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT_PARALLEL
from .categorical import mismatch_columns
from .distance import squared_distance
from .topk import insert_sorted


@njit(**EXACT_PARALLEL)
def scan_exact_rows(Q, q_codes, R, r_codes, half_penalty, rows, self_ind, nn_dist, nn_ind):
    """Exact search of every row of ``R`` for the query rows ``rows`` of ``Q``.

    Parameters
    ----------
    Q : ndarray of shape (n_queries, n_features), float32 or float64
    q_codes : ndarray of shape (n_queries, n_categorical), int32
        Category codes of the query rows; width 0 for a plain search.
    R : ndarray of shape (n_samples, n_features), Q's dtype
    r_codes : ndarray of shape (n_samples, n_categorical), int32
    half_penalty : float
        Squared distance added per differing one-hot column (unused when
        there are no categorical columns).
    rows : ndarray of shape (n_scanned,), int64
        The query rows to scan; their rows of ``nn_dist`` / ``nn_ind`` are
        overwritten, the others left as they are.
    self_ind : ndarray of shape (n_scanned,), int64
        The row of ``R`` each scanned query excludes (itself), -1 for none.
    nn_dist : ndarray of shape (n_queries, k), float64
        Squared distances, ascending.
    nn_ind : ndarray of shape (n_queries, k), int64
        Indices, ties in increasing order; -1 where fewer than k rows exist.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [3.0]])
    >>> no_codes = np.empty((3, 0), dtype=np.int32)
    >>> nn_dist, nn_ind = np.zeros((3, 1)), np.zeros((3, 1), dtype=np.int64)
    >>> rows = np.array([2], dtype=np.int64)
    >>> scan_exact_rows(X, no_codes, X, no_codes, 0.0, rows, rows, nn_dist, nn_ind)
    >>> nn_ind[2].tolist(), nn_dist[2].tolist()
    ([1], [4.0])
    """
    k = nn_ind.shape[1]
    n_categorical = q_codes.shape[1]
    for t in prange(rows.shape[0]):
        i = rows[t]
        for c in range(k):
            nn_dist[i, c] = np.inf
            nn_ind[i, c] = -1
        # The branch sits outside the loop over reference rows, so a plain
        # scan's inner loop is the old plain kernels' (measured: no slower).
        if n_categorical == 0:
            for j in range(R.shape[0]):
                if j != self_ind[t]:
                    insert_sorted(nn_dist[i], nn_ind[i], squared_distance(Q, i, R, j), j)
        else:
            for j in range(R.shape[0]):
                if j != self_ind[t]:
                    # mixed_distance's operations, in its order: the same bits.
                    dist = squared_distance(Q, i, R, j) + half_penalty * mismatch_columns(
                        q_codes, i, r_codes, j
                    )
                    insert_sorted(nn_dist[i], nn_ind[i], dist, j)


def no_codes(n_rows: int) -> np.ndarray:
    """The category codes of a plain search: ``n_rows`` rows, no column (int32).

    Examples
    --------
    >>> no_codes(3).shape
    (3, 0)
    """
    return np.empty((n_rows, 0), dtype=np.int32)
