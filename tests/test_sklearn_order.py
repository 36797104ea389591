"""imbalanced-learn's neighbour lists from fastsmote's exact backends.

The replay kernel against its plain-Python reference, the resolution against
scikit-learn's own ``NearestNeighbors`` (both of its parallel strategies, its
KD-tree, duplicate rows, integer data, near-ties at an offset), and the
``auto`` choice on unscaled data.
"""

from __future__ import annotations

import numpy as np
import pytest
from naive import naive_argkmin_replay
from sklearn.neighbors import NearestNeighbors

import fastsmote
from fastsmote._kernels.sklearn_heap import argkmin_replay
from fastsmote.neighbors import (
    AutoNeighbors,
    BruteForceNeighbors,
    KDTreeNeighbors,
    ambiguity,
    ask_outright,
    sklearn_search,
)
from fastsmote.neighbors.auto import choose_exact, effective_dimension
from fastsmote.neighbors.sklearn_blas import chains_cover
from fastsmote.neighbors.sklearn_order import OrderReport, imblearn_neighbors
from fastsmote.neighbors.sklearn_search import argkmin_chunks, sklearn_method, thread_bounds


@pytest.mark.parametrize("on_y", [False, True])
@pytest.mark.parametrize("k", [1, 2, 6, 11])
def test_replay_kernel_equals_its_reference(on_y, k):
    rng = np.random.RandomState(k)
    n_fit = 300
    values = rng.randint(-3, 6, size=(40, n_fit)).astype(np.float64)  # many ties
    bounds = np.array([0, 100, 300] if on_y else [0, n_fit], dtype=np.int64)
    got = argkmin_replay(values, k, bounds, on_y)
    np.testing.assert_array_equal(got, naive_argkmin_replay(values, k, bounds, on_y))


def test_replay_order_depends_on_the_threads_ranges():
    # Equal values: one heap keeps the first pushed; two heaps merged in thread
    # order keep another arrangement. The replay must model both.
    values = np.zeros((1, 6))
    one = argkmin_replay(values, 3, np.array([0, 6], dtype=np.int64), False)
    two = argkmin_replay(values, 3, np.array([0, 2, 6], dtype=np.int64), True)
    np.testing.assert_array_equal(one, naive_argkmin_replay(values, 3, np.array([0, 6]), False))
    np.testing.assert_array_equal(two, naive_argkmin_replay(values, 3, np.array([0, 2, 6]), True))
    assert one.tolist() == [[2, 0, 1]] and two.tolist() == [[4, 0, 1]]


def tables():
    rng = np.random.RandomState(0)
    dup = rng.randn(3000, 20)
    dup[1500:1800] = dup[:300]
    ints = rng.randint(0, 3, size=(2500, 20)).astype(np.float64)
    small_ints = rng.randint(0, 2, size=(150, 18)).astype(np.float64)
    offset = 1e6 + rng.randint(0, 4, size=(1200, 17)).astype(np.float64) * 0.1
    low = rng.randint(0, 3, size=(800, 4)).astype(np.float64)
    return {
        "duplicates": dup,  # brute force, parallel_on_X (3,000 > 4 x 256 x threads)
        "integers": ints,
        "small_integers": small_ints,  # brute force, parallel_on_Y
        "offset_near_ties": offset,  # rounding noise: scikit-learn's own chunks
        "kd_tree_ties": low,  # scikit-learn's KD-tree
    }


@pytest.fixture
def resolve_everything(monkeypatch):
    """Resolve ties apart even where asking scikit-learn outright, or the
    one-pass search of small integers, is cheaper."""
    monkeypatch.setattr(ambiguity, "FLOAT32_EXACT", -1.0)
    monkeypatch.setattr(ask_outright, "SMALL_SEARCH_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "ONE_SIDED_SMALL_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "one_sided_gains_little", lambda method, facts: False)
    monkeypatch.setattr(ask_outright, "REPEATED_SHARE", np.inf)
    monkeypatch.setattr(ask_outright, "AMBIGUOUS_SHARE", np.inf)


@pytest.mark.parametrize("name", list(tables()))
@pytest.mark.parametrize("n_neighbors", [2, 6])
def test_lists_equal_scikit_learn(name, n_neighbors, resolve_everything):
    X = tables()[name]
    want = NearestNeighbors(n_neighbors=n_neighbors).fit(X).kneighbors(X, return_distance=False)
    nn = BruteForceNeighbors(n_neighbors).fit(X)
    report = OrderReport()
    got = imblearn_neighbors(nn, X, np.arange(len(X)), n_neighbors, all_rows=True, report=report)
    np.testing.assert_array_equal(got, want[:, 1:])
    assert report.ambiguous > 0  # every table has ties


@pytest.mark.parametrize("one_pass", [False, True])
@pytest.mark.parametrize("name", ["small_integers", "mostly_repeated", "integers"])
def test_scikit_learn_asked_outright_where_cheaper(name, one_pass, monkeypatch):
    """Small searches, mostly repeated rows and tables whose distances mostly
    tie ask scikit-learn outright, unless the rows are small integers, which
    the one-pass integer search answers (cheaper still)."""
    if not one_pass:
        monkeypatch.setattr(ambiguity, "FLOAT32_EXACT", -1.0)
    if name == "mostly_repeated":
        X = np.random.RandomState(1).randn(2000, 20)
        X[1000:1800] = X[:800]
    else:
        X = tables()[name]  # small, or integers where most distances tie
    want = NearestNeighbors(n_neighbors=4).fit(X).kneighbors(X, return_distance=False)
    report = OrderReport()
    nn = BruteForceNeighbors(4).fit(X)
    got = imblearn_neighbors(nn, X, np.arange(len(X)), 4, all_rows=True, report=report)
    np.testing.assert_array_equal(got, want[:, 1:])
    assert report.ambiguous == 0
    if one_pass and name != "mostly_repeated":
        assert report.integer_batches == 1 and report.sklearn_batches == 0
    else:
        assert report.sklearn_batches == 1 and report.integer_batches == 0


def test_a_subset_batch_equals_scikit_learn_on_that_batch(resolve_everything):
    X = tables()["duplicates"]
    rows = np.arange(0, 3000, 3)  # imbalanced-learn's batch: X[rows]
    want = NearestNeighbors(n_neighbors=4).fit(X).kneighbors(X[rows], return_distance=False)
    nn = KDTreeNeighbors(4).fit(X)
    np.testing.assert_array_equal(imblearn_neighbors(nn, X, rows, 4), want[:, 1:])


def test_chunks_asked_alone_answer_as_in_the_whole_batch():
    X = tables()["offset_near_ties"]
    for batch in (np.arange(1200), np.arange(0, 1200, 2)):  # parallel_on_X, parallel_on_Y
        nn = NearestNeighbors(n_neighbors=5).fit(X)
        whole = nn.kneighbors(X[batch], return_distance=False)
        positions = np.array([3, 300, 301, batch.size - 1])
        np.testing.assert_array_equal(argkmin_chunks(nn, X, batch, positions), whole[positions])


def test_thread_ranges_cover_the_references_in_order():
    bounds, on_y = thread_bounds(100, 1000)
    assert on_y and bounds[0] == 0 and bounds[-1] == 1000 and np.all(np.diff(bounds) > 0)
    bounds, on_y = thread_bounds(100_000, 1000)
    assert not on_y and bounds.tolist() == [0, 1000]


def test_scikit_learn_method():
    X = np.zeros((100, 15))
    assert sklearn_method(100, 15, 6, X) == "kd_tree"
    assert sklearn_method(100, 16, 6, np.zeros((100, 16))) == "argkmin"
    assert sklearn_method(10, 15, 6, X[:10]) == "argkmin"  # n_neighbors >= n // 2
    assert sklearn_method(100, 20, 6, np.zeros((100, 20), dtype=np.int64)) == "other"


def test_index_order_is_kept_when_asked():
    X = tables()["duplicates"]
    nn = BruteForceNeighbors(3).fit(X)
    with fastsmote.config_context(neighbor_order="index"):
        got = imblearn_neighbors(nn, X, np.arange(len(X)), 3, all_rows=True)
    np.testing.assert_array_equal(got, nn.kneighbors(None, 2, return_distance=False))


def test_bad_neighbor_order_is_refused():
    with pytest.raises(ValueError, match="neighbor_order='sklearn' is not one of"):
        fastsmote.set_config(neighbor_order="sklearn")


def test_auto_takes_the_tree_when_one_column_dominates():
    rng = np.random.RandomState(0)
    X = rng.randn(3000, 30)
    assert choose_exact(*X.shape, effective_dimension(X)) == "brute"
    X[:, 0] = np.sort(rng.uniform(0, 172_792, size=3000))  # a raw time column
    assert effective_dimension(X) < 1.1
    assert AutoNeighbors(2).fit(X).chosen_ == "kdtree"


def test_replay_is_checked_against_the_installed_scikit_learn(monkeypatch):
    # Faithful here; were it not (another release ranking otherwise), the
    # ambiguous rows must go to scikit-learn's own search, output unchanged.
    assert sklearn_search.replay_is_faithful()
    monkeypatch.setattr(sklearn_search, "_FAITHFUL", [False])
    X = np.repeat(np.random.RandomState(3).randint(0, 3, size=(300, 18)) * 0.5, 2, axis=0)
    rows = np.arange(0, 600, 2)
    want = NearestNeighbors(n_neighbors=4).fit(X).kneighbors(X[rows], return_distance=False)
    report = OrderReport()
    got = imblearn_neighbors(
        BruteForceNeighbors(4).fit(X), X, rows, 4, ask_first=False, report=report
    )
    np.testing.assert_array_equal(got, want[:, 1:])
    assert report.replayed == 0 and report.sklearn_batches == 1


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "change", ["none", "half", "nan", "inf", "-inf", "late_half", "huge", "negative"]
)
def test_integer_check_equals_its_reference(dtype, change):
    from naive import naive_all_integers

    from fastsmote._kernels.integers import all_integers

    X = np.random.RandomState(0).randint(-50, 50, size=(300, 30)).astype(dtype)
    value = {
        "half": 0.5,
        "nan": np.nan,
        "inf": np.inf,
        "-inf": -np.inf,
        "late_half": 2.5,
        "huge": 2.0**60,
        "negative": -7.0,
    }.get(change)
    if value is not None:
        # "late_half" lands past the first block of 4,096 values.
        X[-1 if change == "late_half" else 3, 7] = value
    assert all_integers(X) == naive_all_integers(X)


@pytest.mark.parametrize("n_features", [3, 20])  # KD-tree, then ArgKmin
def test_sklearn_neighbors_of_rows_drop_the_row_itself(n_features):
    rng = np.random.RandomState(0)
    X = rng.randint(0, 3, size=(400, n_features)).astype(np.float64)
    X[10] = X[11]  # a duplicate may rank before the row itself
    rows = np.arange(0, 400, 3)
    k = 5
    dist, ind = sklearn_search.sklearn_neighbors_of_rows(X, rows, k)
    assert dist.shape == ind.shape == (rows.size, k)
    assert not (ind == rows[:, None]).any()
    want_dist, want_ind = NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X[rows])
    for i, row in enumerate(rows):
        listed = want_ind[i] == row
        keep = ~listed if listed.any() else np.arange(k + 1) < k
        np.testing.assert_array_equal(ind[i], want_ind[i][keep])
        np.testing.assert_allclose(dist[i], want_dist[i][keep])


def test_probe_keeps_its_kd_tree_for_the_batch():
    rng = np.random.RandomState(1)
    X = rng.randint(0, 2, size=(3000, 4)).astype(np.float64)  # every list ties
    rows = np.arange(3000)
    nn = KDTreeNeighbors(6).fit(X)
    assert ask_outright.mostly_ambiguous(nn, X, rows, 6)
    tree = nn._fit_facts.built_tree()
    assert tree is not None
    got = imblearn_neighbors(nn, X, rows, 6)
    np.testing.assert_array_equal(
        got, NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X)[1][:, 1:]
    )
    assert nn._fit_facts.built_tree() is tree


def test_tree_queries_on_threads_equal_one_thread():
    rng = np.random.RandomState(2)
    X = rng.randint(0, 3, size=(2000, 5)).astype(np.float64)
    rows = np.arange(0, 2000, 2)
    one = sklearn_search.sklearn_lists(X, rows, 6)
    tree = sklearn_search.sklearn_tree(X)
    for n_threads in (2, 3):
        np.testing.assert_array_equal(
            sklearn_search.sklearn_lists(X, rows, 6, tree, n_threads), one
        )
    want = NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X[rows], return_distance=False)
    np.testing.assert_array_equal(one, want[:, 1:])


def test_near_ties_settled_by_scikit_learns_values(monkeypatch):
    """Rows the error bound calls ambiguous (each row has a near-copy closer
    than the rounding of the offset norms) get their lists from
    scikit-learn's values of their candidates where those are distinct; exact
    copies still go to the replay."""
    monkeypatch.setattr(ask_outright, "SMALL_SEARCH_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "ONE_SIDED_SMALL_PAIRS", 0)
    monkeypatch.setattr(ask_outright, "one_sided_gains_little", lambda method, facts: False)
    monkeypatch.setattr(ask_outright, "AMBIGUOUS_SHARE", np.inf)
    # Where this BLAS does not sum scikit-learn's chunks as FMA chains (e.g.
    # OpenBLAS's Haswell kernels), the 20 copies alone would send the batch
    # to scikit-learn outright.
    monkeypatch.setattr(ask_outright, "AMBIGUOUS_SHARE_WITHOUT_CHAINS", np.inf)
    rng = np.random.RandomState(6)
    X = 1e4 + rng.randn(1500, 17)
    X[1::2] = X[0::2] + rng.randn(750, 17) * 8e-4  # d**2 ~ 1e-5: below the bound, above the noise
    X[700:720] = X[:20]  # exact copies too
    for batch in (np.arange(1500), np.arange(0, 1500, 9)):
        want = NearestNeighbors(n_neighbors=5).fit(X).kneighbors(X[batch], return_distance=False)
        report = OrderReport()
        nn = BruteForceNeighbors(5).fit(X)
        got = imblearn_neighbors(nn, X, batch, 5, report=report)
        np.testing.assert_array_equal(got, want[:, 1:])
        if chains_cover(batch.size, X.shape[0], X.shape[1]):
            assert report.settled > 0
        else:
            # Without FMA chains no value of scikit-learn's is known without
            # its own chunk products: nothing is settled, all is resolved.
            assert report.settled == 0 and report.ambiguous > 0
        assert report.ambiguous > report.settled  # the duplicates still need the replay


def test_exact_ties_are_never_settled():
    from fastsmote.neighbors.ambiguity import settled_by_values
    from fastsmote.neighbors.sklearn_blas import sklearn_row_norms

    X = np.array([[0.0, 0.0], [1.0, 0.0], [-1.0, 0.0], [0.0, 3.0], [5.0, 5.0]] * 1)
    X = np.repeat(X, 1, axis=0)
    rows = np.array([0])
    nn_ind = np.array([[1, 2, 3]])  # 1 and 2 tie with each other
    nn_dist = np.array([[1.0, 1.0, 3.0]])
    norms = sklearn_row_norms(X)
    settled, _ = settled_by_values(X, norms, rows, rows, 5, nn_dist, nn_ind, 3, exact_arith=True)
    assert not settled[0]
    nn_ind = np.array([[1, 3, 4]])
    nn_dist = np.array([[1.0, 3.0, np.sqrt(50.0)]])
    settled, lists = settled_by_values(
        X, norms, rows, rows, 5, nn_dist, nn_ind, 3, exact_arith=True
    )
    assert settled[0] and lists[0].tolist() == [1, 3]
