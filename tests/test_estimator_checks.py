"""imbalanced-learn's estimator checks over every fastsmote sampler.

``parametrize_with_checks`` yields imbalanced-learn's sampler checks (target
types, one label, fit / fit_resample, sampling strategies, sparse, pandas,
pandas-sparse, strings, NaN, lists, one-vs-all, dtype preservation,
``sample_indices_``, 2-D targets, ``get_feature_names_out``) for each sampler;
which of them apply follows the sampler's tags, exactly as for
imbalanced-learn's own classes. A check that cannot apply is skipped with the
reason in ``SKIPPED`` (listed beside the check it concerns).
"""

from __future__ import annotations

import inspect

import imblearn.combine
import imblearn.over_sampling
import imblearn.under_sampling
import pytest
from imblearn.utils.estimator_checks import (
    _check_name,
    estimator_checks_generator,
    parametrize_with_checks,
)
from sklearn.cluster import KMeans
from sklearn.ensemble import RandomForestClassifier

import fastsmote

SAMPLERS = [
    fastsmote.SMOTE(random_state=0),
    fastsmote.ADASYN(random_state=0),
    fastsmote.BorderlineSMOTE(random_state=0),
    fastsmote.BorderlineSMOTE(random_state=0, kind="borderline-2"),
    fastsmote.SVMSMOTE(random_state=0),
    # imbalanced-learn's own checks give KMeansSMOTE 12 clusters as well.
    fastsmote.KMeansSMOTE(random_state=0, kmeans_estimator=12),
    fastsmote.SMOTENC(categorical_features=[0], random_state=0),
    fastsmote.SMOTEN(random_state=0),
    fastsmote.RandomOverSampler(random_state=0),
    fastsmote.TomekLinks(),
    fastsmote.EditedNearestNeighbours(),
    fastsmote.RepeatedEditedNearestNeighbours(),
    fastsmote.AllKNN(),
    # Version 3 fails check_samplers_fit_resample as imbalanced-learn's own
    # NearMiss(version=3) does (imbalanced-learn marks it an expected failure):
    # tests/test_near_miss.py compares it with imbalanced-learn instead.
    fastsmote.NearMiss(),
    fastsmote.NearMiss(version=2),
    fastsmote.CondensedNearestNeighbour(random_state=0),
    fastsmote.OneSidedSelection(random_state=0),
    fastsmote.NeighbourhoodCleaningRule(),
    fastsmote.RandomUnderSampler(random_state=0),
    # imbalanced-learn's own checks give ClusterCentroids these parameters
    # (with its defaults, sparse input votes "hard" and dense "soft": the
    # sparse checks fail for imbalanced-learn's class too).
    fastsmote.ClusterCentroids(
        random_state=0, voting="soft", estimator=KMeans(random_state=0, algorithm="lloyd", n_init=1)
    ),
    # A forest of 10 trees instead of 100: the checks test the sampler, and the
    # default forest made them ten times slower.
    fastsmote.InstanceHardnessThreshold(
        random_state=0, estimator=RandomForestClassifier(n_estimators=10, random_state=0)
    ),
    fastsmote.SMOTEENN(random_state=0),
    fastsmote.SMOTETomek(random_state=0),
]

#: (sampler id, check name) -> why the check cannot apply. The sampler id is the
#: class name, with ``kind`` for Borderline-SMOTE.
SKIPPED = {
    ("BorderlineSMOTE-borderline-2", "check_samplers_sparse"): (
        "imbalanced-learn's Borderline-SMOTE-2 cannot resample sparse input (it scales "
        "rows of a sparse difference matrix with a dense column and raises a ValueError); "
        "fastsmote raises the same error, compared in test_boundary_parity"
    ),
    ("BorderlineSMOTE-borderline-2", "check_samplers_pandas_sparse"): (
        "same as check_samplers_sparse: a DataFrame of sparse columns is a sparse "
        "matrix once validated, which imbalanced-learn's Borderline-SMOTE-2 cannot resample"
    ),
    ("SMOTENC", "check_samplers_string"): (
        "the check turns every column into strings, so SMOTE-NC has no continuous feature "
        "left to interpolate; imbalanced-learn's SMOTENC raises the same ValueError"
    ),
}


def reference(estimator):
    """imbalanced-learn's class of the same name, with the parameters both have."""
    name = type(estimator).__name__
    for module in (imblearn.over_sampling, imblearn.under_sampling, imblearn.combine):
        if hasattr(module, name):
            params = estimator.get_params(deep=False)
            params.pop("nn_backend", None)
            cls = getattr(module, name)
            if "n_jobs" not in inspect.signature(cls).parameters:
                params.pop("n_jobs", None)
            return cls(**params)
    raise KeyError(name)


def _sampler_id(estimator) -> str:
    kind = estimator.get_params().get("kind")
    name = type(estimator).__name__
    return f"{name}-{kind}" if kind == "borderline-2" else name


@parametrize_with_checks(SAMPLERS)
def test_imblearn_estimator_checks(estimator, check):
    reason = SKIPPED.get((_sampler_id(estimator), _check_name(check)))
    if reason is not None:
        pytest.skip(reason)
    check(estimator)


def test_every_public_sampler_is_checked():
    checked = {type(s).__name__ for s in SAMPLERS}
    public = {
        name for name in fastsmote.__all__ if hasattr(getattr(fastsmote, name), "fit_resample")
    }
    assert public == checked


def test_skips_fail_without_the_skip():
    """Each skipped check fails in fastsmote and in imbalanced-learn's class of the
    same name alike: a skip that no longer applies must be removed."""
    from sklearn.base import clone

    n_run = 0
    for estimator in SAMPLERS:
        for est, check in estimator_checks_generator(estimator):
            if (_sampler_id(est), _check_name(check)) not in SKIPPED:
                continue
            for candidate in (clone(est), reference(est)):
                with pytest.raises(ValueError):
                    check(candidate)
            n_run += 1
    assert n_run == len(SKIPPED)


def test_the_checks_are_imblearns_for_its_class_of_the_same_name():
    """The tags select the same checks as for imbalanced-learn's own class: none
    is left out by a tag imbalanced-learn does not set."""
    for estimator in SAMPLERS:
        ours = [_check_name(check) for _, check in estimator_checks_generator(estimator)]
        theirs = [
            _check_name(check) for _, check in estimator_checks_generator(reference(estimator))
        ]
        assert ours == theirs, _sampler_id(estimator)
