"""The ``fastsmote`` command line: ``fastsmote compare`` (also ``python -m fastsmote``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import numpy as np

#: Rows of the default workload (W4's fraud-shaped generator, 0.17 % positives):
#: small enough that every sampler under both libraries finishes within about
#: three minutes on two cores, large enough that neighbour search dominates.
DEFAULT_ROWS = 30_000

_COLUMNS = [
    ("sampler", "sampler"),
    ("backend", "backend"),
    ("imblearn s", "reference_seconds"),
    ("fastsmote s", "fastsmote_seconds"),
    ("compile s", "compile_seconds"),
    ("speed-up", "speedup"),
    ("imblearn MB", "reference_peak_mb"),
    ("fastsmote MB", "fastsmote_peak_mb"),
    ("output", "check"),
]


class UsageError(Exception):
    """A problem with the user's arguments or data, reported without a traceback."""


def _load_data(args):
    from .datasets import load_csv, make_workload

    if args.csv is not None:
        if args.target is None:
            raise UsageError("--csv needs --target COLUMN: the column holding the classes.")
        try:
            X, y, names = load_csv(args.csv, args.target)
        except FileNotFoundError as exc:
            raise UsageError(f"no such file: {args.csv}") from exc
        except (KeyError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            if "numeric" in str(message) and not args.categorical:
                message = f"{message} (pass --categorical COLS for SMOTE-NC)"
            raise UsageError(str(message)) from exc
        description = f"{args.csv} ({X.shape[0]:,} rows x {X.shape[1]} features)"
    else:
        name = args.workload or "W4"
        n_rows = args.n_samples
        if args.workload is None and n_rows is None:
            n_rows = DEFAULT_ROWS
        X, y = make_workload(name, n_samples=n_rows)
        description = f"workload {name} ({X.shape[0]:,} rows x {X.shape[1]} features)"
    classes, counts = np.unique(y, return_counts=True)
    if classes.size < 2:
        raise UsageError(
            f"the target has a single class ({classes[0]!r}); resampling needs at least two."
        )
    balance = ", ".join(f"{c}: {n:,}" for c, n in zip(classes, counts, strict=True))
    return X, y, f"{description}; classes {balance}"


def _fmt(value, key):
    if value is None:
        return "-"
    if key == "speedup":
        return f"{value:.2f}x"
    if isinstance(value, float):
        return f"{value:.3f}" if key.endswith("seconds") else f"{value:.1f}"
    return str(value)


def format_table(rows: list[dict], markdown: bool = False) -> str:
    """The comparison table as aligned text, or as a Markdown table."""
    header = [title for title, _ in _COLUMNS]
    body = [[_fmt(row.get(key), key) for _, key in _COLUMNS] for row in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(lines)


def _compare(args) -> int:
    from tqdm import tqdm

    from .compare import SAMPLERS, available_samplers, compare_sampler

    available = available_samplers()
    if args.samplers:
        names = [s.strip() for s in args.samplers.split(",") if s.strip()]
        unknown = [n for n in names if n not in SAMPLERS]
        if unknown:
            raise UsageError(
                f"unknown sampler(s) {', '.join(unknown)}; choose from {', '.join(SAMPLERS)}"
            )
        missing = [n for n in names if n not in available]
        if missing:
            raise UsageError(f"not in this build of fastsmote yet: {', '.join(missing)}")
    else:
        names = available
    X, y, description = _load_data(args)
    print(f"fastsmote compare: {description}; seed {args.seed}, repeat {args.repeat}")
    results = []
    progress = tqdm(names, desc="comparing", unit="sampler", file=sys.stderr, leave=False)
    for name in progress:
        progress.set_postfix_str(name)
        result = compare_sampler(
            name,
            X,
            y,
            backend=args.backend,
            seed=args.seed,
            repeat=args.repeat,
            budget=args.budget,
        )
        results.append(result.as_dict())
    rows = results
    print(format_table(rows))
    for row in rows:
        if row["note"]:
            print(f"note: {row['sampler']}: {row['note']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"data": description, "seed": args.seed, "results": rows}, f, indent=2)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(f"Data: {description}\n\n{format_table(rows, markdown=True)}\n")
    differs = [r["sampler"] for r in rows if r["exact"] and r["check"] == "differs"]
    if differs:
        print(f"ERROR: output differs from imbalanced-learn for {', '.join(differs)}")
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``fastsmote`` command."""
    parser = argparse.ArgumentParser(
        prog="fastsmote", description="fastsmote: imbalanced-learn's SMOTE family, faster."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    compare = commands.add_parser(
        "compare",
        help="run samplers under fastsmote and imbalanced-learn; compare speed and output",
        description=(
            "Run each sampler under fastsmote and imbalanced-learn on the same data and "
            "seed; print times (median of --repeat runs; fastsmote warm, compile time "
            "apart), peak memory and whether the outputs are identical. Exits 1 when an "
            "exact-backend output differs."
        ),
    )
    data = compare.add_mutually_exclusive_group()
    data.add_argument(
        "--workload",
        choices=[f"W{i}" for i in range(1, 8)],
        help="a benchmark workload (default: W4's generator at 30,000 rows)",
    )
    data.add_argument("--csv", metavar="FILE", help="a CSV file with a header row")
    compare.add_argument("--target", metavar="COLUMN", help="the class column of --csv")
    compare.add_argument(
        "--categorical",
        metavar="COLS",
        help="categorical columns of --csv, comma-separated (SMOTE-NC)",
    )
    compare.add_argument(
        "--n-samples", type=int, metavar="N", help="generate the workload with N rows"
    )
    compare.add_argument(
        "--samplers", metavar="NAMES", help="comma-separated sampler names (default: all available)"
    )
    compare.add_argument(
        "--backend",
        default="auto",
        choices=["auto", "brute", "kdtree", "nndescent"],
        help="fastsmote's neighbour backend (default: auto)",
    )
    compare.add_argument("--seed", type=int, default=0, help="random_state (default: 0)")
    compare.add_argument("--repeat", type=int, default=1, help="timed runs per library")
    compare.add_argument(
        "--budget",
        type=float,
        metavar="SECONDS",
        help="stop an imbalanced-learn run after this long, and say so",
    )
    compare.add_argument("--json", metavar="FILE", help="write the results as JSON")
    compare.add_argument("--markdown", metavar="FILE", help="write the table as Markdown")
    from ._evaluate_cli import add_evaluate_parser

    add_evaluate_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fastsmote`` console script."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "compare" and args.repeat < 1:
            raise UsageError("--repeat must be at least 1")
        if args.command == "compare":
            return _compare(args)
        if args.command == "evaluate":
            from ._evaluate_cli import run_evaluate

            return run_evaluate(args)
    except UsageError as exc:
        print(f"fastsmote: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
