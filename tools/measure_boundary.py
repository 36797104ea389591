"""Boundary over-samplers, imbalanced-learn against fastsmote in the same run.

Usage::

    python tools/measure_boundary.py [CASE ...] [--repeat N] [--n-jobs N]

A CASE is ``WORKLOAD:SAMPLER`` (e.g. ``W1:ADASYN``); the default cases are the
performance targets of the boundary issue: Borderline-SMOTE 1 and 2 and ADASYN
on W1, SVM-SMOTE and KMeans-SMOTE on W3 and W4. SAMPLER is a name of
``fastsmote.compare.SAMPLERS`` (``BorderlineSMOTE-1``, ``BorderlineSMOTE-2``,
``ADASYN``, ``SVMSMOTE``, ``KMeansSMOTE``).

For each case: fastsmote's kernels are compiled first (a call on 1,000 rows of
each class, not timed); then imbalanced-learn and fastsmote run alternately
``repeat`` times each (alternating spreads the machine's load over both),
with ``random_state=0``; the medians, their ratio, whether the outputs were
identical (``X``, ``y`` and dtypes), and the load average before and after are
printed. The machine is shared, so read the load with the figures.
"""

from __future__ import annotations

import argparse
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
    "W3:KMeansSMOTE",
    "W4:SVMSMOTE",
    "W4:KMeansSMOTE",
]


def make_sampler(name: str, library: str, n_jobs=None):
    """Sampler ``name`` of ``fastsmote.compare.SAMPLERS`` from ``library``, seed 0."""
    from fastsmote.compare import SAMPLERS

    attr, ref_path, kwargs = SAMPLERS[name]
    kwargs = {**kwargs, "random_state": 0}
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


def measure(workload: str, sampler: str, repeat: int, n_jobs, data_cache: dict) -> None:
    from fastsmote.datasets import make_workload

    if workload not in data_cache:
        data_cache.clear()
        data_cache[workload] = make_workload(workload)
    X, y = data_cache[workload]
    make_sampler(sampler, "fastsmote", n_jobs).fit_resample(*small_slice(X, y))
    before = load()
    times = {"imblearn": [], "fastsmote": []}
    outputs = {}
    for _ in range(repeat):
        for library in ("imblearn", "fastsmote"):
            start = time.perf_counter()
            output = make_sampler(sampler, library, n_jobs).fit_resample(X, y)
            times[library].append(time.perf_counter() - start)
            outputs.setdefault(library, output)
            del output
    t_ref = statistics.median(times["imblearn"])
    t_new = statistics.median(times["fastsmote"])
    same = identical(outputs["imblearn"], outputs["fastsmote"])
    print(
        f"{workload} {sampler:<18} imblearn {t_ref:8.2f}s  fastsmote {t_new:8.2f}s  "
        f"ratio {t_ref / t_new:5.2f}x  identical={same}  "
        f"[{before} -> {load()}; runs imblearn {_fmt(times['imblearn'])} "
        f"fastsmote {_fmt(times['fastsmote'])}]",
        flush=True,
    )


def _fmt(values):
    return "/".join(f"{v:.1f}" for v in values)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", default=DEFAULT_CASES, help="WORKLOAD:SAMPLER")
    parser.add_argument("--repeat", type=int, default=3, help="runs per library (median)")
    parser.add_argument("--n-jobs", type=int, default=None, help="fastsmote's n_jobs")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, {load()}, repeat={args.repeat}", flush=True)
    data_cache: dict = {}
    for case in args.cases:
        workload, _, sampler = case.partition(":")
        measure(workload, sampler, args.repeat, args.n_jobs, data_cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
