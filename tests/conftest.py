"""Shared fixtures: small data sets for the SMOTE and neighbour-engine tests.

Every data set is small enough that imbalanced-learn and fastsmote both resample
it in milliseconds, so the parity tests can sweep seeds, dtypes and strategies.

``dataset`` is parametrised over every data set (``DATASET_NAMES``);
``load_dataset(name)`` returns a fresh ``(X, y)`` copy, and ``has_ties(X, y, k)``
says whether the neighbour ranking SMOTE needs is ambiguous somewhere (then
imbalanced-learn's "drop the first column" and fastsmote's "exclude by index,
smaller index first" may legitimately differ, see contract B).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from naive import naive_squared_distances
from sklearn.datasets import load_breast_cancer, load_digits, load_wine, make_classification

#: Names of the data sets, in the order tests are parametrised.
DATASET_NAMES = ("binary", "multiclass", "breast_cancer", "digits_0", "wine")

#: The data sets whose classes are free of (near) distance ties for k <= 5,
#: in float64 and float32 (checked by ``test_tie_free_data_sets_have_no_ties``).
TIE_FREE_NAMES = ("binary", "multiclass", "breast_cancer", "wine")

#: Number of digits rows kept: 600 rows, 63 of them zeros (about 1 in 10).
N_DIGITS = 600


@cache
def _load(name: str) -> tuple[np.ndarray, np.ndarray]:
    if name == "binary":
        # 193 vs 47 samples, 6 continuous features.
        return make_classification(
            n_samples=240,
            n_features=6,
            n_informative=4,
            n_redundant=1,
            weights=[0.8],
            flip_y=0,
            random_state=0,
        )
    if name == "multiclass":
        # 180 / 90 / 30 samples, 6 continuous features.
        return make_classification(
            n_samples=300,
            n_features=6,
            n_informative=4,
            n_redundant=1,
            n_classes=3,
            n_clusters_per_class=1,
            weights=[0.6, 0.3],
            flip_y=0,
            random_state=1,
        )
    if name == "breast_cancer":
        # 212 vs 357 samples, 30 features of very different scales.
        bunch = load_breast_cancer()
        return bunch.data, bunch.target
    if name == "digits_0":
        # Digit 0 (63 samples) against the rest (537): integer pixels 0..16, so
        # many distances tie exactly.
        bunch = load_digits()
        return bunch.data[:N_DIGITS], (bunch.target[:N_DIGITS] == 0).astype(np.int64)
    if name == "wine":
        # 59 / 71 / 48 samples, 13 features.
        bunch = load_wine()
        return bunch.data, bunch.target
    raise KeyError(name)


def load(name: str) -> tuple[np.ndarray, np.ndarray]:
    """A fresh, writable copy of data set ``name``."""
    X, y = _load(name)
    return X.copy(), y.copy()


def has_ties(X, y, k: int, classes=None, rtol: float = 1e-9) -> bool:
    """Whether SMOTE's neighbour lists of some class are ambiguous.

    For each class (of ``classes``, default all), each row's other members are
    ranked by exact distance; the data is tie-free when a row's k nearest
    others are strictly ordered, strictly closer than the (k+1)-th, at positive
    distance (no duplicates), all with a relative gap above ``rtol`` (so that a
    rounding difference between two exact searches cannot reorder them).
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    for label in np.unique(y) if classes is None else classes:
        X_class = X[y == label]
        d2 = naive_squared_distances(X_class, X_class)
        np.fill_diagonal(d2, np.inf)
        ranked = np.sort(d2, axis=1)[:, : min(k + 1, X_class.shape[0] - 1)]
        if np.any(ranked[:, 0] <= 0):
            return True
        if np.any(np.diff(ranked, axis=1) <= rtol * ranked[:, 1:]):
            return True
    return False


@pytest.fixture(params=DATASET_NAMES)
def dataset(request):
    """``(name, X, y)`` for each data set."""
    X, y = load(request.param)
    return request.param, X, y


@pytest.fixture(scope="session")
def load_dataset():
    """``load_dataset(name) -> (X, y)``, a fresh copy."""
    return load


@pytest.fixture(scope="session")
def tie_free_names():
    """The data sets without distance ties (``TIE_FREE_NAMES``)."""
    return TIE_FREE_NAMES


@pytest.fixture(scope="session")
def tie_check():
    """``tie_check(X, y, k, classes=None) -> bool``: see :func:`has_ties`."""
    return has_ties


@pytest.fixture
def binary_data():
    return load("binary")


@pytest.fixture
def multiclass_data():
    return load("multiclass")


@pytest.fixture(scope="session")
def client():
    """A Dask distributed client on an in-process cluster of two one-thread
    workers, shared by the Dask test modules."""
    import distributed

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(params=["brute", "auto", "kdtree"])
def backend(request):
    """A factory ``backend(*args, **kwargs)`` for each exact fastsmote backend
    (NN-Descent is tested by recall, in test_nndescent.py)."""
    from fastsmote.neighbors import BACKENDS

    name = request.param

    def factory(*args, **kwargs):
        return BACKENDS[name](*args, **kwargs)

    factory.name = name
    return factory


@pytest.fixture(scope="session")
def tie_free_X():
    """120 Gaussian rows in 4 columns: no distance ties."""
    return np.random.RandomState(0).normal(size=(120, 4))
