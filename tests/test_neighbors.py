"""The neighbour-backend contract: scikit-learn's errors, neighbours and graphs.

Every fastsmote backend is checked against scikit-learn's ``NearestNeighbors``:
the same exception class for the same mistake, the same neighbours and graphs
on data without ties. The estimator API, plugging into imbalanced-learn and
the choice of backend are in test_neighbors_api.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from naive import naive_kneighbors, naive_kneighbors_by_index
from scipy import sparse
from sklearn.exceptions import NotFittedError
from sklearn.neighbors import NearestNeighbors

# -- errors: the same class as scikit-learn, with a message worth reading ------------


def _both_raise(backend, action, error, match):
    """``action(estimator)`` raises ``error`` for scikit-learn and for ``backend``."""
    with pytest.raises(error):
        action(NearestNeighbors)
    with pytest.raises(error, match=match):
        action(backend)


@pytest.mark.parametrize(
    "action, error, match",
    [
        pytest.param(
            lambda cls, X: cls(n_neighbors=3).fit(X[:5]).kneighbors(X, n_neighbors=6),
            ValueError,
            r"n_neighbors <= n_samples_fit.*n_neighbors = 6, n_samples_fit = 5",
            id="too-many-with-X",
        ),
        pytest.param(
            lambda cls, X: cls(n_neighbors=3).fit(X[:5]).kneighbors(None, n_neighbors=5),
            ValueError,
            r"n_neighbors < n_samples_fit.*n_neighbors = 5, n_samples_fit = 5",
            id="too-many-X-None",
        ),
        pytest.param(
            lambda cls, X: cls(n_neighbors=5).fit(X[:5]).kneighbors(),
            ValueError,
            r"n_neighbors < n_samples_fit",
            id="default-too-many-X-None",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X).kneighbors(X, n_neighbors=0),
            ValueError,
            r"Expected n_neighbors > 0\. Got 0",
            id="zero",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X).kneighbors(X, n_neighbors=-2),
            ValueError,
            r"Expected n_neighbors > 0\. Got -2",
            id="negative",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X).kneighbors(X, n_neighbors=2.5),
            TypeError,
            r"n_neighbors does not take <class 'float'> value, enter integer value",
            id="float",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X).kneighbors(None, n_neighbors=np.float64(3.0)),
            TypeError,
            r"enter integer value",
            id="numpy-float",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X).kneighbors(X[:, :3]),
            ValueError,
            r"X has 3 features, but \w+ is expecting 4 features as input",
            id="feature-mismatch",
        ),
        pytest.param(
            lambda cls, X: cls().kneighbors(X),
            NotFittedError,
            r"not fitted",
            id="unfitted-kneighbors",
        ),
        pytest.param(
            lambda cls, X: cls().kneighbors(),
            NotFittedError,
            r"not fitted",
            id="unfitted-kneighbors-None",
        ),
        pytest.param(
            lambda cls, X: cls().kneighbors_graph(X),
            NotFittedError,
            r"not fitted",
            id="unfitted-graph",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X).kneighbors_graph(X, mode="weights"),
            ValueError,
            r'Unsupported mode, must be one of "connectivity", or "distance"',
            id="graph-mode",
        ),
        pytest.param(
            lambda cls, X: cls().fit(np.where(X > 1.5, np.nan, X)),
            ValueError,
            r"NaN",
            id="nan-fit",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X).kneighbors(np.where(X > 1.5, np.inf, X)),
            ValueError,
            r"infinity",
            id="inf-query",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X[:, 0]),
            ValueError,
            r"Expected 2D array",
            id="1d-fit",
        ),
        pytest.param(
            lambda cls, X: cls().fit(X[:0]),
            ValueError,
            r"0 sample",
            id="empty-fit",
        ),
    ],
)
def test_errors_match_scikit_learn(backend, tie_free_X, action, error, match):
    _both_raise(backend, lambda cls: action(cls, tie_free_X), error, match)


@pytest.mark.parametrize("n_neighbors", [-1.0, 0.0])
def test_non_positive_float_n_neighbors(backend, tie_free_X, n_neighbors):
    _both_raise(
        backend,
        lambda cls: cls().fit(tie_free_X).kneighbors(tie_free_X, n_neighbors=n_neighbors),
        ValueError,
        "n_neighbors > 0",
    )


def test_constructor_float_n_neighbors_rejected(backend, tie_free_X):
    with pytest.raises((TypeError, ValueError)):
        NearestNeighbors(n_neighbors=2.5).fit(tie_free_X).kneighbors()
    with pytest.raises((TypeError, ValueError), match="n_neighbors"):
        backend(n_neighbors=2.5).fit(tie_free_X).kneighbors()


@pytest.mark.parametrize("n_neighbors", [0, -1])
def test_constructor_non_positive_n_neighbors_rejected(backend, tie_free_X, n_neighbors):
    # Both refuse in fit, with scikit-learn's parameter validation.
    with pytest.raises(ValueError):
        NearestNeighbors(n_neighbors=n_neighbors).fit(tie_free_X).kneighbors()
    with pytest.raises(ValueError, match=r"must be an int in the range \[1, inf\)"):
        backend(n_neighbors=n_neighbors).fit(tie_free_X).kneighbors()


def test_sparse_input_is_refused_with_advice(backend, tie_free_X):
    X = sparse.csr_matrix(tie_free_X)
    with pytest.raises(TypeError, match="dense"):
        backend().fit(X)
    nn = backend().fit(tie_free_X)
    with pytest.raises(TypeError, match="dense"):
        nn.kneighbors(X)


# -- results: scikit-learn's on tie-free data, the naive reference always ----------


@pytest.mark.parametrize("n_neighbors", [1, 5, 119])
def test_kneighbors_equals_scikit_learn(backend, tie_free_X, n_neighbors):
    X = tie_free_X
    ours = backend(n_neighbors=n_neighbors).fit(X)
    theirs = NearestNeighbors(n_neighbors=n_neighbors).fit(X)
    for Q in (None, X[:30], X[:30] + 0.01):
        dist, ind = ours.kneighbors(Q)
        ref_dist, ref_ind = theirs.kneighbors(Q)
        assert np.array_equal(ind, ref_ind)
        # scikit-learn's brute search (its pick for n_neighbors=119) expands
        # |x|^2 - 2 x.y + |y|^2, so a row's distance to itself is the square
        # root of a few rounding errors of |x|^2 (up to ~1e-7 here, by the BLAS
        # kernel of the machine), where fastsmote reports 0.
        np.testing.assert_allclose(dist, ref_dist, rtol=1e-12, atol=1e-6)
        assert np.array_equal(ours.kneighbors(Q, return_distance=False), ref_ind)


@pytest.mark.parametrize("mode", ["connectivity", "distance"])
@pytest.mark.parametrize("n_neighbors", [None, 1, 7])
@pytest.mark.parametrize("query", ["none", "train", "other"])
def test_kneighbors_graph_equals_scikit_learn(backend, tie_free_X, mode, n_neighbors, query):
    X = tie_free_X
    Q = {"none": None, "train": X, "other": X[:17] * 1.5}[query]
    ours = backend(n_neighbors=4).fit(X).kneighbors_graph(Q, n_neighbors, mode=mode)
    theirs = NearestNeighbors(n_neighbors=4).fit(X).kneighbors_graph(Q, n_neighbors, mode=mode)
    assert sparse.issparse(ours) and ours.format == "csr"
    assert ours.shape == theirs.shape
    ours.sort_indices()
    theirs.sort_indices()
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    if mode == "connectivity":
        assert np.array_equal(ours.data, theirs.data)
    else:
        np.testing.assert_allclose(ours.data, theirs.data, rtol=1e-12, atol=1e-12)


def test_kneighbors_graph_default_mode_is_connectivity(backend, tie_free_X):
    graph = backend(n_neighbors=3).fit(tie_free_X).kneighbors_graph()
    assert np.array_equal(graph.sum(axis=1).A1, np.full(tie_free_X.shape[0], 3.0))
    assert graph.diagonal().sum() == 0  # X=None: nobody is their own neighbour


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_duplicates_excluded_by_index(backend, dtype):
    """Duplicates of a row are its neighbours at distance 0; the row itself never is."""
    rng = np.random.RandomState(1)
    base = rng.normal(size=(30, 3))
    X = base[rng.permutation(np.repeat(np.arange(30), 2))].astype(dtype)
    dist, ind = backend(n_neighbors=3).fit(X).kneighbors()
    ref_dist, ref_ind = naive_kneighbors_by_index(X, 3)
    assert np.array_equal(ind, ref_ind)
    assert np.array_equal(dist, ref_dist)
    assert not np.any(ind == np.arange(X.shape[0])[:, None])
    assert np.all(dist[:, 0] == 0.0)


def test_grid_ties_to_the_smaller_index(backend):
    X = np.random.RandomState(2).randint(0, 3, size=(150, 2)).astype(np.float64)
    nn = backend(n_neighbors=6).fit(X)
    assert np.array_equal(nn.kneighbors()[1], naive_kneighbors_by_index(X, 6)[1])
    assert np.array_equal(nn.kneighbors(X[:40])[1], naive_kneighbors(X[:40], X, 6)[1])


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_values_beyond_float32_range(backend):
    """Finite float64 data whose squares overflow float32 (|x| ~ 2e19)."""
    X = np.concatenate([-2e19 + 2e15 * np.arange(10), 2e19 + 2e15 * np.arange(10)])[:, None]
    nn = backend(n_neighbors=2).fit(X)
    assert np.array_equal(nn.kneighbors()[1], naive_kneighbors_by_index(X, 2)[1])
    assert np.array_equal(nn.kneighbors(X)[1], naive_kneighbors(X, X, 2)[1])


#: Magnitudes at which brute force's explicit-query path raises OverflowError
#: (float64 only): the power-of-two scale is finite but its square is not.
_SCALE_SQUARE_OVERFLOWS = (1e-300, 1e-250, 1e-200, 1e-160)


_SCALES = [1e-320, 1e-310, *_SCALE_SQUARE_OVERFLOWS, 1e-150, 1e-20, 1e20, 1e150, 1e300]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize(
    "scale, dtype",
    [(s, np.float64) for s in _SCALES] + [(s, np.float32) for s in _SCALES if s < 1e30],
)
def test_extreme_magnitudes(backend, scale, dtype):
    """Finite data of any magnitude (squared distances may underflow or overflow
    float64; float32 screening needs scaling): the naive answer, both paths."""
    X = (np.random.RandomState(0).normal(size=(40, 3)) * scale).astype(dtype)
    nn = backend(n_neighbors=3).fit(X)
    dist, ind = nn.kneighbors(X[:10])
    ref_dist, ref_ind = naive_kneighbors(X[:10], X, 3)
    assert np.array_equal(ind, ref_ind) and np.array_equal(dist, ref_dist)
    dist, ind = nn.kneighbors()
    ref_dist, ref_ind = naive_kneighbors_by_index(X, 3)
    assert np.array_equal(ind, ref_ind) and np.array_equal(dist, ref_dist)


def test_input_types(backend, tie_free_X):
    """Lists, integers, float32 and non-contiguous arrays are accepted."""
    X = tie_free_X[:40]
    expected = naive_kneighbors(X, X, 3)[1]
    nn = backend(n_neighbors=3)
    assert np.array_equal(nn.fit(X.tolist()).kneighbors(X.tolist())[1], expected)
    assert np.array_equal(nn.fit(np.asfortranarray(X)).kneighbors(X[::1])[1], expected)
    X_int = np.round(X * 1000).astype(np.int64)
    assert np.array_equal(nn.fit(X_int).kneighbors(X_int)[1], naive_kneighbors(X_int, X_int, 3)[1])
    X32 = X.astype(np.float32)
    # A float64 query on float32 training data (and the reverse) still works.
    assert nn.fit(X32).kneighbors(X)[1].shape == (40, 3)
    assert nn.fit(X).kneighbors(X32)[1].shape == (40, 3)


def test_output_types(backend, tie_free_X):
    nn = backend(n_neighbors=2).fit(tie_free_X)
    assert nn.n_samples_fit_ == tie_free_X.shape[0]
    assert nn.n_features_in_ == tie_free_X.shape[1]
    dist, ind = nn.kneighbors(tie_free_X[:3])
    assert dist.dtype == np.float64 and ind.dtype == np.int64
    assert dist.shape == ind.shape == (3, 2)
    assert np.all(np.diff(dist, axis=1) >= 0)


def test_single_training_point(backend):
    nn = backend(n_neighbors=1).fit([[1.0, 2.0]])
    dist, ind = nn.kneighbors([[0.0, 2.0], [1.0, 2.0]])
    assert ind.tolist() == [[0], [0]]
    assert dist.tolist() == [[1.0], [0.0]]
    with pytest.raises(ValueError, match="n_neighbors < n_samples_fit"):
        nn.kneighbors()


def test_refit_forgets_the_previous_data(backend, tie_free_X):
    nn = backend(n_neighbors=2).fit(tie_free_X)
    nn.fit(tie_free_X[:10, :2])
    assert nn.n_samples_fit_ == 10 and nn.n_features_in_ == 2
    assert np.array_equal(nn.kneighbors()[1], naive_kneighbors_by_index(tie_free_X[:10, :2], 2)[1])


def test_fit_returns_self_and_keeps_input(backend, tie_free_X):
    X = tie_free_X.copy()
    nn = backend()
    assert nn.fit(X) is nn
    nn.kneighbors()
    assert np.array_equal(X, tie_free_X)
