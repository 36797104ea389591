"""The brute-force search kernel against the naive reference: exact
neighbour indices with ties to the smaller index, on every data shape the
screening must survive (tiles, margins, overflowing and out-of-float32 values).
"""

from __future__ import annotations

import numpy as np
import pytest
from naive import (
    naive_kneighbors,
    naive_kneighbors_by_index,
)
from naive_search import naive_screen_candidates

import fastsmote.neighbors.brute as brute_module
from fastsmote._kernels.brute import screen_candidates
from fastsmote._threads import numba_threads
from fastsmote.neighbors import BruteForceNeighbors
from fastsmote.neighbors.brute import reference_parts

# -- brute-force search --------------------------------------------------------


def _assert_matches_naive(nn, X, k, Q=None):
    """``nn`` fitted on X: kneighbors(None) and kneighbors(Q) equal the reference."""
    dist, ind = nn.kneighbors(None, n_neighbors=k)
    ref_dist, ref_ind = naive_kneighbors_by_index(X, k)
    assert ind.dtype == np.int64 and dist.dtype == np.float64
    assert np.array_equal(ind, ref_ind)
    assert np.array_equal(dist, ref_dist)
    Q = X if Q is None else Q
    k_q = min(k + 1, X.shape[0])
    dist, ind = nn.kneighbors(Q, n_neighbors=k_q)
    ref_dist, ref_ind = naive_kneighbors(Q, X, k_q)
    assert np.array_equal(ind, ref_ind)
    assert np.array_equal(dist, ref_dist)


def _data(kind, dtype, rng):
    if kind == "normal":
        X = rng.normal(size=(300, 5))
    elif kind == "duplicates":
        # Each row three times at scattered indices.
        base = rng.normal(size=(70, 4))
        X = base[rng.permutation(np.repeat(np.arange(70), 3))]
    elif kind == "grid":
        # Few distinct values: most distances tie.
        X = rng.randint(0, 3, size=(250, 3))
    elif kind == "one_feature":
        X = rng.normal(size=(200, 1))
    elif kind == "one_feature_grid":
        X = rng.randint(0, 10, size=(200, 1))
    elif kind == "offset":
        # A large common offset and small spread: float32 screening is coarse.
        X = 1e4 + 1e-3 * rng.normal(size=(200, 3))
    elif kind == "wide":
        X = rng.normal(size=(150, 70))
    elif kind == "constant":
        X = np.ones((40, 3))
    else:
        raise KeyError(kind)
    return np.ascontiguousarray(X, dtype=dtype)


KINDS = [
    "normal",
    "duplicates",
    "grid",
    "one_feature",
    "one_feature_grid",
    "offset",
    "wide",
    "constant",
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("kind", KINDS)
def test_brute_matches_naive(kind, dtype):
    rng = np.random.RandomState(KINDS.index(kind))
    X = _data(kind, dtype, rng)
    nn = BruteForceNeighbors().fit(X)
    for k in (1, 5, 17):
        _assert_matches_naive(nn, X, k)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("kind", ["normal", "duplicates", "grid", "constant"])
def test_brute_all_other_points(kind, dtype):
    # k = n - 1 (every other point) with X=None; k = n with explicit queries.
    rng = np.random.RandomState(10)
    X = _data(kind, dtype, rng)[:60]
    nn = BruteForceNeighbors().fit(X)
    _assert_matches_naive(nn, X, X.shape[0] - 1)


@pytest.mark.parametrize("kind", ["normal", "grid", "duplicates"])
def test_brute_small_tiles_and_no_margin(kind, monkeypatch):
    """Many tiles per query block and no extra candidates: the tile merging and
    the exact re-scan of unproven rows are exercised on small data."""
    monkeypatch.setattr(brute_module, "BLOCK_QUERIES", 7)
    monkeypatch.setattr(brute_module, "BLOCK_REFERENCES", 13)
    monkeypatch.setattr(brute_module, "CANDIDATE_MARGIN", 0)
    rng = np.random.RandomState(11)
    X = _data(kind, np.float64, rng)
    nn = BruteForceNeighbors().fit(X)
    for k in (1, 4):
        _assert_matches_naive(nn, X, k)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_brute_separate_queries(dtype):
    rng = np.random.RandomState(12)
    X = rng.normal(size=(150, 4)).astype(dtype)
    # Inside, far outside, exactly on training points, and tied grid points.
    Q = np.vstack(
        [
            rng.normal(size=(30, 4)),
            50 * rng.normal(size=(10, 4)),
            X[:5],
            np.zeros((3, 4)),
        ]
    ).astype(dtype)
    nn = BruteForceNeighbors().fit(X)
    for k in (1, 6, 150):
        dist, ind = nn.kneighbors(Q, n_neighbors=k)
        ref_dist, ref_ind = naive_kneighbors(Q, X, k)
        assert np.array_equal(ind, ref_ind)
        assert np.array_equal(dist, ref_dist)


def test_brute_across_tile_boundaries():
    # More than one default tile of references (1024) and of queries (128).
    rng = np.random.RandomState(13)
    X = rng.randint(0, 6, size=(1100, 2)).astype(np.float64)  # heavy ties
    Q = X[::7]
    dist, ind = BruteForceNeighbors(3).fit(X).kneighbors(Q)
    ref_dist, ref_ind = naive_kneighbors(Q, X, 3)
    assert np.array_equal(ind, ref_ind)
    assert np.array_equal(dist, ref_dist)


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_brute_overflowing_distances():
    # Squared distances overflow to inf: all candidates tie at inf, by index.
    X = np.array([[-1e200, 0.0], [1e200, 0.0], [0.0, 1e200], [0.0, -1e200], [1e200, 1e200]])
    nn = BruteForceNeighbors().fit(X)
    dist, ind = nn.kneighbors(X, n_neighbors=5)
    ref_dist, ref_ind = naive_kneighbors(X, X, 5)
    assert np.array_equal(ind, ref_ind) and np.array_equal(dist, ref_dist)
    dist, ind = nn.kneighbors(None, n_neighbors=4)
    ref_dist, ref_ind = naive_kneighbors_by_index(X, 4)
    assert np.array_equal(ind, ref_ind) and np.array_equal(dist, ref_dist)


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_brute_values_beyond_float32_range():
    # Distances are finite in float64 (~1e39) but the float32 screening
    # values overflow.
    X = np.concatenate([-2e19 + 2e15 * np.arange(10), 2e19 + 2e15 * np.arange(10)])[:, None]
    dist, ind = BruteForceNeighbors(1).fit(X).kneighbors()
    _, ref_ind = naive_kneighbors_by_index(X, 1)
    # Row 10 (at +2e19) has row 11 at 2e15; fastsmote answers a row at -2e19.
    assert np.array_equal(ind, ref_ind)


# -- the screening kernel -----------------------------------------------------


@pytest.mark.parametrize("exclude_self", [False, True])
def test_screen_candidates_any_split_and_thread_count(exclude_self):
    """Small integer values make every float32 product exact, and many ties: the
    candidates equal the reference's (ties to the smaller index) whatever the
    reference split, the tiles and the threads, including lists that never fill."""
    rng = np.random.RandomState(13)
    X = rng.randint(-3, 4, size=(90, 3)).astype(np.float64)
    r_aug = np.hstack([X, (X**2).sum(axis=1, keepdims=True)]).astype(np.float32)
    q_aug = np.hstack([-2 * X[:40], np.ones((40, 1))]).astype(np.float32)
    for n_cand in (5, 95):
        want = naive_screen_candidates(q_aug, r_aug, n_cand, exclude_self)
        for n_parts in (1, 2, 3, 9, 50):
            for n_jobs in (1, 2):
                with numba_threads(n_jobs):
                    got = screen_candidates(q_aug, r_aug, n_cand, exclude_self, 16, 7, n_parts)
                assert np.array_equal(got[1], want[1]), (n_cand, n_parts, n_jobs)
                assert np.array_equal(got[0], want[0])


def test_reference_parts_keep_every_thread_busy():
    with numba_threads(2):
        assert reference_parts(10**6) == 1
        assert reference_parts(1) == brute_module.UNITS_PER_THREAD * 2
        assert reference_parts(3 * brute_module.BLOCK_QUERIES) == 3
