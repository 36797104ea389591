"""Borderline classification (safe / danger / noise) and Borderline-SMOTE-2's step.

A sample's label comes from how many of its ``m`` nearest neighbours belong
to another class (``n_other``, from
:func:`~fastsmote._kernels.neighbor_classes.count_other_class`), with
imbalanced-learn's thresholds: noise when ``n_other == m``, danger when
``m / 2 <= n_other < m``, safe otherwise.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL

#: Codes of :func:`borderline_labels`.
SAFE = 0
DANGER = 1
NOISE = 2


@njit(**EXACT)
def borderline_labels(n_other, m_neighbors):
    """SAFE, DANGER or NOISE for each row from its count of other-class neighbours.

    Parameters
    ----------
    n_other : ndarray of shape (n_rows,), int64
        Other-class neighbours of each row, out of ``m_neighbors``.
    m_neighbors : int
        Neighbours examined per row (imbalanced-learn's ``nn_m_.n_neighbors - 1``).

    Returns
    -------
    labels : ndarray of shape (n_rows,), int8
        ``NOISE`` when all neighbours are of another class, ``DANGER`` when at
        least half but not all are (``m / 2 <= n_other < m``, compared as
        ``2 * n_other >= m``, exact for integers), ``SAFE`` otherwise.

    Examples
    --------
    >>> import numpy as np
    >>> borderline_labels(np.array([0, 4, 5, 9, 10]), 10).tolist()  # SAFE, DANGER, NOISE
    [0, 0, 1, 1, 2]
    """
    labels = np.empty(n_other.shape[0], dtype=np.int8)
    for i in range(n_other.shape[0]):
        count = n_other[i]
        if count == m_neighbors:
            labels[i] = NOISE
        elif 2 * count >= m_neighbors and count < m_neighbors:
            labels[i] = DANGER
        else:
            labels[i] = SAFE
    return labels


@njit(**EXACT_PARALLEL)
def interpolate_rows_scaled(X, nn_data, nn_ind, rows, cols, steps, is_cross, cross_scales, out):
    """Borderline-SMOTE-2's step: SMOTE's, with cross-class differences scaled.

    Writes ``X[rows] + steps * diff`` to ``out`` where ``diff`` is
    ``nn_data[nn_ind[rows, cols]] - X[rows]`` (in the input dtype), and, for
    samples with ``is_cross`` True, ``diff * cross_scales`` computed in float64
    and stored back in the input dtype first, exactly as imbalanced-learn's
    in-place ``diffs[mask] *= uniform(0, 0.5)``. ``cross_scales`` is read only
    where ``is_cross`` is True. ``out`` must have ``X``'s dtype: its row is the
    place where the scaled difference is rounded to that dtype. No fastmath.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [2.0, 4.0]])
    >>> out = np.empty((2, 2))
    >>> interpolate_rows_scaled(X, X, np.array([[1], [0]]), np.array([0, 0]),
    ...     np.array([0, 0]), np.array([0.5, 0.5]), np.array([False, True]),
    ...     np.array([0.0, 0.5]), out)
    >>> out
    array([[1. , 2. ],
           [0.5, 1. ]])
    """
    n_features = X.shape[1]
    for t in prange(rows.shape[0]):
        base = rows[t]
        other = nn_ind[base, cols[t]]
        step = steps[t]
        if is_cross[t]:
            scale = cross_scales[t]
            for f in range(n_features):
                # Round the scaled difference to X's dtype through ``out``.
                out[t, f] = np.float64(nn_data[other, f] - X[base, f]) * scale
                out[t, f] = np.float64(X[base, f]) + step * np.float64(out[t, f])
        else:
            for f in range(n_features):
                diff = nn_data[other, f] - X[base, f]
                out[t, f] = np.float64(X[base, f]) + step * np.float64(diff)
