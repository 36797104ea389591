"""The neighbour backends as estimators: scikit-learn's API, imbalanced-learn's
samplers, the ``auto`` choice and ``make_backend``, and any data against the
naive reference (property test).
"""

from __future__ import annotations

import os
import pickle

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from imblearn.over_sampling import ADASYN, BorderlineSMOTE
from imblearn.over_sampling import SMOTE as ImbSMOTE
from imblearn.under_sampling import EditedNearestNeighbours
from naive import naive_kneighbors, naive_kneighbors_by_index
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.neighbors import NearestNeighbors

from fastsmote.neighbors import BACKENDS as BACKEND_CLASSES
from fastsmote.neighbors import (
    AutoNeighbors,
    BaseNeighbors,
    BruteForceNeighbors,
    KDTreeNeighbors,
    choose_exact,
    is_exact,
    make_backend,
)
from fastsmote.neighbors.auto import KDTREE_MAX_FEATURES, KDTREE_MIN_SAMPLES
from fastsmote.neighbors.backends import EXACT_BACKEND_NAMES

# -- scikit-learn estimator API --------------------------------------------------


def test_clone_and_params(backend, tie_free_X):
    nn = backend(n_neighbors=7, n_jobs=1)
    params = nn.get_params()
    assert params["n_neighbors"] == 7 and params["n_jobs"] == 1
    assert isinstance(nn, BaseNeighbors)
    fitted = nn.fit(tie_free_X)
    copy = clone(fitted)
    assert type(copy) is type(nn)
    assert copy.get_params() == params
    with pytest.raises(NotFittedError):
        copy.kneighbors()
    copy.set_params(n_neighbors=2)
    assert copy.fit(tie_free_X).kneighbors()[1].shape == (tie_free_X.shape[0], 2)
    assert "n_neighbors=7" in repr(nn)


def test_default_n_neighbors_is_five(backend, tie_free_X):
    assert backend().n_neighbors == 5
    assert backend().fit(tie_free_X).kneighbors()[1].shape == (tie_free_X.shape[0], 5)


def test_pickle_round_trip(backend, tie_free_X):
    nn = backend(n_neighbors=3).fit(tie_free_X)
    copy = pickle.loads(pickle.dumps(nn))
    assert np.array_equal(copy.kneighbors()[1], nn.kneighbors()[1])
    assert np.array_equal(copy.kneighbors(tie_free_X[:5])[0], nn.kneighbors(tie_free_X[:5])[0])


def test_is_exact(backend):
    assert backend().is_exact is True
    assert is_exact(backend())


def test_is_exact_of_foreign_objects():
    assert is_exact(NearestNeighbors())

    class Approximate:
        def kneighbors(self, X=None):  # pragma: no cover - never called
            raise NotImplementedError

    assert not is_exact(Approximate())


# -- plugging into imbalanced-learn ---------------------------------------------


@pytest.mark.parametrize("name", ["binary", "multiclass", "breast_cancer", "wine"])
def test_plugs_into_imblearn_smote(backend, load_dataset, name):
    X, y = load_dataset(name)
    expected = ImbSMOTE(random_state=0).fit_resample(X, y)
    got = ImbSMOTE(k_neighbors=backend(6), random_state=0).fit_resample(X, y)
    assert np.array_equal(got[0], expected[0])
    assert np.array_equal(got[1], expected[1])


def test_plugs_into_other_imblearn_samplers(backend, load_dataset):
    X, y = load_dataset("binary")
    for make in (
        lambda nn: ADASYN(n_neighbors=nn, random_state=0),
        lambda nn: BorderlineSMOTE(k_neighbors=nn, m_neighbors=clone(nn), random_state=0),
        lambda nn: EditedNearestNeighbours(n_neighbors=nn),
    ):
        expected = make(NearestNeighbors(n_neighbors=6)).fit_resample(X, y)
        got = make(backend(6)).fit_resample(X, y)
        assert np.array_equal(got[0], expected[0])
        assert np.array_equal(got[1], expected[1])


# -- auto choice and make_backend ----------------------------------------------------


def test_choose_exact_rule():
    assert choose_exact(KDTREE_MIN_SAMPLES, KDTREE_MAX_FEATURES) == "kdtree"
    assert choose_exact(KDTREE_MIN_SAMPLES - 1, KDTREE_MAX_FEATURES) == "brute"
    assert choose_exact(KDTREE_MIN_SAMPLES, KDTREE_MAX_FEATURES + 1) == "brute"
    assert choose_exact(10, 2) == "brute"
    assert choose_exact(10**6, 1) == "kdtree"


def test_auto_sets_chosen_small_data(tie_free_X):
    nn = AutoNeighbors(n_neighbors=3)
    assert not hasattr(nn, "chosen_")
    nn.fit(tie_free_X)
    assert nn.chosen_ == "brute"
    assert np.array_equal(
        nn.kneighbors()[1], BruteForceNeighbors(3).fit(tie_free_X).kneighbors()[1]
    )


def test_auto_sets_chosen_kdtree():
    rng = np.random.RandomState(3)
    X = np.round(rng.normal(size=(KDTREE_MIN_SAMPLES, 3)), 1)  # ties too
    nn = AutoNeighbors(n_neighbors=4).fit(X)
    assert nn.chosen_ == "kdtree"
    brute = BruteForceNeighbors(4).fit(X)
    assert np.array_equal(nn.kneighbors()[1], brute.kneighbors()[1])
    assert np.array_equal(nn.kneighbors(X[:100])[1], brute.kneighbors(X[:100])[1])
    # Refitting on wide data switches to brute force.
    nn.fit(rng.normal(size=(50, KDTREE_MAX_FEATURES + 1)))
    assert nn.chosen_ == "brute"


def test_make_backend_names():
    brute = make_backend("brute", 6, n_jobs=1)
    assert type(brute) is BruteForceNeighbors
    assert brute.get_params() == {"n_neighbors": 6, "n_jobs": 1}
    auto = make_backend("auto", 3)
    assert type(auto) is AutoNeighbors and auto.n_neighbors == 3


def test_make_backend_kdtree():
    nn = make_backend("kdtree", 4, n_jobs=2)
    assert type(nn) is KDTreeNeighbors
    assert nn.n_neighbors == 4 and nn.n_jobs == 2


@pytest.mark.parametrize("name", ["Brute", "kd_tree", "ball_tree", "", "exact"])
def test_make_backend_unknown_name(name):
    with pytest.raises(ValueError, match=r"is not a backend; use one of"):
        make_backend(name, 5)


def test_make_backend_clones_objects(tie_free_X):
    template = NearestNeighbors(n_neighbors=2, algorithm="brute")
    nn = make_backend(template, 6)
    assert nn is not template
    assert nn.n_neighbors == 6 and nn.algorithm == "brute"
    assert template.n_neighbors == 2
    fitted = BruteForceNeighbors(3).fit(tie_free_X)
    nn = make_backend(fitted, 4)
    assert type(nn) is BruteForceNeighbors and nn.n_neighbors == 4
    assert not hasattr(nn, "n_samples_fit_")


# -- property: any data, any backend, the naive answer -------------------------------


@st.composite
def _neighbour_problems(draw):
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    n = draw(st.integers(2, 60))
    d = draw(st.integers(1, 6))
    width = 32 if dtype == np.float32 else 64
    scale = draw(st.sampled_from([1.0, 1e-6, 1e6, 1e15]))
    elements = st.one_of(
        st.floats(-1.0, 1.0, width=width),
        st.sampled_from([0.0, 1.0, -1.0, 0.5]),  # duplicates and ties
    )
    X = draw(hnp.arrays(np.float64, (n, d), elements=elements)) * scale
    X = X.astype(dtype)
    k = draw(st.integers(1, n - 1))
    n_queries = draw(st.integers(1, 10))
    Q = draw(hnp.arrays(np.float64, (n_queries, d), elements=elements)) * scale
    return X, Q.astype(dtype), k


@pytest.mark.parametrize("name", EXACT_BACKEND_NAMES)
@settings(
    max_examples=int(os.environ.get("FASTSMOTE_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(problem=_neighbour_problems())
def test_any_data_matches_naive(name, problem):
    X, Q, k = problem
    nn = BACKEND_CLASSES[name](n_neighbors=k).fit(X)
    dist, ind = nn.kneighbors()
    ref_dist, ref_ind = naive_kneighbors_by_index(X, k)
    assert np.array_equal(ind, ref_ind)
    assert np.array_equal(dist, ref_dist)
    dist, ind = nn.kneighbors(Q, n_neighbors=k + 1)
    ref_dist, ref_ind = naive_kneighbors(Q, X, k + 1)
    assert np.array_equal(ind, ref_ind)
    assert np.array_equal(dist, ref_dist)


def test_auto_skips_the_tree_for_a_few_queries_unless_columns_are_unscaled():
    from fastsmote.neighbors import AutoNeighbors

    rng = np.random.RandomState(0)
    X = rng.randn(10_000, 5)
    nn = AutoNeighbors(3).fit(X)
    assert nn.chosen_ == "kdtree"
    nn.expect_queries(100)  # 500 query values: brute force answers before a build
    assert nn.chosen_ == "brute"
    np.testing.assert_array_equal(
        nn.kneighbors_of_rows(np.arange(100), 3)[1],
        AutoNeighbors(3).fit(X).kneighbors(None, 3)[1][:100],
    )
    many = AutoNeighbors(3).fit(X)
    many.expect_queries(10_000)  # 50,000 query values
    assert many.chosen_ == "kdtree"
    X_raw = X.copy()
    X_raw[:, 0] *= 1e6  # brute force's float32 screening fails here: keep the tree
    raw = AutoNeighbors(3).fit(X_raw)
    raw.expect_queries(10)
    assert raw.chosen_ == "kdtree"
    built = AutoNeighbors(3).fit(X)
    built.kneighbors(X[:2])
    built.expect_queries(1)
    assert built.chosen_ == "kdtree"
