"""``fastsmote evaluate``'s report and figures (issue #19 items 9-12)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_classification
from test_evaluate import run_cli, write_csv, write_few_minority_csv, write_tiny_csv

from fastsmote.app.evaluate import Settings, evaluate, load_table, workload_table


@pytest.fixture
def tiny_csv(tmp_path):
    return write_tiny_csv(tmp_path)


@pytest.fixture
def few_minority_csv(tmp_path):
    return write_few_minority_csv(tmp_path)


@pytest.fixture
def separable_csv(tmp_path):
    """Classes far apart: Tomek links find no pair to remove."""
    X, y = make_classification(
        n_samples=300, n_features=4, weights=[0.9], class_sep=3, flip_y=0, random_state=0
    )
    return write_csv(tmp_path / "separable.csv", X, y, ["a", "b", "c", "d"])


def test_a_cleaning_step_that_removed_nothing_is_said(separable_csv):
    result = evaluate(
        load_table(separable_csv, "Class"), Settings(resamplers=["SMOTE", "SMOTE-Tomek"])
    )
    smote, tomek = result.runs[1:]
    assert tomek.rows_after == smote.rows_after == tomek.rows_oversampled
    assert "its cleaning step removed no row" in tomek.finding
    assert "cleaning" not in smote.finding


def test_cv_reports_the_fold_mean_and_says_which(tiny_csv, tmp_path):
    from fastsmote.app.evaluate.report import summary_rows, write_markdown

    result = evaluate(load_table(tiny_csv, "Class"), Settings(resamplers=["SMOTE"], cv=3))
    header, rows = summary_rows(result)
    column = header.index("PR-AUC (3 folds: mean ±sd)")
    for run, row in zip(result.runs, rows, strict=True):
        mean = np.mean([fold["pr_auc"] for fold in run.folds])
        assert row[column].startswith(f"{mean:.3f} ±")
    assert "pooled out-of-fold PR-AUC" in result.runs[1].finding
    assert "test" not in result.runs[1].finding
    text = open(write_markdown(result, tmp_path / "r.md", {})).read()
    assert "mean ± standard deviation of the 3 folds" in text


def test_few_held_out_positives_are_not_called_evidence(few_minority_csv):
    table = load_table(few_minority_csv, "Class")
    result = evaluate(table, Settings(resamplers=["SMOTE"], k_neighbors=3))
    assert "too few to tell this change from chance" in result.runs[1].finding
    assert "larger than" not in " ".join([result.runs[1].finding, *result.findings])


def test_markdown_tables_are_closed_and_the_report_does_not_refer_to_itself(tmp_path, capsys):
    out = tmp_path / "out"
    code = run_cli("--workload", "W1", "--n-samples", 1000, "--resamplers", "KMeansSMOTE,SMOTE",
                   "--no-plots", "--out", out)  # fmt: skip
    assert code == 0
    markdown = (out / "report.md").read_text()
    table_lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert table_lines and all(line.rstrip().endswith("|") for line in table_lines)
    assert "in the report" not in markdown + capsys.readouterr().out


def _figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure()
    FigureCanvasAgg(figure)
    return figure


def test_figures_show_failed_runs_identical_curves_and_chance():
    from fastsmote.app.evaluate.plots import _class_counts, _confusion_matrices, _pr_curves

    table = workload_table("W1", 1_000)
    result = evaluate(table, Settings(resamplers=["KMeansSMOTE", "SMOTE"], cv=2))
    figure = _figure()
    _confusion_matrices(figure, result, [r for r in result.runs if r.status == "ok"])
    titles = [ax.get_title() for ax in figure.axes]
    assert "KMeans-SMOTE" in titles
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert any(t.startswith("failed:") for t in texts)

    figure = _figure()
    _class_counts(figure, result, result.runs)
    assert figure.axes[0].get_ylabel() == "training rows, mean per fold (log scale)"

    # A run whose curve is the same as another's is drawn shifted, and says so.
    smote = result.runs[2]
    twin = type(smote)(**{**smote.__dict__, "name": "SMOTETomek", "label": "SMOTE-Tomek"})
    ok = [result.runs[0], smote, twin]
    figure = _figure()
    _pr_curves(figure, result, ok)
    ax = figure.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("identical to SMOTE" in t for t in legend)
    assert any(t.get_text().startswith("random ranking: precision") for t in ax.texts)
    # A chance level of 0.002 (fraud-like) is drawn off the x axis, and named.
    result.data["classes"] = {"0": 499_000, "1": 1_000}
    figure = _figure()
    _pr_curves(figure, result, ok)
    ax = figure.axes[0]
    assert ax.get_ylim()[0] < 0
    assert any(t.get_text() == "random ranking: precision 0.002" for t in ax.texts)
