"""Bad and unusual input for SMOTENC, SMOTEN and RandomOverSampler.

Errors: the same exception class as imbalanced-learn and its message (fastsmote
may add a sentence saying what to change). Containers: whatever goes in comes
out as imbalanced-learn returns it. Plus imbalanced-learn's estimator checks
and a few invariants of SMOTE-NC's output (hypothesis).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn import over_sampling as reference
from sklearn.base import clone
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder
from test_categorical_parity import assert_same_output, mixed_array, run_both

import fastsmote


def small_mixed(n=80, seed=0):
    rng = np.random.RandomState(seed)
    X = np.hstack([rng.normal(size=(n, 3)), rng.randint(0, 3, size=(n, 2))])
    y = np.array([0] * (n - n // 4) + [1] * (n // 4))
    return X, y


def frame_mixed():
    X, y = small_mixed()
    frame = pd.DataFrame(X, columns=list("abcde")).astype({"d": "category"})
    return frame, y


def with_nan(X, column):
    X = X.copy()
    X[::5, column] = np.nan
    return X


#: (sampler, X maker, parameters): each must fail in both libraries alike.
BAD_INPUT = {
    "smotenc_all_categorical": ("SMOTENC", small_mixed, {"categorical_features": [0, 1, 2, 3, 4]}),
    "smotenc_no_categorical": ("SMOTENC", small_mixed, {"categorical_features": []}),
    "smotenc_mask_all_false": ("SMOTENC", small_mixed, {"categorical_features": [False] * 5}),
    "smotenc_index_out_of_range": ("SMOTENC", small_mixed, {"categorical_features": [3, 7]}),
    "smotenc_negative_out_of_range": ("SMOTENC", small_mixed, {"categorical_features": [-6]}),
    "smotenc_short_mask": ("SMOTENC", small_mixed, {"categorical_features": [True, False]}),
    "smotenc_names_on_array": ("SMOTENC", small_mixed, {"categorical_features": ["d"]}),
    "smotenc_unknown_names": ("SMOTENC", frame_mixed, {"categorical_features": ["d", "zz"]}),
    "smotenc_auto_on_array": ("SMOTENC", small_mixed, {"categorical_features": "auto"}),
    "smotenc_auto_without_categories": (
        "SMOTENC",
        lambda: (pd.DataFrame(small_mixed()[0]), small_mixed()[1]),
        {"categorical_features": "auto"},
    ),
    "smotenc_strings": (
        "SMOTENC",
        lambda: (small_mixed()[0].astype(str), small_mixed()[1]),
        {"categorical_features": [3, 4]},
    ),
    "smotenc_nan_continuous": (
        "SMOTENC",
        lambda: (with_nan(small_mixed()[0], 0), small_mixed()[1]),
        {"categorical_features": [3, 4]},
    ),
    "smotenc_encoder_drops": (
        "SMOTENC",
        small_mixed,
        {"categorical_features": [3, 4], "categorical_encoder": OneHotEncoder(drop="first")},
    ),
    "smotenc_encoder_infrequent": (
        "SMOTENC",
        small_mixed,
        {
            "categorical_features": [3, 4],
            "categorical_encoder": OneHotEncoder(max_categories=2, handle_unknown="ignore"),
        },
    ),
    "smotenc_bad_encoder": (
        "SMOTENC",
        small_mixed,
        {"categorical_features": [3, 4], "categorical_encoder": "onehot"},
    ),
    "smotenc_bad_k": ("SMOTENC", small_mixed, {"categorical_features": [3, 4], "k_neighbors": 0}),
    "smoten_nan_objects": (
        "SMOTEN",
        lambda: (with_nan(small_mixed()[0][:, 3:].astype(object), 1), small_mixed()[1]),
        {},
    ),
    "smoten_nan_floats": (
        "SMOTEN",
        lambda: (with_nan(small_mixed()[0][:, 3:], 1), small_mixed()[1]),
        {},
    ),
    "smoten_negative_codes": (
        "SMOTEN",
        lambda: (with_nan(small_mixed()[0][:, 3:], 1), small_mixed()[1]),
        {"categorical_encoder": OrdinalEncoder(encoded_missing_value=-1)},
    ),
    "smoten_k_too_large": ("SMOTEN", small_mixed, {"k_neighbors": 25}),
    "ros_negative_shrinkage": ("RandomOverSampler", small_mixed, {"shrinkage": -1.0}),
    "ros_negative_shrinkage_dict": ("RandomOverSampler", small_mixed, {"shrinkage": {1: -0.5}}),
    "ros_missing_shrinkage": ("RandomOverSampler", small_mixed, {"shrinkage": {0: 1.0}}),
    "ros_shrinkage_strings": (
        "RandomOverSampler",
        lambda: (small_mixed()[0].astype(str), small_mixed()[1]),
        {"shrinkage": 1.0},
    ),
    "ros_bad_strategy": ("RandomOverSampler", small_mixed, {"sampling_strategy": "majority"}),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_fails_as_in_imblearn(case):
    name, make, params = BAD_INPUT[case]
    X, y = make()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(Exception) as expected:
            getattr(reference, name)(random_state=0, **params).fit_resample(X, y)
        with pytest.raises(expected.type) as raised:
            getattr(fastsmote, name)(random_state=0, **params).fit_resample(X, y)
    assert str(raised.value) == str(expected.value)


def test_smotenc_too_few_samples_says_what_to_change():
    X, y = small_mixed()
    kwargs = {"categorical_features": [3, 4], "k_neighbors": 25, "random_state": 0}
    with pytest.raises(ValueError) as expected:
        reference.SMOTENC(**kwargs).fit_resample(X, y)
    with pytest.raises(ValueError) as raised:
        fastsmote.SMOTENC(**kwargs).fit_resample(X, y)
    assert str(raised.value).startswith(str(expected.value))
    assert "k_neighbors must be at most 19" in str(raised.value)


def test_smotenc_multi_hot_encoder_is_refused():
    class TwoHot(OneHotEncoder):
        """A broken encoder: every row also activates the first column."""

        def fit_transform(self, X, y=None):
            out = super().fit_transform(X).tolil()
            out[:, 0] = 1
            return out.tocsr()

    X, y = small_mixed()
    sampler = fastsmote.SMOTENC(categorical_features=[3, 4], categorical_encoder=TwoHot())
    with pytest.raises(ValueError, match="more than one non-zero column"):
        sampler.fit_resample(X, y)


# -- containers ---------------------------------------------------------------------------
def test_smotenc_list_and_series_targets():
    X, y, categorical = mixed_array(20, n=120)
    for X_in, y_in in ((X.tolist(), y.tolist()), (X, pd.Series(y, name="label"))):
        expected, result, _, _ = run_both(
            "SMOTENC", X_in, y_in, categorical_features=categorical, random_state=0
        )
        assert_same_output(expected, result)


def test_smotenc_pandas_string_and_integer_columns():
    rng = np.random.RandomState(21)
    n = 150
    frame = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "kind": pd.array(rng.choice(["p", "q", "r"], size=n), dtype="string"),
            "count": rng.randint(0, 4, size=n),
            "z": rng.normal(size=n) * 10,
        }
    )
    y = (rng.rand(n) < 0.3).astype(int)
    expected, result, _, _ = run_both(
        "SMOTENC", frame, y, categorical_features=["kind", "count"], random_state=0
    )
    assert_same_output(expected, result)


def test_smoten_and_ros_string_frames():
    rng = np.random.RandomState(22)
    frame = pd.DataFrame(
        {"a": rng.choice(["u", "v"], size=90), "b": rng.choice(["x", "y", "z"], size=90)}
    ).astype({"b": "category"})
    y = pd.Series((rng.rand(90) < 0.3).astype(int))
    for name in ("SMOTEN", "RandomOverSampler"):
        expected, result, _, _ = run_both(name, frame, y, random_state=0)
        assert_same_output(expected, result)


@pytest.mark.parametrize("name", ["SMOTENC", "SMOTEN", "RandomOverSampler"])
def test_parameters_are_imblearns_plus_fastsmotes(name):
    extras = {"SMOTENC": {"nn_backend", "n_jobs"}, "SMOTEN": {"n_jobs"}, "RandomOverSampler": set()}
    kwargs = {"categorical_features": [0]} if name == "SMOTENC" else {}
    fast = getattr(fastsmote, name)(**kwargs)
    ref = getattr(reference, name)(**kwargs)
    assert set(fast.get_params()) == set(ref.get_params()) | extras[name]
    for key, value in ref.get_params().items():
        assert repr(fast.get_params()[key]) == repr(value)
    assert clone(fast).get_params() == fast.get_params()


# -- invariants ----------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    n_minority=st.integers(7, 30),
    n_values=st.integers(1, 5),
    k_neighbors=st.integers(1, 6),
)
def test_smotenc_invariants(seed, n_minority, n_values, k_neighbors):
    rng = np.random.RandomState(seed)
    n = 3 * n_minority
    X = np.hstack([rng.normal(size=(n, 2)), rng.randint(0, n_values, size=(n, 2))])
    y = np.r_[np.zeros(n - n_minority, dtype=int), np.ones(n_minority, dtype=int)]
    X_res, y_res = fastsmote.SMOTENC(
        categorical_features=[2, 3], k_neighbors=k_neighbors, random_state=seed
    ).fit_resample(X, y)
    # Originals first and unchanged; the classes balanced.
    assert np.array_equal(X_res[:n], X) and np.array_equal(y_res[:n], y)
    assert np.bincount(y_res).tolist() == [n - n_minority] * 2
    new = X_res[n:]
    minority = X[y == 1]
    # Every new category is one the class has; continuous values lie in its box.
    for f in (2, 3):
        assert set(new[:, f]) <= set(minority[:, f])
    assert np.all(new[:, :2] >= minority[:, :2].min(axis=0))
    assert np.all(new[:, :2] <= minority[:, :2].max(axis=0))


def test_string_labels():
    X, y, categorical = mixed_array(23, n=150, n_classes=3)
    labels = np.array(["cat", "dog", "eel"])[y]
    for name, data, kwargs in (
        ("SMOTENC", X, {"categorical_features": categorical}),
        ("SMOTEN", X[:, categorical].astype(int), {}),
        ("RandomOverSampler", X, {}),
    ):
        expected, result, _, _ = run_both(name, data, labels, random_state=0, **kwargs)
        assert_same_output(expected, result)
