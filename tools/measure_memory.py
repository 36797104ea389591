"""Peak memory of a sampler against the bytes of its input plus its output.

Usage::

    python -m tools.measure_memory [--workload W1] [--n-samples N] [--sampler SMOTE]
        [--libraries fastsmote imblearn] [--backend auto] [--out FILE.json]

Each run is its own process: imports and a warm-up on tiny data first, then
the workload is loaded from ``.npy`` (generated once by another process, so
the generator's temporaries never count), then one ``fit_resample``. Reported:

- ``ratio``: (peak resident memory - resident memory before loading the
  data) / (bytes of X and y + bytes of X_res and y_res). 1.0 would mean the
  sampler holds nothing but its input and its output; the target for SMOTE is
  at most 1.3;
- ``extra_mb``: peak minus resident memory after loading the data, minus the
  output's bytes: what the sampler holds beyond its output.

The peak is the kernel's high-water mark (``getrusage``'s ``ru_maxrss``), which
includes every short-lived allocation, cross-checked by sampling resident
memory every 5 ms. ``--n-samples`` shrinks the workload (default: its full
size); SAMPLER is a name of ``fastsmote._registry.SAMPLERS``.
"""

from __future__ import annotations

import argparse
import sys
import time
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
    write_json,
)

MB = 2**20


def child_run(library: str, sampler: str, backend: str, X_path: str, y_path: str) -> dict:
    """One ``fit_resample`` of ``sampler`` on the saved data, in this (fresh) process.

    Imports and a warm-up on tiny data come first, so that neither counts in the
    peak above the memory before loading the data. Returns bytes and seconds.
    """
    import numpy as np

    from fastsmote.app.compare import PeakMemory

    params = {"nn_backend": backend} if library == "fastsmote" else {}
    if library == "fastsmote":
        warm_up_fastsmote(nndescent=backend == "nndescent")
    rng = np.random.RandomState(0)
    make_sampler(sampler, library, **params).fit_resample(
        rng.normal(size=(200, 4)), np.r_[[0] * 150, [1] * 50]
    )
    before_load = rss_bytes()
    peak_before_load = peak_rss_bytes()
    X = np.load(X_path)
    y = np.load(y_path)
    after_load = rss_bytes()
    with PeakMemory() as sampled:
        start = time.perf_counter()
        X_res, y_res = make_sampler(sampler, library, **params).fit_resample(X, y)
        seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "before_load": before_load,
        "after_load": after_load,
        "peak": peak_rss_bytes(),
        "peak_before_load": peak_before_load,
        "sampled_peak_above_after_load": sampled.peak_bytes,
        "in_bytes": X.nbytes + y.nbytes,
        "out_bytes": X_res.nbytes + y_res.nbytes,
        "rows_out": int(X_res.shape[0]),
    }


def measure(library, sampler, backend, X_path, y_path) -> dict:
    """Run :func:`child_run` in a fresh process; the figures of one library."""
    r = run_child(
        child_run,
        library=library,
        sampler=sampler,
        backend=backend,
        X_path=str(X_path),
        y_path=str(y_path),
    )
    if r["peak_before_load"] > r["after_load"]:
        print(
            "warning: the warm-up's peak exceeds the loaded data; ru_maxrss is unreliable "
            "here, the sampled peak is used",
            file=sys.stderr,
        )
        peak = r["after_load"] + r["sampled_peak_above_after_load"]
    else:
        peak = r["peak"]
    io_bytes = r["in_bytes"] + r["out_bytes"]
    return {
        "library": library,
        "sampler": sampler,
        "backend": backend if library == "fastsmote" else None,
        "seconds": round(r["seconds"], 2),
        "in_mb": round(r["in_bytes"] / MB, 1),
        "out_mb": round(r["out_bytes"] / MB, 1),
        "peak_above_before_load_mb": round((peak - r["before_load"]) / MB, 1),
        "ratio": round((peak - r["before_load"]) / io_bytes, 3),
        "extra_mb": round((peak - r["after_load"] - r["out_bytes"]) / MB, 1),
        "sampled_peak_above_after_load_mb": round(r["sampled_peak_above_after_load"] / MB, 1),
        "uptime": uptime(),
    }


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workload", default="W1")
    parser.add_argument("--n-samples", type=int, default=None, help="rows (default: all)")
    parser.add_argument("--sampler", default="SMOTE", help="a name of fastsmote._registry.SAMPLERS")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--libraries", nargs="+", default=["fastsmote", "imblearn"])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from fastsmote._registry import SAMPLERS

    if args.sampler not in SAMPLERS:
        parser.error(f"unknown sampler {args.sampler!r}; choose from {', '.join(SAMPLERS)}")

    # Generated once, in a child process: its temporaries never count.
    X_path, y_path = workload_files(args.workload, args.n_samples)
    results = []
    for library in args.libraries:
        add_result(results, measure(library, args.sampler, args.backend, X_path, y_path))
    if args.out:
        write_json(args.out, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
