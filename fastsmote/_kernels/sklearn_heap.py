"""scikit-learn's brute-force k-nearest search replayed, tie order included.

scikit-learn's ``ArgKmin`` (the brute-force path of ``NearestNeighbors`` for
dense float data) pushes every reference row, in index order, onto a bounded
max-heap per query (``sklearn.utils._heap.heap_push``: a value equal to the
current maximum is rejected), optionally one heap per thread merged in thread
order, then sorts each heap with an insertion sort (stable) for k <= 15. With
exact ties (duplicate rows, integer data) the returned order is a function of
that history, not of (distance, index). Given the very values scikit-learn
ranks (:mod:`fastsmote.neighbors.sklearn_blas`), these kernels replay it.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL

#: The value scikit-learn fills empty heap slots with (``DBL_MAX``).
EMPTY = np.finfo(np.float64).max


@njit(**EXACT)
def _push(values, indices, val, val_idx):
    """scikit-learn's ``heap_push`` onto the max-heap ``values``/``indices``."""
    size = values.shape[0]
    if val >= values[0]:
        return
    i = 0
    while True:
        c1 = 2 * i + 1
        c2 = c1 + 1
        if c1 >= size:
            break
        if c2 >= size:
            if values[c1] > val:
                swap = c1
            else:
                break
        elif values[c1] >= values[c2]:
            if val < values[c1]:
                swap = c1
            else:
                break
        elif val < values[c2]:
            swap = c2
        else:
            break
        values[i] = values[swap]
        indices[i] = indices[swap]
        i = swap
    values[i] = val
    indices[i] = val_idx


@njit(**EXACT)
def _insertion_sort(values, indices):
    """scikit-learn's ``insertion_sort`` (its sort for k <= 15)."""
    for i in range(1, values.shape[0]):
        v = values[i]
        vi = indices[i]
        j = i
        while j > 0 and values[j - 1] > v:
            values[j] = values[j - 1]
            indices[j] = indices[j - 1]
            j -= 1
        values[j] = v
        indices[j] = vi


@njit(**EXACT)
def _scan(values, indices, row, start, stop):
    """Push references ``start:stop`` in index order; most lose to the heap's
    maximum and are skipped without entering :func:`_push`."""
    top = values[0]
    for j in range(start, stop):
        if row[j] < top:
            _push(values, indices, row[j], j)
            top = values[0]


@njit(**EXACT_PARALLEL)
def argkmin_replay(values, k, bounds, on_y):
    """scikit-learn's ``ArgKmin`` neighbour lists of some query rows.

    Parameters
    ----------
    values : ndarray of shape (n_queries, n_fit), float64
        The value scikit-learn ranks for each query and reference row.
    k : int
        Neighbours per query (scikit-learn's ``n_neighbors``, at most 15).
    bounds : ndarray of int64
        Reference index ranges scanned by each of scikit-learn's threads,
        ``bounds[t]:bounds[t + 1]``.
    on_y : bool
        scikit-learn's ``parallel_on_Y`` strategy: each thread fills a heap of
        its own, merged into the main heap in thread order afterwards (even
        with one thread); otherwise the scan writes the main heap directly.

    Returns
    -------
    nn_ind : ndarray of shape (n_queries, k), int64
    """
    n_q = values.shape[0]
    n_threads = bounds.shape[0] - 1
    nn_ind = np.empty((n_q, k), dtype=np.int64)
    for qi in prange(n_q):
        row = values[qi]
        main_val = np.full(k, EMPTY)
        main_ind = np.zeros(k, dtype=np.int64)
        if not on_y:
            _scan(main_val, main_ind, row, bounds[0], bounds[1])
        else:
            heaps_val = np.full((n_threads, k), EMPTY)
            heaps_ind = np.full((n_threads, k), -1, dtype=np.int64)
            for t in range(n_threads):
                _scan(heaps_val[t], heaps_ind[t], row, bounds[t], bounds[t + 1])
            for t in range(n_threads):
                for m in range(k):
                    _push(main_val, main_ind, heaps_val[t, m], heaps_ind[t, m])
        _insertion_sort(main_val, main_ind)
        nn_ind[qi] = main_ind
    return nn_ind
