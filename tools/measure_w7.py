"""Ten million rows: SMOTE (exact) and SMOTETomek (NN-Descent) on W7, timed.

Usage::

    python -m tools.measure_w7 [--runs smote smotetomek] [--n-samples N]
        [--data-dir DIR] [--out docs/w7.json]

W7 is ``make_workload("W7")``: W1's generator at 10,000,000 x 20, float32
(800 MB). It is generated once by a child process and kept as ``.npy`` in
``--data-dir`` (default: where the asv benchmarks keep their workloads). Each
run is its own process, one after the other: warm-up on tiny data
(fastsmote's kernels and, for NN-Descent, pynndescent's), the data loaded,
then one ``fit_resample(random_state=0)``. Recorded per run: seconds,
the process's peak resident memory (``ru_maxrss``) and its peak above the
loaded data, input and output bytes, rows out, ``nn_search_``, and
``uptime`` before and after.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tools._measure import (
    add_result,
    make_sampler,
    peak_rss_bytes,
    rss_bytes,
    run_child,
    uptime,
    warm_up_fastsmote,
    workload_files,
)

RUNS = {
    "smote": ("SMOTE", "auto"),
    "smotetomek": ("SMOTETomek", "nndescent"),
}


def child_run(name: str, backend: str, X_path: str, y_path: str) -> dict:
    """Warm-up, load, one timed ``fit_resample``, in this (fresh) process."""
    import time

    import numpy as np

    import fastsmote  # noqa: F401 - imported before the clock: warm-up time is compilation

    start = time.perf_counter()
    warm_up_fastsmote(nndescent=backend == "nndescent")
    warm_seconds = time.perf_counter() - start
    before_load = rss_bytes()
    X = np.load(X_path)
    y = np.load(y_path)
    sampler = make_sampler(name, "fastsmote", nn_backend=backend)
    start = time.perf_counter()
    X_res, y_res = sampler.fit_resample(X, y)
    seconds = time.perf_counter() - start
    peak = peak_rss_bytes()
    mb = 2**20
    io_bytes = X.nbytes + y.nbytes + X_res.nbytes + y_res.nbytes
    return {
        "sampler": name,
        "backend": backend,
        "seconds": round(seconds, 1),
        "warmup_seconds": round(warm_seconds, 1),
        "rows_in": int(X.shape[0]),
        "rows_out": int(X_res.shape[0]),
        "in_mb": round((X.nbytes + y.nbytes) / mb),
        "out_mb": round((X_res.nbytes + y_res.nbytes) / mb),
        "peak_rss_mb": round(peak / mb),
        "peak_above_before_load_mb": round((peak - before_load) / mb),
        "ratio_to_in_plus_out": round((peak - before_load) / io_bytes, 3),
        "nn_search_": str(sampler.nn_search_),
    }


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", nargs="+", default=list(RUNS), choices=list(RUNS))
    parser.add_argument("--n-samples", type=int, default=None)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    print(f"W7 data ({uptime()})", flush=True)
    X_path, y_path = workload_files("W7", args.n_samples, root=args.data_dir)
    results = []
    for run in args.runs:
        name, backend = RUNS[run]
        before = uptime()
        result = run_child(
            child_run, name=name, backend=backend, X_path=str(X_path), y_path=str(y_path)
        )
        result.update(uptime_before=before, uptime_after=uptime())
        add_result(results, result, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
