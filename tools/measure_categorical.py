"""SMOTENC and SMOTEN: imbalanced-learn against fastsmote, time and peak memory, one run.

Usage::

    python tools/measure_categorical.py [smotenc] [smoten] [--rows N] [--repeat N]
        [--fast-only] [--json FILE]

- ``smotenc``: ``SMOTENC(categorical_features=W6_CATEGORICAL_FEATURES,
  random_state=0)`` on workload W6 (1,000,000 x 15; ``--rows`` generates fewer).
- ``smoten``: ``SMOTEN(random_state=0)`` on the first 200,000 rows of W6's five
  categorical columns (``--rows`` for fewer).

The data are generated once, by this process, and saved as ``.npy``. Every
(library, sampler) then runs in its own child process: imports, a warm-up on a
small slice (fastsmote's kernels load from Numba's cache or compile; reported
apart), the data loaded, then ``fit_resample`` timed ``--repeat`` times (wall
and CPU seconds; the median is reported). Peak memory is the child's
resident high-water mark during the timed runs (``VmHWM``, reset just before
them through ``/proc/self/clear_refs``; it counts every short-lived
allocation, the loaded data and the imports) and, apart, that peak minus the
resident memory just before the runs. The outputs are compared for identity (values, dtype,
``y``). The load average (``/proc/loadavg``) is recorded around each child:
the machine is shared, so compare figures within one run only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]

#: Rows of W6 used by SMOTEN (the first ones).
SMOTEN_ROWS = 200_000

_CHILD = r"""
import json, resource, statistics, sys, time
import numpy as np
library, sampler, data_dir, out_dir, repeat = sys.argv[1:6]
repeat = int(repeat)

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()

if library == "fastsmote":
    import fastsmote as module
else:
    import imblearn.over_sampling as module
from fastsmote.datasets import W6_CATEGORICAL_FEATURES

def make():
    if sampler == "SMOTENC":
        return module.SMOTENC(categorical_features=list(W6_CATEGORICAL_FEATURES), random_state=0)
    return module.SMOTEN(random_state=0)

X = np.load(f"{data_dir}/X.npy")
y = np.load(f"{data_dir}/y.npy")
# Warm-up on a slice holding both classes (for fastsmote: kernels from Numba's cache).
rows = np.concatenate([np.flatnonzero(y == c)[:400] for c in np.unique(y)])
start = time.perf_counter()
make().fit_resample(X[rows], y[rows])
warmup = time.perf_counter() - start
baseline = rss()
try:  # reset the high-water mark to the current RSS (Linux >= 4.0)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
walls, cpus = [], []
for _ in range(repeat):
    start, cpu = time.perf_counter(), time.process_time()
    X_res, y_res = make().fit_resample(X, y)
    walls.append(time.perf_counter() - start)
    cpus.append(time.process_time() - cpu)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
with open("/proc/self/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):  # the high-water mark since the reset
            peak = int(line.split()[1]) * 1024
np.save(f"{out_dir}/X_res.npy", X_res)
np.save(f"{out_dir}/y_res.npy", y_res)
print(json.dumps({
    "seconds": statistics.median(walls), "cpu_seconds": statistics.median(cpus),
    "warmup_seconds": warmup, "peak_mb": peak / 2**20,
    "peak_above_data_mb": (peak - baseline) / 2**20,
    "output_mb": (X_res.nbytes + y_res.nbytes) / 2**20,
}))
"""


def loadavg() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def prepare(sampler: str, rows: int | None, directory: Path) -> str:
    """Save the sampler's data as X.npy / y.npy in ``directory``; return a description."""
    from fastsmote.datasets import W6_CATEGORICAL_FEATURES, make_workload

    directory.mkdir(parents=True, exist_ok=True)
    if sampler == "SMOTENC":
        X, y = make_workload("W6", rows)
        description = f"W6 {X.shape[0]:,} x {X.shape[1]}"
    else:
        X, y = make_workload("W6")
        n = SMOTEN_ROWS if rows is None else rows
        X = np.ascontiguousarray(X[:n, list(W6_CATEGORICAL_FEATURES)])
        y = y[:n]
        description = f"first {n:,} rows of W6's categorical columns ({X.shape[1]})"
    np.save(directory / "X.npy", X)
    np.save(directory / "y.npy", y)
    return description


def run_child(library, sampler, data_dir, out_dir, repeat) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    before = loadavg()
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, library, sampler, str(data_dir), str(out_dir), str(repeat)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{library} {sampler} failed:\n{completed.stderr}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["load_before"], result["load_after"] = before, loadavg()
    return result


def identical(dir_a: Path, dir_b: Path) -> bool:
    same = True
    for name in ("X_res.npy", "y_res.npy"):
        a, b = np.load(dir_a / name), np.load(dir_b / name)
        same &= a.dtype == b.dtype and a.shape == b.shape and bool(np.array_equal(a, b))
    return same


def measure(sampler, rows, repeat, fast_only, workdir: Path) -> dict:
    data_dir = workdir / f"{sampler}-data"
    description = prepare(sampler, rows, data_dir)
    print(f"{sampler} on {description} (load {loadavg()})", flush=True)
    report = {"sampler": sampler, "data": description}
    libraries = ["fastsmote"] if fast_only else ["fastsmote", "imblearn"]
    for library in libraries:
        result = run_child(library, sampler, data_dir, workdir / f"{sampler}-{library}", repeat)
        report[library] = result
        print(
            f"  {library:9s} {result['seconds']:8.2f} s wall {result['cpu_seconds']:8.2f} s CPU "
            f"(warm-up {result['warmup_seconds']:.2f} s)  peak {result['peak_mb']:8.0f} MB "
            f"({result['peak_above_data_mb']:.0f} MB above the loaded data; output "
            f"{result['output_mb']:.0f} MB)  load {result['load_before']} -> "
            f"{result['load_after']}",
            flush=True,
        )
    if not fast_only:
        fast, ref = report["fastsmote"], report["imblearn"]
        report["identical"] = identical(
            workdir / f"{sampler}-fastsmote", workdir / f"{sampler}-imblearn"
        )
        report["speedup"] = ref["seconds"] / fast["seconds"]
        report["cpu_speedup"] = ref["cpu_seconds"] / fast["cpu_seconds"]
        report["memory_ratio"] = fast["peak_mb"] / ref["peak_mb"]
        print(
            f"  => {report['speedup']:.1f}x faster (CPU {report['cpu_speedup']:.1f}x), peak "
            f"memory {report['memory_ratio']:.3f} of imbalanced-learn's, identical output: "
            f"{report['identical']}",
            flush=True,
        )
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("samplers", nargs="*", help="smotenc and/or smoten (default: both)")
    parser.add_argument("--rows", type=int, help="rows of W6 (default: see above)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per library")
    parser.add_argument("--fast-only", action="store_true", help="skip imbalanced-learn")
    parser.add_argument("--json", help="write the results as JSON")
    args = parser.parse_args(argv)
    samplers = [s.upper() for s in (args.samplers or ["smotenc", "smoten"])]
    unknown = set(samplers) - {"SMOTENC", "SMOTEN"}
    if unknown:
        parser.error(f"unknown sampler(s): {', '.join(sorted(unknown))}; use smotenc, smoten")
    with tempfile.TemporaryDirectory(prefix="fastsmote-categorical-") as tmp:
        reports = [measure(s, args.rows, args.repeat, args.fast_only, Path(tmp)) for s in samplers]
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
