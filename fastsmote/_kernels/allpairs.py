"""Screening for the all-points k-nearest-neighbour query, each pair computed once.

When every training point queries every other one (``kneighbors(None)``, what
cleaning samplers and per-class SMOTE need), the distance of a pair serves both
of its points. ``screen_all_pairs`` computes the float32 estimate of each
squared distance once, on cache-sized tiles ``[c_i, |c_i|^2, 1] .
[-2 c_j, 1, |c_j|^2]``, and offers it to the candidate lists of both points:
half the matrix products of a one-sided search.

Tiles of two different blocks are scheduled in rounds of a round-robin
tournament, so that within a round no two tiles touch the same block and the
rounds' tiles run in parallel without locks. A candidate list keeps the
``n_cand`` smallest (estimate, index) pairs it was offered, whatever the order,
so the result does not depend on the number of threads. ``refine_all_pairs``
then ranks the candidates by exact distance and proves, as the one-sided
search does, that no screened-out point could rank.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL
from .distance import squared_distance
from .topk import insert_sorted

#: Tile columns tested at a time before deciding to look closer.
STRETCH = 128

#: Tile columns of a hit stretch tested at a time before offering them one by one.
SUB_STRETCH = 16


def tournament_rounds(n_blocks: int) -> np.ndarray:
    """Pairs of distinct blocks, grouped in rounds where no block repeats.

    Returns an int64 array of shape (n_rounds, n_blocks // 2, 2); slots of an
    odd block count's idle block hold -1. Every unordered pair appears once.

    Examples
    --------
    >>> rounds = tournament_rounds(4)
    >>> rounds.shape
    (3, 2, 2)
    >>> sorted(tuple(sorted(p)) for p in rounds.reshape(-1, 2).tolist())
    [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    """
    players = n_blocks + (n_blocks % 2)
    n_rounds = players - 1
    half = players // 2
    rounds = np.full((max(n_rounds, 0), half, 2), -1, dtype=np.int64)
    for r in range(n_rounds):
        # Circle method: player players-1 is fixed, the others rotate.
        pairs = [(players - 1, r)]
        for s in range(1, half):
            pairs.append(((r + s) % n_rounds, (r - s) % n_rounds))
        for slot, (a, b) in enumerate(pairs):
            if a < n_blocks and b < n_blocks:
                rounds[r, slot] = (min(a, b), max(a, b))
    return rounds


@njit(**EXACT_PARALLEL)
def screen_all_pairs(left, right, cand_val, cand_ind, block, rounds):
    """Offer every pair's estimate to the candidate lists of both its points.

    ``left`` rows are ``[c, |c|^2, 1]`` and ``right`` rows ``[-2c, 1, |c|^2]``
    (float32, centred), so a tile product estimates squared distances.
    ``cand_val``/``cand_ind`` (n, n_cand) must hold ``inf``/-1 on entry and
    come back sorted by (estimate, index); all estimates must be finite.
    """
    n = left.shape[0]
    n_blocks = (n + block - 1) // block
    # Diagonal tiles first: each block against itself.
    for b in prange(n_blocks):
        _offer_tile(
            left,
            right,
            cand_val,
            cand_ind,
            b * block,
            min(n, (b + 1) * block),
            b * block,
            min(n, (b + 1) * block),
            True,
        )
    for r in range(rounds.shape[0]):
        for slot in prange(rounds.shape[1]):
            bi = rounds[r, slot, 0]
            bj = rounds[r, slot, 1]
            if bi < 0:
                continue
            _offer_tile(
                left,
                right,
                cand_val,
                cand_ind,
                bi * block,
                min(n, (bi + 1) * block),
                bj * block,
                min(n, (bj + 1) * block),
                False,
            )


@njit(**EXACT)
def _offer_tile(left, right, cand_val, cand_ind, i0, i1, j0, j1, diagonal):
    """Offer the tile of rows ``i0:i1`` against ``j0:j1`` to both sides' lists
    (only to the rows' lists, self excluded, on a diagonal tile)."""
    n_cand = cand_val.shape[1]
    tile = np.dot(left[i0:i1], right[j0:j1].T)
    width = j1 - j0
    col_worst = np.empty(width, dtype=cand_val.dtype)
    for jj in range(width):
        col_worst[jj] = -np.inf if diagonal else cand_val[j0 + jj, n_cand - 1]
    for ii in range(i1 - i0):
        i = i0 + ii
        row = tile[ii]
        worst = cand_val[i, n_cand - 1]
        for s0 in range(0, width, STRETCH):
            s1 = min(width, s0 + STRETCH)
            if s1 - s0 < STRETCH:
                worst = _offer_values(row, col_worst, s0, s1, i, j0, diagonal, cand_val, cand_ind)
                continue
            # Almost always nothing in a stretch beats either side's worst
            # candidate: one vectorised test decides, then one per sub-stretch,
            # and only a hit sub-stretch is offered value by value. A worst
            # that fell meanwhile only makes the tests more permissive.
            if not _any_beats(row, col_worst, worst, np.uint64(s0), np.uint64(STRETCH)):
                continue
            for t0 in range(s0, s1, SUB_STRETCH):
                if _any_beats(row, col_worst, worst, np.uint64(t0), np.uint64(SUB_STRETCH)):
                    worst = _offer_values(
                        row, col_worst, t0, t0 + SUB_STRETCH, i, j0, diagonal, cand_val, cand_ind
                    )


@njit(**EXACT)
def _any_beats(row, col_worst, worst, base, length):
    """Whether a value of ``row[base:base + length]`` is below ``worst`` or its
    column's worst. Unsigned indices: without a negative-index wrap LLVM
    vectorises the loop (measured five times faster per value)."""
    hit = False
    for jj in range(length):
        hit |= (row[base + jj] < worst) | (row[base + jj] < col_worst[base + jj])
    return hit


@njit(**EXACT)
def _offer_values(row, col_worst, t0, t1, i, j0, diagonal, cand_val, cand_ind):
    """Offer the tile values ``row[t0:t1]`` (point ``i`` against points
    ``j0 + t0 ..``) to both sides' lists; returns row ``i``'s new worst."""
    n_cand = cand_val.shape[1]
    row_val = cand_val[i]
    row_ind = cand_ind[i]
    worst = row_val[n_cand - 1]
    for jj in range(t0, t1):
        v = row[jj]
        j = j0 + jj
        if v < worst and not (diagonal and j == i):
            insert_sorted(row_val, row_ind, v, j)
            worst = row_val[n_cand - 1]
        if v < col_worst[jj]:
            insert_sorted(cand_val[j], cand_ind[j], v, i)
            col_worst[jj] = cand_val[j, n_cand - 1]
    return worst


@njit(**EXACT_PARALLEL)
def refine_all_pairs(X, cand_val, cand_ind, norm, norm_max, err_coef, inv_scale, nn_dist, nn_ind):
    """Rank each point's candidates by exact squared distance into ``nn_dist``/``nn_ind``.

    ``nn_dist`` must hold ``inf`` and ``nn_ind`` -1 on entry. Screening values,
    ``norm`` (the centred rows' norms) and ``norm_max`` are in units of
    ``1 / inv_scale`` (``inv_scale`` a power of two). Returns True where the
    result is proven exact: every point not screened in has an estimate of at
    least the worst candidate's, hence a squared distance above
    ``(worst - err) * inv_scale * inv_scale`` (two exact products, so no
    spurious overflow); when that exceeds the k-th exact distance, no such
    point can rank. False rows must be searched again exactly.

    The rounding error of an estimate is at most ``err_coef * (|c_i| + |c_j|)**2``.
    Points farther from the centre than ``|c_i| + 2 sqrt(kth)`` are more than
    ``2 sqrt(kth)`` away and cannot rank whatever their estimate, so the
    bound needs only the points within that radius: one far outlier, or a few
    large rows, no longer make every other point's proof fail.
    """
    n, n_cand = cand_ind.shape
    k = nn_ind.shape[1]
    proven = np.empty(n, dtype=np.bool_)
    for i in prange(n):
        for c in range(n_cand):
            j = cand_ind[i, c]
            if j >= 0:
                insert_sorted(nn_dist[i], nn_ind[i], squared_distance(X, i, X, j), j)
        if n_cand == n - 1:
            proven[i] = cand_ind[i, n_cand - 1] >= 0  # every other point was ranked
        else:
            worst = np.float64(cand_val[i, n_cand - 1])
            kth = nn_dist[i, k - 1]
            radius = min(norm[i] + 2.0 * np.sqrt(kth) / inv_scale, norm_max)
            err = err_coef * (norm[i] + radius) ** 2
            floor = ((worst - err) * inv_scale) * inv_scale
            proven[i] = np.isfinite(worst) and np.isfinite(floor) and floor > kth
    return proven
