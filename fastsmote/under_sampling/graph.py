"""Neighbour lists searched once and reused while samples are removed.

A row's list holds its nearest neighbours within some set of rows, sorted by
(distance, index). When rows are removed afterwards, its nearest neighbours
among the survivors are its list filtered to the survivors, as long as enough
of the list survives: every survivor closer than the last listed one is listed.
Only rows whose filtered list became too short are searched again, among the
survivors. That is how RENN and AllKNN avoid a full search for every pass.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import clone

from .._kernels.cleaning import enn_keep_mask
from .._threads import numba_threads
from .base import check_enough_samples

#: From this fraction of the rows on, the all-points query (each pair computed
#: once for both of its points by the brute-force backend) is cheaper than
#: querying the rows one-sidedly.
ALL_POINTS_FRACTION = 0.5


class NeighborGraph:
    """Neighbour lists of the rows of ``X`` against surviving rows of ``X``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The training rows (dense).
    nn : BaseNeighbors
        A fastsmote backend; it is fitted on all of ``X`` (becoming the
        sampler's fitted ``nn_``) and cloned for searches among survivors.
    width : int
        Neighbours kept per list; more than an ENN pass needs makes lists
        survive more removals.
    n_jobs : int or None
        Threads of the decision kernel.

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> X = np.array([[0.0], [1.0], [3.0], [6.0]])
    >>> graph = NeighborGraph(X, BruteForceNeighbors(), width=2)
    >>> alive = np.ones(4, dtype=bool)
    >>> y_codes = np.array([0, 0, 1, 1])
    >>> graph.edit(np.arange(4), 1, alive, y_codes, 2, use_mode=False)
    array([ True,  True, False,  True])
    """

    def __init__(self, X, nn, width: int, n_jobs=None):
        self.X = X
        self.nn = nn
        # No list can hold more than the other n - 1 rows; a larger width
        # (n_neighbors=10**12) would only allocate.
        self.width = max(0, min(int(width), X.shape[0] - 1))
        self.n_jobs = n_jobs
        self.nn_ind = np.full((X.shape[0], self.width), -1, dtype=np.int64)
        self.listed = np.zeros(X.shape[0], dtype=np.bool_)
        self.n_searched = 0
        self._fitted = False

    def search(self, rows, alive) -> None:
        """(Re)build the lists of ``rows`` (sorted, alive) among the alive rows."""
        if rows.size == 0:
            return
        n = self.X.shape[0]
        alive_idx = np.flatnonzero(alive)
        width = min(self.width, alive_idx.size - 1)
        if alive_idx.size == n:
            if not self._fitted:
                self.nn.fit(self.X)
                self._fitted = True
            backend, positions = self.nn, rows
        else:
            backend = clone(self.nn).fit(self.X[alive_idx])
            positions = np.searchsorted(alive_idx, rows)
        if positions.size == alive_idx.size:
            ind = backend.kneighbors(None, width, return_distance=False)
        elif positions.size >= ALL_POINTS_FRACTION * alive_idx.size:
            ind = backend.kneighbors(None, width, return_distance=False)[positions]
        else:
            ind = backend.kneighbors_of_rows(positions, width, return_distance=False)
        self.nn_ind[rows, :width] = alive_idx[ind]
        self.nn_ind[rows, width:] = -1
        self.listed[rows] = True
        self.n_searched += rows.size

    def alive_lists(self, rows, count, alive) -> np.ndarray:
        """The first ``count`` alive entries of the lists of ``rows`` (listed),
        -1 where a list holds fewer."""
        out = np.full((rows.size, count), -1, dtype=np.int64)
        lists = self.nn_ind[rows]
        is_alive = (lists >= 0) & alive[np.maximum(lists, 0)]
        rank = np.cumsum(is_alive, axis=1) - 1
        take = is_alive & (rank < count)
        r, c = np.nonzero(take)
        out[r, rank[r, c]] = lists[r, c]
        return out

    def edit(self, rows, n_neighbors, alive, y_codes, n_classes, use_mode) -> np.ndarray:
        """ENN's keep decision for ``rows`` (sorted, alive) from their first
        ``n_neighbors`` alive neighbours; searches only what it must."""
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size == 0:
            return np.zeros(0, dtype=np.bool_)
        n_alive = int(np.count_nonzero(alive))
        check_enough_samples(n_neighbors + 1, n_alive, rows.size)
        self.search(rows[~self.listed[rows]], alive)
        own_codes = y_codes[rows]
        with numba_threads(self.n_jobs, work=rows.shape[0] * n_neighbors):
            keep, complete = enn_keep_mask(
                self.nn_ind[rows], own_codes, y_codes, alive, n_neighbors, n_classes, use_mode
            )
            if not complete.all():
                short = np.flatnonzero(~complete)
                self.search(rows[short], alive)
                keep[short], _ = enn_keep_mask(
                    self.nn_ind[rows[short]],
                    own_codes[short],
                    y_codes,
                    alive,
                    n_neighbors,
                    n_classes,
                    use_mode,
                )
        return keep
