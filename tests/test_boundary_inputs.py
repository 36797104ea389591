"""What the boundary over-samplers accept and refuse, compared with imbalanced-learn.

Containers and label types give imbalanced-learn's output; bad input raises
imbalanced-learn's exception class, and fastsmote's message names the
problem (the sampler-specific errors keep imbalanced-learn's wording).
"""

from __future__ import annotations

import doctest
import warnings

import imblearn.over_sampling as reference
import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import NearestNeighbors
from sklearn.utils._param_validation import InvalidParameterError
from threadpoolctl import threadpool_limits

import fastsmote

CLASSES = ["BorderlineSMOTE", "ADASYN", "SVMSMOTE", "KMeansSMOTE"]

#: Parameters that make KMeansSMOTE find clusters on the small data below.
KMEANS_OK = {"kmeans_estimator": 2, "cluster_balance_threshold": 0.05}


@pytest.fixture(autouse=True)
def _one_openmp_thread():
    # scikit-learn's OpenMP threads only spin on tiny data (see the parity tests).
    with threadpool_limits(limits=1):
        yield


@pytest.fixture
def small():
    """60 rows, 3 features, 45 vs 15, overlapping classes."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(60, 3))
    y = np.array([0] * 45 + [1] * 15)
    X[y == 1] += 0.7
    return X, y


def _ok_params(name):
    return dict(KMEANS_OK) if name == "KMeansSMOTE" else {}


def run(library, name, X, y, **params):
    cls = getattr(reference if library == "imblearn" else fastsmote, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cls(random_state=0, **params).fit_resample(X, y)


def assert_same(ours, theirs):
    for a, b in zip(ours, theirs, strict=True):
        assert type(a) is type(b)
        assert a.dtype == b.dtype and a.shape == b.shape
        assert np.array_equal(a, b)


# -- containers and labels -------------------------------------------------------------
@pytest.mark.parametrize("name", CLASSES)
def test_dataframe_and_series(small, name):
    X, y = small
    columns = ["a", "b", "c"]
    X_df, y_s = pd.DataFrame(X, columns=columns), pd.Series(y, name="target")
    params = _ok_params(name)
    X_ours, y_ours = run("fastsmote", name, X_df, y_s, **params)
    X_theirs, y_theirs = run("imblearn", name, X_df, y_s, **params)
    pd.testing.assert_frame_equal(X_ours, X_theirs, check_exact=True)
    pd.testing.assert_series_equal(y_ours, y_theirs, check_exact=True)
    pd.testing.assert_frame_equal(X_df, pd.DataFrame(X, columns=columns))


@pytest.mark.parametrize("name", CLASSES)
@pytest.mark.parametrize("labels", [("neg", "pos"), (-1, 1), (True, False), (2.0, 7.0)], ids=str)
def test_label_types(small, name, labels):
    X, y = small
    y = np.where(y == 0, labels[0], labels[1])
    params = _ok_params(name)
    assert_same(run("fastsmote", name, X, y, **params), run("imblearn", name, X, y, **params))


@pytest.mark.parametrize("name", CLASSES)
def test_lists_and_fortran_order(small, name):
    X, y = small
    params = _ok_params(name)
    X_ours, y_ours = run("fastsmote", name, X.tolist(), y.tolist(), **params)
    X_theirs, y_theirs = run("imblearn", name, X.tolist(), y.tolist(), **params)
    assert type(X_ours) is type(X_theirs) and X_ours == X_theirs and y_ours == y_theirs
    theirs = run("imblearn", name, X, y, **params)
    assert_same(run("fastsmote", name, np.asfortranarray(X), y, **params), theirs)


@pytest.mark.parametrize("name", CLASSES)
def test_input_not_modified(small, name):
    X, y = small
    X_copy, y_copy = X.copy(), y.copy()
    run("fastsmote", name, X, y, **_ok_params(name))
    assert np.array_equal(X, X_copy) and np.array_equal(y, y_copy)


# -- bad input common to every sampler --------------------------------------------------
def _common_bad_inputs():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(40, 3))
    y = np.array([0] * 30 + [1] * 10)
    X_nan, X_inf = X.copy(), X.copy()
    X_nan[3, 1], X_inf[3, 1] = np.nan, np.inf
    return {
        "nan": (X_nan, y, {}, ValueError, "Input X contains NaN"),
        "inf": (X_inf, y, {}, ValueError, "Input X contains infinity"),
        "single-class": (X, np.zeros(40, dtype=int), {}, ValueError, "more than 1 class"),
        "length-mismatch": (X, y[:-1], {}, ValueError, "inconsistent numbers of samples"),
        "empty": (X[:0], y[:0], {}, ValueError, r"0 sample\(s\)"),
        "string-features": (np.array([["a", "b"]] * 40), y, {}, ValueError, "bytes/strings"),
        "continuous-y": (X, rng.normal(size=40), {}, ValueError, "Unknown label type"),
        "strategy-unknown-class": (
            X,
            y,
            {"sampling_strategy": {2: 50}},
            ValueError,
            "are not present in the data",
        ),  # fmt: skip
        "random-state-string": (X, y, {"random_state": "a"}, InvalidParameterError, "random_state"),
    }


COMMON_BAD = _common_bad_inputs()


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("name", CLASSES)
@pytest.mark.parametrize("case", sorted(COMMON_BAD))
def test_common_bad_input(name, case):
    X, y, params, error, match = COMMON_BAD[case]
    params = {"random_state": 0, **params}
    with pytest.raises(error, match=match):
        getattr(fastsmote, name)(**params).fit_resample(X, y)
    with pytest.raises(error):
        getattr(reference, name)(**params).fit_resample(X, y)


# -- bad parameters --------------------------------------------------------------------
BAD_PARAMS = [
    ("BorderlineSMOTE", {"k_neighbors": 0}, InvalidParameterError, "'k_neighbors' parameter"),
    ("BorderlineSMOTE", {"m_neighbors": 0}, InvalidParameterError, "'m_neighbors' parameter"),
    ("BorderlineSMOTE", {"m_neighbors": 2.5}, InvalidParameterError, "'m_neighbors' parameter"),
    ("BorderlineSMOTE", {"kind": "borderline-3"}, InvalidParameterError, "'kind' parameter"),
    ("ADASYN", {"n_neighbors": 0}, InvalidParameterError, "'n_neighbors' parameter"),
    ("ADASYN", {"n_neighbors": object()}, InvalidParameterError, "'n_neighbors' parameter"),
    ("SVMSMOTE", {"out_step": 1.5}, InvalidParameterError, "'out_step' parameter"),
    ("SVMSMOTE", {"svm_estimator": object()}, InvalidParameterError, "'svm_estimator'"),
    ("SVMSMOTE", {"m_neighbors": -1}, InvalidParameterError, "'m_neighbors' parameter"),
    ("KMeansSMOTE", {"kmeans_estimator": 0}, InvalidParameterError, "'kmeans_estimator'"),
    ("KMeansSMOTE", {"kmeans_estimator": "x"}, InvalidParameterError, "'kmeans_estimator'"),
    (
        "KMeansSMOTE",
        {"cluster_balance_threshold": "high"},
        InvalidParameterError,
        "'cluster_balance_threshold'",
    ),
    ("KMeansSMOTE", {"density_exponent": "x"}, InvalidParameterError, "'density_exponent'"),
    ("KMeansSMOTE", {"n_jobs": 1.5}, InvalidParameterError, "'n_jobs' parameter"),
]


@pytest.mark.parametrize("name, params, error, match", BAD_PARAMS, ids=lambda v: str(v)[:30])
def test_bad_parameters_same_exception(small, name, params, error, match):
    X, y = small
    with pytest.raises(error, match=match):
        getattr(fastsmote, name)(random_state=0, **params).fit_resample(X, y)
    with pytest.raises(error):
        getattr(reference, name)(random_state=0, **params).fit_resample(X, y)


@pytest.mark.parametrize("name", CLASSES)
@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"nn_backend": "kd_tree"}, InvalidParameterError, "'nn_backend' parameter"),
        ({"nn_backend": object()}, InvalidParameterError, "'nn_backend' parameter"),
        ({"n_jobs": "2"}, InvalidParameterError, "'n_jobs' parameter"),
        ({"n_jobs": 0}, ValueError, "n_jobs == 0 has no meaning"),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_bad_fastsmote_only_parameters(small, name, params, error, match):
    X, y = small
    with pytest.raises(error, match=match):
        getattr(fastsmote, name)(random_state=0, **_ok_params(name), **params).fit_resample(X, y)


# -- too few samples for the neighbours asked for ------------------------------------------
@pytest.mark.parametrize(
    "name, params, match",
    [
        ("BorderlineSMOTE", {"m_neighbors": 60}, r"n_neighbors = 61.*m_neighbors .* at most 59"),
        ("BorderlineSMOTE", {"k_neighbors": 15}, r"n_neighbors = 16.*k_neighbors .* at most 14"),
        (
            "BorderlineSMOTE",
            {"k_neighbors": 60, "kind": "borderline-2"},
            r"n_neighbors = 61.*k_neighbors must be at most 59",
        ),
        ("ADASYN", {"n_neighbors": 60}, r"n_neighbors = 61.*n_neighbors must be at most 59"),
        ("ADASYN", {"n_neighbors": 15}, r"n_neighbors = 16.*n_neighbors must be at most 14"),
        ("SVMSMOTE", {"m_neighbors": 60}, r"n_neighbors = 61.*m_neighbors must be at most 59"),
        ("SVMSMOTE", {"k_neighbors": 15}, r"n_neighbors = 16.*k_neighbors must be at most 14"),
        (
            "BorderlineSMOTE",
            {"m_neighbors": NearestNeighbors(n_neighbors=61)},
            "n_neighbors <= n_samples_fit",
        ),
    ],
    ids=lambda v: str(v)[:40],
)  # fmt: skip
def test_too_many_neighbors(small, name, params, match):
    X, y = small
    with pytest.raises(ValueError, match=match):
        run("fastsmote", name, X, y, **params)
    with pytest.raises(ValueError, match="n_neighbors <= n_samples_fit"):
        run("imblearn", name, X, y, **params)


# -- sampler-specific refusals (imbalanced-learn's wording) ----------------------------------
def _separated():
    """Two classes far apart: no neighbour of another class anywhere."""
    rng = np.random.RandomState(1)
    X = np.vstack([rng.normal(size=(40, 2)), rng.normal(size=(12, 2)) + 100])
    return X, np.array([0] * 40 + [1] * 12)


def _isolated_minority():
    """Minority points each alone inside the majority: every one of them is noise."""
    rng = np.random.RandomState(2)
    X_maj = rng.uniform(-10, 10, size=(400, 2))
    X_min = np.array([[-5.0, -5.0], [5.0, 5.0], [-5.0, 5.0], [5.0, -5.0], [0.0, 0.0]])
    return np.vstack([X_maj, X_min]), np.array([0] * 400 + [1] * 5)


SPECIFIC = {
    "adasyn-no-other-class": (
        "ADASYN", _separated, {}, RuntimeError, "Not any neigbours belong to the majority class",
    ),
    "adasyn-nothing-rounded": (
        "ADASYN",
        lambda: (np.random.RandomState(3).normal(size=(60, 3)), np.array([0] * 30 + [1] * 30)),
        {"sampling_strategy": {1: 31}},
        ValueError,
        "No samples will be generated with the provided ratio settings",
    ),
    "adasyn-no-neighbour": (
        "ADASYN", _separated, {"n_neighbors": NearestNeighbors(n_neighbors=1)}, ValueError,
        "n_neighbors >= 2" ,
    ),
    "svm-all-noise": (
        "SVMSMOTE", _isolated_minority, {}, ValueError,
        "All support vectors are considered as noise",
    ),
    "svm-without-support": (
        "SVMSMOTE", _separated, {"svm_estimator": LogisticRegression()}, RuntimeError,
        "required to exposed a `support_`",
    ),
    "kmeans-no-cluster": (
        "KMeansSMOTE", _separated, {"kmeans_estimator": 2, "k_neighbors": 20},
        RuntimeError, "No clusters found with sufficient samples of class 1",
    ),
    "kmeans-nan-weight": (
        "KMeansSMOTE", _separated,
        {"kmeans_estimator": 2, "k_neighbors": NearestNeighbors(n_neighbors=1),
         "cluster_balance_threshold": 0.0, "sampling_strategy": {0: 40, 1: 13},
         "density_exponent": -1.0},
        ValueError, "cannot convert float NaN to integer",
    ),
}  # fmt: skip


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("case", sorted(SPECIFIC))
@pytest.mark.parametrize("library", ["fastsmote", "imblearn"])
def test_sampler_specific_errors(case, library):
    name, make_data, params, error, match = SPECIFIC[case]
    if case == "adasyn-no-neighbour" and library == "imblearn":
        match = ""  # imbalanced-learn divides by zero; NaN counts then fail with a ValueError
    X, y = make_data()
    if case == "kmeans-nan-weight":
        # One sample of class 1 alone in a cluster: its sparsity is 0 / 0.
        X, y = np.vstack([X, [[0.5, 0.5]]]), np.append(y, 1)
        params = {**params, "sampling_strategy": {0: 40, 1: 14}}
    with pytest.raises(error, match=match):
        run(library, name, X, y, **params)


def test_svm_noise_is_not_raised_by_borderline():
    # Borderline-SMOTE skips a class without samples in danger (no error), as imblearn.
    X, y = _isolated_minority()
    sampler = fastsmote.BorderlineSMOTE(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert sampler.in_danger_indices == {} and X_res.shape == X.shape
    assert_same((X_res, y_res), run("imblearn", "BorderlineSMOTE", X, y))


@pytest.mark.parametrize("name", CLASSES)
def test_errors_leave_constructor_parameters_alone(small, name):
    X, y = small
    nn = NearestNeighbors(n_neighbors=80)
    key = "n_neighbors" if name == "ADASYN" else "k_neighbors"
    sampler = getattr(fastsmote, name)(random_state=0, **{key: nn})
    with pytest.raises((ValueError, RuntimeError)):
        sampler.fit_resample(X, y)
    assert sampler.get_params()[key] is nn and nn.n_neighbors == 80
    assert sampler.get_params()["nn_backend"] == "auto"


# -- documentation ------------------------------------------------------------------
@pytest.mark.parametrize(
    "module",
    [
        "fastsmote.over_sampling.base",
        "fastsmote.over_sampling.borderline",
        "fastsmote.over_sampling.adasyn",
        "fastsmote.over_sampling.svm",
        "fastsmote.over_sampling.kmeans",
        "fastsmote._kernels.borderline",
        "fastsmote._kernels.neighbor_classes",
        "fastsmote.over_sampling._danger",
        "fastsmote._kernels.adasyn",
        "fastsmote._kernels.kmeans",
        "fastsmote._kernels.reduce",
    ],
)
def test_docstring_examples_run(module):
    import importlib

    result = doctest.testmod(
        importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 0 and result.failed == 0
