"""Approximate neighbours through pynndescent's NN-Descent, adapted to the contract."""

from __future__ import annotations

import numpy as np

from .base import BaseNeighbors, drop_self


class NNDescentNeighbors(BaseNeighbors):
    """Approximate k-nearest neighbours with NN-Descent (pynndescent).

    For data too large or too high-dimensional for an exact search. The
    results are approximate (``is_exact`` is False): measure recall against an
    exact backend before relying on them. pynndescent returns
    ``(indices, distances)``; this adapter returns scikit-learn's
    ``(distances, indices)`` and excludes each training point from its own
    neighbours by index.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours returned by default by :meth:`kneighbors`.
    n_jobs : int, default=None
        Threads for the index build and queries; Numba's thread count is
        restored afterwards.
    random_state : int, RandomState instance or None, default=None
        Seed of NN-Descent's random projections and initialisation, so results
        repeat.
    margin : int, default=4
        Extra neighbours searched beyond those returned, which raises recall of
        the first few (Tomek links depend on the single nearest one).
    nndescent_params : dict, default=None
        Further keyword arguments of :class:`pynndescent.NNDescent`
        (``n_trees``, ``n_iters``, ``diversify_prob``, ...).

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote.neighbors.nndescent import NNDescentNeighbors
    >>> X = np.random.RandomState(0).normal(size=(200, 4))
    >>> nn = NNDescentNeighbors(n_neighbors=3, random_state=0).fit(X)
    >>> nn.kneighbors(return_distance=False).shape
    (200, 3)
    """

    is_exact = False

    def __init__(
        self,
        n_neighbors: int = 5,
        *,
        n_jobs: int | None = None,
        random_state=None,
        margin: int = 4,
        nndescent_params: dict | None = None,
    ):
        super().__init__(n_neighbors, n_jobs=n_jobs)
        self.random_state = random_state
        self.margin = margin
        self.nndescent_params = nndescent_params

    def _build(self, X):
        from pynndescent import NNDescent

        params = dict(self.nndescent_params or {})
        self._graph_k = min(X.shape[0] - 1, self.n_neighbors + self.margin + 1)
        self._graph_k = max(self._graph_k, 1)
        # NNDescent calls numba.set_num_threads itself when given n_jobs; the
        # caller's count is restored by BaseNeighbors.fit's numba_threads.
        self._index = NNDescent(
            X,
            n_neighbors=max(self._graph_k, 2),
            random_state=self.random_state,
            n_jobs=self.n_jobs if self.n_jobs is not None else -1,
            compressed=False,
            **params,
        )

    def _query(self, Q, k, exclude_self):
        if exclude_self:
            graph = self._index.neighbor_graph
            if graph is not None and k + 1 <= graph[0].shape[1]:
                ind, dist = graph
            else:
                ind, dist = self._index.query(Q, k=min(k + 1 + self.margin, Q.shape[0]))
            dist, ind = drop_self(
                np.asarray(dist, dtype=np.float64), np.asarray(ind), np.arange(Q.shape[0])
            )
            return dist[:, :k], ind[:, :k]
        ind, dist = self._index.query(Q, k=min(k + self.margin, self.n_samples_fit_))
        return np.asarray(dist, dtype=np.float64)[:, :k], np.asarray(ind, dtype=np.int64)[:, :k]
