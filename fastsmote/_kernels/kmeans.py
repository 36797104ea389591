"""KMeans-SMOTE's cluster weights (from their sparsities) and per-cluster counts."""

from __future__ import annotations

import numpy as np
from numba import njit

from .._config import EXACT
from .reduce import pairwise_sum


@njit(**EXACT)
def cluster_sample_counts(sparsities, n_samples):
    """Each valid cluster's weight and the samples it receives, as imbalanced-learn.

    ``weights = sparsities / np.sum(sparsities)`` (NumPy's summation order)
    and ``ceil(n_samples * weight)``, so the counts may add up to more than
    ``n_samples``, exactly as in imbalanced-learn.

    Parameters
    ----------
    sparsities : ndarray of shape (n_clusters,), float64
        ``mean_distance ** exponent / n_class_samples`` of each valid cluster.
    n_samples : int
        Samples the class should receive.

    Returns
    -------
    weights : ndarray of shape (n_clusters,), float64
    counts : ndarray of shape (n_clusters,), int64

    Examples
    --------
    >>> import numpy as np
    >>> weights, counts = cluster_sample_counts(np.array([1.0, 3.0]), 10)
    >>> weights.tolist(), counts.tolist()
    ([0.25, 0.75], [3, 8])
    """
    total = pairwise_sum(sparsities)
    n_clusters = sparsities.shape[0]
    weights = np.empty(n_clusters, dtype=np.float64)
    counts = np.empty(n_clusters, dtype=np.int64)
    for c in range(n_clusters):
        weights[c] = sparsities[c] / total
        counts[c] = np.int64(np.ceil(np.float64(n_samples) * weights[c]))
    return weights, counts
