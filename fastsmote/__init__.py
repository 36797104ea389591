"""fastsmote: imbalanced-learn's SMOTE family, identical output, Numba speed.

Public names only; importing fastsmote changes no global Numba state.
"""

from ._warmup import warmup
from .over_sampling import SMOTE

__version__ = "0.1.0"

__all__ = ["SMOTE", "warmup", "__version__"]
