"""Neighbour backends: exact brute force, exact KD-tree, NN-Descent, and the choice.

:data:`BACKENDS` is the one table of backend names: the values ``nn_backend``
accepts, the choices of ``fastsmote compare --backend``, and (with the sparse
backend) the names ``nn_search_`` reports.

Examples
--------
>>> list(BACKENDS)
['auto', 'brute', 'kdtree', 'nndescent']
>>> BACKEND_NAME_OF[SparseNeighbors]
'sparse'
"""

from collections.abc import Mapping
from types import MappingProxyType

from .auto import AutoNeighbors, choose_exact, is_exact, make_backend
from .base import BaseNeighbors
from .brute import BruteForceNeighbors
from .kdtree import KDTreeNeighbors
from .nndescent import NNDescentNeighbors
from .sparse import SparseNeighbors, for_sparse

#: Every name ``nn_backend`` accepts -> the class :func:`make_backend` builds for it.
BACKENDS: Mapping[str, type] = MappingProxyType(
    {
        "auto": AutoNeighbors,
        "brute": BruteForceNeighbors,
        "kdtree": KDTreeNeighbors,
        "nndescent": NNDescentNeighbors,
    }
)

#: fastsmote's backend classes -> the short name ``nn_search_`` reports; the
#: sparse backend is chosen for sparse input and never named by a user.
BACKEND_NAME_OF: Mapping[type, str] = MappingProxyType(
    {cls: name for name, cls in {**BACKENDS, "sparse": SparseNeighbors}.items()}
)

__all__ = [
    "BACKENDS",
    "BACKEND_NAME_OF",
    "AutoNeighbors",
    "BaseNeighbors",
    "BruteForceNeighbors",
    "KDTreeNeighbors",
    "NNDescentNeighbors",
    "SparseNeighbors",
    "choose_exact",
    "for_sparse",
    "is_exact",
    "make_backend",
]
