"""Time fastsmote's KD-tree against scikit-learn's on W2-like data (warm, median of 3).

Usage: ``.venv/bin/python tools/time_kdtree.py [--repeats 3] [--leaf-size 40]``

Two problems, both an all-points query with k=6 excluding self: the minority
class of W2 (about 100,000 x 8) and the first 300,000 rows of W2. scikit-learn
gets ``NearestNeighbors(n_neighbors=7, algorithm="kd_tree")`` queried with the
training points (self included), which is what imbalanced-learn does. Build
(fit) and query times are reported separately; indices are checked equal after
removing self from scikit-learn's answer (W2 has no tied distances).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numba
import numpy as np
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastsmote.neighbors.kdtree import KDTreeNeighbors  # noqa: E402


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def _median_times(fit, query, repeats):
    fits, queries, out = [], [], None
    for _ in range(repeats):
        t_fit, model = _timed(fit)
        t_query, out = _timed(lambda model=model: query(model))
        fits.append(t_fit)
        queries.append(t_query)
    return statistics.median(fits), statistics.median(queries), out


def _compare(name, X, repeats, leaf_size, k=6):
    print(f"\n{name}: {X.shape[0]:,} x {X.shape[1]}, k={k}, exclude self")
    ours_fit, ours_query, (_, ours_ind) = _median_times(
        lambda: KDTreeNeighbors(k, leaf_size=leaf_size).fit(X),
        lambda model: model.kneighbors(),
        repeats,
    )
    results = {"fastsmote": (ours_fit, ours_query)}
    for n_jobs in (None, -1):
        sk_fit, sk_query, (_, sk_ind) = _median_times(
            lambda n_jobs=n_jobs: NearestNeighbors(
                n_neighbors=k + 1, algorithm="kd_tree", n_jobs=n_jobs
            ).fit(X),
            lambda model: model.kneighbors(X),
            repeats,
        )
        results[f"sklearn n_jobs={n_jobs}"] = (sk_fit, sk_query)
    same = np.array_equal(ours_ind, sk_ind[:, 1:]) and np.array_equal(
        sk_ind[:, 0], np.arange(X.shape[0])
    )
    print(f"  indices equal to scikit-learn's (self removed): {same}")
    print(f"  {'':22s} {'fit':>8s} {'query':>8s} {'total':>8s}")
    for label, (t_fit, t_query) in results.items():
        print(f"  {label:22s} {t_fit:8.3f} {t_query:8.3f} {t_fit + t_query:8.3f}")
    base_fit, base_query = results["sklearn n_jobs=None"]
    print(
        f"  speed-up vs sklearn (n_jobs=None): query {base_query / ours_query:.2f}x, "
        f"fit+query {(base_fit + base_query) / (ours_fit + ours_query):.2f}x"
    )
    par_fit, par_query = results["sklearn n_jobs=-1"]
    print(
        f"  speed-up vs sklearn (n_jobs=-1):   query {par_query / ours_query:.2f}x, "
        f"fit+query {(par_fit + par_query) / (ours_fit + ours_query):.2f}x"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--leaf-size", type=int, default=40)
    args = parser.parse_args()

    X, y = make_classification(
        n_samples=1_000_000,
        n_features=8,
        n_informative=6,
        n_redundant=2,
        weights=[0.9],
        random_state=0,
    )
    print(f"numba threads: {numba.get_num_threads()}")
    start = time.perf_counter()
    KDTreeNeighbors(6).fit(X[:1000]).kneighbors()  # compile (or load the cache)
    print(f"first call (compile or cache load): {time.perf_counter() - start:.2f} s")

    _compare("W2 minority class", np.ascontiguousarray(X[y == 1]), args.repeats, args.leaf_size)
    _compare(
        "W2 first 300,000 rows", np.ascontiguousarray(X[:300_000]), args.repeats, args.leaf_size
    )


if __name__ == "__main__":
    main()
