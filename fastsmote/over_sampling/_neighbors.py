"""The over-samplers' neighbour steps, as functions the samplers and ``fastsmote.dask`` share.

Each SMOTE variant resolves its neighbours objects from an int or an object
(:func:`neighbors_object`), then searches either within a class
(:func:`neighbors_within`) or, for some rows, among a fitted set
(:func:`fit_neighbors` then :func:`neighbors_of_rows`). fastsmote's exact
backends return imbalanced-learn's lists (ties and duplicates included, see
:mod:`fastsmote.neighbors.sklearn_order`); other objects are queried as
imbalanced-learn queries them (first column dropped).
"""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.utils import check_neighbors_object
from sklearn.utils import _safe_indexing

from ..neighbors import BaseNeighbors, make_backend
from ..neighbors.base import checked_indices
from ..neighbors.sklearn_order import imblearn_neighbors
from ..neighbors.sparse import for_sparse


def neighbors_object(
    name: str,
    value,
    additional_neighbor: int = 0,
    *,
    nn_backend="auto",
    n_jobs: int | None = None,
    random_state=None,
):
    """The validated neighbours object for parameter ``name``.

    As imbalanced-learn's ``check_neighbors_object``, but an int ``value``
    builds a backend from ``nn_backend`` (seeded with ``random_state`` when it
    is NN-Descent).

    Parameters
    ----------
    name : str
        The sampler's parameter (for error messages), e.g. ``"k_neighbors"``.
    value : int or object
        Its value: a number of neighbours or a neighbours object.
    additional_neighbor : int, default=0
        Added to an int ``value`` (1: the sample itself is counted).
    nn_backend, n_jobs, random_state
        The sampler's parameters of those names.

    Returns
    -------
    nn : object
        A fastsmote backend, or a clone of ``value``.

    Examples
    --------
    >>> neighbors_object("k_neighbors", 5, 1, nn_backend="brute")
    BruteForceNeighbors(n_neighbors=6)
    """
    if isinstance(value, numbers.Integral):
        return make_backend(
            nn_backend, int(value) + additional_neighbor, n_jobs, random_state=random_state
        )
    return check_neighbors_object(name, value, additional_neighbor=additional_neighbor)


def check_search_size(n_neighbors: int, n_fit: int, n_queries: int, param: str) -> None:
    """Raise scikit-learn's ValueError, with advice, when ``n_neighbors`` (the
    sample itself included) exceeds the ``n_fit`` samples searched.

    Examples
    --------
    >>> check_search_size(3, 10, 4, "m_neighbors")  # fine: nothing raised
    """
    if n_neighbors > n_fit:
        raise ValueError(
            f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {n_neighbors}, "
            f"n_samples_fit = {n_fit}, n_samples = {n_queries}: the neighbours are "
            f"searched among {n_fit} samples, so {param} must be at most {n_fit - 1}."
        )


def neighbors_within(nn_estimator, X_class, class_label, param: str = "k_neighbors") -> np.ndarray:
    """Fit ``nn_estimator`` on ``X_class``; each row's neighbours in it, itself excluded.

    Parameters
    ----------
    nn_estimator : object
        A fastsmote backend (searched by the sparse backend on sparse rows) or
        a scikit-learn-style neighbours object.
    X_class : ndarray or sparse matrix of shape (n_class, n_features)
        The rows of one class.
    class_label : object
        The class (for the error message when it is too small).
    param : str, default="k_neighbors"
        The parameter to lower in that message.

    Returns
    -------
    nn_ind : ndarray of shape (n_class, n_neighbors - 1)
        imbalanced-learn's lists.

    Examples
    --------
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> X = np.array([[0.0], [1.0], [3.0]])
    >>> neighbors_within(BruteForceNeighbors(2), X, 0).tolist()
    [[1], [0], [1]]
    """
    # Sparse rows are searched by the sparse kernel, never densified.
    nn_estimator = for_sparse(nn_estimator, X_class)
    n_neighbors = getattr(nn_estimator, "n_neighbors", None)
    n_rows = X_class.shape[0]
    if isinstance(n_neighbors, numbers.Integral) and n_neighbors > n_rows:
        raise ValueError(
            f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {n_neighbors}, "
            f"n_samples_fit = {n_rows}, n_samples = {n_rows}: class {class_label!r} "
            f"has {n_rows} samples, so {param} must be at most {n_rows - 1}."
        )
    nn_estimator.fit(X_class)
    if isinstance(nn_estimator, BaseNeighbors):
        return imblearn_neighbors(
            nn_estimator, X_class, np.arange(n_rows), n_neighbors, all_rows=True
        )
    ind = nn_estimator.kneighbors(X_class, return_distance=False)
    return checked_indices(ind, n_rows, n_rows, nn_estimator)[:, 1:]


def fit_neighbors(nn_estimator, X_fit):
    """``nn_estimator`` fitted on ``X_fit``, ready for :func:`neighbors_of_rows`.

    On sparse input a fastsmote backend becomes the exact sparse backend
    (:class:`~fastsmote.neighbors.SparseNeighbors`) with the same ``n_neighbors``.

    Examples
    --------
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> fit_neighbors(BruteForceNeighbors(2), np.zeros((3, 1))).n_neighbors
    2
    """
    nn_estimator = for_sparse(nn_estimator, X_fit)
    nn_estimator.fit(X_fit)
    return nn_estimator


def release_index(nn_fitted) -> None:
    """Free the search index of a fitted fastsmote backend after a sampler's last
    search (:meth:`~fastsmote.neighbors.BaseNeighbors.release_index`): brute
    force's float32 copy of the rows is gone before the output is allocated,
    and the object stays fitted, as imbalanced-learn leaves it. Other objects
    (scikit-learn's) are left as they are.

    Examples
    --------
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> nn = fit_neighbors(BruteForceNeighbors(1), np.array([[0.0], [1.0], [3.0]]))
    >>> release_index(nn)
    >>> nn.kneighbors(return_distance=False).ravel().tolist()
    [1, 0, 1]
    """
    if isinstance(nn_fitted, BaseNeighbors):
        nn_fitted.release_index()


def neighbors_of_rows(nn_fitted, X_fit, rows, param: str = "k_neighbors") -> np.ndarray:
    """Neighbours in ``X_fit`` of the rows ``rows`` of ``X_fit``, each without itself.

    ``nn_fitted`` comes from :func:`fit_neighbors` on ``X_fit``. fastsmote
    backends search only those rows and return imbalanced-learn's lists;
    other objects are queried as imbalanced-learn does
    (``kneighbors(X_fit[rows])[:, 1:]``), so that output matches
    imbalanced-learn's exactly, duplicates included. ``param`` names the
    parameter to change in the error raised when ``X_fit`` is too small.

    Examples
    --------
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> X = np.array([[0.0], [1.0], [3.0]])
    >>> nn = fit_neighbors(BruteForceNeighbors(2), X)
    >>> neighbors_of_rows(nn, X, np.array([2])).tolist()
    [[1]]
    """
    if not isinstance(nn_fitted, BaseNeighbors):
        X_rows = _safe_indexing(X_fit, rows)
        ind = nn_fitted.kneighbors(X_rows, return_distance=False)
        return checked_indices(ind, X_fit.shape[0], len(rows), nn_fitted)[:, 1:]
    n_neighbors = nn_fitted.n_neighbors
    check_search_size(n_neighbors, X_fit.shape[0], len(rows), param)
    return imblearn_neighbors(nn_fitted, X_fit, rows, n_neighbors)
