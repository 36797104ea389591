"""RandomOverSampler: bootstrap (optionally smoothed) of each class's samples."""

from __future__ import annotations

from numbers import Real

import numpy as np
from imblearn.over_sampling import RandomOverSampler as _ImblearnRandomOverSampler
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution, check_target_type
from imblearn.utils._docstring import _random_state_docstring
from imblearn.utils._validation import _check_X
from scipy import sparse
from sklearn.utils import _safe_indexing, check_array, check_random_state
from sklearn.utils.sparsefuncs import mean_variance_axis
from sklearn_compat.utils._dataframe import is_pandas_df
from sklearn_compat.utils.validation import validate_data

from .._containers import ContainerMixin


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
)
class RandomOverSampler(ContainerMixin, BaseOverSampler):
    """Over-sample by drawing samples with replacement, as imbalanced-learn does.

    Each class is completed with samples drawn at random, with replacement,
    from its own samples; with ``shrinkage``, each drawn sample is moved by
    Gaussian noise scaled to the class's spread (a smoothed bootstrap, ROSE).
    The draws are imbalanced-learn's, in its order, so the output and
    ``sample_indices_`` equal :class:`imblearn.over_sampling.RandomOverSampler`'s
    (the smoothed bootstrap multiplies the noise by the per-feature scale
    instead of by a diagonal matrix: the same products, bit for bit, without
    the matrix product). The output is gathered in one step instead of being
    stacked from pieces.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    shrinkage : float or dict, default=None
        ``None``: a plain bootstrap. A float: the shrinkage factor of the
        smoothed bootstrap for every class; a dict: one factor per class to
        over-sample. Factors are non-negative.

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to generate per class.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Index in ``X`` of every output sample (the bootstrap draw for a
        smoothed one).
    shrinkage_ : dict or None
        The shrinkage factor per class, ``None`` for a plain bootstrap.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.RandomOverSampler : The reference implementation.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import RandomOverSampler
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> ros = RandomOverSampler(random_state=42)
    >>> X_res, y_res = ros.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items()), ros.sample_indices_.shape
    ([(0, 900), (1, 900)], (1800,))
    """

    _parameter_constraints: dict = dict(_ImblearnRandomOverSampler._parameter_constraints)

    def __init__(self, *, sampling_strategy="auto", random_state=None, shrinkage=None):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.shrinkage = shrinkage

    def _check_X_y(self, X, y):
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        X = _check_X(X)
        validate_data(self, X=X, y=y, reset=True, skip_check_array=True)
        return X, y, binarize_y

    def _validate_shrinkage(self):
        if isinstance(self.shrinkage, Real):
            self.shrinkage_ = {klass: self.shrinkage for klass in self.sampling_strategy_}
        else:
            self.shrinkage_ = self.shrinkage
        if self.shrinkage_ is None:
            return
        missing = self.sampling_strategy_.keys() - self.shrinkage_.keys()
        if missing:
            raise ValueError(
                "`shrinkage` should contain a shrinkage factor for "
                "each class that will be resampled. The missing "
                f"classes are: {repr(missing)}"
            )
        for klass, factor in self.shrinkage_.items():
            if factor < 0:
                raise ValueError(
                    f"The shrinkage factor needs to be >= 0. Got {factor} for class {klass}."
                )

    def _fit_resample(self, X, y):
        random_state = check_random_state(self.random_state)
        self._validate_shrinkage()
        if self.shrinkage_ is not None:
            try:
                X = check_array(X, accept_sparse=["csr", "csc"], dtype="numeric")
            except ValueError as exc:
                raise ValueError(
                    "When shrinkage is not None, X needs to contain only "
                    "numerical data to later generate a smoothed bootstrap "
                    "sample."
                ) from exc
        n_samples, n_features = X.shape
        index_parts = [np.arange(n_samples)]
        smoothed = []
        for class_sample, num_samples in self.sampling_strategy_.items():
            class_rows = np.flatnonzero(y == class_sample)
            drawn = random_state.choice(class_rows, size=num_samples, replace=True)
            index_parts.append(drawn)
            if self.shrinkage_ is not None:
                # imbalanced-learn's smoothed bootstrap: noise times a diagonal
                # matrix, i.e. each column times its scale.
                constant = (4 / ((n_features + 2) * n_samples)) ** (1 / (n_features + 4))
                if sparse.issparse(X):
                    _, variance = mean_variance_axis(X[class_rows, :], axis=0)
                    scale = np.sqrt(variance, out=variance)
                else:
                    scale = np.std(X[class_rows, :], axis=0)
                scale = self.shrinkage_[class_sample] * constant * scale
                noise = random_state.randn(num_samples, n_features)
                noise *= scale
                smoothed.append(_add_to_rows(noise, X, drawn))
        self.sample_indices_ = np.concatenate(index_parts)
        y_res = y[self.sample_indices_]
        if self.shrinkage_ is not None:
            if sparse.issparse(X):
                return sparse.vstack([X, *smoothed], format=X.format), y_res
            return np.vstack([X, *smoothed]), y_res
        if sparse.issparse(X):
            return _safe_indexing(X, self.sample_indices_).asformat(X.format), y_res
        if is_pandas_df(X):
            # imbalanced-learn stacks the DataFrame pieces into one NumPy array.
            X = np.asarray(X)
        return X[self.sample_indices_], y_res

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


def _add_to_rows(noise, X, rows):
    """``noise + X[rows]`` in imbalanced-learn's dtypes (sparse: a CSR matrix in
    X's dtype, as ``csr_matrix(dense, dtype=X.dtype)``)."""
    if sparse.issparse(X):
        return sparse.csr_matrix(noise + X[rows, :], dtype=X.dtype)
    return noise + X[rows, :]
