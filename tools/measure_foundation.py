"""Figures of the foundation issue, each a ratio measured in one run.

Usage: ``python tools/measure_foundation.py [smote-w1] [knn-w3] [kdtree-w2] [--repeat N]``

- smote-w1: fastsmote.SMOTE vs imblearn SMOTE on W1 (warm), output identity.
- knn-w3: all-points exact kNN (k=4) on W3, fastsmote brute vs scikit-learn brute.
- kdtree-w2: all-points kNN (k=6) of W2's minority class, fastsmote KD-tree vs
  scikit-learn's KD-tree.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors

from fastsmote.datasets import make_workload


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def smote_w1(repeat):
    from imblearn.over_sampling import SMOTE as RefSMOTE

    import fastsmote

    X, y = make_workload("W1")
    fastsmote.warmup()
    t_ref, ref = timed(lambda: RefSMOTE(random_state=0).fit_resample(X, y), repeat)
    t_new, new = timed(lambda: fastsmote.SMOTE(random_state=0).fit_resample(X, y), repeat)
    same = np.array_equal(ref[0], new[0]) and np.array_equal(ref[1], new[1])
    print(
        f"SMOTE W1: imblearn {t_ref:.2f}s fastsmote {t_new:.2f}s "
        f"ratio {t_ref / t_new:.2f}x identical={same}"
    )


def knn_w3(repeat):
    from fastsmote.neighbors import BruteForceNeighbors

    X, _ = make_workload("W3")
    BruteForceNeighbors(4).fit(X[:2000]).kneighbors()
    t_ref, ref = timed(
        lambda: NearestNeighbors(n_neighbors=5, algorithm="brute").fit(X).kneighbors(X), repeat
    )
    t_new, new = timed(lambda: BruteForceNeighbors(4).fit(X).kneighbors(), repeat)
    same = np.array_equal(ref[1][:, 1:], new[1])
    print(
        f"kNN W3 (all points, k=4): sklearn brute {t_ref:.2f}s fastsmote brute {t_new:.2f}s "
        f"ratio {t_ref / t_new:.2f}x identical={same}"
    )


def kdtree_w2(repeat):
    from fastsmote.neighbors.kdtree import KDTreeNeighbors

    X, y = make_workload("W2")
    X_min = X[y == 1]
    KDTreeNeighbors(6).fit(X_min[:2000]).kneighbors()
    t_ref, ref = timed(
        lambda: NearestNeighbors(n_neighbors=7, algorithm="kd_tree").fit(X_min).kneighbors(X_min),
        repeat,
    )
    t_new, new = timed(lambda: KDTreeNeighbors(6).fit(X_min).kneighbors(), repeat)
    same = np.array_equal(ref[1][:, 1:], new[1])
    print(
        f"kNN W2 minority ({len(X_min)} rows, k=6): sklearn kd_tree {t_ref:.2f}s "
        f"fastsmote kdtree {t_new:.2f}s ratio {t_ref / t_new:.2f}x identical={same}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", nargs="*", default=["smote-w1", "knn-w3", "kdtree-w2"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    jobs = {"smote-w1": smote_w1, "knn-w3": knn_w3, "kdtree-w2": kdtree_w2}
    for name in args.what:
        jobs[name](args.repeat)


if __name__ == "__main__":
    main()
