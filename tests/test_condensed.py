"""CondensedNearestNeighbour: kernels against NumPy, output against imbalanced-learn's.

For the same parameters and ``random_state``, ``X``, ``y``, their dtypes, row
order, ``sample_indices_`` and the classifiers of ``estimators_`` equal
imbalanced-learn 0.14.2's: on generated data (binary, multiclass, float32,
sampling strategies, seeds), on duplicate rows and integer-valued data (exact
ties, both scikit-learn searches: KD-tree below 16 features, brute force from
16), on real tables, and on the routes that run scikit-learn's classifier
(``n_neighbors`` > 1, a ``KNeighborsClassifier``, sparse input).
"""

from __future__ import annotations

import copy
import warnings

import imblearn.under_sampling as imb
import numpy as np
import pytest
from naive_under import naive_condense_scan, naive_paired_squared_distances
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors

from fastsmote._kernels.condensed import condense_scan, join_members, paired_squared_distances
from fastsmote.datasets import load_real, make_workload
from fastsmote.under_sampling import condensed
from fastsmote.under_sampling.condensed import CondensedNearestNeighbour


def run_both(X, y, **params):
    """Both libraries' ``fit_resample`` with ``params`` (each its own copy)."""
    ref = imb.CondensedNearestNeighbour(**copy.deepcopy(params))
    ours = CondensedNearestNeighbour(**copy.deepcopy(params))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = ref.fit_resample(X, y)
        result = ours.fit_resample(X, y)
    return expected, result, ref, ours


def assert_same(X, y, **params):
    (X_ref, y_ref), (X_res, y_res), ref, ours = run_both(X, y, **params)
    assert X_res.dtype == X_ref.dtype and y_res.dtype == y_ref.dtype
    if sparse.issparse(X_ref):
        X_ref, X_res = X_ref.toarray(), X_res.toarray()
    np.testing.assert_array_equal(X_res, X_ref)
    np.testing.assert_array_equal(y_res, y_ref)
    np.testing.assert_array_equal(ours.sample_indices_, ref.sample_indices_)
    assert ours.sample_indices_.dtype == ref.sample_indices_.dtype
    assert len(ours.estimators_) == len(ref.estimators_)
    for mine, theirs in zip(ours.estimators_, ref.estimators_, strict=True):
        assert mine.get_params() == theirs.get_params()
        fit_ref = theirs._fit_X.toarray() if sparse.issparse(theirs._fit_X) else theirs._fit_X
        fit_res = mine._fit_X.toarray() if sparse.issparse(mine._fit_X) else mine._fit_X
        np.testing.assert_array_equal(fit_res, fit_ref)
        np.testing.assert_array_equal(mine._y, theirs._y)
    return ours


@pytest.fixture
def oracle_calls(monkeypatch):
    """Counts the rows asked of scikit-learn's classifier."""
    calls = {"alone": 0, "batch": 0}
    alone, batch = (
        condensed.ClassifierOracle.alone_correct,
        condensed.ClassifierOracle.in_batch_correct,
    )

    def count_alone(self, positions):
        calls["alone"] += len(positions)
        return alone(self, positions)

    def count_batch(self, positions):
        calls["batch"] += len(positions)
        return batch(self, positions)

    monkeypatch.setattr(condensed.ClassifierOracle, "alone_correct", count_alone)
    monkeypatch.setattr(condensed.ClassifierOracle, "in_batch_correct", count_batch)
    return calls


# --- kernels against tests/naive.py -------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_paired_squared_distances_equal_naive(dtype):
    rng = np.random.RandomState(0)
    Q = rng.normal(size=(50, 7)).astype(dtype)
    R = (rng.normal(size=(20, 7)) * 3).astype(dtype)
    r_of_q = rng.randint(0, 20, size=50).astype(np.int64)
    got = paired_squared_distances(Q, R, r_of_q)
    np.testing.assert_array_equal(got, naive_paired_squared_distances(Q, R, r_of_q))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_condense_scan_equals_naive(seed):
    """Same stops, same members in the same order, same skipped positions,
    resumed after every stop as the sampler resumes."""
    rng = np.random.RandomState(seed)
    n = 300
    # Integer values: exact ties between the two distances make stops.
    X_class = rng.randint(0, 4, size=(n, 3)).astype(np.float64)
    other_dist = rng.randint(1, 8, size=n).astype(np.float64)
    err_abs = np.full(n, 1e-9)
    glob = rng.permutation(2 * n).astype(np.int64)[:n]
    members = np.zeros(n + 2, dtype=np.int64)
    member_X = np.zeros((n + 2, 3))
    members[:2] = [5, 17]
    member_X[:2] = X_class[[5, 17]]
    n_members = np.array([2], dtype=np.int64)
    skip = np.zeros(n, dtype=np.bool_)
    skip[glob[[5, 17]][glob[[5, 17]] < n]] = True
    ref_members, ref_skip, start, stops = members[:2].copy(), skip.copy(), 0, 0
    while True:
        want = naive_condense_scan(
            X_class, other_dist, err_abs, 0.0, ref_members, ref_skip, glob, start
        )
        got = condense_scan(
            X_class, other_dist, err_abs, 0.0, members, member_X, n_members, skip, glob, start
        )
        assert got == want[0]
        np.testing.assert_array_equal(members[: n_members[0]], want[1])
        np.testing.assert_array_equal(skip, want[2])
        np.testing.assert_array_equal(member_X[: n_members[0]], X_class[want[1]])
        if got == -1:
            break
        stops += 1
        # Alternate the caller's answers: join, pass.
        if stops % 2:
            join_members(X_class, got, members, member_X, n_members, skip, glob)
        ref_members, ref_skip, start = members[: n_members[0]].copy(), skip.copy(), got + 1
    assert stops > 0 and n_members[0] > 2


# --- parity with imbalanced-learn ---------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("n_features", [5, 20])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_generated_data(seed, n_features, n_classes):
    weights = [0.2, 0.8] if n_classes == 2 else [0.15, 0.35, 0.5]
    X, y = make_classification(
        n_samples=300,
        n_features=n_features,
        n_informative=3,
        n_classes=n_classes,
        weights=weights,
        n_clusters_per_class=1,
        random_state=seed,
    )
    assert_same(X, y, random_state=seed)


@pytest.mark.parametrize(
    "params",
    [
        {"sampling_strategy": "all"},
        {"sampling_strategy": "majority"},
        {"sampling_strategy": [0, 2]},
        {"n_seeds_S": 5},
        {"n_neighbors": 1},
        {"n_neighbors": KNeighborsClassifier(n_neighbors=1)},
    ],
)
def test_parameters(params):
    X, y = make_classification(
        n_samples=250, n_features=6, n_classes=3, n_informative=3, weights=[0.2, 0.3, 0.5],
        n_clusters_per_class=1, random_state=3,
    )  # fmt: skip
    assert_same(X, y, random_state=np.random.RandomState(7), **params)


def test_float32_and_labels():
    X, y = make_classification(n_samples=300, n_features=8, weights=[0.3, 0.7], random_state=5)
    labels = np.array(["no", "yes"])[y]
    assert_same(X.astype(np.float32), labels, random_state=2)


@pytest.mark.parametrize("n_features", [4, 18])
def test_integer_ties_ask_scikit_learn(n_features, oracle_calls):
    """Integer values tie exactly: KD-tree (4 features) and brute force (18)."""
    rng = np.random.RandomState(n_features)
    X = rng.randint(0, 3, (250, n_features)).astype(float)
    y = rng.choice(2, 250, p=[0.3, 0.7])
    for seed in range(2 if n_features < 16 else 1):
        assert_same(X, y, random_state=seed)
    assert oracle_calls["alone"] + oracle_calls["batch"] > 0


def test_duplicate_rows(oracle_calls):
    """Repeated rows across the classes: every tie is scikit-learn's to break."""
    rng = np.random.RandomState(4)
    base = rng.normal(size=(50, 3))
    X = np.repeat(base, 4, axis=0)
    y = rng.choice(2, X.shape[0], p=[0.35, 0.65])
    for seed in range(2):
        assert_same(X, y, random_state=seed)
    assert oracle_calls["alone"] > 0


def test_brute_batch_chunks(oracle_calls):
    """More than one 256-row chunk of brute-force predictions (20 features)
    with ties: the chunk that holds a row decides, as in imbalanced-learn."""
    rng = np.random.RandomState(1)
    X = rng.randint(0, 2, (330, 20)).astype(float)
    y = rng.choice(2, 330, p=[0.1, 0.9])
    assert np.count_nonzero(y == 1) > 256
    assert_same(X, y, random_state=0)
    assert oracle_calls["batch"] > 0


@pytest.mark.parametrize("name", ["wine", "spect_f", "integer_columns", "timestamp_offset"])
def test_real_tables(name):
    generated = name in ("integer_columns", "timestamp_offset")
    X, y = load_real(name, n_samples=250) if generated else load_real(name)
    assert_same(X, y, random_state=0)


def test_w3_subset():
    X, y = make_workload("W3", n_samples=600)
    assert_same(X, y, random_state=0)


@pytest.mark.parametrize(
    "params",
    [
        {"n_neighbors": 3},
        {"n_neighbors": KNeighborsClassifier(n_neighbors=2, weights="distance")},
        {"n_neighbors": KNeighborsClassifier(n_neighbors=1, algorithm="brute")},
    ],
)
def test_scikit_learn_classifier_routes(params):
    X, y = make_classification(n_samples=250, n_features=5, weights=[0.3, 0.7], random_state=2)
    assert_same(X, y, random_state=1, **params)


def test_sparse_input():
    X, y = make_classification(n_samples=200, n_features=6, weights=[0.3, 0.7], random_state=4)
    X[np.abs(X) < 0.7] = 0.0
    assert_same(sparse.csr_matrix(X), y, random_state=0)


def test_pandas_round_trip():
    pd = pytest.importorskip("pandas")
    X, y = make_classification(
        n_samples=200, n_features=4, n_informative=2, weights=[0.3, 0.7], random_state=6
    )
    frame = pd.DataFrame(X, columns=list("abcd"))
    (X_ref, y_ref), (X_res, y_res), _, _ = run_both(frame, pd.Series(y, name="t"), random_state=0)
    pd.testing.assert_frame_equal(X_res, X_ref)
    pd.testing.assert_series_equal(y_res, y_ref)


# --- bad input: imbalanced-learn's exception and message ---------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"n_seeds_S": 0},
        {"n_neighbors": 0},
        {"n_neighbors": "three"},
        {"n_jobs": 1.5},
        {"random_state": "seed"},
        {"n_neighbors": NearestNeighbors(n_neighbors=1)},
        {"n_neighbors": 500},
    ],
)
def test_bad_input_same_error(params):
    X, y = make_classification(
        n_samples=100, n_features=4, n_informative=2, weights=[0.3, 0.7], random_state=0
    )
    with pytest.raises(Exception) as theirs:
        imb.CondensedNearestNeighbour(**params).fit_resample(X, y)
    with pytest.raises(Exception) as ours:
        CondensedNearestNeighbour(**params).fit_resample(X, y)
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value) == str(theirs.value)


def test_bad_nn_backend():
    X, y = make_classification(
        n_samples=100, n_features=4, n_informative=2, weights=[0.3, 0.7], random_state=0
    )
    with pytest.raises(ValueError, match="nn_backend"):
        CondensedNearestNeighbour(nn_backend="fast").fit_resample(X, y)
