"""imbalanced-learn's brute-force lists on small-integer tables, searched at once.

Where scikit-learn searches by brute force (``ArgKmin``) and the rows are
integers small enough that float32 products are exact (counts, pixel values,
binary indicators: ``4 d M**2 <= 2**24``), one float32 pass computes
scikit-learn's own values and pushes them onto its heaps
(:func:`~fastsmote._kernels.integer_argkmin.integer_argkmin`): no screening,
no tie resolution and no probe, ties ordered exactly as scikit-learn orders
them.
"""

from __future__ import annotations

import numpy as np

from .._kernels.integer_argkmin import integer_argkmin
from .._threads import numba_threads, one_blas_thread
from .brute import BLOCK_QUERIES, BLOCK_REFERENCES
from .sklearn_search import MAX_REPLAY_NEIGHBORS, replay_is_faithful, sklearn_method, thread_bounds

#: float32 holds every integer up to this exactly.
FLOAT32_EXACT = 2.0**24


def integer_search_applies(facts, n_neighbors: int) -> bool:
    """Whether :func:`integer_lists` gives imbalanced-learn's lists for these
    fitted rows (a :class:`~fastsmote.neighbors.ambiguity.FitFacts`)."""
    X = facts.X
    if facts.X_kernel is None or n_neighbors > MAX_REPLAY_NEIGHBORS:
        return False
    if sklearn_method(X.shape[0], X.shape[1], n_neighbors, X) != "argkmin":
        return False
    return facts.small_integers and replay_is_faithful()


def augmented_rows(X_kernel) -> tuple[np.ndarray, np.ndarray]:
    """``[r, |r|^2]`` for each row (float32, exact) and ``|r|^2`` (float64)."""
    sqnorm = np.einsum("ij,ij->i", X_kernel, X_kernel, dtype=np.float64)
    r_aug = np.empty((X_kernel.shape[0], X_kernel.shape[1] + 1), dtype=np.float32)
    r_aug[:, :-1] = X_kernel
    r_aug[:, -1] = sqnorm
    return r_aug, sqnorm


def integer_lists(facts, rows, n_neighbors: int, n_batch: int, n_jobs=None) -> np.ndarray:
    """imbalanced-learn's lists (``NearestNeighbors(n_neighbors)`` on the
    fitted rows, ``kneighbors`` of a batch of ``n_batch`` rows holding
    ``rows``, first column dropped) for ``rows``.

    Returns
    -------
    nn_ind : ndarray of shape (len(rows), n_neighbors - 1), int64
    """
    r_aug, sqnorm = facts.integer_rows
    rows = np.asarray(rows, dtype=np.int64)
    q_aug = np.empty((rows.size, r_aug.shape[1]), dtype=np.float32)
    q_aug[:, :-1] = -2.0 * r_aug[rows, :-1]
    q_aug[:, -1] = 1.0
    bounds, on_y = thread_bounds(n_batch, r_aug.shape[0])
    work = rows.size * r_aug.shape[0] * r_aug.shape[1]
    with numba_threads(n_jobs, work=work), one_blas_thread():
        nn_ind = integer_argkmin(
            q_aug,
            r_aug,
            sqnorm[rows],
            n_neighbors,
            bounds,
            on_y,
            BLOCK_QUERIES,
            BLOCK_REFERENCES,
        )
    return np.ascontiguousarray(nn_ind[:, 1:])
