"""Neighbour search: fastsmote's exact backends against scikit-learn's, and compile time.

``AllPointsKNN`` times what every SMOTE-family sampler does: fit on ``X`` and
find the 5 nearest neighbours of every training point, itself excluded
(``kneighbors()`` with no argument). Both libraries use all cores: fastsmote
with ``n_jobs=None`` (all of Numba's threads), scikit-learn with ``n_jobs=-1``.

``ColdStart`` times compilation, which users pay once per Numba cache: a fresh
interpreter with an empty cache (``NUMBA_CACHE_DIR`` set to a new temporary
directory) runs ``fastsmote.warmup()``. ``CachedStart`` times the same with a
filled cache, what every later process pays.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile

from .common import (
    BRUTE_FORCE_MAX_ROWS,
    NEIGHBOR_WORKLOADS,
    TIMEOUT,
    child_env,
    get_workload,
    warm_up_fastsmote,
)

N_NEIGHBORS = 5
IMPLEMENTATIONS = ["fastsmote-brute", "fastsmote-kdtree", "sklearn-brute", "sklearn-kd_tree"]


def make_neighbors(implementation: str):
    """An unfitted neighbours estimator for ``N_NEIGHBORS`` neighbours."""
    library, algorithm = implementation.split("-")
    if library == "fastsmote":
        import fastsmote.neighbors

        class_name = {"brute": "BruteForceNeighbors", "kdtree": "KDTreeNeighbors"}[algorithm]
        return getattr(fastsmote.neighbors, class_name)(N_NEIGHBORS)
    if library == "sklearn":
        from sklearn.neighbors import NearestNeighbors

        return NearestNeighbors(n_neighbors=N_NEIGHBORS, algorithm=algorithm, n_jobs=-1)
    raise ValueError(f"unknown implementation {implementation!r}")


class AllPointsKNN:
    """``fit(X).kneighbors()`` with k=5 on W2 (8 features) and W3 (20 features)."""

    params = (IMPLEMENTATIONS, NEIGHBOR_WORKLOADS)
    param_names = ["implementation", "workload"]
    timeout = TIMEOUT

    def setup(self, implementation, workload):
        self.X, _ = get_workload(workload, purpose="neighbors")
        if implementation.endswith("brute") and self.X.shape[0] > BRUTE_FORCE_MAX_ROWS:
            raise NotImplementedError("brute force is quadratic: skipped at this size")
        self.estimator = make_neighbors(implementation)
        if implementation.startswith("fastsmote"):
            warm_up_fastsmote()
            make_neighbors(implementation).fit(self.X[:500]).kneighbors()

    def time_fit_kneighbors(self, implementation, workload):
        self.estimator.fit(self.X).kneighbors()


def _run_warmup(cache_dir: str) -> None:
    code = "import fastsmote; fastsmote.warmup()"
    subprocess.run(
        [sys.executable, "-c", code], env=child_env(NUMBA_CACHE_DIR=cache_dir), check=True
    )


class ColdStart:
    """Start-up cost of fastsmote in a fresh interpreter with an empty Numba cache."""

    timeout = TIMEOUT
    number = 1
    repeat = (1, 3, 60.0)
    warmup_time = 0

    def time_cold_start(self):
        """Compile every kernel: ``fastsmote.warmup()`` with an empty Numba cache."""
        with tempfile.TemporaryDirectory(prefix="fastsmote-numba-cache-") as cache_dir:
            _run_warmup(cache_dir)

    def time_import(self):
        """``import fastsmote`` alone (must not compile anything)."""
        subprocess.run([sys.executable, "-c", "import fastsmote"], env=child_env(), check=True)


class CachedStart:
    """Start-up cost of fastsmote in a fresh interpreter with a filled Numba cache."""

    timeout = TIMEOUT
    number = 1
    repeat = (1, 3, 60.0)
    warmup_time = 0

    def setup(self):
        self.cache_dir = tempfile.mkdtemp(prefix="fastsmote-numba-cache-")
        _run_warmup(self.cache_dir)

    def teardown(self):
        shutil.rmtree(self.cache_dir, ignore_errors=True)

    def time_cached_start(self):
        """Load every kernel from the cache: ``fastsmote.warmup()`` in a new process."""
        _run_warmup(self.cache_dir)
