"""Issue #16: both commands on one loader, one set of data arguments and
defaults, and ``compare --categorical`` running SMOTE-NC and SMOTE-N."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.datasets import make_classification
from test_cli import _csv

from fastsmote.app.cli import main


@pytest.fixture
def mixed_csv(tmp_path):
    """300 rows: three numeric columns, a text column of 4 categories, Class."""
    X, y = make_classification(
        n_samples=300, n_features=3, n_redundant=0, weights=[0.8], random_state=0
    )
    colour = np.array(["red", "green", "blue", "grey"])[(np.abs(X[:, 0]) * 3).astype(int) % 4]
    path = tmp_path / "mixed.csv"
    lines = ["a,b,c,colour,Class"]
    lines += [
        f"{r[0]:.17g},{r[1]:.17g},{r[2]:.17g},{c},{label}"
        for r, c, label in zip(X, colour, y, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_compare_categorical_runs_smotenc_and_smoten_on_the_named_columns(mixed_csv, tmp_path):
    out = tmp_path / "out.json"
    argv = ["compare", "--csv", mixed_csv, "--target", "Class", "--categorical", "colour",
            "--samplers", "SMOTENC,SMOTEN,SMOTE", "--budget", "0", "--json", str(out)]  # fmt: skip
    assert main(argv) == 0
    rows = {row["sampler"]: row for row in json.loads(out.read_text())["results"]}
    assert {name: row["check"] for name, row in rows.items()} == {
        "SMOTENC": "identical", "SMOTEN": "identical", "SMOTE": "identical",
    }  # fmt: skip
    assert rows["SMOTEN"]["rows_out"] == rows["SMOTENC"]["rows_out"] > 300


def test_compare_without_categorical_columns_skips_the_categorical_samplers(tmp_path, capsys):
    X, y = make_classification(n_samples=300, n_features=4, weights=[0.85], random_state=0)
    path = _csv(tmp_path / "numeric.csv", X, y)
    argv = ["compare", "--csv", path, "--target", "Class", "--samplers", "SMOTENC"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "--categorical COLS" in out


def test_compare_refuses_a_text_column_and_names_the_option(mixed_csv, capsys):
    assert main(["compare", "--csv", mixed_csv, "--target", "Class"]) == 2
    err = capsys.readouterr().err
    assert "non-numeric feature column(s)" in err and "--categorical colour" in err


def test_compare_workload_w6_runs_smotenc_on_its_declared_columns(capsys):
    argv = ["compare", "--workload", "W6", "--n-samples", "1000", "--samplers", "SMOTENC",
            "--budget", "0"]  # fmt: skip
    assert main(argv) == 0
    assert "identical" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["compare", "--target", "Class"], "--target names a column of --csv"),
        (["evaluate", "--target", "Class"], "--target names a column of --csv"),
        (["compare", "--workload", "W1", "--categorical", "nope", "--n-samples", "100"],
         "column 'nope' not found in workload"),
    ],
)  # fmt: skip
def test_both_commands_check_data_arguments_alike(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_both_commands_share_the_defaults():
    from fastsmote.app.arguments import DEFAULT_ROWS
    from fastsmote.app.cli import build_parser

    parser = build_parser()
    for command in ("compare", "evaluate"):
        args = parser.parse_args([command])
        assert args.workload is None and args.n_samples is None  # -> DEFAULT_ROWS rows
        assert args.run.__module__ == f"fastsmote.app.{command}.command"
    assert DEFAULT_ROWS == 30_000


@pytest.mark.parametrize(
    "module",
    [
        "fastsmote.app.cli",
        "fastsmote.app.data",
        "fastsmote.app.compare.command",
        "fastsmote.app.compare.engine",
        "fastsmote.app.compare.processes",
        "fastsmote.app.compare.suite",
        "fastsmote.app.compare.table",
        "fastsmote.app.evaluate.results",
    ],
)
def test_app_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
