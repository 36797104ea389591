"""The ``fastsmote compare`` command: arguments, errors, a tiny CSV end to end."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from sklearn.datasets import make_classification

from fastsmote.app.cli import main
from fastsmote.app.compare import PeakMemory, Result, row_agreement
from fastsmote.app.compare.engine import _compare_errors
from fastsmote.app.compare.table import format_table


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
    assert set(report) == {"data", "seed", "params", "results"}
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


@pytest.mark.parametrize(
    "fast, reference, check",
    [
        (("builtins.RuntimeError", "no cluster"), ("builtins.RuntimeError", "no cluster"),
         "same error"),
        # The same class is the same error: fastsmote's messages say more.
        (("builtins.ValueError", "k too large: lower k"), ("builtins.ValueError", "k too large"),
         "same error"),
        (("builtins.ValueError", "no cluster"), ("builtins.RuntimeError", "no cluster"), "differs"),
        (("builtins.RuntimeError", "no cluster"), None, "differs"),
    ],
)  # fmt: skip
def test_compare_errors_same_class_is_same_error(fast, reference, check):
    result = _compare_errors(Result(sampler="SMOTE", backend="auto"), fast, reference)
    assert result.check == check
    assert "Error" in result.note


# -- issue #15 items 10-13, issue #19 items 2-7 ---------------------------------------


def _csv(path, X, y):
    header = ",".join([f"f{i}" for i in range(X.shape[1])] + ["Class"])
    np.savetxt(
        path, np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.17g"
    )
    return str(path)


def test_one_positive_is_the_same_error_and_exits_0(tmp_path, capsys):
    X, _ = make_classification(n_samples=200, n_features=4, random_state=0)
    y = np.zeros(200, int)
    y[7] = 1
    path = _csv(tmp_path / "one_positive.csv", X, y)
    assert main(["compare", "--csv", path, "--target", "Class", "--samplers", "SMOTE"]) == 0
    printed = capsys.readouterr().out
    assert "same error" in printed and "both raise ValueError" in printed
    assert "output differs" not in printed


def test_budget_times_the_resampling_not_the_process_start(tiny_csv, capsys):
    # Starting a process and importing both libraries takes well over 0.5 s;
    # imbalanced-learn's SMOTE on 400 rows takes milliseconds.
    argv = ["compare", "--csv", str(tiny_csv), "--target", "Class", "--samplers", "SMOTE"]
    assert main([*argv, "--budget", "0.5"]) == 0
    printed = capsys.readouterr().out
    assert "identical" in printed and "stopped" not in printed


def test_budget_stops_a_long_reference_run(capsys):
    # imbalanced-learn's AllKNN takes about a second on these rows.
    argv = ["compare", "--n-samples", "20000", "--samplers", "AllKNN", "--budget", "0.05"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "reference stopped" in printed
    assert "did not finish within the 0.05 s budget" in printed
    assert "at least" in printed  # a lower bound of the speed-up


@pytest.mark.parametrize(
    "argv, message",
    [
        (["compare", "--n-samples", "0"], "--n-samples must be at least 10, got 0"),
        (["compare", "--json", "/nonexistent/dir/x.json"], "/nonexistent/dir does not exist"),
        (["compare", "--markdown", "/nonexistent/dir/x.md"], "/nonexistent/dir does not exist"),
        (["compare", "--budget", "-1"], "--budget must be"),
        (["compare", "--samplers", "SMOT"], "unknown sampler 'SMOT' (did you mean SMOTE?)"),
        (["compare", "--samplers", "ADSYN"], "(did you mean ADASYN?)"),
        (["compare", "--param", "SMOTE.k=3"], "SMOTE has no parameter 'k'"),
        (["compare", "--param", "SMOTE=3"], "expected NAME.PARAMETER=VALUE"),
        (["compare", "--samplers", "SMOTE", "--param", "ADASYN.n_neighbors=3"], "leaves out"),
    ],
)
def test_arguments_are_checked_before_any_work(argv, message, capsys, monkeypatch):
    import fastsmote.app.data

    def no_work(*args, **kwargs):
        raise AssertionError("data loaded before the arguments were checked")

    monkeypatch.setattr(fastsmote.app.data, "load_data", no_work)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("fastsmote: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_sampler_names_ignore_case_and_punctuation(tiny_csv, capsys):
    from fastsmote.app.compare.command import compare_names

    assert compare_names(["smote", "smote-enn", "ENN", "borderline-smote 1"]) == [
        "SMOTE", "SMOTEENN", "EditedNearestNeighbours", "BorderlineSMOTE-1",
    ]  # fmt: skip
    # evaluate uses the same matcher.
    from fastsmote.app.evaluate import EvaluationInputError
    from fastsmote.app.evaluate.resamplers import resolve_resamplers

    with pytest.raises(EvaluationInputError, match=r"did you mean SMOTE\?"):
        resolve_resamplers(["SMOT"], False)


def test_param_reaches_both_libraries(capsys):
    argv = ["compare", "--n-samples", "2000", "--samplers", "smote"]
    assert main(argv) == 0
    assert "same error" in capsys.readouterr().out  # 3 positives, k_neighbors=5
    assert main([*argv, "--param", "SMOTE.k_neighbors=2"]) == 0
    assert "identical" in capsys.readouterr().out


def test_kmeans_failure_says_what_to_try():
    error = ("builtins.RuntimeError", "No clusters found with sufficient samples of class 1.")
    result = _compare_errors(Result(sampler="KMeansSMOTE", backend="auto"), error, error)
    assert "--param KMeansSMOTE.cluster_balance_threshold=0.001" in result.note


def test_single_class_message_is_clean(tmp_path, capsys):
    single = tmp_path / "single.csv"
    single.write_text("a,Class\n1,0\n2,0\n3,0\n")
    assert main(["compare", "--csv", str(single), "--target", "Class"]) == 2
    err = capsys.readouterr().err
    assert "single class (0) in all 3 rows" in err and "np.int64" not in err


def test_bare_command_prints_help_and_version(capsys):
    assert main([]) == 0
    printed = capsys.readouterr().out
    assert "compare" in printed and "evaluate" in printed and "required" not in printed
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("fastsmote 0.")


def test_compare_help_lists_samplers_defaults_and_columns(capsys):
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    printed = capsys.readouterr().out
    for name in ("SMOTE", "RepeatedEditedNearestNeighbours", "SMOTETomek", "(also ENN"):
        assert name in printed
    assert "(default: 1)" in printed and "(default: 300; 0: no limit)" in printed
    assert "compile s" in printed and "MiB" in printed


def test_peak_memory_is_portable_and_sees_numpy_buffers():
    import inspect

    import fastsmote.app.compare.processes

    assert "/proc/" not in inspect.getsource(fastsmote.app.compare.processes)
    with PeakMemory() as memory:
        buffer = np.ones(64 * 2**20 // 8)  # 64 MiB, touched
        del buffer
    assert memory.peak_bytes >= 48 * 2**20


def test_name_and_parameter_examples_run():
    import doctest

    import fastsmote.app.names as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_compare_on_a_table_of_the_real_corpus(capsys):
    assert main(["compare", "--table", "wine", "--samplers", "SMOTE", "--budget", "0"]) == 0
    out = capsys.readouterr().out
    assert "table wine (178 rows x 13 features)" in out
    assert "identical" in out


def test_compare_suite_real_summarises_per_sampler(monkeypatch, tmp_path, capsys):
    from fastsmote.app.compare import suite as compare_suite
    from fastsmote.datasets import load_real

    def two_tables(n_samples):  # the whole corpus takes tens of minutes
        for name in ("wine", "spect_f"):
            yield (name, *load_real(name))

    monkeypatch.setattr(compare_suite, "suite_tables", two_tables)
    out_json = tmp_path / "suite.json"
    argv = ["compare", "--suite", "real", "--samplers", "SMOTE", "--json", str(out_json)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "geomean speed-up" in out and "2/2" in out
    report = json.loads(out_json.read_text())
    assert [r["table"] for r in report["results"]] == ["wine", "spect_f"]
    assert report["summary"][0]["sampler"] == "SMOTE"


def test_compare_table_arguments_are_checked(capsys):
    assert main(["compare", "--table", "kc1", "--n-samples", "100"]) == 2
    assert "--n-samples applies to generated tables" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["compare", "--table", "nosuch"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
