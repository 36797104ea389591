"""Condensed nearest neighbour: keep the rows a growing 1-NN set misclassifies."""

from __future__ import annotations

import numbers
from collections import Counter

import numpy as np
from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from sklearn import get_config as sklearn_config
from sklearn.base import clone
from sklearn.neighbors import KNeighborsClassifier
from sklearn.utils import _safe_indexing, check_random_state
from sklearn.utils._param_validation import HasMethods, Interval

from .._kernels.condensed import (
    SCAN_DONE,
    condense_scan,
    join_members,
    paired_squared_distances,
)
from ..neighbors.base import as_kernel_array, checked_indices
from .base import _CLEANING_NN_DOC, BaseCleaning

#: imbalanced-learn's constraints of the parameters CNN and OSS share.
CONDENSED_CONSTRAINTS: dict = {
    "n_neighbors": [
        Interval(numbers.Integral, 1, None, closed="left"),
        HasMethods(["kneighbors", "kneighbors_graph"]),
        None,
    ],
    "n_seeds_S": [Interval(numbers.Integral, 1, None, closed="left")],
    "n_jobs": [numbers.Integral, None],
    "random_state": ["random_state"],
}

CONDENSED_PARAMS_DOC = """n_neighbors : int or estimator object, default=None
        If ``int``, the ``n_neighbors`` of the
        :class:`~sklearn.neighbors.KNeighborsClassifier` that classifies; if a
        ``KNeighborsClassifier``, a clone of it classifies; ``None`` means a
        1-NN classifier. The 1-NN classifier (``None``, ``1``, or a
        ``KNeighborsClassifier`` with default parameters) runs on fastsmote's
        kernels; anything else runs scikit-learn's classifier as
        imbalanced-learn does.

    n_seeds_S : int, default=1
        Number of rows of each targeted class drawn (with replacement) to seed
        the set C."""


def one_nn_route(estimator, X) -> bool:
    """Whether fastsmote's kernels can answer for ``estimator`` on ``X``: a
    default 1-NN ``KNeighborsClassifier`` and dense float ``X``."""
    if not isinstance(estimator, KNeighborsClassifier) or sparse.issparse(X):
        return False
    if getattr(X, "dtype", None) not in (np.float32, np.float64):
        return False
    default = KNeighborsClassifier(n_neighbors=1, n_jobs=estimator.n_jobs).get_params()
    return estimator.get_params() == default


class ClassifierOracle:
    """imbalanced-learn's classifier on C, asked only about the rows the
    kernels cannot decide (distances within scikit-learn's rounding or tied).

    imbalanced-learn predicts a row alone (``predict(x.reshape(1, -1))``) or
    within the batch ``X[batch]``. A KD-tree answers each row alike either
    way; brute force (``ArgKminClassMode``, chunks of
    ``pairwise_dist_chunk_size`` query rows, each computed alike whatever the
    others hold) is asked the batch's chunk that holds the row.
    """

    def __init__(self, estimator, X, y, batch):
        self.estimator = estimator
        self.X = X
        self.y = y
        self.batch = batch
        self.C_indices = None
        self._clf = None
        self._chunks: dict = {}

    def refit(self, C_indices) -> None:
        """C changed: later questions go to a classifier fitted on ``C_indices``."""
        self.C_indices = C_indices
        self._clf = None
        self._chunks = {}

    def classifier(self):
        """The classifier on C, fitted as imbalanced-learn fits it."""
        if self._clf is None:
            C = self.C_indices
            self._clf = clone(self.estimator).fit(
                _safe_indexing(self.X, C), _safe_indexing(self.y, C)
            )
        return self._clf

    def alone_correct(self, positions) -> np.ndarray:
        """Whether each row ``batch[positions]``, predicted on its own, gets its label."""
        clf = self.classifier()
        rows = self.batch[positions]
        pred = np.array([clf.predict(self.X[r].reshape(1, -1))[0] for r in rows])
        return pred == self.y[rows]

    def in_batch_correct(self, positions) -> np.ndarray:
        """Whether each row ``batch[positions]`` gets its label in ``predict(X[batch])``."""
        positions = np.asarray(positions, dtype=np.int64)
        clf = self.classifier()
        if clf._fit_method != "brute":
            rows = self.batch[positions]
            return clf.predict(self.X[rows]) == self.y[rows]
        n_batch = self.batch.size
        chunk = min(n_batch, int(sklearn_config().get("pairwise_dist_chunk_size", 256)))
        out = np.empty(positions.size, dtype=np.bool_)
        for t, pos in enumerate(positions):
            start = (pos // chunk) * chunk
            if start not in self._chunks:
                rows = self.batch[start : min(start + chunk, n_batch)]
                self._chunks[start] = clf.predict(self.X[rows]) == self.y[rows]
            out[t] = self._chunks[start][pos - start]
        return out


def nearest_squared(sampler, X_kernel, query_rows, ref_rows) -> np.ndarray:
    """Exact squared distance of each row ``query_rows`` to its nearest row
    among ``ref_rows`` (found by the sampler's ``nn_backend``)."""
    nn = sampler._neighbors_for(1, X_kernel)
    sampler._nn = nn  # reported by nn_search_
    nn.fit(X_kernel[ref_rows])
    ind = nn.kneighbors(X_kernel[query_rows], 1, return_distance=False)
    ind = checked_indices(ind, ref_rows.size, query_rows.size, nn)[:, 0]
    return paired_squared_distances(
        np.ascontiguousarray(X_kernel[query_rows]),
        np.ascontiguousarray(X_kernel[ref_rows]),
        np.ascontiguousarray(ind, dtype=np.int64),
    )


def error_bounds(X, X_kernel, query_rows, ref_rows) -> tuple[np.ndarray, float]:
    """``(err_abs, err_rel)``: how far apart two squared distances of a query
    row must be for scikit-learn's search (and the backend's choice of the
    nearest minority row) to order them as exact arithmetic does.

    scikit-learn's brute force computes |q|^2 - 2 q.r + |r|^2, within
    (d + 2) u (|q| + |r|)^2 of exact; its KD-tree's direct sum within
    (d + 1) u of the distance. Both, for both distances, for both searches,
    with a margin; ``u`` is float32's for float32 ``X``.
    """
    u = 2.0**-24 if X.dtype == np.float32 else 2.0**-53
    coef = 4.0 * 1.25 * (X_kernel.shape[1] + 3) * u
    norms = np.sqrt(np.einsum("ij,ij->i", X_kernel, X_kernel, dtype=np.float64))
    top = norms[np.concatenate([query_rows, ref_rows])].max(initial=0.0)
    return coef * (norms[query_rows] + top) ** 2, coef


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    condensed_params=CONDENSED_PARAMS_DOC,
    nn_backend=_CLEANING_NN_DOC,
)
class CondensedNearestNeighbour(BaseCleaning):
    """Under-sample with the condensed nearest neighbour rule, as imbalanced-learn.

    For each targeted class, C starts as the minority rows and ``n_seeds_S``
    random rows of the class; the class's rows are visited once, in order, and
    each one a classifier on C misclassifies joins C. The output, its order
    and ``sample_indices_`` equal
    :class:`imblearn.under_sampling.CondensedNearestNeighbour`'s, for the same
    ``random_state``, on any data: the 1-NN decisions are exact distance
    comparisons kept up to date as C grows, and rows whose distances tie (or
    lie within scikit-learn's rounding) are asked of scikit-learn's classifier
    built as imbalanced-learn builds it.

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
        Per targeted class, the classifier fitted on its final set C.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in output order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.CondensedNearestNeighbour : The reference implementation.
    OneSidedSelection : One 1-NN pass, then Tomek links.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import CondensedNearestNeighbour
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = CondensedNearestNeighbour(random_state=42).fit_resample(X, y)
    >>> len(y_res) < len(y)
    True
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
        return one_nn_classifier(self.n_neighbors, self.n_jobs, numbers.Integral)

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
            if fast and target_class != class_minority:
                kept = self._condense(estimator, X, X_kernel, y, idx_class, seeds, minority_idx)
            elif fast:
                # C holds one class only: every row is classified correctly.
                kept = idx_class[seeds]
            else:
                kept = condense_by_classifier(estimator, X, y, idx_class, seeds, minority_idx)
            C_indices = np.append(minority_idx, kept)
            self.estimators_.append(
                clone(estimator).fit(_safe_indexing(X, C_indices), _safe_indexing(y, C_indices))
            )
            parts.append(kept)
        self.sample_indices_ = np.concatenate([np.empty(0, dtype=int), *parts])
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )

    def _condense(self, estimator, X, X_kernel, y, idx_class, seeds, minority_idx):
        """The rows of class ``idx_class`` CNN keeps, seeds first (fastsmote's kernels)."""
        n = idx_class.size
        other_dist = nearest_squared(self, X_kernel, idx_class, minority_idx)
        err_abs, err_rel = error_bounds(X, X_kernel, idx_class, minority_idx)
        X_class = np.ascontiguousarray(X_kernel[idx_class])
        members = np.empty(n + seeds.size, dtype=np.int64)
        members[: seeds.size] = seeds
        # Members' rows, contiguous: the scan streams through them.
        member_X = np.empty((n + seeds.size, X_class.shape[1]), dtype=np.float64)
        member_X[: seeds.size] = X_class[seeds]
        n_members = np.array([seeds.size], dtype=np.int64)
        # imbalanced-learn passes over positions equal to the kept indices.
        skip = np.zeros(n, dtype=np.bool_)
        seeds_glob = idx_class[seeds]
        skip[seeds_glob[seeds_glob < n]] = True
        oracle = ClassifierOracle(estimator, X, y, idx_class)
        start = 0
        fitted_count = -1
        while True:
            stop = condense_scan(
                X_class,
                other_dist,
                err_abs,
                err_rel,
                members,
                member_X,
                n_members,
                skip,
                idx_class,
                start,
            )
            if stop == SCAN_DONE:
                break
            count = int(n_members[0])
            if count != fitted_count:
                oracle.refit(np.append(minority_idx, idx_class[members[:count]]))
                fitted_count = count
            # After a row joined C, imbalanced-learn passes over the rows its
            # batch prediction classifies correctly; before, it asks each alone.
            if count > seeds.size and oracle.in_batch_correct([stop])[0]:
                pass
            elif not oracle.alone_correct([stop])[0]:
                join_members(X_class, stop, members, member_X, n_members, skip, idx_class)
            start = stop + 1
        return idx_class[members[: n_members[0]]]


def condense_by_classifier(estimator, X, y, idx_class, seeds, minority_idx) -> np.ndarray:
    """CNN's rows of one class with scikit-learn's classifier, as imbalanced-learn runs it.

    For a classifier other than the default 1-NN, for sparse or integer
    ``X``: C grows by each misclassified row, the classifier is refitted and
    its batch prediction decides which later rows are passed over.
    """
    kept = idx_class[seeds]
    C_indices = np.append(minority_idx, kept)
    clf = clone(estimator).fit(_safe_indexing(X, C_indices), _safe_indexing(y, C_indices))
    S_x = _safe_indexing(X, idx_class)
    S_y = _safe_indexing(y, idx_class)
    passed = kept.copy()
    for pos in range(idx_class.size):
        if np.any(passed == pos):
            continue
        x = S_x[pos] if sparse.issparse(S_x) else S_x[pos].reshape(1, -1)
        if S_y[pos] != clf.predict(x)[0]:
            kept = np.append(kept, idx_class[pos])
            C_indices = np.append(C_indices, idx_class[pos])
            clf.fit(_safe_indexing(X, C_indices), _safe_indexing(y, C_indices))
            correct = np.flatnonzero(clf.predict(S_x) == S_y)
            passed = np.unique(np.append(kept, correct))
    return kept


def one_nn_classifier(n_neighbors, n_jobs, count_type):
    """The classifier imbalanced-learn's CNN and OSS build from ``n_neighbors``
    (``count_type``: the integer type each accepts, ``numbers.Integral`` for
    CNN, a plain ``int`` for OSS). Any other neighbours object falls through
    to imbalanced-learn's UnboundLocalError, message included."""
    if n_neighbors is None:
        estimator = KNeighborsClassifier(n_neighbors=1, n_jobs=n_jobs)
    elif isinstance(n_neighbors, count_type):
        estimator = KNeighborsClassifier(n_neighbors=n_neighbors, n_jobs=n_jobs)
    elif isinstance(n_neighbors, KNeighborsClassifier):
        estimator = clone(n_neighbors)
    return estimator
