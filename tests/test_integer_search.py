"""scikit-learn's brute-force lists on small-integer rows in one float32 pass:
the kernel against its Python reference, the lists against scikit-learn's,
and the samplers that use them against imbalanced-learn."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.over_sampling import ADASYN as ImbADASYN
from imblearn.under_sampling import EditedNearestNeighbours as ImbENN
from imblearn.under_sampling import TomekLinks as ImbTomek
from naive import naive_argkmin_replay
from sklearn.neighbors import NearestNeighbors

import fastsmote
from fastsmote._kernels.integer_argkmin import integer_argkmin
from fastsmote.neighbors import BruteForceNeighbors
from fastsmote.neighbors.ambiguity import FitFacts, fit_facts
from fastsmote.neighbors.integer_search import augmented_rows, integer_search_applies
from fastsmote.neighbors.sklearn_order import OrderReport, imblearn_neighbors


def _values(Q, R):
    return ((Q[:, None, :] - R[None, :, :]) ** 2).sum(-1)


@pytest.mark.parametrize("on_y", [False, True])
@pytest.mark.parametrize("k", [1, 3, 6, 11])
def test_kernel_equals_the_heap_replay_on_exact_values(on_y, k):
    rng = np.random.RandomState(k)
    R = rng.randint(0, 3, size=(700, 5)).astype(np.float64)  # many exact ties
    R[100:150] = R[:50]
    Q = R[::7]
    bounds = np.array([0, 256, 512, 700] if on_y else [0, 700], dtype=np.int64)
    r_aug, _ = augmented_rows(R)
    q_aug = np.empty((Q.shape[0], 6), dtype=np.float32)
    q_aug[:, :-1] = -2.0 * Q
    q_aug[:, -1] = 1.0
    for block_q, block_r in [(128, 1024), (5, 64), (1, 7)]:
        got = integer_argkmin(q_aug, r_aug, (Q * Q).sum(1), k, bounds, on_y, block_q, block_r)
        np.testing.assert_array_equal(got, naive_argkmin_replay(_values(Q, R), k, bounds, on_y))


@pytest.mark.parametrize("n_batch_rows", [40, 2_100])  # parallel_on_Y, then parallel_on_X
@pytest.mark.parametrize("values", [(0, 2), (0, 16), (-50, 50)])
def test_lists_equal_scikit_learns(n_batch_rows, values):
    rng = np.random.RandomState(values[1])
    X = rng.randint(*values, size=(2_100, 20)).astype(np.float64)
    X[500:600] = X[:100]
    batch = np.sort(rng.choice(2_100, n_batch_rows, replace=False))
    nn = BruteForceNeighbors(6).fit(X)
    assert integer_search_applies(fit_facts(nn, X), 6)
    report = OrderReport()
    got = imblearn_neighbors(nn, X, batch, 6, report=report)
    want = NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X[batch], return_distance=False)
    np.testing.assert_array_equal(got, want[:, 1:])
    assert report.integer_batches == 1 and report.ambiguous == 0


def test_rows_beyond_float32_or_fractional_or_few_features_do_not_apply():
    rng = np.random.RandomState(0)
    X = rng.randint(0, 3, size=(100, 20)).astype(np.float64)
    assert integer_search_applies(FitFacts(X, X), 6)
    assert not integer_search_applies(FitFacts(X, X), 16)  # beyond the insertion sort
    big = X.copy()
    big[0, 0] = 2_000.0  # 4 d M^2 > 2^24
    assert not integer_search_applies(FitFacts(big, big), 6)
    frac = X + 0.5
    assert not integer_search_applies(FitFacts(frac, frac), 6)
    few = X[:, :10]  # scikit-learn's KD-tree
    assert not integer_search_applies(FitFacts(few, few), 6)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (fastsmote.EditedNearestNeighbours, ImbENN),
        (fastsmote.TomekLinks, ImbTomek),
        (fastsmote.ADASYN, ImbADASYN),
    ],
)
def test_samplers_on_binary_rows_equal_imblearn(ours, theirs):
    rng = np.random.RandomState(3)
    X = rng.randint(0, 2, size=(3_000, 24)).astype(np.float64)
    y = (rng.rand(3_000) < 0.15).astype(np.int64)
    params = {"random_state": 0} if ours is fastsmote.ADASYN else {}
    X_ours, y_ours = ours(**params).fit_resample(X, y)
    X_theirs, y_theirs = theirs(**params).fit_resample(X, y)
    np.testing.assert_array_equal(X_ours, X_theirs)
    np.testing.assert_array_equal(y_ours, y_theirs)


def test_resolved_lists_of_small_integers_take_the_one_pass_search():
    from fastsmote.neighbors.sklearn_order import resolved_lists

    rng = np.random.RandomState(4)
    X = rng.randint(0, 4, size=(900, 18)).astype(np.float64)
    batch = np.arange(0, 900, 2)
    rows = batch[::5]
    report = OrderReport()
    got = resolved_lists(X, X, rows, 5, batch, report)
    want = NearestNeighbors(n_neighbors=5).fit(X).kneighbors(X[batch], return_distance=False)
    np.testing.assert_array_equal(got, want[::5, 1:])
    assert report.integer_batches == 1 and report.replayed == 0
