"""The raw credit-card layout at full size: fastsmote against imbalanced-learn.

Usage::

    python -m tools.measure_creditcard [--samplers S ...] [--n-samples N] [--json PATH]

``fastsmote.datasets.load_real("creditcard_raw")``: 284,807 rows, raw ``Time``
(0..172,792 s) and heavy-tailed ``Amount`` beside unit-scale V1..V28, 492
positives, 1,081 duplicate rows. fastsmote's kernels are compiled first on a
20,000-row slice (warm); then each sampler runs once per library, fastsmote
first, in this process, and the two outputs are compared (``X``, ``y``, dtypes,
``sample_indices_``). imbalanced-learn's cleaning samplers take many minutes
here, so there is one timed run each: quote ratios with the load average that
is printed beside them.
"""

from __future__ import annotations

import argparse
import sys

from tools._measure import identical, load_average, machine, make_sampler, run, write_json

SAMPLERS = (
    "SMOTE",
    "BorderlineSMOTE-1",
    "BorderlineSMOTE-2",
    "ADASYN",
    "SMOTEENN",
    "SMOTETomek",
)


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samplers", nargs="+", default=list(SAMPLERS), metavar="S")
    parser.add_argument("--n-samples", type=int, default=None, help="rows (default: all)")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)

    from fastsmote.datasets import load_real

    X, y = load_real("creditcard_raw", n_samples=args.n_samples)
    X_warm, y_warm = load_real("creditcard_raw", n_samples=20_000)
    rows = []
    print(f"creditcard_raw {X.shape[0]:,} x {X.shape[1]}; load {load_average()}", file=sys.stderr)
    for sampler in args.samplers:
        run(make_sampler(sampler, "fastsmote"), X_warm, y_warm)  # compile
        before = load_average()
        ours, theirs = make_sampler(sampler, "fastsmote"), make_sampler(sampler, "imblearn")
        fast_s, new = run(ours, X, y)
        ref_s, ref = run(theirs, X, y)
        row = {
            "sampler": sampler,
            "fastsmote_s": fast_s,
            "imblearn_s": ref_s,
            "ratio": ref_s / fast_s,
            "identical": identical(new, ref, ours, theirs),
            "load_before": before,
            "load_after": load_average(),
        }
        del new, ref
        rows.append(row)
        print(
            f"  {sampler}: fastsmote {fast_s:.2f} s, imblearn {ref_s:.2f} s, "
            f"ratio {row['ratio']:.2f}, identical {row['identical']}, load {row['load_after']}",
            file=sys.stderr,
            flush=True,
        )
    print("| sampler | fastsmote s | imblearn s | ratio | identical | load after |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['sampler']} | {r['fastsmote_s']:.2f} | {r['imblearn_s']:.2f} | "
            f"{r['ratio']:.2f} | {'yes' if r['identical'] else 'NO'} | {r['load_after']} |"
        )
    if args.json:
        write_json(args.json, {"machine": machine(), "rows": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
