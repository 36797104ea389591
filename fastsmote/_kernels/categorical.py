"""Kernels on category codes: SMOTE-NC's neighbour search and vote, SMOTEN's mode.

Categories are integer codes per feature (``codes[i, f]``, ``-1`` for a row
with no category, which a one-hot encoder shows as an all-zero block).

SMOTE-NC's distance is imbalanced-learn's Euclidean distance on the one-hot
matrix whose non-zero entries all equal ``c`` (the median standard deviation
over ``sqrt(2)``): for two rows it is the continuous squared distance plus
``c**2`` for every one-hot column that differs, so no one-hot matrix is
needed. :func:`mixed_distance` fixes one float64 summation order for it
(continuous features 0 to d-1, then the penalty). The search ranks two
candidate sets, the nearest rows by continuous distance and the rows sharing
a category, and proves that no other row can rank (else an exact scan).

The vote reproduces imbalanced-learn's tie rule from counts: per new sample
and categorical feature, the categories whose count among the k neighbours
is "close" (``numpy.isclose`` of the summed one-hot values, given as the
table ``tie[count, max_count]``) to the largest count are tied, listed in
category order; imbalanced-learn shuffles all those (sample, category)
entries at once and keeps each sample's first, so with ``inv_perm`` (each
entry's position in the shuffle) the pick is the tied category with the
smallest position.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL
from .distance import squared_distance
from .topk import insert_sorted

#: New samples handled per parallel task of the vote kernels.
VOTE_BLOCK = 1024

#: Queries per parallel task of the search within category buckets.
BUCKET_QUERIES = 256


@njit(**EXACT)
def mismatch_columns(q_codes, i, r_codes, j):
    """Number of one-hot columns in which row ``i`` of ``q_codes`` and row ``j``
    of ``r_codes`` differ: 2 per feature with two different categories, 1 when
    one side has none (-1), 0 when equal."""
    count = 0
    for f in range(q_codes.shape[1]):
        a = q_codes[i, f]
        b = r_codes[j, f]
        if a != b:
            count += (a >= 0) + (b >= 0)
    return count


@njit(**EXACT)
def mixed_distance(Q, q_codes, i, R, r_codes, j, half_penalty):
    """SMOTE-NC's squared distance: continuous part, then ``c**2`` per differing
    one-hot column (``half_penalty`` is ``c**2``, float64)."""
    return squared_distance(Q, i, R, j) + half_penalty * mismatch_columns(q_codes, i, r_codes, j)


@njit(**EXACT)
def _listed(row_ind, j):
    """Whether index ``j`` is already in the neighbour list ``row_ind``."""
    for c in range(row_ind.shape[0]):
        if row_ind[c] == j:
            return True
    return False


@njit(**EXACT)
def _scan_bucket(i, f, lo, width, X, codes, half_penalty, bucket_X, members, acc, nn_dist, nn_ind):
    """Rank the rows ``members[f, lo : lo + width]`` for query ``i``.

    The continuous parts are computed a feature at a time over the whole
    bucket (stored by column, so the passes are contiguous and vectorise), in
    :func:`squared_distance`'s order; the penalty is added, as in
    :func:`mixed_distance`, only where the continuous part alone could rank.
    """
    row_dist = nn_dist[i]
    row_ind = nn_ind[i]
    k = row_ind.shape[0]
    for p in range(width):
        acc[p] = 0.0
    for g in range(X.shape[1]):
        q = np.float64(X[i, g])
        column = bucket_X[f, g, lo : lo + width]
        for p in range(width):
            diff = q - np.float64(column[p])
            acc[p] += diff * diff
    for p in range(width):
        if acc[p] <= row_dist[k - 1]:
            j = members[f, lo + p]
            dist = acc[p] + half_penalty * mismatch_columns(codes, i, codes, j)
            if dist <= row_dist[k - 1] and j != i and not _listed(row_ind, j):
                insert_sorted(row_dist, row_ind, dist, j)


@njit(**EXACT)
def _bucket_chunks(bucket_start_f, chunk_rows):
    """Split feature f's buckets into chunks of at most ``chunk_rows`` queries:
    ``(bucket, query_lo, query_hi)`` per chunk, positions into ``members[f]``."""
    n_chunks = 0
    for a in range(bucket_start_f.shape[0] - 1):
        size = bucket_start_f[a + 1] - bucket_start_f[a]
        n_chunks += (size + chunk_rows - 1) // chunk_rows
    chunks = np.empty((n_chunks, 3), dtype=np.int64)
    c = 0
    for a in range(bucket_start_f.shape[0] - 1):
        for q0 in range(bucket_start_f[a], bucket_start_f[a + 1], chunk_rows):
            chunks[c, 0] = a
            chunks[c, 1] = q0
            chunks[c, 2] = min(q0 + chunk_rows, bucket_start_f[a + 1])
            c += 1
    return chunks


@njit(**EXACT_PARALLEL)
def rank_mixed_neighbors(
    X, codes, half_penalty, cont_ind, bucket_X, members, bucket_start, nn_dist, nn_ind
):
    """Exact k nearest neighbours under :func:`mixed_distance`, from two candidate sets.

    Row i's candidates are ``cont_ind[i]``, its nearest rows by continuous
    distance alone (exact, sorted, itself excluded), and every row sharing a
    category with it (or lacking one where it has one). For feature f the
    rows sorted by code are ``members[f]`` (code ``a`` owns positions
    ``bucket_start[f, a + 1] : bucket_start[f, a + 2]``), with their
    continuous features ``bucket_X[f]`` stored by column in that order.
    Buckets are processed one feature at a time, the queries of a bucket (its
    own rows) against its rows, so a bucket stays in cache and a query's list
    is updated by one thread only.

    Any other row differs in every one-hot column it can, so its distance is at
    least the continuous distance of the last row of ``cont_ind[i]`` plus the
    largest penalty; when the k-th kept distance is strictly below that bound
    the result is proven. ``nn_dist``/``nn_ind`` are overwritten (squared
    distances, sorted by (distance, index)). Returns the proven mask; unproven
    rows need :func:`~fastsmote._kernels.scan.scan_exact_rows`.
    """
    n, n_features = codes.shape
    n_cont = cont_ind.shape[1]
    k = nn_ind.shape[1]
    for i in prange(n):
        for c in range(k):
            nn_dist[i, c] = np.inf
            nn_ind[i, c] = -1
        for c in range(n_cont):
            j = cont_ind[i, c]
            dist = mixed_distance(X, codes, i, X, codes, j, half_penalty)
            insert_sorted(nn_dist[i], nn_ind[i], dist, j)
    for f in range(n_features):
        # Each row against the rows of its own category of f.
        chunks = _bucket_chunks(bucket_start[f], BUCKET_QUERIES)
        for c in prange(chunks.shape[0]):
            lo = bucket_start[f, chunks[c, 0]]
            width = bucket_start[f, chunks[c, 0] + 1] - lo
            acc = np.empty(width, dtype=np.float64)
            for q in range(chunks[c, 1], chunks[c, 2]):
                i = members[f, q]
                _scan_bucket(
                    i, f, lo, width, X, codes, half_penalty, bucket_X, members, acc, nn_dist, nn_ind
                )
        # Rows with a category of f against the rows without one.
        lo = bucket_start[f, 0]
        width = bucket_start[f, 1] - lo
        if width > 0:
            n_blocks = (n + BUCKET_QUERIES - 1) // BUCKET_QUERIES
            for b in prange(n_blocks):
                acc = np.empty(width, dtype=np.float64)
                for i in range(b * BUCKET_QUERIES, min(n, (b + 1) * BUCKET_QUERIES)):
                    if codes[i, f] >= 0:
                        _scan_bucket(
                            i,
                            f,
                            lo,
                            width,
                            X,
                            codes,
                            half_penalty,
                            bucket_X,
                            members,
                            acc,
                            nn_dist,
                            nn_ind,
                        )
    proven = np.empty(n, dtype=np.bool_)
    for i in prange(n):
        if n_cont >= n - 1:
            proven[i] = True
            continue
        max_columns = 0
        for f in range(n_features):
            max_columns += 2 if codes[i, f] >= 0 else 1
        bound = squared_distance(X, i, X, cont_ind[i, n_cont - 1]) + half_penalty * max_columns
        proven[i] = nn_dist[i, k - 1] < bound
    return proven


@njit(**EXACT)
def _neighbor_counts(codes, nn_row, f, present, counts):
    """Distinct categories of feature ``f`` among the neighbours ``nn_row``,
    ascending, into ``present``; their counts into ``counts``. Returns
    ``(n_present, max_count)``."""
    n_present = 0
    for a in range(nn_row.shape[0]):
        code = codes[nn_row[a], f]
        if code < 0:
            continue
        pos = 0
        while pos < n_present and present[pos] < code:
            pos += 1
        if pos < n_present and present[pos] == code:
            counts[pos] += 1
            continue
        for m in range(n_present, pos, -1):
            present[m] = present[m - 1]
            counts[m] = counts[m - 1]
        present[pos] = code
        counts[pos] = 1
        n_present += 1
    max_count = 0
    for m in range(n_present):
        max_count = max(max_count, counts[m])
    return n_present, max_count


@njit(**EXACT_PARALLEL)
def count_tied_categories(codes, nn_ind, rows, tie, n_categories):
    """Number of tied categories per new sample and categorical feature.

    New sample ``t`` votes among the neighbours ``nn_ind[rows[t]]``; a
    category with ``m`` votes is tied when ``tie[m, max_count]`` (absent
    categories too, when ``tie[0, max_count]``). Returns an int64 array of
    shape ``(len(rows), n_features)``.
    """
    n_new = rows.shape[0]
    n_features = codes.shape[1]
    k = nn_ind.shape[1]
    n_tied = np.empty((n_new, n_features), dtype=np.int64)
    n_blocks = (n_new + VOTE_BLOCK - 1) // VOTE_BLOCK
    for b in prange(n_blocks):
        present = np.empty(k, dtype=np.int64)
        counts = np.empty(k, dtype=np.int64)
        for t in range(b * VOTE_BLOCK, min(n_new, (b + 1) * VOTE_BLOCK)):
            nn_row = nn_ind[rows[t]]
            for f in range(n_features):
                n_present, max_count = _neighbor_counts(codes, nn_row, f, present, counts)
                tied = 0
                for m in range(n_present):
                    tied += tie[counts[m], max_count]
                if tie[0, max_count]:
                    tied += n_categories[f] - n_present
                n_tied[t, f] = tied
    return n_tied


@njit(**EXACT_PARALLEL)
def pick_tied_categories(codes, nn_ind, rows, f, n_categories_f, tie, offsets, inv_perm, out):
    """Write each new sample's category of feature ``f`` into ``out``.

    Sample ``t``'s tied categories (see :func:`count_tied_categories`), in
    ascending order, are the shuffle entries ``offsets[t]``,
    ``offsets[t] + 1``, ...; the one placed first by the shuffle (smallest
    ``inv_perm``) wins.
    """
    n_new = rows.shape[0]
    k = nn_ind.shape[1]
    n_blocks = (n_new + VOTE_BLOCK - 1) // VOTE_BLOCK
    for b in prange(n_blocks):
        present = np.empty(k, dtype=np.int64)
        counts = np.empty(k, dtype=np.int64)
        for t in range(b * VOTE_BLOCK, min(n_new, (b + 1) * VOTE_BLOCK)):
            nn_row = nn_ind[rows[t]]
            n_present, max_count = _neighbor_counts(codes, nn_row, f, present, counts)
            entry = offsets[t]
            best = -1
            best_pos = np.int64(0)
            if tie[0, max_count]:
                # Every category may be tied: walk them all in order.
                m = 0
                for code in range(n_categories_f):
                    count = 0
                    if m < n_present and present[m] == code:
                        count = counts[m]
                        m += 1
                    if tie[count, max_count]:
                        if best < 0 or inv_perm[entry] < best_pos:
                            best = code
                            best_pos = inv_perm[entry]
                        entry += 1
            else:
                for m in range(n_present):
                    if tie[counts[m], max_count]:
                        if best < 0 or inv_perm[entry] < best_pos:
                            best = present[m]
                            best_pos = inv_perm[entry]
                        entry += 1
            out[t] = best


@njit(**EXACT_PARALLEL)
def mode_of_neighbors(codes, nn_ind, rows, out):
    """SMOTEN's vote: for new sample ``t`` and each feature, the most frequent
    code among the rows ``nn_ind[rows[t]]`` (the smallest on ties, as
    ``scipy.stats.mode``), written to ``out[t]``."""
    n_features = codes.shape[1]
    width = nn_ind.shape[1]
    for t in prange(rows.shape[0]):
        nn_row = nn_ind[rows[t]]
        for f in range(n_features):
            best = codes[nn_row[0], f]
            best_count = 0
            for a in range(width):
                code = codes[nn_row[a], f]
                count = 0
                for b in range(width):
                    count += codes[nn_row[b], f] == code
                if count > best_count or (count == best_count and code < best):
                    best = code
                    best_count = count
            out[t, f] = best
