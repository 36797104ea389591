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

from .auto import AutoNeighbors, choose_exact
from .backends import BACKEND_NAME_OF, BACKENDS, is_exact, make_backend
from .base import BaseNeighbors
from .brute import BruteForceNeighbors
from .kdtree import KDTreeNeighbors
from .nndescent import NNDescentNeighbors
from .sparse import SparseNeighbors, for_sparse

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
