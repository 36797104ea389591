"""Bad input to the cleaning samplers and hybrids: imbalanced-learn's exception
classes, and messages that say what to change. Nothing crashes the interpreter."""

from __future__ import annotations

import doctest
import importlib

import imblearn.combine as imb_combine
import imblearn.under_sampling as imb_under
import numpy as np
import pytest
from sklearn.base import BaseEstimator, clone
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors
from sklearn.utils._param_validation import InvalidParameterError

import fastsmote

CLEANERS = (
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
)
ENN_FAMILY = CLEANERS[1:]
HYBRIDS = ("SMOTEENN", "SMOTETomek")


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=120, n_features=4, n_informative=3, n_redundant=0, weights=[0.7], random_state=0
    )
    return X, y


def imblearn_cls(name):
    return getattr(imb_combine if name in HYBRIDS else imb_under, name)


def raises_like_imblearn(name, params, X, y, match):
    """fastsmote raises imbalanced-learn's exception class, with ``match`` in the message."""
    with pytest.raises(Exception) as theirs:
        imblearn_cls(name)(**params).fit_resample(X, y)
    with pytest.raises(theirs.type, match=match):
        getattr(fastsmote, name)(**params).fit_resample(X, y)


@pytest.mark.parametrize("name", ENN_FAMILY)
@pytest.mark.parametrize("value", [0, -2, 2.5, "3"])
def test_bad_n_neighbors(data, name, value):
    raises_like_imblearn(name, {"n_neighbors": value}, *data, "'n_neighbors' parameter")


@pytest.mark.parametrize("name", ENN_FAMILY)
def test_bad_kind_sel(data, name):
    raises_like_imblearn(name, {"kind_sel": "most"}, *data, "'kind_sel' parameter.*must be a str")


def test_bad_max_iter(data):
    raises_like_imblearn(
        "RepeatedEditedNearestNeighbours", {"max_iter": 0}, *data, "'max_iter' parameter"
    )


def test_bad_allow_minority(data):
    raises_like_imblearn("AllKNN", {"allow_minority": "yes"}, *data, "'allow_minority'")


@pytest.mark.parametrize("name", CLEANERS + HYBRIDS)
def test_bad_n_jobs_type(data, name):
    raises_like_imblearn(name, {"n_jobs": 1.5}, *data, "'n_jobs' parameter")


@pytest.mark.parametrize("name", ("TomekLinks", "EditedNearestNeighbours"))
def test_n_jobs_zero(data, name):
    raises_like_imblearn(name, {"n_jobs": 0}, *data, "n_jobs == 0 has no meaning")


@pytest.mark.parametrize("name", CLEANERS + HYBRIDS)
def test_unknown_nn_backend(data, name):
    with pytest.raises(InvalidParameterError, match="'nn_backend' parameter"):
        getattr(fastsmote, name)(nn_backend="ball_tree").fit_resample(*data)


@pytest.mark.parametrize("name", CLEANERS)
@pytest.mark.parametrize(
    ("strategy", "match"),
    [
        (0.5, "do let the user specify the sampling ratio"),
        ({0: 10}, "'sampling_strategy' parameter"),
        ("minority", "'sampling_strategy' parameter"),
        ([7], r"\{7\} target class is/are not present"),
    ],
)
def test_bad_sampling_strategy(data, name, strategy, match):
    raises_like_imblearn(name, {"sampling_strategy": strategy}, *data, match)


@pytest.mark.parametrize("name", ("EditedNearestNeighbours", "RepeatedEditedNearestNeighbours"))
def test_more_neighbours_than_samples(data, name):
    X, y = data
    raises_like_imblearn(
        name, {"n_neighbors": 200}, X, y, "n_neighbors <= n_samples_fit.*lower n_neighbors"
    )


def test_more_neighbours_than_samples_left_in_a_later_pass():
    # AllKNN's passes grow the neighbourhood while samples are removed: here
    # the third pass needs 4 samples where 3 are left.
    X = np.array(
        [[0.221, -0.34], [-0.578, -0.404], [-0.603, -0.244], [1.035, 0.581], [0.252, -1.463],
         [-1.548, 0.265], [-0.001, -1.016], [0.112, -1.192], [1.556, -0.933], [0.527, -0.15]]
    )  # fmt: skip
    y = np.array([0] * 5 + [1] * 5)
    params = {"n_neighbors": 3, "kind_sel": "mode", "allow_minority": True}
    params["sampling_strategy"] = "all"
    raises_like_imblearn("AllKNN", params, X, y, "n_neighbors <= n_samples_fit.*3 samples are left")


HUGE_K = 10**12


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("EditedNearestNeighbours", {"n_neighbors": HUGE_K}),
        ("RepeatedEditedNearestNeighbours", {"n_neighbors": HUGE_K}),
        ("AllKNN", {"n_neighbors": HUGE_K}),
        ("AllKNN", {"n_neighbors": HUGE_K, "allow_minority": True}),
        ("SMOTEENN", {"random_state": 0}),
    ],
)
def test_huge_n_neighbors_is_checked_before_allocating(data, name, params):
    # n_neighbors=10**12 on 120 rows used to allocate (n, 10**12) neighbour
    # lists: a MemoryError for 728 TiB. ENN and RENN now raise imbalanced-
    # learn's ValueError at once, naming the value; AllKNN's passes stop (or
    # raise) where imbalanced-learn's do.
    import tracemalloc

    X, y = data
    if name == "SMOTEENN":
        params = {**params, "enn": fastsmote.EditedNearestNeighbours(n_neighbors=HUGE_K)}
        imb_params = {**params, "enn": imb_under.EditedNearestNeighbours(n_neighbors=HUGE_K)}
    else:
        imb_params = params
    try:
        want = imblearn_cls(name)(**imb_params).fit_resample(X, y)
    except ValueError as exc:
        want = exc
    tracemalloc.start()
    try:
        if isinstance(want, ValueError):
            with pytest.raises(ValueError, match=f"n_neighbors={HUGE_K} was given"):
                getattr(fastsmote, name)(**params).fit_resample(X, y)
        else:
            got = getattr(fastsmote, name)(**params).fit_resample(X, y)
            np.testing.assert_array_equal(got[0], want[0])
            np.testing.assert_array_equal(got[1], want[1])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20  # bytes: lists of at most n - 1 neighbours


@pytest.mark.parametrize("name", CLEANERS + HYBRIDS)
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_values(data, name, bad):
    X, y = data
    X = X.copy()
    X[3, 1] = bad
    raises_like_imblearn(name, {}, X, y, "Input X contains")


@pytest.mark.parametrize("name", CLEANERS + HYBRIDS)
def test_bad_targets(data, name):
    X, y = data
    raises_like_imblearn(name, {}, X, np.zeros_like(y), "more than 1 class")
    raises_like_imblearn(name, {}, X, y + np.linspace(0, 0.5, y.size), "continuous")
    raises_like_imblearn(name, {}, X, y[:-1], "inconsistent numbers of samples")


@pytest.mark.parametrize("name", CLEANERS)
def test_one_dimensional_X(data, name):
    X, y = data
    raises_like_imblearn(name, {}, X[:, 0], y, "Expected 2D array")


@pytest.mark.parametrize(
    ("hybrid", "param", "value"),
    [
        ("SMOTEENN", "smote", fastsmote.TomekLinks()),
        ("SMOTEENN", "enn", imb_under.TomekLinks()),
        ("SMOTEENN", "enn", fastsmote.AllKNN()),
        ("SMOTETomek", "tomek", fastsmote.EditedNearestNeighbours()),
        ("SMOTETomek", "smote", "smote"),
    ],
)
def test_hybrid_sub_sampler_of_the_wrong_kind(data, hybrid, param, value):
    with pytest.raises(Exception) as theirs:
        imblearn_cls(hybrid)(**{param: value}).fit_resample(*data)
    with pytest.raises(theirs.type, match=f"'{param}' parameter of {hybrid} must be"):
        getattr(fastsmote, hybrid)(**{param: value}).fit_resample(*data)


@pytest.mark.parametrize("hybrid", HYBRIDS)
def test_hybrid_cleaning_strategy_rejected(data, hybrid):
    raises_like_imblearn(hybrid, {"sampling_strategy": "majority"}, *data, "'sampling_strategy'")


class _NoJobs(BaseEstimator):
    """A neighbours object without an n_jobs parameter."""

    def __init__(self, n_neighbors=4):
        self.n_neighbors = n_neighbors

    def fit(self, X):
        self._nn = NearestNeighbors(n_neighbors=self.n_neighbors).fit(X)
        return self

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        return self._nn.kneighbors(X, n_neighbors, return_distance)

    def kneighbors_graph(self, X=None, n_neighbors=None, mode="connectivity"):
        return self._nn.kneighbors_graph(X, n_neighbors, mode)


@pytest.mark.parametrize("name", ("EditedNearestNeighbours", "RepeatedEditedNearestNeighbours"))
def test_neighbours_object_without_n_jobs(data, name):
    # imbalanced-learn sets n_jobs on the object it is given, which fails here.
    raises_like_imblearn(name, {"n_neighbors": _NoJobs()}, *data, "Invalid parameter 'n_jobs'")


@pytest.mark.parametrize("name", CLEANERS)
@pytest.mark.parametrize("scale", [1e-300, 1e300])
def test_extreme_values_do_not_crash(data, name, scale):
    X, y = data
    X_res, y_res = (sampler := getattr(fastsmote, name)()).fit_resample(X * scale, y)
    assert np.array_equal(X_res, (X * scale)[sampler.sample_indices_])
    assert np.array_equal(y_res, y[sampler.sample_indices_])


@pytest.mark.parametrize("name", CLEANERS)
def test_integer_X_keeps_its_dtype(data, name):
    X, y = data
    X_int = np.round(X * 1000).astype(np.int64)
    X_res, _ = getattr(fastsmote, name)().fit_resample(X_int, y)
    X_ref, _ = imblearn_cls(name)().fit_resample(X_int, y)
    assert X_res.dtype == np.int64 and np.array_equal(X_res, X_ref)


@pytest.mark.parametrize("name", CLEANERS)
def test_parameters_are_not_mutated(data, name):
    sampler = getattr(fastsmote, name)()
    before = sampler.get_params()
    sampler.fit_resample(*data)
    assert sampler.get_params() == before


# -- parameters, documentation (estimator checks: test_estimator_checks.py) -------


@pytest.mark.parametrize("name", CLEANERS + HYBRIDS)
def test_parameters_are_imblearns_plus_nn_backend(name):
    ours, theirs = getattr(fastsmote, name)(), imblearn_cls(name)()
    assert set(ours.get_params()) == set(theirs.get_params()) | {"nn_backend"}
    for key, value in theirs.get_params().items():
        assert repr(ours.get_params()[key]) == repr(value), key
    assert ours.get_params()["nn_backend"] == "auto"
    assert clone(ours).get_params() == ours.get_params()


@pytest.mark.parametrize(
    "module",
    [
        "fastsmote.under_sampling.tomek_links",
        "fastsmote.under_sampling.edited_nearest_neighbours",
        "fastsmote.under_sampling.repeated",
        "fastsmote.under_sampling.graph",
        "fastsmote.combine.smote_enn",
        "fastsmote.combine.smote_tomek",
        "fastsmote._kernels.allpairs",
        "fastsmote.neighbors.allpairs",
    ],
)
def test_docstring_examples_run(module):
    result = doctest.testmod(
        importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 0 and result.failed == 0
