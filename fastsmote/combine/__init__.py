"""Over-sampling followed by cleaning: SMOTEENN, SMOTETomek."""

from .smote_enn import SMOTEENN
from .smote_tomek import SMOTETomek

__all__ = ["SMOTEENN", "SMOTETomek"]
