"""The approximate backend (``nn_backend="nndescent"``): tested by recall against
exact search, repeatability, thread restoration and reporting, not by equality.

The only test module that imports pynndescent, whose first index costs 20-40 s
of compilation in a fresh process without Numba's cache: deselect it with
``pytest -m "not nndescent"``.
"""

from __future__ import annotations

import numba
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification

import fastsmote
from fastsmote import SMOTE
from fastsmote.neighbors import BruteForceNeighbors, NNDescentNeighbors, is_exact, make_backend

pytest.importorskip("pynndescent")
pytestmark = pytest.mark.nndescent

MAX_THREADS = numba.config.NUMBA_NUM_THREADS


@pytest.fixture(autouse=True)
def restore_numba_threads():
    numba.set_num_threads(MAX_THREADS)
    yield
    numba.set_num_threads(MAX_THREADS)


@pytest.fixture(scope="module")
def data():
    """1,500 x 8, two classes (minority 300): above no exact-search threshold
    once ``exact_max_samples=0``."""
    X, y = make_classification(
        n_samples=1500, n_features=8, n_informative=6, weights=[0.8], flip_y=0, random_state=0
    )
    return X, y


def recall(approx_ind, exact_ind) -> float:
    """Share of the exact neighbours the approximate lists contain."""
    hits = sum(len(set(a) & set(e)) for a, e in zip(approx_ind, exact_ind, strict=True))
    return hits / exact_ind.size


def approx(**kwargs):
    return NNDescentNeighbors(random_state=0, exact_max_samples=0, **kwargs)


# -- the backend ----------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_recall_against_exact(data, dtype):
    X = data[0].astype(dtype)
    exact = BruteForceNeighbors(5).fit(X)
    nn = approx(n_neighbors=5).fit(X)
    assert nn.index_ is not None  # NN-Descent ran, not the exact fallback
    dist, ind = nn.kneighbors()
    exact_dist, exact_ind = exact.kneighbors()
    assert recall(ind, exact_ind) >= 0.9
    # Each list is sorted by exact distance and never holds the row itself.
    assert np.all(np.diff(dist, axis=1) >= 0)
    assert not np.any(ind == np.arange(len(X))[:, None])
    # Where the neighbours are right, so are the distances (exact re-ranking).
    same = (ind == exact_ind).all(axis=1)
    np.testing.assert_array_equal(dist[same], exact_dist[same])
    rows = np.array([3, 700, 1499])
    np.testing.assert_array_equal(nn.kneighbors_of_rows(rows, 3)[1], ind[rows, :3])


def exact_lists(approx_ind, exact_ind) -> float:
    """Share of rows whose whole neighbour list is the exact one (in any order)."""
    return np.mean([set(a) == set(e) for a, e in zip(approx_ind, exact_ind, strict=True)])


@pytest.mark.parametrize(
    "transform",
    [lambda Z: Z, lambda Z: 1e8 + Z, lambda Z: 1e-25 * Z, lambda Z: 1e38 * Z],
    ids=["randn", "offset-1e8", "scale-1e-25", "scale-1e38"],
)
def test_recall_on_offset_tiny_and_huge_data(transform):
    # pynndescent works in float32: shifted data lost every difference in the
    # cast (0 % exact lists at 1e8), tiny data's squared distances underflowed
    # (0 % at 1e-25) and 1e38 did not fit. The search now runs on centred data
    # scaled by a power of two; measured: 0.999 exact lists on all four, for
    # fitted rows, and 0.95 for new query points, as on plain randn.
    Z = np.random.RandomState(0).randn(3000, 4)
    X, Q = transform(Z[:2500]), transform(Z[2500:])
    exact = BruteForceNeighbors(5).fit(X)
    nn = approx(n_neighbors=5).fit(X)
    assert nn.index_ is not None
    assert exact_lists(nn.kneighbors(return_distance=False), exact.kneighbors()[1]) >= 0.98
    new_ind = nn.kneighbors(Q, return_distance=False)
    assert exact_lists(new_ind, exact.kneighbors(Q)[1]) >= 0.9


def test_single_nearest_neighbour_recall_with_margin(data):
    """Tomek links depend on the first neighbour only: the margin pays for it."""
    X = data[0]
    exact_first = BruteForceNeighbors(1).fit(X).kneighbors(return_distance=False)
    first = approx(n_neighbors=1, margin=4).fit(X).kneighbors(return_distance=False)
    assert np.mean(first == exact_first) >= 0.97


def test_same_random_state_same_neighbours(data):
    X = data[0]
    a = approx(n_neighbors=4).fit(X).kneighbors(return_distance=False)
    b = approx(n_neighbors=4).fit(X).kneighbors(return_distance=False)
    np.testing.assert_array_equal(a, b)


def test_random_state_instance_is_not_advanced(data):
    rng = np.random.RandomState(3)
    before = rng.get_state()[1].copy()
    NNDescentNeighbors(3, random_state=rng, exact_max_samples=0).fit(data[0])
    np.testing.assert_array_equal(rng.get_state()[1], before)


def test_small_data_is_searched_exactly(data):
    X = data[0][:200]
    nn = NNDescentNeighbors(4).fit(X)  # 200 rows <= exact_max_samples
    assert nn.index_ is None
    np.testing.assert_array_equal(
        nn.kneighbors(return_distance=False),
        BruteForceNeighbors(4).fit(X).kneighbors(return_distance=False),
    )


@pytest.mark.parametrize("key", ["n_neighbors", "random_state", "n_jobs", "compressed"])
def test_reserved_parameters_are_refused(data, key):
    with pytest.raises(ValueError, match=key):
        approx(nndescent_params={key: 1}).fit(data[0])


def test_other_metrics_are_refused(data):
    with pytest.raises(ValueError, match="Euclidean"):
        approx(nndescent_params={"metric": "cosine"}).fit(data[0])


@pytest.mark.parametrize("n_jobs", [None, 1, 2, -1])
def test_thread_count_restored(data, n_jobs):
    numba.set_num_threads(1)
    nn = approx(n_neighbors=3, n_jobs=n_jobs).fit(data[0])
    assert numba.get_num_threads() == 1
    nn.kneighbors()
    nn.kneighbors(data[0][:10])  # pynndescent's own search
    assert numba.get_num_threads() == 1


def test_thread_count_restored_after_an_error(data):
    numba.set_num_threads(1)
    with pytest.raises(TypeError):
        approx(nndescent_params={"no_such_parameter": 1}).fit(data[0])
    assert numba.get_num_threads() == 1


# -- through the samplers ------------------------------------------------------------


def test_make_backend_passes_random_state_and_clones_objects():
    built = make_backend("nndescent", 6, None, random_state=7)
    assert built.random_state == 7 and not is_exact(built)
    given = NNDescentNeighbors(2, random_state=1, margin=1, nndescent_params={"n_trees": 3})
    made = make_backend(given, 6, random_state=7)
    assert made is not given and made.n_neighbors == 6
    assert made.get_params() == {**given.get_params(), "n_neighbors": 6}


def test_sampler_reports_approximate_and_repeats(data):
    X, y = data
    backend = approx(nndescent_params={"n_trees": 4})
    runs = []
    for _ in range(2):
        sampler = SMOTE(random_state=0, nn_backend=backend)
        runs.append(sampler.fit_resample(X, y))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    assert sampler.nn_k_.nndescent_params == {"n_trees": 4}
    assert sampler.nn_search_.exact is False
    assert sampler.nn_search_.backends == ("nndescent",)
    exact = SMOTE(random_state=0)
    exact.fit_resample(X, y)
    assert exact.nn_search_.exact is True


def test_sampler_gives_its_random_state_to_nndescent(data):
    X, y = data
    sampler = SMOTE(random_state=5, nn_backend="nndescent")
    sampler.fit_resample(X, y)
    assert sampler.nn_k_.random_state == 5
    # 300 minority rows are below exact_max_samples: approx() forces NN-Descent.
    a = SMOTE(random_state=5, nn_backend=approx()).fit_resample(X, y)[0]
    b = SMOTE(random_state=5, nn_backend=approx()).fit_resample(X, y)[0]
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "name", ["SMOTETomek", "SMOTEENN", "TomekLinks", "EditedNearestNeighbours"]
)
def test_cleaning_samplers_report_approximate(data, name):
    cls = getattr(fastsmote, name)
    X, y = data
    kwargs = {"random_state": 0} if "SMOTE" in name else {}
    sampler = cls(nn_backend=approx(), **kwargs)
    X_res, _ = sampler.fit_resample(X, y)
    assert not sampler.nn_search_.exact
    assert set(sampler.nn_search_.backends) == {"nndescent"}
    again = clone(sampler).fit_resample(X, y)[0]
    np.testing.assert_array_equal(X_res, again)
