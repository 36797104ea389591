"""Measure where the exact KD-tree beats exact brute force (the ``auto`` rule).

Usage: ``.venv/bin/python tools/crossover.py``

For each dimension and size, an all-points query (k=6, self excluded) on
``make_classification`` data shaped like the workloads (half the features
informative, 5 % minority). CPU seconds (``time.process_time``, both threads)
rather than wall time, so that other load on a shared machine distorts less;
the ratio brute/kdtree is what the rule in ``fastsmote.neighbors.auto`` uses.
"""

from __future__ import annotations

import time

import numpy as np
from sklearn.datasets import make_classification

from fastsmote.neighbors import BruteForceNeighbors
from fastsmote.neighbors.kdtree import KDTreeNeighbors

DIMENSIONS = (2, 4, 8, 10, 12, 16, 20)
SIZES = (500, 2_000, 10_000, 50_000)


def cpu_seconds(backend, X):
    start = time.process_time()
    backend.fit(X).kneighbors()
    return time.process_time() - start


def main():
    warm = np.random.RandomState(0).normal(size=(300, 3))
    for cls in (BruteForceNeighbors, KDTreeNeighbors):
        cls(6).fit(warm).kneighbors()
    print(f"{'d':>3} {'n':>7} {'brute s':>9} {'kdtree s':>9} {'brute/kdtree':>13}")
    for d in DIMENSIONS:
        for n in SIZES:
            X, _ = make_classification(
                n_samples=n, n_features=d, n_informative=max(2, d // 2), n_redundant=0,
                weights=[0.95], random_state=0,
            )  # fmt: skip
            brute = min(cpu_seconds(BruteForceNeighbors(6), X) for _ in range(2))
            tree = min(cpu_seconds(KDTreeNeighbors(6), X) for _ in range(2))
            print(f"{d:>3} {n:>7} {brute:>9.4f} {tree:>9.4f} {brute / tree:>13.2f}")


if __name__ == "__main__":
    main()
