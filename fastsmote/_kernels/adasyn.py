"""ADASYN's hardness ratios and the number of samples each minority row seeds."""

from __future__ import annotations

import numpy as np
from numba import njit

from .._config import EXACT
from .reduce import pairwise_sum


@njit(**EXACT)
def adasyn_counts(n_other, n_neighbors, n_samples):
    """Normalised hardness ratios and per-row sample counts, as imbalanced-learn.

    The same float64 operations in the same order: ``n_other / n_neighbors``,
    divided by their NumPy-ordered sum, times ``n_samples``, rounded half to
    even (``np.rint``).

    Parameters
    ----------
    n_other : ndarray of shape (n_rows,), int64
        Each row's neighbours of another class; not all zero (the caller
        raises imbalanced-learn's error in that case).
    n_neighbors : int
        Neighbours examined per row.
    n_samples : int
        Samples the class should receive.

    Returns
    -------
    ratio : ndarray of shape (n_rows,), float64
        The normalised ratios (they sum to 1 up to rounding).
    counts : ndarray of shape (n_rows,), int64
        ``np.rint(ratio * n_samples)``; their sum may differ from ``n_samples``.

    Examples
    --------
    >>> import numpy as np
    >>> ratio, counts = adasyn_counts(np.array([1, 3, 0, 4]), 4, 10)
    >>> ratio.tolist(), counts.tolist()
    ([0.125, 0.375, 0.0, 0.5], [1, 4, 0, 5])
    """
    n_rows = n_other.shape[0]
    ratio = np.empty(n_rows, dtype=np.float64)
    for i in range(n_rows):
        ratio[i] = np.float64(n_other[i]) / np.float64(n_neighbors)
    total = pairwise_sum(ratio)
    counts = np.empty(n_rows, dtype=np.int64)
    for i in range(n_rows):
        ratio[i] = ratio[i] / total
        counts[i] = np.int64(np.rint(ratio[i] * np.float64(n_samples)))
    return ratio, counts
