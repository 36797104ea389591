"""Under-samplers: Tomek links, edited nearest neighbours and imbalanced-learn's
prototype selection (NearMiss, ...)."""

from .edited_nearest_neighbours import EditedNearestNeighbours
from .near_miss import NearMiss
from .repeated import AllKNN, RepeatedEditedNearestNeighbours
from .tomek_links import TomekLinks

__all__ = [
    "AllKNN",
    "EditedNearestNeighbours",
    "NearMiss",
    "RepeatedEditedNearestNeighbours",
    "TomekLinks",
]
