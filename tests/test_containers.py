"""Containers: polars in and out; pandas nullable dtypes, categoricals and a
non-default index as in imbalanced-learn; ``get_feature_names_out``.

pandas and NumPy behaviour is imbalanced-learn's (the same ``fit_resample``
template runs), so those tests compare with imbalanced-learn directly: the
same DataFrame / Series back, or the same exception class. imbalanced-learn
does not take polars; fastsmote's polars output must equal its output for the
pandas equivalent, in polars, with the input's names and dtypes.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import polars as pl
import pytest
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier

import fastsmote
from fastsmote._containers import is_polars, like, to_pandas
from fastsmote._registry import CLASSES

#: Parameters some samplers need on these small data.
_PARAMS = {
    "KMeansSMOTE": {"kmeans_estimator": 2, "cluster_balance_threshold": 0.0},
    "SMOTENC": {"categorical_features": ["cat"]},
    # 10 trees: the containers are what is tested, not the default forest.
    "InstanceHardnessThreshold": {
        "estimator": RandomForestClassifier(n_estimators=10, random_state=0)
    },
}
#: Every sampler class (the registry's), with the parameters both libraries get.
SAMPLERS = {
    name: {**({"random_state": 0} if spec.random_state else {}), **_PARAMS.get(name, {})}
    for name, spec in CLASSES.items()
}


def imblearn_class(name):
    return CLASSES[name].reference_class


def numeric_frame(n=80, seed=0):
    """Columns a (float64), b (float32), c (int64), cat (3 categories coded 0-2)."""
    X, y = make_classification(
        n_samples=n,
        n_features=3,
        n_informative=3,
        n_redundant=0,
        weights=[0.75],
        random_state=seed,
    )
    frame = pd.DataFrame(
        {
            "a": X[:, 0],
            "b": X[:, 1].astype(np.float32),
            "c": np.round(X[:, 2] * 10).astype(np.int64),
            "cat": np.arange(n) % 3,
        }
    )
    return frame, pd.Series(y, name="label")


def data_for(name, frame, target):
    """The frame each sampler is given: SMOTEN's columns must be categorical."""
    if name == "SMOTEN":
        return frame[["c", "cat"]].astype("category"), target
    return frame, target


def outcome(sampler, X, y):
    """``("ok", X_res, y_res)`` or ``("error", exception class)``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            X_res, y_res = sampler.fit_resample(X, y)
        except Exception as exc:  # noqa: BLE001 - compared with imbalanced-learn's
            return ("error", type(exc))
    return ("ok", X_res, y_res)


def assert_same_outcome(ours, theirs):
    assert ours[0] == theirs[0], (ours, theirs)
    if ours[0] == "error":
        assert ours[1] is theirs[1]
        return
    pd.testing.assert_frame_equal(ours[1], theirs[1])
    pd.testing.assert_series_equal(ours[2], theirs[2])


# -- polars -------------------------------------------------------------------------------
def to_polars(frame, target):
    data = {}
    for col in frame.columns:
        if frame[col].dtype == "category":
            data[col] = pl.Series(col, frame[col].astype(str).to_list(), dtype=pl.Categorical)
        else:
            data[col] = pl.Series(col, frame[col].to_numpy())
    return pl.DataFrame(data), pl.Series(target.name, target.to_numpy())


@pytest.mark.parametrize("name", sorted(SAMPLERS))
def test_polars_in_polars_out(name):
    frame, target = data_for(name, *numeric_frame())
    X_pl, y_pl = to_polars(frame, target)
    ours = getattr(fastsmote, name)(**SAMPLERS[name])
    X_res, y_res = ours.fit_resample(X_pl, y_pl)
    assert isinstance(X_res, pl.DataFrame) and isinstance(y_res, pl.Series)
    assert X_res.schema == X_pl.schema
    assert y_res.name == y_pl.name and y_res.dtype == y_pl.dtype
    # The values are imbalanced-learn's for the pandas equivalent (polars
    # categoricals hold strings, so their categories sort as strings).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_ref, y_ref = imblearn_class(name)(**SAMPLERS[name]).fit_resample(
            to_pandas(X_pl), to_pandas(y_pl)
        )
    for col in frame.columns:
        expected = X_ref[col].astype(str) if X_ref[col].dtype == "category" else X_ref[col]
        got = X_res[col].cast(pl.String) if X_res[col].dtype == pl.Categorical else X_res[col]
        assert np.array_equal(got.to_numpy(), expected.to_numpy()), col
    assert np.array_equal(y_res.to_numpy(), y_ref.to_numpy())
    assert list(ours.feature_names_in_) == X_pl.columns


def test_polars_mixed_with_numpy_and_string_labels():
    frame, target = numeric_frame()
    X_pl, _ = to_polars(frame, target)
    labels = pl.Series("kind", np.where(target.to_numpy() == 1, "rare", "common"))
    X_res, y_res = fastsmote.SMOTE(random_state=0).fit_resample(X_pl, labels.to_numpy())
    assert isinstance(X_res, pl.DataFrame) and isinstance(y_res, np.ndarray)
    X_res, y_res = fastsmote.SMOTE(random_state=0).fit_resample(frame.to_numpy(), labels)
    assert isinstance(X_res, np.ndarray) and y_res.dtype == pl.String
    assert y_res.value_counts().get_column("count").to_list() == [60, 60]


def test_polars_enum_and_nulls():
    frame, target = numeric_frame()
    X_pl, y_pl = to_polars(frame, target)
    levels = pl.Enum(["x", "y", "z"])
    X_enum = X_pl.with_columns(pl.Series("cat", ["x", "y", "z"] * 26 + ["x", "y"], dtype=levels))
    X_res, _ = fastsmote.SMOTENC(categorical_features="auto", random_state=0).fit_resample(
        X_enum, y_pl
    )
    assert X_res.schema == X_enum.schema
    assert set(X_res["cat"].to_list()) <= {"x", "y", "z"}
    # A null is a missing value, refused as imbalanced-learn refuses NaN.
    X_null = X_pl.with_columns(pl.Series("c", [None] + list(range(79)), dtype=pl.Int64))
    with pytest.raises(ValueError, match="NaN"):
        fastsmote.SMOTE(random_state=0).fit_resample(X_null, y_pl)


def test_conversion_helpers():
    assert not is_polars(pd.DataFrame()) and is_polars(pl.DataFrame())
    X = np.zeros((2, 2))
    assert to_pandas(X) is X and like(X, X) is X
    back = like(pd.Series(["p", "q"], dtype="category"), pl.Series("s", ["q"], pl.Categorical))
    assert back.dtype == pl.Categorical and back.to_list() == ["p", "q"]


# -- pandas: nullable dtypes, categoricals, index -----------------------------------------
def pandas_variants():
    frame, target = numeric_frame()
    index = pd.Index(np.arange(1000, 1080)[::-1], name="row")
    yield "nullable", frame.astype({"a": "Float64", "c": "Int64"}), target
    yield "nullable-y", frame, target.astype("Int64")
    yield "boolean", frame.assign(flag=(frame["c"] > 0).astype("boolean")), target
    yield "category", frame.astype({"cat": "category"}), target
    yield "index", frame.set_index(index), target.set_axis(index)
    missing = frame.astype({"c": "Int64"})
    missing.loc[3, "c"] = pd.NA
    yield "missing", missing, target


@pytest.mark.parametrize("name", sorted(SAMPLERS))
def test_pandas_containers_as_in_imblearn(name):
    for _, frame, target in pandas_variants():
        X, y = data_for(name, frame, target)
        ours = outcome(getattr(fastsmote, name)(**SAMPLERS[name]), X, y)
        theirs = outcome(imblearn_class(name)(**SAMPLERS[name]), X, y)
        assert_same_outcome(ours, theirs)


# -- get_feature_names_out ---------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(SAMPLERS))
def test_get_feature_names_out_as_in_imblearn(name):
    frame, target = data_for(name, *numeric_frame())
    ours = getattr(fastsmote, name)(**SAMPLERS[name])
    theirs = imblearn_class(name)(**SAMPLERS[name])
    assert hasattr(ours, "get_feature_names_out") == hasattr(theirs, "get_feature_names_out")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours.fit_resample(frame, target)
        theirs.fit_resample(frame, target)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert list(ours.get_feature_names_out()) == list(frame.columns)
    if name != "SMOTENC":  # its categorical_features names need a DataFrame
        ours.fit_resample(frame.to_numpy(), target.to_numpy())
        theirs.fit_resample(frame.to_numpy(), target.to_numpy())
        assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_every_public_sampler_is_listed():
    public = {n for n in fastsmote.__all__ if hasattr(getattr(fastsmote, n), "fit_resample")}
    assert public == set(SAMPLERS)


@pytest.mark.parametrize("container", ["numpy", "pandas", "polars"])
@pytest.mark.parametrize("name", sorted(SAMPLERS))
def test_inconsistent_lengths_raise_sklearns_error(name, container):
    # RandomOverSampler indexed y out of bounds and SMOTENC returned X and y of
    # different lengths (imbalanced-learn's do so too): every sampler now raises
    # scikit-learn's check_consistent_length error, from the container mixin.
    frame, target = data_for(name, *numeric_frame())
    X, y = frame, target.iloc[:-1]
    params = SAMPLERS[name]
    if container == "numpy":
        X, y = X.to_numpy(), y.to_numpy()
        if name == "SMOTENC":
            params = {**params, "categorical_features": [3]}
    elif container == "polars":
        X, y = to_polars(X, y)
    sampler = getattr(fastsmote, name)(**params)
    match = r"inconsistent numbers of samples: \[80, 79\]"
    with pytest.raises(ValueError, match=match):
        sampler.fit_resample(X, y)
    with pytest.raises(ValueError, match=match):
        sampler.fit(X, y)


def test_docstring_examples_run():
    import doctest

    import fastsmote._containers

    result = doctest.testmod(fastsmote._containers)
    assert result.attempted > 0 and result.failed == 0
