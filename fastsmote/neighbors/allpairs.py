"""The exact all-points query ``kneighbors(None)`` of the brute-force backend, each
pair's distance estimated once for both of its points.

Screening (``_kernels.allpairs.screen_all_pairs``) keeps ``k + 8`` candidates
per point from float32 estimates of the squared distances; ``refine_all_pairs``
ranks them exactly and proves that no other point can rank, and the
brute-force backend's ``scan_exact`` searches the rare unproven points again.
The result is therefore identical to the one-sided search: the exact
neighbours, ties broken by the smaller index.
"""

from __future__ import annotations

import numpy as np

from .._kernels.allpairs import refine_all_pairs, screen_all_pairs, tournament_rounds
from .._kernels.brute import scan_exact
from .._threads import one_blas_thread

#: Points per block; a tile of two blocks (1 MiB of float32) stays in L2 cache.
BLOCK = 512

_UNIT_ROUNDOFF_F32 = float(np.finfo(np.float32).eps) / 2


def kneighbors_all_pairs(X, center, k: int, margin: int):
    """Exact ``k`` nearest other points of every row of ``X``, self excluded by index.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64 or float32, C-contiguous
    center : ndarray of shape (n_features,)
        Subtracted before the float32 screening (smaller rounding error).
    k : int
        Neighbours per point, ``k < n_samples``.
    margin : int
        Candidates screened beyond ``k``.

    Returns
    -------
    nn_dist : ndarray of shape (n_samples, k), float64 (Euclidean)
    nn_ind : ndarray of shape (n_samples, k), int64

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [3.0], [6.0]])
    >>> kneighbors_all_pairs(X, X.mean(axis=0), 2, margin=8)[1]
    array([[1, 2],
           [0, 2],
           [1, 0],
           [2, 1]])
    """
    n, d = X.shape
    centered = X - center
    largest = float(np.max(np.abs(centered)))
    # A power of two (exact) brings the values near 1 when float32 estimates
    # would overflow or underflow. Estimates, norms and bounds are in scaled
    # units, computed from the scaled values (so nothing overflows or
    # underflows); the proof multiplies back by the finite inverse scale, twice.
    scale = inv_scale = 1.0
    if np.isfinite(largest) and largest > 0.0 and not 2.0**-40 < largest < 2.0**40:
        # Clamped so that both powers stay finite doubles (subnormal data).
        exponent = int(np.clip(np.floor(np.log2(largest)), -1000, 1000))
        scale, inv_scale = float(np.ldexp(1.0, -exponent)), float(np.ldexp(1.0, exponent))
    centered *= scale
    sqnorm = np.einsum("ij,ij->i", centered, centered)
    left = np.empty((n, d + 2), dtype=np.float32)
    left[:, :d] = centered
    left[:, d] = sqnorm
    left[:, d + 1] = 1.0
    right = np.empty((n, d + 2), dtype=np.float32)
    right[:, :d] = -2.0 * centered
    right[:, d] = 1.0
    right[:, d + 1] = sqnorm
    del centered
    n_cand = max(k, min(k + margin, n - 1))
    cand_val = np.full((n, n_cand), np.inf, dtype=np.float32)
    cand_ind = np.full((n, n_cand), -1, dtype=np.int64)
    rounds = tournament_rounds((n + BLOCK - 1) // BLOCK)
    # One BLAS thread per tile: the parallelism is Numba's, over tiles.
    with one_blas_thread():
        screen_all_pairs(left, right, cand_val, cand_ind, BLOCK, rounds)
    del left, right
    # Rounding error of an estimate: the casts to float32 and a (d+2)-term dot
    # product, at most (d + 4) u (|c_i| + |c_j|)^2; twice that, as the
    # one-sided screening's bound. Non-finite bounds prove nothing.
    norm = np.sqrt(sqnorm)
    err_coef = 2.0 * (d + 6) * _UNIT_ROUNDOFF_F32
    nn_dist = np.full((n, k), np.inf)
    nn_ind = np.full((n, k), -1, dtype=np.int64)
    proven = refine_all_pairs(
        X, cand_val, cand_ind, norm, float(norm.max()), err_coef, inv_scale, nn_dist, nn_ind
    )
    unproven = np.flatnonzero(~proven)
    if unproven.size:
        scan_exact(X, X, unproven, True, nn_dist, nn_ind)
    np.sqrt(nn_dist, out=nn_dist)
    return nn_dist, nn_ind


def all_pairs_applicable(center_norm_max: float) -> bool:
    """Whether the all-pairs screening applies (finite data; any range is scaled)."""
    return bool(np.isfinite(center_norm_max))
