"""Which neighbour lists scikit-learn's search could order otherwise than
fastsmote's exact search (ties, duplicates, near-ties within rounding), and the
facts about the fitted rows that decision reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from .._kernels.blas_chain import pair_values
from .._kernels.integers import all_integers
from .._threads import resolve_n_jobs
from .integer_search import FLOAT32_EXACT, augmented_rows
from .sklearn_blas import chained_pairs, sklearn_row_norms
from .sklearn_search import sklearn_tree

_U = 2.0**-53

#: scikit-learn's squared distance |q|^2 - 2 q.r + |r|^2 (two dot products of
#: d terms, then two additions) is within (d + 2) u (|q| + |r|)^2 of exact
#: (Cauchy-Schwarz bounds the dot product's sum of |products|); its KD-tree's
#: direct sum within (d + 1) u times the distance. With a 25 % margin:
_ERROR_PER_TERM = 1.25 * _U


def ambiguous_rows(method, norms, rows, nn_dist, nn_ind, n_neighbors, exact_arith):
    """Rows whose first ``n_neighbors`` (self first) could come out in another
    order, or with another member, in scikit-learn's search."""
    n_rows = rows.shape[0]
    sq = np.empty((n_rows, n_neighbors + 1))
    sq[:, 0] = 0.0
    sq[:, 1:] = np.square(nn_dist[:, :n_neighbors])
    gaps = np.diff(sq, axis=1)
    if exact_arith:
        return (gaps <= 0).any(axis=1)
    # scikit-learn's error and that of fastsmote's own distances (a direct sum,
    # then a square root and its square): twice the per-term bound.
    coef = 2.0 * (norms.n_features + 3) * _ERROR_PER_TERM
    if method == "kd_tree":
        # The tree sums squared differences: error relative to the distance.
        err = coef * sq + 1e-300
    else:
        # The norm expansion |q|^2 - 2 q.r + |r|^2: error relative to the norms.
        row_norms = norms.values
        r_norm = np.empty_like(sq)
        r_norm[:, 0] = row_norms[rows]
        filled = nn_ind[:, :n_neighbors]
        r_norm[:, 1:] = np.where(filled >= 0, row_norms[np.maximum(filled, 0)], 0.0)
        err = coef * (row_norms[rows][:, None] + r_norm) ** 2
    with np.errstate(invalid="ignore"):
        return ~(gaps > err[:, :-1] + err[:, 1:]).all(axis=1)


def settled_by_values(
    X_kernel, sk_norms, rows, positions, n_batch, nn_dist, nn_ind, n_neighbors, exact_arith=False
):
    """Which ambiguous rows scikit-learn's own values settle, and their lists.

    A list the error bound calls ambiguous (a near-tie within rounding) is
    still decided when scikit-learn's values are known for its candidates: the
    row itself and its ``n_neighbors`` nearest (``nn_ind``, self excluded,
    sorted by distance then index). Those values come from
    :func:`~fastsmote._kernels.blas_chain.pair_values` (each an FMA chain, so
    only where this BLAS sums the pair's chunk shape that way, or exact
    arithmetic). The row is settled when the ``n_neighbors`` smallest values
    are distinct (no exact tie, whose order only the heaps' history decides)
    and below the value left out and below the least value any other row can
    have: every other row is at least as far as the last candidate, and
    scikit-learn's value is within ``c (|q| + |r|)**2 <= c (2 |q| + d)**2`` of
    the squared distance ``d**2``. Its list is then the candidates by value,
    the first dropped as imbalanced-learn drops it.

    Returns
    -------
    settled : ndarray of shape (len(rows),), bool
    lists : ndarray of shape (len(rows), n_neighbors - 1), int64
        imbalanced-learn's lists where ``settled``.
    """
    n_fit, n_features = X_kernel.shape
    cand = np.empty((rows.size, n_neighbors + 1), dtype=np.int64)
    cand[:, 0] = rows
    cand[:, 1:] = nn_ind[:, :n_neighbors]
    complete = (cand >= 0).all(axis=1)
    cand = np.maximum(cand, 0)
    valid = complete
    if not exact_arith:
        valid = valid & chained_pairs(n_batch, n_fit, n_features, positions, cand).all(axis=1)
    values = pair_values(X_kernel, rows, cand, sk_norms)
    order = np.argsort(values, axis=1, kind="stable")
    ranked = np.take_along_axis(values, order, axis=1)
    kth = ranked[:, n_neighbors - 1]
    distinct = (np.diff(ranked[:, :n_neighbors], axis=1) > 0).all(axis=1)
    # Every other row: distance >= the last candidate's (fastsmote's float64
    # distance, less its own rounding), value >= d**2 - c (2 |q| + d)**2, which
    # grows with d from the last candidate on when the derivative is positive there.
    coef = 2.0 * (n_features + 3) * _ERROR_PER_TERM
    d_last = nn_dist[:, n_neighbors - 1] * (1.0 - 4.0 * (n_features + 3) * _U)
    q_norm = np.sqrt(sk_norms[rows])
    with np.errstate(invalid="ignore", over="ignore"):
        floor = d_last**2 - coef * (2.0 * q_norm + d_last) ** 2
        growing = d_last * (1.0 - coef) > 2.0 * coef * q_norm
        settled = (
            valid
            & distinct
            & (kth < ranked[:, n_neighbors])
            & growing
            & (kth < floor)
            & np.isfinite(ranked).all(axis=1)
        )
    lists = np.take_along_axis(cand, order[:, 1:n_neighbors], axis=1)
    return settled, lists


@dataclass
class RowNorms:
    values: np.ndarray
    n_features: int


def row_norms(X, X_kernel) -> RowNorms:
    if X_kernel is not None:
        values = np.sqrt(np.einsum("ij,ij->i", X_kernel, X_kernel, dtype=np.float64))
    else:
        values = np.sqrt(np.asarray(X.multiply(X).sum(axis=1), dtype=np.float64).ravel())
    return RowNorms(values, X.shape[1])


def integer_spread(X_kernel) -> float:
    """``4 d M**2`` for rows of integers (``d`` features, ``M`` the largest
    absolute value): a bound on every squared distance, norm and partial dot
    product between them, each then an integer; infinite unless every value
    is an integer. Below ``2**52`` scikit-learn's squared distances are exact
    in any summation order, so only exact ties are ambiguous."""
    if X_kernel.size == 0:
        return 0.0
    if not all_integers(np.ascontiguousarray(X_kernel)):
        return np.inf
    largest = max(float(X_kernel.max()), -float(X_kernel.min()))
    return 4.0 * X_kernel.shape[1] * largest * largest


class FitFacts:
    """What several steps of one search read of the fitted rows ``X`` (held by
    fastsmote's backends as ``X_kernel``, None for sparse input), each computed
    at most once."""

    def __init__(self, X, X_kernel, n_threads=1):
        self.X = X
        self.X_kernel = X_kernel
        #: Threads scikit-learn's KD-tree queries may use (the backend's ``n_jobs``).
        self.n_threads = n_threads

    @cached_property
    def integer_spread(self) -> float:
        """:func:`integer_spread` of the dense rows (infinite for sparse input)."""
        return np.inf if self.X_kernel is None else integer_spread(self.X_kernel)

    @property
    def exact_arith(self) -> bool:
        """Whether scikit-learn's squared distances are exact (integer rows)."""
        return self.integer_spread < 2.0**52

    @property
    def small_integers(self) -> bool:
        """Whether float32 products of the rows are exact (integer rows)."""
        return self.integer_spread <= FLOAT32_EXACT

    @cached_property
    def integer_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """:func:`~fastsmote.neighbors.integer_search.augmented_rows`, once."""
        return augmented_rows(self.X_kernel)

    @cached_property
    def norms(self) -> RowNorms:
        """The rows' Euclidean norms (:func:`row_norms`)."""
        return row_norms(self.X, self.X_kernel)

    @cached_property
    def sklearn_tree(self):
        """The ``KDTree`` scikit-learn builds on the dense rows, built once."""
        return sklearn_tree(self.X)

    def built_tree(self):
        """:attr:`sklearn_tree` if an earlier step built it, else None."""
        return self.__dict__.get("sklearn_tree")

    @cached_property
    def sklearn_norms(self) -> np.ndarray:
        """scikit-learn's squared row norms of the dense rows."""
        return sklearn_row_norms(self.X_kernel)


def fit_facts(nn_fitted, X) -> FitFacts:
    """The :class:`FitFacts` of the rows ``X`` a fastsmote backend was fitted on,
    kept on the backend until its next ``fit``."""
    facts = getattr(nn_fitted, "_fit_facts", None)
    if facts is None or facts.X is not X:
        fit_X = getattr(nn_fitted, "_fit_X", None)
        dense = isinstance(fit_X, np.ndarray) and not sparse.issparse(X)
        n_threads = resolve_n_jobs(getattr(nn_fitted, "n_jobs", None))
        facts = FitFacts(X, fit_X if dense else None, n_threads)
        nn_fitted._fit_facts = facts
    return facts
