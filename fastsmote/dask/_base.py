"""What every Dask sampler shares: parameters, client, class counts, the local twin.

A Dask sampler holds the same parameters as its single-machine class plus
``client`` and ``chunk_size``. At ``fit_resample`` it builds the
single-machine sampler with those parameters (its "local twin"), lets it
validate them and resolve its neighbour objects, and uses its methods for the
small eager steps (the class's index fit on the client). ``to_local()`` returns
that twin, fitted.
"""

from __future__ import annotations

import numbers

import dask.array as da
import numpy as np
from imblearn.utils import check_sampling_strategy
from sklearn.base import BaseEstimator
from sklearn.utils.multiclass import check_classification_targets

from ._collections import Inputs, check_inputs, row_offsets, wrap_output
from ._graph import task


def get_client(client=None):
    """``client``, or the default Dask distributed client.

    Raises
    ------
    ValueError
        When no client is given and none is running.
    """
    if client is not None:
        return client
    from distributed import get_client as _default_client

    try:
        return _default_client()
    except ValueError as exc:
        raise ValueError(
            "fastsmote.dask needs a Dask distributed client: start one with "
            "distributed.Client(...) (or LocalCluster) before fit_resample, or pass client=."
        ) from exc


def class_codes_of(y_block: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Each label's position in the sorted ``classes`` (int64)."""
    return np.searchsorted(classes, y_block).astype(np.int64)


def _rows_of_codes(codes_block: np.ndarray, offset: int, codes: list[int]) -> list[np.ndarray]:
    """Global indices of the block's rows of each class code."""
    return [np.flatnonzero(codes_block == c) + offset for c in codes]


def sampling_strategy_from_counts(sampling_strategy, classes, counts, sampling_type):
    """imbalanced-learn's ``check_sampling_strategy`` from class counts alone.

    imbalanced-learn's rules only look at how many samples each class has
    (``np.unique(y, return_counts=True)``), so they run unchanged on labels
    rebuilt from the counts, sorted by class; a callable ``sampling_strategy``
    receives those rebuilt labels. The rebuilt array holds one label per row
    on the client for the duration of the call.
    """
    y_counts = np.repeat(np.asarray(classes), np.asarray(counts, dtype=np.int64))
    check_classification_targets(y_counts)
    return check_sampling_strategy(sampling_strategy, y_counts, sampling_type)


class DaskSampler(BaseEstimator):
    """Base class of the Dask samplers (not for direct use)."""

    #: The single-machine class this sampler mirrors.
    _local_class: type = None
    #: Parameters that only the Dask sampler has.
    _dask_params: tuple[str, ...] = ("client", "chunk_size")
    #: imbalanced-learn's sampling type, for ``sampling_strategy_``.
    _sampling_type = "over-sampling"

    # -- public API ------------------------------------------------------------
    def fit_resample(self, X, y) -> tuple:
        """Resample the Dask collections ``X`` and ``y``.

        Parameters
        ----------
        X : dask.array.Array or dask.dataframe.DataFrame
            Shape (n_samples, n_features), chunked along rows.
        y : dask.array.Array or dask.dataframe.Series
            Class labels, with the same row chunks as ``X``.

        Returns
        -------
        X_resampled, y_resampled : Dask collections of the input's type
            Lazy. Only class counts, the gathered rows of the classes being
            resampled, their neighbour index and the random-stream plan are
            computed during the call.
        """
        inputs = check_inputs(X, y)
        X_res, y_res = self._resample(inputs)
        return wrap_output(inputs, X_res, y_res)

    def to_local(self) -> BaseEstimator:
        """The fitted single-machine sampler with the same parameters.

        Returns
        -------
        sampler : fastsmote sampler
            Its fitted attributes are this sampler's (lazy arrays computed).
        """
        if not hasattr(self, "local_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call fit_resample first."
            )
        return self.local_

    # -- shared steps ------------------------------------------------------------
    def _local_params(self) -> dict:
        params = self.get_params(deep=False)
        return {k: v for k, v in params.items() if k not in self._dask_params}

    def _client(self):
        return get_client(self.client)

    def _check_chunk_size(self, X) -> int:
        if self.chunk_size is None:
            return max(int(max(X.chunks[0])), 1)
        if not isinstance(self.chunk_size, numbers.Integral) or self.chunk_size < 1:
            raise ValueError(f"chunk_size must be a positive int or None, got {self.chunk_size!r}.")
        return int(self.chunk_size)

    def _start_fit(self, inputs: Inputs, validate_strategy: bool = True):
        """Validate parameters, count classes and fill the local twin's attributes.

        Returns the local twin; sets ``classes_`` and ``class_counts_``.
        """
        local = self._local_class(**self._local_params())
        local._validate_params()
        client = self._client()
        if getattr(inputs, "classes", None) is None:
            classes, counts = client.compute(
                da.unique(inputs.y, return_counts=True), sync=True, optimize_graph=False
            )
            inputs.classes, inputs.counts = classes, counts
        self.classes_ = np.asarray(inputs.classes)
        self.class_counts_ = np.asarray(inputs.counts, dtype=np.int64)
        if validate_strategy:
            local.sampling_strategy_ = sampling_strategy_from_counts(
                local.sampling_strategy, self.classes_, self.class_counts_, self._sampling_type
            )
        local.n_features_in_ = int(inputs.X.shape[1])
        if inputs.columns is not None and all(isinstance(c, str) for c in inputs.columns):
            local.feature_names_in_ = np.asarray(inputs.columns, dtype=object)
        self.local_ = local
        self.n_features_in_ = local.n_features_in_
        if hasattr(local, "feature_names_in_"):
            self.feature_names_in_ = local.feature_names_in_
        if validate_strategy:
            self.sampling_strategy_ = local.sampling_strategy_
        return local

    def _code_blocks(self, y: da.Array) -> list:
        """Each row chunk's class codes (int64), one task per chunk."""
        codes_of = task(class_codes_of, name="fastsmote-class-codes")
        return [codes_of(y_b, self.classes_) for y_b in self._blocks(y)]

    def _class_rows(self, client, code_blocks: list, chunks, codes: list[int]) -> list[np.ndarray]:
        """Global indices of the rows of each class code, in order (one pass)."""
        if not codes:
            return []
        offsets = row_offsets(chunks)
        rows_of = task(_rows_of_codes)
        per_block = client.compute(
            [rows_of(b, int(off), codes) for b, off in zip(code_blocks, offsets, strict=False)],
            sync=True,
            optimize_graph=False,
        )
        return [
            np.concatenate([rows[j] for rows in per_block]).astype(np.int64)
            for j in range(len(codes))
        ]

    @staticmethod
    def _gather(client, X: da.Array, rows: np.ndarray) -> np.ndarray:
        """Rows ``rows`` (sorted global indices) of ``X``, on the client."""
        if rows.size == 0:
            return np.empty((0, X.shape[1]), dtype=X.dtype)
        return np.ascontiguousarray(client.compute(X[rows], sync=True, optimize_graph=False))

    @staticmethod
    def _blocks(array: da.Array) -> list:
        return list(array.to_delayed(optimize_graph=False).ravel())

    @staticmethod
    def _offsets(X: da.Array) -> np.ndarray:
        return row_offsets(X.chunks[0])


def doc_example(sampler: str, call: str, counts: str) -> str:
    """The Examples section shared by the Dask samplers' docstrings.

    ``call`` (e.g. ``"SMOTE(random_state=0)"``) runs on a 500-row binary
    problem, chunked by 100 rows, on a one-worker in-process cluster;
    ``counts`` is the class counts it prints. Each docstring writes
    ``{example}`` where the section goes (indented by four spaces).

    Examples
    --------
    >>> print(doc_example("SMOTE", "SMOTE()", "[450, 450]").splitlines()[-1])
        [450, 450]
    """
    lines = [
        ">>> import dask",
        ">>> import dask.array as da",
        ">>> import numpy as np",
        ">>> from distributed import Client, LocalCluster",
        ">>> from sklearn.datasets import make_classification",
        f">>> from fastsmote.dask import {sampler}",
        ">>> X, y = make_classification(n_samples=500, weights=[0.9], random_state=0)",
        ">>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=None)",
        ">>> with cluster, Client(cluster):",
        f"...     X_res, y_res = {call}.fit_resample(",
        "...         da.from_array(X, chunks=100), da.from_array(y, chunks=100))",
        "...     X_res, y_res = dask.compute(X_res, y_res)",
        ">>> np.bincount(y_res).tolist()",
        counts,
    ]
    return "\n    ".join(lines)
