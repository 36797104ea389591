"""Threads: the output never depends on ``n_jobs``, and Numba's thread count is
the caller's again after every call, also after an exception."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np
import pytest
from sklearn.datasets import make_classification

from fastsmote import SMOTE
from fastsmote._threads import SERIAL_WORK, numba_threads, resolve_n_jobs
from fastsmote.neighbors import AutoNeighbors, BruteForceNeighbors

MAX_THREADS = numba.config.NUMBA_NUM_THREADS
needs_two_threads = pytest.mark.skipif(MAX_THREADS < 2, reason="Numba runs with one thread")


@pytest.fixture(autouse=True)
def restore_numba_threads():
    """Each test starts from, and leaves, Numba's full thread count."""
    numba.set_num_threads(MAX_THREADS)
    yield
    numba.set_num_threads(MAX_THREADS)


@pytest.fixture(scope="module")
def larger():
    """Enough rows for several query blocks per thread and a KD-tree under "auto"
    (2000+ rows, 8 features); rounded so that many distances tie."""
    X, y = make_classification(
        n_samples=4000, n_features=8, n_informative=5, weights=[0.85], random_state=0
    )
    return np.round(X, 1), y


def _assert_same(a, b):
    assert a[0].dtype == b[0].dtype
    assert np.array_equal(a[0], b[0])
    assert np.array_equal(a[1], b[1])


# -- the output does not depend on the thread count ----------------------------------


@needs_two_threads
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_smote_one_or_two_threads(dataset, dtype):
    _, X, y = dataset
    X = X.astype(dtype)
    one = SMOTE(random_state=0, n_jobs=1).fit_resample(X, y)
    two = SMOTE(random_state=0, n_jobs=2).fit_resample(X, y)
    _assert_same(one, two)
    for n_jobs in (None, -1):
        _assert_same(one, SMOTE(random_state=0, n_jobs=n_jobs).fit_resample(X, y))


@needs_two_threads
@pytest.mark.parametrize("nn_backend", ["auto", "brute", "kdtree"])
def test_smote_threads_on_larger_tied_data(larger, nn_backend):
    X, y = larger
    one = SMOTE(random_state=1, nn_backend=nn_backend, n_jobs=1).fit_resample(X, y)
    two = SMOTE(random_state=1, nn_backend=nn_backend, n_jobs=2).fit_resample(X, y)
    _assert_same(one, two)


@needs_two_threads
@pytest.mark.parametrize("backend", ["brute", "auto"])
def test_backends_one_or_two_threads(larger, backend):
    X, _ = larger
    cls = BruteForceNeighbors if backend == "brute" else AutoNeighbors
    one = cls(7, n_jobs=1).fit(X)
    two = cls(7, n_jobs=2).fit(X)
    for Q in (None, X[:500] + 0.05):
        a, b = one.kneighbors(Q), two.kneighbors(Q)
        assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_concurrent_calls_from_python_threads(larger):
    """Several Python threads resampling at once (each with its own n_jobs)
    get the serial answer, and each thread's Numba count is left as it was."""
    X, y = larger
    X, y = X[:1500], y[:1500]
    expected = SMOTE(random_state=0, n_jobs=1).fit_resample(X, y)

    def job(i):
        numba.set_num_threads(1 + i % MAX_THREADS)
        before = numba.get_num_threads()
        out = SMOTE(random_state=0, n_jobs=[1, 2, None, -1][i % 4]).fit_resample(X, y)
        return out, before, numba.get_num_threads()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(job, range(8)))
    for out, before, after in results:
        _assert_same(out, expected)
        assert after == before


# -- Numba's thread count is restored --------------------------------------------------


@pytest.mark.parametrize("before", sorted({1, MAX_THREADS}))
@pytest.mark.parametrize("n_jobs", [1, 2, None, -1, -2, 1000])
def test_thread_count_restored_after_fit_resample(binary_data, before, n_jobs):
    X, y = binary_data
    numba.set_num_threads(before)
    SMOTE(random_state=0, n_jobs=n_jobs).fit_resample(X, y)
    assert numba.get_num_threads() == before


@pytest.mark.parametrize("before", sorted({1, MAX_THREADS}))
def test_thread_count_restored_after_an_exception(binary_data, before):
    X, y = binary_data
    n_minority = int(np.bincount(y).min())
    numba.set_num_threads(before)
    # Raised inside the thread-count block, from the neighbour search.
    with pytest.raises(ValueError, match="n_neighbors"):
        SMOTE(k_neighbors=n_minority, random_state=0, n_jobs=2).fit_resample(X, y)
    assert numba.get_num_threads() == before
    # Raised before any thread count is set.
    with pytest.raises(ValueError, match="n_jobs == 0"):
        SMOTE(random_state=0, n_jobs=0).fit_resample(X, y)
    assert numba.get_num_threads() == before
    with pytest.raises(ValueError):
        SMOTE(random_state=0, n_jobs=2).fit_resample(np.full_like(X, np.nan), y)
    assert numba.get_num_threads() == before


def test_thread_count_restored_by_backends(binary_data):
    X, _ = binary_data
    numba.set_num_threads(1)
    nn = BruteForceNeighbors(3, n_jobs=2).fit(X)
    assert numba.get_num_threads() == 1
    nn.kneighbors()
    assert numba.get_num_threads() == 1
    with pytest.raises(ValueError):
        nn.kneighbors(n_neighbors=X.shape[0])
    assert numba.get_num_threads() == 1


def test_numba_threads_context_manager():
    numba.set_num_threads(1)
    with numba_threads(None) as n:
        assert n == MAX_THREADS == numba.get_num_threads()
    assert numba.get_num_threads() == 1
    with pytest.raises(RuntimeError, match="inside"):
        with numba_threads(-1):
            assert numba.get_num_threads() == MAX_THREADS
            raise RuntimeError("inside")
    assert numba.get_num_threads() == 1


@pytest.mark.parametrize(
    "n_jobs, expected",
    [
        (None, MAX_THREADS),
        (-1, MAX_THREADS),
        (-2, max(1, MAX_THREADS - 1)),
        (-1000, 1),
        (1, 1),
        (MAX_THREADS, MAX_THREADS),
        (MAX_THREADS + 5, MAX_THREADS),
        (np.int64(1), 1),
    ],
)
def test_resolve_n_jobs(n_jobs, expected):
    assert resolve_n_jobs(n_jobs) == expected


def test_resolve_n_jobs_zero():
    with pytest.raises(ValueError, match="n_jobs == 0"):
        resolve_n_jobs(0)


def test_import_changes_no_numba_state():
    """Importing fastsmote in a fresh process leaves the thread count alone."""
    import subprocess
    import sys

    code = (
        "import numba; numba.set_num_threads(1); import fastsmote, fastsmote.neighbors; "
        "assert numba.get_num_threads() == 1; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_small_work_runs_on_one_thread_and_large_work_on_all():
    with numba_threads(None, work=SERIAL_WORK - 1) as n:
        assert n == 1 and numba.get_num_threads() == 1
    with numba_threads(None, work=SERIAL_WORK) as n:
        assert n == resolve_n_jobs(None) == numba.get_num_threads()
    with numba_threads(None) as n:
        assert n == resolve_n_jobs(None)


def test_one_blas_thread_limits_every_blas_library_and_restores_them():
    from threadpoolctl import threadpool_info

    from fastsmote._threads import one_blas_thread

    before = {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
    assert before  # numpy's and scipy's BLAS are loaded
    with one_blas_thread():
        inside = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
        assert inside and set(inside) == {1}
    after = {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
    assert after == before
