"""scikit-learn's brute-force ranking values computed exactly, for some rows.

The FMA-chain kernels against exact rational arithmetic; the values of
``exact_heap_values`` against the lists of scikit-learn's own search, through
both of its ways (the rows' chains, the chunk's BLAS product); and the shape
check against a shape where this BLAS does not sum in order.
"""

from __future__ import annotations

import numpy as np
import pytest
from naive import naive_chain_products, naive_heap_values
from sklearn.neighbors import NearestNeighbors

from fastsmote._kernels.blas_chain import chain_products, heap_values
from fastsmote.neighbors import BruteForceNeighbors, sklearn_blas, sklearn_order
from fastsmote.neighbors.sklearn_blas import (
    _blas_products,
    _shape_matches,
    exact_heap_values,
    sklearn_row_norms,
)
from fastsmote.neighbors.sklearn_order import OrderReport, imblearn_neighbors


@pytest.mark.parametrize("n_queries", [2, 5])  # per-reference chains, then tiles
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_chain_kernels_equal_exact_single_rounding(n_queries, dtype):
    rng = np.random.RandomState(0)
    A = (rng.randn(n_queries, 7) * np.array([1, 1e3, 1e-3, 7, 1, 1e5, 3])).astype(dtype)
    B = rng.randn(6, 7).astype(dtype)
    np.testing.assert_array_equal(chain_products(A, B), naive_chain_products(A, B))
    q_norms = np.square(A.astype(np.float64)).sum(1)
    y_norms = np.square(B.astype(np.float64)).sum(1)
    np.testing.assert_array_equal(
        heap_values(A, B, q_norms, y_norms),
        naive_heap_values(A, B, q_norms, y_norms),
    )


def test_chains_differ_from_a_plain_sum():
    # Without fused multiply-adds the products round differently: the test
    # above could not pass by accident.
    rng = np.random.RandomState(1)
    A, B = rng.randn(20, 30), rng.randn(20, 30)
    plain = np.zeros((20, 20))
    for f in range(30):
        plain += A[:, f, None] * B[None, :, f]  # rounded after each product
    assert not np.array_equal(chain_products(A, B), -2.0 * plain)


def test_shape_check_says_where_the_blas_sums_in_order():
    # Large square chunks of a few features: in-order chains on x86-64 OpenBLAS.
    rng = np.random.RandomState(2)
    A, B = rng.randn(256, 25), rng.randn(256, 25)
    matches = np.array_equal(_blas_products(A, B), chain_products(A, B))
    assert _shape_matches(256, 256, 25) == matches
    # One feature: the BLAS scales before it multiplies; never in order.
    A1, B1 = rng.randn(40, 1) * 1e-3, rng.randn(40, 1) * 3.3
    if not np.array_equal(_blas_products(A1, B1), chain_products(A1, B1)):
        assert not _shape_matches(40, 40, 1)


def tied(n, d, seed):
    """Decimal data with many exact ties and duplicates, unscaled columns."""
    rng = np.random.RandomState(seed)
    X = rng.randint(0, 5, size=(n, d)) * 0.1 + rng.randint(0, 3, size=(n, 1)) * 100.0
    X[: n // 10] = X[n // 10 : 2 * (n // 10)]
    return X


@pytest.mark.parametrize("speedup", [0, 10**9], ids=["row_chains", "chunk_blas"])
@pytest.mark.parametrize(("n", "d", "k"), [(700, 20, 4), (1100, 36, 6), (300, 17, 11)])
def test_replayed_lists_equal_scikit_learns(monkeypatch, speedup, n, d, k):
    monkeypatch.setattr(sklearn_blas, "BLAS_SPEEDUP", speedup)
    monkeypatch.setattr(sklearn_order, "BLAS_SHARE", 1.1)  # never hand over
    X = tied(n, d, n + d)
    rows = np.arange(0, n, 3)
    want = NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X[rows], return_distance=False)
    report = OrderReport()
    nn = BruteForceNeighbors(k).fit(X)
    got = imblearn_neighbors(nn, X, rows, k, ask_first=False, report=report)
    np.testing.assert_array_equal(got, want[:, 1:])
    assert report.replayed > 0 and report.sklearn_batches == 0


def test_chunks_mostly_needing_the_blas_are_handed_to_scikit_learn(monkeypatch):
    monkeypatch.setattr(sklearn_blas, "BLAS_SPEEDUP", 10**9)
    X = tied(900, 20, 5)
    rows = np.arange(900)
    want = NearestNeighbors(n_neighbors=3).fit(X).kneighbors(X, return_distance=False)
    report = OrderReport()
    got = imblearn_neighbors(
        BruteForceNeighbors(3).fit(X), X, rows, 3, ask_first=False, report=report
    )
    np.testing.assert_array_equal(got, want[:, 1:])
    assert report.sklearn_batches == 1 and report.replayed == 0


def test_exact_values_are_the_same_both_ways(monkeypatch):
    X = tied(600, 24, 3)
    batch = np.arange(100, 600)
    positions = np.array([0, 5, 255, 256, 400, 499])
    norms = sklearn_row_norms(X)
    if not all(_shape_matches(m, n, 24) for m in (256, 244) for n in (256, 88)):
        pytest.skip("this BLAS does not sum these shapes in order")
    monkeypatch.setattr(sklearn_blas, "BLAS_SPEEDUP", 10**9)
    by_blas = exact_heap_values(X, batch, positions, norms)
    monkeypatch.setattr(sklearn_blas, "BLAS_SPEEDUP", 0)
    by_chains = exact_heap_values(X, batch, positions, norms)
    np.testing.assert_array_equal(by_blas, by_chains)


def test_float32_rows_are_upcast_as_scikit_learn_does():
    X = tied(500, 20, 4).astype(np.float32)
    rows = np.arange(0, 500, 2)
    want = NearestNeighbors(n_neighbors=5).fit(X).kneighbors(X[rows], return_distance=False)
    nn = BruteForceNeighbors(5).fit(X)
    got = imblearn_neighbors(nn, X, rows, 5, ask_first=False)
    np.testing.assert_array_equal(got, want[:, 1:])


def test_pair_values_equal_heap_values_at_those_pairs():
    from naive import naive_heap_values

    from fastsmote._kernels.blas_chain import pair_values

    rng = np.random.RandomState(5)
    X = rng.randn(60, 13) * 10 + 1e3
    norms = sklearn_blas.sklearn_row_norms(X)
    rows = np.array([0, 7, 59])
    cand = rng.randint(0, 60, size=(3, 5))
    want = naive_heap_values(X[rows], X, norms[rows], norms)
    np.testing.assert_array_equal(
        pair_values(X, rows, cand, norms), np.take_along_axis(want, cand, axis=1)
    )


def test_a_remainder_chunk_of_another_shape_gets_its_blas_product(monkeypatch):
    """1,018 fitted rows: three full chunks and a remainder of 250 (a shape this
    BLAS may sum otherwise): chains for the full chunks, the BLAS product for
    the remainder, the same values as the BLAS products throughout."""
    X = tied(1018, 20, 7)
    batch = np.arange(1018)
    positions = np.array([0, 3, 300, 700, 1017])
    norms = sklearn_row_norms(X)
    monkeypatch.setattr(sklearn_blas, "BLAS_SPEEDUP", 10**9)
    by_blas = exact_heap_values(X, batch, positions, norms)
    monkeypatch.setattr(sklearn_blas, "BLAS_SPEEDUP", 1)
    mixed = exact_heap_values(X, batch, positions, norms)
    np.testing.assert_array_equal(mixed, by_blas)
    want = NearestNeighbors(n_neighbors=5).fit(X).kneighbors(X, return_distance=False)
    report = OrderReport()
    got = imblearn_neighbors(
        BruteForceNeighbors(5).fit(X),
        X,
        batch[::40],
        5,
        batch=batch,
        ask_first=False,
        report=report,
    )
    np.testing.assert_array_equal(got, want[::40, 1:])
