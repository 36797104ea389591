"""fastsmote.SMOTE against imblearn.over_sampling.SMOTE: the correctness contract.

With the same parameters and ``random_state``:

- contract A: given scikit-learn ``NearestNeighbors`` objects, ``X``, ``y``,
  their dtypes, shapes and row order equal imbalanced-learn's exactly, on any
  data (duplicate rows and tied distances included);
- contract B: with fastsmote's exact backends (default ``"auto"``, ``"brute"``,
  ``"kdtree"``), the same holds on any data too: where distances tie, the
  default ``neighbor_order="imblearn"`` returns imbalanced-learn's lists. The
  by-index rule (``neighbor_order="index"``: each row removed from its own
  neighbours by index, ties to the smaller index) is checked against
  ``naive_smote``.

``random_state=None`` draws from NumPy's global generator and cannot be
compared; ints and ``RandomState`` objects (a fresh one for each side) are.
"""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE as ImbSMOTE
from naive import naive_smote
from sklearn.base import clone
from sklearn.neighbors import NearestNeighbors

import fastsmote
from fastsmote import SMOTE
from fastsmote.neighbors import BruteForceNeighbors

SEEDS = [0, 1, 42]
#: Threads for the parametrised sweeps. The output never depends on it
#: (test_threads.py); one thread keeps hundreds of tiny fits free of
#: thread-wake-up latency on a busy machine. ``test_default_n_jobs`` covers
#: the default (all threads).
N_JOBS = 1
KS = [1, 3, 5]
RANDOM_STATE_FORMS = ["int", "RandomState"]
#: fastsmote's ways of searching neighbours under contract B.
EXACT_BACKENDS = [
    "default",
    "brute",
    "kdtree",
    "object",  # a fastsmote backend passed as k_neighbors
]


def random_state(form, seed):
    """A fresh random_state of the given form (call once per estimator)."""
    return seed if form == "int" else np.random.RandomState(seed)


def cast(X, dtype):
    """The data set in ``dtype``: float32 kept float32; int64 as ``round(X * 10)``
    (coarse: many tied distances) or, for ``"int64_fine"``, ``round(X * 1000)``."""
    if dtype == "float64":
        return X.astype(np.float64)
    if dtype == "float32":
        return X.astype(np.float32)
    if dtype == "int64":
        return np.round(X * 10).astype(np.int64)
    if dtype == "int64_fine":
        return np.round(X * 1000).astype(np.int64)
    raise KeyError(dtype)


def assert_same_output(ours, theirs):
    X_ours, y_ours = ours
    X_theirs, y_theirs = theirs
    assert type(X_ours) is type(X_theirs)
    assert X_ours.dtype == X_theirs.dtype
    assert X_ours.shape == X_theirs.shape
    assert np.array_equal(X_ours, X_theirs)
    assert y_ours.dtype == y_theirs.dtype
    assert y_ours.shape == y_theirs.shape
    assert np.array_equal(y_ours, y_theirs)


def contract_a(X, y, k, seed, form, n_jobs=N_JOBS, **params):
    """Both libraries with ``k_neighbors=NearestNeighbors(n_neighbors=k + 1)``."""
    nn = NearestNeighbors(n_neighbors=k + 1)
    theirs = ImbSMOTE(k_neighbors=clone(nn), random_state=random_state(form, seed), **params)
    ours = SMOTE(
        k_neighbors=clone(nn), random_state=random_state(form, seed), n_jobs=n_jobs, **params
    )
    expected = theirs.fit_resample(X, y)
    got = ours.fit_resample(X, y)
    assert_same_output(got, expected)
    assert ours.sampling_strategy_ == theirs.sampling_strategy_
    assert type(ours.nn_k_) is NearestNeighbors
    return ours, theirs


def fastsmote_b(k, seed, form, backend, n_jobs=N_JOBS, **params):
    """fastsmote.SMOTE with an int ``k_neighbors`` (or a fastsmote backend object)."""
    params = dict(random_state=random_state(form, seed), n_jobs=n_jobs, **params)
    if backend == "default":
        return SMOTE(k_neighbors=k, **params)
    if backend == "object":
        return SMOTE(k_neighbors=BruteForceNeighbors(k + 1), **params)
    return SMOTE(k_neighbors=k, nn_backend=backend, **params)


def contract_b(X, y, k, seed, form, backend, has_ties, n_jobs=N_JOBS, **params):
    """fastsmote's exact search against imbalanced-learn, on any data: where
    distances tie, the default neighbour order is imbalanced-learn's too.
    Returns ``(sampler, had_ties)``."""
    ours = fastsmote_b(k, seed, form, backend, n_jobs=n_jobs, **params)
    got = ours.fit_resample(X, y)
    targets = [c for c, n in ours.sampling_strategy_.items() if n > 0]
    had_ties = bool(has_ties(X, y, k, classes=targets))
    theirs = ImbSMOTE(k_neighbors=k, random_state=random_state(form, seed), **params)
    assert_same_output(got, theirs.fit_resample(X, y))
    assert ours.sampling_strategy_ == theirs.sampling_strategy_
    return ours, had_ties


# -- contract A ----------------------------------------------------------------------


@pytest.mark.parametrize("form", RANDOM_STATE_FORMS)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("k", KS)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
def test_contract_a(dataset, dtype, k, seed, form):
    _, X, y = dataset
    contract_a(cast(X, dtype), y, k, seed, form)


@pytest.mark.parametrize("seed", [0, 42])
@pytest.mark.parametrize("k", [1, 5])
@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
def test_contract_a_with_duplicate_rows(dataset, dtype, k, seed):
    """Every minority row three times (scattered), plus duplicated majority rows:
    imbalanced-learn drops the first neighbour column whatever it holds, and
    with a scikit-learn object fastsmote must do exactly the same."""
    _, X, y = dataset
    rng = np.random.RandomState(seed)
    counts = np.bincount(y)
    minority = np.flatnonzero(y == np.argmin(counts))
    some = rng.choice(X.shape[0], size=20, replace=False)
    extra = np.concatenate([minority, minority, some])
    order = rng.permutation(X.shape[0] + extra.shape[0])
    X_dup = np.vstack([X, X[extra]])[order]
    y_dup = np.concatenate([y, y[extra]])[order]
    contract_a(cast(X_dup, dtype), y_dup, k, seed, "int")


@pytest.mark.parametrize("k", [1, 5])
def test_contract_a_through_nn_backend_object(dataset, k):
    """A scikit-learn object as ``nn_backend`` (int ``k_neighbors``) is queried as
    imbalanced-learn queries its own: equal output even on tied data."""
    _, X, y = dataset
    X = cast(X, "int64")  # coarse: ties
    expected = ImbSMOTE(k_neighbors=k, random_state=0).fit_resample(X, y)
    ours = SMOTE(
        k_neighbors=k, random_state=0, nn_backend=NearestNeighbors(n_neighbors=2), n_jobs=N_JOBS
    )
    assert_same_output(ours.fit_resample(X, y), expected)
    assert ours.nn_k_.n_neighbors == k + 1


def test_contract_a_leaves_the_given_object_unfitted(binary_data):
    X, y = binary_data
    nn = NearestNeighbors(n_neighbors=4)
    ours = SMOTE(k_neighbors=nn, random_state=0)
    ours.fit_resample(X, y)
    assert not hasattr(nn, "n_samples_fit_")
    assert ours.k_neighbors is nn
    assert ours.nn_k_ is not nn


class _NeighborsWithoutNNeighbors:
    """A neighbours object with ``kneighbors`` and ``kneighbors_graph`` (all that
    imbalanced-learn's parameter validation asks) but no ``n_neighbors``."""

    def __init__(self, size=4):
        self.size = size

    def get_params(self, deep=True):
        return {"size": self.size}

    def set_params(self, **params):
        self.size = params.get("size", self.size)
        return self

    def fit(self, X, y=None):
        self.nn_ = NearestNeighbors(n_neighbors=self.size).fit(X)
        return self

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        return self.nn_.kneighbors(X, n_neighbors, return_distance)

    def kneighbors_graph(self, X=None, n_neighbors=None, mode="connectivity"):
        return self.nn_.kneighbors_graph(X, n_neighbors, mode)


def test_contract_a_object_without_n_neighbors(binary_data):
    X, y = binary_data
    expected = ImbSMOTE(k_neighbors=_NeighborsWithoutNNeighbors(), random_state=0).fit_resample(
        X, y
    )
    got = SMOTE(
        k_neighbors=_NeighborsWithoutNNeighbors(), random_state=0, n_jobs=N_JOBS
    ).fit_resample(X, y)
    assert_same_output(got, expected)


# -- contract B ----------------------------------------------------------------------


@pytest.mark.parametrize("form", RANDOM_STATE_FORMS)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("k", KS)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int64_fine"])
def test_contract_b(dataset, tie_check, dtype, k, seed, form):
    """The default backend over seeds and random_state forms."""
    name, X, y = dataset
    _, had_ties = contract_b(cast(X, dtype), y, k, seed, form, "default", tie_check)
    # Only the integer pixels of digits have ties (test_tie_free_data_sets_have_no_ties).
    assert not had_ties or name == "digits_0" or dtype == "int64_fine"


@pytest.mark.parametrize("backend", EXACT_BACKENDS)
@pytest.mark.parametrize("k", KS)
@pytest.mark.parametrize("dtype", ["float64", "float32", "int64_fine"])
def test_contract_b_backends(dataset, tie_check, dtype, k, backend):
    """Every exact backend, one seed (the draws do not depend on the backend)."""
    name, X, y = dataset
    contract_b(cast(X, dtype), y, k, 42, "RandomState", backend, tie_check)


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64"])
@pytest.mark.parametrize("k", [1, 5])
def test_default_n_jobs(dataset, tie_check, dtype, k):
    """Both contracts with fastsmote's default ``n_jobs`` (all threads)."""
    _, X, y = dataset
    X = cast(X, dtype)
    contract_a(X, y, k, 0, "int", n_jobs=None)
    contract_b(X, y, k, 0, "int", "default", tie_check, n_jobs=None)


@pytest.mark.parametrize("backend", EXACT_BACKENDS)
@pytest.mark.parametrize("k", [1, 5])
@pytest.mark.parametrize("dtype", ["float64", "int64"])
def test_tied_data_follows_the_index_rule_when_asked(dataset, tie_check, dtype, k, backend):
    """With ties (coarse integers) and ``neighbor_order="index"``, fastsmote's
    exact backends give the naive oracle's output: self removed by index, ties
    to the smaller index."""
    _, X, y = dataset
    X = cast(X, "int64")
    if dtype == "float64":
        X = X.astype(np.float64)
    ours = fastsmote_b(k, 0, "int", backend)
    with fastsmote.config_context(neighbor_order="index"):
        got = ours.fit_resample(X, y)
    expected = naive_smote(X, y, ours.sampling_strategy_, k, 0)
    assert_same_output(got, expected)


def test_tie_free_data_sets_have_no_ties(load_dataset, tie_check, tie_free_names):
    """Guard: the data sets contract B compares with imbalanced-learn are tie-free
    (otherwise contract B would fall back to the oracle without saying so)."""
    assert set(tie_free_names) == {"binary", "multiclass", "breast_cancer", "wine"}
    for name in tie_free_names:
        X, y = load_dataset(name)
        for dtype in ("float64", "float32", "int64_fine"):
            assert not tie_check(cast(X, dtype), y, 5), (name, dtype)
    X, y = load_dataset("digits_0")
    assert tie_check(X, y, 3)


@pytest.mark.parametrize("backend", EXACT_BACKENDS)
def test_contract_b_more_neighbours_than_default(load_dataset, backend):
    # k close to the smallest class size (wine: 48 in the smallest class).
    X, y = load_dataset("wine")
    for k in (20, 47):
        expected = ImbSMOTE(k_neighbors=k, random_state=3).fit_resample(X, y)
        assert_same_output(fastsmote_b(k, 3, "int", backend).fit_resample(X, y), expected)


# -- sampling strategies -------------------------------------------------------------


def _callable_strategy(y):
    """Bring every class to 90% of the majority (0 for classes already there)."""
    labels, counts = np.unique(y, return_counts=True)
    target = int(0.9 * counts.max())
    return {int(c): max(target, int(n)) for c, n in zip(labels, counts, strict=True)}


BINARY_STRATEGIES = [
    0.5,
    0.8,
    1.0,
    "minority",
    "not minority",
    "not majority",
    "all",
    "auto",
    {1: 100},
    {0: 193, 1: 47},  # nothing to make for either class
    _callable_strategy,
]
MULTICLASS_STRATEGIES = [
    "minority",
    "not minority",
    "not majority",
    "all",
    "auto",
    {1: 120, 2: 150},
    {0: 200, 1: 100},  # the last class is left alone
    _callable_strategy,
]


def _strategy_id(strategy):
    return getattr(strategy, "__name__", repr(strategy))


@pytest.mark.parametrize("form", RANDOM_STATE_FORMS)
@pytest.mark.parametrize("seed", [0, 42])
@pytest.mark.parametrize("strategy", BINARY_STRATEGIES, ids=_strategy_id)
def test_sampling_strategy_binary(binary_data, tie_check, strategy, seed, form):
    X, y = binary_data
    ours, _ = contract_a(X, y, 3, seed, form, sampling_strategy=strategy)
    contract_b(X, y, 3, seed, form, "default", tie_check, sampling_strategy=strategy)


@pytest.mark.parametrize("form", RANDOM_STATE_FORMS)
@pytest.mark.parametrize("seed", [0, 42])
@pytest.mark.parametrize("strategy", MULTICLASS_STRATEGIES, ids=_strategy_id)
@pytest.mark.parametrize("name", ["multiclass", "wine"])
def test_sampling_strategy_multiclass(load_dataset, tie_check, name, strategy, seed, form):
    X, y = load_dataset(name)
    contract_a(X, y, 3, seed, form, sampling_strategy=strategy)
    contract_b(X, y, 3, seed, form, "default", tie_check, sampling_strategy=strategy)


# -- the random state -------------------------------------------------------------


@pytest.mark.parametrize("name", ["binary", "multiclass"])
def test_shared_random_state_is_advanced_like_imblearn(load_dataset, name):
    """A RandomState object is consumed class after class: afterwards both
    libraries leave it in the same state, and a second call continues from there."""
    X, y = load_dataset(name)
    rs_ours, rs_theirs = np.random.RandomState(5), np.random.RandomState(5)
    ours = SMOTE(random_state=rs_ours)
    theirs = ImbSMOTE(random_state=rs_theirs)
    for _ in range(2):
        assert_same_output(ours.fit_resample(X, y), theirs.fit_resample(X, y))
    assert rs_ours.randint(0, 2**31) == rs_theirs.randint(0, 2**31)


def test_int_seed_is_reproducible_and_seeds_differ(binary_data):
    X, y = binary_data
    first = SMOTE(random_state=0).fit_resample(X, y)
    again = SMOTE(random_state=0).fit_resample(X, y)
    other = SMOTE(random_state=1).fit_resample(X, y)
    assert_same_output(first, again)
    assert not np.array_equal(first[0], other[0])


def test_random_state_none_draws_from_numpy_global_state(binary_data):
    """Not comparable with imbalanced-learn call by call, but like it, ``None``
    uses NumPy's global generator: reseeding it reproduces the output."""
    X, y = binary_data
    saved = np.random.get_state()  # noqa: NPY002 - the global generator is the subject
    try:
        outputs = []
        for sampler in (SMOTE(), SMOTE(), ImbSMOTE()):
            np.random.seed(3)  # noqa: NPY002
            outputs.append(sampler.fit_resample(X, y))
    finally:
        np.random.set_state(saved)  # noqa: NPY002
    assert_same_output(outputs[0], outputs[1])
    assert_same_output(outputs[0], outputs[2])
