"""NearMiss: kernels against NumPy references, bounds against scikit-learn,
and output identical to imbalanced-learn's (duplicates, ties, float32, real
tables, errors and warnings)."""

from __future__ import annotations

import doctest
import warnings

import numpy as np
import pandas as pd
import pytest
from imblearn.under_sampling import NearMiss as ImbNearMiss
from naive_under import (
    naive_exact_squared_block,
    naive_merge_extremes,
    naive_near_miss_order,
    naive_overlapping_rows,
)
from parity_support import assert_same_output
from scipy import sparse
from sklearn.neighbors import NearestNeighbors
from sklearn.utils._param_validation import InvalidParameterError

import fastsmote
import fastsmote._kernels.near_miss as kernels
import fastsmote.under_sampling.near_miss as near_miss
from fastsmote._kernels.near_miss import (
    blocked_extremes,
    exact_squared_block,
    merge_extremes,
    overlapping_rows,
)
from fastsmote.datasets import GENERATED_TABLES, load_real
from fastsmote.under_sampling.near_miss import NearMiss, brute_sums, extreme_squares, stable_first


def run_both(X, y, **params):
    """imbalanced-learn's and fastsmote's NearMiss on the same data: same
    output (container, dtypes, values, order) and ``sample_indices_``."""
    ref, ours = ImbNearMiss(**params), NearMiss(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = ref.fit_resample(X, y)
        result = ours.fit_resample(X, y)
    assert_same_output(expected, result)
    np.testing.assert_array_equal(ours.sample_indices_, ref.sample_indices_)
    return ref, ours


def three_classes(seed, n=600, d=20, dtype=np.float64):
    rng = np.random.RandomState(seed)
    y = rng.choice(3, n, p=[0.6, 0.3, 0.1])
    X = rng.normal(size=(n, d)) * rng.uniform(0.2, 3.0, d)
    return X.astype(dtype), y


# -- kernels ---------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_exact_squared_block_matches_reference(dtype):
    rng = np.random.RandomState(0)
    Q = (rng.normal(size=(7, 5)) * 10).astype(dtype).astype(np.float64)
    RT = np.ascontiguousarray((rng.normal(size=(9, 5)) * 10).astype(dtype).astype(np.float64).T)
    out = np.empty((7, 9))
    exact_squared_block(Q, RT, out)
    np.testing.assert_array_equal(out, naive_exact_squared_block(Q, RT))


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_merge_extremes_matches_reference(sign):
    rng = np.random.RandomState(1)
    # Integer values: many ties, which go to the smaller index.
    products = rng.randint(-3, 4, size=(6, 11)).astype(np.float64)
    q_norms, r_norms = rng.randint(0, 9, 6).astype(float), rng.randint(0, 9, 11).astype(float)
    val, ind = np.full((6, 4), np.inf), np.full((6, 4), -1, dtype=np.int64)
    want_val, want_ind = val.copy(), ind.copy()
    for start, stop in ((0, 5), (5, 11)):  # two blocks, in index order
        block = np.ascontiguousarray(products[:, start:stop])
        merge_extremes(q_norms, block, -2.0, r_norms[start:stop], start, sign, val, ind)
        want_val, want_ind = naive_merge_extremes(
            q_norms, block, -2.0, r_norms[start:stop], start, sign, want_val, want_ind
        )
    np.testing.assert_array_equal(val, want_val)
    np.testing.assert_array_equal(ind, want_ind)


def test_overlapping_rows_matches_reference():
    rng = np.random.RandomState(2)
    for _ in range(20):
        centre = np.sort(rng.randint(0, 30, 25).astype(float))
        width = rng.choice([0.0, 0.0, 0.5, 2.0], 25)
        got = overlapping_rows(centre - width, centre + width)
        np.testing.assert_array_equal(got, naive_overlapping_rows(centre - width, centre + width))


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_blocked_extremes_finds_the_extremes(exact, sign):
    rng = np.random.RandomState(3)
    Q, R = rng.normal(size=(23, 4)), rng.normal(size=(37, 4))
    k = 5
    full = naive_exact_squared_block(Q, np.ascontiguousarray(R.T))
    q_norms = np.zeros(23) if exact else np.einsum("ij,ij->i", Q, Q)
    r_norms = np.zeros(37) if exact else np.einsum("ij,ij->i", R, R)
    val, ind = np.full((23, k), np.inf), np.full((23, k), -1, dtype=np.int64)
    RT = np.ascontiguousarray(R.T)
    blocked_extremes(Q, R, RT, q_norms, r_norms, exact, sign, 4, 6, val, ind)
    want = np.argsort(sign * full, axis=1, kind="stable")[:, :k]
    np.testing.assert_array_equal(ind, want)  # distinct distances: one answer
    values = np.take_along_axis(full, want, axis=1)
    if exact:
        np.testing.assert_array_equal(sign * val, values)
    else:
        np.testing.assert_allclose(sign * val, values, rtol=1e-12, atol=1e-12)


# -- bounds and ordering ------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("offset", [0.0, 1e3, 1e6])
@pytest.mark.parametrize("farthest", [False, True])
def test_brute_sums_bound_scikit_learns_sums(dtype, offset, farthest):
    rng = np.random.RandomState(4)
    X = rng.normal(size=(330, 20)) * rng.uniform(0.01, 10, 20) + offset
    X = np.repeat(X, 2, axis=0).astype(dtype)  # duplicate rows too
    Q, R = X[:500], X[500:]
    k = 3
    nn = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(R)
    dist = nn.kneighbors(Q, n_neighbors=R.shape[0] if farthest else k)[0]
    want = np.sum(dist[:, -k:], axis=1)
    sums, bound = brute_sums(Q, R, extreme_squares(Q, R, k, farthest, False), farthest, False)
    if dtype == np.float32:
        sums, bound = brute_sums(Q, R, extreme_squares(Q, R, k, farthest, False), farthest, True)
        # Rows proven identical (none where the offset drowns the distances).
        assert (bound == 0).any() or offset > 1e3
    assert np.all(np.abs(sums - want) <= bound)


@pytest.mark.parametrize("descending", [False, True])
def test_stable_first_is_sorted_on_the_true_sums(descending):
    rng = np.random.RandomState(5)
    for trial in range(30):
        true = rng.randint(0, 12, 60) / 4.0  # many exact ties
        bound = rng.choice([0.0, 1e-3, 0.3], 60) * (trial % 3 > 0)
        approx = true + rng.uniform(-1, 1, 60) * bound
        asked = []

        def oracle(pos, true=true, asked=asked):
            asked.append(pos)
            return true[pos]

        n_keep = int(rng.randint(1, 70))
        got = stable_first(approx, bound, n_keep, descending, oracle)
        np.testing.assert_array_equal(got, naive_near_miss_order(list(true), n_keep, descending))
        if not bound.any():
            assert not asked


# -- parity with imbalanced-learn -------------------------------------------------------


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("d", [5, 20])
def test_generated_data(version, seed, d):
    X, y = three_classes(seed, d=d)
    run_both(X, y, version=version)


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize(
    "params",
    [
        {"sampling_strategy": {0: 40, 1: 80}},
        {"sampling_strategy": "majority", "n_neighbors": 5},
        {"n_neighbors": 2, "n_neighbors_ver3": 1},
        {"n_neighbors": 70},  # more than the minority class has, in version 2
        {"sampling_strategy": "all"},  # the minority rows against themselves
    ],
)
def test_parameters(version, params):
    X, y = three_classes(2, n=500, d=6)
    if params.get("n_neighbors") == 70 and version != 2:
        pytest.skip("more neighbours than minority rows: an error, tested below")
    run_both(X, y, version=version, **params)


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("d", [4, 18])
def test_float32(version, d):
    X, y = three_classes(3, n=700, d=d, dtype=np.float32)
    run_both(X, y, version=version)
    run_both(X + np.float32(100), y, version=version)


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("d", [3, 18])
def test_duplicates_and_integer_ties(version, d):
    rng = np.random.RandomState(6)
    y = rng.choice(3, 800, p=[0.6, 0.3, 0.1])
    integers = rng.randint(0, 3, (800, d)).astype(float)
    run_both(integers, y, version=version)
    run_both(integers.astype(np.int64), y, version=version)  # scikit-learn's other formula
    repeated = np.repeat(rng.normal(size=(200, d)), 4, axis=0)
    run_both(repeated, y, version=version)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_large_offsets_ask_scikit_learn(version, monkeypatch):
    """Values near 1e6: scikit-learn's brute-force sums are rounding noise, so
    many rows get its own values, and the output is still identical."""
    asked = []
    original = near_miss.argkmin_rows

    def spy(X_query, X_fit, positions, k, return_distance):
        asked.append(positions.size)
        return original(X_query, X_fit, positions, k, return_distance)

    monkeypatch.setattr(near_miss, "argkmin_rows", spy)
    X, y = three_classes(7, n=900, d=20)
    run_both(X + 1e6, y, version=version)
    assert sum(asked) > 0


@pytest.mark.parametrize("scale", [1e160, 1e-160, 1e-300])
@pytest.mark.parametrize("d", [3, 20])
def test_overflow_and_underflow(scale, d):
    """Squares that overflow to inf or fall among subnormals: still identical."""
    X, y = three_classes(14, n=300, d=d)
    for version in (1, 2, 3):
        run_both(X * scale, y, version=version)


def test_version_3_ties_get_scikit_learns_tree(monkeypatch):
    """Tied k-th neighbours in the pre-selection (KD-tree data) are asked of
    a KD-tree built as imbalanced-learn's NearestNeighbors builds it."""
    built = []
    original = near_miss.KDTree

    def spy(*args, **kwargs):
        built.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(near_miss, "KDTree", spy)
    rng = np.random.RandomState(8)
    X = rng.randint(0, 3, (600, 3)).astype(float)
    y = rng.choice(2, 600, p=[0.85, 0.15])
    run_both(X, y, version=3, n_neighbors_ver3=2)
    assert built


@pytest.mark.parametrize("version", [1, 2, 3])
def test_sparse_pandas_and_objects(version):
    X, y = three_classes(9, n=400, d=8)
    run_both(sparse.csr_matrix(np.where(np.abs(X) > 1, X, 0.0)), y, version=version)
    frame = pd.DataFrame(X, columns=[f"c{i}" for i in range(8)])
    run_both(frame, pd.Series(y, name="target"), version=version)
    run_both(X, y, version=version, n_neighbors=NearestNeighbors(n_neighbors=4))
    _, ours = run_both(
        X, y, version=version, n_neighbors_ver3=NearestNeighbors(n_neighbors=2, algorithm="brute")
    )
    assert ours.nn_.n_samples_fit_ == np.bincount(y).min()
    assert (version == 3) == hasattr(ours, "nn_ver3_")


REAL = ["cm1", "german", "kc1", "pc1", "spect_f", "breast_cancer", "wine", "integer_columns"]
REAL += ["timestamp_offset", "far_outlier"]


@pytest.mark.parametrize("name", REAL)
def test_real_tables(name):
    X, y = load_real(name, n_samples=3000) if name in GENERATED_TABLES else load_real(name)
    for version in (1, 2, 3):
        run_both(X, y, version=version)


# -- warnings and errors ------------------------------------------------------------------


def test_version_3_warns_as_imbalanced_learn():
    X, y = three_classes(10, n=300, d=4)
    for sampler in (
        ImbNearMiss(version=3, n_neighbors_ver3=1),
        NearMiss(version=3, n_neighbors_ver3=1),
    ):
        with pytest.warns(UserWarning, match="The number of the samples to be selected is larger"):
            sampler.fit_resample(X, y)


@pytest.mark.parametrize(
    "params",
    [
        {"version": 4},
        {"version": 0},
        {"n_neighbors": 0},
        {"n_neighbors": "three"},
        {"n_neighbors_ver3": 1.5},
        {"n_jobs": "all"},
        {"sampling_strategy": "minority"},
    ],
)
def test_bad_parameters(params):
    X, y = three_classes(11, n=200, d=4)
    errors = []
    for cls in (ImbNearMiss, NearMiss):
        with pytest.raises((InvalidParameterError, ValueError)) as info:
            cls(**params).fit_resample(X, y)
        errors.append((type(info.value), str(info.value)))
    assert errors[0] == errors[1]


@pytest.mark.parametrize(
    "params",
    [
        {"version": 1, "n_neighbors": 50},
        {"version": 3, "n_neighbors": 50},
        {"version": 3, "n_neighbors_ver3": 500},
    ],
)
def test_too_many_neighbours(params):
    X, y = three_classes(12, n=300, d=4)
    errors = []
    for cls in (ImbNearMiss, NearMiss):
        with pytest.raises(ValueError) as info:
            cls(**params).fit_resample(X, y)
        errors.append(str(info.value))
    assert errors[0] == errors[1]
    assert "n_neighbors" in errors[1]


@pytest.mark.parametrize("module", [near_miss, kernels])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("version", [1, 2, 3])
def test_thread_count_and_index_order(version):
    """Any thread count gives the same output; the by-index rule (exact
    float64 sums, no scikit-learn) is deterministic and keeps the counts."""
    X, y = three_classes(13, n=700, d=18)
    runs = [NearMiss(version=version, n_jobs=n).fit_resample(X, y)[1] for n in (1, 2)]
    np.testing.assert_array_equal(runs[0], runs[1])
    fastsmote.set_config(neighbor_order="index")
    try:
        first = NearMiss(version=version).fit(X, y)
        again = NearMiss(version=version).fit_resample(X, y)
    finally:
        fastsmote.set_config(neighbor_order="imblearn")
    assert first.sampling_strategy_ == ImbNearMiss(version=version).fit(X, y).sampling_strategy_
    assert np.array_equal(np.sort(np.bincount(again[1])), np.sort(np.bincount(runs[0])))
