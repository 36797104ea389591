"""Cleaning samplers and hybrids on W3: imbalanced-learn against fastsmote, one run.

Usage::

    python tools/measure_cleaning.py [SAMPLER ...] [--repeat N] [--n-samples N]

SAMPLER is any of TomekLinks, EditedNearestNeighbours, RepeatedEditedNearestNeighbours,
AllKNN, SMOTEENN, SMOTETomek (default: all six). For each, both libraries run
``fit_resample`` on the same data, alternately, ``N`` times (default 3); the
medians and their ratio are printed with an identity check of ``X``, ``y`` and
``sample_indices_``. fastsmote's kernels are compiled before timing (warm).
The load average (``os.getloadavg``) is printed before and after each sampler:
on a shared machine the figures are only comparable within one line.

For RepeatedEditedNearestNeighbours, imbalanced-learn's ``sample_indices_``
can disagree with its own output (it applies the last pass's indices twice when
that pass removes nothing); the check then compares fastsmote's indices with
the ones that reproduce imbalanced-learn's output and says so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

SAMPLERS = (
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
    "SMOTEENN",
    "SMOTETomek",
)


def make(library: str, name: str):
    """``name`` of ``library`` with default parameters (``random_state=0`` for hybrids)."""
    if library == "fastsmote":
        import fastsmote as module
    elif name in ("SMOTEENN", "SMOTETomek"):
        import imblearn.combine as module
    else:
        import imblearn.under_sampling as module
    cls = getattr(module, name)
    return cls(random_state=0) if name in ("SMOTEENN", "SMOTETomek") else cls()


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def identical(X, ref, new, ref_sampler, new_sampler) -> str:
    """Identity of the outputs (dtype, values, order) and of ``sample_indices_``."""
    same_xy = (
        ref[0].dtype == new[0].dtype
        and ref[1].dtype == new[1].dtype
        and np.array_equal(ref[0], new[0])
        and np.array_equal(ref[1], new[1])
    )
    verdict = "X,y identical" if same_xy else "X,y DIFFER"
    ref_idx = getattr(ref_sampler, "sample_indices_", None)
    new_idx = getattr(new_sampler, "sample_indices_", None)
    if new_idx is None:
        return verdict
    consistent = np.array_equal(X[new_idx], new[0])
    if np.array_equal(ref_idx, new_idx):
        verdict += ", sample_indices_ identical"
    elif consistent and not np.array_equal(X[ref_idx], ref[0]):
        verdict += ", sample_indices_ consistent (imblearn's contradict its own output)"
    else:
        verdict += ", sample_indices_ DIFFER"
    return verdict


def warm_up(X, y) -> None:
    import fastsmote

    fastsmote.warmup()
    rows = np.sort(np.concatenate([np.flatnonzero(y == c)[:500] for c in np.unique(y)]))
    for name in SAMPLERS:
        make("fastsmote", name).fit_resample(X[rows], y[rows])


def measure(name, X, y, repeat):
    times = {"imblearn": [], "fastsmote": []}
    outputs, samplers = {}, {}
    before = load()
    for _ in range(repeat):
        for library in ("imblearn", "fastsmote"):
            sampler = make(library, name)
            start = time.perf_counter()
            outputs[library] = sampler.fit_resample(X, y)
            times[library].append(time.perf_counter() - start)
            samplers[library] = sampler
    t_ref = statistics.median(times["imblearn"])
    t_new = statistics.median(times["fastsmote"])
    check = identical(
        X, outputs["imblearn"], outputs["fastsmote"], samplers["imblearn"], samplers["fastsmote"]
    )
    print(
        f"{name:32s} imblearn {t_ref:7.2f}s  fastsmote {t_new:6.2f}s  "
        f"ratio {t_ref / t_new:5.2f}x  ({len(outputs['fastsmote'][1])} rows; {check}; "
        f"{before} -> {load()})",
        flush=True,
    )


def main():
    from fastsmote.datasets import make_workload

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("samplers", nargs="*", metavar="SAMPLER", help=", ".join(SAMPLERS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--n-samples", type=int, default=None, help="rows of W3 (default: all)")
    args = parser.parse_args()
    unknown = sorted(set(args.samplers) - set(SAMPLERS))
    if unknown:
        parser.error(f"unknown sampler(s) {unknown}; choose from {', '.join(SAMPLERS)}")
    X, y = make_workload("W3", args.n_samples)
    print(f"W3: {X.shape[0]} rows, {X.shape[1]} features; median of {args.repeat}; {load()}")
    warm_up(X, y)
    for name in args.samplers or SAMPLERS:
        measure(name, X, y, args.repeat)


if __name__ == "__main__":
    main()
