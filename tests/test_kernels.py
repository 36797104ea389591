"""Kernels against the NumPy references of tests/naive.py.

Interpolation must be bit-exact (imbalanced-learn's arithmetic), the top-k list
keeps ties to the smaller index, and the random draws must replay
imbalanced-learn's calls on ``RandomState``. The brute-force search kernel is
in test_brute_search.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from naive import (
    naive_interpolate_rows,
    naive_squared_distances,
)
from scipy import sparse

from fastsmote._kernels.distance import squared_distance
from fastsmote._kernels.interpolate import interpolate_rows
from fastsmote._kernels.topk import insert_sorted, precedes
from fastsmote._random import draw_interpolation
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
