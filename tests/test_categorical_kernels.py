"""Kernels on category codes against their naive references (exact equality).

SMOTE-NC: the mixed-distance neighbour search, the tie table and the vote;
SMOTEN: the VDM distances (also against imbalanced-learn's own metric), the
neighbour selection and the mode.
"""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from imblearn.metrics.pairwise import ValueDifferenceMetric
from naive import (
    naive_mixed_kneighbors,
    naive_mode_of_neighbors,
    naive_smotenc_vote,
    naive_vdm_distances,
)
from scipy import sparse
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import OneHotEncoder

from fastsmote import _random as random_module
from fastsmote._kernels.categorical import (
    count_tied_categories,
    mode_of_neighbors,
    rank_mixed_neighbors,
)
from fastsmote._kernels.scan import scan_exact_rows
from fastsmote._kernels.vdm import vdm_distance_rows
from fastsmote.neighbors import mixed as mixed_module
from fastsmote.neighbors.mixed import category_buckets, mixed_kneighbors
from fastsmote.over_sampling import _categories as categories_module
from fastsmote.over_sampling import _neighbors as neighbors_module
from fastsmote.over_sampling import _output as output_module
from fastsmote.over_sampling import _smotenc_plan as smotenc_plan_module
from fastsmote.over_sampling import random_over_sampler as ros_module
from fastsmote.over_sampling import smoten as smoten_module
from fastsmote.over_sampling import smotenc as smotenc_module
from fastsmote.over_sampling._categories import (
    codes_to_one_hot,
    one_hot_codes,
    tie_table,
    vote_categories,
)
from fastsmote.over_sampling.smoten import vdm_kneighbors, vdm_tables


def mixed_data(seed, n=120, n_cont=3, n_cat=2, n_values=4, integer=False, missing=False):
    """Continuous features (integers when ``integer``: many exact ties) and codes."""
    rng = np.random.RandomState(seed)
    if integer:
        X = rng.randint(0, 3, size=(n, n_cont)).astype(np.float64)
    else:
        X = rng.normal(size=(n, n_cont))
    codes = rng.randint(0, n_values, size=(n, n_cat)).astype(np.int32)
    if missing:
        codes[rng.rand(n, n_cat) < 0.2] = -1
    return X, codes


# -- SMOTE-NC neighbour search ----------------------------------------------------
@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"integer": True},
        {"missing": True},
        {"integer": True, "missing": True, "n_values": 2},
        {"n_cat": 4, "n_values": 30},
    ],
)
@pytest.mark.parametrize("half_penalty", [0.0, 0.3, 1.7, 50.0])
def test_mixed_kneighbors_equals_naive(seed, options, half_penalty):
    X, codes = mixed_data(seed, **options)
    k = 5
    nn_dist, nn_ind = mixed_kneighbors(X, codes, half_penalty, k)
    ref_dist, ref_ind = naive_mixed_kneighbors(X, codes, half_penalty, k)
    np.testing.assert_array_equal(nn_ind, ref_ind)
    np.testing.assert_array_equal(nn_dist, ref_dist)


@pytest.mark.parametrize("nn_backend", ["brute", "kdtree"])
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_mixed_kneighbors_independent_of_backend_and_threads(nn_backend, n_jobs):
    X, codes = mixed_data(7, n=400, n_cont=2, integer=True)
    reference = mixed_kneighbors(X, codes, 0.5, 4)
    result = mixed_kneighbors(X, codes, 0.5, 4, nn_backend=nn_backend, n_jobs=n_jobs)
    np.testing.assert_array_equal(result[1], reference[1])
    np.testing.assert_array_equal(result[0], reference[0])


def test_mixed_kneighbors_float32_and_small_classes():
    X, codes = mixed_data(3, n=30)
    X32 = X.astype(np.float32)
    np.testing.assert_array_equal(
        mixed_kneighbors(X32, codes, 0.8, 3)[1],
        naive_mixed_kneighbors(X32, codes, 0.8, 3)[1],
    )
    # k = n - 1: every other row, and a class of two rows.
    np.testing.assert_array_equal(
        mixed_kneighbors(X[:6], codes[:6], 0.8, 5)[1],
        naive_mixed_kneighbors(X[:6], codes[:6], 0.8, 5)[1],
    )
    assert mixed_kneighbors(X[:2], codes[:2], 0.8, 1)[1].tolist() == [[1], [0]]


def test_rank_reports_unproven_rows_and_scan_fixes_them():
    # Two far clusters that share no category: with few continuous candidates
    # the bound cannot prove the lists of rows whose neighbours lie beyond them.
    X = np.array([[0.0], [0.1], [0.2], [0.3], [10.0], [10.1]])
    codes = np.array([[0], [1], [2], [3], [4], [5]], dtype=np.int32)
    k = 3
    cont_ind = np.array([[1], [0], [1], [2], [5], [4]])
    members, bucket_start = category_buckets(codes)
    bucket_X = np.ascontiguousarray(np.stack([X[order].T for order in members]))
    nn_dist = np.empty((6, k))
    nn_ind = np.empty((6, k), dtype=np.int64)
    proven = rank_mixed_neighbors(
        X, codes, 1.0, cont_ind, bucket_X, members, bucket_start, nn_dist, nn_ind
    )
    assert not proven.all()
    unproven = np.flatnonzero(~proven)
    scan_exact_rows(X, codes, X, codes, 1.0, unproven, unproven, nn_dist, nn_ind)
    ref_dist, ref_ind = naive_mixed_kneighbors(X, codes, 1.0, k)
    np.testing.assert_array_equal(nn_ind, ref_ind)
    np.testing.assert_array_equal(nn_dist, ref_dist)


def test_category_buckets_layout():
    codes = np.array([[2, -1], [0, 1], [2, 1], [-1, 0]], dtype=np.int32)
    members, bucket_start = category_buckets(codes)
    for f in range(2):
        for a in range(-1, 3):
            rows = members[f, bucket_start[f, a + 1] : bucket_start[f, a + 2]]
            assert rows.tolist() == np.flatnonzero(codes[:, f] == a).tolist()


# -- SMOTE-NC vote -------------------------------------------------------------------
def vote_inputs(seed, n=60, n_new=200, k=5, n_cat=3, n_values=4, missing=False):
    rng = np.random.RandomState(seed)
    codes = rng.randint(0, n_values, size=(n, n_cat)).astype(np.int32)
    if missing:
        codes[rng.rand(n, n_cat) < 0.3] = -1
    nn_ind = np.array([rng.choice(np.delete(np.arange(n), i), k, replace=False) for i in range(n)])
    rows = rng.randint(0, n, size=n_new)
    return codes, nn_ind, rows, np.full(n_cat, n_values)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(
    "vote_value",
    [
        np.float64(1.0),
        np.float64(0.7071067811865476),
        np.float32(0.61),
        np.float64(3e-9),  # every category ties (numpy.isclose's absolute tolerance)
        np.int64(0),  # int encoding truncated to 0: every category ties
        np.int64(2),
    ],
    ids=["one", "scaled", "float32", "tiny", "int0", "int2"],
)
@pytest.mark.parametrize("missing", [False, True])
def test_vote_equals_imblearn_steps(seed, vote_value, missing):
    codes, nn_ind, rows, n_categories = vote_inputs(seed, missing=missing)
    tie = tie_table(vote_value, nn_ind.shape[1])
    result = vote_categories(codes, nn_ind, rows, n_categories, tie, seed)
    expected = naive_smotenc_vote(codes, nn_ind, rows, n_categories, vote_value, seed)
    np.testing.assert_array_equal(result, expected)


def test_vote_continues_a_random_state_instance():
    codes, nn_ind, rows, n_categories = vote_inputs(11, k=4, n_values=3)
    tie = tie_table(np.float64(1.0), 4)
    rng_a, rng_b = np.random.RandomState(5), np.random.RandomState(5)
    for _ in range(2):  # two classes in a row share the generator
        result = vote_categories(codes, nn_ind, rows, n_categories, tie, rng_a)
        expected = naive_smotenc_vote(codes, nn_ind, rows, n_categories, 1.0, rng_b)
        np.testing.assert_array_equal(result, expected)
    assert rng_a.randint(1 << 30) == rng_b.randint(1 << 30)


def test_count_tied_categories_by_hand():
    codes = np.array([[0], [0], [1], [2], [1]], dtype=np.int32)
    nn_ind = np.array([[1, 2, 3], [0, 2, 4], [0, 1, 3], [0, 2, 4], [1, 2, 3]])
    rows = np.arange(5)
    tie = tie_table(np.float64(1.0), 3)
    # Row 0's neighbours 1, 2, 3 have codes 0, 1, 2: three ties; row 1's
    # neighbours 0, 2, 4 have codes 0, 1, 1: code 1 alone leads.
    n_tied = count_tied_categories(codes, nn_ind, rows, tie, np.array([3]))
    assert n_tied.ravel().tolist() == [3, 1, 1, 1, 3]
    # All tie when the one-hot values are negligible: every category counts.
    tie_all = tie_table(np.float64(1e-12), 3)
    assert (
        count_tied_categories(codes, nn_ind, rows, tie_all, np.array([3])).ravel().tolist()
        == [3] * 5
    )


def test_tie_table_is_numpys_isclose_on_sums():
    tie = tie_table(np.float64(0.1), 4)
    sums = np.array([0.0, 0.1, 0.1 + 0.1, 0.1 + 0.1 + 0.1, 0.1 + 0.1 + 0.1 + 0.1])
    np.testing.assert_array_equal(tie, np.isclose(sums[:, None], sums[None, :]))


def test_one_hot_codes_round_trip():
    rng = np.random.RandomState(0)
    values = rng.randint(0, 4, size=(50, 3))
    encoder = OneHotEncoder(handle_unknown="ignore").fit(values)
    X_ohe = encoder.transform(values)
    n_categories = np.array([c.size for c in encoder.categories_])
    codes = one_hot_codes(X_ohe, n_categories)
    np.testing.assert_array_equal(encoder.categories_[1][codes[:, 1]], values[:, 1])
    back = codes_to_one_hot(codes, n_categories, np.float64)
    assert (back != X_ohe).nnz == 0
    # An empty block (unknown category) gives -1 and back.
    partial = sparse.csr_matrix(X_ohe.toarray()[:, 1:])
    codes_partial = one_hot_codes(partial, n_categories - np.array([1, 0, 0]))
    assert (codes_partial[:, 0] == -1).sum() == (values[:, 0] == 0).sum()
    assert (codes_to_one_hot(codes_partial, n_categories - [1, 0, 0], float) != partial).nnz == 0


def test_one_hot_codes_rejects_multi_hot():
    with pytest.raises(ValueError, match="more than one non-zero column"):
        one_hot_codes(sparse.csr_matrix([[1, 1, 0]]), np.array([2, 1]))


# -- SMOTEN ----------------------------------------------------------------------------
@pytest.mark.parametrize("n_classes", [2, 3, 10])
@pytest.mark.parametrize("seed", range(3))
def test_vdm_distances_equal_imblearn_metric(n_classes, seed):
    rng = np.random.RandomState(seed)
    n_categories = [3, 5, 2, 7]
    codes = np.column_stack([rng.randint(0, c, size=150) for c in n_categories]).astype(np.int32)
    y = rng.randint(0, n_classes, size=150)
    vdm = ValueDifferenceMetric(n_categories=n_categories).fit(codes, y)
    rows = np.flatnonzero(y == 0)
    tables = vdm_tables(vdm, codes[rows])
    distances = np.empty((rows.size, rows.size))
    vdm_distance_rows(tables.codes, tables.values, 0, distances)
    expected = vdm.pairwise(codes[rows])
    np.testing.assert_array_equal(distances, expected)
    np.testing.assert_allclose(
        distances, naive_vdm_distances(codes, y, n_categories)[rows][:, rows]
    )


@pytest.mark.parametrize("n_neighbors", [1, 3, 6])
def test_vdm_kneighbors_equals_precomputed_nearest_neighbors(n_neighbors, monkeypatch):
    # Few categories: distances tie all the time, so the selection must be
    # scikit-learn's exactly; small blocks exercise the block loop.
    monkeypatch.setattr(smoten_module, "CHUNK_ELEMENTS", 500)
    rng = np.random.RandomState(n_neighbors)
    codes = rng.randint(0, 3, size=(90, 3)).astype(np.int32)
    y = rng.randint(0, 2, size=90)
    vdm = ValueDifferenceMetric().fit(codes, y)
    tables = vdm_tables(vdm, codes)
    distances = vdm.pairwise(codes)
    expected = (
        NearestNeighbors(n_neighbors=n_neighbors, metric="precomputed")
        .fit(distances)
        .kneighbors(distances, return_distance=False)
    )
    np.testing.assert_array_equal(
        vdm_kneighbors(tables.codes, tables.values, n_neighbors), expected
    )


@pytest.mark.parametrize("seed", range(3))
def test_mode_of_neighbors_equals_scipy_mode(seed):
    rng = np.random.RandomState(seed)
    codes = rng.randint(0, 3, size=(40, 4)).astype(np.int32)
    nn_ind = rng.randint(0, 40, size=(40, 6))
    rows = rng.randint(0, 40, size=100)
    out = np.empty((100, 4), dtype=np.int32)
    mode_of_neighbors(codes, nn_ind, rows, out)
    np.testing.assert_array_equal(out, naive_mode_of_neighbors(codes, nn_ind, rows))


@pytest.mark.parametrize(
    "module",
    [
        smotenc_module,
        smotenc_plan_module,
        categories_module,
        neighbors_module,
        output_module,
        smoten_module,
        mixed_module,
        ros_module,
        random_module,
    ],
)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
