"""The cheap validation of plain NumPy input, and memoised parameter checks.

A float matrix and integer labels skip scikit-learn's general validation
(``fastsmote._plain_input``); the output, the fitted attributes, and every
error or warning must stay imbalanced-learn's. Parameter validation is
remembered per class for plain values and must still reject bad ones.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.utils._param_validation import InvalidParameterError

import fastsmote
from fastsmote import _plain_input
from fastsmote._plain_input import plain_arrays


def data(n=300, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.randn(n, 6)
    y = (rng.rand(n) < 0.2).astype(np.int64)
    return X, y


SAMPLERS = [
    lambda: fastsmote.SMOTE(random_state=0),
    lambda: fastsmote.ADASYN(random_state=0),
    lambda: fastsmote.BorderlineSMOTE(random_state=0),
    lambda: fastsmote.TomekLinks(),
    lambda: fastsmote.EditedNearestNeighbours(),
    lambda: fastsmote.SMOTEENN(random_state=0),
    lambda: fastsmote.SMOTETomek(random_state=0),
]


@pytest.mark.parametrize("make", SAMPLERS)
def test_plain_path_gives_the_full_paths_output(monkeypatch, make):
    X, y = data()
    fast = make()
    assert plain_arrays(fast, X, y)
    X_fast, y_fast = fast.fit_resample(X, y)
    monkeypatch.setattr(_plain_input, "plain_arrays", lambda *args: False)
    monkeypatch.setattr(fastsmote._containers, "plain_arrays", lambda *args: False)
    full = make()
    X_full, y_full = full.fit_resample(X, y)
    np.testing.assert_array_equal(X_fast, X_full)
    np.testing.assert_array_equal(y_fast, y_full)
    assert fast.sampling_strategy_ == full.sampling_strategy_
    assert fast.n_features_in_ == full.n_features_in_ == X.shape[1]
    if hasattr(full, "sample_indices_"):
        np.testing.assert_array_equal(fast.sample_indices_, full.sample_indices_)


def test_plain_path_is_taken(monkeypatch):
    import imblearn.base

    def refuse(*args, **kwargs):
        raise AssertionError("the full validation ran")

    monkeypatch.setattr(imblearn.base, "check_classification_targets", refuse)
    X, y = data()
    fastsmote.SMOTE(random_state=0).fit_resample(X, y)


def test_feature_names_of_an_earlier_fit_are_forgotten():
    X, y = data()
    sampler = fastsmote.SMOTE(random_state=0)
    sampler.fit_resample(pd.DataFrame(X, columns=list("abcdef")), y)
    assert list(sampler.feature_names_in_) == list("abcdef")
    sampler.fit_resample(X, y)
    assert not hasattr(sampler, "feature_names_in_")


@pytest.mark.parametrize(
    "change",
    ["nan", "inf", "float_labels", "object", "one_d", "lengths", "empty", "list", "bool_labels"],
)
def test_other_inputs_take_imbalanced_learns_checks(change):
    X, y = data()
    X = X.copy()
    if change == "nan":
        X[3, 2] = np.nan
    elif change == "inf":
        X[3, 2] = np.inf
    elif change == "float_labels":
        y = y + 0.5
    elif change == "object":
        X = X.astype(object)
    elif change == "one_d":
        X = X[:, 0]
    elif change == "lengths":
        y = y[:-1]
    elif change == "empty":
        X, y = X[:0], y[:0]
    elif change == "list":
        X = X.tolist()
    elif change == "bool_labels":
        y = y.astype(bool)
    assert not plain_arrays(fastsmote.SMOTE(), X, y)


def test_huge_sum_of_finite_values_is_accepted():
    # The sum overflows although every value is finite: the full check decides.
    X, y = data()
    X[:, 0] = 1e308
    assert not plain_arrays(fastsmote.SMOTE(), X, y)
    X_res, _ = fastsmote.SMOTE(random_state=0).fit_resample(X, y)
    assert np.isfinite(X_res).all()


def test_errors_are_imbalanced_learns():
    X, y = data()
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        fastsmote.SMOTE().fit_resample(X, y)
    X, y = data()
    with pytest.raises(ValueError, match="needs to have more than 1 class"):
        fastsmote.SMOTE().fit_resample(X, np.zeros_like(y))


def test_many_classes_still_warn():
    rng = np.random.RandomState(0)
    X = rng.randn(60, 3)
    y = np.concatenate([np.arange(40), np.arange(20)])  # 40 classes in 60 rows
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fastsmote.RandomOverSampler(random_state=0).fit_resample(X, y)
        except ValueError:
            pass
        fastsmote.TomekLinks().fit_resample(X, y)
    assert any("number of unique classes" in str(w.message) for w in caught)


def test_memoised_validation_still_rejects_bad_values():
    X, y = data()
    sampler = fastsmote.SMOTE(random_state=0)
    sampler.fit_resample(X, y)
    sampler.set_params(k_neighbors=0)
    with pytest.raises(InvalidParameterError, match="k_neighbors"):
        sampler.fit_resample(X, y)
    sampler.set_params(k_neighbors=5, nn_backend="nope")
    with pytest.raises(InvalidParameterError, match="nn_backend"):
        sampler.fit_resample(X, y)
    # A value validated once is remembered with its type: 6.0 is not 6.
    sampler.set_params(nn_backend="auto", k_neighbors=6)
    sampler.fit_resample(X, y)
    sampler.set_params(k_neighbors=6.0)
    with pytest.raises(InvalidParameterError, match="k_neighbors"):
        sampler.fit_resample(X, y)
