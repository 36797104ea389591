"""SMOTENC, SMOTEN and RandomOverSampler: fastsmote against imbalanced-learn on W6.

W6 is 1,000,000 x 15 with categorical columns 10 to 14
(``fastsmote.datasets.W6_CATEGORICAL_FEATURES``). SMOTENC and
RandomOverSampler resample all of it, SMOTEN its five categorical columns;
SMOTEN's imbalanced-learn builds the class's n x n distance matrix, so it gets
W6's first :data:`SMOTEN_ROWS` rows. The ``fast`` profile uses
:data:`FAST_ROWS` rows of everything (generated at that size). The ratio of
the two libraries' ``time_fit_resample`` (and ``peakmem_fit_resample``)
results is the figure to report; ``CategoricalParity.track_identical`` says
whether the outputs were identical. fastsmote's kernels are compiled in
``setup`` (run time only).
"""

from __future__ import annotations

import numpy as np

from . import samplers
from .common import PROFILE, TIMEOUT, load_workload, small_sample

LIBRARIES = ["fastsmote", "imblearn"]
SAMPLERS = ["SMOTENC", "SMOTEN", "RandomOverSampler"]

#: Rows of W6 in the ``fast`` profile.
FAST_ROWS = 20_000

#: W6 rows given to SMOTEN outside the ``fast`` profile (the first ones).
SMOTEN_ROWS = 200_000


def load_w6(sampler: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` for ``sampler`` in the current profile, W6 generated once on disk."""
    X, y = load_workload("W6", FAST_ROWS if PROFILE == "fast" else None)
    if sampler == "SMOTEN":
        from fastsmote.datasets import W6_CATEGORICAL_FEATURES

        rows = slice(None) if PROFILE == "fast" else slice(SMOTEN_ROWS)
        X = np.ascontiguousarray(X[rows, list(W6_CATEGORICAL_FEATURES)])
        y = y[rows]
    return X, y


def make_sampler(library: str, sampler: str):
    """``sampler`` of ``library`` with ``random_state=0`` (and W6's categorical columns)."""
    params = {}
    if sampler == "SMOTENC":
        from fastsmote.datasets import W6_CATEGORICAL_FEATURES

        params["categorical_features"] = list(W6_CATEGORICAL_FEATURES)
    return samplers.make_sampler(sampler, library, **params)


class CategoricalSuite:
    """``fit_resample`` of each categorical sampler under both libraries."""

    params = (LIBRARIES, SAMPLERS)
    param_names = ["library", "sampler"]
    timeout = TIMEOUT

    def setup(self, library, sampler):
        self.X, self.y = load_w6(sampler)
        if library == "fastsmote":
            samplers.warm_up_fastsmote()
            make_sampler(library, sampler).fit_resample(*small_sample(self.X, self.y))

    def time_fit_resample(self, library, sampler):
        make_sampler(library, sampler).fit_resample(self.X, self.y)

    def peakmem_fit_resample(self, library, sampler):
        # The whole process's peak, the loaded data included (the same for both).
        make_sampler(library, sampler).fit_resample(self.X, self.y)


class CategoricalParity:
    """Whether fastsmote's output equals imbalanced-learn's (default parameters)."""

    params = (SAMPLERS,)
    param_names = ["sampler"]
    timeout = TIMEOUT

    def setup(self, sampler):
        self.X, self.y = load_w6(sampler)

    def track_identical(self, sampler):
        new = make_sampler("fastsmote", sampler).fit_resample(self.X, self.y)
        ref = make_sampler("imblearn", sampler).fit_resample(self.X, self.y)
        return int(samplers.identical(new, ref))

    track_identical.unit = "1 if identical"
