"""Ten million rows: SMOTE (exact) and SMOTETomek (NN-Descent) on W7, timed.

Usage::

    python tools/run_w7.py [--runs smote smotetomek] [--n-samples N]
        [--data-dir DIR] [--out docs/w7.json]

W7 is ``make_workload("W7")``: W1's generator at 10,000,000 x 20, float32
(800 MB). It is generated once by a child process and kept as ``.npy`` in
``--data-dir``. Each run is its own process, one after the other: warm-up on
tiny data (fastsmote's kernels and, for NN-Descent, pynndescent's), the data
loaded, then one ``fit_resample(random_state=0)``. Recorded per run: seconds,
the process's peak resident memory (``ru_maxrss``) and its peak above the
loaded data, input and output bytes, rows out, ``nn_search_``, and
``uptime`` before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

RUNS = {
    "smote": ("SMOTE", "auto"),
    "smotetomek": ("SMOTETomek", "nndescent"),
}

_GENERATE = r"""
import sys, numpy as np
from fastsmote.datasets import make_workload
n = None if sys.argv[1] == "None" else int(sys.argv[1])
X, y = make_workload("W7", n)
np.save(sys.argv[2] + ".tmp.npy", X); np.save(sys.argv[3] + ".tmp.npy", y)
"""

_RUN = r"""
import json, resource, sys, time
import numpy as np
import fastsmote
name, backend, X_path, y_path = sys.argv[1:5]
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()
start = time.perf_counter()
fastsmote.warmup(nndescent=backend == "nndescent")
warm_seconds = time.perf_counter() - start
before_load = rss()
X = np.load(X_path); y = np.load(y_path)
after_load = rss()
sampler = getattr(fastsmote, name)(random_state=0, nn_backend=backend)
start = time.perf_counter()
X_res, y_res = sampler.fit_resample(X, y)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
mb = 2 ** 20
print(json.dumps({
    "sampler": name, "backend": backend, "seconds": round(seconds, 1),
    "warmup_seconds": round(warm_seconds, 1),
    "rows_in": int(X.shape[0]), "rows_out": int(X_res.shape[0]),
    "in_mb": round((X.nbytes + y.nbytes) / mb), "out_mb": round((X_res.nbytes + y_res.nbytes) / mb),
    "peak_rss_mb": round(peak / mb), "peak_above_before_load_mb": round((peak - before_load) / mb),
    "ratio_to_in_plus_out": round((peak - before_load) / (X.nbytes + y.nbytes + X_res.nbytes
                                                          + y_res.nbytes), 3),
    "nn_search_": str(sampler.nn_search_),
}))
"""


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", nargs="+", default=list(RUNS), choices=list(RUNS))
    parser.add_argument("--n-samples", type=int, default=None)
    parser.add_argument("--data-dir", type=Path, default=REPO / ".asv" / "workloads")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    stem = args.data_dir / f"W7-{args.n_samples or 'full'}"
    X_path, y_path = Path(f"{stem}-X.npy"), Path(f"{stem}-y.npy")
    if not (X_path.exists() and y_path.exists()):
        args.data_dir.mkdir(parents=True, exist_ok=True)
        print(f"generating W7 into {args.data_dir} ({uptime()})", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-c",
                _GENERATE,
                str(args.n_samples),
                str(stem) + "-X",
                str(stem) + "-y",
            ],
            env=env,
            check=True,
        )
        os.replace(f"{stem}-X.tmp.npy", X_path)
        os.replace(f"{stem}-y.tmp.npy", y_path)

    results = []
    for run in args.runs:
        name, backend = RUNS[run]
        before = uptime()
        proc = subprocess.run(
            [sys.executable, "-c", _RUN, name, backend, str(X_path), str(y_path)],
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            print(proc.stderr[-4000:], file=sys.stderr)
            raise SystemExit(f"{run} failed")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        result.update(uptime_before=before, uptime_after=uptime())
        results.append(result)
        print(json.dumps(result), flush=True)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
