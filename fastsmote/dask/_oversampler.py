"""What the Dask over-samplers share: neighbours objects, targets, the new rows' chunks.

Eager, on the client: class counts, the rows of each class being over-sampled
(gathered in global order), their neighbour index (the single-machine
backend) and the plan of the random stream (generator states per output
chunk, :mod:`._plan`). Lazy: the synthetic rows, one task per output chunk of
``chunk_size`` rows, each drawing its slice of the stream and calling the
single-machine interpolation. Output rows follow the single-machine order:
``X`` first, then each class's new rows.
"""

from __future__ import annotations

import numbers

import dask.array as da
import numpy as np

from .._threads import numba_threads
from ..neighbors import is_exact, make_backend
from ..neighbors.report import NeighborSearch, backend_name, describe_search
from ..over_sampling._neighbors import neighbors_object
from ..over_sampling.base import generate_samples
from ._base import DaskSampler
from ._graph import task
from ._plan import interpolation_plan, replay_interpolation

_COMMON_DOC = """client : distributed.Client, default=None
        The client to run on; ``None`` uses the default client.
    chunk_size : int, default=None
        Rows per chunk of the new samples (``None``: the largest chunk of
        ``X``). The output does not depend on it."""


def _smote_slice(X_base, nn_data, nn_ind, flat_state, step_state, n, n_jobs):
    """One output chunk of SMOTE's rows (a task): its slice of the stream, interpolated."""
    rows, cols, steps = replay_interpolation(
        flat_state, step_state, nn_ind.shape[0], nn_ind.shape[1], n
    )
    with numba_threads(n_jobs):
        return generate_samples(X_base, nn_data, nn_ind, rows, cols, steps)


class _DaskOverSampler(DaskSampler):
    """Shared steps of the Dask over-samplers (not for direct use)."""

    _sampling_type = "over-sampling"
    #: Whether the sampler searches neighbours among all rows, chunk by chunk.
    _broadcast_search = True

    def _finish(self, inputs, new_X, new_y):
        self._report_search()
        X_res = da.concatenate([inputs.X, *new_X], axis=0) if new_X else inputs.X
        y_res = da.concatenate([inputs.y, *new_y]) if new_y else inputs.y
        return X_res, y_res

    def _report_search(self):
        """``nn_search_``: the client-side searches, plus the broadcast one (if any)."""
        local = describe_search(self.local_)
        backends, exact = local.backends, local.exact
        if self._broadcast_search:
            broadcast = make_backend(self.nn_backend, 2, self.n_jobs)
            backends += (f"dask-broadcast:{backend_name(broadcast)}",)
            exact = exact and is_exact(broadcast)
        self.nn_search_ = NeighborSearch(backends=backends, exact=exact)

    def _neighbors_object(self, name: str):
        """The single-machine sampler's neighbours object for parameter ``name``."""
        return neighbors_object(
            name,
            getattr(self, name),
            1,
            nn_backend=self.nn_backend,
            n_jobs=self.n_jobs,
            random_state=getattr(self, "random_state", None),
        )

    def _targets(self, client, local, code_blocks, chunks):
        """``(label, n_samples, class code, global rows)`` of each class to over-sample."""
        targets = [(c, n) for c, n in local.sampling_strategy_.items() if n > 0]
        codes = [int(np.searchsorted(self.classes_, c)) for c, _ in targets]
        class_rows = self._class_rows(client, code_blocks, chunks, codes)
        return [
            (label, n, code, rows)
            for (label, n), code, rows in zip(targets, codes, class_rows, strict=True)
        ]

    def _new_rows(self, slice_task, args_per_chunk, sizes, n_features, dtype):
        make = task(slice_task)
        return [
            da.from_delayed(make(*args), shape=(n, n_features), dtype=dtype)
            for args, n in zip(args_per_chunk, sizes, strict=True)
        ]

    def _smote_rows(self, client, X_base, nn_data, nn_ind, sizes, X):
        """SMOTE's new rows from ``X_base`` towards ``nn_data[nn_ind]``, one task per
        chunk of ``sizes``, drawing the sampler's stream as the single machine does."""
        nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
        flat_states, step_states, _ = interpolation_plan(
            self.local_.random_state, nn_ind.shape[0], nn_ind.shape[1], sizes
        )
        if nn_data is X_base:
            X_f, nn_f = client.scatter([X_base, nn_ind], broadcast=True, hash=False)
            data_f = X_f
        else:
            X_f, data_f, nn_f = client.scatter(
                [X_base, nn_data, nn_ind], broadcast=True, hash=False
            )
        args = [
            (X_f, data_f, nn_f, fs, ss, n, self.n_jobs)
            for fs, ss, n in zip(flat_states, step_states, sizes, strict=True)
        ]
        return self._new_rows(_smote_slice, args, sizes, X.shape[1], X.dtype)

    def _new_labels(self, label, n, dtype, chunk_size):
        return da.full(n, label, dtype=dtype, chunks=chunk_size)

    def _require_int(self, name):
        value = getattr(self, name)
        if not isinstance(value, numbers.Integral):
            raise TypeError(
                f"{type(self).__name__}({name}=...) needs an int on Dask: the neighbours among "
                f"all rows are searched chunk by chunk with fastsmote's backends (nn_backend), "
                f"so a neighbours object cannot be used for {name}; got {type(value).__name__}."
            )
        return int(value)
