"""The exact per-pair squared Euclidean distance.

One summation order (feature 0 to d-1, in float64) everywhere an exact
distance is needed, so a distance is bit-identical whichever backend, block or
thread computes it.
"""

from __future__ import annotations

from numba import njit

from .._config import EXACT


@njit(**EXACT)
def squared_distance(A, i, B, j):
    """Squared Euclidean distance between row ``i`` of ``A`` and row ``j`` of ``B``."""
    acc = 0.0
    for f in range(A.shape[1]):
        diff = float(A[i, f]) - float(B[j, f])
        acc += diff * diff
    return acc
