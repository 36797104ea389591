"""SMOTE: fastsmote against imbalanced-learn on the same data, same ``random_state``.

The ratio of the two ``time_fit_resample`` results is the figure to report;
``SMOTEParity.track_identical`` says whether the outputs were identical.
fastsmote's kernels are compiled in ``setup`` (run time only, no compile time;
see ``bench_neighbors.ColdStart`` for that).
"""

from __future__ import annotations

from . import samplers
from .common import SAMPLER_WORKLOADS, TIMEOUT, get_workload, small_sample

#: imbalanced-learn, and fastsmote with each exact backend (``fastsmote`` = "auto").
LIBRARIES = ["fastsmote", "fastsmote-brute", "fastsmote-kdtree", "imblearn"]


def make_smote(library: str):
    """``SMOTE(random_state=0)`` of ``library``, with default parameters otherwise;
    ``fastsmote-<backend>`` sets ``nn_backend``."""
    if library.startswith("fastsmote"):
        _, _, backend = library.partition("-")
        return samplers.make_sampler("SMOTE", "fastsmote", nn_backend=backend or "auto")
    return samplers.make_sampler("SMOTE", library)


class SMOTESuite:
    """``fit_resample`` on the workloads of the profile (``FASTSMOTE_BENCH_PROFILE``)."""

    params = (LIBRARIES, SAMPLER_WORKLOADS)
    param_names = ["library", "workload"]
    timeout = TIMEOUT

    def setup(self, library, workload):
        self.X, self.y = get_workload(workload)
        self.sampler = make_smote(library)
        if library.startswith("fastsmote"):
            samplers.warm_up_fastsmote()
            make_smote(library).fit_resample(*small_sample(self.X, self.y))

    def time_fit_resample(self, library, workload):
        self.sampler.fit_resample(self.X, self.y)

    def peakmem_fit_resample(self, library, workload):
        # asv reports the peak resident memory of the whole process, the
        # workload's arrays included (the same for both libraries).
        self.sampler.fit_resample(self.X, self.y)


class SMOTEParity:
    """Whether fastsmote's output equals imbalanced-learn's (contract B), per backend."""

    params = ([lib for lib in LIBRARIES if lib != "imblearn"], SAMPLER_WORKLOADS)
    param_names = ["library", "workload"]
    timeout = TIMEOUT

    def setup(self, library, workload):
        self.X, self.y = get_workload(workload)

    def track_identical(self, library, workload):
        new = make_smote(library).fit_resample(self.X, self.y)
        ref = make_smote("imblearn").fit_resample(self.X, self.y)
        return int(samplers.identical(new, ref))

    track_identical.unit = "1 if identical"
