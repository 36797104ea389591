"""Neighbour backends: exact brute force, exact KD-tree, NN-Descent, and the choice."""

from .auto import AutoNeighbors, choose_exact, is_exact, make_backend
from .base import BaseNeighbors
from .brute import BruteForceNeighbors
from .kdtree import KDTreeNeighbors
from .nndescent import NNDescentNeighbors

__all__ = [
    "AutoNeighbors",
    "BaseNeighbors",
    "BruteForceNeighbors",
    "KDTreeNeighbors",
    "NNDescentNeighbors",
    "choose_exact",
    "is_exact",
    "make_backend",
]
