"""The per-class steps that weigh samples by their other-class neighbours.

Borderline-SMOTE seeds only the samples "in danger" (:func:`danger_rows`);
ADASYN gives each sample a number of new rows from its share of other-class
neighbours (:func:`adasyn_class_counts`). The single-machine samplers and
``fastsmote.dask`` call these on neighbour lists they found their own way
(one search, or a broadcast search over chunks), so the decisions and their
errors are written once.
"""

from __future__ import annotations

import numpy as np

from .._kernels.adasyn import adasyn_counts
from .._kernels.borderline import DANGER, borderline_labels


def danger_rows(n_other: np.ndarray, m_neighbors: int) -> np.ndarray:
    """Rows in danger: at least half, but not all, of their ``m_neighbors``
    nearest neighbours in another class (imbalanced-learn's rule).

    Parameters
    ----------
    n_other : ndarray of shape (n_rows,), int64
        Each row's neighbours of another class.
    m_neighbors : int
        Neighbours examined per row (the sample itself not counted).

    Returns
    -------
    rows : ndarray of shape (n_danger,), int64
        Positions of the rows in danger, increasing.

    Examples
    --------
    >>> danger_rows(np.array([0, 2, 3, 4]), 4).tolist()
    [1, 2]
    """
    return np.flatnonzero(borderline_labels(n_other, m_neighbors) == DANGER)


def adasyn_class_counts(n_other: np.ndarray, n_neighbors: int, n_samples: int) -> np.ndarray:
    """New rows each sample of a class seeds under ADASYN, with imbalanced-learn's errors.

    Parameters
    ----------
    n_other : ndarray of shape (n_rows,), int64
        Each row's neighbours of another class.
    n_neighbors : int
        Neighbours examined per row (the sample itself not counted).
    n_samples : int
        Samples the class should receive.

    Returns
    -------
    counts : ndarray of shape (n_rows,), int64
        Their sum is the number of rows ADASYN makes (it may differ from
        ``n_samples`` by rounding).

    Raises
    ------
    RuntimeError
        When no neighbour has another class (imbalanced-learn would divide by zero).
    ValueError
        When the counts round to no sample at all.

    Examples
    --------
    >>> adasyn_class_counts(np.array([1, 3, 0]), 4, 8).tolist()
    [2, 6, 0]
    """
    if not n_other.any():
        raise RuntimeError(
            "Not any neigbours belong to the majority class. This case will "
            "induce a NaN case with a division by zero. ADASYN is not suited "
            "for this specific dataset. Use SMOTE instead."
        )
    _, counts = adasyn_counts(n_other, n_neighbors, n_samples)
    if not int(counts.sum()):
        raise ValueError("No samples will be generated with the provided ratio settings.")
    return counts
