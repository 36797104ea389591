"""Slow, obviously correct NumPy references for every fastsmote kernel.

Each ``naive_<name>`` mirrors the kernel ``<name>``; kernel tests compare the
two (exact equality for integer and boolean outputs).
"""

from __future__ import annotations

import numpy as np


def naive_squared_distances(Q, R):
    """All squared distances, feature by feature in float64 (the kernels' order)."""
    Q = np.asarray(Q, dtype=np.float64)
    R = np.asarray(R, dtype=np.float64)
    acc = np.zeros((Q.shape[0], R.shape[0]))
    for f in range(Q.shape[1]):
        diff = Q[:, f][:, None] - R[:, f][None, :]
        acc += diff * diff
    return acc


def naive_kneighbors(Q, R, k, exclude_self=False):
    """Exact k nearest neighbours, ties broken by the smaller index.

    When ``exclude_self``, ``Q`` is ``R`` and row i never lists itself.
    Returns ``(nn_dist, nn_ind)`` with Euclidean distances.
    """
    d2 = naive_squared_distances(Q, R)
    if exclude_self:
        np.fill_diagonal(d2, np.inf)
    n = d2.shape[1]
    # lexsort sorts by the last key first: distance, then index.
    order = np.array([np.lexsort((np.arange(n), row)) for row in d2], dtype=np.int64)
    nn_ind = order[:, :k]
    nn_dist = np.sqrt(np.take_along_axis(d2, nn_ind, axis=1))
    return nn_dist, nn_ind


def naive_interpolate_rows(X, nn_data, nn_ind, rows, cols, steps):
    """imbalanced-learn's SMOTE step: ``X[rows] + steps * (nn_data[nn] - X[rows])``.

    The difference is taken in the input dtype, the step in float64, and the
    result is cast back to the input dtype.
    """
    diffs = nn_data[nn_ind[rows, cols]] - X[rows]
    return (X[rows] + steps[:, None] * diffs).astype(X.dtype)
