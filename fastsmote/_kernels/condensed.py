"""Decisions of the condensed-nearest-neighbour samplers (CNN, one-sided selection).

Both ask a 1-NN classifier fitted on a set C (the minority rows and some rows
of the targeted class) whether a row of the targeted class is nearer to C's
rows of its own class than to C's minority rows. The kernels compare exact
squared distances (a direct sum of squared differences in float64, feature
by feature, as scikit-learn's KD-tree sums them) and flag the rows whose two
distances are too close for that comparison to decide what scikit-learn's
search answers: the caller asks scikit-learn about those.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL

#: What :func:`condense_scan` returns when it reached the end of the rows.
SCAN_DONE = -1


@njit(**EXACT)
def _squared_distance(A, i, B, j):
    """Squared distance of ``A[i]`` and ``B[j]``, summed in float64 feature by feature."""
    acc = 0.0
    for c in range(A.shape[1]):
        diff = np.float64(A[i, c]) - np.float64(B[j, c])
        acc += diff * diff
    return acc


@njit(**EXACT)
def _squared_distance_upto(A, i, B, j, cutoff):
    """``_squared_distance(A, i, B, j)``, or a partial sum above ``cutoff``
    (a lower bound of it) as soon as one exceeds ``cutoff``."""
    acc = 0.0
    n_features = A.shape[1]
    for c in range(n_features):
        diff = np.float64(A[i, c]) - B[j, c]
        acc += diff * diff
        if (c & 3) == 3 and acc > cutoff:
            return acc
    return acc


@njit(**EXACT_PARALLEL)
def paired_squared_distances(Q, R, r_of_q):
    """``out[q] = |Q[q] - R[r_of_q[q]]|^2`` (float64, direct sum).

    ``r_of_q`` holds valid row indices of ``R`` (the caller checks them).
    """
    n = Q.shape[0]
    out = np.empty(n, dtype=np.float64)
    for q in prange(n):
        out[q] = _squared_distance(Q, q, R, r_of_q[q])
    return out


@njit(**EXACT)
def join_members(X_class, p, members, member_X, n_members, skip, glob):
    """Row ``p`` joins C: appended to ``members`` and (as float64) to
    ``member_X``; ``skip[glob[p]]`` is set when ``glob[p]`` is a position."""
    count = n_members[0]
    members[count] = p
    for c in range(X_class.shape[1]):
        member_X[count, c] = X_class[p, c]
    n_members[0] = count + 1
    g = glob[p]
    if 0 <= g < X_class.shape[0]:
        skip[g] = True


@njit(**EXACT)
def condense_scan(
    X_class, other_dist, err_abs, err_rel, members, member_X, n_members, skip, glob, start
):
    """Visit the rows of a class in order, as imbalanced-learn's CNN does, from ``start``.

    Row ``p`` of ``X_class`` is correctly classified by C when its nearest
    member of its own class (rows ``members[:n_members[0]]`` of ``X_class``,
    copied in that order to ``member_X``) is nearer than ``other_dist[p]``,
    its squared distance to C's minority rows. Rows with ``skip[p]`` set are
    passed over. A misclassified row joins C (:func:`join_members`).

    The comparison decides only when the two distances differ by more than
    ``err_rel * (sum of both) + err_abs[p]`` (what scikit-learn's rounding can
    move); the scan then stops and returns ``p`` so that the caller asks
    scikit-learn and resumes at ``p + 1``. Returns :data:`SCAN_DONE` at the end.

    ``members`` and ``member_X`` must have room for every row that can join
    (at least ``n_members[0]`` plus the rows left).
    """
    n = X_class.shape[0]
    for p in range(start, n):
        if skip[p]:
            continue
        limit = other_dist[p]
        # Members farther than this misclassify the row whatever their exact
        # distance: their sums stop there (a partial sum is a lower bound).
        cutoff = (limit * (1.0 + err_rel) + err_abs[p]) / (1.0 - err_rel) * (1.0 + 4.0 * err_rel)
        best = np.inf
        correct = False
        for m in range(n_members[0]):
            d = _squared_distance_upto(X_class, p, member_X, m, cutoff)
            if d < best:
                best = d
                # A member this near makes the row correctly classified
                # whatever the other members are: stop looking.
                if best + err_rel * (best + limit) + err_abs[p] < limit:
                    correct = True
                    break
        if correct:
            continue
        if best > cutoff or best - err_rel * (best + limit) - err_abs[p] > limit:
            join_members(X_class, p, members, member_X, n_members, skip, glob)
            continue
        return p
    return SCAN_DONE
