"""GFLOP/s of fastsmote's exact searches beside this machine's float32 GEMM rate.

Usage::

    python -m tools.measure_search_rate [--workload W3] [--n-samples N] [--json PATH]

Runs the brute-force all-points search (k=4, each pair counted once) and the
one-sided search (the minority rows against all rows, k=10) on a workload of
``fastsmote.datasets.WORKLOADS``, and ``float32`` GEMM square and with the
screening tiles' inner dimension, in the same process (see
:mod:`benchmarks.search_rate`). Medians of three runs (five for GEMM); quote
them with the load average printed beside them.
"""

from __future__ import annotations

import argparse
import sys

from tools._measure import load_average, machine, write_json


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", default="W3")
    parser.add_argument(
        "--n-samples", type=int, default=None, help="rows (default: the workload's)"
    )
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)

    from benchmarks.search_rate import search_rates
    from fastsmote.datasets import make_workload

    X, y = make_workload(args.workload, n_samples=args.n_samples)
    before = load_average()
    rates = search_rates(X, y)
    result = {"machine": machine(), "workload": args.workload, **rates}
    result["load_before"], result["load_after"] = before, load_average()
    square = rates["sgemm_square_gflops"]
    print(f"{args.workload} {X.shape[0]:,} x {X.shape[1]}; load {before} -> {result['load_after']}")
    print(
        f"sgemm square {square:.1f} GFLOP/s, inner dimension {X.shape[1] + 1}: "
        f"{rates['sgemm_tile_gflops']:.1f} GFLOP/s"
    )
    for search in ("all_pairs", "one_sided"):
        r = rates[search]
        print(
            f"{search:10s} {r['seconds']:.3f} s  {r['gflops']:.1f} GFLOP/s  "
            f"{100 * r['share_of_sgemm']:.0f} % of square sgemm"
        )
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
