"""The dense output array an over-sampler fills in place: the input first, new rows after."""

from __future__ import annotations

import numpy as np


def allocate_output(X: np.ndarray, n_new: int) -> np.ndarray:
    """A C-ordered array of ``len(X) + n_new`` rows in X's dtype, X copied first.

    The samplers then write their new rows into ``X_res[len(X):]`` in place,
    instead of stacking pieces (one allocation, no second copy).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The input rows.
    n_new : int
        Rows to leave for the new samples.

    Returns
    -------
    X_res : ndarray of shape (n_samples + n_new, n_features)
        ``X`` in its first rows; the rest uninitialised.

    Examples
    --------
    >>> allocate_output(np.ones((2, 3), dtype=np.float32), 4).shape
    (6, 3)
    """
    X_res = np.empty((X.shape[0] + n_new, X.shape[1]), dtype=X.dtype)
    X_res[: X.shape[0]] = X
    return X_res
