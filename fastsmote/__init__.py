"""fastsmote: imbalanced-learn's SMOTE family, identical output, Numba speed.

Public names only; importing fastsmote changes no global Numba state.
"""

from ._config import config_context, get_config, set_config
from ._warmup import warmup
from .combine import SMOTEENN, SMOTETomek
from .over_sampling import (
    ADASYN,
    SMOTE,
    SMOTEN,
    SMOTENC,
    SVMSMOTE,
    BorderlineSMOTE,
    KMeansSMOTE,
    RandomOverSampler,
)
from .under_sampling import (
    AllKNN,
    ClusterCentroids,
    CondensedNearestNeighbour,
    EditedNearestNeighbours,
    InstanceHardnessThreshold,
    NearMiss,
    NeighbourhoodCleaningRule,
    OneSidedSelection,
    RandomUnderSampler,
    RepeatedEditedNearestNeighbours,
    TomekLinks,
)

__version__ = "0.1.0"

__all__ = [
    "config_context",
    "get_config",
    "set_config",
    "SMOTE",
    "ADASYN",
    "BorderlineSMOTE",
    "KMeansSMOTE",
    "SVMSMOTE",
    "SMOTENC",
    "SMOTEN",
    "RandomOverSampler",
    "warmup",
    "__version__",
    "AllKNN",
    "EditedNearestNeighbours",
    "NearMiss",
    "CondensedNearestNeighbour",
    "OneSidedSelection",
    "NeighbourhoodCleaningRule",
    "RandomUnderSampler",
    "ClusterCentroids",
    "InstanceHardnessThreshold",
    "RepeatedEditedNearestNeighbours",
    "SMOTEENN",
    "SMOTETomek",
    "TomekLinks",
]
