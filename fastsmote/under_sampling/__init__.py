"""Under-samplers: Tomek links, edited nearest neighbours and imbalanced-learn's
other under-samplers (NearMiss, CNN,
OSS, NCR, random, cluster centroids, instance hardness)."""

from .cluster_centroids import ClusterCentroids
from .condensed import CondensedNearestNeighbour
from .edited_nearest_neighbours import EditedNearestNeighbours
from .instance_hardness import InstanceHardnessThreshold
from .near_miss import NearMiss
from .neighbourhood_cleaning import NeighbourhoodCleaningRule
from .one_sided import OneSidedSelection
from .random_under_sampler import RandomUnderSampler
from .repeated import AllKNN, RepeatedEditedNearestNeighbours
from .tomek_links import TomekLinks

__all__ = [
    "AllKNN",
    "ClusterCentroids",
    "CondensedNearestNeighbour",
    "EditedNearestNeighbours",
    "InstanceHardnessThreshold",
    "NearMiss",
    "NeighbourhoodCleaningRule",
    "OneSidedSelection",
    "RandomUnderSampler",
    "RepeatedEditedNearestNeighbours",
    "TomekLinks",
]
