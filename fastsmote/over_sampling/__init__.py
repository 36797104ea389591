"""Over-samplers: validate, draw randomness in imbalanced-learn's order, call kernels."""

from .adasyn import ADASYN
from .borderline import BorderlineSMOTE
from .kmeans import KMeansSMOTE
from .smote import SMOTE
from .svm import SVMSMOTE

__all__ = ["SMOTE", "ADASYN", "BorderlineSMOTE", "KMeansSMOTE", "SVMSMOTE"]
