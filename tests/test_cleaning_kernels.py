"""Cleaning kernels and the all-pairs neighbour search against tests/naive.py.

Boolean and index outputs must be equal exactly; the all-points search must
equal the naive exact search (ties to the smaller index) whatever the block
size, the thread count, duplicates or float32 input.
"""

from __future__ import annotations

import numba
import numpy as np
import pytest
from naive import naive_enn_keep_mask, naive_kneighbors_by_index, naive_tomek_link_mask
from scipy.stats import mode

from fastsmote._kernels.allpairs import screen_all_pairs, tournament_rounds
from fastsmote._kernels.cleaning import enn_keep_mask, tomek_link_mask
from fastsmote._threads import numba_threads
from fastsmote.neighbors import BruteForceNeighbors
from fastsmote.neighbors.allpairs import kneighbors_all_pairs
from fastsmote.under_sampling.base import class_codes
from fastsmote.under_sampling.graph import NeighborGraph

# -- tomek_link_mask ------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("n_classes", [2, 3])
def test_tomek_link_mask_matches_naive(seed, n_classes):
    rng = np.random.RandomState(seed)
    n = 300
    y_codes = rng.randint(0, n_classes, size=n).astype(np.int64)
    # Mutual pairs are what make links: pair rows up, then scramble some.
    nn_first = rng.permutation(n).reshape(-1, 2)
    nn_first = np.concatenate([nn_first, nn_first[:, ::-1]])
    table = np.empty(n, dtype=np.int64)
    table[nn_first[:, 0]] = nn_first[:, 1]
    scrambled = rng.rand(n) < 0.3
    table[scrambled] = rng.randint(0, n, size=scrambled.sum())
    table[rng.rand(n) < 0.1] = -1  # rows whose neighbour was not searched
    is_target = rng.rand(n_classes) < 0.7
    got = tomek_link_mask(table, y_codes, is_target)
    expected = naive_tomek_link_mask(table, y_codes, is_target)
    assert got.dtype == np.bool_
    assert np.array_equal(got, expected)
    assert expected.any()


def test_tomek_link_mask_marks_only_targeted_side():
    nn_first = np.array([1, 0, 3, 2], dtype=np.int64)
    y_codes = np.array([0, 1, 0, 0], dtype=np.int64)
    got = tomek_link_mask(nn_first, y_codes, np.array([False, True]))
    assert got.tolist() == [False, True, False, False]


# -- enn_keep_mask --------------------------------------------------------------


def _random_lists(rng, m, n, width):
    nn_ind = np.array([rng.choice(n, size=width, replace=False) for _ in range(m)])
    # Some lists end early (-1), as after a search among few rows.
    for t in np.flatnonzero(rng.rand(m) < 0.2):
        nn_ind[t, rng.randint(1, width) :] = -1
    return nn_ind.astype(np.int64)


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("n_neighbors", [1, 3, 4])
@pytest.mark.parametrize("use_mode", [False, True])
@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_enn_keep_mask_matches_naive(seed, n_neighbors, use_mode, n_classes):
    rng = np.random.RandomState(seed)
    n, m, width = 400, 1500, 8  # m > one parallel block
    y_codes = rng.randint(0, n_classes, size=n).astype(np.int64)
    rows = rng.randint(0, n, size=m)
    nn_ind = _random_lists(rng, m, n, width)
    alive = rng.rand(n) < 0.8
    args = (nn_ind, y_codes[rows], y_codes, alive, n_neighbors, n_classes, use_mode)
    keep, complete = enn_keep_mask(*args)
    keep_ref, complete_ref = naive_enn_keep_mask(*args)
    assert np.array_equal(complete, complete_ref)
    assert np.array_equal(keep, keep_ref)
    assert complete.any() and (~complete).any()


def test_enn_keep_mask_mode_ties_go_to_the_smallest_label():
    # Two neighbours of class 0 and two of class 1: the mode is 0.
    nn_ind = np.array([[0, 1, 2, 3], [0, 1, 2, 3]], dtype=np.int64)
    y_codes = np.array([1, 0, 1, 0], dtype=np.int64)
    alive = np.ones(4, dtype=np.bool_)
    keep, _ = enn_keep_mask(nn_ind, np.array([0, 1]), y_codes, alive, 4, 2, True)
    assert keep.tolist() == [True, False]


@pytest.mark.parametrize(
    "labels", [[-3, 7, 11], [0.5, 2.0, 10.0], [2, 1, 0], [np.int8(-1), np.int8(1), np.int8(5)]]
)
def test_mode_of_codes_is_scipy_mode_of_labels(labels):
    # np.unique's codes keep the labels' order, so the smallest tied code is
    # the smallest tied label: what imbalanced-learn's scipy.stats.mode picks.
    rng = np.random.RandomState(0)
    y = np.asarray(labels)[rng.randint(0, 3, size=60)]
    classes, y_codes = class_codes(y)
    nn_ind = rng.randint(0, 60, size=(200, 4)).astype(np.int64)
    scipy_mode = mode(y[nn_ind], axis=1, keepdims=False).mode
    for own in classes:
        own_codes = np.full(200, np.searchsorted(classes, own), dtype=np.int64)
        keep, _ = enn_keep_mask(
            nn_ind, own_codes, y_codes, np.ones(60, dtype=np.bool_), 4, classes.size, True
        )
        assert np.array_equal(keep, scipy_mode == own)


# -- the all-pairs exact search ---------------------------------------------------


def test_tournament_rounds_cover_every_pair_once():
    for n_blocks in range(1, 14):
        rounds = tournament_rounds(n_blocks)
        seen = []
        for r in rounds:
            pairs = [tuple(p) for p in r.tolist() if p[0] >= 0]
            blocks = [b for p in pairs for b in p]
            assert len(blocks) == len(set(blocks)), "a block twice in one round"
            seen.extend(pairs)
        expected = {(a, b) for a in range(n_blocks) for b in range(a + 1, n_blocks)}
        assert len(seen) == len(expected) and set(seen) == expected


def _screen(X, k, block, margin=8):
    X = np.ascontiguousarray(X)
    n, d = X.shape
    c = X - X.mean(axis=0)
    sq = np.einsum("ij,ij->i", c, c)
    left = np.column_stack([c, sq, np.ones(n)]).astype(np.float32)
    right = np.column_stack([-2 * c, np.ones(n), sq]).astype(np.float32)
    n_cand = max(k, min(k + margin, n - 1))
    cand_val = np.full((n, n_cand), np.inf, dtype=np.float32)
    cand_ind = np.full((n, n_cand), -1, dtype=np.int64)
    screen_all_pairs(left, right, cand_val, cand_ind, block, tournament_rounds(-(-n // block)))
    return cand_val, cand_ind, left, right


@pytest.mark.parametrize("block", [7, 16, 50])
def test_screen_all_pairs_keeps_the_smallest_estimates(block):
    rng = np.random.RandomState(1)
    X = rng.normal(size=(130, 4))
    cand_val, cand_ind, left, right = _screen(X, 3, block)
    estimates = left @ right.T  # not bit-identical to the tiles: compare sets loosely
    np.fill_diagonal(estimates, np.inf)
    for i in range(X.shape[0]):
        assert i not in cand_ind[i]
        assert len(set(cand_ind[i])) == cand_ind.shape[1]
        assert np.all(np.diff(cand_val[i]) >= 0)
        best = np.sort(estimates[i])[: cand_ind.shape[1]]
        np.testing.assert_allclose(cand_val[i], best, rtol=1e-4, atol=1e-4)


def _data(kind, dtype, n):
    rng = np.random.RandomState(3)
    if kind == "normal":
        X = rng.normal(size=(n, 5))
    elif kind == "grid":  # many exactly tied distances
        X = rng.randint(0, 3, size=(n, 3)).astype(float)
    elif kind == "duplicates":
        X = rng.normal(size=(max(1, n // 3), 4))
        X = X[rng.randint(0, X.shape[0], size=n)]
    elif kind == "offset":  # far from the origin, tiny spread
        X = 1e6 + 1e-3 * rng.normal(size=(n, 4))
    elif kind == "huge":  # beyond float32's range: screened in scaled units
        X = 1e30 * rng.normal(size=(n, 4))
    elif kind == "tiny":
        X = 1e-30 * rng.normal(size=(n, 4))
    return X.astype(dtype)


@pytest.mark.parametrize("kind", ["normal", "grid", "duplicates", "offset", "huge", "tiny"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("n", [2, 9, 600])  # 600: two blocks of 512
def test_kneighbors_all_pairs_is_exact(kind, dtype, n):
    if kind in ("huge", "tiny") and dtype == np.float32:
        pytest.skip("beyond float32")
    X = _data(kind, dtype, n)
    # k = n - 1 (every other point) only where lists stay short.
    for k in sorted({1, 3, n - 1} if n < 50 else {1, 3}):
        if k >= n:
            continue
        nn_dist, nn_ind = kneighbors_all_pairs(X, X.mean(axis=0), k, margin=8)
        ref_dist, ref_ind = naive_kneighbors_by_index(X, k)
        assert np.array_equal(nn_ind, ref_ind), (kind, k)
        np.testing.assert_allclose(nn_dist, ref_dist, rtol=1e-12)


def test_brute_backend_all_points_query_is_exact():
    X = _data("grid", np.float64, 700)
    got = BruteForceNeighbors(4).fit(X).kneighbors(return_distance=False)
    assert np.array_equal(got, naive_kneighbors_by_index(X, 4)[1])


def test_kneighbors_all_pairs_does_not_depend_on_threads():
    X = _data("duplicates", np.float64, 1500)
    results = []
    for n_jobs in (1, 2):
        with numba_threads(n_jobs):
            results.append(kneighbors_all_pairs(X, X.mean(axis=0), 3, margin=8)[1])
    assert np.array_equal(*results)
    assert numba.get_num_threads() >= 1


# -- neighbour lists reused after removals ----------------------------------------


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("use_mode", [False, True])
def test_neighbor_graph_edit_equals_a_fresh_search_among_survivors(seed, use_mode):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(250, 3))
    y_codes = rng.randint(0, 3, size=250).astype(np.int64)
    graph = NeighborGraph(X, BruteForceNeighbors(), width=4)
    alive = np.ones(250, dtype=np.bool_)
    for size in (1, 2, 3, 3, 4):
        rows = np.flatnonzero(alive & (y_codes != 2))
        keep = graph.edit(rows, size, alive, y_codes, 3, use_mode)
        # Reference: search the survivors from scratch.
        survivors = np.flatnonzero(alive)
        _, ind = naive_kneighbors_by_index(X[survivors], size)
        hood = survivors[ind][np.searchsorted(survivors, rows)]
        expected, _ = naive_enn_keep_mask(hood, y_codes[rows], y_codes, alive, size, 3, use_mode)
        assert np.array_equal(keep, expected)
        alive[rows[~keep]] = False
    assert graph.n_searched < 2 * 250  # lists were reused, not searched per pass
