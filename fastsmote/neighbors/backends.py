"""The one table of backend names: what ``nn_backend`` accepts and builds.

:data:`BACKENDS` maps each name ``nn_backend`` accepts to the class
:func:`make_backend` builds for it; the samplers' parameter constraints, the
choices of ``fastsmote compare --backend``, SMOTE-NC's code search and the
names ``nn_search_`` reports (:data:`BACKEND_NAME_OF`, with the sparse
backend) all read it.

Examples
--------
>>> list(BACKENDS)
['auto', 'brute', 'kdtree', 'nndescent']
>>> EXACT_BACKEND_NAMES
('auto', 'brute', 'kdtree')
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from types import MappingProxyType

from sklearn.base import clone

from .auto import AutoNeighbors
from .base import BaseNeighbors
from .brute import BruteForceNeighbors
from .kdtree import KDTreeNeighbors
from .nndescent import NNDescentNeighbors
from .sparse import SparseNeighbors

#: Every name ``nn_backend`` accepts -> the class :func:`make_backend` builds for it.
BACKENDS: Mapping[str, type] = MappingProxyType(
    {
        "auto": AutoNeighbors,
        "brute": BruteForceNeighbors,
        "kdtree": KDTreeNeighbors,
        "nndescent": NNDescentNeighbors,
    }
)

#: The names, in order (``StrOptions`` and error messages list them).
BACKEND_NAMES: tuple[str, ...] = tuple(BACKENDS)

#: The names of exact backends.
EXACT_BACKEND_NAMES: tuple[str, ...] = tuple(n for n, cls in BACKENDS.items() if cls.is_exact)

#: fastsmote's backend classes -> the short name ``nn_search_`` reports; the
#: sparse backend is chosen for sparse input and never named by a user.
BACKEND_NAME_OF: Mapping[type, str] = MappingProxyType(
    {cls: name for name, cls in {**BACKENDS, "sparse": SparseNeighbors}.items()}
)


def make_backend(nn_backend, n_neighbors: int, n_jobs: int | None = None, random_state=None):
    """A fresh, unfitted neighbours object for ``nn_backend``.

    Parameters
    ----------
    nn_backend : {"auto", "brute", "kdtree", "nndescent"} or object
        A name of :data:`BACKENDS`, or any object with scikit-learn's
        ``kneighbors`` (cloned, with its ``n_neighbors`` set when it has that
        parameter; everything else, e.g. an ``NNDescentNeighbors``'s
        ``random_state`` and ``nndescent_params``, is kept as given).
    n_neighbors : int
        Neighbours per query, as the caller will ask for them.
    n_jobs : int or None
        Threads for fastsmote's own backends.
    random_state : int, RandomState instance or None, default=None
        The sampler's ``random_state``, given to a backend named by a string
        that takes one (``"nndescent"``) so its results repeat (exact backends
        draw nothing).

    Returns
    -------
    estimator : object with ``fit`` and ``kneighbors``

    Examples
    --------
    >>> make_backend("brute", 6)
    BruteForceNeighbors(n_neighbors=6)
    >>> make_backend("nndescent", 3, random_state=0)
    NNDescentNeighbors(n_neighbors=3, random_state=0)
    """
    if isinstance(nn_backend, str):
        cls = BACKENDS.get(nn_backend)
        if cls is None:
            raise ValueError(
                f"nn_backend={nn_backend!r} is not a backend; use one of {BACKEND_NAMES} "
                "or an object with a kneighbors method."
            )
        kwargs = {"n_jobs": n_jobs}
        if "random_state" in inspect.signature(cls).parameters:
            kwargs["random_state"] = random_state
        return cls(n_neighbors, **kwargs)
    estimator = clone(nn_backend)
    if "n_neighbors" in estimator.get_params(deep=False):
        estimator.set_params(n_neighbors=n_neighbors)
    return estimator


def is_exact(estimator) -> bool:
    """Whether a neighbours object returns exact neighbours (unknown objects: True
    for scikit-learn's exact searches, False otherwise)."""
    if isinstance(estimator, BaseNeighbors):
        return bool(estimator.is_exact)
    return type(estimator).__module__.startswith("sklearn.neighbors")
