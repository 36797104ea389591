"""Approximate neighbours through pynndescent's NN-Descent, adapted to the contract."""

from __future__ import annotations

import copy
import numbers
import warnings

import numpy as np
from sklearn.utils._param_validation import Interval

from .._kernels.rerank import rank_candidates, scan_rows
from .._threads import numba_threads, resolve_n_jobs
from .base import BaseNeighbors
from .brute import BruteForceNeighbors

#: Keyword arguments of ``pynndescent.NNDescent`` the adapter sets itself.
_RESERVED = {
    "n_neighbors": "n_neighbors and margin",
    "random_state": "random_state",
    "n_jobs": "n_jobs",
    "compressed": "nothing (the neighbour graph must be kept)",
}


class NNDescentNeighbors(BaseNeighbors):
    """Approximate k-nearest neighbours with NN-Descent (pynndescent).

    For data too large for an exact search. pynndescent builds an approximate
    graph of each training point's ``n_neighbors + margin`` nearest
    neighbours; the adapter then ranks those candidates by their exact
    (float64) distances, ties broken by the smaller index as in the exact
    backends, so whenever the candidates contain the true neighbours the
    result equals the exact one, order included. Each training point is
    excluded from its own neighbours by index; pynndescent's
    ``(indices, distances)`` becomes scikit-learn's ``(distances, indices)``.
    Rows for which pynndescent found too few candidates are searched exactly.

    The results are approximate (``is_exact`` is False): measure recall
    against an exact backend before relying on them
    (``tools/measure_approximate.py`` does).

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours returned by default by :meth:`kneighbors`.
    n_jobs : int, default=None
        Threads for the index build and queries (``None`` or -1: all of
        Numba's threads). Numba's previous thread count is restored afterwards,
        although pynndescent sets it itself. Unlike the exact backends, the
        result depends on the thread count: pynndescent's parallel NN-Descent
        updates its graph in an order that does (about 4 % of neighbour lists
        differ between 1 and 2 threads). Results repeat for the same
        ``random_state`` and the same number of threads.
    random_state : int, RandomState instance or None, default=None
        Seed of NN-Descent's random projection trees and initialisation: an
        int makes results repeat. A RandomState instance is copied, never
        advanced, so a sampler sharing it draws the same numbers as with an
        exact backend. ``None``: fresh randomness at every fit.
    margin : int, default=4
        Extra candidates per row beyond ``n_neighbors``. More candidates raise
        the recall of the first few neighbours (Tomek links depend on the
        single nearest one) at the cost of a larger graph and a longer build.
    exact_max_samples : int, default=4096
        Fits on at most this many rows use exact brute force instead of
        NN-Descent (as UMAP does below 4,096 rows): faster there, and exact.
        0 always uses NN-Descent.
    nndescent_params : dict, default=None
        Further keyword arguments of :class:`pynndescent.NNDescent`, e.g.
        ``{"n_trees": 8, "n_iters": 10, "max_candidates": 20}``. The metric
        is Euclidean; ``n_neighbors``, ``random_state``, ``n_jobs`` and
        ``compressed`` are set by the adapter.

    Attributes
    ----------
    n_samples_fit_ : int
        Number of training points.
    n_features_in_ : int
        Number of features.
    index_ : pynndescent.NNDescent or None
        The index (``None`` when the search was exact).
    n_exact_scans_ : int
        Query rows the last ``kneighbors`` call searched exactly because
        NN-Descent gave them too few candidates.

    Notes
    -----
    Use it through a sampler with ``nn_backend="nndescent"`` (the sampler
    passes its ``random_state``), or pass an instance to set pynndescent's
    parameters; the sampler clones it and sets ``n_neighbors``::

        SMOTETomek(random_state=0, nn_backend=NNDescentNeighbors(
            random_state=0, margin=2, nndescent_params={"n_trees": 6}))

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote.neighbors import NNDescentNeighbors
    >>> X = np.random.RandomState(0).normal(size=(200, 4))
    >>> nn = NNDescentNeighbors(n_neighbors=3, random_state=0).fit(X)
    >>> nn.kneighbors(return_distance=False).shape
    (200, 3)
    """

    is_exact = False

    _parameter_constraints: dict = {
        **getattr(BaseNeighbors, "_parameter_constraints", {}),
        "random_state": ["random_state"],
        "margin": [Interval(numbers.Integral, 0, None, closed="left")],
        "exact_max_samples": [Interval(numbers.Integral, 0, None, closed="left")],
        "nndescent_params": [dict, None],
    }

    def __init__(
        self,
        n_neighbors: int = 5,
        *,
        n_jobs: int | None = None,
        random_state=None,
        margin: int = 4,
        exact_max_samples: int = 4096,
        nndescent_params: dict | None = None,
    ):
        super().__init__(n_neighbors, n_jobs=n_jobs)
        self.random_state = random_state
        self.margin = margin
        self.exact_max_samples = exact_max_samples
        self.nndescent_params = nndescent_params

    # -- build ----------------------------------------------------------------
    def _build(self, X):
        params = self._checked_params()
        if int(self.margin) < 0:
            raise ValueError(f"margin must be 0 or more, got {self.margin}")
        n = X.shape[0]
        self.n_exact_scans_ = 0
        self.index_ = None
        self._candidates = None
        self._exact = None
        self._search_centre = None
        self._search_exponent = 0
        width = min(n - 1, int(self.n_neighbors) + int(self.margin))
        if n <= self.exact_max_samples or n <= width + 2:
            self._exact = BruteForceNeighbors(self.n_neighbors, n_jobs=self.n_jobs)
            self._exact.fit(X)._ensure_built()
            return
        from pynndescent import NNDescent

        self._search_centre, self._search_exponent = search_transform(X)
        random_state = self.random_state
        if isinstance(random_state, np.random.RandomState):
            random_state = copy.deepcopy(random_state)
        with warnings.catch_warnings():
            # Rows left short of neighbours are searched exactly by _rank.
            warnings.filterwarnings("ignore", message="Failed to correctly find n_neighbors")
            self.index_ = NNDescent(
                self._search_array(X),
                n_neighbors=width + 1,
                random_state=random_state,
                n_jobs=resolve_n_jobs(self.n_jobs),
                compressed=False,
                **params,
            )
        # Column 0 is the row itself in pynndescent's public graph; it is
        # excluded by index anyway, whatever pynndescent's version does.
        self._candidates = np.ascontiguousarray(self.index_.neighbor_graph[0], dtype=np.int32)

    def _search_array(self, X):
        """``X`` as pynndescent searches it: centred, scaled by a power of two, float32."""
        return to_search_array(X, self._search_centre, self._search_exponent)

    def _checked_params(self) -> dict:
        params = dict(self.nndescent_params or {})
        for key, instead in _RESERVED.items():
            if key in params:
                raise ValueError(
                    f"nndescent_params may not set {key!r}: NNDescentNeighbors sets it from "
                    f"{instead}."
                )
        metric = params.pop("metric", "euclidean")
        if metric not in ("euclidean", "l2"):
            raise ValueError(
                f"nndescent_params sets metric={metric!r}; fastsmote's neighbours are "
                "Euclidean (SMOTE interpolates in Euclidean space)."
            )
        return params

    # -- queries ----------------------------------------------------------------
    def _query(self, Q, k, exclude_self):
        if self._exact is not None:
            return self._exact._query(Q, k, exclude_self)
        if exclude_self and k < self._candidates.shape[1]:
            return self._rank(Q, self._candidates, np.arange(Q.shape[0]), k)
        # More neighbours than the graph holds, or new points: pynndescent's search.
        n_cand = min(k + int(exclude_self) + int(self.margin), self.n_samples_fit_)
        cand, _ = self.index_.query(self._search_array(Q), k=n_cand)
        self_ind = np.arange(Q.shape[0]) if exclude_self else np.full(Q.shape[0], -1)
        return self._rank(Q, np.ascontiguousarray(cand, dtype=np.int32), self_ind, k)

    def _query_rows(self, rows, k):
        # Read from the NN-Descent graph when it holds enough candidates, so no
        # search runs (see BaseNeighbors.kneighbors_of_rows).
        if self._candidates is None or k >= self._candidates.shape[1]:
            return super()._query_rows(rows, k)
        with numba_threads(self.n_jobs):
            return self._rank(self._fit_X[rows], self._candidates[rows], rows, int(k))

    def _rank(self, Q, cand, self_ind, k):
        """The k best of each query's candidates by exact distance; queries
        with too few candidates are searched exactly."""
        nn_dist = np.empty((Q.shape[0], k))
        nn_ind = np.empty((Q.shape[0], k), dtype=np.int64)
        self_ind = np.ascontiguousarray(self_ind, dtype=np.int64)
        complete = rank_candidates(Q, self._fit_X, cand, self_ind, nn_dist, nn_ind)
        short = np.flatnonzero(~complete)
        self.n_exact_scans_ = int(short.size)
        if short.size:
            short_dist = np.empty((short.size, k))
            short_ind = np.empty((short.size, k), dtype=np.int64)
            scan_rows(
                np.ascontiguousarray(Q[short]), self._fit_X, self_ind[short], short_dist, short_ind
            )
            nn_dist[short], nn_ind[short] = short_dist, short_ind
        np.sqrt(nn_dist, out=nn_dist)
        return nn_dist, nn_ind


#: Rows converted at a time, so the float64 intermediate stays small.
_BLOCK_ROWS = 65536
_F32_MAX = float(np.finfo(np.float32).max)


def search_transform(X) -> tuple[np.ndarray, int]:
    """The centre and power-of-two exponent that bring ``X`` to float32's best range.

    pynndescent computes distances in float32. Data far from the origin
    (``1e8 + randn``) lose their differences in the cast; data of scale 1e-25
    have squared distances below float32's smallest number; values above
    3.4e38 do not fit. Euclidean neighbours do not change under a shift and a
    uniform scale, so the search runs on ``(X - centre) * 2**-exponent``, whose
    largest magnitude lies in [0.5, 1); a power of two scales without
    rounding. The candidates are ranked on the original data.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64 or float32
        Finite training data.

    Returns
    -------
    centre : ndarray of shape (n_features,), float64
        The column means (0 where a mean overflows).
    exponent : int
        ``frexp``'s exponent of the largest centred magnitude (0 for constant data).

    Examples
    --------
    >>> centre, exponent = search_transform(np.array([[1e8 + 1.0], [1e8 - 3.0]]))
    >>> centre.tolist(), exponent
    ([99999999.0], 2)
    """
    with np.errstate(over="ignore", invalid="ignore"):
        centre = np.mean(X, axis=0, dtype=np.float64)
    # A mean can overflow only near float64's largest values; a zero centre
    # still leaves the scaling to fit them.
    centre[~np.isfinite(centre)] = 0.0
    largest = 0.0
    for start in range(0, X.shape[0], _BLOCK_ROWS):
        block = np.asarray(X[start : start + _BLOCK_ROWS], dtype=np.float64) - centre
        largest = max(largest, float(np.max(np.abs(block), initial=0.0)))
    exponent = int(np.frexp(largest)[1]) if np.isfinite(largest) and largest > 0 else 0
    return centre, exponent


def to_search_array(X, centre, exponent) -> np.ndarray:
    """``(X - centre) * 2**-exponent`` in float32, C-contiguous (see :func:`search_transform`).

    Examples
    --------
    >>> to_search_array(np.array([[1e8 + 1.0], [1e8 - 3.0]]), np.array([1e8 - 1.0]), 2)
    array([[ 0.5],
           [-0.5]], dtype=float32)
    """
    out = np.empty(X.shape, dtype=np.float32)
    for start in range(0, X.shape[0], _BLOCK_ROWS):
        block = np.asarray(X[start : start + _BLOCK_ROWS], dtype=np.float64) - centre
        # New query points may lie beyond the training range; float32's
        # largest value keeps them finite (and far) instead of infinite.
        np.clip(np.ldexp(block, -exponent), -_F32_MAX, _F32_MAX, out=block)
        out[start : start + block.shape[0]] = block
    return out
