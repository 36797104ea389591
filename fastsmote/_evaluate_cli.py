"""The ``fastsmote evaluate`` subcommand: its arguments and what it prints and writes."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

#: Rows of the default data (W4's fraud-shaped generator, 0.2 % positives): the
#: whole default run (baseline and eight resamplers, logistic regression)
#: takes one to two minutes on two idle cores.
DEFAULT_ROWS = 50_000

#: Output directory when ``--out`` is not given.
DEFAULT_OUT = "fastsmote-evaluate"


def add_evaluate_parser(commands) -> argparse.ArgumentParser:
    """Add the ``evaluate`` subcommand to the ``fastsmote`` parser.

    Parameters
    ----------
    commands : argparse._SubParsersAction
        What ``parser.add_subparsers()`` returned.

    Returns
    -------
    argparse.ArgumentParser
        The subcommand's parser.
    """
    from .datasets import DEFAULT_WORKLOAD
    from .evaluate import CLASSIFIERS, RESAMPLERS

    parser = commands.add_parser(
        "evaluate",
        help="does resampling help a classifier on your data? baseline vs each resampler",
        description=(
            "Train a classifier on the imbalanced data (the baseline), then once per "
            "resampler (SMOTE, ADASYN, Borderline-SMOTE 1 and 2, SVM-SMOTE, KMeans-SMOTE, "
            "SMOTE-ENN, SMOTE-Tomek; SMOTE-NC with --categorical), resampling training rows "
            "only, and score every run on the same held-out rows. Prints a summary table; "
            "writes an HTML and a Markdown report with figures to --out."
        ),
    )
    data = parser.add_mutually_exclusive_group()
    data.add_argument(
        "--csv",
        metavar="FILE",
        help="a CSV file with a header row (e.g. the credit-card-fraud file, --target Class)",
    )
    data.add_argument(
        "--workload",
        choices=[f"W{i}" for i in range(1, 8)],
        help="a generated benchmark workload, full size unless --n-samples (with neither "
        f"--csv nor --workload: {DEFAULT_WORKLOAD}'s generator at {DEFAULT_ROWS:,} rows)",
    )
    parser.add_argument("--target", metavar="COLUMN", help="the class column of --csv")
    parser.add_argument(
        "--categorical",
        metavar="COLS",
        help="comma-separated categorical columns: kept as categories, and SMOTE-NC runs",
    )
    parser.add_argument("--n-samples", type=int, metavar="N", help="rows of the generated workload")
    parser.add_argument(
        "--classifier",
        choices=CLASSIFIERS,
        default="logreg",
        help="logistic regression (standardised), random forest or histogram gradient "
        "boosting (default: logreg)",
    )
    split = parser.add_mutually_exclusive_group()
    split.add_argument(
        "--test-size",
        type=float,
        default=0.25,
        metavar="SHARE",
        help="share of rows held out by the stratified split (default: 0.25)",
    )
    split.add_argument(
        "--cv", type=int, metavar="K", help="K-fold stratified cross-validation instead"
    )
    parser.add_argument(
        "--resamplers",
        metavar="NAMES",
        help=f"comma-separated subset of {', '.join(RESAMPLERS)} (default: all that apply)",
    )
    parser.add_argument(
        "--k-neighbors",
        type=int,
        metavar="K",
        help="neighbours of every resampler (default: each one's own, 5; KMeans-SMOTE 2)",
    )
    parser.add_argument(
        "--no-scale",
        action="store_true",
        help="resample the raw numeric columns (default: standardised before resampling)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random_state (default: 0)")
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=DEFAULT_OUT,
        help=f"directory of the report and figures (default: {DEFAULT_OUT}/)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--no-plots", action="store_true", help="write no figures")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also print each run's classification report and confusion matrix",
    )
    return parser


def run_evaluate(args: argparse.Namespace) -> int:
    """Run ``fastsmote evaluate`` with parsed arguments; returns the exit code.

    Raises
    ------
    fastsmote.cli.UsageError
        For arguments or data the evaluation cannot use (exit code 2).
    """
    from tqdm import tqdm

    from ._evaluate_report import format_summary, write_html, write_markdown
    from .cli import UsageError
    from .datasets import DEFAULT_WORKLOAD
    from .evaluate import EvaluationInputError, Settings, evaluate, load_table, workload_table

    categorical = [c.strip() for c in (args.categorical or "").split(",") if c.strip()]
    resamplers = None
    if args.resamplers is not None:
        resamplers = [r.strip() for r in args.resamplers.split(",") if r.strip()]
        if not resamplers:
            raise UsageError("--resamplers is empty; name at least one resampler")
    if args.k_neighbors is not None and args.k_neighbors < 1:
        raise UsageError(f"--k-neighbors must be at least 1, got {args.k_neighbors}")
    started = time.perf_counter()
    try:
        if args.csv is not None:
            if args.target is None:
                raise UsageError("--csv needs --target COLUMN: the column holding the classes")
            if args.n_samples is not None:
                raise UsageError("--n-samples applies to generated workloads, not to --csv")
            table = load_table(args.csv, args.target, categorical)
        else:
            if args.target is not None:
                raise UsageError("--target names a column of --csv; give --csv FILE too")
            if args.n_samples is not None and args.n_samples < 10:
                raise UsageError(f"--n-samples must be at least 10, got {args.n_samples}")
            name = args.workload or DEFAULT_WORKLOAD
            n_rows = args.n_samples
            if args.workload is None and n_rows is None:
                n_rows = DEFAULT_ROWS
            table = workload_table(name, n_rows, categorical)
        settings = Settings(
            classifier=args.classifier,
            test_size=args.test_size,
            cv=args.cv,
            seed=args.seed,
            k_neighbors=args.k_neighbors,
            scale=not args.no_scale,
            resamplers=resamplers,
        )
        print(f"fastsmote evaluate: {table.description}", flush=True)
        bar = tqdm(desc="evaluating", unit="run", file=sys.stderr, leave=False, disable=None)

        def progress(label: str) -> None:
            if bar.disable:  # not a terminal: one line per run, for logs
                print(f"evaluate: running {label}", file=sys.stderr, flush=True)
            bar.set_postfix_str(label)
            bar.update()

        try:
            result = evaluate(table, settings, progress=progress)
        finally:
            bar.close()
    except EvaluationInputError as exc:
        raise UsageError(str(exc)) from exc

    figures = {}
    os.makedirs(args.out, exist_ok=True)
    if not args.no_plots:
        try:
            from ._plots import write_figures

            figures = write_figures(result, args.out)
        except ImportError:
            print(
                "note: matplotlib is not installed, so no figures were drawn "
                "(pip install 'fastsmote[plots]')",
                file=sys.stderr,
            )
    result.figures = {name: os.path.abspath(path) for name, path in figures.items()}
    html_path = write_html(result, os.path.join(args.out, "report.html"), figures)
    md_path = write_markdown(result, os.path.join(args.out, "report.md"), figures)
    result.seconds = time.perf_counter() - started

    classes = ", ".join(f"{c}: {n:,}" for c, n in result.data["classes"].items())
    print(f"classes {classes}; classifier {args.classifier}", end="")
    print(f"; {args.cv}-fold cv" if args.cv else f"; test size {args.test_size:g}")
    for note in result.data["notes"]:
        print(f"note: {note}")
    print()
    print(format_summary(result))
    print("\nWhat this shows:")
    for run in result.runs:
        print(f"  {run.label}: {run.finding}")
    for line in result.findings:
        print(f"  - {line}")
    if args.verbose:
        for run in result.runs:
            if run.status == "ok":
                print(f"\n{run.label}\n{run.classification_report.rstrip()}")
                print(f"confusion matrix (rows true {result.labels}, columns predicted):")
                for label, row in zip(result.labels, run.confusion_matrix, strict=True):
                    print(f"  {label:>6}  " + "  ".join(f"{v:>8,}" for v in row))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result.as_dict(), f, indent=2)
    written = [html_path, md_path, *figures.values()]
    if args.json:
        written.append(args.json)
    print(f"\nwrote {', '.join(written)} in {result.seconds:.1f} s")
    return 0
