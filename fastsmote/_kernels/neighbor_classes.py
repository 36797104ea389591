"""How many of each row's neighbours belong to another class.

Borderline-SMOTE and SVM-SMOTE label samples (safe, danger, noise) and ADASYN
weighs them by this count. Classes arrive as a boolean ``is_other`` array over
the rows the neighbour indices point into, so the kernel never sees the
user's labels.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT_PARALLEL


@njit(**EXACT_PARALLEL)
def count_other_class(nn_ind, is_other):
    """Number of each row's neighbours ``nn_ind[i]`` for which ``is_other`` is True.

    Parameters
    ----------
    nn_ind : ndarray of shape (n_rows, m), int64
        Neighbour indices into ``is_other``.
    is_other : ndarray of shape (n_points,), bool
        Whether each point belongs to another class than the one examined.

    Returns
    -------
    n_other : ndarray of shape (n_rows,), int64

    Examples
    --------
    >>> import numpy as np
    >>> is_other = np.array([False, True, True, False])
    >>> count_other_class(np.array([[1, 2], [0, 3]]), is_other).tolist()
    [2, 0]
    """
    n_rows, width = nn_ind.shape
    n_other = np.zeros(n_rows, dtype=np.int64)
    for i in prange(n_rows):
        count = 0
        for c in range(width):
            count += is_other[nn_ind[i, c]]
        n_other[i] = count
    return n_other
