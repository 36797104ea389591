"""Kernels against the NumPy references of tests/naive.py.

Interpolation must be bit-exact (imbalanced-learn's arithmetic), neighbour
indices exact with ties to the smaller index, and the random draws must replay
imbalanced-learn's calls on ``RandomState``.
"""

from __future__ import annotations

import numpy as np
import pytest
from naive import (
    naive_interpolate_rows,
    naive_kneighbors,
    naive_kneighbors_by_index,
    naive_squared_distances,
)
from scipy import sparse

import fastsmote.neighbors.brute as brute_module
from fastsmote._kernels.distance import squared_distance
from fastsmote._kernels.interpolate import interpolate_rows
from fastsmote._kernels.topk import insert_sorted, precedes
from fastsmote._random import draw_interpolation
from fastsmote.neighbors import BruteForceNeighbors
from fastsmote.over_sampling.base import generate_samples

# -- interpolation --------------------------------------------------------------


def _draws(rng, n_rows, k, n_samples):
    rows = rng.randint(0, n_rows, size=n_samples).astype(np.int64)
    cols = rng.randint(0, k, size=n_samples).astype(np.int64)
    steps = rng.uniform(size=n_samples)
    return rows, cols, steps


def _run_interpolate(X, nn_data, nn_ind, rows, cols, steps):
    out = np.empty((rows.shape[0], X.shape[1]), dtype=X.dtype)
    interpolate_rows(X, nn_data, nn_ind, rows, cols, steps, out)
    return out


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("scale", [1.0, 1e-30, 1e30])
def test_interpolate_rows_bit_exact(dtype, scale):
    rng = np.random.RandomState(0)
    # Mixed magnitudes and signs: a fused multiply-add or a float32 product
    # would change low-order bits somewhere here.
    X = (rng.standard_cauchy(size=(50, 7)) * scale).astype(dtype)
    nn_data = (rng.normal(size=(80, 7)) * scale).astype(dtype)
    nn_ind = rng.randint(0, 80, size=(50, 4)).astype(np.int64)
    rows, cols, steps = _draws(rng, 50, 4, 500)
    got = _run_interpolate(X, nn_data, nn_ind, rows, cols, steps)
    expected = naive_interpolate_rows(X, nn_data, nn_ind, rows, cols, steps)
    assert got.dtype == expected.dtype == dtype
    assert np.array_equal(got, expected)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_interpolate_rows_endpoints_and_empty(dtype):
    rng = np.random.RandomState(1)
    X = rng.normal(size=(10, 3)).astype(dtype)
    nn_ind = np.tile(np.arange(1, 4, dtype=np.int64), (10, 1))
    rows = np.arange(10, dtype=np.int64)
    cols = np.zeros(10, dtype=np.int64)
    # A zero step gives the sample itself, bit for bit.
    got = _run_interpolate(X, X, nn_ind, rows, cols, np.zeros(10))
    assert np.array_equal(got, X)
    # The largest step uniform() can draw stays on the segment.
    steps = np.full(10, np.nextafter(1.0, 0.0))
    got = _run_interpolate(X, X, nn_ind, rows, cols, steps)
    assert np.array_equal(got, naive_interpolate_rows(X, X, nn_ind, rows, cols, steps))
    # No samples to make.
    empty = np.empty(0, dtype=np.int64)
    got = _run_interpolate(X, X, nn_ind, empty, empty, np.empty(0))
    assert got.shape == (0, 3)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_interpolate_rows_thread_count_does_not_matter(dtype):
    import numba

    rng = np.random.RandomState(2)
    X = rng.normal(size=(200, 5)).astype(dtype)
    nn_ind = rng.randint(0, 200, size=(200, 5)).astype(np.int64)
    rows, cols, steps = _draws(rng, 200, 5, 3000)
    previous = numba.get_num_threads()
    try:
        outs = []
        for n_threads in (1, numba.config.NUMBA_NUM_THREADS):
            numba.set_num_threads(n_threads)
            outs.append(_run_interpolate(X, X, nn_ind, rows, cols, steps))
    finally:
        numba.set_num_threads(previous)
    assert np.array_equal(outs[0], outs[1])


@pytest.mark.parametrize(
    "dtype", [np.float64, np.float32, np.int64, np.int32, np.int16, np.uint8, np.float16]
)
def test_generate_samples_matches_numpy_formula(dtype):
    """Every dtype path of ``generate_samples`` (kernel, int64 via float64, NumPy
    fallback with wrap-around for narrow integers) equals the reference."""
    rng = np.random.RandomState(3)
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        low, high = max(info.min, -1000), min(info.max, 1000)
        X = rng.randint(low, high + 1, size=(40, 4)).astype(dtype)
    else:
        X = rng.normal(size=(40, 4)).astype(dtype)
    nn_ind = rng.randint(0, 40, size=(40, 3)).astype(np.int64)
    rows, cols, steps = _draws(rng, 40, 3, 300)
    got = generate_samples(X, X, nn_ind, rows, cols, steps)
    expected = naive_interpolate_rows(X, X, nn_ind, rows, cols, steps)
    assert got.dtype == dtype
    assert np.array_equal(got, expected)


# Overflowing differences and out-of-range casts warn in NumPy, as in imbalanced-learn.
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("dtype", [np.int64, np.uint64, np.int32, np.uint32, np.int8])
def test_generate_samples_full_integer_range(dtype):
    """Values over the whole integer range: differences wrap around in NumPy
    (imbalanced-learn's arithmetic) and int64 beyond 2**53 must not be rounded
    before the difference."""
    rng = np.random.RandomState(6)
    info = np.iinfo(dtype)
    X = rng.randint(info.min, info.max, size=(40, 3), dtype=dtype)
    X[:5] = rng.randint(2**53 - 50, 2**53 + 50, size=(5, 3)) if info.max > 2**53 else X[:5]
    nn_ind = rng.randint(0, 40, size=(40, 3)).astype(np.int64)
    rows, cols, steps = _draws(rng, 40, 3, 300)
    got = generate_samples(X, X, nn_ind, rows, cols, steps)
    expected = naive_interpolate_rows(X, X, nn_ind, rows, cols, steps)
    assert got.dtype == dtype
    assert np.array_equal(got, expected)


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_generate_samples_sparse(fmt):
    rng = np.random.RandomState(4)
    dense = rng.normal(size=(30, 6)) * (rng.uniform(size=(30, 6)) < 0.4)
    X = sparse.csr_matrix(dense).asformat(fmt)
    nn_ind = rng.randint(0, 30, size=(30, 3)).astype(np.int64)
    rows, cols, steps = _draws(rng, 30, 3, 100)
    got = generate_samples(X, X, nn_ind, rows, cols, steps)
    assert sparse.issparse(got)
    expected = naive_interpolate_rows(dense, dense, nn_ind, rows, cols, steps)
    assert np.array_equal(got.toarray(), expected)


def test_generate_samples_int64_beyond_2_53():
    X = np.array([[2**53 + 1], [2]], dtype=np.int64)
    nn_ind = np.array([[1], [0]], dtype=np.int64)
    rows, cols, steps = np.array([0]), np.array([0]), np.array([0.5])
    got = generate_samples(X, X, nn_ind, rows, cols, steps)
    expected = naive_interpolate_rows(X, X, nn_ind, rows, cols, steps)
    # imbalanced-learn: diff = 2 - (2**53 + 1) in int64, then in float64
    # (2**53 + 1) + 0.5 * (1 - 2**53) = 2**52 exactly; fastsmote rounds
    # 2**53 + 1 to 2**53 first and gets 2**52 + 1.
    assert expected[0, 0] == 2**52
    assert np.array_equal(got, expected)


# -- squared distance and the sorted top-k list ----------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_squared_distance_matches_naive(dtype):
    rng = np.random.RandomState(5)
    A = rng.normal(size=(6, 9)).astype(dtype)
    B = rng.normal(size=(7, 9)).astype(dtype)
    expected = naive_squared_distances(A, B)
    got = np.array([[squared_distance(A, i, B, j) for j in range(7)] for i in range(6)])
    assert np.array_equal(got, expected)


@pytest.mark.parametrize("k", [1, 2, 5, 10])
@pytest.mark.parametrize("seed", range(4))
def test_insert_sorted_keeps_the_k_smallest(k, seed):
    rng = np.random.RandomState(seed)
    n = 30
    # Few distinct distances: many ties, which the smaller index must win.
    dist = rng.randint(0, 6, size=n).astype(np.float64)
    ind = rng.permutation(1000)[:n].astype(np.int64)
    nn_dist = np.full(k, np.inf)
    nn_ind = np.full(k, -1, dtype=np.int64)
    for t in range(n):
        before = list(zip(nn_dist.tolist(), nn_ind.tolist(), strict=True))
        inserted = insert_sorted(nn_dist, nn_ind, dist[t], ind[t])
        seen = sorted(zip(dist[: t + 1].tolist(), ind[: t + 1].tolist(), strict=True))[:k]
        assert inserted == ((dist[t], ind[t]) in seen)
        if not inserted:
            assert list(zip(nn_dist.tolist(), nn_ind.tolist(), strict=True)) == before
        filled = min(t + 1, k)
        assert nn_dist[:filled].tolist() == [d for d, _ in seen]
        assert nn_ind[:filled].tolist() == [i for _, i in seen]
        assert np.all(nn_ind[filled:] == -1) and np.all(np.isinf(nn_dist[filled:]))


def test_insert_sorted_with_infinite_distances():
    # Overflowed distances are inf but are real candidates: they fill empty
    # slots (index -1) and rank among themselves by index.
    nn_dist = np.full(3, np.inf)
    nn_ind = np.full(3, -1, dtype=np.int64)
    for j in (7, 2, 5, 1):
        insert_sorted(nn_dist, nn_ind, np.inf, j)
    assert nn_ind.tolist() == [1, 2, 5]
    assert insert_sorted(nn_dist, nn_ind, 1.0, 9)
    assert nn_ind.tolist() == [9, 1, 2]


def test_precedes():
    assert precedes(1.0, 5, 2.0, 0)
    assert precedes(1.0, 0, 1.0, 5)
    assert not precedes(1.0, 5, 1.0, 5)
    assert not precedes(1.0, 5, 1.0, 0)
    assert not precedes(2.0, 0, 1.0, 5)


# -- random draws --------------------------------------------------------------


def _imblearn_draws(random_state, n_rows, n_cols, n_samples, step_size=1.0):
    """imbalanced-learn's ``BaseSMOTE._make_samples``, written out by hand."""
    samples_indices = random_state.randint(low=0, high=n_rows * n_cols, size=n_samples)
    steps = step_size * random_state.uniform(size=n_samples)
    return samples_indices // n_cols, samples_indices % n_cols, steps


@pytest.mark.parametrize("seed", [0, 1, 42])
@pytest.mark.parametrize(
    "n_rows, n_cols, n_samples", [(1, 1, 5), (10, 5, 0), (7, 3, 100), (300, 5, 1000)]
)
@pytest.mark.parametrize("step_size", [1.0, 0.5])
def test_draw_interpolation_replays_imblearn(seed, n_rows, n_cols, n_samples, step_size):
    expected = _imblearn_draws(np.random.RandomState(seed), n_rows, n_cols, n_samples, step_size)
    for random_state in (seed, np.random.RandomState(seed)):
        rows, cols, steps, rng = draw_interpolation(
            random_state, n_rows, n_cols, n_samples, step_size
        )
        assert rows.dtype == cols.dtype == np.int64
        assert steps.dtype == np.float64
        assert np.array_equal(rows, expected[0])
        assert np.array_equal(cols, expected[1])
        assert np.array_equal(steps, expected[2])
        assert isinstance(rng, np.random.RandomState)
        if isinstance(random_state, np.random.RandomState):
            # The caller's generator is used (and advanced), not copied.
            assert rng is random_state


def test_draw_interpolation_continues_a_shared_generator():
    """A RandomState object carries on from one class to the next, an int
    seed restarts: as in imbalanced-learn."""
    shared = np.random.RandomState(7)
    first = draw_interpolation(shared, 4, 3, 10)
    second = draw_interpolation(shared, 6, 2, 8)
    replay = np.random.RandomState(7)
    exp_first = _imblearn_draws(replay, 4, 3, 10)
    exp_second = _imblearn_draws(replay, 6, 2, 8)
    for got, exp in ((first, exp_first), (second, exp_second)):
        for a, b in zip(got[:3], exp, strict=True):
            assert np.array_equal(a, b)
    restarted = draw_interpolation(7, 6, 2, 8)
    exp_restart = _imblearn_draws(np.random.RandomState(7), 6, 2, 8)
    for a, b in zip(restarted[:3], exp_restart, strict=True):
        assert np.array_equal(a, b)


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
