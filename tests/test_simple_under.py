"""RandomUnderSampler, ClusterCentroids and InstanceHardnessThreshold against imbalanced-learn.

With the same parameters and ``random_state``, ``X``, ``y``, their containers,
dtypes, row order, ``sample_indices_`` and the fitted estimators equal
imbalanced-learn's: generated data (seeds, multiclass, every kind of
``sampling_strategy``, float32, integer columns, duplicate rows and ties),
real tables, pandas / polars / sparse / list inputs, and bad inputs (same
exception class and message, same warnings).
"""

from __future__ import annotations

import imblearn.under_sampling as imb
import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.dummy import DummyClassifier
from sklearn.tree import DecisionTreeClassifier
from under_support import STRATEGIES, TREE, data, minority_callable, run_pair

from fastsmote.datasets import load_real
from fastsmote.under_sampling.instance_hardness import (
    hardness_kept_indices,
)
from fastsmote.under_sampling.random_under_sampler import (
    RandomUnderSampler,
    sorted_labels,
    under_sample_indices,
)


# -- RandomUnderSampler ------------------------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("replacement", [False, True])
def test_random_under_sampler_generated(seed, n_classes, replacement):
    X, y = data(seed, n_classes=n_classes)
    for strategy in STRATEGIES:
        if isinstance(strategy, float) and n_classes > 2:
            continue
        _, fast, (X_res, _) = run_pair(
            "RandomUnderSampler",
            X,
            y,
            sampling_strategy=strategy,
            replacement=replacement,
            random_state=seed,
        )
        assert np.array_equal(X_res, X[fast.sample_indices_])


def test_random_under_sampler_dtypes_and_random_states():
    X, y = data(3, n_classes=3)
    for X_in in (
        X.astype(np.float32),
        np.round(X * 3).astype(np.int32),
        X.astype(object),
        np.asfortranarray(X),
    ):
        run_pair("RandomUnderSampler", X_in, y, random_state=0)
    # A RandomState is drawn from where it stands.
    run_pair("RandomUnderSampler", X, y, random_state=np.random.RandomState(7))
    # String and float labels.
    run_pair("RandomUnderSampler", X, np.array(["a", "b", "c"])[y], random_state=1)
    run_pair("RandomUnderSampler", X, y.astype(float) + 0.5, random_state=1)
    # Negative, large, unsigned and small integer labels (counted or sorted).
    for labels in (y - 1, y * 10**6, y.astype(np.uint8), y.astype(np.uint64), y.astype(np.int8)):
        run_pair("RandomUnderSampler", X, labels, random_state=2)
        run_pair("ClusterCentroids", X, labels, random_state=2)


def test_random_under_sampler_accepts_anything():
    """Strings, NaN and mixed object columns, as imbalanced-learn (no validation of X)."""
    rng = np.random.RandomState(0)
    y = rng.choice(2, size=60, p=[0.7, 0.3])
    mixed = np.empty((60, 3), dtype=object)
    mixed[:, 0] = rng.choice(["red", "green"], size=60)
    mixed[:, 1] = rng.normal(size=60)
    mixed[:, 2] = None
    run_pair("RandomUnderSampler", mixed, y, random_state=0)
    with_nan = rng.normal(size=(60, 3))
    with_nan[::7, 1] = np.nan
    with_nan[3, 2] = np.inf
    run_pair("RandomUnderSampler", with_nan, y, random_state=0)
    run_pair("RandomUnderSampler", with_nan.tolist(), y.tolist(), random_state=0)
    frame = pd.DataFrame({"colour": mixed[:, 0], "x": mixed[:, 1], "when": pd.Timestamp(0)})
    run_pair("RandomUnderSampler", frame, pd.Series(y, name="t"), random_state=0)


def test_random_under_sampler_plain_path_records_as_imblearn():
    """The cheap path for float arrays leaves the attributes the full check leaves."""
    X, y = data(4)
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    ref, fast = imb.RandomUnderSampler(random_state=0), RandomUnderSampler(random_state=0)
    for sampler in (ref, fast):
        sampler.fit_resample(frame, y)
        sampler.fit_resample(X, y)
    assert not hasattr(fast, "feature_names_in_") and not hasattr(ref, "feature_names_in_")
    # Many distinct labels: scikit-learn's warning comes through the full check.
    y_many = np.arange(X.shape[0]) % 150
    run_pair("RandomUnderSampler", X, y_many, random_state=0)


def test_sorted_labels_is_unique():
    rng = np.random.RandomState(0)
    for y in (
        rng.randint(0, 5, 300),
        rng.randint(-3, 3, 300),
        rng.randint(0, 5, 300).astype(np.uint16),
        np.array([0, 10**9]),
        np.array([7]),
        rng.choice(["a", "b"], 30),
        rng.uniform(size=20).round(1),
    ):
        got, expected = sorted_labels(y), np.unique(y)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)


def test_under_sample_indices_matches_choice_on_a_range():
    """An int population draws what imbalanced-learn's ``range`` population draws."""
    y = np.random.RandomState(5).choice(3, size=500, p=[0.6, 0.3, 0.1])
    strategy = {0: 40, 2: 30}
    for replacement in (False, True):
        got = under_sample_indices(y, strategy, np.random.RandomState(3), replacement)
        rng = np.random.RandomState(3)
        expected = []
        for label in np.unique(y):
            rows = np.flatnonzero(y == label)
            if label in strategy:
                rows = rows[rng.choice(range(rows.shape[0]), strategy[label], replace=replacement)]
            expected.append(rows)
        assert np.array_equal(got, np.concatenate(expected))


# -- ClusterCentroids --------------------------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("voting", ["auto", "soft", "hard"])
def test_cluster_centroids_generated(seed, n_classes, voting):
    X, y = data(seed, n=150, n_classes=n_classes)
    strategies = ["auto", "all", {0: 20, 1: 15}, minority_callable]
    if n_classes == 2:
        strategies.append(0.8)
    for strategy in strategies:
        ref, fast, _ = run_pair(
            "ClusterCentroids", X, y, sampling_strategy=strategy, voting=voting, random_state=seed
        )
        assert fast.voting_ == ref.voting_
        assert fast.estimator_.get_params() == ref.estimator_.get_params()
        assert np.array_equal(fast.estimator_.cluster_centers_, ref.estimator_.cluster_centers_)


@pytest.mark.parametrize("voting", ["soft", "hard"])
def test_cluster_centroids_dtypes_ties_and_estimators(voting):
    X, y = data(5, n=120, n_classes=3)
    # float32 centres; integer columns (float64 centres beside integer rows).
    run_pair("ClusterCentroids", X.astype(np.float32), y, voting=voting, random_state=0)
    integers = np.random.RandomState(0).randint(0, 3, (120, 4))
    run_pair("ClusterCentroids", integers, y, voting=voting, random_state=0)
    run_pair("ClusterCentroids", integers.astype(float), y, voting=voting, random_state=1)
    # Duplicate rows: fewer distinct points than clusters (KMeans warns).
    run_pair("ClusterCentroids", np.repeat(X[:40], 3, axis=0), y, voting=voting, random_state=2)
    # One centre for a class; a shared RandomState; another clustering estimator.
    run_pair(
        "ClusterCentroids", X, y, sampling_strategy={0: 1, 2: 5}, voting=voting, random_state=3
    )
    run_pair("ClusterCentroids", X, y, voting=voting, random_state=np.random.RandomState(4))
    # Another clustering estimator (cloned, its own seed: imbalanced-learn
    # gives it no random_state).
    run_pair(
        "ClusterCentroids",
        X,
        y,
        voting=voting,
        estimator=KMeans(init="random", n_init=2, random_state=0),
        random_state=5,
    )
    run_pair("ClusterCentroids", X, np.array(["x", "y", "z"])[y], voting=voting, random_state=6)
    run_pair("ClusterCentroids", np.asfortranarray(X), y, voting=voting, random_state=7)


@pytest.mark.parametrize("voting", ["auto", "soft", "hard"])
@pytest.mark.parametrize("kind", [sparse.csr_matrix, sparse.csc_matrix, sparse.csr_array])
def test_cluster_centroids_sparse(voting, kind):
    X, y = data(6, n=120, n_classes=3)
    X[np.abs(X) < 0.8] = 0.0
    run_pair("ClusterCentroids", kind(X), y, voting=voting, random_state=0)
    run_pair(
        "ClusterCentroids",
        kind(X),
        y,
        voting=voting,
        sampling_strategy={0: 1, 1: 4},
        random_state=0,
    )


# -- InstanceHardnessThreshold -----------------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_instance_hardness_generated(seed, n_classes):
    X, y = data(seed, n_classes=n_classes)
    for strategy in STRATEGIES:
        if isinstance(strategy, float) and n_classes > 2:
            continue
        ref, fast, (X_res, _) = run_pair(
            "InstanceHardnessThreshold",
            X,
            y,
            estimator=TREE,
            sampling_strategy=strategy,
            random_state=seed,
            cv=3,
        )
        assert fast.estimator_.get_params() == ref.estimator_.get_params()
        assert np.array_equal(X_res, X[fast.sample_indices_])


def test_instance_hardness_default_forest_and_estimators():
    X, y = data(7, n=150, n_classes=3)
    ref, fast, _ = run_pair("InstanceHardnessThreshold", X, y, random_state=0)
    assert fast.estimator_.get_params() == ref.estimator_.get_params()
    run_pair("InstanceHardnessThreshold", X.astype(np.float32), y, estimator=TREE, random_state=1)
    run_pair(
        "InstanceHardnessThreshold",
        X,
        y,
        estimator=DecisionTreeClassifier(max_depth=3, splitter="random"),
        random_state=np.random.RandomState(2),
    )
    # Equal probabilities everywhere: every sample ties at the threshold.
    run_pair("InstanceHardnessThreshold", X, y, estimator=DummyClassifier(), random_state=3)
    # Integer-valued columns with duplicate rows.
    integers = np.repeat(np.random.RandomState(0).randint(0, 3, (50, 4)).astype(float), 3, axis=0)
    run_pair("InstanceHardnessThreshold", integers, y, estimator=TREE, random_state=4)
    X_sparse = X.copy()
    X_sparse[np.abs(X_sparse) < 0.8] = 0.0
    for kind in (sparse.csr_matrix, sparse.csc_matrix):
        run_pair("InstanceHardnessThreshold", kind(X_sparse), y, estimator=TREE, random_state=5)


def test_hardness_kept_indices_reference():
    """Against imbalanced-learn's loop, with ties at the threshold."""
    rng = np.random.RandomState(0)
    y = rng.choice(3, size=200, p=[0.5, 0.3, 0.2])
    own_class = np.round(rng.uniform(size=200), 1)
    strategy = {0: 30, 1: 17}
    expected = []
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        if label in strategy:
            p = own_class[y == label]
            threshold = np.percentile(p, (1.0 - strategy[label] / rows.shape[0]) * 100.0)
            rows = rows[np.flatnonzero(p >= threshold)]
        expected.append(rows)
    assert np.array_equal(hardness_kept_indices(own_class, y, strategy), np.concatenate(expected))


# -- Real tables -------------------------------------------------------------------------
@pytest.mark.parametrize("table", ["wine", "breast_cancer", "cm1", "kc1"])
def test_real_tables(table):
    X, y = load_real(table)
    for replacement in (False, True):
        run_pair("RandomUnderSampler", X, y, replacement=replacement, random_state=0)
    run_pair("InstanceHardnessThreshold", X, y, estimator=TREE, random_state=0)
    run_pair("ClusterCentroids", X, y, voting="hard", random_state=0)
    if table == "wine":
        run_pair("ClusterCentroids", X, y, random_state=0)
