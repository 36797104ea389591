"""RandomUnderSampler: keep a random subset of each targeted class."""

from __future__ import annotations

import numpy as np
from imblearn.under_sampling import RandomUnderSampler as _ImblearnRandomUnderSampler
from imblearn.under_sampling.base import BaseUnderSampler
from imblearn.utils import Substitution, check_target_type
from imblearn.utils._docstring import _random_state_docstring
from imblearn.utils._validation import _check_X
from sklearn.utils import _safe_indexing, check_random_state
from sklearn_compat.utils.validation import validate_data

from .._containers import ContainerMixin
from .._plain_input import fit_resample_plain


@Substitution(
    sampling_strategy=BaseUnderSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
)
class RandomUnderSampler(ContainerMixin, BaseUnderSampler):
    """Under-sample by keeping random samples of each class, as imbalanced-learn does.

    Each targeted class keeps ``sampling_strategy_[class]`` of its samples,
    drawn at random with or without replacement; the other classes are kept
    whole. The draws are imbalanced-learn's, class by class in sorted label
    order, so the output and ``sample_indices_`` equal
    :class:`imblearn.under_sampling.RandomUnderSampler`'s. The kept indices
    are written into one array and the output is gathered from it once.
    Any ``X`` imbalanced-learn takes is taken: object and string columns,
    missing values, sparse matrices, pandas and polars DataFrames.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    replacement : bool, default=False
        Whether the sample is with or without replacement.

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to keep per targeted class.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Index in ``X`` of every output sample.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.RandomUnderSampler : The reference implementation.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import RandomUnderSampler
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> rus = RandomUnderSampler(random_state=42)
    >>> X_res, y_res = rus.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items()), rus.sample_indices_.shape
    ([(0, 100), (1, 100)], (200,))
    """

    _parameter_constraints: dict = dict(_ImblearnRandomUnderSampler._parameter_constraints)

    def __init__(self, *, sampling_strategy="auto", random_state=None, replacement=False):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.replacement = replacement

    def _check_X_y(self, X, y):
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        X = _check_X(X)
        X, y = validate_data(self, X=X, y=y, reset=True, skip_check_array=True)
        return X, y, binarize_y

    def fit_resample(self, X, y, **params):
        # imbalanced-learn's checks pass a 2-D float array and 1-D integer
        # labels through unchanged (missing values included: this sampler
        # accepts them), so they reduce to what they record.
        if not params and _plain_float_and_labels(X, y):
            output = fit_resample_plain(self, X, y)
            if output is not None:
                return output
        return super().fit_resample(X, y, **params)

    fit_resample.__doc__ = ContainerMixin.fit_resample.__doc__

    def _fit_resample(self, X, y):
        random_state = check_random_state(self.random_state)
        self.sample_indices_ = under_sample_indices(
            y, self.sampling_strategy_, random_state, self.replacement
        )
        return take_rows(X, self.sample_indices_), np.take(y, self.sample_indices_)

    def _more_tags(self):
        return {
            "X_types": ["2darray", "string", "sparse", "dataframe"],
            "sample_indices": True,
            "allow_nan": True,
            "_xfail_checks": {"check_complex_data": "Robust to this type of data."},
        }

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        tags.sampler_tags.sample_indices = True
        return tags


def under_sample_indices(y, sampling_strategy_, random_state, replacement) -> np.ndarray:
    """The rows imbalanced-learn's RandomUnderSampler keeps, in its order.

    Classes in ``np.unique`` order; a targeted class keeps
    ``random_state.choice(n_class, size=n_keep, replace=replacement)`` of its
    rows (the draw imbalanced-learn makes with ``range(n_class)``: an int
    population gives the same numbers without building the range), the others
    all their rows in order.

    Parameters
    ----------
    y : ndarray of shape (n_samples,)
        Labels.
    sampling_strategy_ : dict
        Samples to keep per targeted class.
    random_state : numpy.random.RandomState
        Where the draws come from.
    replacement : bool
        Whether to draw with replacement.

    Returns
    -------
    indices : ndarray of shape (n_kept,), int
        Index in ``y`` of every kept sample.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([0, 1, 1, 1, 0, 1])
    >>> under_sample_indices(y, {1: 2}, np.random.RandomState(0), False).tolist()
    [0, 4, 3, 5]
    """
    classes = sorted_labels(y)
    class_rows = [np.flatnonzero(y == label) for label in classes]
    sizes = [
        sampling_strategy_[label] if label in sampling_strategy_ else rows.shape[0]
        for label, rows in zip(classes, class_rows, strict=True)
    ]
    indices = np.empty(sum(sizes), dtype=int)
    start = 0
    for label, rows, size in zip(classes, class_rows, sizes, strict=True):
        if label in sampling_strategy_:
            chosen = random_state.choice(rows.shape[0], size=size, replace=replacement)
            np.take(rows, chosen, out=indices[start : start + size])
        else:
            indices[start : start + size] = rows
        start += size
    return indices


def _plain_float_and_labels(X, y) -> bool:
    """A non-empty 2-D float64/float32 ``ndarray`` and 1-D integer labels of
    as many rows: inputs imbalanced-learn's RandomUnderSampler validation
    returns unchanged, without a warning about ``X``."""
    if type(X) is not np.ndarray or type(y) is not np.ndarray:
        return False
    if X.ndim != 2 or y.ndim != 1 or X.dtype not in (np.float64, np.float32):
        return False
    return y.dtype.kind in "iu" and X.shape[0] == y.shape[0] > 0 and X.shape[1] > 0


def sorted_labels(y) -> np.ndarray:
    """``np.unique(y)``: for small non-negative integer labels by counting
    (one pass, where ``np.unique`` sorts or hashes every label).

    Examples
    --------
    >>> import numpy as np
    >>> sorted_labels(np.array([3, 0, 3, 1])).tolist(), sorted_labels(np.array(["b", "a"])).tolist()
    ([0, 1, 3], ['a', 'b'])
    """
    if (
        y.ndim == 1
        and y.size
        and (y.dtype.kind == "i" or (y.dtype.kind == "u" and y.itemsize <= 4))
    ):
        low, high = y.min(), y.max()
        # Counting costs a pass over max(y) + 1 slots: only when that is small.
        if low >= 0 and high <= 2 * y.shape[0]:
            return np.flatnonzero(np.bincount(y)).astype(y.dtype, copy=False)
    return np.unique(y)


def take_rows(X, indices):
    """``_safe_indexing(X, indices)``: the same rows, for a NumPy array by
    ``np.take`` (scikit-learn's fancy indexing is several times slower)."""
    if type(X) is np.ndarray:
        return np.take(X, indices, axis=0)
    return _safe_indexing(X, indices)
