"""What every fastsmote SMOTE variant shares: parameters, neighbours, generation."""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from scipy import sparse

from .._containers import ContainerMixin
from .._kernels.interpolate import interpolate_rows
from .._kernels.sparse import csr_interpolate_rows
from .._random import draw_interpolation
from ..neighbors.params import NEIGHBORS_CONSTRAINT, NN_PARAMETER_CONSTRAINTS, NeighborParamsMixin
from ..neighbors.sparse import canonical_csr
from ._neighbors import neighbors_object

_NN_BACKEND_DOC = """nn_backend : {"auto", "brute", "kdtree", "nndescent"} or object, default="auto"
        How fastsmote finds neighbours when ``k_neighbors`` is an int:
        ``"auto"`` picks the exact KD-tree or exact brute force from the data's
        shape, ``"brute"`` and ``"kdtree"`` force one, ``"nndescent"`` is the
        approximate NN-Descent search (pynndescent, seeded with
        ``random_state``), and an object with ``kneighbors`` is cloned and
        used, e.g. ``fastsmote.neighbors.NNDescentNeighbors(nndescent_params=
        {...})`` to set pynndescent's parameters. A neighbours object passed as
        ``k_neighbors`` is always used as given. Sparse input is searched by
        the exact sparse backend (``fastsmote.neighbors.SparseNeighbors``)
        in place of any of fastsmote's backends (NN-Descent included). After
        fitting, ``nn_search_`` tells which searches ran and whether all were
        exact.

    n_jobs : int, default=None
        Threads for fastsmote's kernels during the call (``None`` or -1: all of
        Numba's threads). The output does not depend on it; the previous
        thread count is restored afterwards."""


class BaseSMOTE(NeighborParamsMixin, ContainerMixin, BaseOverSampler):
    """Base class of fastsmote's SMOTE variants (not for direct use).

    Adds ``nn_backend`` and ``n_jobs`` to imbalanced-learn's parameters and
    holds the neighbour search and the interpolation every variant shares.
    """

    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "k_neighbors": NEIGHBORS_CONSTRAINT,
        **NN_PARAMETER_CONSTRAINTS,
    }

    def __init__(
        self,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        nn_backend="auto",
        n_jobs=None,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.nn_backend = nn_backend
        self.n_jobs = n_jobs

    # -- neighbours -----------------------------------------------------------
    def _neighbors_object(self, name: str, value, additional_neighbor: int = 0):
        """:func:`~fastsmote.over_sampling._neighbors.neighbors_object` with this
        sampler's ``nn_backend``, ``n_jobs`` and ``random_state``."""
        return neighbors_object(
            name,
            value,
            additional_neighbor,
            nn_backend=self.nn_backend,
            n_jobs=self.n_jobs,
            random_state=getattr(self, "random_state", None),
        )

    def _validate_estimator(self):
        self.nn_k_ = self._neighbors_object("k_neighbors", self.k_neighbors, 1)

    # -- generation -------------------------------------------------------------
    def _make_samples(
        self, X, y_dtype, y_type, nn_data, nn_num, n_samples, step_size=1.0, out=None
    ):
        """Draw and build ``n_samples`` synthetic rows, as imbalanced-learn does.

        Returns ``(X_new, y_new)``; ``X_new`` is ``out`` when given (dense input).
        """
        rows, cols, steps, _ = draw_interpolation(
            self.random_state, nn_num.shape[0], nn_num.shape[1], n_samples, step_size
        )
        X_new = generate_samples(X, nn_data, nn_num, rows, cols, steps, out=out)
        y_new = np.full(n_samples, fill_value=y_type, dtype=y_dtype)
        return X_new, y_new


def generate_samples(X, nn_data, nn_ind, rows, cols, steps, out=None):
    """``X[rows] + steps * (nn_data[nn_ind[rows, cols]] - X[rows])`` in X's dtype.

    Dense results are written into ``out`` (C-contiguous, X's dtype) when given,
    so a sampler can fill its output array in place without another copy.

    float32 and float64 run the Numba kernel; sparse matrices and other dtypes
    follow imbalanced-learn's NumPy formula, whose integer arithmetic (the
    difference taken in the integer dtype, wrapping around on overflow) a
    float kernel would not reproduce.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [2.0, 4.0]])
    >>> nn_ind = np.array([[1], [0]])
    >>> generate_samples(X, X, nn_ind, np.array([0]), np.array([0]), np.array([0.5]))
    array([[1., 2.]])
    """
    nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
    if sparse.issparse(X):
        if X.dtype in (np.float32, np.float64) and X.dtype == nn_data.dtype:
            return interpolate_sparse(X, nn_data, nn_ind, rows, cols, steps)
        step_matrix = getattr(sparse, type(X).__name__)(steps[:, np.newaxis])
        diffs = nn_data[nn_ind[rows, cols]] - X[rows]
        return (X[rows] + step_matrix.multiply(diffs)).astype(X.dtype)
    if out is None:
        out = np.empty((rows.shape[0], X.shape[1]), dtype=X.dtype)
    if X.dtype in (np.float32, np.float64) and X.dtype == nn_data.dtype:
        interpolate_rows(
            np.ascontiguousarray(X),
            np.ascontiguousarray(nn_data),
            nn_ind,
            rows,
            cols,
            steps,
            out,
        )
        return out
    diffs = nn_data[nn_ind[rows, cols]] - X[rows]
    out[...] = (X[rows] + steps[:, np.newaxis] * diffs).astype(X.dtype)
    return out


def interpolate_sparse(X, nn_data, nn_ind, rows, cols, steps):
    """:func:`generate_samples` for sparse float matrices: the CSR kernel on the
    matrices' arrays, the result in ``X``'s sparse type and format.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> X = sparse.csr_matrix([[0.0, 2.0], [4.0, 0.0]])
    >>> new = interpolate_sparse(X, X, np.array([[1], [0]]), np.array([0]), np.array([0]),
    ...                          np.array([0.5]))
    >>> new.format, new.toarray().tolist()
    ('csr', [[2.0, 1.0]])
    """
    X_csr = canonical_csr(X, dtype=X.dtype)
    nn_csr = X_csr if nn_data is X else canonical_csr(nn_data, dtype=X.dtype)
    indptr, indices, data = csr_interpolate_rows(
        X_csr.indptr,
        X_csr.indices,
        X_csr.data,
        nn_csr.indptr,
        nn_csr.indices,
        nn_csr.data,
        np.ascontiguousarray(nn_ind, dtype=np.int64),
        np.ascontiguousarray(rows, dtype=np.int64),
        np.ascontiguousarray(cols, dtype=np.int64),
        np.ascontiguousarray(steps, dtype=np.float64),
    )
    X_new = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), X.shape[1]))
    X_new.has_sorted_indices = True
    # imbalanced-learn's sparse arithmetic keeps X's class (matrix or array) and format.
    return type(X)(X_new) if type(X) is not sparse.csr_matrix else X_new


def stack_resampled(X, y, new_X, new_y, sparse_format=None):
    """The original ``X`` and ``y`` followed by the generated pieces, in order.

    Dense arrays are stacked with one allocation. Sparse matrices are stacked
    as imbalanced-learn does: all at once in ``sparse_format`` when given
    (ADASYN), else piece by piece with ``sparse.vstack`` in scipy's default
    format (Borderline-SMOTE, SVM-SMOTE, KMeans-SMOTE), so that the returned
    format is imbalanced-learn's.

    Examples
    --------
    >>> import numpy as np
    >>> X_res, y_res = stack_resampled(np.zeros((2, 1)), np.array([0, 1]),
    ...                                [np.ones((1, 1))], [np.array([1])])
    >>> X_res.ravel().tolist(), y_res.tolist()
    ([0.0, 0.0, 1.0], [0, 1, 1])
    """
    y_res = np.hstack([y, *new_y])
    if not sparse.issparse(X):
        return np.vstack([X, *new_X]), y_res
    if sparse_format is not None:
        return sparse.vstack([X, *new_X], format=sparse_format), y_res
    X_res = X.copy()
    for piece in new_X:
        X_res = sparse.vstack([X_res, piece])
    return X_res, y_res


def refit_is_identical(estimator, package: str) -> bool:
    """Whether fitting ``estimator`` again on the same data gives the same model
    without drawing from a shared random generator: a scikit-learn estimator
    from ``package`` (e.g. ``"sklearn.svm"``) with an int ``random_state``.

    imbalanced-learn refits its SVM (SVM-SMOTE) and k-means (KMeans-SMOTE) for
    every class; such an estimator is fitted once instead, with the same result.

    Examples
    --------
    >>> from sklearn.svm import SVC
    >>> refit_is_identical(SVC(random_state=0), "sklearn.svm")
    True
    >>> refit_is_identical(SVC(), "sklearn.svm")  # None: draws from NumPy's global generator
    False
    """
    seed = estimator.get_params(deep=False).get("random_state")
    return type(estimator).__module__.startswith(package) and isinstance(seed, numbers.Integral)
