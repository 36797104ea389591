"""Plain NumPy references of the under-samplers' kernels (NearMiss,
NeighbourhoodCleaningRule, CondensedNearestNeighbour): slow, obviously right,
compared with the Numba kernels by the tests."""

from __future__ import annotations

import numpy as np
from naive import naive_squared_distances


def naive_exact_squared_block(Q, RT):
    """Squared distances of the rows of ``Q`` to the columns of ``RT``: float64
    differences squared and summed from the first feature to the last."""
    out = np.empty((Q.shape[0], RT.shape[1]))
    for i in range(Q.shape[0]):
        for j in range(RT.shape[1]):
            acc = 0.0
            for f in range(Q.shape[1]):
                diff = float(Q[i, f]) - float(RT[f, j])
                acc += diff * diff
            out[i, j] = acc
    return out


def naive_merge_extremes(q_norms, products, scale, r_norms, start, sign, out_val, out_ind):
    """The ``k`` best ``(sign * max(0, (|q|^2 + scale * p) + |r|^2), index)`` of
    the lists and a block, by a full sort; returns the new lists."""
    k = out_val.shape[1]
    new_val, new_ind = np.full(out_val.shape, np.inf), np.full(out_ind.shape, -1)
    for i in range(products.shape[0]):
        entries = [(v, j) for v, j in zip(out_val[i], out_ind[i], strict=True) if j >= 0]
        for j in range(products.shape[1]):
            value = max(0.0, (q_norms[i] + scale * products[i, j]) + r_norms[j])
            entries.append((sign * value, start + j))
        entries.sort()
        for c, (v, j) in enumerate(entries[:k]):
            new_val[i, c], new_ind[i, c] = v, j
    return new_val, new_ind


def naive_overlapping_rows(lower, upper):
    """Which closed intervals meet another one (every pair compared)."""
    n = len(lower)
    return np.array(
        [
            any(lower[i] <= upper[j] and lower[j] <= upper[i] for j in range(n) if j != i)
            for i in range(n)
        ],
        dtype=bool,
    )


def naive_near_miss_order(sums, n_keep, descending):
    """imbalanced-learn's selection: Python's stable ``sorted`` on the sums."""
    return np.array(
        sorted(range(len(sums)), key=sums.__getitem__, reverse=descending)[:n_keep], dtype=np.int64
    )


def naive_ncr_votes(X, rows, y_codes, k, n_classes):
    """NCR's classifier on ``rows`` by the index rule: each row's ``k`` nearest
    of all rows, itself included, ties by the smaller index; the most frequent
    class code, ties to the smallest. Also each row's ``k`` nearest others
    (self excluded by index)."""
    d2 = naive_squared_distances(X[rows], X)
    predicted = np.empty(len(rows), dtype=np.int64)
    lists = np.empty((len(rows), k), dtype=np.int64)
    for i, row in enumerate(rows):
        order = np.lexsort((np.arange(X.shape[0]), d2[i]))
        counts = np.bincount(y_codes[order[:k]], minlength=n_classes)
        predicted[i] = int(np.argmax(counts))
        lists[i] = order[order != row][:k]
    return predicted, lists


def naive_paired_squared_distances(Q, R, r_of_q):
    """``|Q[q] - R[r_of_q[q]]|^2`` in float64, summed feature by feature."""
    diff = Q.astype(np.float64) - R[r_of_q].astype(np.float64)
    acc = np.zeros(Q.shape[0])
    for c in range(Q.shape[1]):
        acc += diff[:, c] * diff[:, c]
    return acc


def naive_condense_scan(X_class, other_dist, err_abs, err_rel, members, skip, glob, start):
    """CNN's pass from ``start`` on exact distances: returns ``(stop, members,
    skip)``; ``stop`` is the first row whose two distances lie within the error
    bound (-1 at the end), ``members`` the list grown by misclassified rows."""
    members = list(members)
    skip = skip.copy()
    X64 = X_class.astype(np.float64)
    for p in range(start, X_class.shape[0]):
        if skip[p]:
            continue
        dists = naive_paired_squared_distances(
            np.repeat(X64[p : p + 1], len(members), axis=0), X64, np.array(members)
        )
        best, limit = dists.min(), other_dist[p]
        err = err_rel * (best + limit) + err_abs[p]
        if best + err < limit:
            continue
        if best - err > limit:
            members.append(p)
            if glob[p] < X_class.shape[0]:
                skip[glob[p]] = True
            continue
        return p, np.array(members, dtype=np.int64), skip
    return -1, np.array(members, dtype=np.int64), skip
