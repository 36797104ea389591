"""imbalanced-learn's loop of ENN passes, shared by RepeatedEditedNearestNeighbours
and AllKNN (:mod:`fastsmote.under_sampling.repeated`).

Both replay imbalanced-learn's loop (the same passes, the same sampling
strategy re-resolved on what is left, the same stopping rules). With
fastsmote's backends on dense data, the neighbours are searched once and each
pass filters them to the surviving samples (:class:`NeighborGraph`); other
neighbours objects and sparse data run imbalanced-learn's passes one by one.
"""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.utils import check_sampling_strategy
from scipy import sparse
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions

from .._kernels.cleaning import enn_keep_mask
from .._threads import numba_threads, resolve_n_jobs
from ..neighbors.ambiguity import FitFacts
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
    BaseCleaning,
    check_enough_samples,
    class_codes,
    grouped_by_class,
    targeted_codes,
    uses_fastsmote_search,
)
from .edited_nearest_neighbours import EditedNearestNeighbours
from .graph import NeighborGraph

#: Neighbours listed per sample beyond the largest neighbourhood examined, so
#: that lists outlive a few removals before a sample must be searched again.
LIST_MARGIN = 2

#: Neighbours listed per sample before any pass needs more. AllKNN's largest
#: neighbourhood can be huge while its passes stop after a few sizes (listing
#: n_neighbors=5,000,000 up front peaked at 7.6 GB), so lists start this long
#: and double when a pass needs more.
FIRST_LIST_WIDTH = 32


class RepeatedEditing(BaseCleaning):
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
        return bool(mostly_ambiguous(None, X, rows, largest_size + 1))

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
            facts = FitFacts(X_pass, X_kernel, resolve_n_jobs(self.n_jobs))
            lists[:] = current[resolved_lists(X_pass, X_kernel, local, size + 1, facts=facts)]
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
