"""InstanceHardnessThreshold: keep the samples a classifier finds easiest."""

from __future__ import annotations

import numpy as np
from imblearn.under_sampling import (
    InstanceHardnessThreshold as _ImblearnInstanceHardnessThreshold,
)
from imblearn.under_sampling.base import BaseUnderSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _n_jobs_docstring, _random_state_docstring
from sklearn.base import clone, is_classifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.ensemble._base import _set_random_states
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.utils import check_random_state

from .._containers import ContainerMixin
from .random_under_sampler import sorted_labels, take_rows


@Substitution(
    sampling_strategy=BaseUnderSampler._sampling_strategy_docstring,
    n_jobs=_n_jobs_docstring,
    random_state=_random_state_docstring,
)
class InstanceHardnessThreshold(ContainerMixin, BaseUnderSampler):
    """Under-sample by instance hardness, as imbalanced-learn does.

    A classifier's cross-validated probability of each sample's own class
    measures how easy the sample is; a targeted class keeps the samples whose
    probability reaches the percentile that leaves about
    ``sampling_strategy_[class]`` of them (ties at the threshold are all
    kept). The classifier, the folds and every random draw are
    imbalanced-learn's own scikit-learn calls in its order, so the output and
    ``sample_indices_`` equal
    :class:`imblearn.under_sampling.InstanceHardnessThreshold`'s. The output
    is gathered once from the kept indices.

    Parameters
    ----------
    estimator : estimator object, default=None
        Classifier with ``predict_proba`` that measures the hardness; cloned
        and given seeds drawn from ``random_state``. ``None``: a
        ``RandomForestClassifier(n_estimators=100)`` with ``random_state``
        and ``n_jobs``. A labels' column is looked up by the label itself, so
        labels must be ``0, 1, ...`` (as in imbalanced-learn).

    {sampling_strategy}

    {random_state}

    cv : int, default=5
        Number of folds to be used when estimating samples' instance hardness.

    {n_jobs}

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to keep per targeted class.
    estimator_ : estimator object
        The classifier used to estimate the instance hardness (as in
        imbalanced-learn, it is left unset, and the fit fails, when
        ``estimator`` is not a classifier).
    sample_indices_ : ndarray of shape (n_new_samples,)
        Index in ``X`` of every output sample.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.InstanceHardnessThreshold : The reference implementation.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from fastsmote import InstanceHardnessThreshold
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> iht = InstanceHardnessThreshold(estimator=LogisticRegression(), random_state=42)
    >>> X_res, y_res = iht.fit_resample(X, y)
    >>> Counter(y_res.tolist())[0], iht.sample_indices_.shape == y_res.shape
    (100, True)
    """

    _parameter_constraints: dict = dict(_ImblearnInstanceHardnessThreshold._parameter_constraints)

    def __init__(
        self,
        *,
        estimator=None,
        sampling_strategy="auto",
        random_state=None,
        cv=5,
        n_jobs=None,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.estimator = estimator
        self.cv = cv
        self.n_jobs = n_jobs

    def _validate_estimator(self, random_state):
        if (
            self.estimator is not None
            and is_classifier(self.estimator)
            and hasattr(self.estimator, "predict_proba")
        ):
            self.estimator_ = clone(self.estimator)
            # Seeds for the estimator's random parameters: imbalanced-learn's
            # first draws from random_state.
            _set_random_states(self.estimator_, random_state)
        elif self.estimator is None:
            self.estimator_ = RandomForestClassifier(
                n_estimators=100, random_state=self.random_state, n_jobs=self.n_jobs
            )
        # Otherwise estimator_ stays unset (or as a previous fit left it), and
        # the fit fails on it as imbalanced-learn's does.

    def _fit_resample(self, X, y):
        random_state = check_random_state(self.random_state)
        self._validate_estimator(random_state)
        folds = StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=random_state)
        probabilities = cross_val_predict(
            self.estimator_, X, y, cv=folds, n_jobs=self.n_jobs, method="predict_proba"
        )
        # Each sample's probability of its own label: the label is the column.
        own_class = probabilities[range(len(y)), y]
        self.sample_indices_ = hardness_kept_indices(own_class, y, self.sampling_strategy_)
        return take_rows(X, self.sample_indices_), np.take(y, self.sample_indices_)

    def _more_tags(self):
        return {"sample_indices": True}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.sampler_tags.sample_indices = True
        return tags


def hardness_kept_indices(own_class, y, sampling_strategy_) -> np.ndarray:
    """The rows imbalanced-learn's InstanceHardnessThreshold keeps, in its order.

    Classes in ``np.unique`` order; a targeted class with ``n`` samples keeps,
    in row order, those whose probability reaches
    ``np.percentile(p, (1.0 - n_keep / n) * 100.0)`` (imbalanced-learn's
    expression, so the same threshold to the last bit); the others keep all.

    Parameters
    ----------
    own_class : ndarray of shape (n_samples,)
        Each sample's cross-validated probability of its own class.
    y : ndarray of shape (n_samples,)
        Labels.
    sampling_strategy_ : dict
        Samples to keep per targeted class.

    Returns
    -------
    indices : ndarray of shape (n_kept,), int
        Index in ``y`` of every kept sample.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([0.9, 0.2, 0.8, 0.6, 0.7])
    >>> hardness_kept_indices(p, np.array([1, 0, 1, 1, 1]), {1: 2}).tolist()
    [1, 0, 2]
    """
    pieces = []
    for label in sorted_labels(y):
        rows = np.flatnonzero(y == label)
        if label in sampling_strategy_:
            class_probabilities = own_class[rows]
            threshold = np.percentile(
                class_probabilities,
                (1.0 - (sampling_strategy_[label] / rows.shape[0])) * 100.0,
            )
            rows = rows[class_probabilities >= threshold]
        pieces.append(rows)
    return np.concatenate(pieces).astype(int, copy=False)
