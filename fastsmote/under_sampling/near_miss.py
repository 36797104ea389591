"""NearMiss: keep the rows of each class nearest to (or farthest from) the minority class."""

from __future__ import annotations

import numbers
import warnings
from collections import Counter

import numpy as np
from imblearn.under_sampling.base import BaseUnderSampler
from imblearn.utils import Substitution, check_neighbors_object
from scipy import sparse
from sklearn import get_config as sklearn_config
from sklearn.metrics._pairwise_distances_reduction import ArgKmin
from sklearn.neighbors import KDTree, NearestNeighbors
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import Interval

from .._containers import ContainerMixin
from .._kernels.near_miss import blocked_extremes, overlapping_rows
from .._threads import numba_threads, one_blas_thread
from ..neighbors import BaseNeighbors, make_backend
from ..neighbors.base import as_kernel_array, checked_indices
from ..neighbors.params import NEIGHBORS_CONSTRAINT, NN_PARAMETER_CONSTRAINTS, NeighborParamsMixin
from ..neighbors.sklearn_order import imblearn_order_enabled, sklearn_method
from ..neighbors.sklearn_search import thread_bounds
from .base import BaseCleaning, with_n_jobs

#: The most values one call for scikit-learn's answers returns (32 MiB).
BLOCK_VALUES = 1 << 22
_UNIT_ROUNDOFF = float(np.finfo(np.float64).eps) / 2

_TOO_FEW = "The number of the samples to be selected is larger than the number of samples \
available. The balancing ratio cannot be ensure and all samples will be returned."


@Substitution(sampling_strategy=BaseUnderSampler._sampling_strategy_docstring)
class NearMiss(NeighborParamsMixin, ContainerMixin, BaseUnderSampler):
    """Under-sample with the NearMiss rules, as imbalanced-learn.

    Each targeted class keeps its rows whose distances to their
    ``n_neighbors`` nearest (version 2: farthest) minority rows sum lowest
    (version 3: highest, among the ``n_neighbors_ver3`` nearest of some
    minority row). Output, row order and ``sample_indices_`` equal
    imbalanced-learn's on any data, ties and duplicates included: the sums
    come with a bound on their distance to scikit-learn's (none for its
    KD-tree: the same float64 sums), and rows whose order the bound leaves
    open get scikit-learn's values, asking only their 256-row chunks.

    Parameters
    ----------
    {sampling_strategy}

    version : int, default=1
        Version of the NearMiss to use: 1, 2 or 3.

    n_neighbors : int or estimator object, default=3
        If ``int``, how many minority rows' distances a row sums. If object, a
        neighbours estimator, used as imbalanced-learn uses it.

    n_neighbors_ver3 : int or estimator object, default=3
        If ``int``, the neighbours of each minority row version 3 pre-selects.
        If object, a neighbours estimator, used as imbalanced-learn uses it.

    n_jobs : int, default=None
        Jobs of scikit-learn neighbours objects, as in imbalanced-learn, and
        threads of fastsmote's kernels. The output does not depend on it.

    nn_backend : {{"auto", "brute", "kdtree", "nndescent"}} or object, default="auto"
        fastsmote's search for int ``n_neighbors`` on dense data: an exact
        backend gives imbalanced-learn's output; ``"nndescent"`` (approximate)
        or an object with ``kneighbors`` is used as imbalanced-learn uses
        ``NearestNeighbors``. Sparse data gets scikit-learn's search.

    Attributes
    ----------
    sampling_strategy_ : dict
        Number of samples kept for each targeted class.
    nn_ : estimator object
        A fastsmote backend (or a clone of the object given), fitted on the
        minority rows.
    nn_ver3_ : estimator object
        The same for ``n_neighbors_ver3`` (version 3), fitted on the last
        targeted class's rows.
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples selected, in output order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit` (when all are strings).

    See Also
    --------
    imblearn.under_sampling.NearMiss : The reference implementation.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import NearMiss
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = NearMiss().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 100)]
    """

    _parameter_constraints: dict = {
        **BaseUnderSampler._parameter_constraints,
        "version": [Interval(numbers.Integral, 1, 3, closed="both")],
        "n_neighbors": NEIGHBORS_CONSTRAINT,
        "n_neighbors_ver3": NEIGHBORS_CONSTRAINT,
        **NN_PARAMETER_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        version=1,
        n_neighbors=3,
        n_neighbors_ver3=3,
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.version = version
        self.n_neighbors = n_neighbors
        self.n_neighbors_ver3 = n_neighbors_ver3
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend

    _more_tags = BaseCleaning._more_tags

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.sampler_tags.sample_indices = True
        return tags

    def _neighbors(self, name, n_neighbors, X):
        """A backend of ``nn_backend`` for an int (dense ``X``), else imblearn's object."""
        if isinstance(n_neighbors, numbers.Integral) and not sparse.issparse(X):
            return with_n_jobs(make_backend(self.nn_backend, int(n_neighbors), self.n_jobs), self)
        nn = check_neighbors_object(name, n_neighbors)
        nn.set_params(n_jobs=self.n_jobs)
        return nn

    def _fit_resample(self, X, y):
        self.nn_ = self._neighbors("n_neighbors", self.n_neighbors, X)
        if self.version == 3:
            self.nn_ver3_ = self._neighbors("n_neighbors_ver3", self.n_neighbors_ver3, X)
        target_stats = Counter(y)
        class_minority = min(target_stats, key=target_stats.get)
        min_rows = np.flatnonzero(y == class_minority)
        X_kernel = None if sparse.issparse(X) else as_kernel_array(X)
        self.nn_.fit(_rows_for(self.nn_, X, X_kernel, min_rows))
        parts = []
        for target_class in np.unique(y):
            rows = np.flatnonzero(y == target_class)
            if target_class in self.sampling_strategy_:
                n_keep = self.sampling_strategy_[target_class]
                if self.version == 3:
                    rows = rows[self._preselect(X, X_kernel, rows, min_rows)]
                rows = rows[self._selection(X, X_kernel, rows, min_rows, n_keep)]
            parts.append(rows)
        self.sample_indices_ = np.concatenate(parts).astype(int, copy=False)
        return _safe_indexing(X, self.sample_indices_), _safe_indexing(y, self.sample_indices_)

    def _method(self, nn, X, n_fit: int) -> str | None:
        """scikit-learn's search for ``nn`` on ``n_fit`` rows if fastsmote replaces it."""
        if sparse.issparse(X) or not (isinstance(nn, BaseNeighbors) and nn.is_exact):
            return None
        method = sklearn_method(n_fit, X.shape[1], nn.n_neighbors, X)
        return None if method == "other" else method

    def _selection(self, X, X_kernel, batch, min_rows, n_keep):
        """Positions in ``batch`` of the rows kept, in imbalanced-learn's order:
        ``sorted`` on the sums of each row's distances to the minority rows."""
        nn, k, n_min, farthest = self.nn_, self.nn_.n_neighbors, min_rows.size, self.version == 2
        k_query = n_min if farthest else k  # imbalanced-learn sums the last k columns
        check_neighbors_count(k_query, n_min, batch.size)
        if batch.size < n_keep:
            warnings.warn(_TOO_FEW, stacklevel=2)
        method = self._method(nn, X, n_min)
        bound = np.zeros(batch.size)
        if method is None:  # imbalanced-learn's search, with scikit-learn's object
            ref = _reference(nn, self.n_jobs)
            if ref is not nn:
                ref.fit(_safe_indexing(X, min_rows))
            dist = ref.kneighbors(_rows_for(ref, X, X_kernel, batch), n_neighbors=k_query)[0]
            sums = np.sum(np.asarray(dist)[:, -k:], axis=1)
        else:
            Q, R = X_kernel[batch], X_kernel[min_rows]
            exact = method == "kd_tree" or not imblearn_order_enabled()
            with numba_threads(self.n_jobs, work=batch.size * n_min * X.shape[1]):
                if farthest:
                    squares = extreme_squares(Q, R, min(k, n_min), farthest, exact)
                    dist = np.sqrt(squares)
                else:  # the exact float64 distances: scikit-learn's KD-tree's
                    dist = nn.kneighbors(Q, k)[0]
                    squares = np.square(dist)
            if exact:
                sums = np.sum(dist, axis=1)
            else:
                float32 = X_kernel.dtype == np.float32
                sums, bound = brute_sums(Q, R, squares, farthest and k < n_min, float32)

        def sklearn_sums(positions):
            X_query, X_fit = _safe_indexing(X, batch), _safe_indexing(X, min_rows)
            dist = argkmin_rows(X_query, X_fit, positions, k_query, True)
            return np.sum(dist[:, -k:], axis=1)

        return stable_first(sums, bound, n_keep, self.version == 3, sklearn_sums)

    def _preselect(self, X, X_kernel, rows, min_rows):
        """Version 3's pre-selection: positions in ``rows`` of the class's rows
        among the ``n_neighbors_ver3`` nearest of some minority row, sorted."""
        nn, k = self.nn_ver3_, self.nn_ver3_.n_neighbors
        check_neighbors_count(k, rows.size, min_rows.size)
        nn.fit(_rows_for(nn, X, X_kernel, rows))
        method = self._method(nn, X, rows.size)
        if method is None:
            ref = _reference(nn, self.n_jobs)
            if ref is not nn:
                ref.fit(_safe_indexing(X, rows))
            ind = ref.kneighbors(_rows_for(ref, X, X_kernel, min_rows), return_distance=False)
            return np.unique(checked_indices(ind, rows.size, min_rows.size, ref))
        Q = X_kernel[min_rows]
        n_query = min(k + 1, rows.size)
        dist, ind = nn.kneighbors(Q, n_query)
        if n_query > k and imblearn_order_enabled():
            # Where the k-th and next distances may rank otherwise, scikit-learn's list.
            gap = dist[:, k] - dist[:, k - 1]
            if method == "kd_tree":  # the same float64 distances: only ties (or inf)
                unsure = np.flatnonzero(~(gap > 0))
            else:
                bounds = distance_bounds(square_bounds(Q, X_kernel[rows]), dist[:, 0])
                unsure = np.flatnonzero(~(gap > 2 * bounds))
            if unsure.size:
                X_class = _safe_indexing(X, rows)
                if method == "kd_tree":  # it answers each row alike in any batch
                    tree = KDTree(X_class, NearestNeighbors().leaf_size, metric="euclidean")
                    found = tree.query(Q[unsure], k, return_distance=False)
                else:
                    found = argkmin_rows(_safe_indexing(X, min_rows), X_class, unsure, k, False)
                ind[unsure, :k] = found
        return np.unique(ind[:, :k])


def _reference(nn, n_jobs):
    """scikit-learn's ``NearestNeighbors`` in place of fastsmote's exact backends."""
    exact = isinstance(nn, BaseNeighbors) and nn.is_exact
    return NearestNeighbors(n_neighbors=nn.n_neighbors, n_jobs=n_jobs) if exact else nn


def _rows_for(nn, X, X_kernel, rows):
    """``rows`` of the kernel array for fastsmote's backends, else of ``X``."""
    if isinstance(nn, BaseNeighbors) and X_kernel is not None:
        return X_kernel[rows]
    return _safe_indexing(X, rows)


def check_neighbors_count(n_neighbors: int, n_fit: int, n_queries: int) -> None:
    """scikit-learn's ``kneighbors`` error when more neighbours are asked than fitted rows."""
    if n_neighbors > n_fit:
        raise ValueError(
            f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {n_neighbors}, "
            f"n_samples_fit = {n_fit}, n_samples = {n_queries}"
        )


def extreme_squares(Q, R, k: int, farthest: bool, exact: bool) -> np.ndarray:
    """Each row's ``k`` smallest (or largest) squared distances to ``R``,
    ascending: exact float64 sums (scikit-learn's KD-tree's) when ``exact``,
    else from a BLAS product (within :func:`square_bounds` of its brute force)."""
    Q, R = np.asarray(Q, dtype=np.float64), np.asarray(R, dtype=np.float64)
    q_norms, r_norms = np.einsum("ij,ij->i", Q, Q), np.einsum("ij,ij->i", R, R)
    RT = np.ascontiguousarray(R.T) if exact else np.empty((Q.shape[1], 0))
    if exact:
        q_norms[:], r_norms[:] = 0.0, 0.0
    out_val, out_ind = np.full((len(Q), k), np.inf), np.full((len(Q), k), -1, dtype=np.int64)
    sign = -1.0 if farthest else 1.0
    with one_blas_thread():  # the products of each block on one thread
        blocked_extremes(Q, R, RT, q_norms, r_norms, exact, sign, 256, 1024, out_val, out_ind)
    return np.ascontiguousarray(-out_val[:, ::-1] if farthest else out_val)


def square_bounds(Q, R) -> np.ndarray:
    """How far scikit-learn's brute-force squares ``(|q|^2 - 2 q.r) + |r|^2``
    from each row of ``Q`` can be from fastsmote's: each is within ``(d + 4) u
    (|q| + |r|)^2`` of the truth (float32 data too, computed in float64)."""
    Q, R = np.asarray(Q, dtype=np.float64), np.asarray(R, dtype=np.float64)
    q_norm = np.sqrt(np.einsum("ij,ij->i", Q, Q))
    r_norm = float(np.sqrt(np.einsum("ij,ij->i", R, R).max()))
    # Each operation also loses up to half the smallest subnormal.
    tiny = (4 * Q.shape[1] + 12) * np.finfo(np.float64).smallest_subnormal
    return (3 * Q.shape[1] + 12) * _UNIT_ROUNDOFF * (q_norm + r_norm) ** 2 + tiny


def distance_bounds(squares, smallest) -> np.ndarray:
    """How far two distances at least ``smallest`` whose squares are within
    ``squares`` can be (the squares' difference over the roots' sum, at most
    its root), plus both roots' roundings."""
    root = np.sqrt(squares)
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = np.where(smallest > 0, np.minimum(root, squares / smallest), root)
    return bound + 2 * _UNIT_ROUNDOFF * (smallest + bound)


def brute_sums(Q, R, squares, farthest: bool, single: bool):
    """``(sums, bound)``: imbalanced-learn's sums of distances whose squares
    are about ``squares`` (each row's k nearest, or with ``farthest`` its k
    farthest of more, ascending), and how far scikit-learn's can be.

    An order statistic moves at most as far as the values: for the nearest,
    every pair's distance is at least the row's smallest; for the farthest,
    pairs below half the k-th cannot reach it when their squares' bound is
    under a quarter of its square (else the bound is infinite). On float32
    data scikit-learn rounds each square, then its root, to float32: where no
    rounding boundary lies within a square's bound, the sums are its own
    (bound 0)."""
    k = squares.shape[1]
    errors, dist = square_bounds(Q, R)[:, None], np.sqrt(squares)
    if farthest:
        cut = dist[:, :1] / 2
        bound = distance_bounds(errors, cut)
        bound[~((np.sqrt(errors) <= cut) & (cut > 0))[:, 0]] = np.inf
    else:
        bound = distance_bounds(errors, dist[:, :1])
    bound = bound[:, 0] + 2 * _UNIT_ROUNDOFF * dist[:, -1]
    if single:
        low = np.maximum(squares - errors, 0.0).astype(np.float32)
        settled = (low == (squares + errors).astype(np.float32)).all(axis=1)
        single_squares = squares.astype(np.float32).astype(np.float64)
        dist = np.sqrt(single_squares).astype(np.float32).astype(np.float64)
        bound += 4 * float(np.finfo(np.float32).eps) * dist[:, -1]
        bound[settled & np.isfinite(bound)] = 0.0
    sums = np.sum(dist, axis=1)
    # The values' differences, then both sums' roundings (k - 1 additions each).
    grown = 1.25 * (k * bound + 2 * k * _UNIT_ROUNDOFF * (sums + k * bound))
    return sums, np.where(bound > 0, grown, 0.0)


def stable_first(sums, bound, n_keep: int, descending: bool, sklearn_sums) -> np.ndarray:
    """The first ``n_keep`` positions of Python's stable ``sorted`` on
    imbalanced-learn's sums (descending for version 3), from ``sums`` within
    ``bound`` of them: rows that can be among the first and whose interval
    meets another's get ``sklearn_sums(positions)``; the others rank the same
    at any value in their interval."""
    key = -sums if descending else sums.copy()
    # Overflowed sums or bounds: anywhere (asked of scikit-learn if it may rank).
    wild = (~np.isfinite(key) | np.isnan(bound)) & (bound != 0)
    key[wild], bound = 0.0, np.where(wild, np.inf, bound)
    n = key.size
    cand = np.arange(n)
    if n_keep < n:
        upper = np.partition(key + bound, n_keep - 1)[n_keep - 1]
        cand = np.flatnonzero(key - bound <= upper)
    order = cand[np.argsort(key[cand], kind="stable")]
    if bound[cand].any():
        unsure = np.sort(
            order[overlapping_rows(key[order] - bound[order], key[order] + bound[order])]
        )
        if unsure.size:
            exact = sklearn_sums(unsure)
            key[unsure] = -exact if descending else exact
            order = cand[np.argsort(key[cand], kind="stable")]
    return order[:n_keep]


def argkmin_rows(X_query, X_fit, positions, k: int, return_distance: bool) -> np.ndarray:
    """``NearestNeighbors(k).fit(X_fit).kneighbors(X_query)`` (brute force) at
    ``positions``: ``ArgKmin`` asked only the 256-row chunks of ``X_query`` that
    hold them (it computes a chunk alike whatever the others hold), with the
    whole batch's parallel strategy (it decides how ties merge)."""
    chunk = int(sklearn_config().get("pairwise_dist_chunk_size", 256))
    n_batch = X_query.shape[0]
    size = min(n_batch, chunk)
    on_y = thread_bounds(n_batch, X_fit.shape[0])[1]
    chunk_ids = np.unique(positions // size)
    per_call = max(1, BLOCK_VALUES // (size * k))
    out = np.empty((positions.size, k), dtype=np.float64 if return_distance else np.int64)
    for g in range(0, chunk_ids.size, per_call):
        sub = (chunk_ids[g : g + per_call, None] * size + np.arange(size)).ravel()
        sub = sub[sub < n_batch]
        answer = ArgKmin.compute(
            X=np.ascontiguousarray(X_query[sub]),
            Y=np.ascontiguousarray(X_fit),
            k=k,
            metric="euclidean",
            metric_kwargs={},
            strategy="parallel_on_Y" if on_y else "parallel_on_X",
            return_distance=return_distance,
        )
        answer = answer[0] if return_distance else answer
        inside = (positions >= sub[0]) & (positions <= sub[-1])
        out[inside] = answer[np.searchsorted(sub, positions[inside])]
    return out
