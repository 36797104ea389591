"""Reports of ``fastsmote evaluate``: the summary table, Markdown and HTML.

All three are built from an :class:`fastsmote.app.evaluate.Evaluation` and the
figure files :mod:`fastsmote.app.evaluate.plots` wrote; the reports refer to the figures
by relative path, so the output directory can be moved or shared whole.
"""

from __future__ import annotations

import html
import os

__all__ = ["format_summary", "summary_rows", "write_html", "write_markdown"]


def _number(value, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def summary_rows(evaluation) -> tuple[list[str], list[list[str]]]:
    """Header and cells of the summary table (one row per run).

    Parameters
    ----------
    evaluation : fastsmote.app.evaluate.Evaluation

    Returns
    -------
    header : list of str
    rows : list of list of str
    """
    m = evaluation.minority
    cv = evaluation.settings.get("cv")
    header = [
        "run",
        "library",
        "train rows",
        "resample s",
        "fit s",
        f"precision {m}",
        f"recall {m}",
        f"F1 {m}",
        f"PR-AUC ({cv} folds: mean ±sd)" if cv else "PR-AUC",
        "ROC-AUC",
        "bal. acc.",
    ]
    rows = []
    for run in evaluation.runs:
        library = run.library or "-"
        if run.status != "ok":
            rows.append([run.label, library, "-", "-", "-", "failed", *["-"] * 5])
            continue
        mine = run.per_class[m]
        pr_auc = _number(run.pr_auc)
        values = [f["pr_auc"] for f in run.folds if f.get("pr_auc") is not None]
        if len(values) > 1:
            # The mean of the folds with their spread (not the pooled value,
            # which the "what this shows" lines use, with the spread).
            mean = sum(values) / len(values)
            sd = (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5
            pr_auc = f"{mean:.3f} ±{sd:.3f}"
        rows.append(
            [
                run.label,
                library,
                f"{run.rows_after:,.0f}",
                _number(run.resample_seconds, 2),
                _number(run.fit_seconds, 2),
                _number(mine["precision"]),
                _number(mine["recall"]),
                _number(mine["f1"]),
                pr_auc,
                _number(run.roc_auc),
                _number(run.balanced_accuracy),
            ]
        )
    return header, rows


def format_summary(evaluation) -> str:
    """The summary table as aligned plain text.

    Parameters
    ----------
    evaluation : fastsmote.app.evaluate.Evaluation

    Returns
    -------
    str

    Examples
    --------
    >>> from fastsmote.app.evaluate import Settings, evaluate, workload_table
    >>> result = evaluate(workload_table("W1", 600), Settings(resamplers=["SMOTE"]))
    >>> print(format_summary(result).splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
    run library train rows resample s fit s precision 1 recall 1 F1 1 PR-AUC ROC-AUC bal. acc.
    """
    header, rows = summary_rows(evaluation)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    numeric = [False, False] + [True] * (len(header) - 2)

    def line(cells):
        return "  ".join(
            c.rjust(w) if right else c.ljust(w)
            for c, w, right in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def _settings_line(evaluation) -> str:
    s = evaluation.settings
    split = (
        f"{s['cv']}-fold stratified cross-validation"
        if s["cv"]
        else (f"stratified split, {s['test_size']:g} of the rows held out")
    )
    k = "each resampler's default" if s["k_neighbors"] is None else str(s["k_neighbors"])
    scale = "standardised" if s["scale"] else "not scaled"
    text = (
        f"classifier {s['classifier']}; {split}; seed {s['seed']}; k_neighbors {k}; "
        f"numeric columns median-imputed and {scale} before resampling"
    )
    if s["cv"]:
        text += (
            f". The summary's PR-AUC is the mean ± standard deviation of the {s['cv']} folds' "
            "values; the other scores, the sentences and the figures use the pooled "
            "out-of-fold predictions (every row predicted once, by the fold that held it out)"
        )
    return text


def _timing(run) -> str:
    parts = []
    if run.resample_seconds is not None:
        parts.append(f"resample {run.resample_seconds:.2f} s")
    if run.fit_seconds is not None:
        parts.append(f"classifier fit {run.fit_seconds:.2f} s")
    if run.warmup_seconds is not None:
        parts.append(f"kernel compile/load {run.warmup_seconds:.2f} s, not included")
    return ", ".join(parts)


def _counts(run) -> str:
    before = ", ".join(f"{c}: {n:,.0f}" for c, n in run.counts_before.items())
    after = ", ".join(f"{c}: {n:,.0f}" for c, n in run.counts_after.items())
    return before if before == after else f"{before} -> {after}"


def write_markdown(evaluation, path: str | os.PathLike[str], figures: dict[str, str]) -> str:
    """Write the report as Markdown; returns ``path``.

    Parameters
    ----------
    evaluation : fastsmote.app.evaluate.Evaluation
    path : str or path-like
        The file to write.
    figures : dict of str to str
        Figure file name -> path, as :func:`fastsmote.app.evaluate.plots.write_figures`
        returns; embedded by path relative to the report.

    Returns
    -------
    str
    """
    from .plots import FIGURES

    m = evaluation.minority
    header, rows = summary_rows(evaluation)
    out = [
        "# fastsmote evaluate",
        "",
        f"**Data:** {evaluation.data['description']}; classes "
        + ", ".join(f"{c}: {n:,}" for c, n in evaluation.data["classes"].items()),
        "",
        f"**Method:** {_settings_line(evaluation)}.",
        "",
    ]
    out += [f"- {note}" for note in evaluation.data["notes"]]
    out += ["", "## Summary", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    out += ["", "## What this shows", ""]
    out += [f"- **{run.label}**: {run.finding}" for run in evaluation.runs]
    out += [f"- {line}" for line in evaluation.findings]
    if figures:
        out += ["", "## Figures", ""]
        for name, figure_path in figures.items():
            rel = os.path.relpath(figure_path, os.path.dirname(os.path.abspath(path)))
            out += [f"![{FIGURES[name]}]({rel})", ""]
    out += ["", "## Runs"]
    for run in evaluation.runs:
        out += ["", f"### {run.label}", ""]
        if run.estimator:
            out += [f"`{run.estimator}` ({run.library})", ""]
        out += [f"**What this shows:** {run.finding}", ""]
        if run.status != "ok":
            continue
        out += [
            f"PR-AUC (class {m}) {_number(run.pr_auc)}, ROC-AUC {_number(run.roc_auc)}, "
            f"balanced accuracy {_number(run.balanced_accuracy)}; {_timing(run)}.",
            "",
            f"Training rows per class: {_counts(run)}.",
            "",
            "| class | precision | recall | F1 | support |",
            "|---|---|---|---|---|",
        ]
        for label, s in run.per_class.items():
            out.append(
                f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                f"| {s['support']:,} |"
            )
        labels = evaluation.labels
        out += ["", "Confusion matrix (rows: true class, columns: predicted class):", ""]
        out += [
            "| true \\ predicted | " + " | ".join(labels) + " |",
            "|" + "---|" * (len(labels) + 1),
        ]
        out += [
            f"| {label} | " + " | ".join(f"{v:,}" for v in row) + " |"
            for label, row in zip(labels, run.confusion_matrix, strict=True)
        ]
        out += ["", "```", run.classification_report.rstrip(), "```"]
        if run.folds:
            out += ["", "| fold | PR-AUC | ROC-AUC | bal. acc. | precision | recall | F1 |"]
            out.append("|---|---|---|---|---|---|---|")
            keys = ["pr_auc", "roc_auc", "balanced_accuracy", "precision", "recall", "f1"]
            out += [
                f"| {i + 1} | " + " | ".join(_number(fold[k]) for k in keys) + " |"
                for i, fold in enumerate(run.folds)
            ]
        out += [f"- warning: {w}" for w in run.warnings]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return os.fspath(path)


_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.failed td { color: #a33; }
figure { margin: 1.2em 0; } img { max-width: 100%; border: 1px solid #eee; }
pre { background: #f6f6f6; padding: 0.6em; } .finding { background: #f3f7fc; padding: 0.4em; }
"""


def _table(header, rows, row_class=None) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        attr = f' class="{row_class[i]}"' if row_class and row_class[i] else ""
        body.append(f"<tr{attr}>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def write_html(evaluation, path: str | os.PathLike[str], figures: dict[str, str]) -> str:
    """Write the report as one HTML page; returns ``path``.

    Parameters
    ----------
    evaluation : fastsmote.app.evaluate.Evaluation
    path : str or path-like
        The file to write.
    figures : dict of str to str
        Figure file name -> path; shown with ``<img>`` by relative path.

    Returns
    -------
    str
    """
    from .plots import FIGURES

    e = html.escape
    m = evaluation.minority
    header, rows = summary_rows(evaluation)
    classes = ", ".join(f"{c}: {n:,}" for c, n in evaluation.data["classes"].items())
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>fastsmote evaluate</title><style>{_CSS}</style></head><body>",
        "<h1>fastsmote evaluate</h1>",
        f"<p><b>Data:</b> {e(evaluation.data['description'])}; classes {e(classes)}</p>",
        f"<p><b>Method:</b> {e(_settings_line(evaluation))}.</p>",
    ]
    if evaluation.data["notes"]:
        parts.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in evaluation.data["notes"]))
        parts.append("</ul>")
    failed = ["failed" if run.status != "ok" else "" for run in evaluation.runs]
    parts += ["<h2>Summary</h2>", _table(header, rows, failed), "<h2>What this shows</h2><ul>"]
    parts += [f"<li><b>{e(r.label)}</b>: {e(r.finding)}</li>" for r in evaluation.runs]
    parts += [f"<li>{e(line)}</li>" for line in evaluation.findings]
    parts.append("</ul>")
    if figures:
        parts.append("<h2>Figures</h2>")
        for name, figure_path in figures.items():
            rel = os.path.relpath(figure_path, os.path.dirname(os.path.abspath(path)))
            parts.append(
                f"<figure><a href='{e(rel)}'><img src='{e(rel)}' alt='{e(FIGURES[name])}'></a>"
                f"<figcaption>{e(FIGURES[name])}</figcaption></figure>"
            )
    parts.append("<h2>Runs</h2>")
    for run in evaluation.runs:
        parts.append(f"<h3 id='{e(run.name)}'>{e(run.label)}</h3>")
        if run.estimator:
            parts.append(f"<p><code>{e(run.estimator)}</code> ({e(run.library)})</p>")
        parts.append(f"<p class='finding'><b>What this shows:</b> {e(run.finding)}</p>")
        if run.status != "ok":
            continue
        parts.append(
            f"<p>PR-AUC (class {e(m)}) {_number(run.pr_auc)}, ROC-AUC {_number(run.roc_auc)}, "
            f"balanced accuracy {_number(run.balanced_accuracy)}; {e(_timing(run))}.<br>"
            f"Training rows per class: {e(_counts(run))}.</p>"
        )
        per_class = [
            [
                label,
                f"{s['precision']:.3f}",
                f"{s['recall']:.3f}",
                f"{s['f1']:.3f}",
                f"{s['support']:,}",
            ]
            for label, s in run.per_class.items()
        ]
        parts.append(_table(["class", "precision", "recall", "F1", "support"], per_class))
        labels = evaluation.labels
        matrix = [
            [label, *(f"{v:,}" for v in row)]
            for label, row in zip(labels, run.confusion_matrix, strict=True)
        ]
        parts.append("<p>Confusion matrix (rows: true class, columns: predicted class)</p>")
        parts.append(_table(["true \\ predicted", *labels], matrix))
        parts.append(f"<pre>{e(run.classification_report.rstrip())}</pre>")
        if run.folds:
            keys = ["pr_auc", "roc_auc", "balanced_accuracy", "precision", "recall", "f1"]
            fold_rows = [
                [str(i + 1), *(_number(f[k]) for k in keys)] for i, f in enumerate(run.folds)
            ]
            parts.append(
                _table(
                    [
                        "fold",
                        "PR-AUC",
                        "ROC-AUC",
                        "bal. acc.",
                        f"precision {m}",
                        f"recall {m}",
                        f"F1 {m}",
                    ],
                    fold_rows,
                )
            )
        if run.warnings:
            parts.append("<ul>" + "".join(f"<li>warning: {e(w)}</li>" for w in run.warnings))
            parts.append("</ul>")
    parts.append("</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")
    return os.fspath(path)
