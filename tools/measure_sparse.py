"""Sparse input: imbalanced-learn against fastsmote, time and peak memory, one run.

Usage::

    python -m tools.measure_sparse [smote] [tomeklinks] [--rows N] [--features N]
        [--density F] [--imblearn-rows SAMPLER=N ...] [--repeat N] [--fast-only]
        [--json FILE]

The data: ``fastsmote.datasets.make_sparse_tfidf`` (a TF-IDF-like CSR matrix,
Zipf-like vocabulary, L2-normalised rows, 10 % minority), 200,000 x 5,000 at
0.5 % density by default. ``SMOTE(random_state=0)`` and ``TomekLinks()`` with
default parameters.

``--imblearn-rows tomeklinks=N`` gives imbalanced-learn (and, beside it,
fastsmote again, for the ratio and the identity check) the first N rows when
its run at full size would take far too long (TomekLinks: scikit-learn's sparse search computes
every pair's distance through sparse products); fastsmote also runs at the
full size.

The matrix is generated once, by this process, and saved with
``scipy.sparse.save_npz``. Every (library, sampler, size) then runs in its own
child process: imports, a warm-up on a small slice (fastsmote's kernels load
from Numba's cache or compile; reported apart), the data loaded, then
``fit_resample`` timed ``--repeat`` times (wall and CPU seconds; the median is
reported). Peak memory is the child's resident high-water mark during the
timed runs (``VmHWM``, reset just before them through
``/proc/self/clear_refs``; loaded data and imports included) and, apart, that
peak minus the resident memory just before the runs. Outputs are compared for
identity (format, dtype, values, ``y``). The load average is recorded around
each child: the machine is shared, so compare figures within one run only.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from scipy import sparse

from tools._measure import (
    build_sampler,
    high_water_bytes,
    identical,
    load_average,
    reset_high_water,
    rss_bytes,
    run_child,
    sampler_spec,
    small_sample,
    write_json,
)

NAMES = {"smote": "SMOTE", "tomeklinks": "TomekLinks"}


def loadavg() -> str:
    """The three load averages as ``/proc/loadavg`` writes them."""
    return " ".join(f"{value:.2f}" for value in load_average())


def prepare(X, y, directory: Path) -> None:
    """Save ``X`` (``X.npz``) and ``y`` (``y.npy``) in ``directory`` for the children."""
    directory.mkdir(parents=True, exist_ok=True)
    sparse.save_npz(directory / "X.npz", X, compressed=False)
    np.save(directory / "y.npy", y)


def child_run(class_path: str, params: dict, data_dir: str, out_dir: str, repeat: int) -> dict:
    """Warm-up, then ``repeat`` timed ``fit_resample`` on the saved data, in this (fresh)
    process; the output is saved in ``out_dir`` for the identity check.

    The sampler is built from its spec (:func:`tools._measure.sampler_spec`), so
    that imbalanced-learn's child never imports fastsmote: its peak counts its own
    modules only.
    """
    import statistics
    import time

    X = sparse.load_npz(f"{data_dir}/X.npz").tocsr()
    y = np.load(f"{data_dir}/y.npy")
    sampler = build_sampler(class_path, params)  # imports its library: not in the warm-up
    # An imbalanced slice, so that the warm-up resamples (and loads every kernel).
    start = time.perf_counter()
    sampler.fit_resample(*small_sample(X, y, 300, n_minority=60))
    warmup = time.perf_counter() - start
    baseline = rss_bytes()
    reset_high_water()
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        X_res, y_res = build_sampler(class_path, params).fit_resample(X, y)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    peak = high_water_bytes()
    sparse.save_npz(f"{out_dir}/X_res.npz", X_res.tocsr(), compressed=False)
    np.save(f"{out_dir}/y_res.npy", y_res)
    return {
        "seconds": statistics.median(walls),
        "cpu_seconds": statistics.median(cpus),
        "warmup_seconds": warmup,
        "peak_mb": peak / 2**20,
        "peak_above_data_mb": (peak - baseline) / 2**20,
        "format": X_res.format,
        "dtype": str(X_res.dtype),
        "shape": list(X_res.shape),
    }


def measure_child(library, sampler, data_dir: Path, out_dir: Path, repeat) -> dict:
    """:func:`child_run` in a fresh process, with the load average around it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    before = loadavg()
    class_path, params = sampler_spec(sampler, library)
    result = run_child(
        child_run,
        class_path=class_path,
        params=params,
        data_dir=str(data_dir),
        out_dir=str(out_dir),
        repeat=repeat,
    )
    result["load_before"], result["load_after"] = before, loadavg()
    return result


def same_output(dir_a: Path, dir_b: Path, a: dict, b: dict) -> bool:
    """Whether the outputs the two children saved are identical (format included)."""
    if a["format"] != b["format"]:
        return False
    outputs = [(sparse.load_npz(d / "X_res.npz"), np.load(d / "y_res.npy")) for d in (dir_a, dir_b)]
    return identical(*outputs)


def describe(X) -> str:
    """Shape, density and number of stored values of the CSR matrix ``X``."""
    density = X.nnz / (X.shape[0] * X.shape[1])
    return f"{X.shape[0]:,} x {X.shape[1]:,} CSR, density {100 * density:.3f} %, {X.nnz:,} values"


def print_result(label, result) -> None:
    """One child's figures, on one line."""
    print(
        f"  {label:24s} {result['seconds']:9.2f} s wall {result['cpu_seconds']:9.2f} s CPU "
        f"(warm-up {result['warmup_seconds']:.2f} s)  peak {result['peak_mb']:7.0f} MB "
        f"({result['peak_above_data_mb']:.0f} MB above the loaded data)  load "
        f"{result['load_before']} -> {result['load_after']}",
        flush=True,
    )


def measure(sampler, X, y, imblearn_rows, repeat, fast_only, workdir: Path) -> dict:
    """The report of one sampler: fastsmote at full size, both libraries compared."""
    full_dir = workdir / "full"
    if not (full_dir / "X.npz").exists():
        prepare(X, y, full_dir)
    report = {"sampler": sampler, "data": describe(X)}
    print(f"{sampler} (load {loadavg()})", flush=True)
    fast_dir = workdir / f"{sampler}-fast-full"
    fast = measure_child("fastsmote", sampler, full_dir, fast_dir, repeat)
    report["fastsmote_full"] = fast
    print_result(f"fastsmote {X.shape[0]:,} rows", fast)
    if fast_only:
        return report
    if imblearn_rows and imblearn_rows < X.shape[0]:
        data_dir = workdir / f"rows-{imblearn_rows}"
        if not (data_dir / "X.npz").exists():
            prepare(X[:imblearn_rows], y[:imblearn_rows], data_dir)
        n = imblearn_rows
        fast_dir = workdir / f"{sampler}-fast-{n}"
        fast = measure_child("fastsmote", sampler, data_dir, fast_dir, repeat)
        print_result(f"fastsmote {n:,} rows", fast)
        report["fastsmote"] = fast
        report["compared_on"] = describe(X[:n])
    else:
        data_dir, n = full_dir, X.shape[0]
        report["fastsmote"] = fast
        report["compared_on"] = report["data"]
    ref = measure_child("imblearn", sampler, data_dir, workdir / f"{sampler}-imb-{n}", repeat)
    report["imblearn"] = ref
    print_result(f"imbalanced-learn {n:,} rows", ref)
    report["identical"] = same_output(fast_dir, workdir / f"{sampler}-imb-{n}", fast, ref)
    report["speedup"] = ref["seconds"] / fast["seconds"]
    report["cpu_speedup"] = ref["cpu_seconds"] / fast["cpu_seconds"]
    report["memory_ratio"] = fast["peak_mb"] / ref["peak_mb"]
    print(
        f"  => at {n:,} rows: {report['speedup']:.1f}x faster (CPU "
        f"{report['cpu_speedup']:.1f}x), peak memory {report['memory_ratio']:.3f} of "
        f"imbalanced-learn's, identical output: {report['identical']}",
        flush=True,
    )
    return report


def parse_limits(items, names) -> dict:
    """``["tomeklinks=100000"]`` -> ``{"tomeklinks": 100000}``."""
    limits = {}
    for item in items or []:
        sampler, _, rows = item.partition("=")
        if sampler.lower() not in names or not rows.isdigit():
            raise ValueError(f"--imblearn-rows {item!r}: use SAMPLER=N, e.g. tomeklinks=100000")
        limits[sampler.lower()] = int(rows)
    return limits


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("samplers", nargs="*", help="smote and/or tomeklinks (default: both)")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--features", type=int, default=5_000)
    parser.add_argument("--density", type=float, default=0.005)
    parser.add_argument(
        "--imblearn-rows",
        action="append",
        metavar="SAMPLER=N",
        help="compare with imbalanced-learn on the first N rows for SAMPLER (repeatable)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per library")
    parser.add_argument("--fast-only", action="store_true", help="skip imbalanced-learn")
    parser.add_argument("--json", help="write the results as JSON")
    args = parser.parse_args(argv)
    samplers = [s.lower() for s in (args.samplers or list(NAMES))]
    unknown = set(samplers) - set(NAMES)
    if unknown:
        parser.error(f"unknown sampler(s): {', '.join(sorted(unknown))}; use smote, tomeklinks")
    try:
        limits = parse_limits(args.imblearn_rows, NAMES)
    except ValueError as exc:
        parser.error(str(exc))
    from fastsmote.datasets import make_sparse_tfidf

    X, y = make_sparse_tfidf(args.rows, args.features, args.density)
    print(f"data: {describe(X)}, {int(y.sum()):,} minority rows", flush=True)
    with tempfile.TemporaryDirectory(prefix="fastsmote-sparse-") as tmp:
        reports = [
            measure(
                NAMES[s], X, y, limits.get(s), args.repeat, args.fast_only, Path(tmp) / NAMES[s]
            )
            for s in samplers
        ]
    if args.json:
        write_json(args.json, reports, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
