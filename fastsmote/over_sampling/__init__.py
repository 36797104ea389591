"""Over-samplers: validate, draw randomness in imbalanced-learn's order, call kernels."""

from .smote import SMOTE

__all__ = ["SMOTE"]
