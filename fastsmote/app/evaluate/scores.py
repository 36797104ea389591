"""Scores of ``fastsmote evaluate`` runs.

:func:`scores` turns held-out predictions into the numbers of a run;
:func:`pr_auc_change_interval` says how much a run's PR-AUC could differ from
the baseline's by chance (a paired bootstrap over the held-out rows).
:mod:`.findings` writes the sentences that read them.
"""

from __future__ import annotations

import warnings

import numpy as np

__all__ = ["COVERAGE", "average_precision", "pr_auc_change_interval", "scores"]

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
