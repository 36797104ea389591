"""Compile-time cost of fastsmote and of pynndescent, each in a fresh process.

Usage: ``python -m tools.measure_cold_start [--repeat N] [--steps STEP ...] [--out FILE.json]``

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
imports excluded, except for ``import``). The steps are the functions of
``benchmarks/cold_start.py``, which the asv cold-start benchmarks run too.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile

from benchmarks import cold_start
from tools._measure import uptime, write_json

STEPS = {
    "import": cold_start.import_fastsmote,
    "smote": cold_start.smote_first_call,
    "warmup": cold_start.warmup,
    "nndescent": cold_start.nndescent_first_fit,
    "pynndescent_query": cold_start.pynndescent_first_query,
}


def main(argv=None) -> int:
    """Command line: see the module docstring."""
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
                cold.append(cold_start.run_step(STEPS[name], cache_dir))
                cached.append(cold_start.run_step(STEPS[name], cache_dir))
        line = uptime()
        results[name] = {
            "cold_seconds": round(statistics.median(cold), 2),
            "cached_seconds": round(statistics.median(cached), 2),
            "uptime": line,
        }
        print(
            f"{name:18s} cold {results[name]['cold_seconds']:7.2f} s   "
            f"cached {results[name]['cached_seconds']:7.2f} s   ({line})",
            flush=True,
        )
    if args.out:
        write_json(args.out, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
