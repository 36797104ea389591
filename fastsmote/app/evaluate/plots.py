"""Figures of ``fastsmote evaluate``, drawn with matplotlib's Agg backend.

Figures are built as :class:`matplotlib.figure.Figure` objects on an Agg
canvas, never through ``pyplot``: nothing here changes matplotlib's global
backend or opens a window, so the module is safe to call from a notebook or
a server. matplotlib is an optional dependency (``pip install
fastsmote[plots]``); :func:`write_figures` says when it is missing.
"""

from __future__ import annotations

import os
import textwrap

import numpy as np

__all__ = ["FIGURES", "identical_curves", "write_figures"]

#: File name -> what the figure shows.
FIGURES = {
    "class_counts.png": "training rows per class, before and after resampling",
    "confusion_matrices.png": "confusion matrix of every run on the held-out rows",
    "pr_curves.png": "precision-recall curves of the minority class, all runs",
}

_DPI = 110


def write_figures(evaluation, out_dir: str | os.PathLike[str]) -> dict[str, str]:
    """Write the evaluation's figures as PNG files.

    Parameters
    ----------
    evaluation : fastsmote.app.evaluate.Evaluation
        The result of :func:`fastsmote.app.evaluate.evaluate`.
    out_dir : str or path-like
        Directory to write into (created if needed).

    Returns
    -------
    dict of str to str
        File name -> path of every figure written.

    Raises
    ------
    ImportError
        If matplotlib is not installed.

    Examples
    --------
    >>> import tempfile
    >>> from fastsmote.app.evaluate import Settings, evaluate, workload_table
    >>> result = evaluate(workload_table("W1", 600), Settings(resamplers=["SMOTE"]))
    >>> sorted(write_figures(result, tempfile.mkdtemp()))
    ['class_counts.png', 'confusion_matrices.png', 'pr_curves.png']
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    os.makedirs(out_dir, exist_ok=True)
    ok = [run for run in evaluation.runs if run.status == "ok"]
    drawers = {
        "class_counts.png": _class_counts,
        "confusion_matrices.png": _confusion_matrices,
        "pr_curves.png": _pr_curves,
    }
    written = {}
    for name, draw in drawers.items():
        figure = Figure(layout="constrained")
        FigureCanvasAgg(figure)
        draw(figure, evaluation, ok)
        path = os.path.join(out_dir, name)
        figure.savefig(path, dpi=_DPI)
        written[name] = path
    return written


def _class_counts(figure, evaluation, runs) -> None:
    runs = evaluation.runs  # failed runs too: their slot says so
    labels = evaluation.labels
    n_runs = len(runs)
    figure.set_size_inches(max(7.5, 0.95 * n_runs + 3.5), 4.8)
    ax = figure.add_subplot()
    width = 0.8 / len(labels)
    x = np.arange(n_runs)
    for i, label in enumerate(labels):
        heights = [run.counts_after.get(label, 0) for run in runs]
        bars = ax.bar(x + (i - (len(labels) - 1) / 2) * width, heights, width, label=label)
        ax.bar_label(
            bars,
            labels=[f"{h:,.0f}" if h else "" for h in heights],
            fontsize=7,
            rotation=90,
            padding=2,
        )
    ax.set_yscale("log")
    top = max(max(run.counts_after.values(), default=1) for run in runs)
    ax.set_ylim(0.8, top * 8)  # room for the labels above the bars on a log axis
    for position, run in zip(x, runs, strict=True):
        if run.status != "ok":
            ax.text(position, 3, "failed", ha="center", va="bottom", color="firebrick")
    ax.set_xticks(x, [run.label for run in runs], rotation=30, ha="right")
    per_fold = ", mean per fold" if evaluation.settings.get("cv") else ""
    ax.set_ylabel(f"training rows{per_fold} (log scale)")
    ax.set_title("Training rows per class: baseline (before) and after each resampler")
    ax.legend(title="class", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9)
    ax.grid(axis="y", alpha=0.3)


def _confusion_matrices(figure, evaluation, runs) -> None:
    runs = evaluation.runs  # failed runs too: their panel says so
    labels = evaluation.labels
    n_cols = min(3, len(runs))
    n_rows = -(-len(runs) // n_cols)
    side = 2.6 + 0.25 * len(labels)
    figure.set_size_inches(side * n_cols + 1.2, side * n_rows + 0.6)
    axes = figure.subplots(n_rows, n_cols, squeeze=False)
    image = None
    for ax, run in zip(axes.flat, runs, strict=False):
        if run.status != "ok":
            ax.set_axis_off()
            ax.set_title(run.label, fontsize=10)
            reason = textwrap.fill(run.error, 34, max_lines=6, placeholder=" ...")
            ax.text(0.5, 0.5, f"failed:\n{reason}", ha="center", va="center", fontsize=8,
                    color="firebrick", transform=ax.transAxes)  # fmt: skip
            continue
        matrix = np.asarray(run.confusion_matrix, dtype=float)
        shares = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
        image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
        for (i, j), count in np.ndenumerate(matrix):
            ax.text(
                j,
                i,
                f"{count:,.0f}\n{shares[i, j]:.0%}",
                ha="center",
                va="center",
                fontsize=8,
                color="white" if shares[i, j] > 0.6 else "black",
            )
        ticks = np.arange(len(labels))
        ax.set_xticks(ticks, labels)
        ax.set_yticks(ticks, labels)
        ax.set_xlabel("predicted class")
        ax.set_ylabel("true class")
        ax.set_title(run.label, fontsize=10)
    for ax in axes.flat[len(runs) :]:
        ax.set_visible(False)
    if image is not None:
        figure.colorbar(image, ax=axes, shrink=0.6, label="share of the true class's rows")
    figure.suptitle("Confusion matrices on the held-out rows (count and share of each true class)")


def identical_curves(runs) -> dict[str, str]:
    """Runs whose precision-recall curve and default-decision point equal an
    earlier run's: label -> that earlier run's label.

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote.app.evaluate import Run
    >>> a, b = Run("SMOTE", "SMOTE"), Run("SMOTETomek", "SMOTE-Tomek")
    >>> a.curve = b.curve = (np.array([1.0, 0.0]), np.array([0.5, 1.0]))
    >>> identical_curves([a, b])
    {'SMOTE-Tomek': 'SMOTE'}
    """
    first: dict = {}
    same = {}
    for run in runs:
        if run.curve is None:
            continue
        key = (run.curve[0].tobytes(), run.curve[1].tobytes(), str(run.confusion_matrix))
        if key in first:
            same[run.label] = first[key]
        else:
            first[key] = run.label
    return same


def _pr_curves(figure, evaluation, runs) -> None:
    from matplotlib import colormaps
    from matplotlib.transforms import offset_copy

    minority = evaluation.minority
    figure.set_size_inches(10, 6)
    ax = figure.add_subplot()
    colours = colormaps["tab10"].colors
    styles = ["-", "--", "-.", ":"]
    same = identical_curves(runs)
    shifted: dict[str, int] = {}  # earlier run's label -> copies drawn shifted so far
    drawn = 0
    for i, run in enumerate(runs):
        if run.curve is None:
            continue
        recall, precision = run.curve
        baseline = run.name == "baseline"
        colour = "black" if baseline else colours[(i - 1) % len(colours)]
        label = f"{run.label} ({run.pr_auc:.3f})"
        transform = ax.transData
        if run.label in same:
            # Drawn a few points to the right and up, so it does not hide the other.
            shifted[same[run.label]] = shifted.get(same[run.label], 0) + 1
            step = 3 * shifted[same[run.label]]
            transform = offset_copy(ax.transData, figure, x=step, y=step, units="points")
            label += f": identical to {same[run.label]}, drawn shifted by {step} pt"
        ax.plot(
            recall,
            precision,
            color=colour,
            lw=2.4 if baseline else 1.4,
            ls="-" if baseline else styles[(i - 1) % len(styles)],
            drawstyle="steps-post",
            label=label,
            transform=transform,
        )
        point = run.per_class[minority]
        ax.plot(
            point["recall"],
            point["precision"],
            "o",
            color=colour,
            ms=8,
            mec="black",
            mew=0.8,
            zorder=3,
            transform=transform,
        )
        drawn += 1
    if drawn:
        ax.plot([], [], "o", color="white", mec="black", ms=8, label="default decision")
    held_out = evaluation.data["classes"]
    share = held_out[minority] / sum(held_out.values())
    ax.set_xlim(0, 1)
    # Every curve ends at (recall 0, precision 1) by convention: leave that point
    # out when choosing the height, so that low-precision curves stay readable.
    heights = [float(r.curve[1][:-1].max()) for r in runs if r.curve and r.curve[1].size > 1]
    top = min(1.0, max([*heights, 3 * share]) * 1.15) + 0.02
    # The chance level: a line, lifted off the x axis when it would lie on it
    # (then named below it, where no curve goes), and always named in the plot.
    low = -0.08 * top if share < 0.04 * top else 0
    ax.set_ylim(low, top)
    ax.axhline(
        share, color="dimgrey", lw=1.2, ls=(0, (2, 2)), label=f"random ranking ({share:.3f})"
    )
    ax.annotate(
        f"random ranking: precision {share:.3f}",
        (1, share),
        xytext=(-4, -3) if low < 0 else (-4, 3),
        textcoords="offset points",
        ha="right",
        va="top" if low < 0 else "bottom",
        fontsize=8,
        color="dimgrey",
    )
    ax.set_xlabel(f"recall of class {minority}")
    ax.set_ylabel(f"precision of class {minority}")
    ax.set_title(
        f"Precision-recall curves of class {minority} on the held-out rows\n"
        "(dots: where the classifier's default decision puts each run)",
        fontsize=11,
    )
    ax.grid(alpha=0.3)
    if drawn:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, title="run (PR-AUC)")
