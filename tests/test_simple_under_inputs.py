"""RandomUnderSampler, ClusterCentroids and InstanceHardnessThreshold: containers
(pandas, polars, sparse, one-vs-all targets), bad inputs (same exception class
and message as imbalanced-learn) and docstring examples."""

from __future__ import annotations

import doctest
import importlib
import warnings

import numpy as np
import pandas as pd
import polars as pl
import pytest
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.cluster import MiniBatchKMeans
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from under_support import CLASSES, TREE, data, run_pair

from fastsmote._containers import to_pandas


# -- Containers --------------------------------------------------------------------------
def frame_data():
    X, y = data(8, n=90, n_features=3)
    frame = pd.DataFrame(
        {"a": X[:, 0], "b": X[:, 1].astype(np.float32), "c": np.round(X[:, 2] * 10).astype(int)},
        index=np.arange(90) * 2 + 5,
    )
    return frame, pd.Series(y, name="label", index=frame.index)


PARAMS = {
    "RandomUnderSampler": {"random_state": 0},
    "ClusterCentroids": {"random_state": 0},
    "InstanceHardnessThreshold": {"random_state": 0, "estimator": TREE},
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_pandas_as_imblearn(name):
    frame, target = frame_data()
    ref, fast, (X_res, y_res) = run_pair(name, frame, target, **PARAMS[name])
    assert list(fast.feature_names_in_) == ["a", "b", "c"]
    assert list(fast.get_feature_names_out()) == list(ref.get_feature_names_out())
    run_pair(name, frame, target.to_numpy(), **PARAMS[name])
    run_pair(name, frame.to_numpy(), target, **PARAMS[name])


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_polars_in_polars_out(name):
    frame, target = frame_data()
    X_pl = pl.from_pandas(frame.reset_index(drop=True))
    y_pl = pl.Series("label", target.to_numpy())
    X_res, y_res = CLASSES[name][1](**PARAMS[name]).fit_resample(X_pl, y_pl)
    assert isinstance(X_res, pl.DataFrame) and isinstance(y_res, pl.Series)
    assert X_res.schema == X_pl.schema and y_res.name == "label" and y_res.dtype == y_pl.dtype
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_ref, y_ref = CLASSES[name][0](**PARAMS[name]).fit_resample(
            to_pandas(X_pl), to_pandas(y_pl)
        )
    for col in X_pl.columns:
        assert np.array_equal(X_res[col].to_numpy(), X_ref[col].to_numpy()), col
    assert np.array_equal(y_res.to_numpy(), y_ref.to_numpy())


@pytest.mark.parametrize("kind", [sparse.csr_matrix, sparse.csc_matrix, sparse.csr_array])
def test_random_under_sampler_sparse(kind):
    X, y = data(9, n_classes=3)
    X[np.abs(X) < 0.8] = 0.0
    run_pair("RandomUnderSampler", kind(X), y, random_state=0)
    run_pair("RandomUnderSampler", kind(X), y, replacement=True, random_state=0)


def test_one_vs_all_targets():
    X, y = data(10, n_classes=3)
    onehot = np.eye(3, dtype=int)[y]
    for name in CLASSES:
        params = dict(PARAMS[name])
        if name == "InstanceHardnessThreshold":
            params["cv"] = 3
        run_pair(name, X, onehot, **params)


# -- Bad inputs --------------------------------------------------------------------------
def run_error(name, X, y, **params):
    """Both libraries refuse: the same exception class and message (run_pair)."""
    output = run_pair(name, X, y, **params)[2]
    assert output is None, f"{name} accepted what it should refuse"


BAD = [
    ("RandomUnderSampler", {"replacement": "yes"}),
    ("RandomUnderSampler", {"sampling_strategy": 1.5}),
    ("RandomUnderSampler", {"sampling_strategy": {0: 500}}),
    ("RandomUnderSampler", {"sampling_strategy": {7: 5}}),
    ("RandomUnderSampler", {"sampling_strategy": "minority"}),
    ("RandomUnderSampler", {"random_state": "seed"}),
    ("ClusterCentroids", {"voting": "majority"}),
    ("ClusterCentroids", {"estimator": LogisticRegression()}),
    ("ClusterCentroids", {"estimator": "kmeans"}),
    ("InstanceHardnessThreshold", {"estimator": MiniBatchKMeans()}),
    ("InstanceHardnessThreshold", {"cv": 1}),
    ("InstanceHardnessThreshold", {"cv": "five"}),
    ("InstanceHardnessThreshold", {"estimator": TREE, "cv": None}),
    ("InstanceHardnessThreshold", {"estimator": TREE, "cv": KFold(3)}),
    ("InstanceHardnessThreshold", {"n_jobs": 1.5}),
    ("InstanceHardnessThreshold", {"estimator": TREE, "cv": 500}),
]


@pytest.mark.parametrize("name, params", BAD, ids=[f"{n}-{p}" for n, p in BAD])
def test_bad_parameters(name, params):
    X, y = data(11, n=100)
    run_error(name, X, y, **params)


class _CentreLess(BaseEstimator):
    """Clusters without ``cluster_centers_``."""

    def __init__(self, n_clusters=2):
        self.n_clusters = n_clusters

    def fit(self, X, y=None):
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)


class _ProbabilityRegressor(BaseEstimator):
    """Has ``predict_proba`` but is no classifier: imbalanced-learn leaves
    ``estimator_`` unset and fails on it."""

    def fit(self, X, y):
        return self

    def predict_proba(self, X):
        return np.full((len(X), 2), 0.5)


def test_bad_estimators_and_data():
    X, y = data(12, n=100)
    run_error("ClusterCentroids", X, y, estimator=_CentreLess())
    run_error("InstanceHardnessThreshold", X, y, estimator=_ProbabilityRegressor())
    # Labels that are not column numbers of predict_proba.
    for labels in (np.array(["a", "b"])[y], y + 1):
        run_error("InstanceHardnessThreshold", X, labels, estimator=TREE, random_state=0)
    with_nan = X.copy()
    with_nan[3, 1] = np.nan
    for name in ("ClusterCentroids", "InstanceHardnessThreshold"):
        for X_bad in (with_nan, X.astype(str), X[:0], X[:, :0]):
            run_error(name, X_bad, y[: len(X_bad)], **PARAMS[name])
    for name in CLASSES:
        for y_bad in (np.zeros(100, dtype=int), X[:, 0], np.vstack([y, y]).T):
            run_error(name, X, y_bad, **PARAMS[name])
        # A column vector is accepted (and warned about) alike.
        run_pair(name, X, y.reshape(-1, 1), **PARAMS[name])
    run_error("RandomUnderSampler", X[:0], y[:0], random_state=0)
    run_error("RandomUnderSampler", X[:, :0], y, random_state=0)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_length_mismatch_is_refused(name):
    """fastsmote's one check before imbalanced-learn's (see _containers.check_same_length):
    RandomUnderSampler's own validation does not compare the lengths."""
    X, y = data(13, n=100)
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: \[100, 99\]"):
        CLASSES[name][1](**PARAMS[name]).fit_resample(X, y[:99])


@pytest.mark.parametrize(
    "module", ["random_under_sampler", "cluster_centroids", "instance_hardness"]
)
def test_docstring_examples(module):
    result = doctest.testmod(
        importlib.import_module(f"fastsmote.under_sampling.{module}"),
        optionflags=doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 0 and result.failed == 0
