"""Boundary over-samplers: fastsmote against imbalanced-learn, same data and seed.

Borderline-SMOTE 1 and 2, ADASYN, SVM-SMOTE and KMeans-SMOTE on W1 (1 million
x 20, where the minority rows' neighbour search against all rows dominates)
and W4 (the credit-card-fraud shape), at the profile's size
(``FASTSMOTE_BENCH_PROFILE``). The ratio of the two libraries'
``time_fit_resample`` is the figure to report; ``BoundaryParity`` says whether
the outputs were identical. fastsmote's kernels are compiled in ``setup``;
``BoundaryColdStart`` times that compilation apart.

SVM-SMOTE on W1 at full size is skipped: scikit-learn's SVC alone (the same in
both libraries) would take hours on a million rows. KMeans-SMOTE runs with
``cluster_balance_threshold`` below the workload's minority share: its default
(``"auto"``, half of a cluster for a binary problem) finds no cluster on these
workloads, and both libraries raise.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

import numpy as np

from .common import (
    PROFILE,
    TIMEOUT,
    child_env,
    get_workload,
    in_profile,
    small_sample,
    warm_up_fastsmote,
)

LIBRARIES = ["fastsmote", "imblearn"]
SAMPLERS = ["BorderlineSMOTE-1", "BorderlineSMOTE-2", "ADASYN", "SVMSMOTE", "KMeansSMOTE"]
WORKLOADS = in_profile(["W1", "W4"])

#: Above this many rows, SVM-SMOTE is not benchmarked (SVC's fit is superlinear).
SVM_MAX_ROWS = 300_000

#: KMeans-SMOTE's threshold per workload: below the minority share (W1 5 %, W4 0.2 %).
KMEANS_THRESHOLDS = {"W1": 0.02, "W4": 0.001}


def make_sampler(name: str, library: str, workload: str | None = None):
    """Sampler ``name`` (a key of ``fastsmote.compare.SAMPLERS``) of ``library``,
    with ``random_state=0``, the workload's KMeans-SMOTE threshold, and default
    parameters otherwise."""
    import importlib

    from fastsmote.compare import SAMPLERS as TABLE

    attr, ref_path, kwargs = TABLE[name]
    kwargs = {**kwargs, "random_state": 0}
    if name == "KMeansSMOTE" and workload in KMEANS_THRESHOLDS:
        kwargs["cluster_balance_threshold"] = KMEANS_THRESHOLDS[workload]
    if library == "fastsmote":
        import fastsmote

        return getattr(fastsmote, attr)(**kwargs)
    if library == "imblearn":
        module, _, cls_name = ref_path.rpartition(".")
        return getattr(importlib.import_module(module), cls_name)(**kwargs)
    raise ValueError(f"unknown library {library!r}")


def _load(sampler: str, workload: str):
    X, y = get_workload(workload)
    if sampler == "SVMSMOTE" and X.shape[0] > SVM_MAX_ROWS:
        raise NotImplementedError("SVC on this many rows takes hours in both libraries")
    return X, y


class BoundarySuite:
    """``fit_resample`` of each boundary sampler, both libraries."""

    params = (LIBRARIES, SAMPLERS, WORKLOADS)
    param_names = ["library", "sampler", "workload"]
    timeout = TIMEOUT

    def setup(self, library, sampler, workload):
        self.X, self.y = _load(sampler, workload)
        self.sampler = make_sampler(sampler, library, workload)
        if library == "fastsmote":
            warm_up_fastsmote()
            try:
                make_sampler(sampler, library, workload).fit_resample(
                    *small_sample(self.X, self.y, 1_000)
                )
            except (ValueError, RuntimeError):
                pass  # a refusal on the slice: the kernels are compiled all the same

    def time_fit_resample(self, library, sampler, workload):
        self.sampler.fit_resample(self.X, self.y)

    def peakmem_fit_resample(self, library, sampler, workload):
        # The whole process's peak, the workload's arrays included (same for both).
        self.sampler.fit_resample(self.X, self.y)


class BoundaryParity:
    """Whether fastsmote's output equals imbalanced-learn's (contract B: default backend)."""

    params = (SAMPLERS, WORKLOADS)
    param_names = ["sampler", "workload"]
    timeout = TIMEOUT

    def setup(self, sampler, workload):
        self.X, self.y = _load(sampler, workload)

    def track_identical(self, sampler, workload):
        X_fast, y_fast = make_sampler(sampler, "fastsmote", workload).fit_resample(self.X, self.y)
        X_ref, y_ref = make_sampler(sampler, "imblearn", workload).fit_resample(self.X, self.y)
        same = (
            X_fast.dtype == X_ref.dtype
            and y_fast.dtype == y_ref.dtype
            and np.array_equal(X_fast, X_ref)
            and np.array_equal(y_fast, y_ref)
        )
        return int(same)

    track_identical.unit = "1 if identical"


_FIRST_CALL = """
import numpy as np
from sklearn.datasets import make_classification
import fastsmote
from fastsmote.compare import SAMPLERS
attr, _, kwargs = SAMPLERS[{sampler!r}]
X, y = make_classification(n_samples=400, n_features=6, weights=[0.8], random_state=0)
for dtype in (np.float64, np.float32):
    getattr(fastsmote, attr)(random_state=0, **kwargs).fit_resample(X.astype(dtype), y)
"""


# The fast profile times compilation once, in bench_neighbors.ColdStart.
if PROFILE != "fast":

    class BoundaryColdStart:
        """First call of each sampler (float64 and float32) in a fresh interpreter
        with an empty Numba cache: what compiling its kernels costs."""

        params = (SAMPLERS,)
        param_names = ["sampler"]
        timeout = TIMEOUT
        number = 1
        repeat = (1, 3, 60.0)
        warmup_time = 0

        def time_first_call(self, sampler):
            code = _FIRST_CALL.format(sampler=sampler)
            with tempfile.TemporaryDirectory(prefix="fastsmote-numba-cache-") as cache_dir:
                subprocess.run(
                    [sys.executable, "-c", code],
                    env=child_env(NUMBA_CACHE_DIR=cache_dir),
                    check=True,
                )
