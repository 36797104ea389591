"""SMOTE's interpolation between a sample and one of its neighbours."""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT_PARALLEL


@njit(**EXACT_PARALLEL)
def interpolate_rows(X, nn_data, nn_ind, rows, cols, steps, out):
    """Write ``X[rows] + steps * (nn_data[nn_ind[rows, cols]] - X[rows])`` to ``out``.

    Arithmetic follows imbalanced-learn bit for bit: the difference in the
    input dtype, the step product and the sum in float64, then a cast back to
    ``out``'s dtype. No fastmath: a fused multiply-add would change the bits.
    """
    n_features = X.shape[1]
    for t in prange(rows.shape[0]):
        base = rows[t]
        other = nn_ind[base, cols[t]]
        step = steps[t]
        for f in range(n_features):
            diff = nn_data[other, f] - X[base, f]
            out[t, f] = np.float64(X[base, f]) + step * np.float64(diff)
