"""The common case checked cheaply: a float NumPy matrix and integer labels.

imbalanced-learn's ``fit_resample`` validates its input with scikit-learn's
general machinery: ``check_classification_targets``, ``check_target_type`` and
``validate_data`` each find the target's type afresh (about 0.5 ms together,
a third of imbalanced-learn's whole SMOTE on a 500-row table). For a finite
2-D float64/float32 ``ndarray`` and a 1-D integer ``ndarray`` of the same
length every one of those checks passes and changes nothing, so they reduce
to what they record (``n_features_in_``, no ``feature_names_in_``) and
``check_sampling_strategy``. Anything else, including inputs those checks
would reject or warn about, takes imbalanced-learn's path and gets its errors
and warnings.
"""

from __future__ import annotations

import numpy as np
from imblearn.base import BaseSampler
from imblearn.utils import check_sampling_strategy
from sklearn.base import _fit_context

_FLOATS = (np.float64, np.float32)

_STANDARD: dict = {}


def _validates_as_imblearn(cls) -> bool:
    """Whether ``cls`` checks its input and resamples exactly as
    :class:`imblearn.base.BaseSampler`: its own ``_check_X_y`` and
    ``fit_resample`` (below the container mixin) are imbalanced-learn's."""
    known = _STANDARD.get(cls)
    if known is None:
        owners = [k for k in cls.__mro__ if "fit_resample" in vars(k)]
        # The container mixin first, then imbalanced-learn's BaseSampler.
        known = _STANDARD[cls] = (
            cls._check_X_y is BaseSampler._check_X_y
            and len(owners) >= 2
            and owners[0].__name__ == "ContainerMixin"
            and owners[1] is BaseSampler
        )
    return known


def plain_arrays(sampler, X, y) -> bool:
    """Whether imbalanced-learn's input validation would pass ``X`` and ``y``
    through unchanged, without a warning, for ``sampler``.

    True for a finite, non-empty 2-D float64/float32 ``ndarray`` and a 1-D
    integer ``ndarray`` of as many rows, with a sampler that validates as
    :class:`imblearn.base.BaseSampler` does, when the labels do not look like
    a regression target (scikit-learn warns about those).
    """
    if type(X) is not np.ndarray or type(y) is not np.ndarray:
        return False
    if X.ndim != 2 or y.ndim != 1 or X.dtype not in _FLOATS or y.dtype.kind not in "iu":
        return False
    n_samples = X.shape[0]
    if n_samples == 0 or X.shape[1] == 0 or y.shape[0] != n_samples:
        return False
    if not _validates_as_imblearn(type(sampler)):
        return False
    # A finite sum means every value is finite; a sum that overflows takes the
    # full check, which looks at the values themselves.
    return bool(np.isfinite(X.sum()))


def _looks_continuous(y) -> bool:
    """scikit-learn's warning for many classes: more than half the rows, over 20 rows."""
    n_samples = y.shape[0]
    if n_samples <= 20:
        return False
    return np.unique(y).shape[0] > round(0.5 * n_samples)


@_fit_context(prefer_skip_nested_validation=True)
def _fit_resample_plain(sampler, X, y):
    # What check_X_y records on a sampler for a plain array: the feature count,
    # and no feature names.
    sampler.n_features_in_ = X.shape[1]
    if hasattr(sampler, "feature_names_in_"):
        del sampler.feature_names_in_
    # column_or_1d's C order, as imbalanced-learn's validation returns y.
    y = np.ascontiguousarray(y)
    sampler.sampling_strategy_ = check_sampling_strategy(
        sampler.sampling_strategy, y, sampler._sampling_type
    )
    output = sampler._fit_resample(X, y)
    return (output[0], output[1]) if len(output) == 2 else (output[0], output[1], output[2])


def fit_resample_plain(sampler, X, y):
    """``sampler.fit_resample(X, y)`` for inputs :func:`plain_arrays` accepts,
    or None when the labels need imbalanced-learn's own checks (and warning)."""
    if _looks_continuous(y):
        return None
    return _fit_resample_plain(sampler, X, y)
