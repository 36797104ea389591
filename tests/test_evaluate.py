"""``fastsmote evaluate``: end to end on tiny CSV files, its outputs, and its errors.

Every data set here has a few hundred rows, so each run of the command takes
about a second; the whole file runs in well under a minute.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.metrics import average_precision_score

from fastsmote.app.cli import main
from fastsmote.app.evaluate import (
    Settings,
    evaluate,
    load_table,
    resolve_resamplers,
    workload_table,
)
from fastsmote.app.evaluate.scores import average_precision, pr_auc_change_interval

FIGURES = ("class_counts.png", "confusion_matrices.png", "pr_curves.png")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def write_csv(path, X, y, names, quote_header=True, extra=None):
    """Write X, y as a CSV file in the credit-card-fraud layout (quoted header)."""
    extra = extra or {}
    header = [*names, *extra, "Class"]
    with open(path, "w") as f:
        f.write(",".join(f'"{n}"' if quote_header else n for n in header) + "\n")
        for i, (row, label) in enumerate(zip(X, y, strict=True)):
            cells = ["" if np.isnan(v) else repr(float(v)) for v in row]
            cells += [str(column[i]) for column in extra.values()]
            f.write(",".join(cells) + f',"{label}"\n')
    return str(path)


@pytest.fixture
def tiny_csv(tmp_path):
    return write_tiny_csv(tmp_path)


def write_tiny_csv(tmp_path):
    """300 rows, 12 % minority, columns Time, V1..V4, Amount, Class; a few cells empty."""
    X, y = make_classification(
        n_samples=300,
        n_features=6,
        n_informative=4,
        n_redundant=1,
        weights=[0.88],
        flip_y=0,
        random_state=0,
    )
    X[[3, 50, 120], [1, 2, 5]] = np.nan
    names = ["Time", "V1", "V2", "V3", "V4", "Amount"]
    return write_csv(tmp_path / "creditcard.csv", X, y, names)


def run_cli(*args):
    return main(["evaluate", *map(str, args)])


def test_end_to_end_on_a_tiny_csv(tiny_csv, tmp_path, capsys):
    out, json_path = tmp_path / "report", tmp_path / "result.json"
    code = run_cli(
        "--csv", tiny_csv, "--target", "Class", "--resamplers", "SMOTE,ADASYN",
        "--classifier", "logreg", "--out", out, "--json", json_path,
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    # The summary table: a header line and one line per run.
    assert "PR-AUC" in printed and "recall 1" in printed
    for label in ("baseline", "SMOTE", "ADASYN"):
        assert any(line.startswith(label) for line in printed.splitlines())
    assert "What this shows:" in printed

    # Figures: non-empty PNG files, referenced by both reports.
    html = (out / "report.html").read_text()
    markdown = (out / "report.md").read_text()
    for name in FIGURES:
        data = (out / name).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 10_000
        assert f"src='{name}'" in html
        assert f"({name})" in markdown

    # JSON schema.
    result = json.loads(json_path.read_text())
    assert set(result) >= {"data", "settings", "labels", "minority", "runs", "findings"}
    assert result["labels"] == ["0", "1"] and result["minority"] == "1"
    assert result["data"]["missing_values"] == 3
    assert result["data"]["feature_names"] == ["Time", "V1", "V2", "V3", "V4", "Amount"]
    assert [run["name"] for run in result["runs"]] == ["baseline", "SMOTE", "ADASYN"]
    n_test = 75  # 0.25 of 300 rows
    for run in result["runs"]:
        assert run["status"] == "ok"
        assert set(run["per_class"]) == {"0", "1"}
        for scores in run["per_class"].values():
            assert set(scores) == {"precision", "recall", "f1", "support"}
        assert sum(s["support"] for s in run["per_class"].values()) == n_test
        assert np.asarray(run["confusion_matrix"]).sum() == n_test
        for key in ("pr_auc", "roc_auc", "balanced_accuracy"):
            assert 0 <= run[key] <= 1
        assert "precision" in run["classification_report"]
        assert run["finding"]
    base, smote, _ = result["runs"]
    assert base["library"] is None and base["resample_seconds"] is None
    assert smote["library"] == "fastsmote" and smote["estimator"] == "fastsmote.SMOTE"
    assert smote["resample_seconds"] >= 0
    assert smote["rows_before"] == 225
    assert smote["counts_after"]["0"] == smote["counts_after"]["1"] == base["counts_after"]["0"]
    assert smote["rows_after"] == 2 * base["counts_after"]["0"]
    low, high = smote["pr_auc_change_90"]
    assert low <= smote["pr_auc"] - base["pr_auc"] <= high


def test_findings_are_computed_from_the_numbers(tiny_csv):
    result = evaluate(load_table(tiny_csv, "Class"), Settings(resamplers=["SMOTE"]))
    base, smote = result.runs
    before, after = base.per_class["1"]["recall"], smote.per_class["1"]["recall"]
    assert f"from {before:.2f} to {after:.2f}" in smote.finding
    caught = smote.confusion_matrix[1][1]
    assert f"{caught} of {smote.per_class['1']['support']} caught" in smote.finding
    assert f"{smote.rows_after:,.0f} rows instead of {smote.rows_before:,.0f}" in smote.finding
    assert f"PR-AUC {base.pr_auc:.3f}" in base.finding
    assert any(f"{smote.per_class['1']['support']} of class 1" in line for line in result.findings)


def test_cross_validation_scores_every_row(tiny_csv, tmp_path):
    json_path = tmp_path / "cv.json"
    code = run_cli(
        "--csv", tiny_csv, "--target", "Class", "--cv", 3, "--resamplers", "smote-tomek",
        "--classifier", "rf", "--no-plots", "--out", tmp_path / "out", "--json", json_path,
    )  # fmt: skip
    assert code == 0
    result = json.loads(json_path.read_text())
    assert not (tmp_path / "out" / "pr_curves.png").exists()
    assert result["settings"]["cv"] == 3 and result["settings"]["test_size"] is None
    for run in result["runs"]:
        assert len(run["folds"]) == 3
        assert np.asarray(run["confusion_matrix"]).sum() == 300  # pooled out-of-fold
    assert result["runs"][1]["label"] == "SMOTE-Tomek"


def test_categorical_columns_run_smote_nc(tmp_path):
    X, y = make_classification(n_samples=240, n_features=4, weights=[0.8], random_state=1)
    colour = np.where(X[:, 0] > 0, "red", "blue").astype(object)
    colour[::17] = ""  # missing: a category of its own
    path = write_csv(tmp_path / "cat.csv", X, y, ["a", "b", "c", "d"], extra={"colour": colour})
    table = load_table(path, "Class", categorical=["colour"])
    assert table.categorical == [4]
    assert set(np.unique(table.X[:, 4])) == {0.0, 1.0, 2.0}
    result = evaluate(table, Settings(resamplers=["SMOTE", "SMOTE-NC"]))
    assert [run.name for run in result.runs] == ["baseline", "SMOTE", "SMOTENC"]
    assert all(run.status == "ok" for run in result.runs)
    assert result.runs[2].rows_after > result.runs[2].rows_before
    # By default SMOTE-NC joins the runs when there are categorical columns.
    assert [r.name for r in resolve_resamplers(None, True)][-1] == "SMOTENC"
    assert "SMOTENC" not in [r.name for r in resolve_resamplers(None, False)]


def test_a_failing_resampler_is_reported_and_the_others_run():
    # KMeans-SMOTE finds no cluster with enough minority rows in these data.
    table = workload_table("W1", 1_000)
    result = evaluate(table, Settings(resamplers=["KMeansSMOTE", "SMOTE"]))
    kmeans, smote = result.runs[1], result.runs[2]
    assert kmeans.status == "failed"
    assert kmeans.error.startswith("RuntimeError: No clusters found")
    assert kmeans.finding.startswith("failed: RuntimeError")
    assert smote.status == "ok"
    assert any("failed: KMeans-SMOTE" in line for line in result.findings)


def test_load_table_missing_values_and_dropped_rows(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text("x,y,label\n1,NA,a\n?,2,b\ninf,3,a\n4,null,\n5,6,b\n")
    table = load_table(path, "label")
    assert np.array_equal(table.y, ["a", "b", "a", "b"])
    expected = np.array([[1, np.nan], [np.nan, 2], [np.nan, 3], [5, 6]])
    assert np.array_equal(table.X, expected, equal_nan=True)
    assert table.notes == [
        "dropped 1 row without a value of the target column (line 5)",
        "1 infinite value(s) of 'x' treated as missing",
    ]


def test_average_precision_matches_scikit_learn():
    rng = np.random.default_rng(0)
    for _ in range(5):
        y = rng.random(300) < 0.1
        y[0] = True
        score = rng.integers(0, 10, 300) / 10  # many ties
        assert np.isclose(average_precision(y, score), average_precision_score(y, score))
    # The paired bootstrap: no change at all gives a zero-width interval.
    assert pr_auc_change_interval(y, score, score, seed=0) == (0.0, 0.0)


# -- bad input: clear messages and exit code 2 ---------------------------------------


@pytest.fixture
def constant_csv(tmp_path):
    return write_csv(tmp_path / "constant.csv", np.ones((20, 2)), np.zeros(20, int), ["a", "b"])


@pytest.fixture
def few_minority_csv(tmp_path):
    return write_few_minority_csv(tmp_path)


def write_few_minority_csv(tmp_path):
    """100 rows, 5 of the minority class."""
    X, _ = make_classification(n_samples=100, n_features=3, n_redundant=0, random_state=0)
    y = np.zeros(100, int)
    y[:5] = 1  # 5 minority rows: about 4 in training, fewer than k_neighbors + 1 = 6
    return write_csv(tmp_path / "few.csv", X, y, ["a", "b", "c"])


@pytest.fixture
def text_csv(tmp_path):
    X, y = make_classification(n_samples=60, n_features=2, n_redundant=0, random_state=0)
    colour = np.where(X[:, 0] > 0, "red", "blue")
    return write_csv(tmp_path / "text.csv", X, y, ["a", "b"], extra={"colour": colour})


@pytest.mark.parametrize(
    ("case", "args", "message"),
    [
        ("missing file", ["--csv", "{dir}/nope.csv", "--target", "Class"], "no such file"),
        ("no target", ["--csv", "{tiny}"], "--csv needs --target"),
        (
            "missing column",
            ["--csv", "{tiny}", "--target", "Fraud"],
            "target column 'Fraud' not found in",
        ),
        (
            "missing categorical column",
            ["--csv", "{tiny}", "--target", "Class", "--categorical", "Merchant"],
            "column 'Merchant' not found",
        ),
        ("constant target", ["--csv", "{constant}", "--target", "Class"], "single class"),
        (
            "too few minority rows",
            ["--csv", "{few}", "--target", "Class", "--resamplers", "SMOTE,ADASYN"],
            "for the neighbours of SMOTE, ADASYN",
        ),
        (
            "non-numeric column",
            ["--csv", "{text}", "--target", "Class"],
            "non-numeric feature column(s)",
        ),
        (
            "unknown resampler",
            ["--csv", "{tiny}", "--target", "Class", "--resamplers", "SMOOTE"],
            "unknown resampler 'SMOOTE' (did you mean SMOTE?)",
        ),
        (
            "SMOTE-NC without categorical columns",
            ["--csv", "{tiny}", "--target", "Class", "--resamplers", "SMOTENC"],
            "SMOTE-NC needs categorical columns",
        ),
        ("too many folds", ["--csv", "{few}", "--target", "Class", "--cv", "10"], "--cv 10"),
        (
            "bad test size",
            ["--csv", "{tiny}", "--target", "Class", "--test-size", "1.5"],
            "--test-size must be between 0 and 1",
        ),
        (
            "continuous target",
            ["--csv", "{tiny}", "--target", "Amount"],
            "numbers that are not integers",
        ),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    case, args, message, tiny_csv, constant_csv, few_minority_csv, text_csv, tmp_path, capsys
):
    paths = {
        "dir": tmp_path,
        "tiny": tiny_csv,
        "constant": constant_csv,
        "few": few_minority_csv,
        "text": text_csv,
    }
    args = [a.format(**paths) for a in args]
    assert run_cli(*args, "--out", tmp_path / "out") == 2, case
    error = capsys.readouterr().err
    assert error.startswith("fastsmote: error: ")
    assert message in error
    assert "Traceback" not in error


def test_messages_say_what_to_change(few_minority_csv, text_csv, tmp_path, capsys):
    out = ["--out", tmp_path / "out"]
    assert run_cli("--csv", few_minority_csv, "--target", "Class", *out) == 2
    error = capsys.readouterr().err
    assert "lower --k-neighbors to 3 or less" in error and "class 1" in error
    fixed = ["--k-neighbors", 3, "--resamplers", "SMOTE", "--no-plots"]
    assert run_cli("--csv", few_minority_csv, "--target", "Class", *fixed, *out) == 0
    capsys.readouterr()
    assert run_cli("--csv", text_csv, "--target", "Class", *out, "--force") == 2
    error = capsys.readouterr().err
    assert "--categorical colour" in error and "(first: 'blue' on line 2)" in error


def test_exit_code_of_the_console_command(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "fastsmote", "evaluate", "--csv", os.fspath(tmp_path / "x.csv"),
         "--target", "Class"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "fastsmote: error: no such file" in done.stderr


def test_resampler_catalogue_examples_run():
    import doctest

    import fastsmote.app.evaluate.resamplers as module

    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# -- issue #15 item 12, issue #19 items 5 and 8 ----------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "{file}"], "is a file"),
        (["--json", "/nonexistent/dir/x.json"], "/nonexistent/dir does not exist"),
        (["--test-size", "0"], "--test-size must be between 0 and 1"),
        (["--cv", "1"], "--cv needs at least 2 folds"),
        (["--n-samples", "0"], "--n-samples must be at least 10"),
        (["--resamplers", "ADSYN"], "did you mean ADASYN?"),
        (["--param", "KMeansSMOTE.threshold=0.1"], "did you mean cluster_balance_threshold?"),
        (["--resamplers", "SMOTE", "--param", "ADASYN.n_neighbors=3"], "leaves out"),
    ],
)
def test_arguments_and_outputs_are_checked_before_any_work(args, message, tmp_path, capsys):
    existing = tmp_path / "existing.txt"
    existing.write_text("keep me")
    args = [a.format(file=existing) for a in args]
    if "--out" not in args:
        args += ["--out", tmp_path / "out"]
    started = __import__("time").perf_counter()
    assert run_cli(*args) == 2
    assert __import__("time").perf_counter() - started < 5  # no data generated, nothing run
    error = capsys.readouterr().err
    assert error.startswith("fastsmote: error: ") and message in error
    assert len(error.strip().splitlines()) == 1
    assert existing.read_text() == "keep me"


def test_existing_out_directory_needs_force(tiny_csv, tmp_path, capsys):
    out = tmp_path / "report"
    out.mkdir()
    (out / "report.md").write_text("my first report")
    args = ["--csv", tiny_csv, "--target", "Class", "--resamplers", "SMOTE", "--no-plots"]
    assert run_cli(*args, "--out", out) == 2
    assert "--force" in capsys.readouterr().err
    assert (out / "report.md").read_text() == "my first report"
    assert run_cli(*args, "--out", out, "--force") == 0
    assert (out / "report.md").read_text().startswith("# fastsmote evaluate")


def test_a_test_size_leaving_a_class_out_of_training_is_a_usage_error(tiny_csv, tmp_path, capsys):
    code = run_cli("--csv", tiny_csv, "--target", "Class", "--test-size", 0.99,
                   "--resamplers", "SMOTE", "--out", tmp_path / "out")  # fmt: skip
    assert code == 2
    error = capsys.readouterr().err
    assert "use a smaller --test-size" in error and "Traceback" not in error


def test_param_sets_a_resampler_parameter_and_failures_say_what_to_try():
    table = workload_table("W1", 1_000)
    failed = evaluate(table, Settings(resamplers=["KMeansSMOTE"])).runs[1]
    assert failed.status == "failed"
    assert "--param KMeansSMOTE.cluster_balance_threshold=0.001" in failed.finding
    params = {"KMeansSMOTE": {"cluster_balance_threshold": 0.001}}
    ran = evaluate(table, Settings(resamplers=["KMeansSMOTE"], params=params)).runs[1]
    assert ran.status == "ok", ran.error


def test_a_categorical_column_with_many_values_gets_a_note(tmp_path):
    X, y = make_classification(n_samples=300, n_features=3, n_redundant=0, random_state=0)
    amount = np.round(np.abs(X[:, 0]) * 1000, 2)
    path = write_csv(tmp_path / "amount.csv", X[:, 1:], y, ["a", "b"], extra={"Amount": amount})
    table = load_table(path, "Class", categorical=["Amount"])
    assert any("'Amount' has" in note and "distinct values" in note for note in table.notes)
