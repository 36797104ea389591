"""Peak memory of a sampler against the bytes of its input plus its output.

Usage::

    python tools/measure_memory.py [--workload W1] [--sampler SMOTE]
        [--libraries fastsmote imblearn] [--backend auto]

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
includes every short-lived allocation, cross-checked by sampling
``/proc/self/statm`` every 5 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
import numpy as np
library, sampler_name, backend, X_path, y_path = sys.argv[1:6]
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()
if library == "imblearn":
    import imblearn.combine, imblearn.over_sampling, imblearn.under_sampling
    for module in (imblearn.over_sampling, imblearn.under_sampling, imblearn.combine):
        if hasattr(module, sampler_name):
            cls = getattr(module, sampler_name)
    kwargs = {}
else:
    import fastsmote
    cls = getattr(fastsmote, sampler_name)
    kwargs = {"nn_backend": backend}
    fastsmote.warmup(nndescent=backend == "nndescent")
import inspect
if "random_state" in inspect.signature(cls).parameters:
    kwargs["random_state"] = 0
rng = np.random.RandomState(0)
cls(**kwargs).fit_resample(rng.normal(size=(200, 4)), np.r_[[0] * 150, [1] * 50])
from fastsmote.compare import PeakMemory
before_load = rss()
peak_before_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
X = np.load(X_path)
y = np.load(y_path)
after_load = rss()
with PeakMemory() as sampled:
    start = time.perf_counter()
    X_res, y_res = cls(**kwargs).fit_resample(X, y)
    seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({
    "seconds": seconds, "before_load": before_load, "after_load": after_load,
    "peak": peak, "peak_before_load": peak_before_load,
    "sampled_peak_above_after_load": sampled.peak_bytes,
    "in_bytes": X.nbytes + y.nbytes, "out_bytes": X_res.nbytes + y_res.nbytes,
    "rows_out": int(X_res.shape[0]),
}))
"""


def measure(library, sampler, backend, X_path, y_path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, library, sampler, backend, X_path, y_path],
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    if r["peak_before_load"] > r["after_load"]:
        print(
            "warning: the warm-up's peak exceeds the loaded data; ru_maxrss is unreliable "
            "here, the sampled peak is used",
            file=sys.stderr,
        )
        peak = r["after_load"] + r["sampled_peak_above_after_load"]
    else:
        peak = r["peak"]
    mb = 2**20
    io_bytes = r["in_bytes"] + r["out_bytes"]
    return {
        "library": library,
        "sampler": sampler,
        "backend": backend if library == "fastsmote" else None,
        "seconds": round(r["seconds"], 2),
        "in_mb": round(r["in_bytes"] / mb, 1),
        "out_mb": round(r["out_bytes"] / mb, 1),
        "peak_above_before_load_mb": round((peak - r["before_load"]) / mb, 1),
        "ratio": round((peak - r["before_load"]) / io_bytes, 3),
        "extra_mb": round((peak - r["after_load"] - r["out_bytes"]) / mb, 1),
        "sampled_peak_above_after_load_mb": round(r["sampled_peak_above_after_load"] / mb, 1),
        "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workload", default="W1")
    parser.add_argument("--sampler", default="SMOTE")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--libraries", nargs="+", default=["fastsmote", "imblearn"])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from benchmarks.common import _cache_paths, get_workload, n_samples_for

    get_workload(args.workload, "regular")  # generated once, in a child process
    X_path, y_path = _cache_paths(args.workload, n_samples_for(args.workload, "regular"))
    results = []
    for library in args.libraries:
        r = measure(library, args.sampler, args.backend, str(X_path), str(y_path))
        results.append(r)
        print(json.dumps(r), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
