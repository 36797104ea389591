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
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from .common import PROFILE, REPO_ROOT, TIMEOUT, child_env, warm_up_fastsmote

LIBRARIES = ["fastsmote", "imblearn"]
SAMPLERS = ["SMOTE", "TomekLinks"]

#: Rows of the matrix per profile (5,000 features, 0.5 % density).
SPARSE_ROWS = {"fast": 20_000, "regular": 200_000, "large": 200_000}
N_FEATURES = 5_000
DENSITY = 0.005

#: Largest input on which imbalanced-learn's TomekLinks is run.
IMBLEARN_TOMEK_MAX_ROWS = 50_000

_GENERATE = """
import os, sys
import numpy as np
from scipy import sparse
from fastsmote.datasets import make_sparse_tfidf
n, d, density, X_path, y_path = sys.argv[1:]
X, y = make_sparse_tfidf(int(n), int(d), float(density))
tmp = f"{X_path}.{os.getpid()}.tmp.npz"
sparse.save_npz(tmp, X, compressed=False)
os.replace(tmp, X_path)
tmp = f"{y_path}.{os.getpid()}.tmp.npy"
np.save(tmp, y)
os.replace(tmp, y_path)
"""


def load_sparse():
    """``(X, y)`` of the profile's size, generated once (in a child process) on disk."""
    from scipy import sparse

    n = SPARSE_ROWS[PROFILE]
    key = repr(("tfidf", n, N_FEATURES, DENSITY, np.__version__))
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    root = Path(os.environ.get("FASTSMOTE_BENCH_CACHE") or REPO_ROOT / ".asv" / "workloads")
    X_path = root / f"tfidf-{n}-{digest}-X.npz"
    y_path = root / f"tfidf-{n}-{digest}-y.npy"
    if not (X_path.exists() and y_path.exists()):
        root.mkdir(parents=True, exist_ok=True)
        args = [str(n), str(N_FEATURES), str(DENSITY), str(X_path), str(y_path)]
        subprocess.run([sys.executable, "-c", _GENERATE, *args], env=child_env(), check=True)
    return sparse.load_npz(X_path).tocsr(), np.load(y_path)


def make_sampler(library: str, sampler: str):
    """``SMOTE(random_state=0)`` or ``TomekLinks()`` of ``library``."""
    if library == "fastsmote":
        import fastsmote as module
    elif sampler == "SMOTE":
        import imblearn.over_sampling as module
    else:
        import imblearn.under_sampling as module
    return module.SMOTE(random_state=0) if sampler == "SMOTE" else module.TomekLinks()


def _skip_if_too_slow(library, sampler, n_rows):
    if library == "imblearn" and sampler == "TomekLinks" and n_rows > IMBLEARN_TOMEK_MAX_ROWS:
        raise NotImplementedError("imbalanced-learn's sparse TomekLinks takes far too long here")


def _warm_slice(X, y):
    rows = np.sort(np.concatenate([np.flatnonzero(y == 0)[:300], np.flatnonzero(y == 1)[:60]]))
    return X[rows], y[rows]


class SparseSuite:
    """``fit_resample`` of SMOTE and TomekLinks on sparse input, both libraries."""

    params = (LIBRARIES, SAMPLERS)
    param_names = ["library", "sampler"]
    timeout = TIMEOUT

    def setup(self, library, sampler):
        self.X, self.y = load_sparse()
        _skip_if_too_slow(library, sampler, self.X.shape[0])
        if library == "fastsmote":
            warm_up_fastsmote()
            make_sampler(library, sampler).fit_resample(*_warm_slice(self.X, self.y))

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
        X_fast, y_fast = make_sampler("fastsmote", sampler).fit_resample(self.X, self.y)
        X_ref, y_ref = make_sampler("imblearn", sampler).fit_resample(self.X, self.y)
        same = (
            X_fast.format == X_ref.format
            and X_fast.dtype == X_ref.dtype
            and X_fast.shape == X_ref.shape
            and (X_fast != X_ref).nnz == 0
            and np.array_equal(y_fast, y_ref)
        )
        return int(same)

    track_identical.unit = "1 if identical"
