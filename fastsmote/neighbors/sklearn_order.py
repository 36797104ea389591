"""Neighbour lists exactly as imbalanced-learn gets them from scikit-learn.

imbalanced-learn asks a ``NearestNeighbors(n_neighbors=k + 1)`` fitted on some
rows for the neighbours of some of those same rows, and drops the first
column as "self". Where distances are distinct that is the exact k nearest,
self excluded: what fastsmote's backends compute. Where they tie (duplicate
rows, integer data) or nearly tie (within scikit-learn's own rounding), the
list depends on how scikit-learn searched. This module finds those rows and
gives them scikit-learn's answer:

* scikit-learn's KD-tree (dense, at most 15 features, ``n_neighbors <
  n_samples // 2``) answers each query row on its own, whatever else is in the
  batch: the ambiguous rows are asked of a KD-tree built as imbalanced-learn
  builds it.
* its brute force (``ArgKmin``, dense float data) is replayed on the values it
  computes (:func:`~fastsmote.neighbors.sklearn_search.replay`), so every
  comparison, ties and rounding included, comes out as in scikit-learn.
* anything else (sparse or integer-typed input, more than 15 neighbours)
  gets scikit-learn's own search, the only answer identical by construction:
  for brute force on just the query chunks that hold those rows (``ArgKmin``
  computes each chunk alike whatever the others hold), else on
  imbalanced-learn's whole batch.

Which rows are ambiguous is :mod:`~fastsmote.neighbors.ambiguity`'s test.
Small searches, data whose rows mostly repeat and batches mostly ambiguous
ask scikit-learn outright (:mod:`~fastsmote.neighbors.ask_outright`): the
search imbalanced-learn's call runs, without the estimator's validation of
arrays already validated. :class:`OrderReport` counts the rows resolved each
way (the tests read it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.neighbors import NearestNeighbors

from .._config import get_config
from .ambiguity import FitFacts, ambiguous_rows, fit_facts, row_norms, settled_by_values
from .ask_outright import asks_scikit_learn, mostly_ambiguous, scikit_learn_is_cheaper
from .integer_search import integer_lists, integer_search_applies
from .sklearn_blas import blas_share
from .sklearn_search import (
    MAX_REPLAY_NEIGHBORS,
    argkmin_chunks,
    replay,
    replay_is_faithful,
    sklearn_lists,
    sklearn_method,
)

#: From this share of the batch's rows whose chunks would need the BLAS
#: product (one thread here), scikit-learn's own search of those chunks (on all
#: threads) is cheaper than the replay.
BLAS_SHARE = 0.5

#: Names the samplers read from here, whichever module holds them.
__all__ = [
    "OrderReport",
    "asks_scikit_learn",
    "imblearn_lists",
    "imblearn_neighbors",
    "imblearn_order_enabled",
    "mostly_ambiguous",
    "positions_in",
    "resolved_lists",
    "resolves_ties",
    "scikit_learn_is_cheaper",
    "sklearn_lists",
    "sklearn_method",
    "unambiguous",
]


@dataclass
class OrderReport:
    """How many query rows needed scikit-learn's order, and how it was found."""

    ambiguous: int = 0
    settled: int = 0
    kd_tree: int = 0
    replayed: int = 0
    sklearn_batches: int = 0
    integer_batches: int = 0


def imblearn_order_enabled() -> bool:
    """Whether samplers reproduce imbalanced-learn's neighbour lists (the default)."""
    return get_config()["neighbor_order"] == "imblearn"


def resolves_ties(nn) -> bool:
    """Whether searches with the fastsmote backend ``nn`` return imbalanced-learn's
    lists (the default order and an exact backend), which must then be asked
    batch by batch as imbalanced-learn asks them."""
    return imblearn_order_enabled() and bool(getattr(nn, "is_exact", False))


def imblearn_lists(
    X, X_kernel, rows, n_neighbors, nn_dist, nn_ind, batch=None, report=None, facts=None
):
    """imbalanced-learn's neighbour lists for the rows ``rows`` of ``X``.

    That is ``NearestNeighbors(n_neighbors).fit(X).kneighbors(X[batch])[:, 1:]``
    at the positions of ``rows`` in ``batch``, computed from fastsmote's exact
    lists and scikit-learn's help only where those can differ.

    Parameters
    ----------
    X : array-like or sparse matrix of shape (n_fit, n_features)
        The fitted rows as imbalanced-learn passes them (its dtype decides
        scikit-learn's search).
    X_kernel : ndarray of shape (n_fit, n_features)
        ``X`` as fastsmote's backends hold it (C-contiguous float), or None for
        sparse ``X``.
    rows : ndarray of int64
        The query rows (positions in ``X``), a subset of ``batch``.
    n_neighbors : int
        scikit-learn's ``n_neighbors`` (self included).
    nn_dist, nn_ind : ndarray of shape (len(rows), >= n_neighbors)
        fastsmote's exact lists of ``rows``: self excluded by index, ties by
        index, at least ``n_neighbors`` columns (one more than returned).
    batch : ndarray of int64, default=None
        imbalanced-learn's query batch; ``None`` means ``rows``.
    report : OrderReport, default=None
        Counts updated in place.
    facts : FitFacts, default=None
        Facts about ``X`` computed by an earlier step (``None``: computed here).

    Returns
    -------
    nn_ind : ndarray of shape (len(rows), n_neighbors - 1), int64
    """
    rows = np.asarray(rows, dtype=np.int64)
    out = np.ascontiguousarray(nn_ind[:, : n_neighbors - 1], dtype=np.int64)
    if rows.size == 0:
        return out
    n_fit, n_features = X.shape
    method = sklearn_method(n_fit, n_features, n_neighbors, X)
    if facts is None:
        facts = FitFacts(X, X_kernel)
    exact_arith = method == "argkmin" and facts.exact_arith
    ambiguous = ambiguous_rows(method, facts.norms, rows, nn_dist, nn_ind, n_neighbors, exact_arith)
    todo = np.flatnonzero(ambiguous)
    if report is not None:
        report.ambiguous += int(todo.size)
    if todo.size and method == "argkmin" and X_kernel is not None:
        batch_rows = rows if batch is None else np.asarray(batch, dtype=np.int64)
        settled, lists = settled_by_values(
            X_kernel,
            facts.sklearn_norms,
            rows[todo],
            positions_in(batch_rows, rows[todo]),
            batch_rows.size,
            nn_dist[todo],
            nn_ind[todo],
            n_neighbors,
            exact_arith,
        )
        out[todo[settled]] = lists[settled]
        todo = todo[~settled]
        if report is not None:
            report.settled += int(settled.sum())
    if todo.size == 0:
        return out
    out[todo] = resolved_lists(X, X_kernel, rows[todo], n_neighbors, batch, report, facts)
    return out


def resolved_lists(X, X_kernel, rows, n_neighbors, batch=None, report=None, facts=None):
    """imbalanced-learn's lists for ``rows``, which its search may order
    otherwise than by (distance, index): scikit-learn's KD-tree on just those
    rows, the one-pass search of small integers, the brute-force replay on
    its own values, or its search of the chunks that hold them.

    Parameters are :func:`imblearn_lists`'s (``batch`` holds ``rows``;
    ``None`` means ``rows``).

    Returns
    -------
    nn_ind : ndarray of shape (len(rows), n_neighbors - 1), int64
    """
    rows = np.asarray(rows, dtype=np.int64)
    n_fit, n_features = X.shape
    method = sklearn_method(n_fit, n_features, n_neighbors, X)
    if method == "kd_tree":
        if report is not None:
            report.kd_tree += int(rows.size)
        if facts is None:
            return sklearn_lists(X, rows, n_neighbors)
        return sklearn_lists(X, rows, n_neighbors, facts.sklearn_tree, facts.n_threads)
    batch = rows if batch is None else np.asarray(batch, dtype=np.int64)
    if method == "argkmin" and X_kernel is not None:
        if facts is None:
            facts = FitFacts(X, X_kernel)
        if integer_search_applies(facts, n_neighbors):
            if report is not None:
                report.integer_batches += 1
            return integer_lists(facts, rows, n_neighbors, batch.size, facts.n_threads)
    positions = positions_in(batch, rows)
    replayable = (
        n_neighbors <= MAX_REPLAY_NEIGHBORS and X_kernel is not None and replay_is_faithful()
    )
    if (
        method == "argkmin"
        and replayable
        and blas_share(batch.size, n_fit, n_features, positions) < BLAS_SHARE
    ):
        if report is not None:
            report.replayed += int(rows.size)
        y_norms = None if facts is None else facts.sklearn_norms
        return replay(X_kernel, batch, positions, n_neighbors, y_norms)[:, 1:]
    # scikit-learn's own search on imbalanced-learn's batch: identical by construction.
    if report is not None:
        report.sklearn_batches += 1
    nn = NearestNeighbors(n_neighbors=n_neighbors).fit(X)
    if method == "argkmin":
        return argkmin_chunks(nn, X, batch, positions)[:, 1:]
    return nn.kneighbors(X[batch], return_distance=False)[positions, 1:]


def unambiguous(X, rows, nn_ind, n_neighbors, n_fit) -> np.ndarray:
    """Which ``rows`` of dense ``X`` have lists that scikit-learn's search among
    ``n_fit`` rows (some of them) returns unchanged, tie order included.

    ``nn_ind`` holds each row's exact neighbours (self excluded, sorted by
    distance then index) among those rows, ``n_neighbors`` columns (one more
    than imbalanced-learn keeps; -1 where a list is short, which counts as
    ambiguous). The test is :func:`imblearn_lists`'s, computed from the rows
    themselves.
    """
    rows = np.asarray(rows, dtype=np.int64)
    ok = np.zeros(rows.size, dtype=np.bool_)
    if rows.size == 0:
        return ok
    complete = (nn_ind[:, :n_neighbors] >= 0).all(axis=1)
    method = sklearn_method(n_fit, X.shape[1], n_neighbors, X)
    norms = row_norms(X, X)
    for start in range(0, rows.size, 65_536):
        block = slice(start, start + 65_536)
        ind = np.maximum(nn_ind[block, :n_neighbors], 0)
        diff = X[ind] - X[rows[block], None, :]
        dist = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff, dtype=np.float64))
        # Not exact arithmetic here: near-ties count as ties (the safe side).
        ok[block] = ~ambiguous_rows(method, norms, rows[block], dist, ind, n_neighbors, False)
    return ok & complete


def positions_in(batch, rows):
    """Positions of ``rows`` in ``batch`` (distinct indices, each row among them)."""
    order = np.argsort(batch, kind="stable")
    return order[np.searchsorted(batch[order], rows)]


def imblearn_neighbors(
    nn_fitted, X, rows, n_neighbors, all_rows=False, batch=None, ask_first=True, report=None
):
    """imbalanced-learn's ``kneighbors(X[batch])[:, 1:]`` at ``rows``, from a
    fitted fastsmote backend.

    Parameters
    ----------
    nn_fitted : BaseNeighbors
        A fastsmote backend fitted on ``X``.
    X : array-like or sparse matrix
        The fitted rows as imbalanced-learn passes them.
    rows : ndarray of int64
        The query rows (positions in ``X``).
    n_neighbors : int
        scikit-learn's ``n_neighbors`` (self included).
    all_rows : bool, default=False
        ``rows`` is every row in order: use the all-points search.
    batch : ndarray of int64, default=None
        imbalanced-learn's query batch, holding ``rows``; ``None`` means ``rows``.
    ask_first : bool, default=True
        Ask scikit-learn outright where :func:`asks_scikit_learn` says so (a
        caller querying one batch in parts decides once, for the batch).
    report : OrderReport, default=None

    Returns
    -------
    nn_ind : ndarray of shape (len(rows), n_neighbors - 1), int64
        imbalanced-learn's lists under the default ``neighbor_order``; with
        ``"index"`` (or an approximate backend), self excluded by index and
        ties broken by index.
    """
    rows = np.asarray(rows, dtype=np.int64)
    batch = rows if batch is None else np.asarray(batch, dtype=np.int64)
    n_fit = X.shape[0]
    if hasattr(nn_fitted, "expect_queries"):
        nn_fitted.expect_queries(rows.size)
    resolve = resolves_ties(nn_fitted)
    if resolve and not sparse.issparse(X):
        facts = fit_facts(nn_fitted, X)
        if integer_search_applies(facts, n_neighbors):
            if report is not None:
                report.integer_batches += 1
            return integer_lists(facts, rows, n_neighbors, batch.size, nn_fitted.n_jobs)
    one_sided = not all_rows and batch.size < n_fit
    if (
        resolve
        and ask_first
        and asks_scikit_learn(nn_fitted, X, rows, n_neighbors, batch.size, one_sided)
    ):
        if report is not None:
            report.sklearn_batches += 1
        facts = fit_facts(nn_fitted, X)
        lists = sklearn_lists(X, batch, n_neighbors, facts.built_tree(), facts.n_threads)
        return lists if batch is rows else lists[positions_in(batch, rows)]
    # One neighbour more than returned shows whether the last one is tied.
    width = min(n_neighbors if resolve else n_neighbors - 1, n_fit - 1)
    if width == 0:
        return np.zeros((rows.size, 0), dtype=np.int64)
    if all_rows:
        nn_dist, nn_ind = nn_fitted.kneighbors(None, width)
    else:
        nn_dist, nn_ind = nn_fitted.kneighbors_of_rows(rows, width)
    if not resolve:
        return np.ascontiguousarray(nn_ind[:, : n_neighbors - 1], dtype=np.int64)
    if width < n_neighbors:
        nn_dist = np.hstack([nn_dist, np.full((rows.size, 1), np.inf)])
        nn_ind = np.hstack([nn_ind, np.full((rows.size, 1), -1, dtype=np.int64)])
    fit_X = getattr(nn_fitted, "_fit_X", None)
    X_kernel = fit_X if isinstance(fit_X, np.ndarray) and not sparse.issparse(X) else None
    facts = fit_facts(nn_fitted, X) if X_kernel is not None else None
    return imblearn_lists(X, X_kernel, rows, n_neighbors, nn_dist, nn_ind, batch, report, facts)
