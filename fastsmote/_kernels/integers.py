"""Whether a float array holds only integers (the tie test's exact-arithmetic case).

Squared distances between rows of small integers are exact in any summation
order, so scikit-learn's values and fastsmote's agree bit for bit and only
exact ties are ambiguous (:func:`fastsmote.neighbors.ambiguity.integer_spread`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._config import EXACT


@njit(**EXACT)
def all_integers(X):
    """Whether every value of ``X`` is a finite integer (checked a block at a
    time, so the inner loop has no early exit and vectorises)."""
    flat = X.ravel()
    n = flat.shape[0]
    for start in range(0, n, 4096):
        ok = True
        for i in range(start, min(start + 4096, n)):
            v = np.float64(flat[i])
            # v - v is NaN for infinities and NaN itself.
            ok &= (np.floor(v) == v) & (v - v == 0.0)
        if not ok:
            return False
    return True
