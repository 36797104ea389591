"""SMOTE, Borderline-SMOTE and ADASYN on Dask: the single-machine output, chunk by chunk.

SMOTE-NC, whose random plan is drawn whole on the client, is in :mod:`.smotenc`;
the steps all of them share are in :mod:`._oversampler`. Borderline-SMOTE and
ADASYN find each class sample's neighbours among all rows with a broadcast
search (:func:`~fastsmote.dask._knn.query_chunks`) and decide with the
single-machine plan functions (:mod:`fastsmote.over_sampling._danger`).
"""

from __future__ import annotations

import numpy as np
from sklearn.utils import check_random_state

from .. import over_sampling as local_over_sampling
from .._threads import numba_threads
from ..over_sampling._danger import adasyn_class_counts, danger_rows
from ..over_sampling._neighbors import (
    check_search_size,
    fit_neighbors,
    neighbors_of_rows,
    neighbors_within,
)
from ..over_sampling.base import generate_samples
from ..over_sampling.borderline import generate_samples_scaled
from ._base import doc_example
from ._collections import split_sizes
from ._knn import query_chunks
from ._oversampler import _COMMON_DOC, _DaskOverSampler
from ._plan import draw_flat, draw_uniform, record_states, replay_interpolation, restore


# -- tasks (run on the workers) ------------------------------------------------------
def _borderline2_slice(
    X_base, nn_data, nn_ind, is_cross_table, flat_state, step_state, cross_state, n, n_jobs
):
    rows, cols, steps = replay_interpolation(
        flat_state, step_state, nn_ind.shape[0], nn_ind.shape[1], n
    )
    is_cross = is_cross_table[rows, cols]
    cross_draws = restore(cross_state).uniform(low=0.0, high=0.5, size=(int(is_cross.sum()), 1))
    with numba_threads(n_jobs):
        return generate_samples_scaled(
            X_base, nn_data, nn_ind, rows, cols, steps, is_cross, cross_draws
        )


def _adasyn_slice(X_class, nn_ind, bounds, start, col_state, step_state, n, n_jobs):
    # Row t of the class's plan seeds from the sample whose cumulative count
    # first exceeds t: np.repeat(arange, counts) without building it whole.
    rows = np.searchsorted(bounds, np.arange(start, start + n), side="right").astype(np.int64)
    cols = restore(col_state).choice(nn_ind.shape[1], size=n).astype(np.int64)
    steps = restore(step_state).uniform(size=(n, 1))[:, 0]
    with numba_threads(n_jobs):
        return generate_samples(X_class, X_class, nn_ind, rows, cols, steps)


class SMOTE(_DaskOverSampler):
    """SMOTE on Dask distributed, identical to :class:`fastsmote.SMOTE`.

    With an exact backend the output (rows, order, dtypes) equals the
    single-machine sampler's, hence imbalanced-learn's, for any chunking and
    any number of workers.

    Parameters
    ----------
    sampling_strategy, random_state, k_neighbors, nn_backend, n_jobs
        As :class:`fastsmote.SMOTE`. ``n_jobs`` is the Numba threads per task.
    {common}

    Attributes
    ----------
    sampling_strategy_ : dict
    nn_search_ : NeighborSearch
        The neighbour searches that ran and whether all were exact.
        The number of samples generated per class.
    local_ : fastsmote.SMOTE
        The single-machine twin, fitted (see :meth:`to_local`).

    Examples
    --------
    {example}
    """

    _local_class = local_over_sampling.SMOTE
    _broadcast_search = False

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        nn_backend="auto",
        n_jobs=None,
        client=None,
        chunk_size=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.nn_backend = nn_backend
        self.n_jobs = n_jobs
        self.client = client
        self.chunk_size = chunk_size

    def _resample(self, inputs):
        local = self._start_fit(inputs)
        local.nn_k_ = self._neighbors_object("k_neighbors")
        client = self._client()
        X, y = inputs.X, inputs.y
        chunk_size = self._check_chunk_size(X)
        new_X, new_y = [], []
        for label, n_samples, _, rows in self._targets(
            client, local, self._code_blocks(y), y.chunks[0]
        ):
            X_class = self._gather(client, X, rows)
            with numba_threads(self.n_jobs):
                nn_ind = neighbors_within(local.nn_k_, X_class, label)
            sizes = split_sizes(n_samples, chunk_size)
            new_X += self._smote_rows(client, X_class, X_class, nn_ind, sizes, X)
            new_y.append(self._new_labels(label, n_samples, y.dtype, chunk_size))
        return self._finish(inputs, new_X, new_y)


class BorderlineSMOTE(_DaskOverSampler):
    """Borderline-SMOTE on Dask distributed, identical to :class:`fastsmote.BorderlineSMOTE`.

    The ``m_neighbors`` search (each sample of the class against all rows) is
    a broadcast search: the class's rows go to every worker, each chunk of
    ``X`` returns its best candidates with exact distances, a reduction tree
    keeps the best by (distance, global index). Borderline-2 gathers only the
    rows its danger samples point to.

    Parameters
    ----------
    sampling_strategy, random_state, k_neighbors, m_neighbors, kind, nn_backend, n_jobs
        As :class:`fastsmote.BorderlineSMOTE`; ``m_neighbors`` (and, for
        ``"borderline-2"``, ``k_neighbors``) must be ints.
    {common}

    Attributes
    ----------
    sampling_strategy_ : dict
    nn_search_ : NeighborSearch
        The neighbour searches that ran and whether all were exact.
    in_danger_indices : dict of ndarray
        Global indices of the samples in danger, per class.
    local_ : fastsmote.BorderlineSMOTE

    Examples
    --------
    {example}
    """

    _local_class = local_over_sampling.BorderlineSMOTE

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        m_neighbors=10,
        kind="borderline-1",
        nn_backend="auto",
        n_jobs=None,
        client=None,
        chunk_size=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.m_neighbors = m_neighbors
        self.kind = kind
        self.nn_backend = nn_backend
        self.n_jobs = n_jobs
        self.client = client
        self.chunk_size = chunk_size

    def _resample(self, inputs):
        local = self._start_fit(inputs)
        m = self._require_int("m_neighbors")
        k = self._require_int("k_neighbors") if self.kind == "borderline-2" else None
        local.nn_k_ = self._neighbors_object("k_neighbors")
        local.nn_m_ = self._neighbors_object("m_neighbors")
        client = self._client()
        X, y = inputs.X, inputs.y
        chunk_size = self._check_chunk_size(X)
        X_blocks, code_blocks = self._blocks(X), self._code_blocks(y)
        offsets = self._offsets(X)
        n_total = int(X.shape[0])
        self.in_danger_indices = {}
        new_X, new_y = [], []
        for label, n_samples, code, rows in self._targets(client, local, code_blocks, y.chunks[0]):
            check_search_size(m + 1, n_total, rows.size, "m_neighbors")
            X_class = self._gather(client, X, rows)
            nn_gidx, nn_codes = query_chunks(
                client, X_class, rows, X_blocks, code_blocks, offsets[:-1], m,
                self.nn_backend, self.n_jobs,
            )  # fmt: skip
            n_other = np.count_nonzero(nn_codes != code, axis=1).astype(np.int64)
            in_danger = danger_rows(n_other, m)
            if in_danger.size == 0:
                continue
            self.in_danger_indices[label] = rows[in_danger]
            X_danger = np.ascontiguousarray(X_class[in_danger])
            sizes = split_sizes(n_samples, chunk_size)
            if self.kind == "borderline-1":
                with numba_threads(self.n_jobs):
                    nn_k = fit_neighbors(local.nn_k_, X_class)
                    nn_ind = neighbors_of_rows(nn_k, X_class, in_danger)
                new_X += self._smote_rows(client, X_danger, X_class, nn_ind, sizes, X)
            else:
                args = self._borderline2_plan(
                    client, local, X, X_blocks, code_blocks, offsets, code, rows, in_danger,
                    X_danger, nn_gidx, nn_codes, k, m, sizes,
                )  # fmt: skip
                new_X += self._new_rows(_borderline2_slice, args, sizes, X.shape[1], X.dtype)
            new_y.append(self._new_labels(label, n_samples, y.dtype, chunk_size))
        return self._finish(inputs, new_X, new_y)

    def _borderline2_plan(
        self, client, local, X, X_blocks, code_blocks, offsets, code, rows, danger_rows,
        X_danger, nn_gidx, nn_codes, k, m, sizes,
    ):  # fmt: skip
        if k <= m:
            # Exact searches sort by (distance, index): the k nearest are the
            # first k of the m nearest, as on one machine.
            nn_g, nn_c = nn_gidx[danger_rows, :k], nn_codes[danger_rows, :k]
        else:
            nn_g, nn_c = query_chunks(
                client, X_danger, rows[danger_rows], X_blocks, code_blocks, offsets[:-1], k,
                self.nn_backend, self.n_jobs,
            )  # fmt: skip
        # Only the rows the danger samples point to are gathered.
        needed = np.unique(nn_g)
        nn_data = self._gather(client, X, needed)
        nn_ind = np.ascontiguousarray(np.searchsorted(needed, nn_g), dtype=np.int64)
        is_cross_table = np.ascontiguousarray(nn_c != code)
        flat_cross = is_cross_table.ravel()
        cross_counts: list[int] = []
        random_state = check_random_state(local.random_state)
        high = nn_ind.shape[0] * nn_ind.shape[1]
        flat_states = record_states(
            random_state,
            sizes,
            lambda r, n: draw_flat(r, high, n),
            visit=lambda _, flat: cross_counts.append(int(flat_cross[flat].sum())),
        )
        step_states = record_states(random_state, sizes, draw_uniform)
        # imbalanced-learn takes check_random_state(random_state) again here:
        # an int seed restarts the stream for the cross-class scales.
        cross_states = record_states(
            check_random_state(local.random_state),
            cross_counts,
            lambda r, n: r.uniform(low=0.0, high=0.5, size=(n, 1)),
        )
        Xd_f, data_f, nn_f, cross_f = client.scatter(
            [X_danger, nn_data, nn_ind, is_cross_table], broadcast=True
        )
        return [
            (Xd_f, data_f, nn_f, cross_f, fs, ss, cs, n, self.n_jobs)
            for fs, ss, cs, n in zip(flat_states, step_states, cross_states, sizes, strict=True)
        ]


class ADASYN(_DaskOverSampler):
    """ADASYN on Dask distributed, identical to :class:`fastsmote.ADASYN`.

    Parameters
    ----------
    sampling_strategy, random_state, n_neighbors, nn_backend, n_jobs
        As :class:`fastsmote.ADASYN`; ``n_neighbors`` must be an int.
    {common}

    Attributes
    ----------
    sampling_strategy_ : dict
    nn_search_ : NeighborSearch
        The neighbour searches that ran and whether all were exact.
    local_ : fastsmote.ADASYN

    Examples
    --------
    {example}
    """

    _local_class = local_over_sampling.ADASYN

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        n_neighbors=5,
        nn_backend="auto",
        n_jobs=None,
        client=None,
        chunk_size=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.nn_backend = nn_backend
        self.n_jobs = n_jobs
        self.client = client
        self.chunk_size = chunk_size

    def _resample(self, inputs):
        local = self._start_fit(inputs)
        n_neighbors = self._require_int("n_neighbors")
        local.nn_ = self._neighbors_object("n_neighbors")
        client = self._client()
        X, y = inputs.X, inputs.y
        chunk_size = self._check_chunk_size(X)
        X_blocks, code_blocks = self._blocks(X), self._code_blocks(y)
        offsets = self._offsets(X)
        random_state = check_random_state(local.random_state)
        new_X, new_y = [], []
        for label, n_samples, code, rows in self._targets(client, local, code_blocks, y.chunks[0]):
            check_search_size(n_neighbors + 1, int(X.shape[0]), rows.size, "n_neighbors")
            X_class = self._gather(client, X, rows)
            _, nn_codes = query_chunks(
                client, X_class, rows, X_blocks, code_blocks, offsets[:-1], n_neighbors,
                self.nn_backend, self.n_jobs,
            )  # fmt: skip
            n_other = np.count_nonzero(nn_codes != code, axis=1).astype(np.int64)
            counts = adasyn_class_counts(n_other, n_neighbors, n_samples)
            n_new = int(counts.sum())
            with numba_threads(self.n_jobs):
                nn_ind = neighbors_within(local.nn_, X_class, label, "n_neighbors")
            nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
            sizes = split_sizes(n_new, chunk_size)
            col_states = record_states(
                random_state, sizes, lambda r, n: r.choice(n_neighbors, size=n)
            )
            step_states = record_states(random_state, sizes, lambda r, n: r.uniform(size=(n, 1)))
            bounds = np.cumsum(counts)
            X_f, nn_f, bounds_f = client.scatter(
                [X_class, nn_ind, bounds], broadcast=True, hash=False
            )
            starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
            args = [
                (X_f, nn_f, bounds_f, int(s), cs, ss, n, self.n_jobs)
                for s, cs, ss, n in zip(starts, col_states, step_states, sizes, strict=True)
            ]
            new_X += self._new_rows(_adasyn_slice, args, sizes, X.shape[1], X.dtype)
            new_y.append(self._new_labels(label, n_new, y.dtype, chunk_size))
        return self._finish(inputs, new_X, new_y)


for _cls, _call, _counts in (
    (SMOTE, "SMOTE(random_state=0)", "[450, 450]"),
    (BorderlineSMOTE, "BorderlineSMOTE(random_state=0)", "[450, 450]"),
    (ADASYN, "ADASYN(random_state=0)", "[450, 452]"),
):
    _cls.__doc__ = _cls.__doc__.replace("{common}", _COMMON_DOC).replace(
        "{example}", doc_example(_cls.__name__, _call, _counts)
    )
