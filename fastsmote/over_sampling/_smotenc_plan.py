"""SMOTE-NC's per-class plan: what it decides for one class before any row is built.

:class:`fastsmote.SMOTENC` and ``fastsmote.dask.SMOTENC`` both call
:func:`smotenc_class_plan` (and the column checks :func:`split_columns` and
:func:`check_column_split`), so their median std, neighbours, draws and
category votes cannot drift apart (they once did: one compared the median std
with ``numpy.isclose``, which calls every std below 1e-8 zero, where
imbalanced-learn uses ``math.isclose``).
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np
from scipy import sparse
from sklearn.utils.sparsefuncs_fast import csr_mean_variance_axis0
from sklearn_compat.utils._dataframe import is_pandas_df
from sklearn_compat.utils._indexing import _get_column_indices

from .._random import draw_interpolation
from ..neighbors import BaseNeighbors
from ..neighbors.backends import EXACT_BACKEND_NAMES
from ..neighbors.mixed import mixed_kneighbors
from ._categories import codes_to_one_hot, tie_table, vote_categories
from ._neighbors import neighbors_within

#: ``nn_backend`` names for which SMOTE-NC searches on category codes (the exact ones).
CODE_SEARCH_BACKENDS = EXACT_BACKEND_NAMES


class SMOTENCClassPlan(NamedTuple):
    """One class's SMOTE-NC plan; see :func:`smotenc_class_plan`."""

    median_std: float
    nn_ind: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    steps: np.ndarray
    codes_new: np.ndarray


def split_columns(X, categorical_features, n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """``(categorical, continuous)`` column indices, as imbalanced-learn's SMOTE-NC
    resolves ``categorical_features`` (``"auto"``: a DataFrame's category columns).

    Examples
    --------
    >>> [c.tolist() for c in split_columns(np.zeros((1, 3)), [2], 3)]
    [[2], [0, 1]]
    """
    if isinstance(categorical_features, str) and categorical_features == "auto":
        if not is_pandas_df(X):
            raise ValueError(
                "When `categorical_features='auto'`, the input data "
                f"should be a pandas.DataFrame. Got {type(X)} instead."
            )
        import pandas as pd

        is_categorical = np.array([isinstance(t, pd.CategoricalDtype) for t in X.dtypes])
        return np.flatnonzero(is_categorical), np.flatnonzero(~is_categorical)
    categorical = np.array(_get_column_indices(X, categorical_features))
    return categorical, np.setdiff1d(np.arange(n_features), categorical)


def check_column_split(categorical: np.ndarray, n_features_in: int) -> None:
    """Raise imbalanced-learn's ValueError when all or none of the features are categorical.

    Examples
    --------
    >>> check_column_split(np.array([1]), 3)  # fine: nothing raised
    """
    if categorical.size == n_features_in:
        raise ValueError(
            "SMOTE-NC is not designed to work only with categorical "
            "features. It requires some numerical features."
        )
    if categorical.size == 0:
        raise ValueError(
            "SMOTE-NC is not designed to work only with numerical "
            "features. It requires some categorical features."
        )


def searches_codes(X_continuous, k_neighbors, nn_backend) -> bool:
    """Whether the neighbour search runs on category codes (else on the scaled
    one-hot matrix, as imbalanced-learn).

    Examples
    --------
    >>> X = np.zeros((2, 1))
    >>> searches_codes(X, 5, "auto"), searches_codes(X, 5, "nndescent")
    (True, False)
    """
    return (
        not sparse.issparse(X_continuous)
        and isinstance(k_neighbors, numbers.Integral)
        and isinstance(nn_backend, str)
        and nn_backend in CODE_SEARCH_BACKENDS
    )


def scaled_value(median_std):
    """The value imbalanced-learn gives every one-hot entry: the median std over sqrt(2)."""
    return median_std / np.sqrt(2)


def median_std(X_class) -> float:
    """imbalanced-learn's ``median_std_`` of a class: the median of the continuous
    features' standard deviations, from scikit-learn's sparse variance (the same
    function on the same stored entries, so the same bits).

    Examples
    --------
    >>> float(median_std(np.array([[0.0, 0.0], [2.0, 4.0]])))
    1.5
    """
    X_csr = X_class if sparse.issparse(X_class) else sparse.csr_matrix(X_class)
    _, var = csr_mean_variance_axis0(X_csr)
    return np.median(np.sqrt(var))


def scaled_one_hot_matrix(X_cont_class, X_ohe_class, median_std, dtype):
    """imbalanced-learn's search matrix of one class: continuous features, then
    the one-hot columns with every stored entry set to ``median_std / sqrt(2)``,
    built with the same SciPy operations (so the same CSR matrix)."""
    X_class = sparse.hstack((X_cont_class, X_ohe_class), format="csr", dtype=dtype)
    n_cont = X_cont_class.shape[1]
    categorical = X_class[:, n_cont:]
    categorical.data[:] = scaled_value(median_std)
    X_class[:, n_cont:] = categorical
    return X_class


def class_neighbors(
    X_class, X_ohe_class, codes_class, median_std, dtype, label, *, k_neighbors, nn_backend, nn_k,
    n_jobs,
) -> np.ndarray:  # fmt: skip
    """The k nearest neighbours of each sample of one class, itself excluded.

    On category codes (:func:`searches_codes`) with fastsmote's exact mixed
    search; else ``nn_k`` on imbalanced-learn's scaled one-hot matrix.
    """
    if searches_codes(X_class, k_neighbors, nn_backend):
        k = int(k_neighbors)
        n_class = X_class.shape[0]
        if k + 1 > n_class:
            raise ValueError(
                f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {k + 1}, "
                f"n_samples_fit = {n_class}, n_samples = {n_class}: class {label!r} "
                f"has {n_class} samples, so k_neighbors must be at most {n_class - 1}."
            )
        stored = np.array(scaled_value(median_std)).astype(dtype)
        half_penalty = float(stored) ** 2
        return mixed_kneighbors(X_class, codes_class, half_penalty, k, nn_backend, n_jobs)[1]
    X_search = scaled_one_hot_matrix(X_class, X_ohe_class, median_std, dtype)
    if isinstance(nn_k, BaseNeighbors) and not sparse.issparse(X_class):
        X_search = X_search.toarray()
    return neighbors_within(nn_k, X_search, label)


def smotenc_class_plan(
    X_class,
    codes_class: np.ndarray,
    n_categories: np.ndarray,
    dtype_ohe,
    label,
    n_samples: int,
    *,
    k_neighbors,
    nn_backend,
    nn_k,
    n_jobs: int | None,
    random_state,
    X_ohe_class=None,
) -> SMOTENCClassPlan:
    """Everything SMOTE-NC decides for one class, before any row is interpolated.

    Parameters
    ----------
    X_class : ndarray or sparse matrix of shape (n_class, n_continuous)
        The class's continuous features, in ``dtype_ohe``.
    codes_class : ndarray of shape (n_class, n_categorical), int32
        The class's category codes.
    n_categories : ndarray of shape (n_categorical,), int64
        Categories per categorical feature.
    dtype_ohe : numpy.dtype
        The one-hot encoding's dtype.
    label : object
        The class label (for error messages).
    n_samples : int
        New rows to draw for the class.
    k_neighbors, nn_backend, n_jobs
        The sampler's parameters.
    nn_k : object
        The sampler's resolved neighbours object (``nn_k_``), used by the
        one-hot search.
    random_state : None, int or RandomState
        The sampler's ``random_state``, drawn from in imbalanced-learn's order
        (an int seed restarts the stream at each draw, as there).
    X_ohe_class : sparse matrix, optional
        The encoder's one-hot rows of the class; built from the codes if None.

    Returns
    -------
    plan : SMOTENCClassPlan
        ``median_std``, ``nn_ind`` (int64, C-contiguous), the interpolation
        draws ``rows``, ``cols``, ``steps`` and the voted ``codes_new``
        (shape ``(n_samples, n_categorical)``).

    Examples
    --------
    >>> X_class = np.array([[9.0], [8.0]])
    >>> codes = np.array([[0], [1]], dtype=np.int32)
    >>> plan = smotenc_class_plan(
    ...     X_class, codes, np.array([2]), np.dtype(np.float64), 1, 2, k_neighbors=1,
    ...     nn_backend="auto", nn_k=None, n_jobs=None, random_state=0)
    >>> plan.nn_ind.tolist(), plan.codes_new.shape
    ([[1], [0]], (2, 1))
    """
    std = median_std(X_class)
    if X_ohe_class is None:
        X_ohe_class = codes_to_one_hot(codes_class, n_categories, dtype_ohe)
    nn_ind = class_neighbors(
        X_class, X_ohe_class, codes_class, std, dtype_ohe, label, k_neighbors=k_neighbors,
        nn_backend=nn_backend, nn_k=nn_k, n_jobs=n_jobs,
    )  # fmt: skip
    nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
    rows, cols, steps, _ = draw_interpolation(
        random_state, nn_ind.shape[0], nn_ind.shape[1], n_samples
    )
    # imbalanced-learn votes on the one-hot values it searched with, or on the
    # plain one-hot encoding when the median std is 0 by math.isclose (absolute
    # tolerance 0: numpy.isclose's 1e-8 would call data of scale 1e-10 zero).
    vote_value = 1 if math.isclose(std, 0) else scaled_value(std)
    tie = tie_table(np.array(vote_value).astype(dtype_ohe), nn_ind.shape[1])
    codes_new = vote_categories(codes_class, nn_ind, rows, n_categories, tie, random_state)
    return SMOTENCClassPlan(std, nn_ind, rows, cols, steps, codes_new)
