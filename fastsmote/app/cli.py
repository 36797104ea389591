"""The ``fastsmote`` command line: ``compare`` and ``evaluate`` (also ``python -m fastsmote``).

One parser: each command adds its own arguments (:mod:`fastsmote.app.compare.command`,
:mod:`fastsmote.app.evaluate.command`) on the shared data arguments of
:mod:`fastsmote.app.arguments`; :func:`main` runs the chosen one and turns a
:class:`~fastsmote.app.errors.UsageError` into a one-line message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import UsageError

__all__ = ["UsageError", "build_parser", "main"]


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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``fastsmote`` command.

    Returns
    -------
    argparse.ArgumentParser
        With the ``compare`` and ``evaluate`` subcommands; a parsed command
        carries the function that runs it as ``args.run``.

    Examples
    --------
    >>> args = build_parser().parse_args(["compare", "--samplers", "SMOTE"])
    >>> args.command, args.samplers, args.run.__name__
    ('compare', 'SMOTE', 'run_compare')
    """
    from .compare.command import add_parser as add_compare
    from .evaluate.command import add_parser as add_evaluate

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
    add_compare(commands)
    add_evaluate(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fastsmote`` console script and of ``python -m fastsmote``.

    Parameters
    ----------
    argv : sequence of str, default=None
        The arguments (``None``: the process's).

    Returns
    -------
    int
        0, 1 when ``compare`` found an output that differs, 2 for a usage error.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"fastsmote: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
