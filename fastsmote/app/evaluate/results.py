"""What ``fastsmote evaluate`` is asked and what it finds: :class:`Settings`,
:class:`Run` (one per resampler, and the baseline) and :class:`Evaluation`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

__all__ = ["Evaluation", "Run", "Settings"]


@dataclass
class Settings:
    """Choices of one evaluation (the command-line options).

    Parameters
    ----------
    classifier : {"logreg", "rf", "hgb"}, default="logreg"
        Logistic regression in a ``StandardScaler`` pipeline, random forest
        (100 trees) or histogram gradient boosting, all from scikit-learn.
    test_size : float, default=0.25
        Share of rows held out by the stratified split (when ``cv`` is None).
    cv : int or None, default=None
        Number of stratified folds; ``None`` uses one train/test split.
    seed : int, default=0
        ``random_state`` of the split, the resamplers and the classifier.
    k_neighbors : int or None, default=None
        Neighbours of every resampler (ADASYN's ``n_neighbors``); ``None``
        keeps each one's default (5, and 2 for KMeans-SMOTE).
    scale : bool, default=True
        Standardise numeric columns before resampling.
    resamplers : sequence of str or None, default=None
        Names (:data:`RESAMPLERS`, case and punctuation ignored); ``None``
        runs every one that applies (SMOTE-NC only with categorical columns).
    params : dict of str to dict, default={}
        Resampler name -> extra constructor arguments (``--param``), e.g.
        ``{"KMeansSMOTE": {"cluster_balance_threshold": 0.001}}``.

    Examples
    --------
    >>> Settings(classifier="hgb", cv=5).test_size
    0.25
    """

    classifier: str = "logreg"
    test_size: float = 0.25
    cv: int | None = None
    seed: int = 0
    k_neighbors: int | None = None
    scale: bool = True
    resamplers: Sequence[str] | None = None
    params: dict = field(default_factory=dict)


@dataclass
class Run:
    """The outcome of one run: the baseline or one resampler.

    Scores are ``None`` when they cannot be computed (the run failed, or the
    held-out rows lack a class). With ``cv``, times and row counts are means
    per fold, the scores come from the pooled out-of-fold predictions and
    ``folds`` holds each fold's own. ``pr_auc_change_90`` is the 90 %
    bootstrap interval of ``pr_auc`` minus the baseline's; ``finding`` is the
    run's "what this shows" sentence; ``warnings`` are the distinct warnings
    raised while fitting (convergence, say).

    Examples
    --------
    >>> Run("baseline", "baseline").status
    'ok'
    """

    name: str
    label: str
    library: str | None = None
    estimator: str | None = None
    status: str = "ok"
    error: str = ""
    resample_seconds: float | None = None
    fit_seconds: float | None = None
    warmup_seconds: float | None = None
    rows_before: float | None = None
    rows_after: float | None = None
    #: SMOTE-ENN and SMOTE-Tomek: rows after the SMOTE step, before cleaning.
    rows_oversampled: float | None = None
    counts_before: dict[str, float] = field(default_factory=dict)
    counts_after: dict[str, float] = field(default_factory=dict)
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    pr_auc: float | None = None
    pr_auc_change_90: tuple[float, float] | None = None
    roc_auc: float | None = None
    balanced_accuracy: float | None = None
    confusion_matrix: list[list[int]] = field(default_factory=list)
    classification_report: str = ""
    folds: list[dict[str, float | None]] = field(default_factory=list)
    finding: str = ""
    warnings: list[str] = field(default_factory=list)
    #: (recall, precision) points of the minority class's precision-recall curve.
    curve: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    #: Minority-class probability of every held-out row, in the pooled order.
    minority_score: np.ndarray | None = field(default=None, repr=False)

    def as_dict(self) -> dict:
        """A JSON-ready dictionary (without the curve and the scores)."""
        out = asdict(self)
        del out["curve"], out["minority_score"]
        return out


@dataclass
class Evaluation:
    """Everything ``fastsmote evaluate`` found; see :func:`evaluate`."""

    data: dict
    settings: dict
    labels: list[str]
    minority: str
    runs: list[Run]
    findings: list[str]
    seconds: float = 0.0
    figures: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """A JSON-ready dictionary."""
        return {
            "data": self.data,
            "settings": self.settings,
            "labels": self.labels,
            "minority": self.minority,
            "runs": [run.as_dict() for run in self.runs],
            "findings": self.findings,
            "seconds": self.seconds,
            "figures": self.figures,
            "versions": _versions(),
        }


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("fastsmote", "imbalanced-learn", "scikit-learn", "numpy", "numba"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "unknown"
    return out
