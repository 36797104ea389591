"""Exact brute-force k-nearest-neighbour search, in two passes.

0. ``column_means``, ``largest_offset``, ``screening_rows``: the fitted rows
   centred, scaled and cast to float32 with their squared norms appended, in
   three passes over the data and no temporary copy of it.
1. ``screen_candidates``: float32 matrix products on cache-sized tiles
   (``[-2q, 1] . [r, |r|^2]``, i.e. squared distance minus ``|q|^2``), each tile
   consumed at once to keep the ``n_cand`` best candidates per query. No
   n x n matrix is ever held; only one tile per thread.
2. ``refine_candidates``: the candidates' exact float64 distances (the shared
   per-pair kernel), sorted by (distance, index), and a proof per query that no
   screened-out point could rank: with ``w`` the worst kept screening value and
   ``err`` a bound on float32 rounding, every other point has a squared
   distance above ``|q|^2 + w - err``. Queries without that proof (ties at the
   boundary, duplicates, extreme values) go to ``scan_exact``.

The output is therefore the exact k nearest neighbours with ties broken by the
smaller index, whatever the tiling, the BLAS or the number of threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL
from .distance import squared_distance
from .scan import no_codes, scan_exact_rows
from .topk import insert_sorted

#: Squared distances below this may have underflowed (64 x the smallest normal).
_UNDERFLOW_GUARD = 64 * np.finfo(np.float64).tiny

#: Tile columns tested at a time before deciding to look closer.
SCAN_STRETCH = 128

#: Tile columns of a hit stretch tested at a time before offering them one by one.
SUB_STRETCH = 16


#: Row ranges reduced apart (then in order), whatever the thread count.
_REDUCE_CHUNKS = 64


@njit(**EXACT_PARALLEL)
def column_means(X):
    """The mean of each column of ``X`` (non-empty), in float64."""
    n, d = X.shape
    n_chunks = min(n, _REDUCE_CHUNKS)
    partial = np.zeros((n_chunks, d))
    for c in prange(n_chunks):
        for i in range(c * n // n_chunks, (c + 1) * n // n_chunks):
            for f in range(d):
                partial[c, f] += X[i, f]
    means = np.zeros(d)
    for c in range(n_chunks):
        for f in range(d):
            means[f] += partial[c, f]
    return means / n


@njit(**EXACT_PARALLEL)
def largest_offset(X, center):
    """``max |X[i, f] - center[f]|`` (float64) over the non-empty ``X``."""
    n, d = X.shape
    n_chunks = min(n, _REDUCE_CHUNKS)
    partial = np.zeros(n_chunks)
    for c in prange(n_chunks):
        top = 0.0
        for i in range(c * n // n_chunks, (c + 1) * n // n_chunks):
            for f in range(d):
                top = max(top, abs(X[i, f] - center[f]))
        partial[c] = top
    return partial.max()


@njit(**EXACT_PARALLEL)
def screening_rows(X, center, scale, r_aug, sqnorm):
    """Fill ``r_aug`` (float32, ``d + 1`` columns) with the rows
    ``(X - center) * scale`` and their squared norms (also written to
    ``sqnorm``, float64, summed from the float64 values)."""
    n, d = X.shape
    for i in prange(n):
        total = 0.0
        for f in range(d):
            value = (X[i, f] - center[f]) * scale
            total += value * value
            r_aug[i, f] = np.float32(value)
        sqnorm[i] = total
        r_aug[i, d] = np.float32(total)


@njit(**EXACT)
def tile_product(q_tile, r_aug, r0, r1, full_tile):
    """``q_tile @ r_aug[r0:r1].T`` (float32 BLAS), written into ``full_tile``
    when it is a full tile: one buffer per query block, since a fresh 512 KiB
    array per tile would cost page faults on every product."""
    if r1 - r0 == full_tile.shape[1]:
        np.dot(q_tile, r_aug[r0:r1].T, full_tile)
        return full_tile
    return np.dot(q_tile, r_aug[r0:r1].T)


@njit(**EXACT_PARALLEL)
def screen_candidates(q_aug, r_aug, n_cand, exclude_self, block_q, block_r, n_parts):
    """Keep, per query, the ``n_cand`` smallest screening values.

    ``q_aug`` rows are ``[-2 q, 1]`` and ``r_aug`` rows ``[r, |r|^2]`` (float32,
    centred), so a tile product is the squared distance minus ``|q|^2``.
    Returns ``(cand_val, cand_ind)`` sorted by (value, index); unfilled slots
    hold ``inf``/-1 when fewer points exist than ``n_cand``.

    The work is ``n_parts`` reference ranges times the query blocks, so that a
    few query blocks (a small class) still keep every thread busy. Each range
    keeps its own lists, the ``n_cand`` smallest (value, index) pairs it saw
    whatever the order it saw them in, and the lists are merged: the result is
    the same for every ``n_parts`` and thread count.

    A range's reference blocks are visited in bit-reversed order, not in index
    order: real tables are often sorted by a column that dominates distances
    (a timestamp), and walking towards a query's position in index order
    improves its list at nearly every step, so nearly every value was offered
    value by value (raw credit-card layout, 492 queries: 1.1 s, the products
    alone 0.1 s).
    """
    n_q = q_aug.shape[0]
    n_r = r_aug.shape[0]
    n_blocks = (n_q + block_q - 1) // block_q
    n_ref_blocks = (n_r + block_r - 1) // block_r
    n_parts = max(1, min(n_parts, n_ref_blocks))
    part_val = np.full((n_parts, n_q, n_cand), np.inf, dtype=np.float32)
    part_ind = np.full((n_parts, n_q, n_cand), -1, dtype=np.int64)
    for unit in prange(n_blocks * n_parts):
        b = unit // n_parts
        part = unit % n_parts
        q0 = b * block_q
        q1 = min(n_q, q0 + block_q)
        q_tile = q_aug[q0:q1]
        full_tile = np.empty((q1 - q0, block_r), dtype=np.float32)
        first = part * n_ref_blocks // n_parts
        last = (part + 1) * n_ref_blocks // n_parts
        order = spread_order(last - first)
        for t in range(last - first):
            r0 = (first + order[t]) * block_r
            r1 = min(n_r, r0 + block_r)
            tile = tile_product(q_tile, r_aug, r0, r1, full_tile)
            for ii in range(q1 - q0):
                _offer_row(
                    tile[ii],
                    r1 - r0,
                    r0,
                    q0 + ii,
                    exclude_self,
                    part_val[part, q0 + ii],
                    part_ind[part, q0 + ii],
                )
    if n_parts == 1:
        return part_val[0], part_ind[0]
    cand_val = part_val[0].copy()
    cand_ind = part_ind[0].copy()
    for i in prange(n_q):
        for part in range(1, n_parts):
            for c in range(n_cand):
                j = part_ind[part, i, c]
                if j < 0 or not insert_sorted(cand_val[i], cand_ind[i], part_val[part, i, c], j):
                    break
    return cand_val, cand_ind


@njit(**EXACT)
def _offer_row(tile_row, width, r0, i, exclude_self, row_val, row_ind):
    """Offer one query's row of a tile (reference points ``r0 .. r0 + width``)
    to its sorted list ``row_val``/``row_ind``."""
    n_cand = row_val.shape[0]
    for s0 in range(0, width, SCAN_STRETCH):
        s1 = min(width, s0 + SCAN_STRETCH)
        worst = row_val[n_cand - 1]
        if s1 - s0 < SCAN_STRETCH or row_ind[n_cand - 1] < 0:
            _offer_values(tile_row, s0, s1, r0, i, exclude_self, row_val, row_ind)
            continue
        # Once a list is full, few tile entries beat its worst value: one
        # vectorised test per stretch decides, then one per sub-stretch, and
        # only a hit sub-stretch is offered value by value. A worst that fell
        # meanwhile only makes the tests more permissive.
        # At most, not below: a value equal to the worst with a smaller index
        # ranks before it (blocks are not visited in index order).
        if not any_at_most(tile_row, worst, np.uint64(s0), np.uint64(SCAN_STRETCH)):
            continue
        for t0 in range(s0, s1, SUB_STRETCH):
            if any_at_most(tile_row, worst, np.uint64(t0), np.uint64(SUB_STRETCH)):
                _offer_values(tile_row, t0, t0 + SUB_STRETCH, r0, i, exclude_self, row_val, row_ind)


@njit(**EXACT)
def any_below(tile_row, worst, base, length):
    """Whether a value of ``tile_row[base:base + length]`` is below ``worst``.
    Unsigned indices: without a negative-index wrap LLVM vectorises the loop
    (measured 4.5x faster per value than signed ones)."""
    hit = False
    for jj in range(length):
        hit |= tile_row[base + jj] < worst
    return hit


@njit(**EXACT)
def any_at_most(tile_row, worst, base, length):
    """Whether a value of ``tile_row[base:base + length]`` is at most ``worst``
    (vectorised as :func:`any_below`)."""
    hit = False
    for jj in range(length):
        hit |= tile_row[base + jj] <= worst
    return hit


@njit(**EXACT)
def spread_order(n):
    """``0 .. n - 1`` in bit-reversed (van der Corput) order: every prefix
    samples the whole range about evenly.

    Examples
    --------
    >>> spread_order(6).tolist()
    [0, 4, 2, 1, 5, 3]
    """
    bits = 0
    while (1 << bits) < n:
        bits += 1
    order = np.empty(n, dtype=np.int64)
    m = 0
    for t in range(1 << bits):
        r = 0
        x = t
        for _ in range(bits):
            r = (r << 1) | (x & 1)
            x >>= 1
        if r < n:
            order[m] = r
            m += 1
    return order


@njit(**EXACT)
def _offer_values(tile_row, t0, t1, r0, i, exclude_self, row_val, row_ind):
    """Offer the tile values ``tile_row[t0:t1]`` (reference points ``r0 + t0 ..``)
    one by one; unfilled slots take any value."""
    n_cand = row_val.shape[0]
    worst = row_val[n_cand - 1]
    for jj in range(t0, t1):
        value = tile_row[jj]
        # insert_sorted settles a value equal to the worst by index.
        if value <= worst or row_ind[n_cand - 1] < 0:
            j = r0 + jj
            if exclude_self and j == i:
                continue
            insert_sorted(row_val, row_ind, value, j)
            worst = row_val[n_cand - 1]


@njit(**EXACT_PARALLEL)
def refine_candidates(
    Q, R, cand_val, cand_ind, q_sqnorm, err_bound, r_norm_max, err_coef, scale, nn_dist, nn_ind
):
    """Rank the candidates by exact squared distance into ``nn_dist``/``nn_ind``.

    ``nn_dist`` must hold ``inf`` and ``nn_ind`` -1 on entry. ``q_sqnorm``,
    screening values and ``err_bound`` are in scaled units (squared distances
    times ``scale**2``, ``scale`` a power of two; the comparison divides one
    side by ``scale`` and multiplies the other, so neither over- nor underflows
    where ``scale**2`` would). Returns a boolean array: True where the result is
    proven exact, False where the query must be searched again by
    ``scan_exact``.

    ``err_bound`` caps the screening error of each query over all points
    (infinite for queries float32 cannot hold); the proof uses
    ``err_coef * (|q| + radius)**2`` with ``radius = |q| + 2 sqrt(kth)``
    (capped at ``r_norm_max``, the largest centred reference norm): points
    farther from the centre are more than ``2 sqrt(kth)`` from the query and
    cannot rank, so a far outlier does not weaken every other query's proof.
    """
    n_q, n_cand = cand_ind.shape
    k = nn_ind.shape[1]
    proven = np.empty(n_q, dtype=np.bool_)
    for i in prange(n_q):
        for c in range(n_cand):
            j = cand_ind[i, c]
            if j >= 0:
                insert_sorted(nn_dist[i], nn_ind[i], squared_distance(Q, i, R, j), j)
        if cand_ind[i, n_cand - 1] < 0:
            # Fewer points than candidate slots: every point was ranked.
            proven[i] = True
        else:
            # Every screened-out point lies above ``floor``. A non-finite
            # screening value or bound proves nothing: the row is scanned.
            worst = np.float64(cand_val[i, n_cand - 1])
            q_norm = np.sqrt(q_sqnorm[i])
            radius = min(q_norm + 2.0 * np.sqrt(nn_dist[i, k - 1]) * scale, r_norm_max)
            err = min(err_bound[i], err_coef * (q_norm + radius) ** 2)
            floor = q_sqnorm[i] + worst - err
            # Exact distances below the smallest normal double lose their
            # order to underflow, so the proof never claims a margin below it.
            kth = max(nn_dist[i, k - 1], _UNDERFLOW_GUARD)
            proven[i] = np.isfinite(worst) and np.isfinite(floor) and floor / scale > kth * scale
    return proven


def scan_exact(Q, R, rows, exclude_self, nn_dist, nn_ind):
    """Exact search of every reference point for the query rows ``rows``:
    :func:`~fastsmote._kernels.scan.scan_exact_rows` without categorical
    columns, each row excluding itself when ``exclude_self``.

    Overwrites ``nn_dist``/``nn_ind`` on those rows with squared distances and
    indices sorted by (distance, index).
    """
    self_ind = rows if exclude_self else np.full(rows.shape[0], -1, dtype=np.int64)
    scan_exact_rows(
        Q, no_codes(Q.shape[0]), R, no_codes(R.shape[0]), 0.0, rows, self_ind, nn_dist, nn_ind
    )
