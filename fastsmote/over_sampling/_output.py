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


class ResampledOutput:
    """The dense result of an over-sampler, filled in place class by class.

    ``X`` and ``y`` are copied once into arrays sized for the new rows, which
    the sampler's kernels then write straight into (no pieces, no stacking).
    The arrays are allocated at the first :meth:`rows`, when the sampler knows
    how many rows its first class makes: the neighbour indexes it searched
    before may be released by then. Later classes may make a few more or
    fewer rows than planned (ADASYN's and KMeans-SMOTE's rounding, a class
    without danger samples): the arrays are then resized in place
    (``ndarray.resize``, a ``realloc``), and :meth:`result` trims them.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The input rows.
    y : ndarray of shape (n_samples,)
        Their labels.

    Examples
    --------
    >>> X, y = np.zeros((2, 1)), np.array([0, 1])
    >>> output = ResampledOutput(X, y)
    >>> output.rows(2, 1, n_after=0)[:] = 1.0
    >>> X_res, y_res = output.result()
    >>> X_res.ravel().tolist(), y_res.tolist()
    ([0.0, 0.0, 1.0, 1.0], [0, 1, 1, 1])
    """

    def __init__(self, X: np.ndarray, y: np.ndarray):
        self._X = X
        self._y = y
        self._X_res = None
        self._y_res = None
        self._stop = X.shape[0]

    def rows(self, n_rows: int, label, n_after: int = 0) -> np.ndarray:
        """The next ``n_rows`` rows of the output, to be written in place.

        Their labels are set to ``label`` (cast as ``np.full`` casts).
        ``n_after`` is the number of rows the later classes are expected to
        make: room is left for them.
        """
        start, stop = self._stop, self._stop + n_rows
        if self._X_res is None:
            self._X_res = allocate_output(self._X, n_rows + n_after)
            self._y_res = np.empty(self._X_res.shape[0], dtype=self._y.dtype)
            self._y_res[: self._y.shape[0]] = self._y
        elif stop > self._X_res.shape[0]:
            self._resize(stop + n_after)
        np.copyto(self._y_res[start:stop], label, casting="unsafe")
        self._stop = stop
        return self._X_res[start:stop]

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X_res, y_res)``: the input, then every row handed out, in order.

        Without any :meth:`rows` call, ``np.vstack([X])`` and
        ``np.hstack([y])``, as stacking no pieces gives (a copy in X's layout).
        """
        if self._X_res is None:
            return np.vstack([self._X]), np.hstack([self._y])
        if self._stop < self._X_res.shape[0]:
            self._resize(self._stop)
        X_res, y_res = self._X_res, self._y_res
        self._X_res = self._y_res = None
        return X_res, y_res

    def _resize(self, n_total: int) -> None:
        # In place when the arrays have no other reference (the views handed
        # out are gone by then): realloc keeps the rows and, shrinking, copies
        # nothing. Otherwise (a debugger holding one, say) a copy.
        try:
            self._X_res.resize((n_total, self._X_res.shape[1]))
        except ValueError:
            self._X_res = _copy_rows(self._X_res, n_total)
        try:
            self._y_res.resize(n_total)
        except ValueError:
            self._y_res = _copy_rows(self._y_res, n_total)


def _copy_rows(a: np.ndarray, n_rows: int) -> np.ndarray:
    """A copy of ``a`` with ``n_rows`` rows, its first rows kept (the rest uninitialised)."""
    out = np.empty((n_rows, *a.shape[1:]), dtype=a.dtype)
    n_keep = min(n_rows, a.shape[0])
    out[:n_keep] = a[:n_keep]
    return out
