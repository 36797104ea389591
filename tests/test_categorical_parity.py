"""SMOTENC against imbalanced-learn: same output.

Contract A (a scikit-learn neighbours object as ``k_neighbors``): identical
output on every data set. Contract B (fastsmote's default search): identical on
the data sets whose SMOTE-NC neighbour lists are free of ties (checked here
with the exact mixed distance). "Identical" means the same container, dtypes,
values (NaN where imbalanced-learn has NaN), ``y`` and ``sample_indices_``
(tests/parity_support.py). SMOTEN and RandomOverSampler: test_smoten_parity.py.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from imblearn import over_sampling as reference
from naive import naive_squared_distances
from parity_support import assert_same_output, mixed_array, mixed_frame, run_both
from scipy import sparse
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import OneHotEncoder

import fastsmote
from fastsmote.datasets import W6_CATEGORICAL_FEATURES, make_workload


# -- data ------------------------------------------------------------------------------
def w6_slice(n=3_000):
    X, y = make_workload("W6", n)
    return X, y, list(W6_CATEGORICAL_FEATURES)


def mixed_ties(X, y, categorical, k=5):
    """Whether some over-sampled class's SMOTE-NC neighbour lists are ambiguous
    under the exact mixed distance (equal or nearly equal distances up to rank
    k + 1); the over-sampled classes are all but the largest."""
    X = np.asarray(X)
    categorical = np.asarray(categorical)
    continuous = np.setdiff1d(np.arange(X.shape[1]), categorical)
    labels, counts = np.unique(y, return_counts=True)
    for label in labels[counts < counts.max()]:
        rows = np.flatnonzero(y == label)
        cont = X[np.ix_(rows, continuous)].astype(np.float64)
        median = np.median(cont.std(axis=0))
        d2 = naive_squared_distances(cont, cont)
        cats = X[np.ix_(rows, categorical)]
        d2 += median**2 * (cats[:, None, :] != cats[None, :, :]).sum(axis=2)
        np.fill_diagonal(d2, np.inf)
        ranked = np.sort(d2, axis=1)[:, : min(k + 1, rows.size - 1)]
        if np.any(ranked[:, 0] <= 0) or np.any(np.diff(ranked, axis=1) <= 1e-9 * ranked[:, 1:]):
            return True
    return False


# -- SMOTENC ---------------------------------------------------------------------------
SMOTENC_ARRAYS = {
    "binary": lambda: mixed_array(0),
    "multiclass": lambda: mixed_array(1, n=360, n_classes=3),
    "float32": lambda: mixed_array(2, dtype=np.float32),
    "many_categories": lambda: mixed_array(3, n_values=(20, 30)),
    "integer_continuous": lambda: (
        (mixed_array(4)[0] * 3).round().astype(np.int64),
        mixed_array(4)[1],
        mixed_array(4)[2],
    ),
    "w6": w6_slice,
}
TIE_FREE_ARRAYS = ("binary", "multiclass", "float32", "many_categories", "w6")


@pytest.mark.parametrize("name", list(SMOTENC_ARRAYS))
@pytest.mark.parametrize("seed", [0, 1])
def test_smotenc_contract_a(name, seed):
    X, y, categorical = SMOTENC_ARRAYS[name]()
    expected, result, ref, fast = run_both(
        "SMOTENC",
        X,
        y,
        categorical_features=categorical,
        random_state=seed,
        k_neighbors=NearestNeighbors(n_neighbors=6),
    )
    assert_same_output(expected, result)
    assert fast.median_std_ == ref.median_std_
    np.testing.assert_array_equal(fast.categorical_features_, ref.categorical_features_)
    np.testing.assert_array_equal(fast.continuous_features_, ref.continuous_features_)
    assert fast.n_features_ == ref.n_features_


@functools.cache
def tie_free_check(name, k_neighbors):
    return mixed_ties(*SMOTENC_ARRAYS[name](), k_neighbors)


@pytest.mark.parametrize("name", TIE_FREE_ARRAYS)
@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("k_neighbors", [3, 5])
def test_smotenc_contract_b(name, seed, k_neighbors):
    X, y, categorical = SMOTENC_ARRAYS[name]()
    assert not tie_free_check(name, k_neighbors)
    expected, result, ref, fast = run_both(
        "SMOTENC",
        X,
        y,
        categorical_features=categorical,
        random_state=seed,
        k_neighbors=k_neighbors,
    )
    assert_same_output(expected, result)
    assert fast.median_std_ == ref.median_std_


@pytest.mark.parametrize("nn_backend", ["brute", "kdtree"])
def test_smotenc_backends_search_the_same_codes(nn_backend):
    X, y, categorical = mixed_array(5)
    kwargs = {"categorical_features": categorical, "random_state": 3}
    expected = reference.SMOTENC(**kwargs).fit_resample(X, y)
    result = fastsmote.SMOTENC(**kwargs, nn_backend=nn_backend).fit_resample(X, y)
    assert_same_output(expected, result)


def test_smotenc_one_hot_search_with_a_fastsmote_backend_object():
    X, y, categorical = mixed_array(6)
    kwargs = {"categorical_features": categorical, "random_state": 0}
    expected = reference.SMOTENC(**kwargs).fit_resample(X, y)
    backend = fastsmote.neighbors.BruteForceNeighbors()
    assert_same_output(expected, fastsmote.SMOTENC(**kwargs, nn_backend=backend).fit_resample(X, y))


@pytest.mark.parametrize("nan", [False, True])
@pytest.mark.parametrize("features", ["auto", "names", "mask"])
def test_smotenc_dataframes(nan, features):
    X, y = mixed_frame(8, nan=nan)
    categorical = {
        "auto": "auto",
        "names": ["colour", "size", "shape"],
        "mask": [c in ("colour", "size", "shape") for c in X.columns],
    }[features]
    if features == "auto":
        X = X.astype({"shape": "category"})
    cont_free = X[["a", "b", "c", "d"]].to_numpy()
    assert not mixed_ties(
        np.column_stack([cont_free, X[["colour", "size", "shape"]].astype(str)]), y, [4, 5, 6]
    )
    for k_neighbors in (5, NearestNeighbors(n_neighbors=6)):
        expected, result, _, _ = run_both(
            "SMOTENC",
            X,
            y,
            categorical_features=categorical,
            random_state=1,
            k_neighbors=k_neighbors,
        )
        assert_same_output(expected, result)


def test_smotenc_object_array_with_strings():
    X, y, _ = mixed_array(9)
    X = X.astype(object)
    rng = np.random.RandomState(9)
    X[:, 4] = rng.choice(["x", "y", "z"], size=X.shape[0])
    X[rng.rand(X.shape[0]) < 0.1, 5] = None
    for k_neighbors in (5, NearestNeighbors(n_neighbors=6)):
        expected, result, _, _ = run_both(
            "SMOTENC", X, y, categorical_features=[4, 5, 6], random_state=2, k_neighbors=k_neighbors
        )
        assert_same_output(expected, result)


def test_smotenc_nan_category_in_float_column_and_negative_indices():
    X, y, _ = mixed_array(10)
    X[::6, 6] = np.nan
    expected, result, _, _ = run_both(
        "SMOTENC", X, y, categorical_features=[-3, -2, -1], random_state=0
    )
    assert_same_output(expected, result)


def test_smotenc_zero_median_std():
    # Most continuous features constant in the minority class: imbalanced-learn
    # searches on the continuous part alone and votes on the plain one-hot.
    X, y, categorical = mixed_array(11)
    X[y == 1, 1:4] = 2.5
    for k_neighbors in (5, NearestNeighbors(n_neighbors=6)):
        expected, result, ref, fast = run_both(
            "SMOTENC",
            X,
            y,
            categorical_features=categorical,
            random_state=4,
            k_neighbors=k_neighbors,
        )
        assert fast.median_std_[1] == ref.median_std_[1] == 0
        assert_same_output(expected, result)


def test_smotenc_custom_encoders():
    X, y, categorical = mixed_array(12)
    encoders = [
        OneHotEncoder(handle_unknown="ignore", sparse_output=False),
        # A category left out of the encoding: an all-zero block (code -1).
        OneHotEncoder(
            categories=[[0.0, 1.0], [0.0, 1.0, 2.0, 3.0, 4.0], [0, 1, 2, 3]],
            handle_unknown="ignore",
        ),
    ]
    for encoder in encoders:
        for k_neighbors in (5, NearestNeighbors(n_neighbors=6)):
            expected, result, _, _ = run_both(
                "SMOTENC",
                X,
                y,
                categorical_features=categorical,
                categorical_encoder=encoder,
                random_state=5,
                k_neighbors=k_neighbors,
            )
            assert_same_output(expected, result)


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_smotenc_sparse_input(fmt):
    X, y, categorical = mixed_array(13)
    X[np.random.RandomState(0).rand(*X.shape) < 0.3] = 0.0
    X = sparse.csr_matrix(X).asformat(fmt)
    expected, result, _, _ = run_both(
        "SMOTENC", X, y, categorical_features=categorical, random_state=0
    )
    assert_same_output(expected, result)


@pytest.mark.parametrize("strategy", ["minority", "not majority", {0: 230, 1: 200, 2: 120}])
def test_smotenc_strategies_and_random_state_instance(strategy):
    X, y, categorical = mixed_array(14, n=360, n_classes=3)
    expected, result, _, _ = run_both(
        "SMOTENC",
        X,
        y,
        categorical_features=categorical,
        sampling_strategy=strategy,
        random_state=np.random.RandomState(3),
        k_neighbors=NearestNeighbors(n_neighbors=4),
    )
    assert_same_output(expected, result)


def test_smotenc_output_independent_of_threads():
    X, y, categorical = w6_slice(2_000)
    outputs = [
        fastsmote.SMOTENC(
            categorical_features=categorical, random_state=0, n_jobs=n_jobs
        ).fit_resample(X, y)[0]
        for n_jobs in (1, 2)
    ]
    assert np.array_equal(outputs[0], outputs[1])
