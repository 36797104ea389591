"""When imbalanced-learn's lists are cheaper asked of scikit-learn outright
than searched by fastsmote and resolved apart: small searches, data whose rows
mostly repeat, and batches a probe finds mostly ambiguous."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .ambiguity import FitFacts, ambiguous_rows, fit_facts, settled_by_values
from .integer_search import integer_search_applies
from .sklearn_blas import chains_cover
from .sklearn_search import sklearn_method, sklearn_neighbors_of_rows


def repeated_rows(X) -> int:
    """About how many rows repeat an earlier one: rows are told apart by one
    random projection (distinct rows collide with probability zero in
    practice; the count only steers a cost estimate)."""
    direction = np.random.default_rng(0).standard_normal(X.shape[1])
    with np.errstate(all="ignore"):
        keys = np.asarray(X, dtype=np.float64) @ direction
    return int(X.shape[0] - np.unique(keys).size)


#: Up to this many query x fitted pairs (about 2,200 x 2,200 rows) real tables
#: were no faster searched by fastsmote and resolved apart than by asking
#: scikit-learn outright (tools/measure_real.py and ENN, TomekLinks and
#: Borderline-SMOTE on hypothyroid, kc1, digits and ada at 1, 5 and 20
#: million, 2026-12-01: below it a second search and the tie resolution cost
#: what they save), so they ask.
SMALL_SEARCH_PAIRS = 5_000_000

#: The same for a one-sided search that gains little (see
#: :func:`one_sided_gains_little`: rows scikit-learn's KD-tree searches, or
#: integer rows it searches by brute force), of some rows against all
#: (``kneighbors_of_rows``: Borderline-SMOTE's and ADASYN's class against every
#: row). fastsmote's brute-force one-sided kernel gains less on
#: scikit-learn's than the all-points one (bare search, Gaussian data, d = 20
#: to 320, 2026-12-01, quiet 2-core machine: 4,000 x 400 queries 1.2x slower,
#: 13,086 x 805 1.1x faster, 40,000 x 2,000 1.7x faster), and on integer rows
#: the probe and the resolution of exact ties then cost more than it saves
#: (sylva, 13,086 x 212, 805 queries: Borderline-SMOTE-1 0.82x -> 1.25x,
#: ADASYN 0.68x -> 1.24x asking outright; far_outlier's continuous rows, 20,000
#: x 20, 1,000 queries, lose 1.31x -> 1.02x that way, so keep the smaller limit).
ONE_SIDED_SMALL_PAIRS = 20_000_000

#: From this share of rows that repeat, most lists need scikit-learn's answer
#: anyway (a row with a copy ties with itself).
REPEATED_SHARE = 0.25


def scikit_learn_is_cheaper(X, n_batch: int, n_neighbors: int, one_sided: bool = False) -> bool:
    """Whether to ask scikit-learn for imbalanced-learn's lists outright: small
    searches (``one_sided``: some rows against all where that gains little,
    see ``ONE_SIDED_SMALL_PAIRS``), and data where most rows repeat, or some where
    scikit-learn's values need its own chunk products (dense float data only;
    the answer is the same either way)."""
    if sparse.issparse(X) or getattr(X, "dtype", None) not in (np.float32, np.float64):
        return False
    n_fit = X.shape[0]
    if n_batch * n_fit <= (ONE_SIDED_SMALL_PAIRS if one_sided else SMALL_SEARCH_PAIRS):
        return True
    if sklearn_method(n_fit, X.shape[1], n_neighbors, X) != "argkmin":
        return False
    share = REPEATED_SHARE
    if not chains_cover(n_batch, n_fit, X.shape[1]):
        # Every repeated row is ambiguous; here each costs a whole chunk.
        share = AMBIGUOUS_SHARE_WITHOUT_CHAINS
    return repeated_rows(X) >= share * n_fit / 2


#: Query rows searched first to estimate how many lists are ambiguous, and the
#: share from which asking scikit-learn outright is cheaper than resolving.
PROBE_ROWS = 64
AMBIGUOUS_SHARE = 0.3

#: The same where this BLAS does not sum scikit-learn's full chunks as FMA
#: chains: each ambiguous row then costs its whole 256-row chunk's products,
#: and one in a hundred touches nearly every chunk (searched on a probe four
#: times larger).
AMBIGUOUS_SHARE_WITHOUT_CHAINS = 0.01


def mostly_ambiguous(nn_fitted, X, rows, n_neighbors) -> bool:
    """Whether most lists of ``rows`` would need scikit-learn's answer anyway,
    judged on an evenly spaced sample of them (integer tables with few
    distinct values: every distance ties), or enough of them that resolving
    them costs scikit-learn's whole search.

    ``nn_fitted`` is the fastsmote backend fitted on ``X`` that keeps what the
    probe learns for the search that follows, or None."""
    if rows.size <= 4 * PROBE_ROWS or sparse.issparse(X):
        return False
    if getattr(X, "dtype", None) not in (np.float32, np.float64):
        return False
    n_fit = X.shape[0]
    if n_neighbors > n_fit - 1:
        return False
    method = sklearn_method(n_fit, X.shape[1], n_neighbors, X)
    chains = method != "argkmin" or chains_cover(rows.size, n_fit, X.shape[1])
    # A rare share needs a larger sample to be seen.
    n_probe = PROBE_ROWS if chains else 4 * PROBE_ROWS
    step = max(1, rows.size // n_probe)
    probe = rows[::step]
    facts = FitFacts(X, X) if nn_fitted is None else fit_facts(nn_fitted, X)
    if method == "kd_tree" or nn_fitted is None:
        # scikit-learn's KD-tree, kept, serves the batch if it goes to
        # scikit-learn, else the ambiguous rows: the probe costs no index of
        # fastsmote's that a batch asked outright would never use.
        tree = facts.sklearn_tree if method == "kd_tree" else None
        nn_dist, nn_ind = sklearn_neighbors_of_rows(X, probe, n_neighbors, tree)
    else:
        # scikit-learn's brute force: its probe scans all rows in float64 for
        # each probe row (0.55 s on 284,807 x 30, 64 rows, load 6), where
        # fastsmote's index, which the search reuses, answers in milliseconds
        # once built (the KD-tree in that case: 0.83 s to build, same run).
        nn_dist, nn_ind = nn_fitted.kneighbors_of_rows(probe, n_neighbors)
    exact_arith = method == "argkmin" and facts.exact_arith
    ambiguous = ambiguous_rows(
        method, facts.norms, probe, nn_dist, nn_ind, n_neighbors, exact_arith
    )
    if method == "argkmin" and nn_fitted is not None and facts.X_kernel is not None:
        # Near-ties that scikit-learn's own values settle cost no resolution
        # (the probe's rows taken at their places in ``rows`` as the batch).
        todo = np.flatnonzero(ambiguous)
        settled, _ = settled_by_values(
            facts.X_kernel,
            facts.sklearn_norms,
            probe[todo],
            todo * step,
            rows.size,
            nn_dist[todo],
            nn_ind[todo],
            n_neighbors,
            exact_arith,
        )
        ambiguous[todo[settled]] = False
    share = ambiguous.mean()
    if not chains:
        return share >= AMBIGUOUS_SHARE_WITHOUT_CHAINS
    return share >= AMBIGUOUS_SHARE


def one_sided_gains_little(method: str, facts) -> bool:
    """Whether a one-sided search is asked of scikit-learn up to
    ``ONE_SIDED_SMALL_PAIRS``: integer rows it searches by brute force (their
    ties cost the probe and the resolution more than fastsmote's search
    saves), and any rows its KD-tree searches (its tree, which the probe has
    built, answers on the sampler's threads; fastsmote would build its own and
    still resolve ties with it)."""
    return method == "kd_tree" or (method == "argkmin" and facts.exact_arith)


def asks_scikit_learn(nn_fitted, X, rows, n_neighbors, n_batch, one_sided=False) -> bool:
    """Whether imbalanced-learn's lists for ``rows`` (of a query batch of
    ``n_batch`` rows, ``one_sided``: against all rows) are cheaper asked of
    scikit-learn outright than searched and resolved apart: small searches,
    mostly repeated rows, or a probe that finds most lists ambiguous; never on
    small-integer rows that :mod:`~fastsmote.neighbors.integer_search`
    searches in one pass."""
    facts = fit_facts(nn_fitted, X)
    if sparse.issparse(X):
        one_sided = False
    else:
        if integer_search_applies(facts, n_neighbors):
            return False  # one float32 pass gives scikit-learn's lists: cheaper still
        method = sklearn_method(X.shape[0], X.shape[1], n_neighbors, X)
        one_sided = one_sided and one_sided_gains_little(method, facts)
    if scikit_learn_is_cheaper(X, n_batch, n_neighbors, one_sided) or mostly_ambiguous(
        nn_fitted, X, rows, n_neighbors
    ):
        return True
    # The probe built scikit-learn's KD-tree: its threaded queries answer a
    # one-sided batch sooner than fastsmote builds a tree of its own (and
    # resolves ties with scikit-learn's anyway).
    return bool(one_sided and facts.built_tree() is not None)
