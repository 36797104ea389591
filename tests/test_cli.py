"""The ``fastsmote compare`` command: arguments, errors, a tiny CSV end to end."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from sklearn.datasets import make_classification

from fastsmote.cli import format_table, main
from fastsmote.compare import Result, _compare_errors, row_agreement


@pytest.fixture
def tiny_csv(tmp_path):
    X, y = make_classification(
        n_samples=400, n_features=5, weights=[0.85], random_state=0, n_informative=3
    )
    path = tmp_path / "tiny.csv"
    header = ",".join([f"f{i}" for i in range(5)] + ["Class"])
    rows = np.column_stack([X, y])
    np.savetxt(path, rows, delimiter=",", header=header, comments="", fmt="%.17g")
    return path


def test_compare_tiny_csv_end_to_end(tiny_csv, tmp_path, capsys):
    out_json = tmp_path / "out.json"
    out_md = tmp_path / "out.md"
    status = main(
        [
            "compare",
            "--csv",
            str(tiny_csv),
            "--target",
            "Class",
            "--samplers",
            "SMOTE",
            "--json",
            str(out_json),
            "--markdown",
            str(out_md),
        ]
    )
    assert status == 0
    printed = capsys.readouterr().out
    assert "identical" in printed
    report = json.loads(out_json.read_text())
    assert set(report) == {"data", "seed", "results"}
    (row,) = report["results"]
    expected_keys = {
        "sampler", "backend", "reference_seconds", "fastsmote_seconds", "compile_seconds",
        "speedup", "reference_peak_mb", "fastsmote_peak_mb", "check", "agreement",
        "rows_out", "note", "exact", "details",
    }  # fmt: skip
    assert set(row) == expected_keys
    assert row["sampler"] == "SMOTE"
    assert row["check"] == "identical"
    assert row["exact"] is True
    assert row["rows_out"] == 2 * int(
        (np.loadtxt(tiny_csv, delimiter=",", skiprows=1)[:, -1] == 0).sum()
    )
    assert row["fastsmote_seconds"] > 0 and row["reference_seconds"] > 0
    assert out_md.read_text().count("| SMOTE |") == 1


def test_compare_budget_stops_reference(tiny_csv, capsys):
    status = main(
        ["compare", "--csv", str(tiny_csv), "--target", "Class", "--samplers", "SMOTE",
         "--budget", "0.001"]
    )  # fmt: skip
    assert status == 0
    printed = capsys.readouterr().out
    assert "reference stopped" in printed
    assert "did not finish within the 0.001 s budget" in printed


@pytest.mark.parametrize(
    "argv, message",
    [
        (["compare", "--csv", "/no/such/file.csv", "--target", "y"], "no such file"),
        (["compare", "--csv", "{csv}", "--target", "nope"], "nope"),
        (["compare", "--csv", "{csv}"], "--csv needs --target"),
        (["compare", "--samplers", "NotASampler"], "unknown sampler"),
        (["compare", "--repeat", "0"], "--repeat must be at least 1"),
    ],
)
def test_compare_usage_errors(argv, message, tiny_csv, capsys):
    argv = [a.replace("{csv}", str(tiny_csv)) for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_compare_rejects_non_numeric_and_single_class(tmp_path, capsys):
    text = tmp_path / "text.csv"
    text.write_text("a,b,Class\n1,x,0\n2,y,1\n3,z,0\n")
    assert main(["compare", "--csv", str(text), "--target", "Class"]) == 2
    err = capsys.readouterr().err
    assert "b" in err and "--categorical" in err
    single = tmp_path / "single.csv"
    single.write_text("a,Class\n1,0\n2,0\n3,0\n")
    assert main(["compare", "--csv", str(single), "--target", "Class"]) == 2
    assert "single class" in capsys.readouterr().err


def test_python_dash_m_runs():
    done = subprocess.run(
        [sys.executable, "-m", "fastsmote", "compare", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "--budget" in done.stdout


def test_row_agreement_counts_shared_rows():
    reference = np.array([[0.0, 1.0], [2.0, 3.0]])
    candidate = np.array([[0.0, 1.0], [9.0, 9.0], [2.0, 3.0], [2.0, 3.0]])
    assert row_agreement(reference, candidate) == 0.75


def test_format_table_markdown_has_header_and_rows():
    row = {"sampler": "SMOTE", "backend": "auto", "speedup": 2.5, "check": "identical"}
    table = format_table([row], markdown=True).splitlines()
    assert table[0].startswith("| sampler |")
    assert "2.50x" in table[2]


class _Raises:
    def __init__(self, error):
        self.error = error

    def fit_resample(self, X, y):
        raise self.error


class _Works:
    def fit_resample(self, X, y):
        return X, y


@pytest.mark.parametrize(
    "reference, check",
    [
        (_Raises(RuntimeError("no cluster")), "same error"),
        (_Raises(RuntimeError("another message")), "differs"),
        (_Raises(ValueError("no cluster")), "differs"),
        (_Works(), "differs"),
    ],
)
def test_compare_errors_needs_same_class_and_message(reference, check):
    result = _compare_errors(
        Result(sampler="KMeansSMOTE", backend="auto"),
        RuntimeError("no cluster"),
        lambda: reference,
        None,
        None,
    )
    assert result.check == check
    assert "RuntimeError" in result.note
