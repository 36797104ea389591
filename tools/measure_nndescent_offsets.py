"""Recall of NNDescentNeighbors on shifted, tiny and huge data (docs/large_scale.md).

pynndescent searches in float32; the adapter centres the data and scales it by a
power of two for the search only, then ranks the candidates in float64. This
script measures, against exact brute force, the share of rows whose whole
neighbour list is exact and the share of exact neighbours found, on 5,000 x 4
standard normal data as given, shifted by 1e7 and 1e8, scaled by 1e-25 and by
1e38.

    python -m tools.measure_nndescent_offsets [--rows N] [--features N] [--k K]
"""

from __future__ import annotations

import argparse

import numpy as np

from tools._measure import load_average

CASES = {
    "randn": lambda Z: Z,
    "offset 1e7": lambda Z: 1e7 + Z,
    "offset 1e8": lambda Z: 1e8 + Z,
    "scale 1e-25": lambda Z: 1e-25 * Z,
    "scale 1e38": lambda Z: 1e38 * Z,
}


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--features", type=int, default=4)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args(argv)
    from fastsmote.neighbors import BruteForceNeighbors, NNDescentNeighbors

    Z = np.random.RandomState(0).randn(args.rows, args.features)
    print(f"{args.rows} x {args.features}, k={args.k}, load average {load_average()[0]:.1f}")
    for name, make in CASES.items():
        X = make(Z)
        exact = BruteForceNeighbors(args.k).fit(X).kneighbors(return_distance=False)
        try:
            nn = NNDescentNeighbors(args.k, random_state=0, exact_max_samples=0).fit(X)
            approx = nn.kneighbors(return_distance=False)
        except Exception as exc:  # the figure to report is the failure itself
            print(f"{name:12s} raises {type(exc).__name__}: {exc}")
            continue
        lists = np.mean([set(a) == set(e) for a, e in zip(approx, exact, strict=True)])
        hits = sum(len(set(a) & set(e)) for a, e in zip(approx, exact, strict=True))
        print(f"{name:12s} exact lists {lists:.4f}  neighbour recall {hits / exact.size:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
