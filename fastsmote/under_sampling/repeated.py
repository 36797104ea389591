"""ENN applied repeatedly: RepeatedEditedNearestNeighbours and AllKNN.

Both replay imbalanced-learn's loop (the same passes, the same sampling
strategy re-resolved on what is left, the same stopping rules). With
fastsmote's backends on dense data, the neighbours are searched once and each
pass filters them to the surviving samples (:class:`NeighborGraph`); other
neighbours objects and sparse data run imbalanced-learn's passes one by one.
"""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import Substitution, check_sampling_strategy
from scipy import sparse
from sklearn.base import clone
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions

from .._kernels.cleaning import enn_keep_mask
from .._threads import numba_threads
from ..neighbors import BaseNeighbors
from ..neighbors.sklearn_order import (
    mostly_ambiguous,
    positions_in,
    resolved_lists,
    resolves_ties,
    scikit_learn_is_cheaper,
    sklearn_method,
    unambiguous,
)
from .base import (
    _CLEANING_NN_DOC,
    BaseCleaning,
    check_enough_samples,
    class_codes,
    grouped_by_class,
    targeted_codes,
    uses_fastsmote_search,
)
from .edited_nearest_neighbours import _KIND_SEL_DOC, EditedNearestNeighbours
from .graph import NeighborGraph

#: Neighbours listed per sample beyond the largest neighbourhood examined, so
#: that lists outlive a few removals before a sample must be searched again.
LIST_MARGIN = 2

#: Neighbours listed per sample before any pass needs more. AllKNN's largest
#: neighbourhood can be huge while its passes stop after a few sizes (listing
#: n_neighbors=5,000,000 up front peaked at 7.6 GB), so lists start this long
#: and double when a pass needs more.
FIRST_LIST_WIDTH = 32


class _RepeatedENN(BaseCleaning):
    """imbalanced-learn's loop of ENN passes, shared by RENN and AllKNN."""

    _parameter_constraints: dict = {
        **BaseCleaning._parameter_constraints,
        "n_neighbors": [
            Interval(numbers.Integral, 1, None, closed="left"),
            HasMethods(["kneighbors", "kneighbors_graph"]),
        ],
        "kind_sel": [StrOptions({"all", "mode"})],
    }

    def _validate_estimator(self, X):
        n_neighbors = self.n_neighbors
        if isinstance(n_neighbors, numbers.Integral):
            n_neighbors = int(n_neighbors) + 1
        self.nn_ = self._neighbors_for(n_neighbors, X)
        self.enn_ = EditedNearestNeighbours(
            sampling_strategy=self.sampling_strategy,
            n_neighbors=self.nn_,
            kind_sel=self.kind_sel,
            n_jobs=self.n_jobs,
            nn_backend=self.nn_backend,
        )

    def _edit_repeatedly(self, X, y, sizes, stop_when_unchanged, allow_minority):
        """Run ENN passes with neighbourhood ``sizes`` (one per pass) until a
        stopping rule holds. Returns ``(sample_indices, n_passes)``."""
        classes, y_codes = class_codes(y)
        first_seen, counts = np.unique(y, return_index=True, return_counts=True)[1:]
        # collections.Counter's minority: the least frequent, first seen on ties.
        minority = int(np.lexsort((first_seen, counts))[0])
        current = np.arange(y_codes.shape[0])
        # sizes may be a range of 10**12 sizes: never listed or scanned.
        edit = self._pass_function(X, y, classes, y_codes, sizes[-1] if len(sizes) else 1)
        n_passes = 0
        for size in sizes:
            n_passes += 1
            new = edit(current, size)
            counts_new = np.bincount(y_codes[new], minlength=classes.size)
            present = counts_new > 0
            others = present & (np.arange(classes.size) != minority)
            minority_became_majority = bool(np.any(counts_new[others] < counts[minority]))
            if allow_minority:
                minority_became_majority = False
            class_removed = int(present.sum()) < classes.size
            unchanged = new.size == current.size
            current = new
            if (stop_when_unchanged and unchanged) or minority_became_majority or class_removed:
                break
        return current, n_passes

    def _pass_function(self, X, y, classes, y_codes, largest_size):
        """``edit(current, size) -> new``: one ENN pass over the samples
        ``current`` (in imbalanced-learn's order), the survivors in its order.
        ``size`` never decreases from one pass to the next."""
        single_pass = self._single_pass_function(X, y)
        resolve = resolves_ties(self.nn_)
        if resolve and scikit_learn_is_cheaper(X, y_codes.shape[0], largest_size + 1):
            # Small data (or mostly repeated rows): every pass's search is
            # scikit-learn's own, so the searched-once graph would be extra work.
            return single_pass
        if uses_fastsmote_search(self.nn_, X):
            graph = None
            alive = np.ones(y_codes.shape[0], dtype=np.bool_)
            use_mode = self.kind_sel == "mode"
            tree_ties = resolve and self._tree_decides_most(X, y, largest_size)

            def edit(current, size):
                nonlocal graph
                strategy = check_sampling_strategy(
                    self.sampling_strategy, y[current], self._sampling_type
                )
                is_target = targeted_codes(classes, strategy)
                rows = np.flatnonzero(alive & is_target[y_codes])
                if rows.size == 0:
                    return grouped_by_class(np.flatnonzero(alive), y_codes)
                # Checked before any list is allocated: imbalanced-learn's
                # search raises the same ValueError for this pass.
                check_enough_samples(size + 1, len(current), rows.size)
                if tree_ties and sklearn_method(len(current), X.shape[1], size + 1, X) == "kd_tree":
                    # Most lists tie and scikit-learn's KD-tree orders them: its
                    # lists for every row, without a search of fastsmote's first.
                    keep = self._imblearn_keep(
                        X, y_codes, current, rows, size, alive, classes.size, use_mode
                    )
                    alive[rows[~keep]] = False
                    return grouped_by_class(np.flatnonzero(alive), y_codes)
                needed = min(size + LIST_MARGIN, len(current) - 1)
                if graph is None or graph.width < needed:
                    width = min(largest_size, FIRST_LIST_WIDTH) + LIST_MARGIN
                    if graph is not None:
                        width = max(needed, 2 * graph.width)
                    graph = NeighborGraph(X, self.nn_, width, self.n_jobs)
                keep = graph.edit(rows, size, alive, y_codes, classes.size, use_mode)
                if resolve and sparse.issparse(X):
                    if not self._lists_as_imblearn(X, graph, rows, size, alive, current):
                        # Ties among this pass's lists: imbalanced-learn's pass itself.
                        new = single_pass(current, size)
                        alive[:] = False
                        alive[new] = True
                        return new
                elif resolve:
                    lists = graph.alive_lists(rows, size + 1, alive)
                    tied = ~unambiguous(X, rows, lists, size + 1, len(current))
                    if tied.any():
                        keep[tied] = self._imblearn_keep(
                            X, y_codes, current, rows[tied], size, alive, classes.size, use_mode
                        )
                alive[rows[~keep]] = False
                return grouped_by_class(np.flatnonzero(alive), y_codes)

            return edit

        return single_pass

    def _tree_decides_most(self, X, y, largest_size) -> bool:
        """Whether scikit-learn's KD-tree searches these data and most of the
        targeted rows' lists tie (probed on a sample of them), so that its
        order, which only it gives, decides nearly every list."""
        if sparse.issparse(X) or X.shape[0] <= largest_size + 1:
            return False
        if sklearn_method(X.shape[0], X.shape[1], largest_size + 1, X) != "kd_tree":
            return False
        strategy = check_sampling_strategy(self.sampling_strategy, y, self._sampling_type)
        rows = np.flatnonzero(np.isin(y, list(strategy)))
        probe = clone(self.nn_).fit(X)
        return bool(mostly_ambiguous(probe, X, rows, largest_size + 1))

    def _imblearn_keep(self, X, y_codes, current, rows, size, alive, n_classes, use_mode):
        """ENN's keep decision for ``rows`` from the lists imbalanced-learn's
        pass gets: scikit-learn's search among ``X[current]``, queried class by
        class (each class's rows of ``current`` one batch)."""
        X_pass = np.ascontiguousarray(X[current])
        X_kernel = X_pass if X_pass.dtype in (np.float32, np.float64) else None
        local = positions_in(current, rows)
        codes_pass = y_codes[current]
        lists = np.empty((rows.size, size), dtype=np.int64)
        if sklearn_method(len(current), X.shape[1], size + 1, X_pass) == "kd_tree":
            # The KD-tree answers each row alone: one tree for every class.
            lists[:] = current[resolved_lists(X_pass, X_kernel, local, size + 1)]
        else:
            for code in np.unique(y_codes[rows]):
                these = np.flatnonzero(y_codes[rows] == code)
                batch = np.flatnonzero(codes_pass == code)
                found = resolved_lists(X_pass, X_kernel, local[these], size + 1, batch)
                lists[these] = current[found]
        with numba_threads(self.n_jobs, work=lists.size):
            keep, _ = enn_keep_mask(lists, y_codes[rows], y_codes, alive, size, n_classes, use_mode)
        return keep

    def _lists_as_imblearn(self, X, graph, rows, size, alive, current) -> bool:
        """Whether this pass's lists (each row's first ``size`` alive neighbours)
        are those imbalanced-learn's pass gets from scikit-learn: no ties or
        near-ties up to one neighbour beyond them, none with the row itself."""
        if sparse.issparse(X):
            return False
        lists = graph.alive_lists(rows, size + 1, alive)
        return bool(unambiguous(X, rows, lists, size + 1, len(current)).all())

    def _single_pass_function(self, X, y):
        def single_pass(current, size):
            self._configure_pass(size)
            self.enn_.fit_resample(_safe_indexing(X, current), y[current])
            return current[self.enn_.sample_indices_]

        return single_pass

    def _configure_pass(self, size) -> None:
        """Set up ``enn_`` for a pass examining ``size`` neighbours."""


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    kind_sel=_KIND_SEL_DOC,
    nn_backend=_CLEANING_NN_DOC,
)
class RepeatedEditedNearestNeighbours(_RepeatedENN):
    """Under-sample by repeating edited nearest neighbours, as imbalanced-learn.

    ENN passes repeat until i) ``max_iter`` passes ran, ii) a pass removed
    nothing, iii) a class other than the (original) minority has fewer samples
    than the minority had, or iv) a class disappeared. The output ``X``, ``y``
    equal :class:`imblearn.under_sampling.RepeatedEditedNearestNeighbours`'s
    (always with a scikit-learn neighbours object, and with fastsmote's exact
    backends whenever no two distances tie). With fastsmote's backends the
    neighbours are searched once, and again only for samples that lost too
    many neighbours.

    ``sample_indices_`` always satisfies ``X_res == X[sample_indices_]``.
    imbalanced-learn's can disagree with its own output: when a pass removes
    nothing it applies that pass's indices twice, which reorders them when
    that pass was the first one and ``y`` was not sorted by class.

    Parameters
    ----------
    {sampling_strategy}

    n_neighbors : int or object, default=3
        If ``int``, the number of neighbours examined in each pass. If object,
        a neighbours estimator whose ``n_neighbors`` counts the sample itself.

    max_iter : int, default=100
        Maximum number of ENN passes.

    {kind_sel}

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted by the cleaning (of the input ``y``).
    nn_ : estimator object
        The neighbours object: a fastsmote backend with ``n_neighbors + 1``
        neighbours, or a clone of ``n_neighbors``.
    enn_ : EditedNearestNeighbours
        The ENN each pass applies (fitted by the passes only when they run
        one by one: with scikit-learn neighbours objects or sparse data).
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in output order.
    n_iter_ : int
        Number of passes run.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.RepeatedEditedNearestNeighbours : The reference.
    EditedNearestNeighbours : One pass.
    AllKNN : Passes with growing neighbourhoods.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import RepeatedEditedNearestNeighbours
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> renn = RepeatedEditedNearestNeighbours()
    >>> X_res, y_res = renn.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items()), renn.n_iter_
    ([(0, 100), (1, 887)], 2)
    """

    _parameter_constraints: dict = {
        **_RepeatedENN._parameter_constraints,
        "max_iter": [Interval(numbers.Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_neighbors=3,
        max_iter=100,
        kind_sel="all",
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs
        self.max_iter = max_iter
        self.nn_backend = nn_backend

    def _fit_resample(self, X, y):
        self._validate_estimator(X)
        size = self.nn_.n_neighbors - 1
        self.sample_indices_, self.n_iter_ = self._edit_repeatedly(
            X, y, [size] * self.max_iter, stop_when_unchanged=True, allow_minority=False
        )
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    kind_sel=_KIND_SEL_DOC,
    nn_backend=_CLEANING_NN_DOC,
)
class AllKNN(_RepeatedENN):
    """Under-sample with ENN passes of growing neighbourhoods, as imbalanced-learn.

    Pass ``k`` (``k = 1, 2, ..., n_neighbors``) removes the samples of the
    targeted classes whose ``k`` nearest neighbours disagree with them; the
    passes stop early when a class other than the (original) minority has
    fewer samples than the minority had (unless ``allow_minority``) or a class
    disappeared. The output and ``sample_indices_`` equal
    :class:`imblearn.under_sampling.AllKNN`'s (always with a scikit-learn
    neighbours object, and with fastsmote's exact backends whenever no two
    distances tie). With fastsmote's backends the neighbourhood of the
    largest ``k`` is searched once and every pass reuses its prefix among the
    surviving samples; only samples that lost too many neighbours are searched
    again.

    Parameters
    ----------
    {sampling_strategy}

    n_neighbors : int or object, default=3
        If ``int``, the largest neighbourhood examined. If object, its
        ``n_neighbors`` minus one is; as in imbalanced-learn, a scikit-learn
        object only gives that size and each pass searches with a default
        ``NearestNeighbors`` (a fastsmote backend object is used itself).

    {kind_sel}

    allow_minority : bool, default=False
        If ``True``, a majority class may become smaller than the minority
        without stopping the passes.

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted by the cleaning (of the input ``y``).
    nn_ : estimator object
        The neighbours object: a fastsmote backend with ``n_neighbors + 1``
        neighbours, or a clone of ``n_neighbors``.
    enn_ : EditedNearestNeighbours
        The ENN the passes apply (fitted by the passes only when they run one
        by one: with scikit-learn neighbours objects or sparse data).
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in output order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.AllKNN : The reference implementation.
    EditedNearestNeighbours : One pass.
    RepeatedEditedNearestNeighbours : Passes of one size until nothing changes.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import AllKNN
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = AllKNN().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 887)]
    """

    _parameter_constraints: dict = {
        **_RepeatedENN._parameter_constraints,
        "allow_minority": ["boolean"],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_neighbors=3,
        kind_sel="all",
        allow_minority=False,
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.allow_minority = allow_minority
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend

    def _fit_resample(self, X, y):
        self._validate_estimator(X)
        sizes = range(1, self.nn_.n_neighbors)
        self.sample_indices_, _ = self._edit_repeatedly(
            X, y, sizes, stop_when_unchanged=False, allow_minority=self.allow_minority
        )
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )

    def _configure_pass(self, size) -> None:
        # imbalanced-learn sets its ENN's n_neighbors to the int `size`, so each
        # pass searches with a default NearestNeighbors(size + 1): a neighbours
        # object given as n_neighbors only sets the largest size.
        self.enn_.n_neighbors = size
        if not isinstance(self.n_neighbors, numbers.Integral | BaseNeighbors):
            self.enn_.nn_backend = NearestNeighbors()
