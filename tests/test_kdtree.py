"""KD-tree backend: exact equality with the naive reference, ties, threads, API."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from naive import naive_kneighbors
from scipy import sparse
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.neighbors import NearestNeighbors

import fastsmote.neighbors.kdtree as kdtree_module
from fastsmote._kernels.kdtree import build_kdtree, kdtree_levels
from fastsmote.neighbors.kdtree import KDTreeNeighbors


def assert_same_neighbors(nn, Q, R, k, exclude_self):
    """``nn`` (fitted on R) returns exactly the naive answer."""
    dist, ind = nn.kneighbors(None if exclude_self else Q, n_neighbors=k)
    ref_dist, ref_ind = naive_kneighbors(Q, R, k, exclude_self)
    assert ind.dtype == np.int64 and dist.dtype == np.float64
    assert ind.shape == dist.shape == (Q.shape[0], k)
    np.testing.assert_array_equal(ind, ref_ind)
    # Same summation order as the naive reference: the distances are bit-identical.
    np.testing.assert_array_equal(dist, ref_dist)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n_features", [2, 3, 8])
@pytest.mark.parametrize("exclude_self", [True, False])
@pytest.mark.parametrize("leaf_size", [1, 5, 40])
def test_random_data_matches_naive(dtype, n_features, exclude_self, leaf_size):
    rng = np.random.RandomState(n_features)
    X = rng.normal(size=(257, n_features)).astype(dtype)
    nn = KDTreeNeighbors(leaf_size=leaf_size).fit(X)
    for k in (1, 6):
        assert_same_neighbors(nn, X, X, k, exclude_self)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("exclude_self", [True, False])
def test_k_all_points(dtype, exclude_self):
    rng = np.random.RandomState(1)
    X = rng.uniform(-1, 1, size=(60, 3)).astype(dtype)
    k = X.shape[0] - 1 if exclude_self else X.shape[0]
    assert_same_neighbors(KDTreeNeighbors(leaf_size=4).fit(X), X, X, k, exclude_self)


@pytest.mark.parametrize("exclude_self", [True, False])
@pytest.mark.parametrize("leaf_size", [1, 3, 40])
def test_duplicate_rows(exclude_self, leaf_size):
    # Each row appears three times at scattered indices: duplicates of row i are
    # neighbours at distance 0, but row i itself is excluded by index.
    rng = np.random.RandomState(2)
    base = rng.normal(size=(40, 3))
    X = base[rng.permutation(np.repeat(np.arange(40), 3))]
    nn = KDTreeNeighbors(leaf_size=leaf_size).fit(X)
    for k in (1, 2, 5, X.shape[0] - 1):
        assert_same_neighbors(nn, X, X, k, exclude_self)
    if exclude_self:
        dist, ind = nn.kneighbors(n_neighbors=2)
        assert not np.any(ind == np.arange(X.shape[0])[:, None])
        np.testing.assert_array_equal(dist, 0.0)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n_features", [2, 3])
def test_integer_grid_ties(dtype, n_features):
    # Few distinct values: most distances are tied, the smaller index must win.
    rng = np.random.RandomState(3)
    X = rng.randint(0, 4, size=(300, n_features)).astype(dtype)
    nn = KDTreeNeighbors(leaf_size=8).fit(X)
    for exclude_self in (True, False):
        for k in (1, 7, 60):
            assert_same_neighbors(nn, X, X, k, exclude_self)


def test_all_rows_identical():
    X = np.ones((500, 4))
    dist, ind = KDTreeNeighbors(3, leaf_size=2).fit(X).kneighbors()
    expected = np.array([[j for j in range(4) if j != i][:3] for i in range(500)])
    np.testing.assert_array_equal(ind, expected)
    np.testing.assert_array_equal(dist, 0.0)


def test_separate_queries():
    rng = np.random.RandomState(4)
    X = rng.normal(size=(200, 3))
    # Queries inside, on and far outside the training range, and a training point.
    Q = np.vstack([rng.normal(size=(50, 3)), 10 * rng.normal(size=(20, 3)), X[:5]])
    nn = KDTreeNeighbors(leaf_size=10).fit(X)
    for k in (1, 4, 200):
        assert_same_neighbors(nn, Q, X, k, exclude_self=False)


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_overflowing_distances():
    # Squared distances overflow to inf: every candidate ties at inf and the
    # list must still be filled, by index.
    X = np.array([[-1e200, 0.0], [1e200, 0.0], [0.0, 1e200], [0.0, -1e200], [1e200, 1e200]])
    nn = KDTreeNeighbors(leaf_size=1).fit(X)
    assert_same_neighbors(nn, X, X, 5, exclude_self=False)


def test_single_point():
    X = np.array([[1.0, 2.0]])
    dist, ind = KDTreeNeighbors(1).fit(X).kneighbors([[0.0, 2.0]])
    np.testing.assert_array_equal(ind, [[0]])
    np.testing.assert_array_equal(dist, [[1.0]])


def test_matches_scikit_learn_without_ties():
    rng = np.random.RandomState(5)
    X = rng.normal(size=(400, 5))
    ours = KDTreeNeighbors(6).fit(X)
    theirs = NearestNeighbors(n_neighbors=6).fit(X)
    for Q in (None, X[:50]):
        dist, ind = ours.kneighbors(Q)
        ref_dist, ref_ind = theirs.kneighbors(Q)
        np.testing.assert_array_equal(ind, ref_ind)
        np.testing.assert_allclose(dist, ref_dist, rtol=1e-12, atol=1e-12)
    for mode in ("connectivity", "distance"):
        graph = ours.kneighbors_graph(mode=mode)
        ref = theirs.kneighbors_graph(mode=mode)
        np.testing.assert_allclose(graph.toarray(), ref.toarray(), rtol=1e-12, atol=1e-12)


def test_thread_count_does_not_change_output():
    rng = np.random.RandomState(6)
    X = np.round(rng.normal(size=(3000, 3)), 1)  # rounded: many ties
    one = KDTreeNeighbors(8, n_jobs=1).fit(X).kneighbors()
    two = KDTreeNeighbors(8, n_jobs=2).fit(X).kneighbors()
    np.testing.assert_array_equal(one[0], two[0])
    np.testing.assert_array_equal(one[1], two[1])


def test_build_invariants():
    rng = np.random.RandomState(7)
    X = rng.normal(size=(1000, 3)).astype(np.float32)
    leaf_size = 7
    idx, node_start, node_end, node_bounds, node_min_ind, X_tree = build_kdtree(X, leaf_size)
    np.testing.assert_array_equal(np.sort(idx), np.arange(X.shape[0]))
    np.testing.assert_array_equal(X_tree, X[idx])
    n_levels = kdtree_levels(X.shape[0], leaf_size)
    assert node_start.shape[0] == 2**n_levels - 1
    first_leaf = node_start.shape[0] // 2
    assert np.all(node_end[first_leaf:] - node_start[first_leaf:] <= leaf_size)
    for node in range(node_start.shape[0]):
        points = X[idx[node_start[node] : node_end[node]]].astype(np.float64)
        np.testing.assert_array_equal(node_bounds[node, 0], points.min(axis=0))
        np.testing.assert_array_equal(node_bounds[node, 1], points.max(axis=0))
        assert node_min_ind[node] == idx[node_start[node] : node_end[node]].min()
        if node < first_leaf:
            # Children split the parent's range at its middle.
            left = 2 * node + 1
            assert node_start[left] == node_start[node]
            assert node_end[left] == node_start[left + 1]
            assert node_end[left + 1] == node_end[node]
            assert (
                abs((node_end[left] - node_start[left]) - (node_end[left + 1] - node_end[left]))
                <= 1
            )


def test_build_on_sorted_and_constant_columns():
    # Presorted keys and constant features must still give balanced, correct trees.
    X = np.column_stack([np.arange(2000.0), np.zeros(2000), np.arange(2000.0)[::-1] % 7])
    nn = KDTreeNeighbors(leaf_size=3).fit(X)
    assert_same_neighbors(nn, X, X, 4, exclude_self=True)


def test_clone_and_params():
    nn = KDTreeNeighbors(7, leaf_size=13, n_jobs=1)
    assert nn.get_params() == {"n_neighbors": 7, "leaf_size": 13, "n_jobs": 1}
    copy = clone(nn)
    assert copy.get_params() == nn.get_params()
    # Invalid values are stored as given and rejected by fit, as scikit-learn does.
    assert KDTreeNeighbors(leaf_size=0).leaf_size == 0


@pytest.mark.parametrize(
    "leaf_size, error", [(0, ValueError), (-3, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_invalid_leaf_size(leaf_size, error):
    with pytest.raises(error, match="leaf_size"):
        KDTreeNeighbors(leaf_size=leaf_size).fit(np.zeros((5, 2)))


def test_errors_come_from_base_class():
    X = np.random.RandomState(8).normal(size=(10, 2))
    with pytest.raises(NotFittedError):
        KDTreeNeighbors().kneighbors(X)
    nn = KDTreeNeighbors().fit(X)
    with pytest.raises(ValueError, match="n_neighbors < n_samples_fit"):
        nn.kneighbors(n_neighbors=10)
    with pytest.raises(ValueError, match="n_neighbors <= n_samples_fit"):
        nn.kneighbors(X, n_neighbors=11)
    with pytest.raises(ValueError, match="Expected n_neighbors > 0"):
        nn.kneighbors(X, n_neighbors=0)
    with pytest.raises(TypeError, match="n_neighbors"):
        nn.kneighbors(X, n_neighbors=2.0)
    with pytest.raises(ValueError, match="features"):
        nn.kneighbors(np.zeros((3, 5)))
    with pytest.raises(TypeError, match="dense"):
        KDTreeNeighbors().fit(sparse.csr_matrix(X))
    with pytest.raises(ValueError):
        KDTreeNeighbors().fit(np.array([[np.nan, 1.0]]))


def test_imblearn_smote_accepts_the_backend():
    from imblearn.over_sampling import SMOTE

    rng = np.random.RandomState(9)
    X = rng.normal(size=(300, 4))
    y = (rng.uniform(size=300) < 0.2).astype(int)
    X_ours, y_ours = SMOTE(k_neighbors=KDTreeNeighbors(6), random_state=0).fit_resample(X, y)
    X_ref, y_ref = SMOTE(k_neighbors=NearestNeighbors(n_neighbors=6), random_state=0).fit_resample(
        X, y
    )
    np.testing.assert_array_equal(X_ours, X_ref)
    np.testing.assert_array_equal(y_ours, y_ref)


def test_docstring_examples():
    result = doctest.testmod(kdtree_module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
