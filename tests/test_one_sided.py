"""OneSidedSelection: output against imbalanced-learn's.

For the same parameters and ``random_state``, ``X``, ``y``, their dtypes, row
order, ``sample_indices_`` and the classifiers of ``estimators_`` equal
imbalanced-learn 0.14.2's: generated data (binary, multiclass, float32,
strategies, seeds), duplicate rows and integer-valued data (ties settled by
scikit-learn's classifier, KD-tree and brute force), real tables, and the
routes that run scikit-learn's classifier (``n_neighbors`` > 1, a
``KNeighborsClassifier``, sparse input). The Tomek-link step is fastsmote's
:class:`~fastsmote.TomekLinks` (its own kernel tests are in
``tests/test_cleaning_kernels.py``).
"""

from __future__ import annotations

import copy
import warnings

import imblearn.under_sampling as imb
import numpy as np
import pytest
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors

from fastsmote.datasets import load_real, make_workload
from fastsmote.under_sampling import condensed
from fastsmote.under_sampling.one_sided import OneSidedSelection


def assert_same(X, y, **params):
    ref = imb.OneSidedSelection(**copy.deepcopy(params))
    ours = OneSidedSelection(**copy.deepcopy(params))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_ref, y_ref = ref.fit_resample(X, y)
        X_res, y_res = ours.fit_resample(X, y)
    assert X_res.dtype == X_ref.dtype and y_res.dtype == y_ref.dtype
    if sparse.issparse(X_ref):
        X_ref, X_res = X_ref.toarray(), X_res.toarray()
    np.testing.assert_array_equal(X_res, X_ref)
    np.testing.assert_array_equal(y_res, y_ref)
    np.testing.assert_array_equal(ours.sample_indices_, ref.sample_indices_)
    assert len(ours.estimators_) == len(ref.estimators_)
    for mine, theirs in zip(ours.estimators_, ref.estimators_, strict=True):
        assert mine.get_params() == theirs.get_params()
        fit_ref = theirs._fit_X.toarray() if sparse.issparse(theirs._fit_X) else theirs._fit_X
        fit_res = mine._fit_X.toarray() if sparse.issparse(mine._fit_X) else mine._fit_X
        np.testing.assert_array_equal(fit_res, fit_ref)
    return ours


@pytest.fixture
def oracle_rows(monkeypatch):
    """Counts the rows asked of scikit-learn's classifier."""
    calls = {"batch": 0}
    batch = condensed.ClassifierOracle.in_batch_correct

    def count_batch(self, positions):
        calls["batch"] += len(positions)
        return batch(self, positions)

    monkeypatch.setattr(condensed.ClassifierOracle, "in_batch_correct", count_batch)
    return calls


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n_features", [5, 20])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_generated_data(seed, n_features, n_classes):
    weights = [0.2, 0.8] if n_classes == 2 else [0.15, 0.35, 0.5]
    X, y = make_classification(
        n_samples=600,
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
        {"sampling_strategy": "not minority"},
        {"sampling_strategy": [1]},
        {"n_seeds_S": 40},
        {"n_neighbors": KNeighborsClassifier(n_neighbors=1)},
    ],
)
def test_parameters(params):
    X, y = make_classification(
        n_samples=500, n_features=6, n_classes=3, n_informative=3, weights=[0.2, 0.3, 0.5],
        n_clusters_per_class=1, random_state=3,
    )  # fmt: skip
    assert_same(X, y, random_state=np.random.RandomState(11), **params)


def test_float32_and_labels():
    X, y = make_classification(n_samples=500, n_features=8, weights=[0.3, 0.7], random_state=5)
    assert_same(X.astype(np.float32), np.array(["a", "b"])[y], random_state=2)


@pytest.mark.parametrize("n_features", [4, 18])
def test_integer_ties(n_features, oracle_rows):
    rng = np.random.RandomState(n_features)
    X = rng.randint(0, 3, (400, n_features)).astype(float)
    y = rng.choice(2, 400, p=[0.3, 0.7])
    for seed in range(4):
        assert_same(X, y, random_state=seed, n_seeds_S=3)
    assert oracle_rows["batch"] > 0


def test_duplicate_rows(oracle_rows):
    rng = np.random.RandomState(8)
    X = np.repeat(rng.normal(size=(150, 17)), 3, axis=0)
    y = rng.choice(2, X.shape[0], p=[0.35, 0.65])
    for seed in range(3):
        assert_same(X, y, random_state=seed, n_seeds_S=20)
    assert oracle_rows["batch"] > 0


@pytest.mark.parametrize("name", ["wine", "breast_cancer", "cm1", "spect_f", "far_outlier"])
def test_real_tables(name):
    X, y = load_real(name, n_samples=400) if name == "far_outlier" else load_real(name)
    assert_same(X, y, random_state=0)


def test_w3_subset():
    X, y = make_workload("W3", n_samples=4000)
    assert_same(X, y, random_state=0)


@pytest.mark.parametrize(
    "params",
    [{"n_neighbors": 3}, {"n_neighbors": KNeighborsClassifier(n_neighbors=4, p=1)}],
)
def test_scikit_learn_classifier_routes(params):
    X, y = make_classification(n_samples=300, n_features=5, weights=[0.3, 0.7], random_state=2)
    assert_same(X, y, random_state=1, **params)


def test_sparse_input():
    X, y = make_classification(n_samples=300, n_features=6, weights=[0.3, 0.7], random_state=4)
    X[np.abs(X) < 0.7] = 0.0
    assert_same(sparse.csr_matrix(X), y, random_state=0)


@pytest.mark.parametrize(
    "params",
    [
        {"n_seeds_S": 0},
        {"n_neighbors": -1},
        {"n_jobs": "all"},
        {"n_neighbors": NearestNeighbors()},
        {"n_neighbors": np.int64(1)},
    ],
)
def test_bad_input_same_error(params):
    X, y = make_classification(
        n_samples=100, n_features=4, n_informative=2, weights=[0.3, 0.7], random_state=0
    )
    with pytest.raises(Exception) as theirs:
        imb.OneSidedSelection(**params).fit_resample(X, y)
    with pytest.raises(Exception) as ours:
        OneSidedSelection(**params).fit_resample(X, y)
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value) == str(theirs.value)


def test_single_row_class_same_error():
    """A targeted class of one row, its seed removed: scikit-learn's error on
    the empty batch, as in imbalanced-learn."""
    X, y = make_classification(n_samples=60, n_features=4, n_informative=2, random_state=0)
    y = np.r_[np.zeros(59, dtype=int), 1]
    y[:20] = 2
    with pytest.raises(ValueError) as theirs:
        imb.OneSidedSelection(sampling_strategy="all", random_state=0).fit_resample(X, y)
    with pytest.raises(ValueError) as ours:
        OneSidedSelection(sampling_strategy="all", random_state=0).fit_resample(X, y)
    assert str(ours.value) == str(theirs.value)
