"""The neighbour-backend contract shared by every fastsmote backend.

A backend behaves like scikit-learn's :class:`~sklearn.neighbors.NearestNeighbors`
for the Euclidean metric: ``fit``, ``kneighbors`` and ``kneighbors_graph``, with
``kneighbors(X=None)`` excluding each training point from its own neighbours
*by index* (never by dropping the first column, which is wrong when rows
repeat). Because of that, a backend also plugs into imbalanced-learn's own
samplers, e.g. ``imblearn.over_sampling.SMOTE(k_neighbors=BruteForceNeighbors(6))``.
"""

from __future__ import annotations

import numbers
from abc import ABCMeta, abstractmethod

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_array, check_is_fitted

from .._params import MemoisedParamsMixin
from .._threads import numba_threads

#: The two dtypes kernels are compiled for; anything else is cast to float64.
KERNEL_DTYPES = (np.float64, np.float32)


def as_kernel_array(X, dtype=None) -> np.ndarray:
    """Validate ``X`` and return a C-contiguous float64 or float32 array.

    float32 stays float32 (half the memory); other numeric types become float64,
    which represents integers below 2**53 exactly, so distances are unchanged.
    A finite, non-empty C-contiguous float array of the wanted type is returned
    as it is without scikit-learn's checks (they would pass it unchanged; about
    0.1 ms a call, paid at every fit of a small table).
    """
    if (
        type(X) is np.ndarray
        and X.ndim == 2
        and X.dtype in (KERNEL_DTYPES if dtype is None else (dtype,))
        and X.flags.c_contiguous
        and X.shape[0] > 0
        and X.shape[1] > 0
        and np.isfinite(X.sum())
    ):
        return X
    X = check_array(X, dtype=KERNEL_DTYPES if dtype is None else dtype, order="C")
    return np.ascontiguousarray(X)


class BaseNeighbors(MemoisedParamsMixin, BaseEstimator, metaclass=ABCMeta):
    """Base class of fastsmote's neighbour backends (Euclidean metric).

    Subclasses implement ``_build(X)`` and ``_query(Q, k, exclude_self)``; this
    class provides scikit-learn's validation, errors and graph construction.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours returned by default by :meth:`kneighbors`.
    n_jobs : int, default=None
        Threads used by the query (``None`` or ``-1``: all of Numba's threads).
        The output never depends on it.
    """

    #: Whether ``kneighbors`` returns the exact nearest neighbours.
    is_exact: bool = True

    #: Build the index at the first query rather than in ``fit``: samplers fit
    #: a backend before knowing whether scikit-learn's own search will answer
    #: instead (see :mod:`fastsmote.neighbors.sklearn_order`).
    _lazy_build: bool = False

    _parameter_constraints: dict = {
        "n_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(self, n_neighbors: int = 5, *, n_jobs: int | None = None):
        self.n_neighbors = n_neighbors
        self.n_jobs = n_jobs

    # -- scikit-learn API -------------------------------------------------
    def fit(self, X, y=None) -> BaseNeighbors:
        """Index the rows of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training points; float32 stays float32, other numbers become float64.
        y : ignored

        Returns
        -------
        self : object
        """
        self._validate_params()
        X = self._training_array(X)
        self._fit_X = X
        self.n_samples_fit_ = X.shape[0]
        self.n_features_in_ = X.shape[1]
        self._built = False
        self._fit_facts = None  # see neighbors.ambiguity.fit_facts
        self._prepare(X)
        if not self._lazy_build:
            self._ensure_built()
        return self

    def _ensure_built(self) -> None:
        """Build the index over the fitted rows, once."""
        if getattr(self, "_built", True):
            return
        X = self._fit_X
        before = set(vars(self))
        # Approximate backends keep their threads: their result depends on the count.
        with numba_threads(self.n_jobs, work=X.size if self.is_exact else None):
            self._build(X)
        # What the build added is the index: release_index drops exactly that.
        self._index_names = tuple(sorted(set(vars(self)) - before))
        self._built = True

    def release_index(self) -> None:
        """Free the search index of an exact backend; the next query builds it again.

        The object stays fitted (its training rows, attributes and answers
        are unchanged): a sampler calls this after its last search so that
        the index (brute force's float32 copy of the rows, a KD-tree's
        reordered copy) is gone before it allocates its output. Approximate
        backends keep their index, since building it again could give other
        neighbours.
        """
        if not self.is_exact or not getattr(self, "_built", False):
            return
        for name in self._index_names:
            self.__dict__.pop(name, None)
        self._index_names = ()
        self._built = False

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        """Find the ``n_neighbors`` nearest training points of each query row.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            Query points. ``None`` queries the training points themselves, each
            excluded from its own neighbours by index.
        n_neighbors : int, default=None
            Defaults to the constructor's ``n_neighbors``.
        return_distance : bool, default=True
            Whether to return distances as well.

        Returns
        -------
        neigh_dist : ndarray of shape (n_queries, n_neighbors), float64
            Euclidean distances, ascending; returned when ``return_distance``.
        neigh_ind : ndarray of shape (n_queries, n_neighbors), int64
            Indices into the training points; ties broken by the smaller index.
        """
        check_is_fitted(self, "n_samples_fit_")
        if n_neighbors is None:
            n_neighbors = self.n_neighbors
        elif n_neighbors <= 0:
            raise ValueError(f"Expected n_neighbors > 0. Got {n_neighbors}")
        elif not isinstance(n_neighbors, numbers.Integral):
            raise TypeError(
                f"n_neighbors does not take {type(n_neighbors)} value, enter integer value"
            )
        exclude_self = X is None
        if exclude_self:
            Q = self._fit_X
            limit_ok = n_neighbors < self.n_samples_fit_
            inequality = "n_neighbors < n_samples_fit"
        else:
            Q = self._query_array(X)
            if Q.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"X has {Q.shape[1]} features, but {type(self).__name__} is expecting "
                    f"{self.n_features_in_} features as input"
                )
            limit_ok = n_neighbors <= self.n_samples_fit_
            inequality = "n_neighbors <= n_samples_fit"
        if not limit_ok:
            raise ValueError(
                f"Expected {inequality}, but n_neighbors = {n_neighbors}, "
                f"n_samples_fit = {self.n_samples_fit_}, n_samples = {Q.shape[0]}"
            )
        self._ensure_built()
        work = Q.shape[0] * self.n_samples_fit_ * self.n_features_in_ if self.is_exact else None
        with numba_threads(self.n_jobs, work=work):
            nn_dist, nn_ind = self._query(Q, int(n_neighbors), exclude_self)
        return (nn_dist, nn_ind) if return_distance else nn_ind

    def kneighbors_of_rows(self, rows, n_neighbors=None, return_distance=True):
        """Neighbours of the training rows ``rows``, each excluding itself by index.

        Equivalent to ``kneighbors(None)[rows]`` without searching for the other
        rows: what Borderline-SMOTE, ADASYN and ENN need (a class's rows
        against all rows).

        Parameters
        ----------
        rows : array-like of int
            Indices of training points to query.
        n_neighbors : int, default=None
            Defaults to the constructor's ``n_neighbors``.
        return_distance : bool, default=True
            Whether to return distances as well.

        Returns
        -------
        neigh_dist : ndarray of shape (len(rows), n_neighbors)
            Returned when ``return_distance``.
        neigh_ind : ndarray of shape (len(rows), n_neighbors)
        """
        check_is_fitted(self, "n_samples_fit_")
        if n_neighbors is None:
            n_neighbors = self.n_neighbors
        rows = np.asarray(rows)
        if rows.size and not np.issubdtype(rows.dtype, np.integer):
            raise IndexError(f"rows must be integers, got dtype {rows.dtype}.")
        rows = rows.astype(np.int64).ravel()
        n_fit = self.n_samples_fit_
        if rows.size and (rows.min() < -n_fit or rows.max() >= n_fit):
            bad = int(rows.min()) if rows.min() < -n_fit else int(rows.max())
            raise IndexError(f"index {bad} is out of bounds for axis 0 with size {n_fit}")
        # Negative rows count from the end (as NumPy indexing); each row is
        # then excluded from its own list under its one index.
        rows = np.where(rows < 0, rows + n_fit, rows)
        if n_neighbors >= self.n_samples_fit_:
            raise ValueError(
                f"Expected n_neighbors < n_samples_fit, but n_neighbors = {n_neighbors}, "
                f"n_samples_fit = {self.n_samples_fit_}, n_samples = {rows.shape[0]}"
            )
        self._ensure_built()
        nn_dist, nn_ind = self._query_rows(rows, n_neighbors)
        return (nn_dist, nn_ind) if return_distance else nn_ind

    def _query_rows(self, rows: np.ndarray, k) -> tuple[np.ndarray, np.ndarray]:
        """The search behind :meth:`kneighbors_of_rows` (arguments validated):
        ``k + 1`` neighbours of the rows, each row then dropped from its own list.
        Backends that can exclude a row by index while searching override it."""
        nn_dist, nn_ind = self.kneighbors(self._fit_X[rows], k + 1)
        return drop_self(nn_dist, nn_ind, rows)

    def kneighbors_graph(self, X=None, n_neighbors=None, mode="connectivity"):
        """Sparse graph of the k nearest neighbours, as in scikit-learn.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            Query points; ``None`` means the training points, self excluded.
        n_neighbors : int, default=None
            Defaults to the constructor's ``n_neighbors``.
        mode : {"connectivity", "distance"}, default="connectivity"
            Ones, or the Euclidean distances, as the stored values.

        Returns
        -------
        A : scipy.sparse.csr_matrix of shape (n_queries, n_samples_fit)
        """
        if n_neighbors is None:
            n_neighbors = self.n_neighbors
        if mode == "connectivity":
            nn_ind = self.kneighbors(X, n_neighbors, return_distance=False)
            data = np.ones(nn_ind.size)
        elif mode == "distance":
            nn_dist, nn_ind = self.kneighbors(X, n_neighbors, return_distance=True)
            data = nn_dist.ravel()
        else:
            raise ValueError(
                'Unsupported mode, must be one of "connectivity", or "distance" '
                f"but got {mode} instead"
            )
        n_queries = nn_ind.shape[0]
        indptr = np.arange(0, n_queries * n_neighbors + 1, n_neighbors)
        return sparse.csr_matrix(
            (data, nn_ind.ravel(), indptr), shape=(n_queries, self.n_samples_fit_)
        )

    # -- input formats (dense here; the sparse backend overrides both) --------
    def _training_array(self, X):
        """``X`` validated into the array ``_build`` indexes."""
        if sparse.issparse(X):
            raise TypeError(
                f"{type(self).__name__} needs dense input; convert sparse matrices with "
                ".toarray(), use fastsmote.neighbors.SparseNeighbors, or pass a "
                "scikit-learn NearestNeighbors as k_neighbors."
            )
        return as_kernel_array(X)

    def _query_array(self, X):
        """Query points ``X`` validated like the training array."""
        if sparse.issparse(X):
            raise TypeError(f"{type(self).__name__} needs dense query points.")
        return as_kernel_array(X, dtype=self._fit_X.dtype)

    # -- what a backend implements ------------------------------------------
    def _prepare(self, X) -> None:
        """Cheap work ``fit`` always does (the index itself may wait for a query)."""

    @abstractmethod
    def _build(self, X: np.ndarray) -> None:
        """Build the index over the C-contiguous training array ``X``."""

    @abstractmethod
    def _query(self, Q: np.ndarray, k: int, exclude_self: bool) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(nn_dist, nn_ind)`` of shape (n_queries, k), sorted by
        (distance, index). When ``exclude_self``, ``Q`` is the training array
        and row i never lists itself."""


def checked_indices(ind, n_fit: int, n_rows: int, owner) -> np.ndarray:
    """Neighbour indices returned by a user's neighbours object, checked before
    any kernel reads them.

    Parameters
    ----------
    ind : array-like
        What ``owner.kneighbors`` returned (``return_distance=False``).
    n_fit : int
        Rows ``owner`` was fitted on: valid indices are ``-n_fit .. n_fit - 1``.
    n_rows : int
        Query rows asked for.
    owner : object
        The neighbours object, named in the errors.

    Returns
    -------
    ind : ndarray of int64, shape (n_rows, n_neighbors)
        Negative indices count from the end, as NumPy indexing (and so
        imbalanced-learn) reads them.

    Raises
    ------
    IndexError
        An index outside the fitted rows, or indices that are not integers
        (NumPy's exception for both, as imbalanced-learn raises).
    ValueError
        Not one row of indices per query row.

    Examples
    --------
    >>> checked_indices([[1, -1]], 3, 1, "nn").tolist()
    [[1, 2]]
    """
    name = type(owner).__name__ if not isinstance(owner, str) else owner
    ind = np.asarray(ind)
    if ind.ndim != 2 or ind.shape[0] != n_rows:
        raise ValueError(
            f"{name}.kneighbors returned indices of shape {ind.shape}; "
            f"expected one row per query row, ({n_rows}, n_neighbors)."
        )
    if ind.size == 0:
        return np.zeros(ind.shape, dtype=np.int64)
    if not np.issubdtype(ind.dtype, np.integer):
        raise IndexError(
            f"{name}.kneighbors returned indices of dtype {ind.dtype}; "
            "arrays used as indices must be of integer type."
        )
    low, high = int(ind.min()), int(ind.max())
    if low < -n_fit or high >= n_fit:
        bad = low if low < -n_fit else high
        raise IndexError(
            f"index {bad} is out of bounds for axis 0 with size {n_fit}: "
            f"{name}.kneighbors returned a neighbour outside the {n_fit} samples it was "
            "fitted on."
        )
    ind = ind.astype(np.int64)
    ind[ind < 0] += n_fit
    return ind


def drop_self(nn_dist, nn_ind, self_ind):
    """Remove each row's own index from its neighbour list, by index.

    Row ``r`` loses the entry equal to ``self_ind[r]``, or its last (farthest)
    entry when it does not list itself (possible only when at least as many
    duplicates of it rank first). The result has one column less.
    """
    n_rows, width = nn_ind.shape
    is_self = nn_ind == np.asarray(self_ind)[:, None]
    # Keep only the first match, then mark the last column where none matched.
    is_self &= np.cumsum(is_self, axis=1) == 1
    is_self[~is_self.any(axis=1), width - 1] = True
    keep = ~is_self
    return (
        nn_dist[keep].reshape(n_rows, width - 1),
        nn_ind[keep].reshape(n_rows, width - 1).astype(np.int64, copy=False),
    )
