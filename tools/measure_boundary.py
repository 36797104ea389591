"""Boundary over-samplers, imbalanced-learn against fastsmote in the same run.

Usage::

    python tools/measure_boundary.py [CASE ...] [--repeat N] [--n-jobs N]
    python tools/measure_boundary.py --tile-sweep [--repeat N]

A CASE is ``WORKLOAD:SAMPLER[:PARAM=VALUE,...]`` (e.g. ``W1:ADASYN`` or
``W3:KMeansSMOTE:cluster_balance_threshold=0.02``); the default cases are the
performance targets of the boundary issue: Borderline-SMOTE 1 and 2 and ADASYN
on W1, SVM-SMOTE and KMeans-SMOTE on W3 and W4. SAMPLER is a name of
``fastsmote.compare.SAMPLERS`` (``BorderlineSMOTE-1``, ``BorderlineSMOTE-2``,
``ADASYN``, ``SVMSMOTE``, ``KMeansSMOTE``). KMeans-SMOTE's default
``cluster_balance_threshold="auto"`` asks a binary problem for clusters at
least half minority, which W3 and W4 do not have (both libraries raise), so
its default cases lower the threshold below the minority share.

For each case: fastsmote's kernels are compiled first (a call on 1,000 rows of
each class, not timed); then imbalanced-learn and fastsmote run alternately
``repeat`` times each (alternating spreads the machine's load over both),
with ``random_state=0``; the medians, their ratio, whether the outputs were
identical (``X``, ``y`` and dtypes), and the load average before and after are
printed. The machine is shared, so read the load with the figures.

``--tile-sweep`` times instead the brute-force backend's screening pass (the
cost of Borderline-SMOTE and ADASYN on W1: a small query set against all
rows) for several ``(BLOCK_QUERIES, BLOCK_REFERENCES)`` tilings, round-robin,
on 4,096 minority rows of W1 against its million rows, 12 neighbours.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import statistics
import sys
import time

import numpy as np

DEFAULT_CASES = [
    "W1:BorderlineSMOTE-1",
    "W1:BorderlineSMOTE-2",
    "W1:ADASYN",
    "W3:SVMSMOTE",
    "W3:KMeansSMOTE:cluster_balance_threshold=0.02",
    "W4:SVMSMOTE",
    "W4:KMeansSMOTE:cluster_balance_threshold=0.001",
]


def make_sampler(name: str, library: str, n_jobs=None, params=None):
    """Sampler ``name`` of ``fastsmote.compare.SAMPLERS`` from ``library``, seed 0."""
    from fastsmote.compare import SAMPLERS

    attr, ref_path, kwargs = SAMPLERS[name]
    kwargs = {**kwargs, **(params or {}), "random_state": 0}
    if library == "fastsmote":
        import fastsmote

        return getattr(fastsmote, attr)(**kwargs, n_jobs=n_jobs)
    module, _, cls_name = ref_path.rpartition(".")
    return getattr(importlib.import_module(module), cls_name)(**kwargs)


def small_slice(X, y, n_per_class=1_000):
    """The first ``n_per_class`` rows of each class, to compile kernels on."""
    rows = np.sort(np.concatenate([np.flatnonzero(y == c)[:n_per_class] for c in np.unique(y)]))
    return np.ascontiguousarray(X[rows]), y[rows]


def identical(a, b) -> bool:
    (Xa, ya), (Xb, yb) = a, b
    return (
        Xa.dtype == Xb.dtype
        and ya.dtype == yb.dtype
        and np.array_equal(Xa, Xb)
        and np.array_equal(ya, yb)
    )


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def parse_case(case: str):
    """``(workload, sampler, params)`` of ``WORKLOAD:SAMPLER[:PARAM=VALUE,...]``."""
    workload, sampler, *rest = case.split(":", 2)
    params = {}
    for item in filter(None, (rest[0] if rest else "").split(",")):
        key, _, value = item.partition("=")
        params[key] = ast.literal_eval(value)
    return workload, sampler, params


def measure(case: str, repeat: int, n_jobs, data_cache: dict) -> None:
    from fastsmote.datasets import make_workload

    workload, sampler, params = parse_case(case)
    if workload not in data_cache:
        data_cache.clear()
        data_cache[workload] = make_workload(workload)
    X, y = data_cache[workload]
    label = f"{workload} {sampler}" + (f" {params}" if params else "")
    try:
        make_sampler(sampler, "fastsmote", n_jobs, params).fit_resample(*small_slice(X, y))
    except (ValueError, RuntimeError):
        pass  # a refusal on the slice; the kernels are compiled all the same
    before = load()
    times = {"imblearn": [], "fastsmote": []}
    outputs = {}
    for _ in range(repeat):
        for library in ("imblearn", "fastsmote"):
            start = time.perf_counter()
            try:
                output = make_sampler(sampler, library, n_jobs, params).fit_resample(X, y)
            except (ValueError, RuntimeError) as exc:
                output = exc
            times[library].append(time.perf_counter() - start)
            outputs.setdefault(library, output)
            del output
    if any(isinstance(out, Exception) for out in outputs.values()):
        ref, new = outputs["imblearn"], outputs["fastsmote"]
        same = type(ref) is type(new) and str(ref) == str(new)
        print(f"{label}: imblearn raised {ref!r}; fastsmote raised {new!r}; same={same}")
        return
    t_ref = statistics.median(times["imblearn"])
    t_new = statistics.median(times["fastsmote"])
    same = identical(outputs["imblearn"], outputs["fastsmote"])
    print(
        f"{label:<20} imblearn {t_ref:8.2f}s  fastsmote {t_new:8.2f}s  "
        f"ratio {t_ref / t_new:5.2f}x  identical={same}  "
        f"[{before} -> {load()}; runs imblearn {_fmt(times['imblearn'])} "
        f"fastsmote {_fmt(times['fastsmote'])}]",
        flush=True,
    )


TILINGS = [(128, 1024), (64, 1024), (256, 1024), (128, 512), (128, 2048), (32, 4096), (512, 256)]


def tile_sweep(repeat: int) -> None:
    """Median time of ``screen_candidates`` per tiling, all tilings round-robin."""
    from threadpoolctl import threadpool_limits

    from fastsmote._kernels.brute import screen_candidates
    from fastsmote.datasets import make_workload
    from fastsmote.neighbors import BruteForceNeighbors

    X, y = make_workload("W1")
    nn = BruteForceNeighbors(12).fit(X)
    Q = X[np.flatnonzero(y == 1)[:4096]]
    centered = Q - nn._center
    q_aug = np.empty((Q.shape[0], Q.shape[1] + 1), dtype=np.float32)
    q_aug[:, :-1] = -2.0 * centered
    q_aug[:, -1] = 1.0
    n_cand = 12 + 8
    screen_candidates(q_aug[:64], nn._r_aug[:4096], n_cand, False, 64, 1024)  # compile
    times = {tiling: [] for tiling in TILINGS}
    before = load()
    for _ in range(repeat):
        for block_q, block_r in TILINGS:
            with threadpool_limits(limits=1, user_api="blas"):
                start = time.perf_counter()
                screen_candidates(q_aug, nn._r_aug, n_cand, False, block_q, block_r)
                times[(block_q, block_r)].append(time.perf_counter() - start)
    base = statistics.median(times[TILINGS[0]])
    print(f"screening 4096 x {X.shape[0]} (k=12): [{before} -> {load()}]")
    for (block_q, block_r), values in times.items():
        median = statistics.median(values)
        print(
            f"  BLOCK_QUERIES={block_q:4d} BLOCK_REFERENCES={block_r:5d}  {median:6.2f}s  "
            f"({median / base:4.2f} of the default; runs {_fmt(values)})",
            flush=True,
        )


def _fmt(values):
    return "/".join(f"{v:.1f}" for v in values)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", default=DEFAULT_CASES, help="WORKLOAD:SAMPLER")
    parser.add_argument("--repeat", type=int, default=3, help="runs per library (median)")
    parser.add_argument("--n-jobs", type=int, default=None, help="fastsmote's n_jobs")
    parser.add_argument("--tile-sweep", action="store_true", help="time brute-force tilings")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, {load()}, repeat={args.repeat}", flush=True)
    if args.tile_sweep:
        tile_sweep(args.repeat)
        return 0
    data_cache: dict = {}
    for case in args.cases:
        measure(case, args.repeat, args.n_jobs, data_cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
