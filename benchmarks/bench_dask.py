"""fastsmote.dask: SMOTETomek on an in-process LocalCluster beside the single machine.

The data are W1's model made chunk by chunk as a Dask array
(``fastsmote.dask.datasets.make_workload_dask``): 20,000 rows in the
``fast`` profile (exact and approximate search), 200,000 rows in ``regular``
and ``large`` (approximate only: the exact join is quadratic). The cluster
runs in this process (2 workers of one thread, ``processes=False``), so
``peakmem_`` is the peak of client, scheduler and workers together.
``tools/measure_dask.py`` measures the client and each worker process
separately, at scale.

``time_fit_resample`` computes the whole output (``dask.compute``);
``track_identical`` says whether the exact search's output equals
``fastsmote.SMOTETomek``'s on the same rows.
"""

from __future__ import annotations

import numpy as np

from .common import PROFILE, TIMEOUT
from .samplers import warm_up_fastsmote

SEARCHES = ["exact", "approximate"] if PROFILE == "fast" else ["approximate"]
N_SAMPLES = {"fast": 20_000, "regular": 200_000, "large": 200_000}[PROFILE]
CHUNK_ROWS = N_SAMPLES // 4


class _Cluster:
    """A 2-worker in-process cluster and W1's model as a Dask array."""

    timeout = TIMEOUT

    def setup(self, *args):
        from distributed import Client, LocalCluster

        from fastsmote.dask.datasets import make_workload_dask

        warm_up_fastsmote()
        self.cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        )
        self.client = Client(self.cluster)
        self.X, self.y = make_workload_dask("W1", N_SAMPLES, CHUNK_ROWS)
        self.X, self.y = self.client.persist([self.X, self.y])

    def teardown(self, *args):
        self.client.close()
        self.cluster.close()

    def _run(self, search):
        import dask

        import fastsmote.dask as fdask

        sampler = fdask.SMOTETomek(random_state=0, search=search, chunk_size=CHUNK_ROWS)
        return dask.compute(*sampler.fit_resample(self.X, self.y))


class DaskSMOTETomek(_Cluster):
    """``fit_resample`` plus computing the output, per neighbour search."""

    params = (SEARCHES,)
    param_names = ["search"]

    def time_fit_resample(self, search):
        self._run(search)

    def peakmem_fit_resample(self, search):
        self._run(search)


class DaskParity(_Cluster):
    """Whether the exact Dask output equals the single machine's."""

    def track_identical(self):
        import fastsmote

        X_dask, y_dask = self._run("exact")
        X, y = self.client.compute([self.X, self.y], sync=True)
        X_one, y_one = fastsmote.SMOTETomek(random_state=0).fit_resample(X, y)
        return int(np.array_equal(X_dask, X_one) and np.array_equal(y_dask, y_one))

    track_identical.unit = "1 if identical"


if PROFILE != "fast":
    # The exact parity check is quadratic: only in the fast profile.
    del DaskParity
