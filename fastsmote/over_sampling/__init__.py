"""Over-samplers: validate, draw randomness in imbalanced-learn's order, call kernels."""

from .adasyn import ADASYN
from .borderline import BorderlineSMOTE
from .kmeans import KMeansSMOTE
from .random_over_sampler import RandomOverSampler
from .smote import SMOTE
from .smoten import SMOTEN
from .smotenc import SMOTENC
from .svm import SVMSMOTE

__all__ = [
    "SMOTE",
    "ADASYN",
    "BorderlineSMOTE",
    "KMeansSMOTE",
    "SVMSMOTE",
    "SMOTENC",
    "SMOTEN",
    "RandomOverSampler",
]
