"""SMOTEN and RandomOverSampler against imbalanced-learn: identical always,
ties included (the same container, dtypes, values, ``y`` and
``sample_indices_``; tests/parity_support.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from imblearn import over_sampling as reference
from parity_support import assert_same_output, mixed_array, mixed_frame, run_both
from scipy import sparse
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import OrdinalEncoder

import fastsmote
from fastsmote.datasets import make_workload


# -- SMOTEN ----------------------------------------------------------------------------
def categorical_array(seed=0, n=300, n_values=(3, 4, 2, 5), n_classes=2):
    rng = np.random.RandomState(seed)
    weights = [0.7, 0.3] if n_classes == 2 else [0.5, 0.3, 0.2]
    y = rng.choice(n_classes, size=n, p=weights)
    X = np.column_stack([rng.randint(0, v, size=n) for v in n_values])
    return X, y


SMOTEN_DATA = {
    "integers": lambda: categorical_array(0),
    "multiclass": lambda: categorical_array(1, n_classes=3),
    "strings": lambda: (
        np.array(["a", "b", "c", "d", "e"])[categorical_array(2)[0]].astype(object),
        categorical_array(2)[1],
    ),
    "numpy_strings": lambda: (
        np.array(["lo", "mid", "high", "x", "y"])[categorical_array(3)[0]],
        categorical_array(3)[1],
    ),
    "frame": lambda: (
        pd.DataFrame(categorical_array(4)[0], columns=list("pqrs")).astype({"q": "category"}),
        pd.Series(categorical_array(4)[1]),
    ),
    "w6": lambda: (make_workload("W6", 4_000)[0][:, 10:], make_workload("W6", 4_000)[1]),
}


@pytest.mark.parametrize("name", list(SMOTEN_DATA))
@pytest.mark.parametrize("k_neighbors", [1, 5, "object"])
@pytest.mark.parametrize("seed", [0, 1])
def test_smoten_identical(name, k_neighbors, seed):
    X, y = SMOTEN_DATA[name]()
    if k_neighbors == "object":
        k_neighbors = NearestNeighbors(n_neighbors=4)
    expected, result, ref, fast = run_both(
        "SMOTEN", X, y, random_state=seed, k_neighbors=k_neighbors
    )
    assert_same_output(expected, result)
    for a, b in zip(
        fast.categorical_encoder_.categories_, ref.categorical_encoder_.categories_, strict=True
    ):
        np.testing.assert_array_equal(a, b)
    assert fast.nn_k_.get_params() == ref.nn_k_.get_params()


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_smoten_sparse_input_warns_and_keeps_format(fmt):
    X, y = categorical_array(5)
    X = sparse.csr_matrix(X).asformat(fmt)
    with pytest.warns(Warning, match="not really efficient"):
        result = fastsmote.SMOTEN(random_state=0).fit_resample(X, y)
    expected = reference.SMOTEN(random_state=0).fit_resample(X, y)
    assert_same_output(expected, result)


def test_smoten_custom_encoder_and_strategies():
    X, y = categorical_array(6, n_classes=3)
    for strategy in ("not majority", {1: 160, 2: 150}):
        expected, result, _, _ = run_both(
            "SMOTEN",
            X,
            y,
            categorical_encoder=OrdinalEncoder(),
            sampling_strategy=strategy,
            random_state=np.random.RandomState(1),
        )
        assert_same_output(expected, result)


def test_smoten_output_independent_of_threads():
    X, y = categorical_array(7, n=600)
    outputs = [
        fastsmote.SMOTEN(random_state=0, n_jobs=n_jobs).fit_resample(X, y)[0] for n_jobs in (1, 2)
    ]
    assert np.array_equal(outputs[0], outputs[1])


# -- RandomOverSampler -----------------------------------------------------------------
ROS_DATA = {
    "float64": lambda: mixed_array(0, n_classes=3)[:2],
    "float32": lambda: mixed_array(1, dtype=np.float32)[:2],
    "csr": lambda: (sparse.csr_matrix(mixed_array(2)[0]), mixed_array(2)[1]),
    "csc": lambda: (sparse.csc_matrix(mixed_array(3)[0]), mixed_array(3)[1]),
    "frame": lambda: mixed_frame(4, nan=True),
    "strings": lambda: (
        np.array(["u", "v", "w", "x", "y"])[categorical_array(5)[0]],
        categorical_array(5)[1],
    ),
    "list": lambda: (
        categorical_array(6, n=50)[0].tolist(),
        categorical_array(6, n=50)[1].tolist(),
    ),
}
NUMERIC_ROS = ("float64", "float32", "csr", "csc")


@pytest.mark.parametrize("name", list(ROS_DATA))
@pytest.mark.parametrize("shrinkage", [None, 0.0, 1.5, "dict"])
def test_random_over_sampler_identical(name, shrinkage):
    if shrinkage is not None and name not in NUMERIC_ROS:
        pytest.skip("the smoothed bootstrap needs numbers")
    X, y = ROS_DATA[name]()
    if shrinkage == "dict":
        shrinkage = {label: 0.5 + label for label in np.unique(y) if label != 0}
    for random_state in (0, np.random.RandomState(4)):
        kwargs = {"random_state": random_state, "shrinkage": shrinkage}
        if isinstance(shrinkage, dict):
            kwargs["sampling_strategy"] = "not majority"
        if isinstance(random_state, np.random.RandomState):
            ref_state, fast_state = np.random.RandomState(4), np.random.RandomState(4)
        else:
            ref_state = fast_state = random_state
        ref = reference.RandomOverSampler(**{**kwargs, "random_state": ref_state})
        fast = fastsmote.RandomOverSampler(**{**kwargs, "random_state": fast_state})
        assert_same_output(ref.fit_resample(X, y), fast.fit_resample(X, y))
        np.testing.assert_array_equal(fast.sample_indices_, ref.sample_indices_)
        assert fast.sample_indices_.dtype == ref.sample_indices_.dtype
        assert fast.shrinkage_ == ref.shrinkage_
