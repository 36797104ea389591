"""SMOTE-NC on Dask: the single-machine output, chunk by chunk.

Unlike SMOTE's, SMOTE-NC's random plan cannot be cut into per-chunk streams
(its category vote shuffles a whole class's ties at once), so the client draws
each class's plan whole and ships every output chunk its slice.
"""

from __future__ import annotations

import dask.array as da
import numpy as np

from .. import over_sampling as local_over_sampling
from .._threads import numba_threads
from ..over_sampling.base import generate_samples
from ._collections import split_sizes
from ._graph import task
from .over_sampling import _COMMON_DOC, _DaskOverSampler


# -- tasks (run on the workers) ------------------------------------------------------
def _category_codes(X_cat, categories) -> np.ndarray:
    """Each categorical value's index in its column's fitted categories."""
    codes = np.empty(X_cat.shape, dtype=np.int32)
    for f, cats in enumerate(categories):
        codes[:, f] = np.searchsorted(cats, X_cat[:, f])
    return codes


def _smotenc_original(local, X_block, categories):
    """Input rows as the single machine returns them: categorical columns
    encoded and decoded through the fitted categories, columns reassembled."""
    X_cont = np.asarray(X_block[:, local.continuous_features_], dtype=local._dask_dtype_ohe)
    codes = _category_codes(X_block[:, local.categorical_features_], categories)
    return local._assemble(X_cont, local._decode(codes, None, local._dask_dtype_ohe))


def _smotenc_slice(local, X_class, nn_ind, rows, cols, steps, codes_new, n_jobs):
    with numba_threads(n_jobs):
        X_cont = generate_samples(X_class, X_class, nn_ind, rows, cols, steps)
    return local._assemble(X_cont, local._decode(codes_new, None, local._dask_dtype_ohe))


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
        from sklearn.preprocessing import OneHotEncoder

        from ..over_sampling.smotenc import smotenc_class_plan

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
        local.n_features_ = int(X.shape[1])
        local._validate_column_types(np.empty((0, X.shape[1]), dtype=X.dtype))
        local._validate_estimator()
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
        local._dask_dtype_ohe = dtype_ohe
        local.median_std_ = {}
        targets = [(c, n) for c, n in local.sampling_strategy_.items() if n > 0]
        codes = [int(np.searchsorted(self.classes_, c)) for c, _ in targets]
        class_rows = self._class_rows(client, self._code_blocks(y), y.chunks[0], codes)
        [local_f] = client.scatter([local], broadcast=True, hash=False)
        original = task(_smotenc_original)
        new_X, new_y = [], []
        for (label, n_samples), rows_c in zip(targets, class_rows, strict=True):
            X_rows = self._gather(client, X, rows_c)
            X_class = np.ascontiguousarray(X_rows[:, local.continuous_features_], dtype=dtype_ohe)
            codes_class = _category_codes(X_rows[:, local.categorical_features_], categories)
            with numba_threads(self.n_jobs):
                plan = smotenc_class_plan(
                    local, X_class, codes_class, n_categories, dtype_ohe, label, n_samples
                )
            local.median_std_[label] = plan.median_std
            nn_ind, rows, cols, steps, codes_new = plan[1:]
            X_f, nn_f = client.scatter([X_class, nn_ind], broadcast=True, hash=False)
            sizes = split_sizes(n_samples, chunk_size)
            starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
            args = [
                (local_f, X_f, nn_f, rows[a:b], cols[a:b], steps[a:b], codes_new[a:b], self.n_jobs)
                for a, b in zip(starts[:-1], starts[1:], strict=True)
            ]
            new_X.append(args)
            new_y.append(self._new_labels(label, n_samples, y.dtype, chunk_size))
        self.median_std_ = local.median_std_
        # The dtype of np.hstack((continuous, decoded)), as the single machine.
        out_dtype = np.result_type(dtype_ohe, *[cats.dtype for cats in categories])
        n_features = int(X.shape[1])
        X_orig = [
            da.from_delayed(
                original(local_f, b, categories), shape=(n, n_features), dtype=out_dtype
            )
            for b, n in zip(self._blocks(X), X.chunks[0], strict=True)
        ]
        pieces = []
        for args in new_X:
            pieces += self._new_rows(
                _smotenc_slice, args, [len(a[3]) for a in args], n_features, out_dtype
            )
        self._report_search()
        return da.concatenate(X_orig + pieces), da.concatenate([y, *new_y])


SMOTENC.__doc__ = SMOTENC.__doc__.replace("{common}", _COMMON_DOC)
