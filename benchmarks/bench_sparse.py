"""Sparse input: SMOTE and TomekLinks on a TF-IDF-like CSR matrix, fastsmote
against imbalanced-learn.

The data: :func:`fastsmote.datasets.make_sparse_tfidf` with 5,000 features at
0.5 % density; :data:`SPARSE_ROWS` rows per profile (200,000 outside ``fast``,
the size ``tools/measure_sparse.py`` measures). imbalanced-learn's TomekLinks
searches neighbours through scikit-learn's sparse pairwise distances, which
take far too long at 200,000 rows: above :data:`IMBLEARN_TOMEK_MAX_ROWS` rows it
is skipped (fastsmote still runs). The ratio of the two libraries'
``time_fit_resample`` (and ``peakmem_fit_resample``) results is the figure to
report; ``SparseParity.track_identical`` says whether the outputs were
identical (format, dtype, values, labels). fastsmote's kernels are loaded in
``setup``, so only run time is measured.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from . import samplers
from .child import run_child
from .common import PROFILE, TIMEOUT, cache_dir, save_array, small_sample

LIBRARIES = ["fastsmote", "imblearn"]
SAMPLERS = ["SMOTE", "TomekLinks"]

#: Rows of the matrix per profile (5,000 features, 0.5 % density).
SPARSE_ROWS = {"fast": 20_000, "regular": 200_000, "large": 200_000}
N_FEATURES = 5_000
DENSITY = 0.005

#: Largest input on which imbalanced-learn's TomekLinks is run.
IMBLEARN_TOMEK_MAX_ROWS = 50_000


def load_sparse():
    """``(X, y)`` of the profile's size, generated once (in a child process) on disk."""
    from scipy import sparse

    n = SPARSE_ROWS[PROFILE]
    key = repr(("tfidf", n, N_FEATURES, DENSITY, np.__version__))
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    root = cache_dir()
    X_path = root / f"tfidf-{n}-{digest}-X.npz"
    y_path = root / f"tfidf-{n}-{digest}-y.npy"
    if not (X_path.exists() and y_path.exists()):
        root.mkdir(parents=True, exist_ok=True)
        run_child(save_sparse, n_samples=n, X_path=str(X_path), y_path=str(y_path))
    return sparse.load_npz(X_path).tocsr(), np.load(y_path)


def save_sparse(n_samples: int, X_path: str, y_path: str) -> None:
    """Generate the TF-IDF-like matrix and its labels; write them to the two paths."""
    from fastsmote.datasets import make_sparse_tfidf

    X, y = make_sparse_tfidf(n_samples, N_FEATURES, DENSITY)
    save_array(Path(X_path), X)
    save_array(Path(y_path), y)


def make_sampler(library: str, sampler: str):
    """``SMOTE(random_state=0)`` or ``TomekLinks()`` of ``library``."""
    return samplers.make_sampler(sampler, library)


def _skip_if_too_slow(library, sampler, n_rows):
    if library == "imblearn" and sampler == "TomekLinks" and n_rows > IMBLEARN_TOMEK_MAX_ROWS:
        raise NotImplementedError("imbalanced-learn's sparse TomekLinks takes far too long here")


def warm_sample(X, y):
    """300 rows of the majority and 60 of the minority: an imbalanced slice, so that
    the warm-up resamples (and loads every kernel)."""
    return small_sample(X, y, 300, n_minority=60)


class SparseSuite:
    """``fit_resample`` of SMOTE and TomekLinks on sparse input, both libraries."""

    params = (LIBRARIES, SAMPLERS)
    param_names = ["library", "sampler"]
    timeout = TIMEOUT

    def setup(self, library, sampler):
        self.X, self.y = load_sparse()
        _skip_if_too_slow(library, sampler, self.X.shape[0])
        if library == "fastsmote":
            samplers.warm_up_fastsmote()
            make_sampler(library, sampler).fit_resample(*warm_sample(self.X, self.y))

    def time_fit_resample(self, library, sampler):
        make_sampler(library, sampler).fit_resample(self.X, self.y)

    def peakmem_fit_resample(self, library, sampler):
        # The whole process's peak, the loaded data included (the same for both).
        make_sampler(library, sampler).fit_resample(self.X, self.y)


class SparseParity:
    """Whether fastsmote's sparse output equals imbalanced-learn's."""

    params = (SAMPLERS,)
    param_names = ["sampler"]
    timeout = TIMEOUT

    def setup(self, sampler):
        self.X, self.y = load_sparse()
        _skip_if_too_slow("imblearn", sampler, self.X.shape[0])

    def track_identical(self, sampler):
        new = make_sampler("fastsmote", sampler).fit_resample(self.X, self.y)
        ref = make_sampler("imblearn", sampler).fit_resample(self.X, self.y)
        return int(samplers.identical(new, ref))

    track_identical.unit = "1 if identical"
