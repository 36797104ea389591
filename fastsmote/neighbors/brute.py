"""Exact brute-force backend: float32 tile screening, exact float64 ranking."""

from __future__ import annotations

import numba
import numpy as np

from .._kernels.brute import (
    column_means,
    largest_offset,
    refine_candidates,
    scan_exact,
    screen_candidates,
    screening_rows,
)
from .._threads import one_blas_thread
from .allpairs import all_pairs_applicable, kneighbors_all_pairs
from .base import BaseNeighbors

#: Extra candidates kept beyond k by the screening pass. More slack makes the
#: exactness proof succeed more often at a small cost per query.
CANDIDATE_MARGIN = 8

#: Queries and reference points per tile: a 256 x 1024 float32 tile (1 MiB)
#: stays in a core's L2 cache while it is consumed.
BLOCK_QUERIES = 256
BLOCK_REFERENCES = 1024

#: Work units per thread the screening aims for, so uneven units still balance.
UNITS_PER_THREAD = 4

_UNIT_ROUNDOFF_F32 = float(np.finfo(np.float32).eps) / 2


def reference_parts(n_queries: int) -> int:
    """Reference ranges the screening splits each query block over: one when
    the query blocks alone give every thread enough work, more for a few
    queries (a small class). The result never depends on it.

    Examples
    --------
    >>> from fastsmote._threads import numba_threads
    >>> with numba_threads(2):
    ...     reference_parts(100_000), reference_parts(200)
    (1, 4)
    """
    n_blocks = -(-n_queries // BLOCK_QUERIES)
    wanted = UNITS_PER_THREAD * numba.get_num_threads()
    return max(1, -(-wanted // max(n_blocks, 1)))


class BruteForceNeighbors(BaseNeighbors):
    """Exact k-nearest neighbours by brute force (Euclidean metric).

    Each query is compared with every training point without ever holding an
    n x n distance matrix: float32 matrix products on cache-sized tiles screen
    ``k + 8`` candidates per query, whose exact float64 distances are then
    ranked, and a rounding-error bound proves no other point can rank; queries
    without that proof (ties at the boundary, duplicate rows) are searched
    again exactly. Ties are broken by the smaller index.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours returned by default by :meth:`kneighbors`.
    n_jobs : int, default=None
        Threads for the search (``None`` or -1: all of Numba's threads). The
        result does not depend on it.

    Attributes
    ----------
    n_samples_fit_ : int
        Number of training points.
    n_features_in_ : int
        Number of features.

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> X = np.array([[0.0], [1.0], [3.0], [6.0]])
    >>> BruteForceNeighbors(n_neighbors=2).fit(X).kneighbors(return_distance=False)
    array([[1, 2],
           [0, 2],
           [1, 0],
           [2, 1]])
    """

    is_exact = True
    _lazy_build = True

    def _build(self, X: np.ndarray) -> None:
        # Centring shrinks the norms, and with them the float32 rounding error.
        self._center = column_means(X)
        # A power of two (exact in float64) brings the values near 1 when they
        # would overflow or underflow float32's exponent range.
        self._scale = 1.0
        largest = largest_offset(X, self._center)
        if 0.0 < largest < np.inf and not 2.0**-40 < largest < 2.0**40:
            # Clamped so that the scale stays a finite float64.
            exponent = int(np.clip(-np.floor(np.log2(largest)), -1000, 1000))
            self._scale = float(np.ldexp(1.0, exponent))
        r_aug = np.empty((X.shape[0], X.shape[1] + 1), dtype=np.float32)
        sqnorm = np.empty(X.shape[0])
        screening_rows(X, self._center, self._scale, r_aug, sqnorm)
        self._r_aug = r_aug
        self._r_norm_max = float(np.sqrt(sqnorm.max()))

    def _query(self, Q, k, exclude_self):
        if exclude_self and all_pairs_applicable(self._r_norm_max):
            # All points against all points: each pair's estimate serves both.
            return kneighbors_all_pairs(self._fit_X, self._center, k, CANDIDATE_MARGIN)
        R = self._fit_X
        centered = (Q - self._center) * self._scale
        q_sqnorm = np.einsum("ij,ij->i", centered, centered)
        q_aug = np.empty((Q.shape[0], Q.shape[1] + 1), dtype=np.float32)
        q_aug[:, :-1] = -2.0 * centered
        q_aug[:, -1] = 1.0
        # Error of float32 screening (in scaled units), from the centring cast,
        # the squared norm and the (d+1)-term dot product; twice the first-order
        # bound. Queries that do not fit float32 get an infinite bound, so they
        # are never taken as proven and are searched exactly.
        err_coef = 2.0 * (Q.shape[1] + 6) * _UNIT_ROUNDOFF_F32
        q_norm = np.sqrt(q_sqnorm)
        err_bound = err_coef * (q_norm + self._r_norm_max) ** 2
        err_bound[~np.isfinite(q_aug).all(axis=1)] = np.inf
        n_cand = min(k + CANDIDATE_MARGIN, self.n_samples_fit_ - int(exclude_self))
        n_cand = max(n_cand, k)
        # One BLAS thread per tile: the parallelism is Numba's, over query tiles.
        with one_blas_thread():
            cand_val, cand_ind = screen_candidates(
                q_aug,
                self._r_aug,
                n_cand,
                exclude_self,
                BLOCK_QUERIES,
                BLOCK_REFERENCES,
                reference_parts(Q.shape[0]),
            )
        del q_aug
        nn_dist = np.full((Q.shape[0], k), np.inf)
        nn_ind = np.full((Q.shape[0], k), -1, dtype=np.int64)
        proven = refine_candidates(
            Q,
            R,
            cand_val,
            cand_ind,
            q_sqnorm,
            err_bound,
            self._r_norm_max,
            err_coef,
            self._scale,
            nn_dist,
            nn_ind,
        )
        unproven = np.flatnonzero(~proven)
        if unproven.size:
            scan_exact(Q, R, unproven, exclude_self, nn_dist, nn_ind)
        np.sqrt(nn_dist, out=nn_dist)
        return nn_dist, nn_ind
