"""Tomek links and edited nearest neighbours on Dask.

Both need every row's nearest neighbours among all rows. ``search="exact"``
(default) runs the block nested-loop join of :func:`~fastsmote.dask._knn.join_chunks`
and gives the single-machine output; ``search="approximate"`` searches spatial
leaves independently (:func:`~fastsmote.dask._knn.partitioned_search`): much
less work (each row meets only its leaf), but rows near a leaf boundary may
miss their true neighbours, so the output can differ and depends on
``chunk_size``. Tomek links found within a leaf are checked exactly against
all rows (a small broadcast search), so only true links are removed, but
links between two leaves are missed; ENN decides within the leaf, unchecked.
``nn_search_`` says which search ran.

Decisions are lazy: output chunks keep the rows their chunk of ``X`` keeps, so
their sizes are unknown (NaN) until computed. DataFrame output needs a global
0..n-1 index, so for DataFrames the decisions are computed (and kept on the
workers) during ``fit_resample``.
"""

from __future__ import annotations

import functools
import math

import dask.array as da
import numpy as np
from sklearn.base import BaseEstimator

from .. import under_sampling as local_under_sampling
from .._kernels.cleaning import enn_keep_mask, tomek_link_mask
from .._threads import numba_threads
from ..neighbors import is_exact, make_backend
from ..neighbors.report import NeighborSearch, backend_name
from ..under_sampling.base import check_enough_samples, targeted_codes
from ._base import DaskSampler
from ._graph import task
from ._knn import exact_neighbors_of, join_chunks, partitioned_search, sorted_union

_SEARCHES = ("exact", "approximate")


# -- tasks ------------------------------------------------------------------------
def _cross_pairs(nn, codes, offset):
    """(row, its nearest neighbour, row's code) for rows whose neighbour has another class."""
    gidx, nn_codes = nn
    cross = np.flatnonzero(nn_codes[:, 0] != codes)
    return np.stack([cross + offset, gidx[cross, 0], codes[cross]], axis=1).astype(np.int64)


def _mutual_removed(pairs, is_target, n_total):
    """Rows of targeted classes in a Tomek link (mutual cross-class nearest neighbours)."""
    pairs = np.concatenate(pairs) if pairs else np.empty((0, 3), dtype=np.int64)
    key = pairs[:, 0] * n_total + pairs[:, 1]
    reverse = pairs[:, 1] * n_total + pairs[:, 0]
    mutual = np.isin(reverse, key)
    return np.sort(pairs[mutual & is_target[pairs[:, 2]], 0])


def _keep_outside(removed, offset, n_rows):
    keep = np.ones(n_rows, dtype=np.bool_)
    local = removed[(removed >= offset) & (removed < offset + n_rows)] - offset
    keep[local] = False
    return keep


def _enn_keep(nn, codes, is_target, n_classes, use_mode, k, n_jobs):
    _, nn_codes = nn
    m = codes.shape[0]
    keep = np.ones(m, dtype=np.bool_)
    rows = np.flatnonzero(is_target[codes])
    # The kernel reads neighbour classes through an index table; the join
    # already carries the classes, so the table just enumerates them.
    table = np.arange(m * k, dtype=np.int64).reshape(m, k)
    with numba_threads(n_jobs):
        keep[rows], _ = enn_keep_mask(
            np.ascontiguousarray(table[rows]),
            np.ascontiguousarray(codes[rows]),
            np.ascontiguousarray(nn_codes, dtype=np.int64).ravel(),
            np.ones(m * k, dtype=np.bool_),
            k,
            n_classes,
            use_mode,
        )
    return keep


def _tomek_leaf(nn_ind, codes, gidx, X_leaf, is_target, n_jobs):
    """Candidate links of a leaf: (targeted row, its partner) pairs, and the
    members' global indices and values, for the exact check."""
    if nn_ind.shape[0] == 0:
        return np.empty((0, 2), dtype=np.int64), gidx, X_leaf
    nn_first = np.ascontiguousarray(nn_ind[:, 0])
    with numba_threads(n_jobs):
        rows = np.flatnonzero(tomek_link_mask(nn_first, codes, is_target))
    pairs = np.stack([gidx[rows], gidx[nn_first[rows]]], axis=1)
    members = np.unique(np.concatenate([rows, nn_first[rows]]))
    return pairs, gidx[members], X_leaf[members]


def _tomek_candidates(leaves):
    """All leaves' candidate pairs, and their members (sorted global indices, rows)."""
    pairs = np.concatenate([leaf[0] for leaf in leaves])
    gidx = np.concatenate([leaf[1] for leaf in leaves])
    rows = np.concatenate([leaf[2] for leaf in leaves])
    order = np.argsort(gidx, kind="stable")
    return pairs, gidx[order], np.ascontiguousarray(rows[order])


def _verified_links(candidates, nearest):
    """Targeted rows of candidate pairs that are mutual nearest neighbours among all rows."""
    pairs, gidx, _ = candidates
    if pairs.shape[0] == 0:
        return np.empty(0, dtype=np.int64)
    nn_first = nearest[1][:, 0]
    # Members are unique (leaves are disjoint) and sorted: look them up by position.
    first_i = nn_first[np.searchsorted(gidx, pairs[:, 0])]
    first_j = nn_first[np.searchsorted(gidx, pairs[:, 1])]
    mutual = (first_i == pairs[:, 1]) & (first_j == pairs[:, 0])
    return np.sort(pairs[mutual, 0])


def _enn_leaf(nn_ind, codes, gidx, X_leaf, is_target, n_classes, use_mode, n_jobs):
    """Global indices of a leaf's targeted rows that ENN removes within the leaf."""
    rows = np.flatnonzero(is_target[codes])
    k = nn_ind.shape[1]
    with numba_threads(n_jobs):
        keep, _ = enn_keep_mask(
            np.ascontiguousarray(nn_ind[rows]),
            np.ascontiguousarray(codes[rows]),
            codes,
            np.ones(codes.shape[0], dtype=np.bool_),
            k,
            n_classes,
            use_mode,
        )
    return gidx[rows[~keep]]


def _select(block, mask):
    return block[mask]


def _select_gidx(mask, offset):
    return np.flatnonzero(mask).astype(np.int64) + offset


def _class_mask(keep, codes, code):
    return keep & (codes == code)


class _DaskCleaning(DaskSampler):
    """Shared steps of the Dask cleaning samplers (not for direct use)."""

    _sampling_type = "clean-sampling"
    _dask_params = ("client", "chunk_size", "search")
    #: Whether the output is grouped class by class (ENN) or in input order (Tomek).
    _grouped = False

    def _check_search(self):
        if self.search not in _SEARCHES:
            raise ValueError(f"search must be one of {_SEARCHES}, got {self.search!r}.")

    def _backend_exact(self, k):
        return is_exact(make_backend(self.nn_backend, k, self.n_jobs))

    def _report(self, k):
        exact = self.search == "exact" and self._backend_exact(k)
        name = backend_name(make_backend(self.nn_backend, k, self.n_jobs))
        self.nn_search_ = NeighborSearch(backends=(f"dask-{self.search}:{name}",), exact=exact)

    def _sample_for_tree(self, client, X, n_leaves):
        n = int(X.shape[0])
        target = min(n, max(10_000, 256 * n_leaves))
        stride = max(1, n // target)
        return np.asarray(
            client.compute(X[::stride], sync=True, optimize_graph=False), dtype=np.float64
        )

    def _depth(self, n, group_rows, k):
        leaves = max(1, math.ceil(n / max(group_rows, 4 * (k + 1))))
        return max(0, math.ceil(math.log2(leaves)))

    def _approximate_leaves(self, client, X, X_blocks, code_blocks, k, decide, group_rows):
        depth = self._depth(int(X.shape[0]), group_rows, k)
        sample = self._sample_for_tree(client, X, 2**depth)
        return partitioned_search(
            X_blocks, code_blocks, X.chunks[0], sample, k, decide, self.nn_backend, self.n_jobs,
            depth,
        )  # fmt: skip

    def _output(self, client, inputs, keep_blocks, code_blocks):
        """Kept rows of each chunk (grouped by class for ENN), and their global indices."""
        X, y = inputs.X, inputs.y
        offsets = self._offsets(X)
        X_blocks, y_blocks = self._blocks(X), self._blocks(y)
        if self._grouped:
            mask = task(_class_mask)
            masks = [
                (mask(keep, codes, code), i)
                for code in range(len(self.classes_))
                for i, (keep, codes) in enumerate(zip(keep_blocks, code_blocks, strict=True))
            ]
        else:
            masks = [(keep, i) for i, keep in enumerate(keep_blocks)]
        if inputs.kind == "dataframe":
            # A global index needs the kept counts: compute the decisions now,
            # keeping them on the workers.
            persisted = client.persist([m for m, _ in masks], optimize_graph=False)
            sizes = client.compute([task(np.count_nonzero)(m) for m in persisted], sync=True)
            masks = [(m, i) for m, (_, i) in zip(persisted, masks, strict=True)]
        else:
            sizes = [np.nan] * len(masks)
        select = task(_select)
        select_gidx = task(_select_gidx)
        d = X.shape[1]
        X_parts = [
            da.from_delayed(select(X_blocks[i], m), shape=(n, d), dtype=X.dtype)
            for (m, i), n in zip(masks, sizes, strict=True)
        ]
        y_parts = [
            da.from_delayed(select(y_blocks[i], m), shape=(n,), dtype=y.dtype)
            for (m, i), n in zip(masks, sizes, strict=True)
        ]
        idx_parts = [
            da.from_delayed(select_gidx(m, int(offsets[i])), shape=(n,), dtype=np.int64)
            for (m, i), n in zip(masks, sizes, strict=True)
        ]
        self.sample_indices_ = da.concatenate(idx_parts)
        return da.concatenate(X_parts), da.concatenate(y_parts)

    def to_local(self) -> BaseEstimator:
        """The fitted single-machine sampler; ``sample_indices_`` computed.

        Returns
        -------
        sampler : fastsmote sampler
        """
        local = super().to_local()
        if isinstance(getattr(self, "sample_indices_", None), da.Array):
            local.sample_indices_ = self._client().compute(
                self.sample_indices_, sync=True, optimize_graph=False
            )
        return local


class TomekLinks(_DaskCleaning):
    """Tomek-link removal on Dask distributed, identical to :class:`fastsmote.TomekLinks`.

    Every row's nearest neighbour comes from a block nested-loop join (one
    task per query chunk and group of about ``chunk_size`` reference rows,
    each running the single-machine backend and ranking its candidates with
    the exact per-pair kernel; one merge per query chunk by (distance, global
    index)). Chunks emit their rows' cross-class nearest pairs, one task keeps
    the mutual ones, and each chunk drops its targeted link members.

    Parameters
    ----------
    sampling_strategy, n_jobs, nn_backend
        As :class:`fastsmote.TomekLinks`; ``n_jobs`` is Numba threads per task.
    client : distributed.Client, default=None
        ``None`` uses the default client.
    chunk_size : int, default=None
        Reference rows per join task (exact), rows per spatial leaf
        (approximate); ``None``: the largest chunk of ``X``. The exact output
        does not depend on it.
    search : {"exact", "approximate"}, default="exact"
        ``"approximate"`` searches spatial leaves independently and checks
        the links found exactly: only true links are removed, but links
        between leaves are missed (see the module notes);
        ``nn_search_.exact`` is then False.

    Attributes
    ----------
    sampling_strategy_ : dict
    sample_indices_ : dask.array.Array
        Global indices of the rows kept, in output order (lazy).
    nn_search_ : NeighborSearch
        The search that ran and whether it was exact.
    local_ : fastsmote.TomekLinks

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from distributed import Client, LocalCluster
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote.dask import TomekLinks
    >>> X, y = make_classification(n_samples=500, weights=[0.9], random_state=0)
    >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=None)
    >>> with cluster, Client(cluster):
    ...     X_res, y_res = TomekLinks().fit_resample(
    ...         da.from_array(X, chunks=100), da.from_array(y, chunks=100))
    ...     X_res, y_res = dask.compute(X_res, y_res)
    >>> np.bincount(y_res).tolist()
    [439, 50]
    """

    _local_class = local_under_sampling.TomekLinks

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_jobs=None,
        nn_backend="auto",
        client=None,
        chunk_size=None,
        search="exact",
    ):
        self.sampling_strategy = sampling_strategy
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend
        self.client = client
        self.chunk_size = chunk_size
        self.search = search

    def _resample(self, inputs):
        self._check_search()
        local = self._start_fit(inputs)
        client = self._client()
        X = inputs.X
        n = int(X.shape[0])
        check_enough_samples(2, n, n)
        group_rows = self._check_chunk_size(X)
        is_target = targeted_codes(self.classes_, local.sampling_strategy_)
        code_blocks = self._code_blocks(inputs.y)
        X_blocks = self._blocks(X)
        offsets = self._offsets(X)
        if self.search == "exact":
            nn_blocks = join_chunks(
                X_blocks, code_blocks, X.chunks[0], 1, self.nn_backend, self.n_jobs, group_rows
            )
            cross = task(_cross_pairs)
            pairs = [
                cross(nn, c, int(off))
                for nn, c, off in zip(nn_blocks, code_blocks, offsets, strict=False)
            ]
            removed = task(_mutual_removed)(pairs, is_target, n)
        else:
            decide = functools.partial(_tomek_leaf, is_target=is_target, n_jobs=self.n_jobs)
            leaves = self._approximate_leaves(
                client, X, X_blocks, code_blocks, 1, decide, group_rows
            )
            # A pair that is mutual within its leaf may not be among all rows:
            # each candidate's nearest neighbour is checked exactly (a small
            # query set against every chunk), so only true links are removed.
            candidates = task(_tomek_candidates)(leaves)
            nearest = exact_neighbors_of(
                candidates[2], candidates[1], X_blocks, code_blocks, offsets[:-1], 1,
                self.nn_backend, self.n_jobs,
            )  # fmt: skip
            removed = task(_verified_links)(candidates, nearest)
        keep = task(_keep_outside)
        keep_blocks = [
            keep(removed, int(offsets[i]), int(rows)) for i, rows in enumerate(X.chunks[0])
        ]
        self._report(2)
        return self._output(client, inputs, keep_blocks, code_blocks)


class EditedNearestNeighbours(_DaskCleaning):
    """Edited nearest neighbours on Dask distributed, identical to
    :class:`fastsmote.EditedNearestNeighbours`.

    The ``n_neighbors`` nearest rows of every row come from the block
    nested-loop join (see :class:`TomekLinks`), with their classes; each chunk
    decides which of its rows to keep with the single-machine kernel. Output
    rows are grouped class by class, as imbalanced-learn returns them.

    Parameters
    ----------
    sampling_strategy, n_neighbors, kind_sel, n_jobs, nn_backend
        As :class:`fastsmote.EditedNearestNeighbours`; ``n_neighbors`` must be
        an int.
    client, chunk_size, search
        As :class:`TomekLinks`.

    Attributes
    ----------
    sampling_strategy_ : dict
    sample_indices_ : dask.array.Array
        Global indices of the rows kept, in output order (lazy).
    nn_search_ : NeighborSearch
    local_ : fastsmote.EditedNearestNeighbours

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from distributed import Client, LocalCluster
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote.dask import EditedNearestNeighbours
    >>> X, y = make_classification(n_samples=500, weights=[0.9], random_state=0)
    >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=None)
    >>> with cluster, Client(cluster):
    ...     X_res, y_res = EditedNearestNeighbours().fit_resample(
    ...         da.from_array(X, chunks=100), da.from_array(y, chunks=100))
    ...     X_res, y_res = dask.compute(X_res, y_res)
    >>> np.bincount(y_res).tolist()
    [393, 50]
    """

    _local_class = local_under_sampling.EditedNearestNeighbours
    _grouped = True

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_neighbors=3,
        kind_sel="all",
        n_jobs=None,
        nn_backend="auto",
        client=None,
        chunk_size=None,
        search="exact",
    ):
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend
        self.client = client
        self.chunk_size = chunk_size
        self.search = search

    def _resample(self, inputs):
        self._check_search()
        if not isinstance(self.n_neighbors, int | np.integer) or isinstance(self.n_neighbors, bool):
            raise TypeError(
                "EditedNearestNeighbours(n_neighbors=...) needs an int on Dask: the neighbours "
                "are searched chunk by chunk with fastsmote's backends (nn_backend); got "
                f"{type(self.n_neighbors).__name__}."
            )
        local = self._start_fit(inputs)
        client = self._client()
        X = inputs.X
        n = int(X.shape[0])
        k = int(self.n_neighbors)
        check_enough_samples(k + 1, n, n)
        group_rows = self._check_chunk_size(X)
        is_target = targeted_codes(self.classes_, local.sampling_strategy_)
        n_classes = len(self.classes_)
        use_mode = self.kind_sel == "mode"
        code_blocks = self._code_blocks(inputs.y)
        X_blocks = self._blocks(X)
        offsets = self._offsets(X)
        if self.search == "exact":
            nn_blocks = join_chunks(
                X_blocks, code_blocks, X.chunks[0], k, self.nn_backend, self.n_jobs, group_rows
            )
            keep_task = task(_enn_keep)
            keep_blocks = [
                keep_task(nn, c, is_target, n_classes, use_mode, k, self.n_jobs)
                for nn, c in zip(nn_blocks, code_blocks, strict=True)
            ]
        else:
            decide = functools.partial(
                _enn_leaf,
                is_target=is_target,
                n_classes=n_classes,
                use_mode=use_mode,
                n_jobs=self.n_jobs,
            )
            leaves = self._approximate_leaves(
                client, X, X_blocks, code_blocks, k, decide, group_rows
            )
            removed = task(sorted_union)(leaves)
            keep = task(_keep_outside)
            keep_blocks = [
                keep(removed, int(offsets[i]), int(rows)) for i, rows in enumerate(X.chunks[0])
            ]
        self._report(k + 1)
        return self._output(client, inputs, keep_blocks, code_blocks)
