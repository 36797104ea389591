"""scikit-learn's brute-force k-nearest lists on small-integer data, in one
float32 pass.

On rows of integers with ``4 d M**2 <= 2**24`` (``d`` features, ``M`` the
largest absolute value) every step of the float32 product
``[-2q, 1] . [r, |r|^2]`` is an exact integer, whatever order the BLAS sums
in, and so is scikit-learn's ranking value ``|q|^2 - 2 q.r + |r|^2``: both
are the exact squared distance. Each reference row is then pushed, in index
order, onto scikit-learn's bounded heaps
(:mod:`fastsmote._kernels.sklearn_heap`) straight from the tile that
computed it: the lists come out as ``ArgKmin`` returns them, ties and all,
without a second search.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT_PARALLEL
from .brute import any_below, tile_product
from .sklearn_heap import EMPTY, _insertion_sort, _push

#: Reference rows per tile column run counted at once before any is pushed.
_STRETCH = 128


@njit(**EXACT_PARALLEL)
def integer_argkmin(q_aug, r_aug, q_sqnorm, k, bounds, on_y, block_q, block_r):
    """scikit-learn's ``ArgKmin`` lists (``k`` per query, self included) of
    small-integer rows.

    Parameters
    ----------
    q_aug : ndarray of shape (n_queries, d + 1), float32
        Query rows ``[-2 q, 1]``.
    r_aug : ndarray of shape (n_fit, d + 1), float32
        Reference rows ``[r, |r|^2]``.
    q_sqnorm : ndarray of shape (n_queries,), float64
        ``|q|^2``.
    k : int
        Neighbours per query (at most 15: scikit-learn's insertion sort).
    bounds : ndarray of int64
        Reference ranges of scikit-learn's threads (see
        :func:`~fastsmote._kernels.sklearn_heap.argkmin_replay`).
    on_y : bool
        scikit-learn's ``parallel_on_Y`` strategy.
    block_q, block_r : int
        Queries and references per tile.

    Returns
    -------
    nn_ind : ndarray of shape (n_queries, k), int64
    """
    n_q = q_aug.shape[0]
    n_r = r_aug.shape[0]
    n_heaps = bounds.shape[0] - 1 if on_y else 1
    nn_ind = np.empty((n_q, k), dtype=np.int64)
    n_blocks = (n_q + block_q - 1) // block_q
    for b in prange(n_blocks):
        q0 = b * block_q
        q1 = min(n_q, q0 + block_q)
        rows = q1 - q0
        heap_val = np.full((rows, n_heaps, k), EMPTY)
        # scikit-learn's per-thread heaps start at index -1, its main heap at 0.
        heap_ind = np.full((rows, n_heaps, k), -1 if on_y else 0, dtype=np.int64)
        q_tile = q_aug[q0:q1]
        full_tile = np.empty((rows, block_r), dtype=np.float32)
        for r0 in range(0, n_r, block_r):
            r1 = min(n_r, r0 + block_r)
            tile = tile_product(q_tile, r_aug, r0, r1, full_tile)
            for ii in range(rows):
                q_norm = q_sqnorm[q0 + ii]
                tile_row = tile[ii]
                h = 0
                if on_y:
                    while bounds[h + 1] <= r0:
                        h += 1
                start = r0
                while start < r1:
                    stop = min(r1, bounds[h + 1]) if on_y else r1
                    values = heap_val[ii, h]
                    indices = heap_ind[ii, h]
                    # Exact integers below 2**24: this threshold is exact in
                    # float32 (or infinite while the heap is not full).
                    limit = np.float32(values[0] - q_norm)
                    for s0 in range(start, stop, _STRETCH):
                        s1 = min(stop, s0 + _STRETCH)
                        if s1 - s0 == _STRETCH:
                            hit = any_below(
                                tile_row, limit, np.uint64(s0 - r0), np.uint64(_STRETCH)
                            )
                        else:
                            hit = False
                            for j in range(s0, s1):
                                hit |= tile_row[j - r0] < limit
                        if not hit:
                            continue
                        for j in range(s0, s1):
                            if tile_row[j - r0] < limit:
                                _push(values, indices, q_norm + np.float64(tile_row[j - r0]), j)
                                limit = np.float32(values[0] - q_norm)
                    start = stop
                    h += 1
        for ii in range(rows):
            if on_y:
                main_val = np.full(k, EMPTY)
                main_ind = np.zeros(k, dtype=np.int64)
                for h in range(n_heaps):
                    for m in range(k):
                        _push(main_val, main_ind, heap_val[ii, h, m], heap_ind[ii, h, m])
            else:
                main_val = heap_val[ii, 0]
                main_ind = heap_ind[ii, 0]
            _insertion_sort(main_val, main_ind)
            nn_ind[q0 + ii] = main_ind
    return nn_ind
