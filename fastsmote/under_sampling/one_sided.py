"""One-sided selection: one 1-NN pass against a seeded set, then Tomek links."""

from __future__ import annotations

from collections import Counter

import numpy as np
from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from sklearn.base import clone
from sklearn.utils import _safe_indexing, check_random_state

from ..neighbors.base import as_kernel_array
from .base import _CLEANING_NN_DOC, BaseCleaning
from .condensed import (
    CONDENSED_CONSTRAINTS,
    CONDENSED_PARAMS_DOC,
    ClassifierOracle,
    error_bounds,
    nearest_squared,
    one_nn_classifier,
    one_nn_route,
)
from .tomek_links import TomekLinks


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    condensed_params=CONDENSED_PARAMS_DOC,
    nn_backend=_CLEANING_NN_DOC,
)
class OneSidedSelection(BaseCleaning):
    """Under-sample with one-sided selection, as imbalanced-learn.

    For each targeted class, C is the minority rows and ``n_seeds_S`` random
    rows of the class; the class's other rows that a 1-NN classifier on C
    misclassifies are kept with the seeds. Tomek links are then removed from
    the rows kept (fastsmote's :class:`TomekLinks`). The output, its order and
    ``sample_indices_`` equal
    :class:`imblearn.under_sampling.OneSidedSelection`'s for the same
    ``random_state``, on any data: rows whose two distances tie (or lie within
    scikit-learn's rounding) are asked of scikit-learn's classifier, built as
    imbalanced-learn builds it.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    {condensed_params}

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted.
    estimators_ : list of KNeighborsClassifier
        Per targeted class, the classifier fitted on its set C.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in output order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.OneSidedSelection : The reference implementation.
    CondensedNearestNeighbour : C grown row by row.
    TomekLinks : The cleaning step.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import OneSidedSelection
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = OneSidedSelection(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())[0]
    (0, 100)
    """

    _parameter_constraints: dict = {**BaseCleaning._parameter_constraints, **CONDENSED_CONSTRAINTS}

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        n_neighbors=None,
        n_seeds_S=1,
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.n_seeds_S = n_seeds_S
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend

    def _validate_estimator(self):
        # A plain ``int`` only: a NumPy integer, like any other neighbours
        # object, falls through to imbalanced-learn's UnboundLocalError.
        return one_nn_classifier(self.n_neighbors, self.n_jobs, int)

    def _fit_resample(self, X, y):
        estimator = self._validate_estimator()
        random_state = check_random_state(self.random_state)
        target_stats = Counter(y)
        class_minority = min(target_stats, key=target_stats.get)
        minority_idx = np.flatnonzero(y == class_minority)
        fast = one_nn_route(estimator, X)
        X_kernel = as_kernel_array(X) if fast else None
        parts = []
        self.estimators_ = []
        for target_class in np.unique(y):
            idx_class = np.flatnonzero(y == target_class)
            if target_class not in self.sampling_strategy_.keys():
                parts.append(idx_class)
                continue
            seeds = random_state.randint(
                low=0, high=target_stats[target_class], size=self.n_seeds_S
            )
            C_indices = np.append(minority_idx, idx_class[seeds])
            clf = clone(estimator).fit(_safe_indexing(X, C_indices), _safe_indexing(y, C_indices))
            self.estimators_.append(clf)
            # The class's rows without the seeds, in order (duplicate draws removed once).
            batch = np.delete(idx_class, seeds)
            if not fast or batch.size == 0:
                # (An empty batch gets scikit-learn's error, as in imbalanced-learn.)
                wrong = clf.predict(_safe_indexing(X, batch)) != _safe_indexing(y, batch)
            elif target_class == class_minority:
                wrong = np.zeros(batch.size, dtype=np.bool_)  # C holds one class only
            else:
                C_own = idx_class[seeds]
                wrong = self._misclassified(estimator, X, X_kernel, y, batch, C_own, minority_idx)
            parts.extend([idx_class[seeds], batch[wrong]])
        idx_under = np.concatenate([np.empty(0, dtype=int), *parts])
        self._tomek = TomekLinks(
            sampling_strategy=list(self.sampling_strategy_.keys()),
            n_jobs=self.n_jobs,
            nn_backend=self.nn_backend,
        )
        self._tomek.fit_resample(_safe_indexing(X, idx_under), _safe_indexing(y, idx_under))
        self.sample_indices_ = idx_under[self._tomek.sample_indices_]
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )

    def _misclassified(self, estimator, X, X_kernel, y, batch, C_own, minority_idx) -> np.ndarray:
        """Which rows of ``batch`` the 1-NN classifier on C (``minority_idx``
        then ``C_own``) misclassifies, from fastsmote's kernels."""
        own_dist = nearest_squared(self, X_kernel, batch, C_own)
        other_dist = nearest_squared(self, X_kernel, batch, minority_idx)
        err_abs, err_rel = error_bounds(X, X_kernel, batch, np.append(minority_idx, C_own))
        err = err_abs + err_rel * (own_dist + other_dist)
        wrong = other_dist < own_dist
        unsure = np.flatnonzero(np.abs(own_dist - other_dist) <= err)
        if unsure.size:
            oracle = ClassifierOracle(estimator, X, y, batch)
            oracle.refit(np.append(minority_idx, C_own))
            wrong[unsure] = ~oracle.in_batch_correct(unsure)
        return wrong
