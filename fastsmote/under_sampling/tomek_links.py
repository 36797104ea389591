"""Tomek links: remove samples whose nearest neighbour, of another class, is mutual."""

from __future__ import annotations

import numpy as np
from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import Substitution
from sklearn.utils import _safe_indexing

from .._kernels.cleaning import tomek_link_mask
from .._threads import numba_threads
from ..neighbors.ambiguity import fit_facts
from ..neighbors.base import checked_indices
from ..neighbors.sklearn_order import (
    asks_scikit_learn,
    imblearn_neighbors,
    resolves_ties,
    sklearn_lists,
)
from .base import (
    _CLEANING_NN_DOC,
    BaseCleaning,
    check_enough_samples,
    class_codes,
    targeted_codes,
    uses_fastsmote_search,
)
from .graph import ALL_POINTS_FRACTION


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    nn_backend=_CLEANING_NN_DOC,
)
class TomekLinks(BaseCleaning):
    """Under-sample by removing Tomek links, as imbalanced-learn.

    Two samples of different classes form a Tomek link when each is the
    other's nearest neighbour; the member of a targeted class is removed. The
    output and ``sample_indices_`` (original order) equal
    :class:`imblearn.under_sampling.TomekLinks`'s: always with
    ``nn_backend=NearestNeighbors()`` (queried as imbalanced-learn queries it,
    so also with duplicate rows), and with fastsmote's exact backends on any
    data, ties and duplicate rows included
    (:mod:`fastsmote.neighbors.sklearn_order`). Only the nearest neighbours a
    link can depend on are searched: those of targeted samples, and of their
    nearest neighbours.

    Parameters
    ----------
    {sampling_strategy}

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted by the cleaning.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in their original order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.TomekLinks : The reference implementation.
    EditedNearestNeighbours : Remove samples whose neighbours disagree.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import TomekLinks
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = TomekLinks().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 897)]
    """

    def __init__(self, *, sampling_strategy="auto", n_jobs=None, nn_backend="auto"):
        super().__init__(sampling_strategy=sampling_strategy)
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend

    def _fit_resample(self, X, y):
        classes, y_codes = class_codes(y)
        is_target = targeted_codes(classes, self.sampling_strategy_)
        nn = self._neighbors_for(2, X)
        self._nn = nn  # reported by nn_search_
        if uses_fastsmote_search(nn, X):
            nn_first = self._nearest_needed(nn, X, y_codes, is_target)
        else:
            # imbalanced-learn's query: every row, first column dropped.
            nn.fit(X)
            nn_ind = nn.kneighbors(X, return_distance=False)
            nn_first = checked_indices(nn_ind, y_codes.shape[0], y_codes.shape[0], nn)[:, 1]
        with numba_threads(self.n_jobs, work=nn_first.size):
            links = tomek_link_mask(
                np.ascontiguousarray(nn_first, dtype=np.int64), y_codes, is_target
            )
        self.sample_indices_ = np.flatnonzero(~links)
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )

    @staticmethod
    def _nearest_needed(nn, X, y_codes, is_target) -> np.ndarray:
        """Nearest other row of each targeted row and of each row such a row
        points to across classes; -1 for rows no link can involve."""
        n = y_codes.shape[0]
        check_enough_samples(2, n, n)
        nn.fit(X)
        rows = np.flatnonzero(is_target[y_codes])
        # imbalanced-learn's batch is every row: NearestNeighbors(2).kneighbors(X)[:, 1].
        everyone = np.arange(n)
        if resolves_ties(nn) and asks_scikit_learn(nn, X, rows, 2, n):
            facts = fit_facts(nn, X)
            return sklearn_lists(X, everyone, 2, facts.built_tree(), facts.n_threads)[:, 0]

        def nearest(query, all_rows=False):
            return imblearn_neighbors(
                nn, X, query, 2, all_rows=all_rows, batch=everyone, ask_first=False
            )[:, 0]

        if rows.size >= ALL_POINTS_FRACTION * n:
            return nearest(everyone, all_rows=True)
        nn_first = np.full(n, -1, dtype=np.int64)
        nn_first[rows] = nearest(rows)
        partners = nn_first[rows]
        partners = np.unique(partners[y_codes[partners] != y_codes[rows]])
        partners = partners[nn_first[partners] < 0]
        if partners.size:
            nn_first[partners] = nearest(partners)
        return nn_first
