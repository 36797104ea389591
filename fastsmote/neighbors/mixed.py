"""Exact k nearest neighbours for SMOTE-NC's mixed distance, on category codes.

The distance is imbalanced-learn's Euclidean distance on its scaled one-hot
matrix, computed without that matrix: the continuous squared distance plus
``half_penalty`` (``c**2``) per differing one-hot column (see
:mod:`fastsmote._kernels.categorical`).

A row that shares no category with a query pays the largest penalty, so among
those rows the nearest by continuous distance are the nearest overall. The
search therefore ranks, per query, its nearest rows by continuous distance
(from an exact Euclidean backend) and the rows sharing one of its categories
(from an index of the rows by category), and proves the result; the rare
query without a proof is scanned exactly.
"""

from __future__ import annotations

import numpy as np

from .._kernels.categorical import rank_mixed_neighbors
from .._kernels.scan import scan_exact_rows
from .._threads import numba_threads
from .backends import make_backend
from .base import as_kernel_array
from .brute import CANDIDATE_MARGIN


def mixed_kneighbors(X_cont, codes, half_penalty, n_neighbors, nn_backend="auto", n_jobs=None):
    """Each row's ``n_neighbors`` nearest other rows under SMOTE-NC's distance.

    Parameters
    ----------
    X_cont : ndarray of shape (n_samples, n_continuous)
        Continuous features (float32 stays float32, other numbers become float64).
    codes : ndarray of shape (n_samples, n_categorical), int
        Category codes, ``-1`` for "no category".
    half_penalty : float
        ``c**2``: the squared distance added per differing one-hot column.
    n_neighbors : int
        Neighbours per row, the row itself excluded by index.
    nn_backend : {"auto", "brute", "kdtree"}, default="auto"
        The exact Euclidean backend that finds the nearest rows by continuous
        distance. The result does not depend on it.
    n_jobs : int, default=None
        Threads (``None`` or -1: all of Numba's). The result does not depend on it.

    Returns
    -------
    nn_dist : ndarray of shape (n_samples, n_neighbors), float64
        Squared distances, ascending.
    nn_ind : ndarray of shape (n_samples, n_neighbors), int64
        Neighbour indices; ties broken by the smaller index.

    Examples
    --------
    >>> import numpy as np
    >>> X_cont = np.array([[0.0], [0.1], [0.2], [5.0]])
    >>> codes = np.array([[0], [1], [0], [0]])
    >>> mixed_kneighbors(X_cont, codes, half_penalty=1.0, n_neighbors=1)[1].ravel().tolist()
    [2, 0, 0, 2]
    """
    X = as_kernel_array(X_cont)
    codes = np.ascontiguousarray(codes, dtype=np.int32)
    n, n_features = codes.shape
    k = int(n_neighbors)
    n_cont = min(k + CANDIDATE_MARGIN, n - 1)
    with numba_threads(n_jobs):
        backend = make_backend(nn_backend, n_cont, n_jobs).fit(X)
        cont_ind = np.ascontiguousarray(backend.kneighbors(None, n_cont, return_distance=False))
        members, bucket_start = category_buckets(codes)
        # Each feature's rows in bucket order, stored by column.
        bucket_X = np.ascontiguousarray(np.stack([X[order].T for order in members]))
        nn_dist = np.empty((n, k))
        nn_ind = np.empty((n, k), dtype=np.int64)
        proven = rank_mixed_neighbors(
            X,
            codes,
            float(half_penalty),
            cont_ind,
            bucket_X,
            members,
            bucket_start,
            nn_dist,
            nn_ind,
        )
        del bucket_X
        unproven = np.flatnonzero(~proven)
        if unproven.size:
            scan_exact_rows(
                X, codes, X, codes, float(half_penalty), unproven, unproven, nn_dist, nn_ind
            )
    return nn_dist, nn_ind


def category_buckets(codes):
    """Rows grouped by category, per feature: ``members[f]`` lists the row indices
    sorted by their code of feature f (then by index), and code ``a`` (``-1``
    included) owns ``members[f, bucket_start[f, a + 1] : bucket_start[f, a + 2]]``.

    Examples
    --------
    >>> members, bucket_start = category_buckets(np.array([[1], [0], [1], [-1]]))
    >>> members.tolist(), bucket_start.tolist()
    ([[3, 1, 0, 2]], [[0, 1, 2, 4]])
    """
    n, n_features = codes.shape
    n_codes = int(codes.max(initial=-1)) + 2  # the -1 bucket first
    members = np.empty((n_features, n), dtype=np.int64)
    bucket_start = np.zeros((n_features, n_codes + 1), dtype=np.int64)
    for f in range(n_features):
        members[f] = np.argsort(codes[:, f], kind="stable")
        np.cumsum(np.bincount(codes[:, f] + 1, minlength=n_codes), out=bucket_start[f, 1:])
    return members, bucket_start
