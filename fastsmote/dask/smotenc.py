"""SMOTE-NC on Dask: the single-machine output, chunk by chunk.

Unlike SMOTE's, SMOTE-NC's random plan cannot be cut into per-chunk streams
(its category vote shuffles a whole class's ties at once), so the client draws
each class's plan whole and ships every output chunk its slice.
"""

from __future__ import annotations

from typing import NamedTuple

import dask.array as da
import numpy as np
from sklearn.preprocessing import OneHotEncoder

from .. import over_sampling as local_over_sampling
from .._threads import numba_threads
from ..over_sampling._categories import assemble_columns, category_codes, decode_categories
from ..over_sampling._smotenc_plan import check_column_split, smotenc_class_plan, split_columns
from ..over_sampling.base import generate_samples
from ._collections import split_sizes
from ._graph import task
from ._oversampler import _COMMON_DOC, _DaskOverSampler


class _Columns(NamedTuple):
    """What a task needs to rebuild output rows: the column split and the encoder."""

    continuous: np.ndarray
    categorical: np.ndarray
    n_features: int
    encoder: OneHotEncoder
    dtype_ohe: np.dtype


# -- tasks (run on the workers) ------------------------------------------------------
def _assemble(columns: _Columns, X_cont, codes):
    """Rows as the single machine returns them: categories decoded through the
    fitted default encoder, columns back in the input's order."""
    X_decoded = decode_categories(codes, columns.encoder, True)
    return assemble_columns(
        X_cont, X_decoded, columns.continuous, columns.categorical, columns.n_features
    )


def _smotenc_original(columns: _Columns, X_block):
    """Input rows as the single machine returns them (categories encoded and decoded)."""
    X_cont = np.asarray(X_block[:, columns.continuous], dtype=columns.dtype_ohe)
    codes = category_codes(X_block[:, columns.categorical], columns.encoder.categories_)
    return _assemble(columns, X_cont, codes)


def _smotenc_slice(columns: _Columns, X_class, nn_ind, rows, cols, steps, codes_new, n_jobs):
    with numba_threads(n_jobs):
        X_cont = generate_samples(X_class, X_class, nn_ind, rows, cols, steps)
    return _assemble(columns, X_cont, codes_new)


class SMOTENC(_DaskOverSampler):
    """SMOTE-NC on Dask distributed, identical to :class:`fastsmote.SMOTENC`.

    Eager, on the client: class counts, each categorical column's categories
    (one distributed ``unique`` per column, so the encoder equals the one
    fitted on all rows), the rows of each class being over-sampled, their
    neighbour search on the continuous features and category codes, and the
    random plan. SMOTE-NC's vote on categories shuffles the tied
    (sample, category) entries of a whole class with one permutation per
    feature, which cannot be cut into per-chunk streams: the client draws the
    class's plan whole (rows, neighbours, steps and the voted category codes:
    O(new rows) small numbers) and ships each output chunk its slice; the
    workers interpolate, decode and reassemble the rows.

    Parameters
    ----------
    categorical_features, sampling_strategy, random_state, k_neighbors, nn_backend, n_jobs
        As :class:`fastsmote.SMOTENC`. Dask input must be numeric: column
        indices or a boolean mask for ``categorical_features`` (not
        ``"auto"``), the default ``categorical_encoder`` only, and no NaN in
        the categorical columns.
    {common}

    Attributes
    ----------
    sampling_strategy_ : dict
    median_std_ : dict
        Per over-sampled class, the median of its continuous features' std.
    nn_search_ : NeighborSearch
        The neighbour searches that ran and whether all were exact.
    local_ : fastsmote.SMOTENC

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from distributed import Client, LocalCluster
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote.dask import SMOTENC
    >>> X, y = make_classification(n_samples=500, weights=[0.9], random_state=0)
    >>> codes = np.random.RandomState(0).randint(0, 3, size=(500, 1))
    >>> X = np.hstack([X, codes])  # column 20 is categorical
    >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=None)
    >>> with cluster, Client(cluster):
    ...     X_res, y_res = SMOTENC(categorical_features=[20], random_state=0).fit_resample(
    ...         da.from_array(X, chunks=100), da.from_array(y, chunks=100))
    ...     X_res, y_res = dask.compute(X_res, y_res)
    >>> np.bincount(y_res).tolist()
    [450, 450]
    """

    _local_class = local_over_sampling.SMOTENC
    _broadcast_search = False

    def __init__(
        self,
        categorical_features,
        *,
        categorical_encoder=None,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        nn_backend="auto",
        n_jobs=None,
        client=None,
        chunk_size=None,
    ):
        self.categorical_features = categorical_features
        self.categorical_encoder = categorical_encoder
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.nn_backend = nn_backend
        self.n_jobs = n_jobs
        self.client = client
        self.chunk_size = chunk_size

    def _resample(self, inputs):
        if self.categorical_encoder is not None or (
            isinstance(self.categorical_features, str) and self.categorical_features == "auto"
        ):
            raise ValueError(
                "fastsmote.dask.SMOTENC takes categorical_features as column indices or a "
                "boolean mask, with the default categorical_encoder (None); encode the data "
                "first for anything else."
            )
        X, y = inputs.X, inputs.y
        if X.dtype.kind not in "fiu":
            raise TypeError(f"fastsmote.dask.SMOTENC needs numeric X; got dtype {X.dtype}.")
        local = self._start_fit(inputs)
        n_features = int(X.shape[1])
        local.n_features_ = n_features
        local.categorical_features_, local.continuous_features_ = split_columns(
            np.empty((0, n_features), dtype=X.dtype), self.categorical_features, n_features
        )
        local.nn_k_ = self._neighbors_object("k_neighbors")
        check_column_split(local.categorical_features_, local.n_features_in_)
        client = self._client()
        chunk_size = self._check_chunk_size(X)
        # The continuous part keeps X's numeric dtype, as check_array does.
        dtype_ohe = np.dtype(X.dtype)
        categories = client.compute(
            [da.unique(X[:, f]) for f in local.categorical_features_],
            sync=True,
            optimize_graph=False,
        )
        if any(np.isnan(c).any() for c in categories if c.dtype.kind == "f"):
            raise ValueError(
                "fastsmote.dask.SMOTENC does not take NaN in categorical columns; replace "
                "them with a category value first."
            )
        # An encoder fitted on each column's distinct values has the same
        # categories as one fitted on every row.
        width = max(c.size for c in categories)
        table = np.column_stack([np.resize(c, width) for c in categories])
        local.categorical_encoder_ = OneHotEncoder(handle_unknown="ignore", dtype=dtype_ohe)
        local.categorical_encoder_.fit(table)
        categories = local.categorical_encoder_.categories_
        n_categories = np.array([c.size for c in categories], dtype=np.int64)
        columns = _Columns(
            local.continuous_features_,
            local.categorical_features_,
            n_features,
            local.categorical_encoder_,
            dtype_ohe,
        )
        local.median_std_ = {}
        [columns_f] = client.scatter([columns], broadcast=True, hash=False)
        new_X, new_y = [], []
        for label, n_samples, _, rows_c in self._targets(
            client, local, self._code_blocks(y), y.chunks[0]
        ):
            X_rows = self._gather(client, X, rows_c)
            X_class = np.ascontiguousarray(X_rows[:, columns.continuous], dtype=dtype_ohe)
            codes_class = category_codes(X_rows[:, columns.categorical], categories)
            with numba_threads(self.n_jobs):
                plan = smotenc_class_plan(
                    X_class, codes_class, n_categories, dtype_ohe, label, n_samples,
                    k_neighbors=self.k_neighbors, nn_backend=self.nn_backend, nn_k=local.nn_k_,
                    n_jobs=self.n_jobs, random_state=local.random_state,
                )  # fmt: skip
            local.median_std_[label] = plan.median_std
            nn_ind, rows, cols, steps, codes_new = plan[1:]
            X_f, nn_f = client.scatter([X_class, nn_ind], broadcast=True, hash=False)
            sizes = split_sizes(n_samples, chunk_size)
            starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
            args = [
                (columns_f, X_f, nn_f, rows[a:b], cols[a:b], steps[a:b], codes_new[a:b],
                 self.n_jobs)
                for a, b in zip(starts[:-1], starts[1:], strict=True)
            ]  # fmt: skip
            new_X.append((args, sizes))
            new_y.append(self._new_labels(label, n_samples, y.dtype, chunk_size))
        self.median_std_ = local.median_std_
        # The dtype of np.hstack((continuous, decoded)), as the single machine.
        out_dtype = np.result_type(dtype_ohe, *[cats.dtype for cats in categories])
        original = task(_smotenc_original)
        X_orig = [
            da.from_delayed(original(columns_f, b), shape=(n, n_features), dtype=out_dtype)
            for b, n in zip(self._blocks(X), X.chunks[0], strict=True)
        ]
        pieces = []
        for args, sizes in new_X:
            pieces += self._new_rows(_smotenc_slice, args, sizes, n_features, out_dtype)
        self._report_search()
        return da.concatenate(X_orig + pieces), da.concatenate([y, *new_y])


SMOTENC.__doc__ = SMOTENC.__doc__.replace("{common}", _COMMON_DOC)
