"""imbalanced-learn's other under-samplers: fastsmote against imbalanced-learn on W3.

NearMiss (versions 1 to 3), CondensedNearestNeighbour, OneSidedSelection,
NeighbourhoodCleaningRule, InstanceHardnessThreshold, ClusterCentroids and
RandomUnderSampler (``fastsmote._registry.PROTOTYPE``) on W3, the cleaning
workload (100,000 x 20). imbalanced-learn's CondensedNearestNeighbour refits a
1-NN classifier for every row it adds, one row at a time, so it gets
:data:`CNN_ROWS` rows of W3 outside the ``fast`` profile (its full-size time is
hours; fastsmote's full-size time is measured by ``fastsmote compare
--samplers CondensedNearestNeighbour --workload W3``). The ``fast`` profile
uses 20,000 rows of W3, and 5,000 for the three whose imbalanced-learn run
takes minutes at 20,000 (:data:`SLOW_REFERENCE`: CNN's row-by-row refits,
ClusterCentroids' KMeans with one cluster per minority row, the instance
hardness forest's cross-validation), so that ``make bench`` stays a quick run.

The ratio of the two libraries' ``time_fit_resample`` is the figure to report;
``PrototypeParity.track_identical`` says whether ``X``, ``y`` and
``sample_indices_`` were identical. fastsmote's kernels are compiled in
``setup`` (run time only).
"""

from __future__ import annotations

import numpy as np

from fastsmote._registry import PROTOTYPE

from . import samplers
from .common import PROFILE, TIMEOUT, load_workload, small_sample

LIBRARIES = ["fastsmote", "imblearn"]
SAMPLERS = list(PROTOTYPE)

#: Rows of W3 in the ``fast`` profile (``None``: all 100,000).
ROWS = {"fast": 20_000, "regular": None, "large": None}

#: Rows of W3 for CondensedNearestNeighbour outside the ``fast`` profile.
CNN_ROWS = 20_000

#: The samplers whose imbalanced-learn run takes minutes on 20,000 rows.
SLOW_REFERENCE = ("CondensedNearestNeighbour", "ClusterCentroids", "InstanceHardnessThreshold")

#: Their rows of W3 in the ``fast`` profile.
SLOW_FAST_ROWS = 5_000


def load_w3(sampler: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` of W3 at this profile's size for ``sampler``, cached on disk."""
    rows = ROWS[PROFILE]
    if PROFILE == "fast" and sampler in SLOW_REFERENCE:
        rows = SLOW_FAST_ROWS
    elif sampler == "CondensedNearestNeighbour" and rows is None:
        rows = CNN_ROWS
    return load_workload("W3", rows)


class PrototypeSuite:
    """``fit_resample`` of each of these under-samplers, both libraries."""

    params = (LIBRARIES, SAMPLERS)
    param_names = ["library", "sampler"]
    timeout = TIMEOUT

    def setup(self, library, sampler):
        self.X, self.y = load_w3(sampler)
        if library == "fastsmote":
            samplers.warm_up_fastsmote()
            samplers.make_sampler(sampler, library).fit_resample(*small_sample(self.X, self.y))

    def time_fit_resample(self, library, sampler):
        samplers.make_sampler(sampler, library).fit_resample(self.X, self.y)

    def peakmem_fit_resample(self, library, sampler):
        # The whole process's peak, the loaded data included (the same for both).
        samplers.make_sampler(sampler, library).fit_resample(self.X, self.y)


class PrototypeParity:
    """Whether fastsmote's output equals imbalanced-learn's (default parameters)."""

    params = (SAMPLERS,)
    param_names = ["sampler"]
    timeout = TIMEOUT

    def setup(self, sampler):
        self.X, self.y = load_w3(sampler)

    def track_identical(self, sampler):
        ours = samplers.make_sampler(sampler, "fastsmote")
        theirs = samplers.make_sampler(sampler, "imblearn")
        new = ours.fit_resample(self.X, self.y)
        ref = theirs.fit_resample(self.X, self.y)
        return int(samplers.identical(new, ref, ours, theirs))

    track_identical.unit = "1 if identical"
