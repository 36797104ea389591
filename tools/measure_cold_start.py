"""Compile-time cost of fastsmote and of pynndescent, each in a fresh process.

Usage: ``python tools/measure_cold_start.py [--repeat N] [--out FILE.json]``

Each step runs in a new interpreter with ``NUMBA_CACHE_DIR`` pointing to a
fresh, empty directory ("cold": everything compiles), then again in a new
interpreter with the same, now filled, directory ("cached": what
``cache=True`` buys). Steps:

- ``import``: ``import fastsmote`` (must compile nothing);
- ``smote``: the first ``SMOTE().fit_resample`` on tiny float64 data;
- ``warmup``: ``fastsmote.warmup()``, every exported sampler in both dtypes;
- ``nndescent``: the adapter's first fit on tiny data (pynndescent's index
  build plus fastsmote's candidate ranking): ``warmup(nndescent=True)`` minus
  ``warmup()``, measured directly;
- ``pynndescent_query``: pynndescent's first ``query`` (search compilation),
  needed only for new points or more neighbours than the graph holds.

Times are the child's own clock around the step (interpreter start-up and
imports excluded, except for ``import``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

STEPS = {
    "import": "import time; t = time.perf_counter(); import fastsmote",
    "smote": (
        "import numpy as np, fastsmote, time\n"
        "X = np.random.RandomState(0).normal(size=(64, 3)); y = np.r_[[0] * 48, [1] * 16]\n"
        "t = time.perf_counter()\n"
        "fastsmote.SMOTE(k_neighbors=3, random_state=0).fit_resample(X, y)"
    ),
    "warmup": "import fastsmote, time; t = time.perf_counter(); fastsmote.warmup()",
    "nndescent": (
        "import numpy as np, time\n"
        "from fastsmote.neighbors import NNDescentNeighbors\n"
        "X = np.random.RandomState(0).normal(size=(300, 3))\n"
        "t = time.perf_counter()\n"
        "NNDescentNeighbors(3, random_state=0, exact_max_samples=0).fit(X).kneighbors()"
    ),
    "pynndescent_query": (
        "import numpy as np, time\n"
        "from pynndescent import NNDescent\n"
        "X = np.random.RandomState(0).normal(size=(300, 3)).astype(np.float32)\n"
        "index = NNDescent(X, n_neighbors=4, random_state=0)\n"
        "t = time.perf_counter()\n"
        "index.query(X[:10], k=3)"
    ),
}


def run_step(code: str, cache_dir: str) -> float:
    script = code + "\nprint(time.perf_counter() - t)\n"
    env = {**os.environ, "NUMBA_CACHE_DIR": cache_dir}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--steps", nargs="+", default=list(STEPS), choices=list(STEPS))
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    results = {}
    for name in args.steps:
        cold, cached = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="fastsmote-cold-") as cache_dir:
                cold.append(run_step(STEPS[name], cache_dir))
                cached.append(run_step(STEPS[name], cache_dir))
        uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        results[name] = {
            "cold_seconds": round(statistics.median(cold), 2),
            "cached_seconds": round(statistics.median(cached), 2),
            "uptime": uptime,
        }
        print(
            f"{name:18s} cold {results[name]['cold_seconds']:7.2f} s   "
            f"cached {results[name]['cached_seconds']:7.2f} s   ({uptime})",
            flush=True,
        )
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
