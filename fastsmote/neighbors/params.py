"""The two parameters fastsmote adds to imbalanced-learn's samplers, declared once.

Every sampler that takes ``nn_backend`` and ``n_jobs`` (the SMOTE variants,
the cleaning samplers, the SMOTE + cleaning hybrids) inherits
:class:`NeighborParamsMixin`, whose constraints it merges into its own
``_parameter_constraints`` and whose ``nn_search_`` reports the searches.
``n_jobs`` keeps imbalanced-learn's constraint (``[numbers.Integral, None]``,
as its KMeansSMOTE, ENN, TomekLinks and hybrids declare it), so a bad value
gets imbalanced-learn's message.
"""

from __future__ import annotations

import numbers

from sklearn.utils._param_validation import HasMethods, Interval, StrOptions

from .backends import BACKEND_NAMES, BACKENDS
from .report import describe_search

#: scikit-learn parameter constraints of ``nn_backend`` and ``n_jobs``.
NN_PARAMETER_CONSTRAINTS: dict = {
    "nn_backend": [StrOptions(set(BACKEND_NAMES)), HasMethods(["kneighbors"])],
    "n_jobs": [numbers.Integral, None],
}

#: imbalanced-learn's constraint of a neighbour-count parameter (``k_neighbors``,
#: ``m_neighbors``, ``n_neighbors``): a positive int or a neighbours object.
NEIGHBORS_CONSTRAINT: list = [
    Interval(numbers.Integral, 1, None, closed="left"),
    HasMethods(["kneighbors", "kneighbors_graph"]),
]


class NeighborParamsMixin:
    """``nn_backend`` and ``n_jobs``: their constraints and the search report.

    Examples
    --------
    >>> sorted(NeighborParamsMixin._parameter_constraints)
    ['n_jobs', 'nn_backend']
    """

    _parameter_constraints: dict = NN_PARAMETER_CONSTRAINTS

    #: After fitting: a :class:`~fastsmote.neighbors.report.NeighborSearch` naming
    #: the neighbour searches that ran and whether all were exact (read-only).
    nn_search_ = property(describe_search)


def seeded_nn_backend(nn_backend, random_state):
    """``nn_backend`` for a sampler that has no ``random_state`` of its own, seeded.

    The cleaning samplers mirror imbalanced-learn's signatures, which have no
    ``random_state``; a hybrid (SMOTEENN, SMOTETomek, their Dask versions)
    builds its default cleaner with this value, so that ``"nndescent"`` is
    seeded with the hybrid's ``random_state`` and its results repeat. Every
    other value is returned as given (exact backends draw nothing; an object
    keeps its own seed).

    Examples
    --------
    >>> seeded_nn_backend("nndescent", 0)
    NNDescentNeighbors(random_state=0)
    >>> seeded_nn_backend("auto", 0)
    'auto'
    """
    if isinstance(nn_backend, str) and nn_backend == "nndescent":
        return BACKENDS["nndescent"](random_state=random_state)
    return nn_backend
