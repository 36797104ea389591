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
    """Whether comparing values ``a`` and ``b`` (of reference rows ``ia``, ``ib``)
    is certain to come out as in scikit-learn's arithmetic."""
    if exact_arith or a == EMPTY or b == EMPTY:
        return True
    if ia >= 0 and ib >= 0 and group[ia] == group[ib]:
        # Bitwise-equal rows get bitwise-equal values in both computations.
        return True
    na = tol_q + r_norm[ia] if ia >= 0 else tol_q
    nb = tol_q + r_norm[ib] if ib >= 0 else tol_q
    return abs(a - b) > na * na + nb * nb


@njit(**EXACT)
def _push(values, indices, val, val_idx, group, tol_q, r_norm, exact_arith):
    """``heap_push`` of scikit-learn; returns False when a comparison was uncertain."""
    size = values.shape[0]
    ok = _same(val, val_idx, values[0], indices[0], group, tol_q, r_norm, exact_arith)
    if val >= values[0]:
        return ok
    i = 0
    while True:
        c1 = 2 * i + 1
        c2 = c1 + 1
        if c1 >= size:
            break
        if c2 >= size:
            ok &= _same(values[c1], indices[c1], val, val_idx, group, tol_q, r_norm, exact_arith)
            if values[c1] > val:
                swap = c1
            else:
                break
        else:
            ok &= _same(
                values[c1], indices[c1], values[c2], indices[c2], group, tol_q, r_norm, exact_arith
            )
            if values[c1] >= values[c2]:
                ok &= _same(
                    val, val_idx, values[c1], indices[c1], group, tol_q, r_norm, exact_arith
                )
                if val < values[c1]:
                    swap = c1
                else:
                    break
            else:
                ok &= _same(
                    val, val_idx, values[c2], indices[c2], group, tol_q, r_norm, exact_arith
                )
                if val < values[c2]:
                    swap = c2
                else:
                    break
        values[i] = values[swap]
        indices[i] = indices[swap]
        i = swap
    values[i] = val
    indices[i] = val_idx
    return ok


@njit(**EXACT)
def _insertion_sort(values, indices, group, tol_q, r_norm, exact_arith):
    """scikit-learn's ``insertion_sort`` (its sort for k <= 15); False if uncertain."""
    ok = True
    for i in range(1, values.shape[0]):
        v = values[i]
        vi = indices[i]
        j = i
        while j > 0:
            ok &= _same(values[j - 1], indices[j - 1], v, vi, group, tol_q, r_norm, exact_arith)
            if not values[j - 1] > v:
                break
            values[j] = values[j - 1]
            indices[j] = indices[j - 1]
            j -= 1
        values[j] = v
        indices[j] = vi
    return ok


@njit(**EXACT)
def _scan(values, indices, row, group, start, stop, tol_q, r_tol, exact_arith):
    """Push references ``start:stop`` in index order; False if a comparison was
    uncertain. Most values lose to the heap's maximum by a clear margin and are
    skipped without entering :func:`_push`."""
    ok = True
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
        ok &= _push(values, indices, val, j, group, tol_q, r_tol, exact_arith)
        top = values[0]
        top_tol = tol_q + (r_tol[indices[0]] if indices[0] >= 0 else 0.0)
    return ok


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
        False where a comparison was within the rounding error.
    """
    n_q = sq_dist.shape[0]
    nn_ind = np.empty((n_q, k), dtype=np.int64)
    certain = np.ones(n_q, dtype=np.bool_)
    for qi in prange(n_q):
        certain[qi] = _replay_row(
            sq_dist[qi], q_tol[qi], r_tol, group, bounds, on_y, exact_arith, nn_ind[qi]
        )
    return nn_ind, certain


@njit(**EXACT)
def _replay_row(row, tol_q, r_tol, group, bounds, on_y, exact_arith, out):
    """One query of :func:`argkmin_replay`: its list into ``out``; False if uncertain."""
    k = out.shape[0]
    n_threads = bounds.shape[0] - 1
    main_val = np.full(k, EMPTY)
    main_ind = np.zeros(k, dtype=np.int64)
    ok = True
    if not on_y:
        ok &= _scan(main_val, main_ind, row, group, bounds[0], bounds[1], tol_q, r_tol, exact_arith)
    else:
        heaps_val = np.full((n_threads, k), EMPTY)
        heaps_ind = np.full((n_threads, k), -1, dtype=np.int64)
        for t in range(n_threads):
            ok &= _scan(
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
        for t in range(n_threads):
            for m in range(k):
                ok &= _push(
                    main_val,
                    main_ind,
                    heaps_val[t, m],
                    heaps_ind[t, m],
                    group,
                    tol_q,
                    r_tol,
                    exact_arith,
                )
    ok &= _insertion_sort(main_val, main_ind, group, tol_q, r_tol, exact_arith)
    out[:] = main_ind
    return ok
