"""NeighbourhoodCleaningRule against imbalanced-learn's, and its helpers against naive.py.

Output ``X``, ``y`` (values, dtypes, order), ``sample_indices_`` and
``classes_to_clean_`` must equal imbalanced-learn 0.14.2's on any data:
generated, duplicate rows, integer-valued ties (both of scikit-learn's
searches: its KD-tree below 16 features, brute force from 16), real tables;
with scikit-learn objects as parameters; and its errors.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from imblearn.under_sampling import EditedNearestNeighbours as ImbENN
from imblearn.under_sampling import NeighbourhoodCleaningRule as ImbNCR
from naive_under import naive_ncr_votes
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors
from sklearn.utils._param_validation import InvalidParameterError

import fastsmote
import fastsmote.under_sampling.neighbourhood_cleaning as ncr_module
from fastsmote.datasets import load_real
from fastsmote.neighbors import BaseNeighbors, BruteForceNeighbors, KDTreeNeighbors
from fastsmote.under_sampling.base import class_codes
from fastsmote.under_sampling.edited_nearest_neighbours import EditedNearestNeighbours
from fastsmote.under_sampling.neighbourhood_cleaning import (
    NeighbourhoodCleaningRule,
    minority_step,
    vote_is_ambiguous,
    with_self,
)


def run_both(X, y, fast_kwargs=None, **kwargs):
    """Both samplers' ``fit_resample`` with ``kwargs`` (warnings silenced)."""
    ref = ImbNCR(**kwargs)
    fast = NeighbourhoodCleaningRule(**kwargs, **(fast_kwargs or {}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = ref.fit_resample(X, y)
        result = fast.fit_resample(X, y)
    return expected, result, ref, fast


def assert_same(X, y, fast_kwargs=None, **kwargs):
    """Same output, dtypes, ``sample_indices_`` and ``classes_to_clean_``; returns fastsmote's."""
    expected, result, ref, fast = run_both(X, y, fast_kwargs, **kwargs)
    for a, b in zip(expected, result, strict=True):
        assert type(a) is type(b)
        assert np.asarray(a).dtype == np.asarray(b).dtype
        assert np.array_equal(np.asarray(a), np.asarray(b))
    assert np.array_equal(ref.sample_indices_, fast.sample_indices_)
    assert fast.classes_to_clean_ == ref.classes_to_clean_
    assert [type(c) for c in fast.classes_to_clean_] == [type(c) for c in ref.classes_to_clean_]
    return fast


def generated(seed, n=500, n_features=6, weights=(0.6, 0.3, 0.1)):
    X, y = make_classification(
        n_samples=n,
        n_features=n_features,
        n_informative=min(n_features, 4),
        n_redundant=0,
        n_classes=len(weights),
        weights=list(weights),
        n_clusters_per_class=1,
        class_sep=0.6,
        random_state=seed,
    )
    return X, y


def integer_ties(seed, n=400, n_features=4):
    """Integer-valued rows, each twice: duplicates and exact distance ties."""
    rng = np.random.RandomState(seed)
    X = np.repeat(rng.randint(0, 3, (n // 2, n_features)).astype(float), 2, axis=0)
    y = rng.choice(3, size=n, p=[0.6, 0.3, 0.1])
    return X, y


def uses_fastsmote_step(fast) -> bool:
    return isinstance(fast.nn_, BaseNeighbors)


@pytest.fixture
def own_step(monkeypatch):
    """fastsmote's own second step even where scikit-learn would be asked
    outright (small searches), so that small data tests it."""
    monkeypatch.setattr(ncr_module, "asks_scikit_learn", lambda *args, **kwargs: False)


# -- parity on generated data -------------------------------------------------------

CONFIGS = [
    {},
    {"n_neighbors": 5},
    {"n_neighbors": 1},
    {"sampling_strategy": "all"},
    {"sampling_strategy": "not majority", "threshold_cleaning": 0.1},
    {"sampling_strategy": [0], "threshold_cleaning": 2.0},
    {"sampling_strategy": "majority"},
]


@pytest.mark.parametrize("params", CONFIGS, ids=lambda p: str(p) or "default")
@pytest.mark.parametrize("n_features", [6, 20])  # scikit-learn's KD-tree, its brute force
def test_generated_parity(params, n_features):
    for seed in range(2):
        X, y = generated(seed, n_features=n_features)
        assert_same(X, y, **params)


@pytest.mark.parametrize("n_features", [6, 20])
def test_generated_parity_float32_and_binary(own_step, n_features):
    for seed in range(2):
        X, y = generated(seed, n=1000, n_features=n_features, weights=(0.9, 0.1))
        fast = assert_same(X.astype(np.float32), y)
        assert uses_fastsmote_step(fast)
        assert_same(X, y, n_neighbors=4)


@pytest.mark.parametrize("n_features", [20])
def test_own_step_taken_on_larger_data(n_features):
    # 12,000 x 1,200 pairs: past the size where scikit-learn is asked outright
    # (searched by its brute force; its KD-tree is asked up to 20 million pairs).
    X, y = generated(5, n=12_000, n_features=n_features, weights=(0.9, 0.1))
    fast = assert_same(X, y)
    assert uses_fastsmote_step(fast)


def test_string_labels_and_pandas():
    # imbalanced-learn's ENN (kind_sel="mode") fails on strings (scipy.stats.mode
    # takes numbers only), fastsmote's does not: its output is imbalanced-learn's
    # for the codes of those labels.
    X, y = generated(1)
    names = np.array(["a", "b", "c"], dtype=object)
    with pytest.raises(TypeError, match="not recognized as numeric"):
        ImbNCR().fit_resample(X, names[y])
    expected, _, ref, _ = run_both(X, y)
    fast = NeighbourhoodCleaningRule()
    X_res, y_res = fast.fit_resample(X, names[y])
    assert np.array_equal(X_res, expected[0]) and np.array_equal(y_res, names[expected[1]])
    assert fast.classes_to_clean_ == [names[c] for c in ref.classes_to_clean_]
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    expected, result, _, fast = run_both(frame, pd.Series(y, name="t"))
    pd.testing.assert_frame_equal(result[0], expected[0])
    pd.testing.assert_series_equal(result[1], expected[1])
    assert list(fast.feature_names_in_) == list(frame.columns)


# -- duplicate rows and ties ------------------------------------------------------


@pytest.mark.parametrize("n_features", [4, 20])
@pytest.mark.parametrize("params", [{}, {"n_neighbors": 4, "sampling_strategy": "all"}])
def test_integer_ties_and_duplicates(own_step, n_features, params):
    for seed in range(2):
        X, y = integer_ties(seed, n_features=n_features)
        assert_same(X, y, **params)
        assert_same(X.astype(np.float32), y, **params)


@pytest.mark.parametrize("n_features", [4, 20])
def test_fastsmote_step_equals_scikit_learn_on_ties(n_features):
    # The step itself, past the size rule that hands small searches to
    # scikit-learn: the vote of ambiguous rows is asked of scikit-learn, the
    # others come from the merged list, the lists are imbalanced-learn's.
    for seed in range(3):
        X, y = integer_ties(seed, n=600, n_features=n_features)
        X[::7] += 0.25 * np.random.RandomState(seed).rand(X[::7].shape[0], n_features)
        _, y_codes = class_codes(y)
        rows = np.flatnonzero(y_codes == 2)
        for k in (1, 3, 4):
            nn = BruteForceNeighbors(k + 1).fit(X)
            misclassified, lists = minority_step(X, nn, rows, k, y_codes, 3)
            clf = KNeighborsClassifier(n_neighbors=k).fit(X, y)
            assert np.array_equal(misclassified, clf.predict(X[rows]) != y[rows])
            expected = clf.kneighbors(X[rows], k + 1, return_distance=False)[:, 1:]
            assert np.array_equal(lists, expected)


def test_duplicates_relabelled_real_table(own_step):
    X, y = load_real("wine")
    rng = np.random.RandomState(0)
    rows = rng.choice(X.shape[0], 40, replace=False)
    X = np.vstack([X, X[rows]])
    y = np.concatenate([y, rng.choice(3, rows.size)])
    assert_same(X, y)
    assert_same(X, y, fast_kwargs={"nn_backend": "brute"})
    assert_same(X, y, fast_kwargs={"nn_backend": "kdtree"}, sampling_strategy="all")


# -- real tables --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["wine", "breast_cancer", "cm1", "spect_f", "pc1", "hypothyroid", "kc1"]
)
def test_real_tables(own_step, name):
    X, y = load_real(name)
    assert uses_fastsmote_step(assert_same(X, y))


@pytest.mark.parametrize("name", ["integer_columns", "timestamp_offset", "far_outlier"])
def test_generated_real_tables(own_step, name):
    X, y = load_real(name, n_samples=1500)
    assert uses_fastsmote_step(assert_same(X, y))
    assert_same(X.astype(np.float32), y, n_neighbors=5)


# -- backends and scikit-learn objects -------------------------------------------------


@pytest.mark.parametrize("backend", ["brute", "kdtree", "auto"])
def test_backends(backend):
    X, y = generated(3, n=1500, n_features=8, weights=(0.85, 0.15))
    fast = assert_same(X, y, fast_kwargs={"nn_backend": backend})
    assert isinstance(fast.edited_nearest_neighbours_, EditedNearestNeighbours)
    assert fast.edited_nearest_neighbours_.nn_backend == backend
    assert fast.nn_search_.exact


def test_nearest_neighbors_objects_with_duplicates():
    for n_features in (4, 20):
        X, y = integer_ties(5, n_features=n_features)
        for k in (2, 4):
            fast = assert_same(X, y, n_neighbors=NearestNeighbors(n_neighbors=k))
            assert isinstance(fast.nn_, KNeighborsClassifier)
            assert fast.nn_.n_neighbors == k - 1
        assert_same(X, y, fast_kwargs={"nn_backend": NearestNeighbors()})


def test_user_enn_and_classifier_used_as_given():
    X, y = integer_ties(2, n_features=20)
    enn = ImbENN(n_neighbors=4)
    fast = assert_same(X, y, edited_nearest_neighbours=enn, n_neighbors=KNeighborsClassifier(5))
    assert isinstance(fast.edited_nearest_neighbours_, ImbENN)
    assert fast.edited_nearest_neighbours_ is not enn  # cloned
    assert isinstance(fast.nn_, KNeighborsClassifier) and fast.nn_.n_neighbors == 5
    # fastsmote's own ENN given as the first step, int n_neighbors for the second.
    X, y = generated(4, n=1200, n_features=5)
    ours = {"edited_nearest_neighbours": EditedNearestNeighbours(kind_sel="all")}
    theirs = run_both(X, y, edited_nearest_neighbours=ImbENN(kind_sel="all"))[0]
    result = NeighbourhoodCleaningRule(**ours).fit_resample(X, y)
    assert np.array_equal(result[0], theirs[0]) and np.array_equal(result[1], theirs[1])


def test_attributes(own_step):
    X, y = generated(0, n=1000, n_features=20, weights=(0.9, 0.1))
    _, _, ref, fast = run_both(X, y)
    assert fast.sampling_strategy_ == ref.sampling_strategy_
    assert isinstance(fast.edited_nearest_neighbours_, EditedNearestNeighbours)
    assert fast.edited_nearest_neighbours_.kind_sel == "mode"
    # The default ENN's fitted backend also answers the second step.
    assert fast.nn_ is fast.edited_nearest_neighbours_.nn_
    assert fast.nn_.n_samples_fit_ == X.shape[0]
    assert np.array_equal(fast.sample_indices_, np.sort(fast.sample_indices_))


def test_thread_count_does_not_change_the_output():
    X, y = generated(7, n=1500, n_features=20)
    outs = [NeighbourhoodCleaningRule(n_jobs=j).fit_resample(X, y) for j in (1, 2)]
    assert np.array_equal(outs[0][0], outs[1][0]) and np.array_equal(outs[0][1], outs[1][1])


# -- errors ---------------------------------------------------------------------------


def raised(cls, X, y, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(Exception) as info:
            cls(**kwargs).fit_resample(X, y)
    return info


@pytest.mark.parametrize(
    "kwargs",
    [
        {"threshold_cleaning": 0},
        {"threshold_cleaning": -1.0},
        {"n_neighbors": 0},
        {"n_neighbors": 3.0},
        {"edited_nearest_neighbours": 3},
        {"sampling_strategy": {0: 10}},
        {"sampling_strategy": 0.5},
        {"n_jobs": 1.5},
        {"n_neighbors": KNeighborsClassifier(3)},
        {"n_neighbors": NearestNeighbors(n_neighbors=1)},
    ],
    ids=str,
)
@pytest.mark.parametrize("n_features", [3, 20])
def test_errors_match_imbalanced_learn(kwargs, n_features):
    X, y = generated(0, n=200, n_features=n_features)
    ref = raised(ImbNCR, X, y, **kwargs)
    ours = raised(NeighbourhoodCleaningRule, X, y, **kwargs)
    assert ours.type is ref.type
    assert str(ours.value) == str(ref.value)
    if "threshold_cleaning" in kwargs or isinstance(kwargs.get("sampling_strategy"), dict):
        assert ours.type is InvalidParameterError
    if isinstance(kwargs.get("n_neighbors"), KNeighborsClassifier):
        assert ours.type is TypeError and "missing 1 required positional argument: 'y'" in str(
            ours.value
        )
    if isinstance(kwargs.get("n_neighbors"), NearestNeighbors) and n_features > 15:
        assert ours.type is ValueError and str(ours.value) == "k == 0, must be >= 1."


def test_too_many_neighbours():
    X, y = generated(0, n=60, n_features=4)
    ref = raised(ImbNCR, X, y, n_neighbors=60)
    ours = raised(NeighbourhoodCleaningRule, X, y, n_neighbors=60)
    assert ours.type is ref.type is ValueError
    # fastsmote's ENN adds advice after scikit-learn's message.
    assert str(ours.value).startswith(str(ref.value))
    assert_same(X, y, n_neighbors=59)  # the classifier then sees every row


def test_nn_backend_rejected_like_other_cleaners():
    X, y = generated(0, n=100)
    with pytest.raises(InvalidParameterError, match="nn_backend"):
        NeighbourhoodCleaningRule(nn_backend="nope").fit_resample(X, y)


# -- helpers against naive.py -----------------------------------------------------------


def test_with_self_and_votes_match_naive_index_rule():
    for seed in range(3):
        X, y = integer_ties(seed, n=300, n_features=3)
        _, y_codes = class_codes(y)
        rows = np.flatnonzero(y_codes == 2)
        k = 3
        nn = KDTreeNeighbors(k + 1).fit(X)
        with fastsmote.config_context(neighbor_order="index"):
            misclassified, lists = minority_step(X, nn, rows, k, y_codes, 3)
        predicted, naive_lists = naive_ncr_votes(X, rows, y_codes, k, 3)
        assert np.array_equal(misclassified, predicted != 2)
        assert np.array_equal(lists, naive_lists)


def test_with_self_puts_the_row_after_smaller_duplicates():
    rows = np.array([5, 5, 5])
    nn_ind = np.array([[3, 7, 1], [8, 9, 1], [2, 1, 0]])
    sq = np.array([[0.0, 0.0, 2.0], [0.0, 1.0, 2.0], [1.0, 2.0, 3.0]])
    merged, merged_sq = with_self(rows, nn_ind, sq)
    assert merged.tolist() == [[3, 5, 7, 1], [5, 8, 9, 1], [5, 2, 1, 0]]
    assert merged_sq[:, 0].tolist() == [0.0, 0.0, 0.0]
    assert merged_sq[0].tolist() == [0.0, 0.0, 0.0, 2.0]


def test_vote_is_ambiguous_flags_ties_and_near_ties_only():
    X_kernel = np.zeros((1, 4))
    merged_sq = np.array(
        [[0.0, 1.0, 2.0], [0.0, 1.0, 1.0], [0.0, 1.0, 1.0 + 1e-14], [0.0, 0.0, 0.0]]
    )
    assert vote_is_ambiguous(merged_sq, 2, X_kernel).tolist() == [False, True, True, True]
    merged_sq = np.array([[0.0, 1.0, 1.0 + 1e-7]])
    assert vote_is_ambiguous(merged_sq, 2, X_kernel).tolist() == [False]
    assert vote_is_ambiguous(merged_sq, 2, X_kernel.astype(np.float32)).tolist() == [True]


# -- other inputs and backends ---------------------------------------------------------


def test_sparse_and_integer_typed_input():
    # Both go to scikit-learn's classifier for the second step (as imbalanced-learn).
    X, y = integer_ties(3, n_features=5)
    expected, result, _, fast = run_both(sparse.csr_matrix(X), y)
    assert sparse.issparse(result[0])
    assert np.array_equal(result[0].toarray(), expected[0].toarray())
    assert np.array_equal(result[1], expected[1])
    assert isinstance(fast.nn_, KNeighborsClassifier)
    assert_same(X.astype(np.int64), y)


def test_approximate_backend_reports_itself():
    X, y = generated(2, n=800, n_features=10, weights=(0.85, 0.15))
    fast = NeighbourhoodCleaningRule(nn_backend="nndescent")
    X_res, y_res = fast.fit_resample(X, y)
    assert not fast.nn_search_.exact
    assert np.array_equal(X_res, X[fast.sample_indices_])
    # Minority samples are never removed with the default strategy.
    assert np.count_nonzero(y_res == 2) == np.count_nonzero(y == 2)
