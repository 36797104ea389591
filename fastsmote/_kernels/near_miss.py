"""NearMiss's searches: the k nearest or the k farthest reference rows of each
query row, and the rows whose order the sums of those distances may not settle.

The reference rows (a class's, or the minority class's) arrive in blocks; each
block's values are merged into per-row bounded lists ranked by
(value, index), so a row's list after the last block is its k nearest (or,
with the values negated, its k farthest) over all blocks, ties to the smaller
index, whatever the blocking.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL
from .topk import insert_sorted


@njit(**EXACT)
def exact_squared_block(Q, RT, out):
    """Squared Euclidean distances from each row of ``Q`` to each column of ``RT``.

    Each value is :func:`~fastsmote._kernels.distance.squared_distance`'s:
    float64 differences, squared and summed from feature 0 to d-1 (the sum
    scikit-learn's KD-tree takes). The loop runs feature by feature over all
    reference rows, so the independent sums vectorise without reassociating
    any of them.

    Parameters
    ----------
    Q : ndarray of shape (n_queries, n_features), float64
    RT : ndarray of shape (n_features, n_block), float64
        The reference rows, transposed.
    out : ndarray of shape (n_queries, n_block), float64
        Overwritten with the squared distances.

    Examples
    --------
    >>> import numpy as np
    >>> out = np.empty((1, 2))
    >>> exact_squared_block(np.array([[0.0, 1.0]]), np.array([[3.0, 0.0], [1.0, 1.0]]), out)
    >>> out.tolist()
    [[9.0, 0.0]]
    """
    n_block = RT.shape[1]
    for i in range(Q.shape[0]):
        acc = out[i]
        for j in range(n_block):
            acc[j] = 0.0
        for f in range(Q.shape[1]):
            q = Q[i, f]
            for j in range(n_block):
                diff = q - RT[f, j]
                acc[j] += diff * diff


@njit(**EXACT)
def merge_extremes(q_norms, products, scale, r_norms, start, sign, out_val, out_ind):
    """Merge a block of values into each row's bounded list.

    The value of query row ``i`` and block column ``j`` is
    ``max(0, (q_norms[i] + scale * products[i, j]) + r_norms[j])``, the reference row
    being ``start + j``. ``out_val[i]`` keeps the ``k`` best of
    ``sign * value`` seen so far, ascending, ties to the smaller index: with
    ``sign = 1`` the ``k`` smallest values, with ``sign = -1`` the ``k``
    largest (negated). Blocks must come in increasing ``start``.

    Parameters
    ----------
    q_norms : ndarray of shape (n_queries,), float64
    products : ndarray of shape (n_queries, n_block), float64
    scale : float
        A power of two (``-2.0`` for dot products, ``1.0`` for squared
        distances), so that ``scale * products[i, j]`` is exact.
    r_norms : ndarray of shape (n_block,), float64
    start : int
        Index of the block's first reference row.
    sign : float
        1.0 (nearest) or -1.0 (farthest).
    out_val : ndarray of shape (n_queries, k), float64
        ``inf`` where nothing is listed yet.
    out_ind : ndarray of shape (n_queries, k), int64
        -1 where nothing is listed yet.

    Examples
    --------
    >>> import numpy as np
    >>> val, ind = np.full((1, 2), np.inf), np.full((1, 2), -1)
    >>> products = np.array([[4.0, 1.0, 9.0]])
    >>> merge_extremes(np.zeros(1), products, 1.0, np.zeros(3), 0, -1.0, val, ind)
    >>> val.tolist(), ind.tolist()
    ([[-9.0, -4.0]], [[2, 0]])
    """
    n_block = products.shape[1]
    k = out_val.shape[1]
    for i in range(products.shape[0]):
        row_val = out_val[i]
        row_ind = out_ind[i]
        q_norm = q_norms[i]
        # Blocks come in index order, so a value equal to the k-th never ranks:
        # most values are turned away by one comparison.
        worst = row_val[k - 1] if row_ind[k - 1] >= 0 else np.inf
        for j in range(n_block):
            value = sign * max(0.0, (q_norm + scale * products[i, j]) + r_norms[j])
            if value < worst or row_ind[k - 1] < 0:
                insert_sorted(row_val, row_ind, value, start + j)
                if row_ind[k - 1] >= 0:
                    worst = row_val[k - 1]


@njit(**EXACT)
def overlapping_rows(lower, upper):
    """Which intervals ``[lower[i], upper[i]]`` meet another one.

    The intervals must be sorted by their centres (then ``lower`` and
    ``upper`` need not be sorted): interval ``i`` meets an earlier one when the
    largest upper end before it reaches its lower end, and a later one when
    the smallest lower end after it reaches its upper end. A row whose
    interval meets no other has the same rank whatever value in it is true.

    Parameters
    ----------
    lower, upper : ndarray of shape (n,), float64

    Returns
    -------
    meets : ndarray of shape (n,), bool

    Examples
    --------
    >>> import numpy as np
    >>> overlapping_rows(np.array([0.0, 0.9, 3.0]), np.array([1.0, 2.0, 4.0])).tolist()
    [True, True, False]
    """
    n = lower.shape[0]
    meets = np.zeros(n, dtype=np.bool_)
    highest = -np.inf
    for i in range(n):
        if highest >= lower[i]:
            meets[i] = True
        highest = max(highest, upper[i])
    lowest = np.inf
    for i in range(n - 1, -1, -1):
        if lowest <= upper[i]:
            meets[i] = True
        lowest = min(lowest, lower[i])
    return meets


@njit(**EXACT_PARALLEL)
def blocked_extremes(Q, R, RT, q_norms, r_norms, exact, sign, q_block, r_block, out_val, out_ind):
    """Each query row's ``k`` best values over all reference rows, a block of
    ``q_block`` query rows per task: the block's values against ``r_block``
    reference rows at a time (exact squared distances, or dot products from
    the BLAS), merged by :func:`merge_extremes` while they are in cache.

    Parameters
    ----------
    Q : ndarray of shape (n_queries, n_features), float64
    R : ndarray of shape (n_references, n_features), float64
    RT : ndarray of shape (n_features, n_references), float64
        ``R`` transposed (C-contiguous), read when ``exact``.
    q_norms, r_norms : ndarray, float64
        Squared norms (zeros when ``exact``).
    exact : bool
        Exact squared distances (:func:`exact_squared_block`), else
        ``|q|^2 - 2 q.r + |r|^2`` from a BLAS product.
    sign : float
        1.0 (nearest) or -1.0 (farthest).
    q_block, r_block : int
    out_val, out_ind : ndarray of shape (n_queries, k)
        As :func:`merge_extremes` fills them (``inf`` and -1 to start).

    Examples
    --------
    >>> import numpy as np
    >>> Q, R = np.array([[0.0], [5.0]]), np.array([[1.0], [3.0], [4.0]])
    >>> val, ind = np.full((2, 1), np.inf), np.full((2, 1), -1)
    >>> z2, z3 = np.zeros(2), np.zeros(3)
    >>> blocked_extremes(Q, R, R.T.copy(), z2, z3, True, 1.0, 1, 2, val, ind)
    >>> val.tolist(), ind.tolist()
    ([[1.0], [1.0]], [[0], [2]])
    """
    n_q, n_r = Q.shape[0], R.shape[0]
    n_tasks = (n_q + q_block - 1) // q_block
    for t in prange(n_tasks):
        qs = t * q_block
        qe = min(qs + q_block, n_q)
        buffer = np.empty((qe - qs, min(r_block, n_r)))
        for rs in range(0, n_r, r_block):
            re = min(rs + r_block, n_r)
            if exact:
                values = buffer[:, : re - rs]
                exact_squared_block(Q[qs:qe], RT[:, rs:re], values)
                scale = 1.0
            else:
                values = np.dot(Q[qs:qe], R[rs:re].T)
                scale = -2.0
            merge_extremes(
                q_norms[qs:qe],
                values,
                scale,
                r_norms[rs:re],
                rs,
                sign,
                out_val[qs:qe],
                out_ind[qs:qe],
            )
