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

import tempfile

from . import cold_start, samplers
from .common import PROFILE, TIMEOUT, FreshProcessBenchmark, get_workload, in_profile, small_sample

LIBRARIES = ["fastsmote", "imblearn"]
SAMPLERS = ["BorderlineSMOTE-1", "BorderlineSMOTE-2", "ADASYN", "SVMSMOTE", "KMeansSMOTE"]
WORKLOADS = in_profile(["W1", "W4"])

#: Above this many rows, SVM-SMOTE is not benchmarked (SVC's fit is superlinear).
SVM_MAX_ROWS = 300_000

#: KMeans-SMOTE's threshold per workload: below the minority share (W1 5 %, W4 0.2 %).
KMEANS_THRESHOLDS = {"W1": 0.02, "W4": 0.001}


def make_sampler(name: str, library: str, workload: str | None = None):
    """Sampler ``name`` (a key of ``fastsmote._registry.SAMPLERS``) of ``library``,
    with ``random_state=0``, the workload's KMeans-SMOTE threshold, and default
    parameters otherwise."""
    params = {}
    if name == "KMeansSMOTE" and workload in KMEANS_THRESHOLDS:
        params["cluster_balance_threshold"] = KMEANS_THRESHOLDS[workload]
    return samplers.make_sampler(name, library, **params)


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
            samplers.warm_up_fastsmote()
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
        new = make_sampler(sampler, "fastsmote", workload).fit_resample(self.X, self.y)
        ref = make_sampler(sampler, "imblearn", workload).fit_resample(self.X, self.y)
        return int(samplers.identical(new, ref))

    track_identical.unit = "1 if identical"


# The fast profile times compilation once, in bench_neighbors.ColdStart.
if PROFILE != "fast":

    class BoundaryColdStart(FreshProcessBenchmark):
        """First call of each sampler (float64 and float32) in a fresh interpreter
        with an empty Numba cache: what compiling its kernels costs."""

        params = (SAMPLERS,)
        param_names = ["sampler"]

        def time_first_call(self, sampler):
            with tempfile.TemporaryDirectory(prefix="fastsmote-numba-cache-") as cache_dir:
                cold_start.run_step(cold_start.sampler_first_call, cache_dir, sampler=sampler)
