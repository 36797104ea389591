"""Default output equals imbalanced-learn's on real tables: duplicates, ties and all.

Every neighbour-based sampler, under its defaults (``random_state=0`` where it
takes one), on every table of :data:`fastsmote.datasets.REAL_TABLES`: ``X``,
``y``, dtypes, row order and ``sample_indices_`` equal imbalanced-learn's, or
both raise the same exception class. The generated raw shapes (credit-card
layout, integer columns, timestamp offset, far outlier) run at a reduced size
that keeps their properties, and so do the two widest real tables (every
``ROW_STRIDE``-th row of ``hiva`` and ``sylva``, every duplicated row kept);
the benchmark (``tools/measure_real.py``) checks identity on them all in full.
"""

from __future__ import annotations

import imblearn.combine as imb_combine
import imblearn.over_sampling as imb_over
import imblearn.under_sampling as imb_under
import numpy as np
import pytest

import fastsmote
from fastsmote.datasets import GENERATED_TABLES, REAL_TABLES, load_real

#: Rows of the generated tables in the tests (their full sizes are benchmarks).
GENERATED_ROWS = {
    "creditcard_raw": 6_000,
    "integer_columns": 4_000,
    "timestamp_offset": 4_000,
    "far_outlier": 6_000,
}

#: name -> (imbalanced-learn class, fastsmote class, parameters)
SAMPLERS = {
    "SMOTE": (imb_over.SMOTE, fastsmote.SMOTE, {"random_state": 0}),
    "ADASYN": (imb_over.ADASYN, fastsmote.ADASYN, {"random_state": 0}),
    "BorderlineSMOTE-1": (imb_over.BorderlineSMOTE, fastsmote.BorderlineSMOTE, {"random_state": 0}),
    "BorderlineSMOTE-2": (
        imb_over.BorderlineSMOTE,
        fastsmote.BorderlineSMOTE,
        {"random_state": 0, "kind": "borderline-2"},
    ),
    "SVMSMOTE": (imb_over.SVMSMOTE, fastsmote.SVMSMOTE, {"random_state": 0}),
    "KMeansSMOTE": (imb_over.KMeansSMOTE, fastsmote.KMeansSMOTE, {"random_state": 0}),
    "RandomOverSampler": (
        imb_over.RandomOverSampler,
        fastsmote.RandomOverSampler,
        {"random_state": 0},
    ),
    "TomekLinks": (imb_under.TomekLinks, fastsmote.TomekLinks, {}),
    "EditedNearestNeighbours": (
        imb_under.EditedNearestNeighbours,
        fastsmote.EditedNearestNeighbours,
        {},
    ),
    "RepeatedEditedNearestNeighbours": (
        imb_under.RepeatedEditedNearestNeighbours,
        fastsmote.RepeatedEditedNearestNeighbours,
        {},
    ),
    "AllKNN": (imb_under.AllKNN, fastsmote.AllKNN, {}),
    **{
        f"NearMiss-{v}": (imb_under.NearMiss, fastsmote.NearMiss, {"version": v}) for v in (1, 2, 3)
    },
    "CondensedNearestNeighbour": (
        imb_under.CondensedNearestNeighbour,
        fastsmote.CondensedNearestNeighbour,
        {"random_state": 0},
    ),
    "OneSidedSelection": (
        imb_under.OneSidedSelection,
        fastsmote.OneSidedSelection,
        {"random_state": 0},
    ),
    "NeighbourhoodCleaningRule": (
        imb_under.NeighbourhoodCleaningRule,
        fastsmote.NeighbourhoodCleaningRule,
        {},
    ),
    "RandomUnderSampler": (
        imb_under.RandomUnderSampler,
        fastsmote.RandomUnderSampler,
        {"random_state": 0},
    ),
    "SMOTEENN": (imb_combine.SMOTEENN, fastsmote.SMOTEENN, {"random_state": 0}),
    "SMOTETomek": (imb_combine.SMOTETomek, fastsmote.SMOTETomek, {"random_state": 0}),
}

#: SMOTEN treats every column as categorical: only tables of few distinct values.
SMOTEN_TABLES = ("integer_columns", "spect_f", "digits")

#: SVM-SMOTE fits an SVC on every row (the same scikit-learn call in both
#: libraries): the two largest tables are left to the benchmark.
#: imbalanced-learn's CondensedNearestNeighbour refits a classifier for every
#: row it adds (minutes on a few thousand rows): only the tables below 1,200
#: rows here (tests/test_condensed.py has generated tables with ties and copies).
CNN_TABLES = ("cm1", "german", "pc1", "spect_f", "breast_cancer", "wine")
SLOW = {("SVMSMOTE", "sylva"), ("SVMSMOTE", "hiva")} | {
    ("CondensedNearestNeighbour", name) for name in REAL_TABLES if name not in CNN_TABLES
}


#: The widest real tables (3,845 x 1,617 and 13,086 x 212) keep every n-th row
#: here: in full they took a quarter of the suite's time.
ROW_STRIDE = {"hiva": 2, "sylva": 4}


def thinned(X, y, stride):
    """Every ``stride``-th row of ``(X, y)`` and every row that has a copy
    (duplicates are what ties the lists), in the original order."""
    _, inverse, counts = np.unique(X, axis=0, return_inverse=True, return_counts=True)
    keep = (np.arange(X.shape[0]) % stride == 0) | (counts[inverse.ravel()] > 1)
    return X[keep], y[keep]


@pytest.fixture(scope="module")
def table():
    cache = {}

    def load(name):
        if name not in cache:
            rows = GENERATED_ROWS.get(name) if name in GENERATED_TABLES else None
            X, y = load_real(name, n_samples=rows)
            if name in ROW_STRIDE:
                X, y = thinned(X, y, ROW_STRIDE[name])
            cache[name] = (X, y)
        return cache[name]

    return load


def fit(cls, params, X, y):
    sampler = cls(**params)
    try:
        return sampler, sampler.fit_resample(X, y)
    except Exception as exc:  # an error is a result to compare
        return sampler, exc


def assert_identical(ours, theirs, our_sampler, their_sampler):
    if isinstance(ours, Exception) or isinstance(theirs, Exception):
        assert type(ours) is type(theirs), (ours, theirs)
        return
    (X_ours, y_ours), (X_theirs, y_theirs) = ours, theirs
    assert X_ours.dtype == X_theirs.dtype and y_ours.dtype == y_theirs.dtype
    np.testing.assert_array_equal(X_ours, X_theirs)
    np.testing.assert_array_equal(y_ours, y_theirs)
    if hasattr(their_sampler, "sample_indices_"):
        np.testing.assert_array_equal(our_sampler.sample_indices_, their_sampler.sample_indices_)


CASES = [
    (sampler, name) for name in REAL_TABLES for sampler in SAMPLERS if (sampler, name) not in SLOW
] + [("SMOTEN", name) for name in SMOTEN_TABLES]


@pytest.mark.parametrize(("sampler", "name"), CASES)
def test_default_output_equals_imblearn(table, sampler, name):
    X, y = table(name)
    if sampler == "SMOTEN":
        imb_cls, our_cls, params = imb_over.SMOTEN, fastsmote.SMOTEN, {"random_state": 0}
    else:
        imb_cls, our_cls, params = SAMPLERS[sampler]
    our_sampler, ours = fit(our_cls, params, X, y)
    their_sampler, theirs = fit(imb_cls, params, X, y)
    assert_identical(ours, theirs, our_sampler, their_sampler)


def test_corpus_has_duplicates_and_ties(table):
    """The corpus exercises what the module is about: duplicate rows, and
    integer-valued tables where distances tie."""
    from fastsmote.datasets import count_duplicate_rows

    assert count_duplicate_rows(table("kc1")[0]) > 100
    X = table("integer_columns")[0]
    assert np.all(X == np.round(X)) and count_duplicate_rows(X) > 100


def test_index_order_differs_on_duplicates(table):
    """The by-index rule is a real option: on a table with duplicate rows it
    gives other lists than imbalanced-learn's, and the default does not."""
    X, y = table("kc1")
    theirs = imb_under.TomekLinks().fit_resample(X, y)
    with fastsmote.config_context(neighbor_order="index"):
        by_index = fastsmote.TomekLinks().fit_resample(X, y)
    default = fastsmote.TomekLinks().fit_resample(X, y)
    np.testing.assert_array_equal(default[1], theirs[1])
    assert by_index[0].shape != theirs[0].shape or not np.array_equal(by_index[0], theirs[0])


#: Samplers run a second time with every search resolved apart (no asking
#: scikit-learn outright because the table is small or mostly repeated), so
#: that the tie detection and the heap replay meet every real table too.
RESOLVED_SAMPLERS = (
    "SMOTE",
    "BorderlineSMOTE-1",
    "BorderlineSMOTE-2",
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
)


@pytest.mark.parametrize("name", REAL_TABLES)
@pytest.mark.parametrize("sampler", RESOLVED_SAMPLERS)
def test_resolved_lists_equal_imblearn(table, monkeypatch, sampler, name):
    from fastsmote.neighbors import ambiguity, ask_outright

    monkeypatch.setattr(ambiguity, "FLOAT32_EXACT", -1.0)  # no one-pass integer search
    monkeypatch.setattr(ask_outright, "SMALL_SEARCH_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "ONE_SIDED_SMALL_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "one_sided_gains_little", lambda method, facts: False)
    monkeypatch.setattr(ask_outright, "REPEATED_SHARE", np.inf)
    monkeypatch.setattr(ask_outright, "AMBIGUOUS_SHARE", np.inf)
    monkeypatch.setattr(ask_outright, "AMBIGUOUS_SHARE_WITHOUT_CHAINS", np.inf)
    X, y = table(name)
    imb_cls, our_cls, params = SAMPLERS[sampler]
    our_sampler, ours = fit(our_cls, params, X, y)
    their_sampler, theirs = fit(imb_cls, params, X, y)
    assert_identical(ours, theirs, our_sampler, their_sampler)


@pytest.mark.parametrize("name", ["integer_columns", "timestamp_offset", "hypothyroid"])
@pytest.mark.parametrize("sampler", ["RepeatedEditedNearestNeighbours", "AllKNN"])
def test_tree_ordered_passes_equal_imblearn(table, monkeypatch, sampler, name):
    """RENN and AllKNN passes that take scikit-learn's KD-tree lists for every
    row (most lists tie where only that tree orders them), forced on."""
    from fastsmote.neighbors import ask_outright

    monkeypatch.setattr(ask_outright, "SMALL_SEARCH_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "ONE_SIDED_SMALL_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "one_sided_gains_little", lambda method, facts: False)
    monkeypatch.setattr(ask_outright, "AMBIGUOUS_SHARE", 0.0)
    X, y = table(name)
    imb_cls, our_cls, params = SAMPLERS[sampler]
    our_sampler, ours = fit(our_cls, params, X, y)
    their_sampler, theirs = fit(imb_cls, params, X, y)
    assert_identical(ours, theirs, our_sampler, their_sampler)
