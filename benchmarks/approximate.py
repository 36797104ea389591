"""Measuring the approximate path against the exact one (helpers, not benchmarks).

Used by ``bench_approximate.py`` and ``tools/measure_approximate.py``:
neighbour recall on a sample of rows, agreement of cleaning decisions, and the
downstream effect on a classifier (PR-AUC). The agreement of output rows is
``fastsmote compare``'s, :func:`fastsmote.app.compare.row_agreement`.
"""

from __future__ import annotations

import numpy as np

#: Rows whose exact neighbours are searched to estimate recall.
RECALL_SAMPLE = 2_000

#: The combined samplers measured -> (their cleaning step's attribute, the neighbours
#: that step queries per row: Tomek links the first, ENN three).
CLEANERS = {"SMOTETomek": ("tomek_", 1), "SMOTEENN": ("enn_", 3)}


def sample_rows(n_rows: int, size: int = RECALL_SAMPLE, seed: int = 0) -> np.ndarray:
    """Sorted random rows, at most ``size`` of them, without replacement."""
    rng = np.random.RandomState(seed)
    if n_rows <= size:
        return np.arange(n_rows)
    return np.sort(rng.choice(n_rows, size, replace=False))


def exact_neighbors_of_rows(X, rows, k: int) -> np.ndarray:
    """Exact k nearest neighbours (self excluded by index) of ``rows`` of ``X``."""
    from fastsmote.neighbors import BruteForceNeighbors

    return BruteForceNeighbors(k).fit(X).kneighbors_of_rows(rows, k, return_distance=False)


def knn_recall(approx_ind: np.ndarray, exact_ind: np.ndarray) -> dict[str, float]:
    """``recall@1`` (first neighbour right) and ``recall@k`` (share of the exact k
    neighbours listed among the approximate k)."""
    k = exact_ind.shape[1]
    hits = sum(len(set(a[:k]) & set(e)) for a, e in zip(approx_ind, exact_ind, strict=True))
    return {
        "recall_at_1": float(np.mean(approx_ind[:, 0] == exact_ind[:, 0])),
        f"recall_at_{k}": hits / exact_ind.size,
    }


def measure_recall(X, k: int, backend, rows=None) -> dict[str, float]:
    """Recall of ``backend`` (an unfitted neighbours object) fitted on ``X``,
    all rows queried without themselves, on a sample of rows."""
    rows = sample_rows(X.shape[0]) if rows is None else rows
    exact = exact_neighbors_of_rows(X, rows, k)
    fitted = backend.fit(X)
    approx = fitted.kneighbors_of_rows(rows, k, return_distance=False)
    return {**knn_recall(approx, exact), "rows_sampled": int(rows.size), "k": k}


def decision_agreement(kept_exact, kept_approx, n_rows: int) -> dict[str, float]:
    """How a cleaning sampler's keep/remove decisions on ``n_rows`` rows agree.

    ``kept_*`` are ``sample_indices_`` (rows kept). Returns the share of rows
    with the same decision and the counts removed by one run only.
    """
    keep_e = np.zeros(n_rows, dtype=bool)
    keep_a = np.zeros(n_rows, dtype=bool)
    keep_e[np.asarray(kept_exact)] = True
    keep_a[np.asarray(kept_approx)] = True
    return {
        "decision_agreement": float(np.mean(keep_e == keep_a)),
        "removed_exact": int(n_rows - keep_e.sum()),
        "removed_approx": int(n_rows - keep_a.sum()),
        "removed_by_exact_only": int(np.sum(~keep_e & keep_a)),
        "removed_by_approx_only": int(np.sum(keep_e & ~keep_a)),
    }


def stratified_split(X, y, seed: int = 0, test_size: float = 0.3):
    """``train_test_split`` stratified on ``y``: X_train, X_test, y_train, y_test."""
    from sklearn.model_selection import train_test_split

    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)


def pr_auc(X_train, y_train, X_test, y_test) -> float:
    """Average precision on the test split of a standardised LogisticRegression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1_000))
    model.fit(X_train, y_train)
    return float(average_precision_score(y_test, model.predict_proba(X_test)[:, 1]))
