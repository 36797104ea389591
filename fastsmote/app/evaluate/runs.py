"""Does resampling help on this data? The engine behind ``fastsmote evaluate``.

A baseline classifier is trained on the imbalanced data, then the same
classifier once per resampler (SMOTE, ADASYN, Borderline-SMOTE 1 and 2,
SVM-SMOTE, KMeans-SMOTE, SMOTE-ENN, SMOTE-Tomek, and SMOTE-NC when there are
categorical columns), and every run is scored on the same held-out rows.

Each run is one :class:`imblearn.pipeline.Pipeline`, fitted on training rows
only (one stratified split, or each of ``cv`` stratified folds):

1. ``prepare``: numeric columns median-imputed and, unless ``scale=False``,
   standardised, so that every column weighs alike in the resamplers'
   neighbour distances; categorical columns one-hot encoded (kept as codes
   for SMOTE-NC);
2. ``resample``: the resampler, timed (test rows are never resampled);
3. ``encode``: SMOTE-NC only, one-hot encodes the categorical columns;
4. ``classify``: logistic regression (behind its own ``StandardScaler``),
   random forest or histogram gradient boosting.

Every resampler is fastsmote's (the registry's, :mod:`fastsmote._registry`).
Scores are computed on the pooled held-out predictions: per-class precision, recall, F1
and support at the classifier's default decision, and, for the minority class
against the rest, average precision (PR-AUC) and ROC-AUC, with a paired
bootstrap interval of each run's PR-AUC change against the baseline.

:mod:`fastsmote.app.data` loads the data, :mod:`.resamplers` builds the
resamplers, :mod:`.scores` computes the scores, :mod:`.findings` writes the
"what this shows" lines,
:mod:`.plots` draws the figures and :mod:`.report` writes the reports.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import asdict

import numpy as np
from sklearn.base import BaseEstimator, clone

from ..data import Table
from ..errors import EvaluationInputError
from ..names import single_class_message
from .findings import finding, overall_findings
from .resamplers import Resampler, make_resampler, resolve_resamplers
from .results import Evaluation, Run, Settings
from .scores import pr_auc_change_interval, scores
from .splits import check_neighbours, folds_of

__all__ = ["CLASSIFIERS", "evaluate"]

#: The classifiers ``--classifier`` chooses from.
CLASSIFIERS = ("logreg", "rf", "hgb")


class _TimedResampler(BaseEstimator):
    """A pipeline step that runs ``sampler`` and remembers its time and output counts."""

    def __init__(self, sampler=None):
        self.sampler = sampler

    def fit_resample(self, X, y, **params):
        self.sampler_ = clone(self.sampler)
        start = time.perf_counter()
        X_res, y_res = self.sampler_.fit_resample(X, y, **params)
        self.seconds_ = time.perf_counter() - start
        self.rows_in_, self.rows_out_ = len(y), len(y_res)
        self.counts_in_, self.counts_out_ = _counts(y), _counts(y_res)
        # SMOTE-ENN, SMOTE-Tomek: rows after their SMOTE step, before cleaning.
        strategy = getattr(getattr(self.sampler_, "smote_", None), "sampling_strategy_", None)
        self.rows_oversampled_ = (
            len(y) + int(sum(strategy.values())) if isinstance(strategy, dict) else None
        )
        return X_res, y_res


def evaluate(
    table: Table, settings: Settings | None = None, progress: Callable[[str], None] | None = None
) -> Evaluation:
    """Train the baseline and one run per resampler; score them on held-out rows.

    Parameters
    ----------
    table : Table
        The data, from :func:`fastsmote.app.data.load_table` or
        :func:`~fastsmote.app.data.workload_table`.
    settings : Settings, default=None
        The choices; ``None`` uses :class:`Settings`'s defaults.
    progress : callable, default=None
        Called with each run's label before the run starts.

    Returns
    -------
    Evaluation
        The runs (baseline first), their scores, the "what this shows" line
        of each run (``Run.finding``) and overall findings.

    Raises
    ------
    EvaluationInputError
        When the settings do not fit the data: a single class, too few rows
        of a class for the split or folds, or too few rows of a class for a
        resampler's neighbours (the message names the resampler and what to
        change). A resampler that fails while running (KMeans-SMOTE finding
        no cluster, say) does not raise: its run is marked failed.

    Examples
    --------
    >>> from fastsmote.app.data import workload_table
    >>> table = workload_table("W1", 600)
    >>> result = evaluate(table, Settings(resamplers=["SMOTE"]))
    >>> [(run.label, run.library, run.status) for run in result.runs]
    [('baseline', None, 'ok'), ('SMOTE', 'fastsmote', 'ok')]
    >>> result.runs[1].rows_after > result.runs[1].rows_before
    True
    """
    settings = settings or Settings()
    start = time.perf_counter()
    labels, counts = np.unique(table.y, return_counts=True)
    if labels.size < 2:
        raise EvaluationInputError(single_class_message(labels[0], table.y.size))
    if settings.classifier not in CLASSIFIERS:
        raise EvaluationInputError(
            f"unknown classifier {settings.classifier!r}; choose from {', '.join(CLASSIFIERS)}"
        )
    minority = labels[int(np.argmin(counts))]
    specs = resolve_resamplers(settings.resamplers, bool(table.categorical))
    folds = folds_of(table.y, labels, counts, settings)
    check_neighbours(specs, table.y, folds, settings.k_neighbors)

    runs = []
    for spec in [None, *specs]:
        if progress is not None:
            progress("baseline" if spec is None else spec.label)
        runs.append(_run(spec, table, folds, settings, labels, minority))
    base = runs[0]
    if base.status != "ok":
        raise RuntimeError(f"the baseline classifier failed: {base.error}")
    test_rows = np.concatenate([test for _, test in folds])
    is_minority = table.y[test_rows] == minority
    n_minority = int(is_minority.sum())
    for run in runs[1:]:
        if run.pr_auc is not None and base.pr_auc is not None:
            run.pr_auc_change_90 = pr_auc_change_interval(
                is_minority, base.minority_score, run.minority_score, settings.seed
            )
    for run in runs:
        run.finding = finding(
            run, base, str(minority), n_minority / test_rows.size, n_minority, settings.cv
        )
    findings = overall_findings(runs, str(minority), n_minority, test_rows.size, settings.cv)
    data = {
        "description": table.description,
        "rows": int(table.X.shape[0]),
        "features": int(table.X.shape[1]),
        "feature_names": table.feature_names,
        "categorical": [table.feature_names[j] for j in table.categorical],
        "classes": {str(c): int(n) for c, n in zip(labels, counts, strict=True)},
        "missing_values": table.n_missing,
        "notes": table.notes,
    }
    return Evaluation(
        data=data,
        settings=asdict(settings)
        | {
            "resamplers": [s.name for s in specs],
            "test_size": None if settings.cv else settings.test_size,
        },
        labels=[str(c) for c in labels],
        minority=str(minority),
        runs=runs,
        findings=findings,
        seconds=time.perf_counter() - start,
    )


def _classifier(name: str, seed: int):
    if name == "logreg":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, random_state=seed))
    if name == "rf":
        from sklearn.ensemble import RandomForestClassifier

        return RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=seed)
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=seed)


def _pipeline(spec: Resampler | None, table: Table, settings: Settings):
    """The run's imbalanced-learn pipeline, and its library and class path."""
    from imblearn.pipeline import Pipeline
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    cat = list(table.categorical)
    num = [j for j in range(table.X.shape[1]) if j not in cat]
    numeric = [SimpleImputer(strategy="median", keep_empty_features=True)]
    if settings.scale:
        numeric.append(StandardScaler())
    keep_codes = spec is not None and spec.data == "mixed"
    parts = [("numeric", make_pipeline(*numeric), num)]
    if cat:
        encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
        parts.append(("categorical", "passthrough" if keep_codes else encoder, cat))
    steps = [("prepare", ColumnTransformer(parts, sparse_threshold=0))]
    library = estimator = None
    if spec is not None:
        # After "prepare", the numeric columns come first, then the categorical ones.
        coded = list(range(len(num), len(num) + len(cat)))
        sampler, library, estimator = make_resampler(
            spec,
            settings.seed,
            settings.k_neighbors,
            categorical_features=coded,
            params=(settings.params or {}).get(spec.name),
        )
        steps.append(("resample", _TimedResampler(sampler)))
        if keep_codes:
            encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
            steps.append(
                (
                    "encode",
                    ColumnTransformer(
                        [("categorical", encoder, coded)],
                        remainder="passthrough",
                        sparse_threshold=0,
                    ),
                )
            )
    steps.append(("classify", _classifier(settings.classifier, settings.seed)))
    return Pipeline(steps), library, estimator


def _run(spec, table, folds, settings, labels, minority) -> Run:
    run = Run(name="baseline", label="baseline") if spec is None else Run(spec.name, spec.label)
    X, y = table.X, table.y
    _, run.library, run.estimator = _pipeline(spec, table, settings)
    if run.library == "fastsmote":
        run.warmup_seconds = _warm_up(spec, table, settings, folds[0][0])
    resample_s, fit_s, rows_in, rows_out, before, after = [], [], [], [], [], []
    oversampled = []
    truths, probas, seen = [], [], {}
    for train, test in folds:
        pipe = _pipeline(spec, table, settings)[0]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                start = time.perf_counter()
                pipe.fit(X[train], y[train])
                seconds = time.perf_counter() - start
                proba = pipe.predict_proba(X[test])
            except Exception as exc:  # a failed run is reported, not fatal
                if spec is None:
                    raise EvaluationInputError(
                        f"the baseline classifier cannot be trained on these rows "
                        f"({type(exc).__name__}: {exc}); check --test-size, --cv and the data"
                    ) from exc
                run.status = "failed"
                run.error = f"{type(exc).__name__}: {exc}".strip()
                return run
        for w in caught:
            seen.setdefault(f"{w.category.__name__}: {str(w.message).splitlines()[0]}", None)
        step = pipe.named_steps.get("resample")
        spent = step.seconds_ if step is not None else 0.0
        resample_s.append(spent)
        fit_s.append(seconds - spent)
        counts = _counts(y[train])
        before.append(counts)
        after.append(step.counts_out_ if step is not None else counts)
        rows_in.append(train.size)
        rows_out.append(step.rows_out_ if step is not None else train.size)
        oversampled.append(getattr(step, "rows_oversampled_", None))
        # Columns of predict_proba follow the pipeline's classes_; align them to labels.
        aligned = np.zeros((test.size, labels.size))
        aligned[:, np.searchsorted(labels, pipe.classes_)] = proba
        truths.append(y[test])
        probas.append(aligned)
        run.folds.append(scores(y[test], aligned, labels, minority, brief=True))
    run.warnings = list(seen)[:8]
    if spec is not None:
        run.resample_seconds = float(np.mean(resample_s))
    run.fit_seconds = float(np.mean(fit_s))
    run.rows_before, run.rows_after = float(np.mean(rows_in)), float(np.mean(rows_out))
    if oversampled and None not in oversampled:
        run.rows_oversampled = float(np.mean(oversampled))
    run.counts_before = _mean_counts(before, labels)
    run.counts_after = _mean_counts(after, labels)
    pooled = np.concatenate(probas)
    for key, value in scores(np.concatenate(truths), pooled, labels, minority).items():
        setattr(run, key, value)
    run.minority_score = pooled[:, int(np.searchsorted(labels, minority))]
    if len(folds) == 1:
        run.folds = []
    return run


def _warm_up(spec, table, settings, train) -> float:
    """Compile (or load) fastsmote's kernels on a small slice, so timings are warm."""
    y = table.y[train]
    labels, counts = np.unique(y, return_counts=True)
    rows = []
    for label, count in zip(labels, counts, strict=True):
        where = train[y == label]
        rows.append(where[: 1_000 if count < counts.max() else 1_500])
    rows = np.sort(np.concatenate(rows))
    pipe = _pipeline(spec, table, settings)[0]
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pipe.named_steps["prepare"].fit(table.X[rows])
            prepared = pipe.named_steps["prepare"].transform(table.X[rows])
            pipe.named_steps["resample"].fit_resample(prepared, table.y[rows])
        except (ValueError, RuntimeError):
            pass  # the slice may not suit the resampler; compilation happened anyway
    return time.perf_counter() - start


def _counts(y) -> dict[str, int]:
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    return {str(c): int(n) for c, n in zip(labels, counts, strict=True)}


def _mean_counts(per_fold: list[dict[str, int]], labels) -> dict[str, float]:
    return {str(c): float(np.mean([f.get(str(c), 0) for f in per_fold])) for c in labels}
