"""The ``fastsmote evaluate`` subcommand: its arguments and what it prints and writes."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from ..errors import EvaluationInputError, UsageError

#: Output directory when ``--out`` is not given.
DEFAULT_OUT = "fastsmote-evaluate"


def add_parser(commands) -> argparse.ArgumentParser:
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
    from ..arguments import add_data_arguments
    from .resamplers import RESAMPLERS
    from .runs import CLASSIFIERS

    parser = commands.add_parser(
        "evaluate",
        help="does resampling help a classifier on your data? baseline vs each resampler "
        "(default data: about 10 s on 2 cores once the kernels are compiled)",
        description=(
            "Train a classifier on the imbalanced data (the baseline), then once per "
            "resampler (SMOTE, ADASYN, Borderline-SMOTE 1 and 2, SVM-SMOTE, KMeans-SMOTE, "
            "SMOTE-ENN, SMOTE-Tomek; SMOTE-NC with --categorical), resampling training rows "
            "only, and score every run on the same held-out rows. Prints a summary table; "
            "writes an HTML and a Markdown report with figures to --out."
        ),
    )
    add_data_arguments(parser)
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
        help=(
            f"comma-separated subset of {', '.join(RESAMPLERS)} (default: all that "
            "apply, but the prototype-selection under-samplers run only when named)"
        ),
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
        "--param",
        action="append",
        metavar="NAME.PARAMETER=VALUE",
        help="a constructor parameter of one resampler, repeatable, e.g. "
        "KMeansSMOTE.cluster_balance_threshold=0.001",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=DEFAULT_OUT,
        help=f"directory of the report and figures (default: {DEFAULT_OUT}/); "
        "refused when it already holds files, unless --force",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite the files of an existing --out"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--no-plots", action="store_true", help="write no figures")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also print each run's classification report and confusion matrix",
    )
    parser.set_defaults(run=run_evaluate)
    return parser


def _check_arguments(args: argparse.Namespace) -> tuple[list[str] | None, dict]:
    """Every check that needs no data, before any work: resampler names,
    parameters, numbers and output paths. Returns the resamplers and parameters."""
    import inspect

    from ..arguments import check_data_arguments, check_output_file
    from ..names import parse_params
    from .resamplers import RESAMPLERS, resolve_resamplers

    try:
        resamplers = None
        if args.resamplers is not None:
            resamplers = [r.strip() for r in args.resamplers.split(",") if r.strip()]
            if not resamplers:
                raise UsageError("--resamplers is empty; name at least one resampler")
            resamplers = [r.name for r in resolve_resamplers(resamplers, True)]

        def resolve(name):
            return resolve_resamplers([name], True)[0].name

        def parameters(name):
            return inspect.signature(RESAMPLERS[name].fastsmote_class).parameters

        params = parse_params(args.param, resolve, parameters, error=UsageError)
    except EvaluationInputError as exc:
        raise UsageError(str(exc)) from exc
    unused = [n for n in params if resamplers is not None and n not in resamplers]
    if unused:
        raise UsageError(f"--param names {', '.join(unused)}, which --resamplers leaves out")
    if args.k_neighbors is not None and args.k_neighbors < 1:
        raise UsageError(f"--k-neighbors must be at least 1, got {args.k_neighbors}")
    if args.cv is None and not 0 < args.test_size < 1:
        raise UsageError(
            f"--test-size must be between 0 and 1 (a share of the rows), got {args.test_size:g}"
        )
    if args.cv is not None and args.cv < 2:
        raise UsageError(f"--cv needs at least 2 folds, got {args.cv}")
    check_data_arguments(args)
    check_output_file(args.json, "--json")
    out = args.out
    if os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"--out {out} is a file; --out names a directory for the report")
    if os.path.isdir(out) and os.listdir(out) and not args.force:
        raise UsageError(
            f"--out {out} already holds files (an earlier report?); pass --force to "
            "overwrite them, or choose another --out"
        )
    parent = os.path.dirname(os.path.abspath(out))
    while not os.path.isdir(parent):
        parent = os.path.dirname(parent)
    if not os.access(parent if not os.path.isdir(out) else out, os.W_OK):
        raise UsageError(f"--out {out}: cannot write there")
    return resamplers, params


def run_evaluate(args: argparse.Namespace) -> int:
    """Run ``fastsmote evaluate`` with parsed arguments; returns the exit code.

    Raises
    ------
    fastsmote.app.errors.UsageError
        For arguments or data the evaluation cannot use (exit code 2).
    """
    import numpy as np
    from tqdm import tqdm

    from .. import data
    from .plots import FIGURES
    from .report import format_summary, write_html, write_markdown
    from .runs import Settings, evaluate

    resamplers, params = _check_arguments(args)
    started = time.perf_counter()
    table = data.load_data(args, strict=False, dtype=np.float64)
    try:
        settings = Settings(
            classifier=args.classifier,
            test_size=args.test_size,
            cv=args.cv,
            seed=args.seed,
            k_neighbors=args.k_neighbors,
            scale=not args.no_scale,
            resamplers=resamplers,
            params=params,
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
    if args.force:
        for name in ("report.html", "report.md", *FIGURES):
            if os.path.exists(os.path.join(args.out, name)):
                os.remove(os.path.join(args.out, name))  # no stale figure stays behind
    if not args.no_plots:
        try:
            from .plots import write_figures

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
