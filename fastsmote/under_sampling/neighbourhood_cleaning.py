"""Neighbourhood cleaning rule: ENN, then the neighbours of misclassified minority samples."""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import Substitution
from scipy import sparse
from sklearn.base import clone
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval

from ..neighbors.ambiguity import fit_facts
from ..neighbors.sklearn_order import (
    asks_scikit_learn,
    imblearn_lists,
    resolves_ties,
    sklearn_method,
)
from .base import _CLEANING_NN_DOC, BaseCleaning, class_codes, uses_fastsmote_search
from .edited_nearest_neighbours import EditedNearestNeighbours

_U = 2.0**-53


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    nn_backend=_CLEANING_NN_DOC,
)
class NeighbourhoodCleaningRule(BaseCleaning):
    """Under-sample with the neighbourhood cleaning rule, as imbalanced-learn.

    Samples removed by an edited nearest neighbours step (``kind_sel="mode"``)
    form A1; the neighbours, of classes big enough to clean, of minority
    samples that a ``n_neighbors``-NN classifier misclassifies form A2. The
    output keeps every other sample in its original order. It and
    ``sample_indices_`` equal
    :class:`imblearn.under_sampling.NeighbourhoodCleaningRule`'s: always with
    scikit-learn objects as ``n_neighbors`` or ``edited_nearest_neighbours``
    (used as imbalanced-learn uses them), and with fastsmote's exact backends
    on any data, ties and duplicate rows included: the classifier's vote
    counts the sample itself and is tie-broken as scikit-learn's, the A2
    lists are scikit-learn's (:mod:`fastsmote.neighbors.sklearn_order`).

    Parameters
    ----------
    {sampling_strategy}

    edited_nearest_neighbours : estimator object, default=None
        The sampler of the first step, cloned and used as given. ``None``:
        fastsmote's :class:`EditedNearestNeighbours` with ``kind_sel="mode"``
        and this sampler's ``sampling_strategy``, ``n_neighbors``, ``n_jobs``
        and ``nn_backend``.

    n_neighbors : int or estimator object, default=3
        If ``int``, the neighbourhood size of the classifier and of the default
        ENN. If a ``NearestNeighbors``, a classifier of ``n_neighbors - 1``
        neighbours (imbalanced-learn's backward compatibility); another object
        is cloned and used as the classifier (``fit(X, y)``, ``predict``,
        ``kneighbors``), as in imbalanced-learn.

    threshold_cleaning : float, default=0.5
        A targeted class is cleaned in the second step when it has more than
        ``threshold_cleaning`` times as many samples as the minority class.

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted by the cleaning.
    edited_nearest_neighbours_ : estimator object
        The fitted sampler of the first step.
    nn_ : estimator object
        The neighbours object of the second step: the fastsmote backend that
        searched the minority samples (with an int ``n_neighbors`` and
        fastsmote's search), else imbalanced-learn's fitted classifier.
    classes_to_clean_ : list
        The classes cleaned in the second step, in order of first appearance.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in their original order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.NeighbourhoodCleaningRule : The reference implementation.
    EditedNearestNeighbours : The first step.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import NeighbourhoodCleaningRule
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = NeighbourhoodCleaningRule().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 888)]
    """

    _parameter_constraints: dict = {
        **BaseCleaning._parameter_constraints,
        "edited_nearest_neighbours": [HasMethods(["fit_resample"]), None],
        "n_neighbors": [
            Interval(numbers.Integral, 1, None, closed="left"),
            HasMethods(["kneighbors", "kneighbors_graph"]),
        ],
        "threshold_cleaning": [Interval(numbers.Real, 0, None, closed="neither")],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        edited_nearest_neighbours=None,
        n_neighbors=3,
        threshold_cleaning=0.5,
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.edited_nearest_neighbours = edited_nearest_neighbours
        self.n_neighbors = n_neighbors
        self.threshold_cleaning = threshold_cleaning
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend

    def _validate_estimator(self):
        if self.edited_nearest_neighbours is None:
            self.edited_nearest_neighbours_ = EditedNearestNeighbours(
                sampling_strategy=self.sampling_strategy,
                n_neighbors=self.n_neighbors,
                kind_sel="mode",
                n_jobs=self.n_jobs,
                nn_backend=self.nn_backend,
            )
        else:
            self.edited_nearest_neighbours_ = clone(self.edited_nearest_neighbours)

    def _classifier(self):
        """imbalanced-learn's classifier of the second step (unfitted)."""
        if isinstance(self.n_neighbors, numbers.Integral):
            return KNeighborsClassifier(n_neighbors=self.n_neighbors, n_jobs=self.n_jobs)
        if isinstance(self.n_neighbors, NearestNeighbors):
            # imbalanced-learn's backward compatibility: the object's size, minus self.
            return KNeighborsClassifier(
                n_neighbors=self.n_neighbors.n_neighbors - 1, n_jobs=self.n_jobs
            )
        return clone(self.n_neighbors)

    def _fit_resample(self, X, y):
        self._validate_estimator()
        self.edited_nearest_neighbours_.fit_resample(X, y)
        removed = np.ones(y.shape[0], dtype=np.bool_)
        removed[self.edited_nearest_neighbours_.sample_indices_] = False  # A1

        classes, y_codes = class_codes(y)
        minority, self.classes_to_clean_, clean_codes = self._classes_to_clean(y, classes)
        minority_rows = np.flatnonzero(y_codes == minority)
        misclassified, lists = self._minority_step(X, y, y_codes, minority_rows, classes.size)
        a2 = np.unique(lists[misclassified].ravel())
        a2 = a2[clean_codes[y_codes[a2]]]
        removed[a2] = True
        self.sample_indices_ = np.flatnonzero(~removed)
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )

    def _classes_to_clean(self, y, classes):
        """The minority class code, ``classes_to_clean_`` as imbalanced-learn
        lists it (``Counter(y)``'s order: first appearance) and a mask over codes."""
        _, first, counts = np.unique(y, return_index=True, return_counts=True)
        appearance = np.argsort(first, kind="stable")
        # min() over Counter(y): the first class to appear among the smallest.
        minority = int(appearance[np.argmin(counts[appearance])])
        min_count = counts[minority]
        clean_codes = np.zeros(classes.size, dtype=np.bool_)
        to_clean = []
        for code in appearance:
            label = y[first[code]]  # the object Counter(y) keys the class by
            if label in self.sampling_strategy_ and counts[code] > (
                min_count * self.threshold_cleaning
            ):
                to_clean.append(label)
                clean_codes[code] = True
        return minority, to_clean, clean_codes

    def _minority_step(self, X, y, y_codes, rows, n_classes):
        """Which minority ``rows`` the classifier misclassifies, and their
        imbalanced-learn lists (``kneighbors(n_neighbors + 1)[:, 1:]``)."""
        n = y_codes.shape[0]
        if isinstance(self.n_neighbors, numbers.Integral) and rows.size:
            k = int(self.n_neighbors)
            nn = self._fitted_backend(X, k + 1)
            if nn is not None and n >= k + 2 and self._searches_alike(nn, X, rows, k, n):
                self.nn_ = nn
                return minority_step(X, nn, rows, k, y_codes, n_classes, self.n_jobs)
        # imbalanced-learn's own step, by scikit-learn's classifier.
        self.nn_ = self._classifier()
        self.nn_.fit(X, y)
        X_rows = _safe_indexing(X, rows)
        misclassified = self.nn_.predict(X_rows) != _safe_indexing(y, rows)
        lists = self.nn_.kneighbors(
            X_rows, n_neighbors=self.nn_.n_neighbors + 1, return_distance=False
        )[:, 1:]
        return misclassified, np.asarray(lists, dtype=np.int64)

    def _fitted_backend(self, X, n_neighbors):
        """A fastsmote backend fitted on ``X``: the default ENN's when it has one,
        else a new one from ``nn_backend``; None when the search is not fastsmote's."""
        enn = self.edited_nearest_neighbours_
        if self.edited_nearest_neighbours is None:
            nn = getattr(enn, "nn_", None)
            if uses_fastsmote_search(nn, X) and getattr(nn, "n_samples_fit_", None) == X.shape[0]:
                return nn
        nn = self._neighbors_for(n_neighbors, X)
        if not uses_fastsmote_search(nn, X):
            return None
        return nn.fit(X)

    @staticmethod
    def _searches_alike(nn, X, rows, k, n) -> bool:
        """Whether fastsmote's search can answer as scikit-learn's classifier:
        dense float rows searched alike for ``k`` and ``k + 1`` neighbours, and
        no cheaper answer from scikit-learn itself."""
        if sparse.issparse(X):
            return False  # scikit-learn's classifier (brute force on sparse rows)
        if not resolves_ties(nn):
            return True
        method = sklearn_method(n, X.shape[1], k, X)
        if method == "other" or method != sklearn_method(n, X.shape[1], k + 1, X):
            return False
        # scikit-learn's step searches the rows twice (predict, then kneighbors):
        # weighed as a batch twice as large (this steers cost, never the answer).
        return not asks_scikit_learn(nn, X, rows, k + 1, 2 * rows.size, one_sided=True)


def minority_step(X, nn, rows, k, y_codes, n_classes, n_jobs=None):
    """The second step of NCR from one search of the minority ``rows``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The rows ``nn`` is fitted on (dense float).
    nn : BaseNeighbors
        A fitted fastsmote backend.
    rows : ndarray of int64
        The minority rows.
    k : int
        The classifier's ``n_neighbors``.
    y_codes : ndarray of shape (n_samples,), int64
    n_classes : int
    n_jobs : int or None
        Threads of scikit-learn's classifier where it is asked.

    Returns
    -------
    misclassified : ndarray of shape (len(rows),), bool
    lists : ndarray of shape (len(rows), k), int64
        imbalanced-learn's lists (``kneighbors(X[rows], k + 1)[:, 1:]``) under
        the default ``neighbor_order``; else self excluded, ties by index.
    """
    if hasattr(nn, "expect_queries"):
        nn.expect_queries(rows.size)
    nn_dist, nn_ind = nn.kneighbors_of_rows(rows, k + 1)
    nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
    X_kernel = nn._fit_X
    sq_dist = squared_distances(X_kernel, rows, nn_ind)
    merged, merged_sq = with_self(rows, nn_ind, sq_dist)
    votes = y_codes[merged[:, :k]]
    counts = np.zeros((rows.size, n_classes), dtype=np.int64)
    np.add.at(counts, (np.arange(rows.size)[:, None], votes), 1)
    # Ties go to the smallest class index, as np.argmax and scipy.stats.mode do.
    predicted = np.argmax(counts, axis=1)
    if not resolves_ties(nn):
        return predicted != y_codes[rows], nn_ind[:, :k]
    unsure = vote_is_ambiguous(merged_sq, k, X_kernel)
    if unsure.any():
        # scikit-learn's classifier answers each row alike whatever the batch.
        clf = KNeighborsClassifier(n_neighbors=k, n_jobs=n_jobs).fit(X, y_codes)
        predicted[unsure] = clf.predict(X[rows[unsure]])
    lists = imblearn_lists(X, X_kernel, rows, k + 1, nn_dist, nn_ind, facts=fit_facts(nn, X))
    return predicted != y_codes[rows], lists


def squared_distances(X_kernel, rows, nn_ind) -> np.ndarray:
    """Squared distances from each row to its listed neighbours, summed
    directly in float64 (exact zero for duplicate rows)."""
    out = np.empty(nn_ind.shape, dtype=np.float64)
    for start in range(0, rows.size, 65_536):
        block = slice(start, start + 65_536)
        diff = X_kernel[nn_ind[block]].astype(np.float64) - X_kernel[rows[block], None, :]
        out[block] = np.einsum("ijk,ijk->ij", diff, diff)
    return out


def with_self(rows, nn_ind, sq_dist) -> tuple[np.ndarray, np.ndarray]:
    """Each row's list with the row itself put back at distance 0, after
    its duplicates of smaller index (ties by index: exact where the ``k``-th
    and next distances differ, which :func:`vote_is_ambiguous` checks)."""
    n_rows, width = nn_ind.shape
    pos = np.count_nonzero((sq_dist == 0) & (nn_ind < rows[:, None]), axis=1)
    cols = np.arange(width + 1)[None, :]
    src = np.where(cols < pos[:, None], cols, cols - 1)
    src = np.clip(src, 0, width - 1)
    merged = np.take_along_axis(nn_ind, src, axis=1)
    merged_sq = np.take_along_axis(sq_dist, src, axis=1)
    is_self = cols == pos[:, None]
    merged = np.where(is_self, rows[:, None], merged)
    merged_sq = np.where(is_self, 0.0, merged_sq)
    return merged, merged_sq


def vote_is_ambiguous(merged_sq, k, X_kernel) -> np.ndarray:
    """Rows whose ``k`` nearest (self included) scikit-learn's classifier
    could choose otherwise: the ``k``-th and next distances equal or within
    rounding.

    Even exact ties are ambiguous: its KD-tree orders them by its traversal,
    its brute force (``ArgKminClassMode``) by the history of a bounded heap
    fed in index order, neither by (distance, index).
    """
    last, after = merged_sq[:, k - 1], merged_sq[:, k]
    # Error of a direct sum (scikit-learn's and fastsmote's search, with margin),
    # plus float32 differences (ArgKminClassMode subtracts in the input dtype).
    rel = 16.0 * (X_kernel.shape[1] + 3) * _U
    if X_kernel.dtype == np.float32:
        rel += 8.0 * 2.0**-24
    return after - last <= rel * after
