"""Which neighbour searches a fitted sampler ran, and whether they were exact.

Every fastsmote sampler has a read-only ``nn_search_`` attribute, computed by
:func:`describe_search` from the neighbour objects the fit used, so that an
approximate result is never silent::

    >>> SMOTETomek(nn_backend="nndescent").fit_resample(X, y)   # doctest: +SKIP
    >>> sampler.nn_search_                                     # doctest: +SKIP
    NeighborSearch(backends=('nndescent', 'nndescent'), exact=False)
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.exceptions import NotFittedError

from .backends import BACKEND_NAME_OF, is_exact
from .sparse import searched_as


@dataclass(frozen=True)
class NeighborSearch:
    """The neighbour searches of one fit.

    Parameters
    ----------
    backends : tuple of str
        One name per neighbour object, in the order the sampler holds them:
        ``"brute"``, ``"kdtree"``, ``"nndescent"``, or the class name of any
        other object (e.g. ``"NearestNeighbors"``).
    exact : bool
        True when every search was exact: ``False`` as soon as one was
        approximate (NN-Descent), so the output may differ from
        imbalanced-learn's.

    Examples
    --------
    >>> NeighborSearch(backends=("brute",), exact=True).exact
    True
    """

    backends: tuple[str, ...]
    exact: bool


def backend_name(estimator) -> str:
    """Short name of a neighbours object.

    Examples
    --------
    >>> from fastsmote.neighbors import BruteForceNeighbors
    >>> backend_name(BruteForceNeighbors())
    'brute'
    """
    searched = searched_as(estimator)  # replaced on sparse input
    if isinstance(searched, str):
        return searched
    chosen = getattr(estimator, "chosen_", None)  # AutoNeighbors, once fitted
    if isinstance(chosen, str):
        return chosen
    cls = type(estimator)
    return BACKEND_NAME_OF.get(cls, cls.__name__)


def _fitted_parts(sampler):
    """The neighbour objects and nested samplers a fitted sampler holds."""
    params = set(sampler.get_params(deep=False)) if hasattr(sampler, "get_params") else set()
    for name, value in vars(sampler).items():
        if name in params or name.startswith("__") or value is None:
            continue
        if not (name.endswith("_") or name.startswith("_")):
            continue
        if hasattr(value, "kneighbors"):
            yield "nn", value
        elif hasattr(value, "fit_resample"):
            yield "sampler", value


def describe_search(sampler) -> NeighborSearch:
    """The :class:`NeighborSearch` of a fitted sampler.

    Walks the sampler's fitted attributes (``nn_k_``, ``nn_m_``, ``nn_``,
    ``smote_``, ``tomek_``, ``enn_``, ...) and the samplers nested in them.

    Raises
    ------
    sklearn.exceptions.NotFittedError
        If the sampler has not been fitted.

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote import SMOTE
    >>> X = np.random.RandomState(0).normal(size=(60, 2))
    >>> y = np.array([0] * 45 + [1] * 15)
    >>> SMOTE(random_state=0).fit_resample(X, y)[0].shape
    (90, 2)
    """
    if not hasattr(sampler, "n_features_in_") and not hasattr(sampler, "sampling_strategy_"):
        raise NotFittedError(
            f"This {type(sampler).__name__} instance is not fitted yet: nn_search_ is known "
            "after fit_resample."
        )
    names: list[str] = []
    exact = True
    for kind, value in _fitted_parts(sampler):
        if kind == "nn":
            names.append(backend_name(value))
            exact = exact and is_exact(value)
        else:
            try:
                nested = describe_search(value)
            except NotFittedError:
                continue
            names.extend(nested.backends)
            exact = exact and nested.exact
    return NeighborSearch(backends=tuple(names), exact=exact)


__all__ = ["NeighborSearch", "backend_name", "describe_search"]
