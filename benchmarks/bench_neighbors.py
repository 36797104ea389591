"""Neighbour search: fastsmote's exact backends against scikit-learn's, and compile time.

``AllPointsKNN`` times what every SMOTE-family sampler does: fit on ``X`` and
find the 5 nearest neighbours of every training point, itself excluded
(``kneighbors()`` with no argument). Both libraries use all cores: fastsmote
with ``n_jobs=None`` (all of Numba's threads), scikit-learn with ``n_jobs=-1``.

``Crossover`` is the measurement behind ``nn_backend="auto"``
(``fastsmote.neighbors.auto.choose_exact``): fastsmote's brute force and
KD-tree on the same all-points query (k=6) per dimension and size; the ratio
of their times says where the tree wins.

``ColdStart`` times compilation, which users pay once per Numba cache: a fresh
interpreter with an empty cache (``NUMBA_CACHE_DIR`` set to a new temporary
directory) runs ``fastsmote.warmup()``. ``CachedStart`` times the same with a
filled cache, what every later process pays.
"""

from __future__ import annotations

import shutil
import tempfile
import time

from . import cold_start
from .child import run_child
from .common import (
    BRUTE_FORCE_MAX_ROWS,
    NEIGHBOR_WORKLOADS,
    TIMEOUT,
    FreshProcessBenchmark,
    get_workload,
    in_profile,
)
from .samplers import warm_up_fastsmote

N_NEIGHBORS = 5
IMPLEMENTATIONS = ["fastsmote-brute", "fastsmote-kdtree", "sklearn-brute", "sklearn-kd_tree"]

#: Features and rows of the crossover measurement (its first entries in the fast profile).
CROSSOVER_FEATURES = in_profile([2, 4, 8, 10, 12, 16, 20])
CROSSOVER_ROWS = in_profile([500, 2_000, 10_000, 50_000])


def make_neighbors(implementation: str, n_neighbors: int = N_NEIGHBORS):
    """An unfitted neighbours estimator for ``n_neighbors`` neighbours."""
    library, algorithm = implementation.split("-")
    if library == "fastsmote":
        import fastsmote.neighbors

        class_name = {"brute": "BruteForceNeighbors", "kdtree": "KDTreeNeighbors"}[algorithm]
        return getattr(fastsmote.neighbors, class_name)(n_neighbors)
    if library == "sklearn":
        from sklearn.neighbors import NearestNeighbors

        return NearestNeighbors(n_neighbors=n_neighbors, algorithm=algorithm, n_jobs=-1)
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


class Crossover:
    """``fit(X).kneighbors()`` with k=6 by fastsmote's brute force and KD-tree, on
    ``make_classification`` data of each size and dimension (half the features
    informative, 5 % minority). CPU seconds (both threads) rather than wall
    time, so that other load on a shared machine distorts less."""

    params = (["fastsmote-brute", "fastsmote-kdtree"], CROSSOVER_FEATURES, CROSSOVER_ROWS)
    param_names = ["implementation", "features", "rows"]
    timeout = TIMEOUT
    timer = time.process_time

    def setup(self, implementation, features, rows):
        from sklearn.datasets import make_classification

        self.X, _ = make_classification(
            n_samples=rows,
            n_features=features,
            n_informative=max(2, features // 2),
            n_redundant=0,
            weights=[0.95],
            random_state=0,
        )
        self.estimator = make_neighbors(implementation, 6)
        warm_up_fastsmote()
        make_neighbors(implementation, 6).fit(self.X[:100]).kneighbors()

    def time_fit_kneighbors(self, implementation, features, rows):
        self.estimator.fit(self.X).kneighbors()


class ColdStart(FreshProcessBenchmark):
    """Start-up cost of fastsmote in a fresh interpreter with an empty Numba cache."""

    def time_cold_start(self):
        """Compile every kernel: ``fastsmote.warmup()`` with an empty Numba cache."""
        with tempfile.TemporaryDirectory(prefix="fastsmote-numba-cache-") as cache_dir:
            cold_start.run_step(cold_start.warmup, cache_dir)

    def time_import(self):
        """``import fastsmote`` alone (must not compile anything)."""
        run_child(cold_start.import_fastsmote)


class CachedStart(FreshProcessBenchmark):
    """Start-up cost of fastsmote in a fresh interpreter with a filled Numba cache."""

    def setup(self):
        self.cache_dir = tempfile.mkdtemp(prefix="fastsmote-numba-cache-")
        cold_start.run_step(cold_start.warmup, self.cache_dir)

    def teardown(self):
        shutil.rmtree(self.cache_dir, ignore_errors=True)

    def time_cached_start(self):
        """Load every kernel from the cache: ``fastsmote.warmup()`` in a new process."""
        cold_start.run_step(cold_start.warmup, self.cache_dir)
