"""Generated tables with the raw shapes of data as people have it.

Each function is deterministic (fixed seed), takes ``n_samples`` to shrink the
table while keeping its properties (class share, duplicate share, value
ranges), and returns ``X`` float64 C-contiguous and ``y`` int64 with 0 the
majority. :func:`fastsmote.datasets.load_real` serves them by name.

Examples
--------
>>> from fastsmote.datasets.raw import make_creditcard_raw
>>> X, y = make_creditcard_raw(10_000)
>>> X.shape, int(y.sum()), float(X[:, 0].max())
((10000, 30), 17, 172792.0)
"""

from __future__ import annotations

import numpy as np

from ._checks import check_n_samples

__all__ = [
    "CREDITCARD_ROWS",
    "make_creditcard_raw",
    "make_far_outlier",
    "make_integer_columns",
    "make_timestamp_offset",
]

#: Rows, positives and duplicate rows of the published credit-card fraud table.
CREDITCARD_ROWS, CREDITCARD_POSITIVES, CREDITCARD_DUPLICATES = 284_807, 492, 1_081
#: Of its duplicate rows, those of the fraud class (473 distinct frauds remain without them).
CREDITCARD_POSITIVE_DUPLICATES = 19
#: Last second of the two days the published table covers, and its largest amount.
CREDITCARD_MAX_TIME, CREDITCARD_MAX_AMOUNT = 172_792, 25_691.16
#: Smallest ``n_samples`` of a generated table (at least 6 positives: SMOTE's k is 5).
MIN_ROWS = 60
_MIN_POSITIVES = 6


def _rows(n_samples, default: int) -> int:
    n = default if n_samples is None else check_n_samples(n_samples)
    if n < MIN_ROWS:
        raise ValueError(f"n_samples must be at least {MIN_ROWS} for a generated table, got {n}")
    return n


def _scaled(count: int, n: int, full: int, minimum: int = 0) -> int:
    return max(minimum, int(round(count * n / full)))


def make_creditcard_raw(n_samples: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The credit-card fraud layout as published (Kaggle ``creditcard.csv``), generated.

    Columns ``Time, V1..V28, Amount``. ``Time``: integer seconds from 0 to
    172,792 over two days, non-decreasing, with ties. ``V1..V28``: PCA-like
    components of mean 0, heavy-tailed (Student t, 5 degrees of freedom) with
    standard deviations falling from 1.96 to 0.33 as in the published table;
    fraud rows are shifted in a few components (V10, V12, V14, V17 most).
    ``Amount``: log-normal, 2 decimals, from 0 to 25,691.16 (about 0.6 % zeros).
    At full size (284,807 rows): 492 positives (0.17 %), and 1,081 duplicate
    rows (exact copies of other rows, placed right after them so ``Time`` stays
    sorted; 19 of them frauds). ``n_samples`` scales positives and duplicates
    in proportion (at least 6 positives) and keeps the ranges of ``Time`` and
    ``Amount``.
    """
    n = _rows(n_samples, CREDITCARD_ROWS)
    full = CREDITCARD_ROWS
    n_pos = _scaled(CREDITCARD_POSITIVES, n, full, _MIN_POSITIVES)
    n_dup = _scaled(CREDITCARD_DUPLICATES, n, full)
    n_dup_pos = min(_scaled(CREDITCARD_POSITIVE_DUPLICATES, n, full), n_pos - _MIN_POSITIVES)
    n_base, n_base_pos = n - n_dup, n_pos - n_dup_pos
    rng = np.random.RandomState(0)

    time = np.sort(rng.randint(0, CREDITCARD_MAX_TIME + 1, size=n_base)).astype(np.float64)
    time[0], time[-1] = 0.0, CREDITCARD_MAX_TIME
    y = np.zeros(n_base, dtype=np.int64)
    y[rng.choice(n_base, n_base_pos, replace=False)] = 1
    scales = np.geomspace(1.96, 0.33, 28)
    components = rng.standard_t(5, size=(n_base, 28)) * (scales / np.sqrt(5 / 3))
    shift = np.zeros(28)
    shift[[2, 3, 9, 10, 11, 13, 15, 16]] = [-1.5, 2.0, -3.0, 2.0, -3.5, -4.0, -2.0, -3.0]
    components[y == 1] += shift * scales
    amount = np.round(np.minimum(rng.lognormal(3.0, 1.4, n_base), CREDITCARD_MAX_AMOUNT), 2)
    amount[rng.rand(n_base) < 0.006] = 0.0
    amount[rng.randint(n_base)] = CREDITCARD_MAX_AMOUNT
    X = np.column_stack([time, components, amount])

    # Copies: n_dup_pos of fraud rows, the rest of other rows (some copied twice).
    sources = np.concatenate(
        [
            rng.choice(np.flatnonzero(y == 1), n_dup_pos, replace=False),
            rng.choice(np.flatnonzero(y == 0), n_dup - n_dup_pos, replace=True),
        ]
    )
    order = np.sort(np.concatenate([np.arange(n_base), sources]), kind="stable")
    return np.ascontiguousarray(X[order]), y[order]


def make_integer_columns(n_samples: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Small integer-valued columns, counts and codes: duplicate rows and tied distances.

    Seven columns: three counts (Poisson, means 0.5, 1 and 2, capped at 9), a
    0/1 flag, a code 0..3, a code 0..4 (skewed) and a rating 1..5. The label
    (about 9 % positives, at least 6) depends on the counts and
    codes through a logistic model, so rows with the same features can carry
    either label. 4,000 rows by default, over a third of them duplicates of
    an earlier row, in both classes.
    """
    n = _rows(n_samples, 4_000)
    rng = np.random.RandomState(1)
    counts = np.minimum(rng.poisson([0.5, 1.0, 2.0], size=(n, 3)), 9)
    flag = rng.rand(n) < 0.3
    code4 = rng.randint(0, 4, size=n)
    code5 = np.minimum(rng.geometric(0.5, size=n) - 1, 4)
    rating = rng.choice(5, size=n, p=[0.05, 0.1, 0.2, 0.4, 0.25]) + 1
    X = np.column_stack([counts, flag, code4, code5, rating]).astype(np.float64)
    score = 0.9 * counts[:, 0] + 0.4 * counts[:, 2] + 0.8 * flag - 0.5 * rating + 0.3 * code4
    y = (rng.rand(n) < 1.0 / (1.0 + np.exp(-(score - 3.0)))).astype(np.int64)
    n_pos = max(_MIN_POSITIVES, int(y.sum()))
    if y.sum() < n_pos:  # tiny tables: label the highest scores
        y[np.argsort(-score, kind="stable")[:n_pos]] = 1
    return np.ascontiguousarray(X), y


def make_timestamp_offset(n_samples: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A Unix-time column, ``1.7e9 + seconds``, beside ordinary features.

    Column 0 holds ``1.7e9`` plus integer seconds over 30 days (sorted, with
    ties); columns 1..8 are ``make_classification(n, n_features=8,
    n_informative=5, n_redundant=1, weights=[0.9], random_state=0)``, whose
    ``y`` is the label (about 10 % positives). Squared distances computed as
    ``|a|^2 + |b|^2 - 2ab`` lose all precision at this offset. 10,000 rows by
    default.
    """
    from sklearn.datasets import make_classification

    n = _rows(n_samples, 10_000)
    features, y = make_classification(
        n, n_features=8, n_informative=5, n_redundant=1, weights=[0.9], random_state=0
    )
    rng = np.random.RandomState(2)
    seconds = np.sort(rng.randint(0, 30 * 86_400, size=n)).astype(np.float64)
    return np.ascontiguousarray(np.column_stack([1.7e9 + seconds, features])), y.astype(np.int64)


def make_far_outlier(n_samples: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``X = randn(60000, 20); X[0] = 1000``: one row far from all others.

    ``X`` from ``np.random.RandomState(0).randn(n, 20)`` with every value of row
    0 set to 1000; ``y`` has 5 % positives (at least 6) at random rows, row 0
    among the majority. 60,000 rows by default.
    """
    n = _rows(n_samples, 60_000)
    rng = np.random.RandomState(0)
    X = rng.randn(n, 20)
    X[0] = 1000.0
    y = np.zeros(n, dtype=np.int64)
    y[1 + rng.choice(n - 1, max(_MIN_POSITIVES, int(round(0.05 * n))), replace=False)] = 1
    return X, y
