"""Under-samplers: Tomek links, edited nearest neighbours and imbalanced-learn's
other under-samplers (NearMiss, random, cluster centroids, instance hardness)."""

from .cluster_centroids import ClusterCentroids
from .edited_nearest_neighbours import EditedNearestNeighbours
from .instance_hardness import InstanceHardnessThreshold
from .near_miss import NearMiss
from .random_under_sampler import RandomUnderSampler
from .repeated import AllKNN, RepeatedEditedNearestNeighbours
from .tomek_links import TomekLinks

__all__ = [
    "AllKNN",
    "ClusterCentroids",
    "EditedNearestNeighbours",
    "InstanceHardnessThreshold",
    "NearMiss",
    "RandomUnderSampler",
    "RepeatedEditedNearestNeighbours",
    "TomekLinks",
]
