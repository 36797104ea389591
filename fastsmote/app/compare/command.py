"""The ``fastsmote compare`` subcommand: its arguments, checks and run."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ..errors import UsageError

__all__ = ["add_parser", "compare_names", "run_compare"]


def compare_names(typed: Sequence[str]) -> list[str]:
    """Canonical sampler names of ``typed`` (the shared name matcher).

    Examples
    --------
    >>> compare_names(["enn", "smote-tomek"])
    ['EditedNearestNeighbours', 'SMOTETomek']
    """
    from ..._registry import SAMPLERS
    from ..names import match_names

    known = {name: spec.aliases for name, spec in SAMPLERS.items()}
    return match_names(typed, known, error=UsageError)


def _params(items: Sequence[str] | None) -> dict[str, dict]:
    import inspect

    from ..._registry import SAMPLERS
    from ..names import parse_params

    def parameters(name):
        return inspect.signature(SAMPLERS[name].reference_class).parameters

    return parse_params(items, lambda n: compare_names([n])[0], parameters, error=UsageError)


def add_parser(commands) -> argparse.ArgumentParser:
    """Add the ``compare`` subcommand to the ``fastsmote`` parser.

    Parameters
    ----------
    commands : argparse._SubParsersAction
        What ``parser.add_subparsers()`` returned.

    Returns
    -------
    argparse.ArgumentParser
        The subcommand's parser.
    """
    from ..._registry import SAMPLERS
    from ...datasets import DEFAULT_WORKLOAD
    from ...neighbors import BACKENDS
    from ..arguments import DEFAULT_ROWS, add_data_arguments
    from .engine import DEFAULT_BUDGET
    from .table import COLUMNS_HELP

    names = "\n".join(
        f"  {name}"
        + (f" (also {', '.join(spec.aliases)})" if spec.aliases else "")
        + (
            ": categorical data (--csv FILE --categorical COLS, or --workload W6)"
            if spec.data != "continuous"
            else ""
        )
        for name, spec in SAMPLERS.items()
    )
    parser = commands.add_parser(
        "compare",
        help="run samplers under fastsmote and imbalanced-learn; compare speed and output "
        "(default data: a few minutes on 2 cores)",
        description=(
            "Run each sampler under fastsmote and imbalanced-learn on the same data and\n"
            "seed; print times, peak memory and whether the outputs are identical. Exits 1\n"
            f"when an exact-backend output differs. With the default data ({DEFAULT_WORKLOAD}, "
            f"{DEFAULT_ROWS:,} rows)\n"
            "the whole run takes a few minutes on two cores, most of it imbalanced-learn's\n"
            "cleaning samplers."
        ),
        epilog=f"samplers (case, '-' and '_' ignored):\n{names}\n\n{COLUMNS_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_data_arguments(parser, corpus=True)
    parser.add_argument(
        "--samplers",
        metavar="NAMES",
        help=(
            "comma-separated sampler names, listed below (default: all but the "
            "prototype-selection under-samplers, NearMiss and others, which run when named)"
        ),
    )
    parser.add_argument(
        "--param",
        action="append",
        metavar="NAME.PARAMETER=VALUE",
        help="a constructor parameter for both libraries, repeatable, e.g. "
        "KMeansSMOTE.cluster_balance_threshold=0.001",
    )
    parser.add_argument(
        "--backend",
        default="auto",
        choices=list(BACKENDS),
        help="fastsmote's neighbour backend (default: auto)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random_state (default: 0)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="timed runs per library, median shown (default: 1)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET,
        metavar="SECONDS",
        help="stop an imbalanced-learn run whose resampling takes longer, and say so "
        f"(default: {DEFAULT_BUDGET:g}; 0: no limit)",
    )
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON")
    parser.add_argument("--markdown", metavar="FILE", help="write the table as Markdown")
    parser.set_defaults(run=run_compare)
    return parser


def _check_arguments(args: argparse.Namespace) -> tuple[list[str], dict[str, dict]]:
    """Every check that needs no data, before any work; returns the samplers and
    their parameters."""
    from ..._registry import COMPARED
    from ..arguments import check_data_arguments, check_output_file

    if args.repeat < 1:
        raise UsageError("--repeat must be at least 1")
    if args.budget is not None and args.budget < 0:
        raise UsageError(f"--budget must be 0 (no limit) or more seconds, got {args.budget:g}")
    check_data_arguments(args)
    check_output_file(args.json, "--json")
    check_output_file(args.markdown, "--markdown")
    if args.samplers is not None:
        names = compare_names([s for s in args.samplers.split(",") if s.strip()])
        if not names:
            raise UsageError("--samplers is empty; name at least one sampler")
    else:
        names = list(COMPARED)
    params = _params(args.param)
    unused = [n for n in params if n not in names]
    if unused:
        raise UsageError(f"--param names {', '.join(unused)}, which --samplers leaves out")
    return names, params


def run_compare(args: argparse.Namespace) -> int:
    """Run ``fastsmote compare`` with parsed arguments; returns the exit code.

    Raises
    ------
    fastsmote.app.errors.UsageError
        For arguments or data the comparison cannot use (exit code 2).
    """
    from .. import data
    from .table import format_table

    names, params = _check_arguments(args)
    budget = args.budget or None
    if args.suite == "real":
        return _run_suite(args, names if args.samplers is not None else None, params, budget)
    # Strict: the samplers take no missing value; the workload keeps its dtype
    # (W7 is float32), as both libraries get it.
    table = data.load_data(args, strict=True, dtype=None)
    description = f"{table.description}; classes {_balance(table.y)}"
    print(f"fastsmote compare: {description}; seed {args.seed}, repeat {args.repeat}", flush=True)
    for note in table.notes:
        print(f"note: {note}")
    print(
        "no time estimate: a cleaning sampler (TomekLinks, ENN, RENN, AllKNN, SMOTEENN, "
        "SMOTETomek) can take 100x an over-sampler; "
        + (f"imbalanced-learn runs stop after {budget:g} s" if budget else "no --budget"),
        file=sys.stderr,
        flush=True,
    )
    rows = _run_samplers(args, names, table.X, table.y, params, budget, table.categorical)
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
    return _exit_code([r["sampler"] for r in rows if r["exact"] and r["check"] == "differs"])


def _balance(y) -> str:
    import numpy as np

    classes, counts = np.unique(y, return_counts=True)
    return ", ".join(f"{c}: {n:,}" for c, n in zip(classes, counts, strict=True))


def _exit_code(differs: list[str]) -> int:
    if differs:
        print(f"ERROR: output differs from imbalanced-learn for {', '.join(differs)}")
        return 1
    return 0


def _run_samplers(args, names, X, y, params, budget, categorical=(), **labels) -> list[dict]:
    """Each of ``names`` compared on ``X``, ``y`` with a progress line; one row
    each (``labels``, e.g. the table, first)."""
    from .engine import compare_sampler
    from .table import Progress

    rows = []
    progress = Progress(len(names), X.shape[0])
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
            categorical=categorical,
        )
        rows.append({**labels, **result.as_dict()})
        progress.done(rows[-1])
    return rows


def _run_suite(args, names, params, budget) -> int:
    """``compare --suite real``: every table of the corpus, a summary per sampler
    (by default the registry's :data:`~fastsmote._registry.SUITE`)."""
    from ..._registry import SUITE
    from . import suite
    from .table import format_table, render_table

    names = names or list(SUITE)
    rows = []
    for table, X, y in suite.suite_tables(args.n_samples):
        print(f"table {table}: {X.shape[0]:,} rows x {X.shape[1]} features", flush=True)
        rows += _run_samplers(args, names, X, y, params, budget, table=table)
    print(format_table(rows))
    summary = suite.summarize(rows)
    print()
    print(render_table(*suite.summary_table(summary)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"suite": "real", "results": rows, "summary": summary}, f, indent=2)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(format_table(rows, markdown=True) + "\n")
    return _exit_code(
        [f"{r['sampler']} on {r['table']}" for r in rows if r["exact"] and r["check"] == "differs"]
    )
