"""Edited nearest neighbours: remove samples whose neighbours disagree with them."""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import Substitution
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import StrOptions

from .._kernels.cleaning import enn_keep_mask
from .._threads import numba_threads
from ..neighbors.base import checked_indices
from ..neighbors.params import NEIGHBORS_CONSTRAINT
from ..neighbors.sklearn_order import imblearn_neighbors, resolves_ties
from .base import (
    _CLEANING_NN_DOC,
    BaseCleaning,
    check_enough_samples,
    class_codes,
    grouped_by_class,
    targeted_codes,
    uses_fastsmote_search,
)
from .graph import NeighborGraph

_N_NEIGHBORS_DOC = """n_neighbors : int or object, default=3
        If ``int``, the number of neighbours examined: a sample is removed when
        any (or most) of its ``n_neighbors`` closest neighbours have another
        class. If object, a neighbours estimator with ``kneighbors`` and
        ``kneighbors_graph`` whose ``n_neighbors`` counts the sample itself
        (pass a 4-NN to examine 3 neighbours), as in imbalanced-learn."""

_KIND_SEL_DOC = """kind_sel : {'all', 'mode'}, default='all'
        ``'all'``: a sample is kept only when all its neighbours share its
        class; ``'mode'``: when the most frequent class among them is its own
        (ties go to the smallest label, as ``scipy.stats.mode`` resolves them).
        ``'all'`` removes more samples. ``'mode'`` also works with non-numeric
        labels, where imbalanced-learn's raises a ``TypeError`` (``scipy.stats.mode``
        accepts numbers only)."""


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    n_neighbors=_N_NEIGHBORS_DOC,
    kind_sel=_KIND_SEL_DOC,
    nn_backend=_CLEANING_NN_DOC,
)
class EditedNearestNeighbours(BaseCleaning):
    """Under-sample with the edited nearest neighbour rule, as imbalanced-learn.

    A sample of a targeted class is removed when its neighbours (among all
    samples) disagree with its class. The output, its row order (class by
    class, in sorted label order) and ``sample_indices_`` equal
    :class:`imblearn.under_sampling.EditedNearestNeighbours`'s: always with a
    scikit-learn neighbours object as ``n_neighbors`` (queried as
    imbalanced-learn queries it), and with fastsmote's exact backends on any
    data, ties and duplicate rows included (:mod:`fastsmote.neighbors.sklearn_order`).

    Parameters
    ----------
    {sampling_strategy}

    {n_neighbors}

    {kind_sel}

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted by the cleaning.
    nn_ : estimator object
        The fitted neighbours object: a fastsmote backend with
        ``n_neighbors + 1`` neighbours, or a clone of ``n_neighbors``.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in output order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.EditedNearestNeighbours : The reference implementation.
    RepeatedEditedNearestNeighbours : ENN repeated until nothing changes.
    AllKNN : ENN with growing neighbourhoods.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import EditedNearestNeighbours
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = EditedNearestNeighbours().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 887)]
    """

    _parameter_constraints: dict = {
        **BaseCleaning._parameter_constraints,
        "n_neighbors": NEIGHBORS_CONSTRAINT,
        "kind_sel": [StrOptions({"all", "mode"})],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_neighbors=3,
        kind_sel="all",
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend

    def _validate_estimator(self, X):
        n_neighbors = self.n_neighbors
        if isinstance(n_neighbors, numbers.Integral):
            n_neighbors = int(n_neighbors) + 1
        self.nn_ = self._neighbors_for(n_neighbors, X)

    def _fit_resample(self, X, y):
        self._validate_estimator(X)
        classes, y_codes = class_codes(y)
        is_target = targeted_codes(classes, self.sampling_strategy_)
        keep = np.ones(y_codes.shape[0], dtype=np.bool_)
        use_mode = self.kind_sel == "mode"
        fast = uses_fastsmote_search(self.nn_, X)
        if fast and self.nn_.n_neighbors > 1 and not resolves_ties(self.nn_):
            rows = np.flatnonzero(is_target[y_codes])
            k = self.nn_.n_neighbors - 1
            # Before the lists are allocated (n_neighbors=10**12 asked for 728 TiB).
            if rows.size:
                check_enough_samples(k + 1, X.shape[0], rows.size)
            graph = NeighborGraph(X, self.nn_, k, self.n_jobs)
            keep[rows] = graph.edit(rows, k, keep.copy(), y_codes, classes.size, use_mode)
        else:
            self.nn_.fit(X)
            for code in np.flatnonzero(is_target):
                rows = np.flatnonzero(y_codes == code)
                # imbalanced-learn's query: the class's rows, first column dropped.
                if fast:
                    check_enough_samples(self.nn_.n_neighbors, y_codes.shape[0], rows.size)
                    nn_ind = imblearn_neighbors(self.nn_, X, rows, self.nn_.n_neighbors)
                else:
                    nn_ind = self.nn_.kneighbors(_safe_indexing(X, rows), return_distance=False)
                    nn_ind = checked_indices(nn_ind, y_codes.shape[0], rows.size, self.nn_)
                    nn_ind = np.ascontiguousarray(nn_ind[:, 1:])
                with numba_threads(self.n_jobs, work=nn_ind.size):
                    keep[rows] = enn_keep_rows(
                        nn_ind, y_codes[rows], y_codes, classes.size, use_mode
                    )
        self.sample_indices_ = grouped_by_class(np.flatnonzero(keep), y_codes)
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )


def enn_keep_rows(nn_ind, own_codes, y_codes, n_classes: int, use_mode: bool) -> np.ndarray:
    """ENN's decision for query rows whose neighbours are all of ``nn_ind``.

    The one call of :func:`~fastsmote._kernels.cleaning.enn_keep_mask` that
    :class:`EditedNearestNeighbours` and ``fastsmote.dask``'s ENN share:
    every listed neighbour counts (no row removed yet), ``nn_ind.shape[1]``
    of them per row.

    Parameters
    ----------
    nn_ind : ndarray of shape (n_queries, k), int64
        Each query row's neighbours, as indices into ``y_codes``.
    own_codes : ndarray of shape (n_queries,), int64
        Each query row's class code.
    y_codes : ndarray of shape (n_points,), int64
        The class code of every point ``nn_ind`` refers to.
    n_classes : int
        Number of class codes.
    use_mode : bool
        ``kind_sel="mode"`` (else ``"all"``).

    Returns
    -------
    keep : ndarray of shape (n_queries,), bool

    Examples
    --------
    >>> y_codes = np.array([0, 0, 1, 1])
    >>> enn_keep_rows(np.array([[1, 2], [0, 1]]), np.array([0, 0]), y_codes, 2, False).tolist()
    [False, True]
    """
    keep, _ = enn_keep_mask(
        np.ascontiguousarray(nn_ind),
        np.ascontiguousarray(own_codes),
        y_codes,
        np.ones(y_codes.shape[0], dtype=np.bool_),
        nn_ind.shape[1],
        n_classes,
        use_mode,
    )
    return keep
