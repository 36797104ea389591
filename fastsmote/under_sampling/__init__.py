"""Cleaning under-samplers: Tomek links and edited nearest neighbours."""

from .edited_nearest_neighbours import EditedNearestNeighbours
from .repeated import AllKNN, RepeatedEditedNearestNeighbours
from .tomek_links import TomekLinks

__all__ = [
    "AllKNN",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "TomekLinks",
]
