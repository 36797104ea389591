"""scan_exact_rows (the one exhaustive exact scan) against its NumPy references."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from naive import naive_kneighbors, naive_mixed_kneighbors

import fastsmote._kernels.rerank as rerank_module
import fastsmote._kernels.scan as scan_module
from fastsmote._kernels.rerank import scan_rows
from fastsmote._kernels.scan import no_codes, scan_exact_rows


def data(seed, n=90, d=4, dtype=np.float64, integer=False):
    rng = np.random.RandomState(seed)
    X = rng.randint(0, 3, size=(n, d)) if integer else rng.normal(size=(n, d))
    return np.ascontiguousarray(X, dtype=dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("integer", [False, True], ids=["normal", "ties"])
@pytest.mark.parametrize("exclude_self", [True, False])
def test_plain_scan_matches_naive(dtype, integer, exclude_self):
    X = data(1, dtype=dtype, integer=integer)
    k = 5
    rows = np.arange(0, X.shape[0], 3, dtype=np.int64)
    self_ind = rows if exclude_self else np.full(rows.size, -1, dtype=np.int64)
    nn_dist = np.full((X.shape[0], k), -7.0)
    nn_ind = np.full((X.shape[0], k), -7, dtype=np.int64)
    empty = no_codes(X.shape[0])
    scan_exact_rows(X, empty, X, empty, 0.0, rows, self_ind, nn_dist, nn_ind)
    ref_dist, ref_ind = naive_kneighbors(X, X, k, exclude_self)
    np.testing.assert_array_equal(nn_ind[rows], ref_ind[rows])
    # The same float64 summation order as the naive reference: the same bits.
    np.testing.assert_array_equal(np.sqrt(nn_dist[rows]), ref_dist[rows])
    others = np.setdiff1d(np.arange(X.shape[0]), rows)
    assert (nn_ind[others] == -7).all()  # rows not scanned are left alone


@pytest.mark.parametrize("missing", [False, True])
def test_mixed_scan_matches_naive(missing):
    rng = np.random.RandomState(4)
    X = data(4, n=80, d=3, integer=True).astype(np.float64)
    codes = rng.randint(0, 3, size=(80, 2)).astype(np.int32)
    if missing:
        codes[rng.rand(80, 2) < 0.2] = -1
    k = 4
    rows = np.arange(80, dtype=np.int64)
    nn_dist = np.empty((80, k))
    nn_ind = np.empty((80, k), dtype=np.int64)
    scan_exact_rows(X, codes, X, codes, 0.7, rows, rows, nn_dist, nn_ind)
    ref_dist, ref_ind = naive_mixed_kneighbors(X, codes, 0.7, k)
    np.testing.assert_array_equal(nn_ind, ref_ind)
    np.testing.assert_array_equal(nn_dist, ref_dist)


def test_scan_rows_is_the_plain_scan_of_separate_queries():
    X = data(2, dtype=np.float32)
    Q = np.ascontiguousarray(X[::4])
    self_ind = np.arange(0, X.shape[0], 4, dtype=np.int64)
    self_ind[1] = -1
    nn_dist = np.empty((Q.shape[0], 3))
    nn_ind = np.empty((Q.shape[0], 3), dtype=np.int64)
    scan_rows(Q, X, self_ind, nn_dist, nn_ind)
    d2 = ((Q[:, None, :].astype(np.float64) - X[None, :, :]) ** 2).sum(axis=2)
    d2[np.arange(Q.shape[0])[self_ind >= 0], self_ind[self_ind >= 0]] = np.inf
    order = np.array([np.lexsort((np.arange(X.shape[0]), row)) for row in d2])[:, :3]
    np.testing.assert_array_equal(nn_ind, order)


@pytest.mark.parametrize("module", [scan_module, rerank_module])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
