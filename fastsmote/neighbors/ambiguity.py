"""Which neighbour lists scikit-learn's search could order otherwise than
fastsmote's exact search (ties, duplicates, near-ties within rounding), and the
facts about the fitted rows that decision reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from .._kernels.integers import all_integers
from .._threads import resolve_n_jobs
from .integer_search import FLOAT32_EXACT, augmented_rows
from .sklearn_blas import sklearn_row_norms
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
