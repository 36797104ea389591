"""Cleaning samplers and SMOTE hybrids: fastsmote against imbalanced-learn.

Tomek links and edited nearest neighbours need the neighbours of (nearly)
every sample, not only of a minority class: the workloads are W3 (100,000 x 20,
the cleaning workload), W4 (284,807 x 30, 0.17 % minority) and W5
(100,000 x 200). The ``fast`` profile uses 20,000 rows of each; ``regular``
and ``large`` the full sizes (imbalanced-learn then needs minutes per fit).

The ratio of the two libraries' ``time_fit_resample`` is the figure to report;
``CleaningParity.track_identical`` says whether ``X``, ``y`` and
``sample_indices_`` were identical. fastsmote's kernels are compiled in
``setup`` (run time only; ``bench_neighbors.ColdStart`` times compilation).
"""

from __future__ import annotations

import numpy as np

from fastsmote._registry import PROTOTYPE
from fastsmote._registry import SAMPLERS as REGISTRY

from . import samplers
from .common import PROFILE, TIMEOUT, in_profile, load_workload, small_sample

LIBRARIES = ["fastsmote", "imblearn"]
#: The registry's cleaning under-samplers and combinations, in its order (the
#: prototype-selection under-samplers are ``bench_prototype``'s).
SAMPLERS = [
    name
    for name, spec in REGISTRY.items()
    if spec.kind in ("under", "combine") and name not in PROTOTYPE
]
WORKLOADS = in_profile(["W3", "W4", "W5"])

#: Rows per workload and profile (``None``: the full size, :mod:`fastsmote.datasets.workloads`).
CLEANING_ROWS = {
    "fast": {"W3": 20_000, "W4": 20_000, "W5": 20_000},
    "regular": {"W3": None, "W4": None, "W5": None},
    "large": {"W3": None, "W4": None, "W5": None},
}


def get_cleaning_workload(name: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` of workload ``name`` at this profile's cleaning size, cached on disk."""
    return load_workload(name, CLEANING_ROWS[PROFILE][name])


def make_sampler(library: str, name: str):
    """``name`` of ``library`` with default parameters (hybrids: ``random_state=0``)."""
    return samplers.make_sampler(name, library)


class CleaningSuite:
    """``fit_resample`` of each cleaning sampler and hybrid, both libraries."""

    params = (LIBRARIES, SAMPLERS, WORKLOADS)
    param_names = ["library", "sampler", "workload"]
    timeout = TIMEOUT

    def setup(self, library, sampler, workload):
        self.X, self.y = get_cleaning_workload(workload)
        self.sampler = make_sampler(library, sampler)
        if library == "fastsmote":
            samplers.warm_up_fastsmote()
            make_sampler(library, sampler).fit_resample(*small_sample(self.X, self.y))

    def time_fit_resample(self, library, sampler, workload):
        self.sampler.fit_resample(self.X, self.y)

    def peakmem_fit_resample(self, library, sampler, workload):
        # The whole process's peak, the workload's arrays included (the same
        # for both libraries).
        self.sampler.fit_resample(self.X, self.y)


class CleaningParity:
    """Whether fastsmote's output equals imbalanced-learn's (default parameters)."""

    params = (SAMPLERS, WORKLOADS)
    param_names = ["sampler", "workload"]
    timeout = TIMEOUT

    def setup(self, sampler, workload):
        self.X, self.y = get_cleaning_workload(workload)

    def track_identical(self, sampler, workload):
        ours, theirs = make_sampler("fastsmote", sampler), make_sampler("imblearn", sampler)
        new = ours.fit_resample(self.X, self.y)
        ref = theirs.fit_resample(self.X, self.y)
        same = samplers.identical(new, ref)
        if hasattr(ours, "sample_indices_"):
            # fastsmote's indices always select its output; imbalanced-learn's
            # RENN indices may not select its own (see fastsmote's docstring).
            same = same and np.array_equal(self.X[ours.sample_indices_], new[0])
            if np.array_equal(self.X[theirs.sample_indices_], ref[0]):
                same = same and np.array_equal(ours.sample_indices_, theirs.sample_indices_)
        return int(same)

    track_identical.unit = "1 if identical"
