"""scikit-learn's brute-force k-nearest search replayed, tie order included.

scikit-learn's ``ArgKmin`` (the brute-force path of ``NearestNeighbors`` for
dense float data) pushes every reference row, in index order, onto a bounded
max-heap per query (``sklearn.utils._heap.heap_push``: a value equal to the
current maximum is rejected), optionally one heap per thread merged in thread
order, then sorts each heap with an insertion sort (stable) for k <= 15. With
exact ties (duplicate rows, integer data) the returned order is a function of
that history, not of (distance, index). These kernels replay it with exact
distances, and flag a query as uncertain when one of the comparisons it made
could come out differently in scikit-learn's rounded arithmetic.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL

#: The value scikit-learn fills empty heap slots with (``DBL_MAX``).
EMPTY = np.finfo(np.float64).max


@njit(**EXACT)
def _same(a, ia, b, ib, group, tol_q, r_norm, exact_arith):
    """``inf`` when comparing values ``a`` and ``b`` (of reference rows ``ia``,
    ``ib``) is certain to come out as in scikit-learn's arithmetic, else the
    smaller of the two (how low in the ranking the doubt reaches)."""
    if exact_arith or a == EMPTY or b == EMPTY:
        return np.inf
    if ia >= 0 and ib >= 0 and group[ia] == group[ib]:
        # Bitwise-equal rows get bitwise-equal values in both computations.
        return np.inf
    na = tol_q + r_norm[ia] if ia >= 0 else tol_q
    nb = tol_q + r_norm[ib] if ib >= 0 else tol_q
    if abs(a - b) > na * na + nb * nb:
        return np.inf
    return min(a, b)


@njit(**EXACT)
def _push(values, indices, val, val_idx, group, tol_q, r_norm, exact_arith):
    """``heap_push`` of scikit-learn; returns the lowest value an uncertain
    comparison involved (``inf``: none)."""
    size = values.shape[0]
    low = _same(val, val_idx, values[0], indices[0], group, tol_q, r_norm, exact_arith)
    if val >= values[0]:
        return low
    i = 0
    while True:
        c1 = 2 * i + 1
        c2 = c1 + 1
        if c1 >= size:
            break
        if c2 >= size:
            doubt = _same(values[c1], indices[c1], val, val_idx, group, tol_q, r_norm, exact_arith)
            low = min(low, doubt)
            if values[c1] > val:
                swap = c1
            else:
                break
        else:
            doubt = _same(
                values[c1], indices[c1], values[c2], indices[c2], group, tol_q, r_norm, exact_arith
            )
            low = min(low, doubt)
            if values[c1] >= values[c2]:
                doubt = _same(
                    val, val_idx, values[c1], indices[c1], group, tol_q, r_norm, exact_arith
                )
                low = min(low, doubt)
                if val < values[c1]:
                    swap = c1
                else:
                    break
            else:
                doubt = _same(
                    val, val_idx, values[c2], indices[c2], group, tol_q, r_norm, exact_arith
                )
                low = min(low, doubt)
                if val < values[c2]:
                    swap = c2
                else:
                    break
        values[i] = values[swap]
        indices[i] = indices[swap]
        i = swap
    values[i] = val
    indices[i] = val_idx
    return low


@njit(**EXACT)
def _insertion_sort(values, indices, group, tol_q, r_norm, exact_arith):
    """scikit-learn's ``insertion_sort`` (its sort for k <= 15); returns the
    lowest value an uncertain comparison involved."""
    low = np.inf
    for i in range(1, values.shape[0]):
        v = values[i]
        vi = indices[i]
        j = i
        while j > 0:
            doubt = _same(values[j - 1], indices[j - 1], v, vi, group, tol_q, r_norm, exact_arith)
            low = min(low, doubt)
            if not values[j - 1] > v:
                break
            values[j] = values[j - 1]
            indices[j] = indices[j - 1]
            j -= 1
        values[j] = v
        indices[j] = vi
    return low


@njit(**EXACT)
def _scan(values, indices, row, group, start, stop, tol_q, r_tol, exact_arith):
    """Push references ``start:stop`` in index order; returns the lowest value
    an uncertain comparison involved. Most values lose to the heap's maximum
    by a clear margin and are skipped without entering :func:`_push`."""
    low = np.inf
    top = values[0]
    top_tol = tol_q + (r_tol[indices[0]] if indices[0] >= 0 else 0.0)
    for j in range(start, stop):
        val = max(0.0, row[group[j]])
        if val >= top:
            # Rejected: certain when decided by more than the rounding error,
            # or between equal rows, or in exact arithmetic.
            if exact_arith or top == EMPTY:
                continue
            if val == top and indices[0] >= 0 and group[j] == group[indices[0]]:
                continue
            gap_tol = tol_q + r_tol[j]
            if val - top > gap_tol * gap_tol + top_tol * top_tol:
                continue
        low = min(low, _push(values, indices, val, j, group, tol_q, r_tol, exact_arith))
        top = values[0]
        top_tol = tol_q + (r_tol[indices[0]] if indices[0] >= 0 else 0.0)
    return low


@njit(**EXACT_PARALLEL)
def argkmin_replay(sq_dist, q_tol, r_tol, group, k, bounds, on_y, exact_arith):
    """scikit-learn's ``ArgKmin`` neighbour lists of some query rows.

    Parameters
    ----------
    sq_dist : ndarray of shape (n_queries, n_groups), float64
        Squared distances from each query to one row of each group of
        bitwise-equal reference rows (so equal rows get equal values).
    q_tol : ndarray of shape (n_queries,)
        Each query's norm times ``tol_scale``: values for query q and reference
        r are within ``(q_tol + r_tol[r])**2`` of the exact squared distance
        in scikit-learn's arithmetic and in ``sq_dist`` together.
    r_tol : ndarray of shape (n_fit,)
        Each reference row's norm times ``tol_scale``.
    group : ndarray of shape (n_fit,), int64
        Each reference row's group (column of ``sq_dist``).
    k : int
        Neighbours per query (scikit-learn's ``n_neighbors``).
    bounds : ndarray of int64
        Reference index ranges scanned by each of scikit-learn's threads,
        ``bounds[t]:bounds[t + 1]``.
    on_y : bool
        scikit-learn's ``parallel_on_Y`` strategy: each thread fills a heap of
        its own, merged into the main heap in thread order afterwards (even
        with one thread); otherwise the scan writes the main heap directly.
    exact_arith : bool
        The data make both computations exact (small integers), so every
        comparison is certain.

    Returns
    -------
    nn_ind : ndarray of shape (n_queries, k), int64
    certain : ndarray of shape (n_queries,), bool
        False where a comparison that can change the list was within the
        rounding error. With k <= 2 a heap's layout is a function of its
        current values (and arrival order among equal ones), so a doubt
        between values that end above the list's last one by more than the
        error changes nothing; with larger heaps any doubt counts.
    """
    n_q = sq_dist.shape[0]
    nn_ind = np.empty((n_q, k), dtype=np.int64)
    certain = np.ones(n_q, dtype=np.bool_)
    r_tol_max = r_tol.max() if r_tol.size else 0.0
    for qi in prange(n_q):
        certain[qi] = _replay_row(
            sq_dist[qi], q_tol[qi], r_tol, r_tol_max, group, bounds, on_y, exact_arith, nn_ind[qi]
        )
    return nn_ind, certain


@njit(**EXACT)
def _replay_row(row, tol_q, r_tol, r_tol_max, group, bounds, on_y, exact_arith, out):
    """One query of :func:`argkmin_replay`: its list into ``out``; False if uncertain."""
    k = out.shape[0]
    n_threads = bounds.shape[0] - 1
    main_val = np.full(k, EMPTY)
    main_ind = np.zeros(k, dtype=np.int64)
    low = np.inf
    if not on_y:
        low = _scan(main_val, main_ind, row, group, bounds[0], bounds[1], tol_q, r_tol, exact_arith)
    else:
        heaps_val = np.full((n_threads, k), EMPTY)
        heaps_ind = np.full((n_threads, k), -1, dtype=np.int64)
        for t in range(n_threads):
            doubt = _scan(
                heaps_val[t],
                heaps_ind[t],
                row,
                group,
                bounds[t],
                bounds[t + 1],
                tol_q,
                r_tol,
                exact_arith,
            )
            low = min(low, doubt)
        for t in range(n_threads):
            for m in range(k):
                doubt = _push(
                    main_val,
                    main_ind,
                    heaps_val[t, m],
                    heaps_ind[t, m],
                    group,
                    tol_q,
                    r_tol,
                    exact_arith,
                )
                low = min(low, doubt)
    low = min(low, _insertion_sort(main_val, main_ind, group, tol_q, r_tol, exact_arith))
    out[:] = main_ind
    if k > 2:
        return low == np.inf
    margin = 2.0 * (tol_q + r_tol_max) ** 2
    return low > main_val[k - 1] + margin
