"""Exact Euclidean nearest neighbours with a balanced KD-tree (Numba kernels)."""

from __future__ import annotations

import numbers

import numpy as np

from .._kernels.kdtree import build_kdtree, query_kdtree
from .base import BaseNeighbors


class KDTreeNeighbors(BaseNeighbors):
    """Exact k nearest neighbours from a KD-tree, with deterministic ties.

    A drop-in for :class:`sklearn.neighbors.NearestNeighbors` with the
    Euclidean metric, for low-dimensional data (up to roughly 15 features,
    beyond which brute force is usually faster). The tree splits each node at
    the median of its widest dimension and bounds every node by the tight box
    of its points; the search prunes a node only when that box is strictly
    farther than the current k-th neighbour, so the result equals the
    brute-force backend's bit for bit, ties included (the smaller index wins).
    Queries run in parallel; the output never depends on the thread count.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours returned by default by :meth:`kneighbors`.
    leaf_size : int, default=40
        Largest number of points in a leaf. Leaves are scanned point by
        point; smaller leaves prune more but make a deeper tree. The result
        does not depend on it.
    n_jobs : int, default=None
        Threads used to build the tree and run the query (``None`` or ``-1``:
        all of Numba's threads). The output never depends on it.

    Attributes
    ----------
    n_samples_fit_ : int
        Number of training points.
    n_features_in_ : int
        Number of features of the training points.

    See Also
    --------
    sklearn.neighbors.NearestNeighbors : The scikit-learn estimator this mimics.

    Notes
    -----
    ``kneighbors(X=None)`` queries the training points and removes each point
    from its own neighbours by index, so duplicates of a point at other
    indices are reported, at distance 0, as scikit-learn does.

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote.neighbors.kdtree import KDTreeNeighbors
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
    >>> nn = KDTreeNeighbors(n_neighbors=2).fit(X)
    >>> dist, ind = nn.kneighbors()
    >>> ind
    array([[1, 2],
           [0, 2],
           [0, 1],
           [2, 1]])
    >>> nn.kneighbors([[0.9, 0.1]], n_neighbors=1, return_distance=False)
    array([[1]])
    """

    def __init__(self, n_neighbors: int = 5, *, leaf_size: int = 40, n_jobs: int | None = None):
        super().__init__(n_neighbors=n_neighbors, n_jobs=n_jobs)
        self.leaf_size = leaf_size

    def _build(self, X: np.ndarray) -> None:
        leaf_size = self.leaf_size
        # Validated here, not in __init__, so that clone/set_params keep the value as given.
        if isinstance(leaf_size, bool) or not isinstance(leaf_size, numbers.Integral):
            raise TypeError(f"leaf_size must be an integer, got {type(leaf_size).__name__}.")
        if leaf_size < 1:
            raise ValueError(f"leaf_size must be at least 1, got {leaf_size}.")
        self._tree = build_kdtree(X, int(leaf_size))

    def _query(self, Q: np.ndarray, k: int, exclude_self: bool) -> tuple[np.ndarray, np.ndarray]:
        return query_kdtree(*self._tree, Q, k, exclude_self)
