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
from typing import NamedTuple

import dask.array as da
import numpy as np
from sklearn.base import BaseEstimator

from .. import under_sampling as local_under_sampling
from ..neighbors import is_exact, make_backend
from ..neighbors.report import NeighborSearch, backend_name
from ..under_sampling.base import check_enough_samples, targeted_codes
from ._base import DaskSampler, doc_example
from ._cleaning_tasks import (
    cross_pairs,
    enn_keep,
    enn_leaf,
    keep_outside,
    mutual_removed,
    tomek_candidates,
    tomek_leaf,
    tree_depth,
    tree_sample_stride,
    verified_links,
)
from ._graph import task
from ._knn import exact_neighbors_of, join_chunks, partitioned_search, sorted_union

_SEARCHES = ("exact", "approximate")


# -- tasks ------------------------------------------------------------------------
def _select(block, mask):
    return block[mask]


def _select_gidx(mask, offset):
    return np.flatnonzero(mask).astype(np.int64) + offset


def _class_mask(keep, codes, code):
    return keep & (codes == code)


class _Job(NamedTuple):
    """A cleaning run's client, data and blocks (see :meth:`_DaskCleaning._prepare`)."""

    client: object
    X: da.Array
    X_blocks: list
    code_blocks: list
    offsets: np.ndarray
    group_rows: int
    is_target: np.ndarray


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

    def _prepare(self, inputs, k: int) -> _Job:
        """Fit the local twin and lay out the blocks, for a search of ``k``
        neighbours besides each row itself."""
        local = self._start_fit(inputs)
        X = inputs.X
        n = int(X.shape[0])
        check_enough_samples(k + 1, n, n)
        return _Job(
            client=self._client(),
            X=X,
            X_blocks=self._blocks(X),
            code_blocks=self._code_blocks(inputs.y),
            offsets=self._offsets(X),
            group_rows=self._check_chunk_size(X),
            is_target=targeted_codes(self.classes_, local.sampling_strategy_),
        )

    def _join(self, job: _Job, k: int) -> list:
        """Every row's ``k`` nearest rows among all rows, per chunk (exact join)."""
        return join_chunks(
            job.X_blocks, job.code_blocks, job.X.chunks[0], k, self.nn_backend, self.n_jobs,
            job.group_rows,
        )  # fmt: skip

    def _keep_outside(self, job: _Job, removed) -> list:
        """Each chunk's keep mask: every row but those in ``removed`` (global indices)."""
        keep = task(keep_outside)
        return [
            keep(removed, int(job.offsets[i]), int(rows)) for i, rows in enumerate(job.X.chunks[0])
        ]

    def _approximate_leaves(self, job: _Job, k: int, decide) -> list:
        X = job.X
        depth = tree_depth(int(X.shape[0]), job.group_rows, k)
        stride = tree_sample_stride(int(X.shape[0]), 2**depth)
        sample = np.asarray(
            job.client.compute(X[::stride], sync=True, optimize_graph=False), dtype=np.float64
        )
        return partitioned_search(
            job.X_blocks, job.code_blocks, X.chunks[0], sample, k, decide, self.nn_backend,
            self.n_jobs, depth,
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
    {example}
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
        job = self._prepare(inputs, 1)
        X_blocks, code_blocks, offsets = job.X_blocks, job.code_blocks, job.offsets
        if self.search == "exact":
            cross = task(cross_pairs)
            pairs = [
                cross(nn, c, int(off))
                for nn, c, off in zip(self._join(job, 1), code_blocks, offsets, strict=False)
            ]
            removed = task(mutual_removed)(pairs, job.is_target, int(job.X.shape[0]))
        else:
            decide = functools.partial(tomek_leaf, is_target=job.is_target, n_jobs=self.n_jobs)
            leaves = self._approximate_leaves(job, 1, decide)
            # A pair that is mutual within its leaf may not be among all rows:
            # each candidate's nearest neighbour is checked exactly (a small
            # query set against every chunk), so only true links are removed.
            candidates = task(tomek_candidates)(leaves)
            nearest = exact_neighbors_of(
                candidates[2], candidates[1], X_blocks, code_blocks, offsets[:-1], 1,
                self.nn_backend, self.n_jobs,
            )  # fmt: skip
            removed = task(verified_links)(candidates, nearest)
        self._report(2)
        return self._output(job.client, inputs, self._keep_outside(job, removed), code_blocks)


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
    {example}
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
        k = int(self.n_neighbors)
        job = self._prepare(inputs, k)
        decisions = {
            "is_target": job.is_target,
            "n_classes": len(self.classes_),
            "use_mode": self.kind_sel == "mode",
        }
        if self.search == "exact":
            keep_task = task(enn_keep)
            keep_blocks = [
                keep_task(nn, c, **decisions, k=k, n_jobs=self.n_jobs)
                for nn, c in zip(self._join(job, k), job.code_blocks, strict=True)
            ]
        else:
            decide = functools.partial(enn_leaf, **decisions, n_jobs=self.n_jobs)
            removed = task(sorted_union)(self._approximate_leaves(job, k, decide))
            keep_blocks = self._keep_outside(job, removed)
        self._report(k + 1)
        return self._output(job.client, inputs, keep_blocks, job.code_blocks)


for _cls, _call, _counts in (
    (TomekLinks, "TomekLinks()", "[439, 50]"),
    (EditedNearestNeighbours, "EditedNearestNeighbours()", "[393, 50]"),
):
    _cls.__doc__ = _cls.__doc__.replace("{example}", doc_example(_cls.__name__, _call, _counts))
