"""Scores of ``fastsmote evaluate`` runs, and the sentences that read them.

:func:`scores` turns held-out predictions into the numbers of a run;
:func:`pr_auc_change_interval` says how much a run's PR-AUC could differ from
the baseline's by chance (a paired bootstrap over the held-out rows);
:func:`finding` and :func:`overall_findings` write the "what this shows"
lines, every word of which depends on those numbers.
"""

from __future__ import annotations

import warnings

import numpy as np

__all__ = [
    "average_precision",
    "finding",
    "overall_findings",
    "pr_auc_change_interval",
    "scores",
]

#: Bootstrap replicates of the PR-AUC change, and the interval's coverage.
N_BOOTSTRAP = 200
COVERAGE = 0.90


def scores(y_true, proba, labels, minority, brief: bool = False) -> dict:
    """The scores of one run (or one fold) on held-out rows.

    Parameters
    ----------
    y_true : ndarray of shape (n_rows,)
        True classes of the held-out rows.
    proba : ndarray of shape (n_rows, n_classes)
        Predicted probabilities, columns in the order of ``labels``.
    labels : ndarray of shape (n_classes,)
        The sorted classes.
    minority : label
        The class that PR-AUC, ROC-AUC and the brief scores are about.
    brief : bool, default=False
        Only the scalar scores (for one fold).

    Returns
    -------
    dict
        ``pr_auc``, ``roc_auc`` (minority class against the rest; ``None``
        when the rows hold a single class) and ``balanced_accuracy``; with
        ``brief``, the minority class's ``precision``, ``recall`` and ``f1``;
        else ``per_class`` (precision, recall, F1, support of each class at
        the default decision, the most probable class), ``confusion_matrix``,
        ``classification_report`` and ``curve`` ((recall, precision) arrays).

    Examples
    --------
    >>> import numpy as np
    >>> proba = np.array([[0.9, 0.1], [0.6, 0.4], [0.3, 0.7], [0.2, 0.8]])
    >>> out = scores(np.array([0, 1, 0, 1]), proba, np.array([0, 1]), 1, brief=True)
    >>> out["pr_auc"], out["recall"], out["precision"]
    (0.8333333333333333, 0.5, 0.5)
    """
    from sklearn.metrics import (
        balanced_accuracy_score,
        classification_report,
        confusion_matrix,
        precision_recall_curve,
        precision_recall_fscore_support,
        roc_auc_score,
    )

    pred = labels[np.argmax(proba, axis=1)]
    m = int(np.searchsorted(labels, minority))
    is_minority = y_true == minority
    both = bool(is_minority.any() and (~is_minority).any())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. a class absent from the predictions
        precision, recall, f1, support = precision_recall_fscore_support(
            y_true, pred, labels=labels, zero_division=0
        )
        out = {
            "pr_auc": average_precision(is_minority, proba[:, m]) if both else None,
            "roc_auc": float(roc_auc_score(is_minority, proba[:, m])) if both else None,
            "balanced_accuracy": float(balanced_accuracy_score(y_true, pred)),
        }
    if brief:
        return out | {
            "precision": float(precision[m]),
            "recall": float(recall[m]),
            "f1": float(f1[m]),
        }
    out["per_class"] = {
        str(label): {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        }
        for i, label in enumerate(labels)
    }
    out["confusion_matrix"] = confusion_matrix(y_true, pred, labels=labels).tolist()
    out["classification_report"] = classification_report(
        y_true,
        pred,
        labels=labels,
        target_names=[str(c) for c in labels],
        digits=3,
        zero_division=0,
    )
    if both:
        curve_precision, curve_recall, _ = precision_recall_curve(is_minority, proba[:, m])
        out["curve"] = (curve_recall, curve_precision)
    return out


def average_precision(is_positive: np.ndarray, score: np.ndarray) -> float:
    """Average precision, as :func:`sklearn.metrics.average_precision_score`.

    The same sum over distinct thresholds (tied scores form one threshold),
    without the input validation, so the bootstrap can call it many times.

    Parameters
    ----------
    is_positive : ndarray of bool, shape (n_rows,)
        Holds at least one True.
    score : ndarray of shape (n_rows,)

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.metrics import average_precision_score
    >>> rng = np.random.default_rng(0)
    >>> y, s = rng.random(500) < 0.1, rng.integers(0, 20, 500) / 20  # many ties
    >>> bool(np.isclose(average_precision(y, s), average_precision_score(y, s)))
    True
    """
    order = np.argsort(-score, kind="mergesort")
    ranked = score[order]
    last_of_tie = np.r_[np.flatnonzero(np.diff(ranked)), ranked.size - 1]
    true_pos = np.cumsum(is_positive[order])[last_of_tie]
    precision = true_pos / (last_of_tie + 1)
    recall = true_pos / true_pos[-1]
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))


def pr_auc_change_interval(
    is_positive: np.ndarray, base_score: np.ndarray, run_score: np.ndarray, seed: int
) -> tuple[float, float]:
    """Bootstrap interval of a run's PR-AUC minus the baseline's.

    Held-out rows are drawn with replacement, positives and negatives apart
    (so every replicate keeps their counts), the same rows for both runs;
    the interval holds the middle :data:`COVERAGE` of the
    :data:`N_BOOTSTRAP` differences. It measures how much the test rows
    alone could move the difference, not the variation between training
    sets.

    Parameters
    ----------
    is_positive : ndarray of bool, shape (n_rows,)
        Whether each held-out row is of the minority class.
    base_score, run_score : ndarray of shape (n_rows,)
        Minority-class probabilities of the baseline and of the run.
    seed : int
        Seed of the draws.

    Returns
    -------
    (low, high) : tuple of float

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = rng.random(400) < 0.2
    >>> low, high = pr_auc_change_interval(y, y + rng.random(400), rng.random(400), seed=0)
    >>> bool(high < 0)  # a random ranking is worse than an informative one
    True
    """
    rng = np.random.default_rng(seed)
    positives, negatives = np.flatnonzero(is_positive), np.flatnonzero(~is_positive)
    changes = np.empty(N_BOOTSTRAP)
    for b in range(N_BOOTSTRAP):
        rows = np.concatenate(
            [rng.choice(positives, positives.size), rng.choice(negatives, negatives.size)]
        )
        changes[b] = average_precision(is_positive[rows], run_score[rows]) - average_precision(
            is_positive[rows], base_score[rows]
        )
    tail = (1 - COVERAGE) / 2 * 100
    low, high = np.percentile(changes, [tail, 100 - tail])
    return float(low), float(high)


# -- "what this shows" ------------------------------------------------------------


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
    borrowed = [r.label for r in runs if r.library == "imbalanced-learn"]
    if borrowed:
        lines.append(
            f"imbalanced-learn's classes ran for {', '.join(borrowed)} "
            "(not in this build of fastsmote yet)"
        )
    return lines
