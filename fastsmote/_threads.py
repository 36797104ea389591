"""Map ``n_jobs`` to Numba's thread count for one call, always restoring it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import numba


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
def numba_threads(n_jobs: int | None) -> Iterator[int]:
    """Run the enclosed block with Numba's thread count set from ``n_jobs``.

    The previous count is restored on exit, also when the block raises, so a
    fastsmote call never changes the caller's global Numba state.

    Examples
    --------
    >>> with numba_threads(1) as n:
    ...     n
    1
    """
    n = resolve_n_jobs(n_jobs)
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
