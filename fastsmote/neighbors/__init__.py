"""Neighbour backends: exact brute force, exact KD-tree, NN-Descent, and the choice."""

from .auto import AutoNeighbors, choose_exact, is_exact, make_backend
from .base import BaseNeighbors
from .brute import BruteForceNeighbors
from .kdtree import KDTreeNeighbors
from .nndescent import NNDescentNeighbors
from .sparse import SparseNeighbors, for_sparse

__all__ = [
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
