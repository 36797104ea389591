"""What ``compare`` and ``evaluate`` share on the command line: the data
arguments, their defaults and checks, and the check of an output file."""

from __future__ import annotations

import argparse
import os

from .errors import UsageError

__all__ = [
    "DEFAULT_ROWS",
    "MIN_ROWS",
    "add_data_arguments",
    "categorical_names",
    "check_data_arguments",
    "check_output_file",
]

#: Rows of the default data (the default workload's fraud-shaped generator,
#: 0.17 % positives) of both commands: small enough that every sampler under
#: both libraries finishes within about three minutes on two cores (compare;
#: the whole default evaluation takes about 10 s once kernels are compiled),
#: large enough that neighbour search dominates.
DEFAULT_ROWS = 30_000

#: Fewest rows --n-samples accepts (both commands).
MIN_ROWS = 10

#: The workloads --workload chooses from.
WORKLOAD_CHOICES = [f"W{i}" for i in range(1, 8)]


def add_data_arguments(parser: argparse.ArgumentParser, corpus: bool = False) -> None:
    """Add the data arguments to a command's parser.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The command's parser.
    corpus : bool, default=False
        Also offer the real-data corpus: ``--table`` and ``--suite real``
        (``compare`` only).
    """
    from ..datasets import DEFAULT_WORKLOAD, REAL_TABLES

    data = parser.add_mutually_exclusive_group()
    data.add_argument(
        "--workload",
        choices=WORKLOAD_CHOICES,
        help="a generated benchmark workload, full size unless --n-samples (with no other "
        f"data: {DEFAULT_WORKLOAD}'s generator at {DEFAULT_ROWS:,} rows)",
    )
    data.add_argument(
        "--csv",
        metavar="FILE",
        help="a CSV file with a header row (e.g. the credit-card-fraud file, --target Class)",
    )
    if corpus:
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
    parser.add_argument("--target", metavar="COLUMN", help="the class column of --csv")
    parser.add_argument(
        "--categorical",
        metavar="COLS",
        help="comma-separated categorical columns: kept as categories, and SMOTE-NC runs "
        "(with --csv, or x0, x1, ... of a workload)",
    )
    parser.add_argument(
        "--n-samples", type=int, metavar="N", help="rows of the generated workload or table"
    )


def categorical_names(args: argparse.Namespace) -> list[str]:
    """The column names of ``--categorical``, in order."""
    return [c.strip() for c in (args.categorical or "").split(",") if c.strip()]


def check_data_arguments(args: argparse.Namespace) -> None:
    """Every check of the data arguments that needs no data: before any work.

    Raises
    ------
    UsageError
        For ``--csv`` without ``--target`` (or the reverse), or ``--n-samples``
        where it does not apply or is too small.
    """
    if args.csv is not None and args.target is None:
        raise UsageError("--csv needs --target COLUMN: the column holding the classes")
    if args.csv is None and args.target is not None:
        raise UsageError("--target names a column of --csv; give --csv FILE too")
    if args.n_samples is None:
        return
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
