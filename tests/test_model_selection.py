"""fastsmote samplers inside imbalanced-learn's Pipeline, cross_validate and
GridSearchCV: the same scores as the imbalanced-learn sampler of the same name.

The data have no distance ties, so every exact backend resamples exactly as
imbalanced-learn does (contract B) and the fold scores must be equal, not
close.
"""

from __future__ import annotations

import imblearn.combine
import imblearn.over_sampling
import imblearn.under_sampling
import numpy as np
import pandas as pd
import pytest
from imblearn.pipeline import Pipeline, make_pipeline
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.preprocessing import StandardScaler

import fastsmote
from fastsmote._registry import CLASSES

CV = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)

#: Parameters some samplers need on these small data.
_PARAMS = {
    "KMeansSMOTE": {"kmeans_estimator": 2, "cluster_balance_threshold": 0.0},
    "SMOTENC": {"categorical_features": [5]},
}
#: Every sampler class (the registry's), with the parameters both libraries get.
SAMPLERS = {
    name: {**({"random_state": 0} if spec.random_state else {}), **_PARAMS.get(name, {})}
    for name, spec in CLASSES.items()
}


def imblearn_class(name):
    return CLASSES[name].reference_class


def data_for(name):
    X, y = make_classification(
        n_samples=240,
        n_features=6,
        n_informative=4,
        n_redundant=1,
        weights=[0.8],
        flip_y=0.05,
        random_state=0,
    )
    if name == "SMOTENC":
        X[:, 5] = np.arange(X.shape[0]) % 3
    if name == "SMOTEN":
        X = np.digitize(X[:, :3], [-1.0, 0.0, 1.0])
    return X, y


@pytest.mark.parametrize("name", sorted(SAMPLERS))
def test_cross_validate_scores_equal_imblearns(name):
    X, y = data_for(name)
    scores = {}
    for library, sampler in (
        ("fastsmote", getattr(fastsmote, name)(**SAMPLERS[name])),
        ("imblearn", imblearn_class(name)(**SAMPLERS[name])),
    ):
        pipeline = make_pipeline(StandardScaler(), sampler, LogisticRegression())
        result = cross_validate(pipeline, X, y, cv=CV, scoring=["balanced_accuracy", "f1"])
        scores[library] = (result["test_balanced_accuracy"], result["test_f1"])
    assert np.array_equal(scores["fastsmote"][0], scores["imblearn"][0])
    assert np.array_equal(scores["fastsmote"][1], scores["imblearn"][1])


def test_grid_search_tunes_k_neighbors_and_nn_backend():
    X, y = data_for("SMOTE")
    grid = {"smote__k_neighbors": [2, 4, 6], "smote__nn_backend": ["auto", "brute", "kdtree"]}
    pipeline = Pipeline([("smote", fastsmote.SMOTE(random_state=0)), ("clf", LogisticRegression())])
    search = GridSearchCV(pipeline, grid, cv=CV, scoring="f1").fit(X, y)
    results = pd.DataFrame(search.cv_results_)
    assert set(search.best_params_) == set(grid)
    assert search.best_params_["smote__k_neighbors"] in grid["smote__k_neighbors"]
    # Exact backends resample identically: the backend never changes a score,
    # and each k scores as imbalanced-learn's SMOTE with that k.
    reference = GridSearchCV(
        Pipeline(
            [("smote", imblearn.over_sampling.SMOTE(random_state=0)), ("clf", LogisticRegression())]
        ),
        {"smote__k_neighbors": grid["smote__k_neighbors"]},
        cv=CV,
        scoring="f1",
    ).fit(X, y)
    expected = dict(
        zip(
            reference.cv_results_["param_smote__k_neighbors"],
            reference.cv_results_["mean_test_score"],
            strict=True,
        )
    )
    for k, group in results.groupby("param_smote__k_neighbors"):
        assert group["mean_test_score"].nunique() == 1
        assert group["mean_test_score"].iloc[0] == expected[k]
    # The refitted sampler inside the best pipeline is a fitted fastsmote SMOTE.
    best = search.best_estimator_.named_steps["smote"]
    assert isinstance(best, fastsmote.SMOTE) and best.nn_search_.exact


def test_pipeline_resamples_only_when_fitting():
    X, y = data_for("SMOTE")
    names = [f"f{i}" for i in range(X.shape[1])]
    ours = make_pipeline(fastsmote.SMOTETomek(random_state=0), LogisticRegression()).fit(X, y)
    theirs = make_pipeline(imblearn.combine.SMOTETomek(random_state=0), LogisticRegression()).fit(
        X, y
    )
    # predict passes every row through: samplers act on fit only.
    assert np.array_equal(ours.predict(X), theirs.predict(X))
    assert np.array_equal(ours[-1].coef_, theirs[-1].coef_)
    assert list(ours[:-1].get_feature_names_out(names)) == list(
        theirs[:-1].get_feature_names_out(names)
    )
    assert list(ours[0].get_feature_names_out()) == [f"x{i}" for i in range(X.shape[1])]
