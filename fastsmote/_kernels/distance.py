"""The exact per-pair squared Euclidean distance.

One summation order (feature 0 to d-1, in float64) everywhere an exact
distance is needed, so a distance is bit-identical whichever backend, block or
thread computes it.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._config import EXACT


@njit(**EXACT)
def squared_distance(A, i, B, j):
    """Squared Euclidean distance between row ``i`` of ``A`` and row ``j`` of ``B``."""
    acc = 0.0
    for f in range(A.shape[1]):
        # np.float64, not float(): in Numba float() keeps a float32 a float32.
        diff = np.float64(A[i, f]) - np.float64(B[j, f])
        acc += diff * diff
    return acc
