"""Exact neighbours of sparse (CSR) rows, without densifying the matrix."""

from __future__ import annotations

import weakref

import numba
import numpy as np
from scipy import sparse
from sklearn.utils.validation import check_array

from .._kernels.sparse import csr_kneighbors, csr_row_sqnorms
from .._threads import numba_threads
from .base import KERNEL_DTYPES, BaseNeighbors


def canonical_csr(X, dtype=None) -> sparse.csr_matrix:
    """``X`` as a CSR matrix with sorted, unique column indices per row.

    A copy is made only when ``X`` is not CSR already, needs another dtype,
    or has duplicate or unsorted indices (the kernels assume canonical rows).

    Examples
    --------
    >>> X = sparse.csr_matrix((np.array([1.0, 2.0]), np.array([1, 1]), np.array([0, 2])), (1, 2))
    >>> canonical_csr(X).toarray().tolist()
    [[0.0, 3.0]]
    """
    X = check_array(X, accept_sparse="csr", dtype=KERNEL_DTYPES if dtype is None else dtype)
    if not sparse.issparse(X):
        raise TypeError("canonical_csr needs a sparse matrix.")
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()  # also sorts the indices
    return X


class SparseNeighbors(BaseNeighbors):
    """Exact k-nearest neighbours of CSR rows (Euclidean metric).

    Works on the CSR arrays: dot products through the column postings screen
    the rows a query shares columns with, rows sharing none are visited in
    order of their norm, and a rounding-error bound selects the rows whose
    exact squared distance (float64, summed over the union of the two rows'
    columns in increasing column order) must be computed. The result is exact,
    ties broken by the smaller index; memory is that of the matrix, its CSC
    copy and one row-length buffer per thread.

    Fastsmote's samplers use it for sparse input whenever ``nn_backend`` names
    a backend.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours returned by default by :meth:`kneighbors`.
    n_jobs : int, default=None
        Threads for the search (``None`` or -1: all of Numba's threads). The
        result does not depend on it.

    Examples
    --------
    >>> from scipy import sparse
    >>> from fastsmote.neighbors import SparseNeighbors
    >>> X = sparse.csr_matrix([[0.0, 1.0], [0.0, 2.0], [3.0, 0.0]])
    >>> SparseNeighbors(n_neighbors=1).fit(X).kneighbors(return_distance=False).ravel().tolist()
    [1, 0, 0]
    """

    is_exact = True

    def _training_array(self, X):
        if not sparse.issparse(X):
            raise TypeError(
                "SparseNeighbors needs a sparse matrix; use BruteForceNeighbors or "
                "KDTreeNeighbors for dense input."
            )
        return canonical_csr(X)

    def _query_array(self, X):
        if not sparse.issparse(X):
            raise TypeError("SparseNeighbors needs sparse query points.")
        return canonical_csr(X, dtype=self._fit_X.dtype)

    def _build(self, X) -> None:
        self._sqnorm = csr_row_sqnorms(X.indptr, X.data)
        # Column postings (CSC), for the dot products of a query with the rows
        # sharing its columns; a format conversion, never a dense array.
        self._postings = X.tocsc()
        self._by_sqnorm = np.lexsort((np.arange(X.shape[0]), self._sqnorm)).astype(np.int64)

    def _search(self, Q, q_sqnorm, self_ind, k):
        R = self._fit_X
        P = self._postings
        nn_d2 = np.empty((Q.shape[0], k))
        nn_ind = np.empty((Q.shape[0], k), dtype=np.int64)
        if Q.shape[0]:
            csr_kneighbors(
                Q.indptr,
                Q.indices,
                Q.data,
                q_sqnorm,
                np.ascontiguousarray(self_ind, dtype=np.int64),
                R.indptr,
                R.indices,
                R.data,
                self._sqnorm,
                P.indptr,
                P.indices,
                P.data,
                self._by_sqnorm,
                k,
                min(Q.shape[0], 2 * numba.get_num_threads()),
                nn_d2,
                nn_ind,
            )
        return np.sqrt(nn_d2), nn_ind

    def _query(self, Q, k, exclude_self):
        if exclude_self:
            return self._search(Q, self._sqnorm, np.arange(Q.shape[0]), k)
        return self._search(Q, csr_row_sqnorms(Q.indptr, Q.data), np.full(Q.shape[0], -1), k)

    def _query_rows(self, rows, k):
        # The rows are searched as queries that exclude themselves by index.
        with numba_threads(self.n_jobs):
            return self._search(self._fit_X[rows], self._sqnorm[rows], rows, int(k))


#: The backends :func:`for_sparse` replaced on sparse input, by identity: what
#: ran was the sparse search, which ``nn_search_`` reports (see
#: :func:`searched_as`). Held weakly and outside the objects, so that the
#: sampler's (or the user's) neighbours object is never written to.
_REPLACED_ON_SPARSE: weakref.WeakSet = weakref.WeakSet()


def for_sparse(nn, X):
    """The neighbours object to use on ``X``: a fastsmote backend becomes a
    :class:`SparseNeighbors` with the same ``n_neighbors`` and ``n_jobs`` when
    ``X`` is sparse; anything else is returned as given.

    ``nn`` itself is left untouched; :func:`searched_as` tells afterwards
    whether its last use was replaced this way.

    Examples
    --------
    >>> from scipy import sparse
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> for_sparse(BruteForceNeighbors(3), sparse.csr_matrix((2, 2)))
    SparseNeighbors(n_neighbors=3)
    """
    if not isinstance(nn, BaseNeighbors) or isinstance(nn, SparseNeighbors):
        return nn
    if sparse.issparse(X):
        _REPLACED_ON_SPARSE.add(nn)
        return SparseNeighbors(nn.n_neighbors, n_jobs=nn.n_jobs)
    _REPLACED_ON_SPARSE.discard(nn)
    return nn


def searched_as(nn) -> str | None:
    """``"sparse"`` when :func:`for_sparse` last replaced ``nn`` by the sparse
    backend (sparse input), else None: the name of the search that ran.

    Examples
    --------
    >>> from scipy import sparse
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> nn = BruteForceNeighbors(3)
    >>> _ = for_sparse(nn, sparse.csr_matrix((2, 2)))
    >>> searched_as(nn), hasattr(nn, "searched_as_")
    ('sparse', False)
    """
    try:
        return "sparse" if nn in _REPLACED_ON_SPARSE else None
    except TypeError:  # not weakly referenceable, so never recorded
        return None
