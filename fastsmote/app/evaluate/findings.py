"""The "what this shows" lines of ``fastsmote evaluate``, every word of which
depends on the numbers of :mod:`.scores`: :func:`finding` for one run,
:func:`overall_findings` for all of them together."""

from __future__ import annotations

import numpy as np

from .scores import COVERAGE

__all__ = ["MIN_POSITIVES", "finding", "overall_findings"]


def _digits(*values) -> int:
    """Two decimals, or three when every value is below 0.1."""
    known = [v for v in values if v is not None]
    return 3 if known and max(known) < 0.1 else 2


def _change(what: str, old, new, digits: int | None = None) -> str:
    if new is None:
        return f"{what} not available"
    digits = _digits(old, new) if digits is None else digits
    if old is None:
        return f"{what} {new:.{digits}f}"
    if round(new, digits) == round(old, digits):
        return f"{what} unchanged at {new:.{digits}f}"
    direction = "up" if new > old else "down"
    return f"{what} {direction} from {old:.{digits}f} to {new:.{digits}f}"


def _caught(run, minority: str) -> tuple[int, int, int]:
    """(minority rows caught, minority rows, false alarms) of a run."""
    m = list(run.per_class).index(minority)
    matrix = np.asarray(run.confusion_matrix)
    return int(matrix[m, m]), int(matrix[m].sum()), int(matrix[:, m].sum() - matrix[m, m])


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


#: Fewer held-out minority rows than this: a bootstrap interval says nothing.
MIN_POSITIVES = 10


def _noise(interval, minority: str, n_minority: int | None, cv: int | None) -> str:
    if interval is None:
        return ""
    if n_minority is not None and n_minority < MIN_POSITIVES:
        return (
            f" (only {_plural(n_minority, f'class-{minority} row')} held out: too few to tell "
            "this change from chance)"
        )
    low, high = interval
    rows = "the pooled out-of-fold rows" if cv else "the test rows"
    verdict = (
        "consistent with chance"
        if low <= 0 <= high
        else f"larger than what chance in {rows} explains"
    )
    return (
        f" ({COVERAGE:.0%} bootstrap interval of the change over {rows} {low:+.3f} to "
        f"{high:+.3f}: {verdict})"
    )


def _cleaning(run) -> str:
    """What the cleaning step of SMOTE-ENN or SMOTE-Tomek removed ("" for other runs)."""
    if run.rows_oversampled is None:
        return ""
    smoted, removed = run.rows_oversampled, run.rows_oversampled - run.rows_after
    if removed < 0.5:
        return (
            f"; its cleaning step removed no row (it trained on exactly SMOTE's "
            f"{smoted:,.0f} rows): the same as SMOTE, at the cost of the cleaning time"
        )
    share = removed / smoted
    little = "only " if share < 0.01 else ""
    return (
        f"; its cleaning step removed {little}{removed:,.0f} of SMOTE's {smoted:,.0f} rows "
        f"({share:.2%})"
    )


def finding(
    run,
    base,
    minority: str,
    prevalence: float,
    n_minority: int | None = None,
    cv: int | None = None,
) -> str:
    """The "what this shows" sentence of one run, from its numbers and the baseline's.

    Parameters
    ----------
    run, base : fastsmote.app.evaluate.Run
        The run, and the baseline run (``run`` may be ``base``).
    minority : str
        The minority class.
    prevalence : float
        Share of the minority class among the held-out rows: the PR-AUC of
        a random ranking.
    n_minority : int or None, default=None
        Minority rows among the held-out rows (below :data:`MIN_POSITIVES`,
        the bootstrap interval is not read as evidence).
    cv : int or None, default=None
        Number of folds (the wording then speaks of pooled out-of-fold rows).

    Returns
    -------
    str
    """
    if run.status != "ok":
        from ..names import hint_for

        hint = hint_for(run.name, run.error)
        return f"failed: {run.error}" + (f" {hint}" if hint else "")
    mine = run.per_class[minority]
    caught, total, alarms = _caught(run, minority)
    if run is base:
        if caught + alarms == 0:
            decision = f"predicts no row as class {minority}, so catches none of its {total:,}"
        else:
            decision = (
                f"catches {caught:,} of {total:,} class-{minority} rows (recall "
                f"{mine['recall']:.2f}) with {_plural(alarms, 'false alarm')} (precision "
                f"{mine['precision']:.2f})"
            )
        what = "pooled out-of-fold PR-AUC" if cv else "PR-AUC"
        text = (
            f"{decision}; {what} {run.pr_auc:.3f}, where a random ranking scores {prevalence:.3f}"
        )
        if run.pr_auc is not None and run.pr_auc < prevalence + 0.1 * (1 - prevalence):
            text += ": the classifier finds little signal in these features"
        return text
    base_mine = base.per_class[minority]
    base_caught, _, base_alarms = _caught(base, minority)
    recall = _change(f"recall of class {minority}", base_mine["recall"], mine["recall"])
    if caught != base_caught:
        recall += f" ({caught:,} of {total:,} caught instead of {base_caught:,})"
    precision = _change("precision", base_mine["precision"], mine["precision"])
    if alarms != base_alarms:
        precision += f" ({_plural(alarms, 'false alarm')} instead of {base_alarms:,})"
    what = "pooled out-of-fold PR-AUC" if cv else "PR-AUC"
    pr_auc = _change(what, base.pr_auc, run.pr_auc, digits=3)
    pr_auc += _noise(run.pr_auc_change_90, minority, n_minority, cv)
    growth = run.rows_after / run.rows_before if run.rows_before else float("nan")
    rows = (
        f"trained on {run.rows_after:,.0f} rows instead of {run.rows_before:,.0f} ({growth:.2f}x)"
    )
    return f"{recall}, {precision}; {pr_auc}; {rows}{_cleaning(run)}"


def overall_findings(
    runs, minority: str, n_minority: int, n_test: int, cv: int | None
) -> list[str]:
    """Lines about all runs together: what the test rows can resolve, the best runs.

    Parameters
    ----------
    runs : list of fastsmote.app.evaluate.Run
        The baseline first.
    minority : str
        The minority class.
    n_minority, n_test : int
        Minority rows and all rows among the held-out predictions.
    cv : int or None
        Number of folds, or None for one split.

    Returns
    -------
    list of str
    """
    ok = [r for r in runs if r.status == "ok"]
    base = runs[0]
    held_out = (
        f"the {cv}-fold out-of-fold predictions cover all {n_test:,} rows"
        if cv
        else f"the test split holds {n_test:,} rows"
    )
    lines = [
        f"{held_out}, {n_minority:,} of class {minority} ({n_minority / n_test:.2%}): one row "
        f"more or less caught moves its recall by {1 / max(n_minority, 1):.3f}"
    ]

    def best(key, what: str, digits: int, chance: bool = False) -> None:
        scored = [r for r in ok if key(r) is not None]
        if len(scored) < 2:
            return
        top = max(scored, key=key)
        if top is base:
            closest = max(scored[1:], key=key)
            lines.append(
                f"no resampler beat the baseline's {what} ({key(base):.{digits}f}); the "
                f"closest was {closest.label} ({key(closest):.{digits}f})"
            )
            return
        line = (
            f"highest {what}: {top.label} ({key(top):.{digits}f}; baseline {key(base):.{digits}f})"
        )
        if chance and top.pr_auc_change_90 is not None:
            low, high = top.pr_auc_change_90
            if n_minority < MIN_POSITIVES:
                line += f", with too few class-{minority} rows held out to tell a gain from chance"
            elif low <= 0:
                line += ", a gain consistent with chance"
            else:
                line += ", a gain larger than chance"
        lines.append(line)

    best(lambda r: r.pr_auc, "PR-AUC", 3, chance=True)
    best(
        lambda r: r.per_class[minority]["f1"],
        f"F1 of class {minority}",
        _digits(*(r.per_class[minority]["f1"] for r in ok)),
    )
    best(lambda r: r.balanced_accuracy, "balanced accuracy", 3)
    failed = [r.label for r in runs if r.status != "ok"]
    if failed:
        lines.append(f"failed: {', '.join(failed)} (each run's line says why)")
    return lines
