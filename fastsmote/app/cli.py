"""The ``fastsmote`` command line: ``compare`` and ``evaluate`` (also ``python -m fastsmote``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence

import numpy as np

#: Rows of the default workload (W4's fraud-shaped generator, 0.17 % positives):
#: small enough that every sampler under both libraries finishes within about
#: three minutes on two cores, large enough that neighbour search dominates.
DEFAULT_ROWS = 30_000

#: Fewest rows --n-samples accepts (both commands).
MIN_ROWS = 10

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

#: What the columns of ``fastsmote compare`` mean (its --help and the README).
COLUMNS_HELP = """\
columns:
  imblearn s, fastsmote s  seconds of fit_resample, median of --repeat runs; each
                           library runs in a fresh process of its own, and process
                           start, imports and data loading are not timed
  compile s                fastsmote only: compiling its Numba kernels (or loading
                           them from Numba's cache) on a 2,000-row slice before the
                           timed runs; not included in "fastsmote s"
  speed-up                 imblearn s / fastsmote s
  imblearn MB, fastsmote MB
                           peak resident memory of the first run, in MiB above the
                           process's level just before it (sampled every 5 ms and
                           checked against the process's high-water mark)
  output                   identical (X, y, dtypes, row order, sample_indices_),
                           differs, same error (both raise the same exception
                           class), reference stopped (--budget), skipped"""


class UsageError(Exception):
    """A problem with the user's arguments or data, reported without a traceback."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    parts = []
    for name in ("imbalanced-learn", "scikit-learn", "numba"):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return f"fastsmote {__version__} ({', '.join(parts)})"


def check_output_file(path: str | None, option: str) -> None:
    """Refuse, before any work, a file that cannot be written.

    Raises
    ------
    UsageError
        When ``path`` is a directory, or its directory does not exist or is
        not writable.
    """
    if path is None:
        return
    if os.path.isdir(path):
        raise UsageError(f"{option} {path} is a directory; give a file name")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {path}: the directory {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{option} {path}: the directory {folder} is not writable")


def _load_data(args):
    from ..datasets import load_csv, make_workload
    from .names import single_class_message

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
    elif getattr(args, "table", None) is not None:
        from ..datasets import GENERATED_TABLES, load_real

        rows = args.n_samples if args.table in GENERATED_TABLES else None
        X, y = load_real(args.table, n_samples=rows)
        description = f"table {args.table} ({X.shape[0]:,} rows x {X.shape[1]} features)"
    else:
        name = args.workload or "W4"
        n_rows = args.n_samples
        if args.workload is None and n_rows is None:
            n_rows = DEFAULT_ROWS
        X, y = make_workload(name, n_samples=n_rows)
        description = f"workload {name} ({X.shape[0]:,} rows x {X.shape[1]} features)"
    classes, counts = np.unique(y, return_counts=True)
    if classes.size < 2:
        raise UsageError(single_class_message(classes[0], y.size))
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
    columns = ([("table", "table")] if rows and "table" in rows[0] else []) + _COLUMNS
    header = [title for title, _ in columns]
    body = [[_fmt(row.get(key), key) for _, key in columns] for row in rows]
    return render_table(header, body, markdown)


def render_table(header: list[str], body: list[list[str]], markdown: bool = False) -> str:
    """Rows of cells under a header, as aligned text or as a Markdown table."""
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(lines)


def compare_names(typed: Sequence[str]) -> list[str]:
    """Canonical ``compare`` sampler names of ``typed`` (the shared name matcher)."""
    from .compare import ALIASES, SAMPLERS
    from .names import match_names

    known = {name: ALIASES.get(name, ()) for name in SAMPLERS}
    return match_names(typed, known, error=UsageError)


def _compare_params(items):
    import inspect

    from .compare import reference_class
    from .names import parse_params

    def parameters(name):
        return inspect.signature(reference_class(name)).parameters

    return parse_params(items, lambda n: compare_names([n])[0], parameters, error=UsageError)


class _Progress:
    """One line per sampler on stderr: the library running, its elapsed time, and
    when done the times of both. On a terminal the line is redrawn every second."""

    def __init__(self, total: int, rows: int):
        self.total, self.rows = total, rows
        self.live = sys.stderr.isatty()

    def start(self, index: int, name: str) -> None:
        self.prefix = f"[{index}/{self.total}] {name} on {self.rows:,} rows"
        self.started = time.perf_counter()

    def tick(self, library: str, stage: str, seconds: float) -> None:
        if self.live:
            doing = "starting" if stage == "starting" else f"running {seconds:.0f} s"
            text = f"{self.prefix}: {library} {doing} ({self._elapsed()} in all)"
            print(f"\r\033[K{text}", end="", file=sys.stderr, flush=True)

    def _elapsed(self) -> str:
        seconds = time.perf_counter() - self.started
        return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"

    def done(self, row: dict) -> None:
        end = "\r\033[K" if self.live else ""
        times = ", ".join(
            f"{what} {_fmt(row[key], key)} s"
            for what, key in (("fastsmote", "fastsmote_seconds"), ("imblearn", "reference_seconds"))
            if row[key] is not None
        )
        times = f" ({times})" if times else ""
        print(
            f"{end}{self.prefix}: {row['check']}{times}, {self._elapsed()} in all",
            file=sys.stderr,
            flush=True,
        )


def _compare(args) -> int:
    from .compare import available_samplers

    if args.samplers is not None:
        names = compare_names([s for s in args.samplers.split(",") if s.strip()])
        if not names:
            raise UsageError("--samplers is empty; name at least one sampler")
        missing = [n for n in names if n not in available_samplers()]
        if missing:
            raise UsageError(f"not in this build of fastsmote yet: {', '.join(missing)}")
    else:
        names = available_samplers()
    params = _compare_params(args.param)
    unused = [n for n in params if n not in names]
    if unused:
        raise UsageError(f"--param names {', '.join(unused)}, which --samplers leaves out")
    budget = args.budget or None
    if getattr(args, "suite", None) == "real":
        return _compare_suite(args, names if args.samplers is not None else None, params, budget)
    X, y, description = _load_data(args)
    print(f"fastsmote compare: {description}; seed {args.seed}, repeat {args.repeat}", flush=True)
    print(
        "no time estimate: a cleaning sampler (TomekLinks, ENN, RENN, AllKNN, SMOTEENN, "
        "SMOTETomek) can take 100x an over-sampler; "
        + (f"imbalanced-learn runs stop after {budget:g} s" if budget else "no --budget"),
        file=sys.stderr,
        flush=True,
    )
    rows = _run_samplers(args, names, X, y, params, budget)
    print(format_table(rows))
    for row in rows:
        if row["note"]:
            print(f"note: {row['sampler']}: {row['note']}")
    if args.json:
        report = {"data": description, "seed": args.seed, "params": params, "results": rows}
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(f"Data: {description}\n\n{format_table(rows, markdown=True)}\n")
    differs = [r["sampler"] for r in rows if r["exact"] and r["check"] == "differs"]
    if differs:
        print(f"ERROR: output differs from imbalanced-learn for {', '.join(differs)}")
        return 1
    return 0


def _run_samplers(args, names, X, y, params, budget, **labels) -> list[dict]:
    """Each of ``names`` compared on ``X``, ``y`` with a progress line; one row
    each (``labels``, e.g. the table, first)."""
    from .compare import compare_sampler

    rows = []
    progress = _Progress(len(names), X.shape[0])
    for index, name in enumerate(names, 1):
        progress.start(index, name)
        result = compare_sampler(
            name,
            X,
            y,
            backend=args.backend,
            seed=args.seed,
            repeat=args.repeat,
            budget=budget,
            params=params.get(name),
            progress=progress.tick,
        )
        rows.append({**labels, **result.as_dict()})
        progress.done(rows[-1])
    return rows


def _compare_suite(args, names, params, budget) -> int:
    """``compare --suite real``: every table of the corpus, a summary per sampler."""
    from .compare_suite import SUITE_SAMPLERS, suite_tables, summarize, summary_table

    names = names or list(SUITE_SAMPLERS)
    rows = []
    for table, X, y in suite_tables(args.n_samples):
        print(f"table {table}: {X.shape[0]:,} rows x {X.shape[1]} features", flush=True)
        rows += _run_samplers(args, names, X, y, params, budget, table=table)
    print(format_table(rows))
    summary = summarize(rows)
    print()
    print(render_table(*summary_table(summary)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"suite": "real", "results": rows, "summary": summary}, f, indent=2)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(format_table(rows, markdown=True) + "\n")
    differs = [
        f"{r['sampler']} on {r['table']}" for r in rows if r["exact"] and r["check"] == "differs"
    ]
    if differs:
        print(f"ERROR: output differs from imbalanced-learn for {', '.join(differs)}")
        return 1
    return 0


def _check_compare_args(args) -> None:
    """Every argument check of ``compare`` that needs no data: before any work."""
    if args.repeat < 1:
        raise UsageError("--repeat must be at least 1")
    if args.budget is not None and args.budget < 0:
        raise UsageError(f"--budget must be 0 (no limit) or more seconds, got {args.budget:g}")
    if args.n_samples is not None:
        if args.csv is not None:
            raise UsageError("--n-samples applies to generated workloads, not to --csv")
        table = getattr(args, "table", None)
        if table is not None:
            from ..datasets import GENERATED_TABLES

            if table not in GENERATED_TABLES:
                raise UsageError(
                    f"--n-samples applies to generated tables ({', '.join(GENERATED_TABLES)}), "
                    f"not to {table}"
                )
        if args.n_samples < MIN_ROWS:
            raise UsageError(f"--n-samples must be at least {MIN_ROWS}, got {args.n_samples}")
    check_output_file(args.json, "--json")
    check_output_file(args.markdown, "--markdown")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``fastsmote`` command."""
    from ..datasets import REAL_TABLES
    from .compare import ALIASES, DEFAULT_BUDGET, SAMPLERS

    parser = argparse.ArgumentParser(
        prog="fastsmote",
        description=(
            "fastsmote: imbalanced-learn's SMOTE family and nearest-neighbour cleaning\n"
            "samplers, faster, with identical output."
        ),
        epilog=(
            "examples:\n"
            "  fastsmote compare --samplers SMOTE,TomekLinks --n-samples 20000\n"
            "  fastsmote evaluate --csv creditcard.csv --target Class --resamplers SMOTE\n"
            "'fastsmote COMMAND --help' describes each command."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    names = "\n".join(
        f"  {name}"
        + (f" (also {', '.join(ALIASES[name])})" if name in ALIASES else "")
        + (
            ": categorical data laid out as W6 (--workload W6)"
            if name in ("SMOTENC", "SMOTEN")
            else ""
        )
        for name in SAMPLERS
    )
    compare = commands.add_parser(
        "compare",
        help="run samplers under fastsmote and imbalanced-learn; compare speed and output "
        "(default data: a few minutes on 2 cores)",
        description=(
            "Run each sampler under fastsmote and imbalanced-learn on the same data and\n"
            "seed; print times, peak memory and whether the outputs are identical. Exits 1\n"
            "when an exact-backend output differs. With the default data (W4, 30,000 rows)\n"
            "the whole run takes a few minutes on two cores, most of it imbalanced-learn's\n"
            "cleaning samplers."
        ),
        epilog=f"samplers (case, '-' and '_' ignored):\n{names}\n\n{COLUMNS_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    data = compare.add_mutually_exclusive_group()
    data.add_argument(
        "--workload",
        choices=[f"W{i}" for i in range(1, 8)],
        help="a benchmark workload (default: W4's generator at 30,000 rows)",
    )
    data.add_argument("--csv", metavar="FILE", help="a numeric CSV file with a header row")
    data.add_argument(
        "--table",
        choices=REAL_TABLES,
        metavar="NAME",
        help="a table of the real-data corpus (fastsmote.datasets.REAL_TABLES: "
        + ", ".join(REAL_TABLES)
        + "; generated ones take --n-samples)",
    )
    data.add_argument(
        "--suite",
        choices=["real"],
        help="run the samplers on every table of the real-data corpus and summarise "
        "(generated tables at --n-samples rows, default 20,000; tens of minutes)",
    )
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
        "--samplers",
        metavar="NAMES",
        help="comma-separated sampler names, listed below (default: all)",
    )
    compare.add_argument(
        "--param",
        action="append",
        metavar="NAME.PARAMETER=VALUE",
        help="a constructor parameter for both libraries, repeatable, e.g. "
        "KMeansSMOTE.cluster_balance_threshold=0.001",
    )
    compare.add_argument(
        "--backend",
        default="auto",
        choices=["auto", "brute", "kdtree", "nndescent"],
        help="fastsmote's neighbour backend (default: auto)",
    )
    compare.add_argument("--seed", type=int, default=0, help="random_state (default: 0)")
    compare.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="timed runs per library, median shown (default: 1)",
    )
    compare.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET,
        metavar="SECONDS",
        help="stop an imbalanced-learn run whose resampling takes longer, and say so "
        f"(default: {DEFAULT_BUDGET:g}; 0: no limit)",
    )
    compare.add_argument("--json", metavar="FILE", help="write the results as JSON")
    compare.add_argument("--markdown", metavar="FILE", help="write the table as Markdown")
    from .evaluate.command import add_evaluate_parser

    add_evaluate_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fastsmote`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if args.command == "compare":
            _check_compare_args(args)
            return _compare(args)
        if args.command == "evaluate":
            from .evaluate.command import run_evaluate

            return run_evaluate(args)
    except UsageError as exc:
        print(f"fastsmote: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
