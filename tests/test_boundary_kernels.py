"""Kernels of the boundary-focused over-samplers against their NumPy references.

Integer and boolean outputs, and the floating-point outputs whose NumPy
expression the kernels reproduce, must be equal bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from naive import (
    naive_adasyn_counts,
    naive_borderline_labels,
    naive_cluster_sample_counts,
    naive_count_other_class,
    naive_interpolate_rows,
    naive_interpolate_rows_scaled,
    naive_pairwise_sum,
)

from fastsmote._kernels.adasyn import adasyn_counts
from fastsmote._kernels.borderline import (
    DANGER,
    NOISE,
    SAFE,
    borderline_labels,
    interpolate_rows_scaled,
)
from fastsmote._kernels.interpolate import interpolate_rows
from fastsmote._kernels.kmeans import cluster_sample_counts
from fastsmote._kernels.neighbor_classes import count_other_class
from fastsmote._kernels.reduce import PAIRWISE_BLOCK, pairwise_sum
from fastsmote._threads import numba_threads

DTYPES = [np.float64, np.float32]


def _bits_equal(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


# -- pairwise_sum ---------------------------------------------------------------
@pytest.mark.parametrize(
    "n",
    [*range(0, 2 * PAIRWISE_BLOCK + 20), 1000, 4095, 8191, 8192, 8193, 50_001, 131_072],
)
def test_pairwise_sum_equals_numpy_sum(n):
    rng = np.random.RandomState(n)
    # Magnitudes spread over 16 orders so that any other order rounds differently.
    values = rng.random_sample(n) * 10.0 ** rng.randint(-8, 8, size=n)
    assert pairwise_sum(values) == naive_pairwise_sum(values)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e12, 1e12, allow_nan=False), max_size=600))
def test_pairwise_sum_any_values(values):
    values = np.asarray(values, dtype=np.float64)
    assert pairwise_sum(values) == naive_pairwise_sum(values)


# -- count_other_class and borderline_labels -----------------------------------
@pytest.mark.parametrize("m_neighbors", [1, 2, 3, 5, 10, 11])
def test_count_other_class_and_labels(m_neighbors):
    rng = np.random.RandomState(m_neighbors)
    n_points = 400
    is_other = rng.random_sample(n_points) < 0.6
    nn_ind = rng.randint(0, n_points, size=(250, m_neighbors)).astype(np.int64)
    n_other = count_other_class(nn_ind, is_other)
    expected = naive_count_other_class(nn_ind, is_other)
    assert n_other.dtype == np.int64 and np.array_equal(n_other, expected)
    labels = borderline_labels(n_other, m_neighbors)
    assert labels.dtype == np.int8
    assert np.array_equal(labels, naive_borderline_labels(n_other, m_neighbors))


@pytest.mark.parametrize("m_neighbors", range(1, 13))
def test_borderline_thresholds_every_count(m_neighbors):
    n_other = np.arange(m_neighbors + 1, dtype=np.int64)
    labels = borderline_labels(n_other, m_neighbors)
    for count, label in zip(n_other, labels, strict=True):
        if count == m_neighbors:
            assert label == NOISE
        elif count >= m_neighbors / 2:
            assert label == DANGER
        else:
            assert label == SAFE


def test_count_other_class_no_neighbors():
    n_other = count_other_class(np.empty((3, 0), dtype=np.int64), np.array([True, False]))
    assert n_other.tolist() == [0, 0, 0]


# -- Borderline-SMOTE-2's step -------------------------------------------------
def _generation_case(dtype, seed, n_rows=60, n_data=90, n_features=7, k=5, n_samples=300):
    rng = np.random.RandomState(seed)
    X = (rng.normal(size=(n_rows, n_features)) * 10.0 ** rng.randint(-3, 4)).astype(dtype)
    nn_data = (rng.normal(size=(n_data, n_features)) * 3).astype(dtype)
    nn_ind = rng.randint(0, n_data, size=(n_rows, k)).astype(np.int64)
    rows = rng.randint(0, n_rows, size=n_samples).astype(np.int64)
    cols = rng.randint(0, k, size=n_samples).astype(np.int64)
    steps = rng.uniform(size=n_samples)
    return rng, X, nn_data, nn_ind, rows, cols, steps


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("cross_share", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_interpolate_rows_scaled_matches_imblearn_expression(dtype, cross_share, seed):
    rng, X, nn_data, nn_ind, rows, cols, steps = _generation_case(dtype, seed)
    is_cross = rng.random_sample(rows.shape[0]) < cross_share
    cross_draws = rng.uniform(0.0, 0.5, size=(int(is_cross.sum()), 1))
    scales = np.zeros(rows.shape[0])
    scales[is_cross] = cross_draws.ravel()
    out = np.empty((rows.shape[0], X.shape[1]), dtype=dtype)
    interpolate_rows_scaled(X, nn_data, nn_ind, rows, cols, steps, is_cross, scales, out)
    expected = naive_interpolate_rows_scaled(
        X, nn_data, nn_ind, rows, cols, steps, is_cross, cross_draws
    )
    assert _bits_equal(out, expected)


@pytest.mark.parametrize("dtype", DTYPES)
def test_interpolate_rows_scaled_non_finite(dtype):
    rng, X, nn_data, nn_ind, rows, cols, steps = _generation_case(dtype, 5)
    X[3, 1] = np.nan
    nn_data[::7, 2] = np.inf
    X[10, 0] = np.finfo(dtype).max
    nn_data[:, 0] = -np.finfo(dtype).max
    is_cross = rng.random_sample(rows.shape[0]) < 0.5
    cross_draws = rng.uniform(0.0, 0.5, size=(int(is_cross.sum()), 1))
    scales = np.zeros(rows.shape[0])
    scales[is_cross] = cross_draws.ravel()
    out = np.empty((rows.shape[0], X.shape[1]), dtype=dtype)
    with np.errstate(all="ignore"):
        interpolate_rows_scaled(X, nn_data, nn_ind, rows, cols, steps, is_cross, scales, out)
        expected = naive_interpolate_rows_scaled(
            X, nn_data, nn_ind, rows, cols, steps, is_cross, cross_draws
        )
    assert _bits_equal(out, expected)


# -- SVM-SMOTE's extrapolation: SMOTE's kernel with negative steps --------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("out_step", [0.0, 0.5, 1.0])
def test_extrapolation_is_interpolation_with_negative_steps(dtype, out_step):
    _, X, _, _, rows, cols, steps = _generation_case(dtype, 7, n_data=60)
    nn_ind = np.random.RandomState(8).randint(0, X.shape[0], size=(X.shape[0], 5))
    steps = -out_step * steps
    out = np.empty((rows.shape[0], X.shape[1]), dtype=dtype)
    interpolate_rows(X, X, nn_ind.astype(np.int64), rows, cols, steps, out)
    assert _bits_equal(out, naive_interpolate_rows(X, X, nn_ind, rows, cols, steps))


# -- ADASYN ---------------------------------------------------------------------
@pytest.mark.parametrize("n_neighbors", [1, 3, 5, 7, 10])
@pytest.mark.parametrize("n_samples", [1, 2, 17, 999, 54_321, 900_000])
def test_adasyn_counts_matches_imblearn(n_neighbors, n_samples):
    rng = np.random.RandomState(n_neighbors * 7 + n_samples)
    for n_rows in (1, 9, 130, 5000):
        n_other = rng.randint(0, n_neighbors + 1, size=n_rows).astype(np.int64)
        n_other[0] = max(n_other[0], 1)
        ratio, counts = adasyn_counts(n_other, n_neighbors, n_samples)
        ref_ratio, ref_counts = naive_adasyn_counts(n_other, n_neighbors, n_samples)
        assert _bits_equal(ratio, ref_ratio)
        assert counts.dtype == np.int64 and np.array_equal(counts, ref_counts)


def test_adasyn_counts_rounds_half_to_even():
    # Ratios of exactly 1/4: 0.5 rounds to 0, 1.5 to 2, 2.5 to 2.
    n_other = np.ones(4, dtype=np.int64)
    assert adasyn_counts(n_other, 2, 2)[1].tolist() == [0, 0, 0, 0]
    assert adasyn_counts(n_other, 2, 6)[1].tolist() == [2, 2, 2, 2]
    assert adasyn_counts(n_other, 2, 10)[1].tolist() == [2, 2, 2, 2]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=1, max_size=300),
    st.integers(1, 12),
    st.integers(0, 10**6),
)
def test_adasyn_counts_any_input(n_other, n_neighbors, n_samples):
    n_other = np.minimum(np.asarray(n_other, dtype=np.int64), n_neighbors)
    if not n_other.any():
        n_other[0] = 1
    ratio, counts = adasyn_counts(n_other, n_neighbors, n_samples)
    ref_ratio, ref_counts = naive_adasyn_counts(n_other, n_neighbors, n_samples)
    assert _bits_equal(ratio, ref_ratio)
    assert np.array_equal(counts, ref_counts)


# -- KMeans-SMOTE ----------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.floats(1e-300, 1e300, allow_nan=False), min_size=1, max_size=200),
    st.integers(0, 10**7),
)
def test_cluster_sample_counts_matches_imblearn(sparsities, n_samples):
    sparsities = np.asarray(sparsities, dtype=np.float64)
    with np.errstate(all="ignore"):
        ref_weights, ref_counts = naive_cluster_sample_counts(sparsities, n_samples)
    if not np.isfinite(ref_weights).all():
        return  # imbalanced-learn's math.ceil raises there; the estimator checks first
    weights, counts = cluster_sample_counts(sparsities, n_samples)
    assert _bits_equal(weights, ref_weights)
    assert np.array_equal(counts, ref_counts)


# -- threads ----------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
def test_parallel_kernels_do_not_depend_on_threads(dtype):
    rng, X, nn_data, nn_ind, rows, cols, steps = _generation_case(dtype, 11, n_samples=5000)
    is_cross = rng.random_sample(rows.shape[0]) < 0.4
    scales = rng.uniform(0.0, 0.5, size=rows.shape[0])
    is_other = rng.random_sample(nn_data.shape[0]) < 0.5
    results = []
    for n_jobs in (1, 2):
        with numba_threads(n_jobs):
            out = np.empty((rows.shape[0], X.shape[1]), dtype=dtype)
            interpolate_rows_scaled(X, nn_data, nn_ind, rows, cols, steps, is_cross, scales, out)
            results.append((out, count_other_class(nn_ind, is_other)))
    assert _bits_equal(results[0][0], results[1][0])
    assert np.array_equal(results[0][1], results[1][1])
