"""Map ``n_jobs`` to Numba's thread count for one call, always restoring it."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import numba

#: Below this much work a kernel runs on one thread: waking Numba's other
#: threads costs more than it saves. The unit is one element touched: query
#: rows x reference rows x features for an exact neighbour search, new rows x
#: features for interpolation. One thread handles about 4e9 per second in the
#: brute-force search, so this is about 2 ms of work; with a busy second core,
#: 2 threads took 20 ms where 1 took 2 (200 x 20 all-points search) and were
#: still slower at 3,000 rows. fastsmote's results do not depend on the thread
#: count, so this changes only the time.
SERIAL_WORK = 8_000_000


def resolve_n_jobs(n_jobs: int | None) -> int:
    """Translate a scikit-learn style ``n_jobs`` into a thread count.

    ``None`` means every thread Numba was started with, ``-1`` as well,
    ``-2`` all but one, and a positive number that many (capped at Numba's
    maximum, which is fixed when Numba starts).

    Examples
    --------
    >>> resolve_n_jobs(1)
    1
    """
    max_threads = numba.config.NUMBA_NUM_THREADS
    if n_jobs is None:
        return max_threads
    if n_jobs == 0:
        raise ValueError("n_jobs == 0 has no meaning; use None, -1 or a positive number.")
    if n_jobs < 0:
        return max(1, max_threads + 1 + n_jobs)
    return min(int(n_jobs), max_threads)


@contextmanager
def numba_threads(n_jobs: int | None, work: int | None = None) -> Iterator[int]:
    """Run the enclosed block with Numba's thread count set from ``n_jobs``.

    The previous count is restored on exit, also when the block raises, so a
    fastsmote call never changes the caller's global Numba state.

    Parameters
    ----------
    n_jobs : int or None
        As :func:`resolve_n_jobs`.
    work : int, default=None
        The block's work (see :data:`SERIAL_WORK`); below ``SERIAL_WORK`` it
        runs on one thread. ``None``: no estimate, ``n_jobs`` decides alone.

    Examples
    --------
    >>> with numba_threads(1) as n:
    ...     n
    1
    >>> with numba_threads(None, work=1_000) as n:
    ...     n
    1
    """
    n = resolve_n_jobs(n_jobs)
    if work is not None and work < SERIAL_WORK:
        n = 1
    previous = numba.get_num_threads()
    numba.set_num_threads(n)
    try:
        yield n
    finally:
        numba.set_num_threads(previous)


def cpu_count() -> int:
    """Number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@functools.cache
def _blas_controller():
    # Numba's np.dot calls scipy's BLAS (scipy.linalg.cython_blas): load it
    # before threadpoolctl takes its inventory of the process's libraries.
    import scipy.linalg.cython_blas  # noqa: F401
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager:
    """Context in which BLAS runs on one thread (Numba's threads own the cores).

    The same as ``threadpoolctl.threadpool_limits(limits=1, user_api="blas")``
    with the inventory of loaded libraries taken once per process: that
    inventory costs 1-4 ms per call, which small searches would pay each time.

    Examples
    --------
    >>> with one_blas_thread():
    ...     pass
    """
    return _blas_controller().limit(limits=1, user_api="blas")
