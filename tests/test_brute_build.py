"""The brute-force backend's fitted rows (centred, scaled, float32 with norms)
against their NumPy reference."""

from __future__ import annotations

import numpy as np
import pytest
from naive_search import naive_screening_rows

from fastsmote._kernels.brute import column_means, largest_offset, screening_rows
from fastsmote.neighbors import BruteForceNeighbors


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (70, 3), (1000, 17)])
def test_screening_rows_match_numpy(dtype, shape):
    rng = np.random.RandomState(shape[0])
    X = (rng.randn(*shape) * 10 + 1e3).astype(dtype)
    center = column_means(X)
    np.testing.assert_allclose(center, X.mean(axis=0, dtype=np.float64), rtol=1e-13)
    assert largest_offset(X, center) == np.abs(X - center).max()
    for scale in (1.0, 2.0**-30):
        r_aug = np.empty((shape[0], shape[1] + 1), dtype=np.float32)
        sqnorm = np.empty(shape[0])
        screening_rows(X, center, scale, r_aug, sqnorm)
        want_aug, want_norm = naive_screening_rows(X, center, scale)
        np.testing.assert_array_equal(r_aug[:, :-1], want_aug[:, :-1])
        np.testing.assert_allclose(sqnorm, want_norm, rtol=1e-12)
        np.testing.assert_allclose(r_aug[:, -1], want_aug[:, -1], rtol=1e-6)


def test_means_do_not_depend_on_the_thread_count():
    from numba import get_num_threads, set_num_threads

    X = np.random.RandomState(0).randn(5000, 4) * 1e6
    before = get_num_threads()
    try:
        set_num_threads(1)
        one = column_means(X)
        set_num_threads(before)
        assert np.array_equal(column_means(X), one)
    finally:
        set_num_threads(before)


@pytest.mark.parametrize("offset", [0.0, 1e12, 1e-45])
def test_extreme_scales_still_give_exact_neighbours(offset):
    rng = np.random.RandomState(1)
    X = rng.randn(300, 6) * (1e-44 if offset == 1e-45 else 1.0) + offset
    got = BruteForceNeighbors(4).fit(X).kneighbors(return_distance=False)
    d = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    want = np.lexsort((np.tile(np.arange(300), (300, 1)), d), axis=1)[:, :4]
    np.testing.assert_array_equal(got, want)
