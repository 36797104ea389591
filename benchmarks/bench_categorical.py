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

from .common import PROFILE, TIMEOUT, _cache_paths, _generate_in_child, warm_up_fastsmote

LIBRARIES = ["fastsmote", "imblearn"]
SAMPLERS = ["SMOTENC", "SMOTEN", "RandomOverSampler"]

#: Rows of W6 in the ``fast`` profile.
FAST_ROWS = 20_000

#: W6 rows given to SMOTEN outside the ``fast`` profile (the first ones).
SMOTEN_ROWS = 200_000


def load_w6(sampler: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` for ``sampler`` in the current profile, W6 generated once on disk."""
    n_samples = FAST_ROWS if PROFILE == "fast" else None
    X_path, y_path = _cache_paths("W6", n_samples)
    if not (X_path.exists() and y_path.exists()):
        _generate_in_child("W6", n_samples, X_path, y_path)
    X, y = np.load(X_path), np.load(y_path)
    if sampler == "SMOTEN":
        from fastsmote.datasets import W6_CATEGORICAL_FEATURES

        rows = slice(None) if PROFILE == "fast" else slice(SMOTEN_ROWS)
        X = np.ascontiguousarray(X[rows, list(W6_CATEGORICAL_FEATURES)])
        y = y[rows]
    return X, y


def make_sampler(library: str, sampler: str):
    """``sampler`` of ``library`` with ``random_state=0`` (and W6's categorical columns)."""
    if library == "fastsmote":
        import fastsmote as module
    elif library == "imblearn":
        import imblearn.over_sampling as module
    else:
        raise ValueError(f"unknown library {library!r}")
    if sampler == "SMOTENC":
        from fastsmote.datasets import W6_CATEGORICAL_FEATURES

        return module.SMOTENC(categorical_features=list(W6_CATEGORICAL_FEATURES), random_state=0)
    return getattr(module, sampler)(random_state=0)


def _warm_slice(X, y, n_per_class=300):
    rows = np.sort(np.concatenate([np.flatnonzero(y == c)[:n_per_class] for c in np.unique(y)]))
    return X[rows], y[rows]


class CategoricalSuite:
    """``fit_resample`` of each categorical sampler under both libraries."""

    params = (LIBRARIES, SAMPLERS)
    param_names = ["library", "sampler"]
    timeout = TIMEOUT

    def setup(self, library, sampler):
        self.X, self.y = load_w6(sampler)
        if library == "fastsmote":
            warm_up_fastsmote()
            make_sampler(library, sampler).fit_resample(*_warm_slice(self.X, self.y))

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
        X_fast, y_fast = make_sampler("fastsmote", sampler).fit_resample(self.X, self.y)
        X_ref, y_ref = make_sampler("imblearn", sampler).fit_resample(self.X, self.y)
        same = (
            X_fast.dtype == X_ref.dtype
            and np.array_equal(X_fast, X_ref)
            and np.array_equal(y_fast, y_ref)
        )
        return int(same)

    track_identical.unit = "1 if identical"
