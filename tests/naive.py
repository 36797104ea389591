"""Slow, obviously correct NumPy references for every fastsmote kernel.

Each ``naive_<name>`` mirrors the kernel ``<name>``; kernel tests compare the
two (exact equality for integer and boolean outputs).
"""

from __future__ import annotations

import numpy as np


def naive_squared_distances(Q, R):
    """All squared distances, feature by feature in float64 (the kernels' order)."""
    Q = np.asarray(Q, dtype=np.float64)
    R = np.asarray(R, dtype=np.float64)
    acc = np.zeros((Q.shape[0], R.shape[0]))
    for f in range(Q.shape[1]):
        diff = Q[:, f][:, None] - R[:, f][None, :]
        acc += diff * diff
    return acc


def naive_kneighbors(Q, R, k, exclude_self=False):
    """Exact k nearest neighbours, ties broken by the smaller index.

    When ``exclude_self``, ``Q`` is ``R`` and row i never lists itself.
    Returns ``(nn_dist, nn_ind)`` with Euclidean distances.
    """
    d2 = naive_squared_distances(Q, R)
    if exclude_self:
        np.fill_diagonal(d2, np.inf)
    n = d2.shape[1]
    # lexsort sorts by the last key first: distance, then index.
    order = np.array([np.lexsort((np.arange(n), row)) for row in d2], dtype=np.int64)
    nn_ind = order[:, :k]
    nn_dist = np.sqrt(np.take_along_axis(d2, nn_ind, axis=1))
    return nn_dist, nn_ind


def naive_interpolate_rows(X, nn_data, nn_ind, rows, cols, steps):
    """imbalanced-learn's SMOTE step: ``X[rows] + steps * (nn_data[nn] - X[rows])``.

    The difference is taken in the input dtype, the step in float64, and the
    result is cast back to the input dtype.
    """
    diffs = nn_data[nn_ind[rows, cols]] - X[rows]
    return (X[rows] + steps[:, None] * diffs).astype(X.dtype)


def naive_kneighbors_by_index(X, k):
    """Each row's k nearest *other* rows of ``X``, row i removed by index.

    Unlike ``naive_kneighbors(X, X, k, exclude_self=True)``, which hides row i
    behind an infinite distance, this stays right when other distances are
    infinite too (overflow): row i is never listed. Ties: the smaller index.
    Returns ``(nn_dist, nn_ind)`` with Euclidean distances.
    """
    d2 = naive_squared_distances(X, X)
    n = d2.shape[0]
    nn_ind = np.empty((n, k), dtype=np.int64)
    for i in range(n):
        others = np.delete(np.arange(n), i)
        nn_ind[i] = others[np.lexsort((others, d2[i, others]))][:k]
    nn_dist = np.sqrt(np.take_along_axis(d2, nn_ind, axis=1))
    return nn_dist, nn_ind


def naive_smote(X, y, sampling_strategy_, k, random_state):
    """SMOTE as fastsmote specifies it, written out with NumPy.

    For each class of ``sampling_strategy_`` (in its order) with samples to
    make: the class's rows, their k nearest other rows of the class (removed
    by index, ties to the smaller index), imbalanced-learn's draws from
    ``check_random_state(random_state)`` (``randint`` over the flattened
    neighbour table, then ``uniform`` steps) and its interpolation. Returns
    ``(X_resampled, y_resampled)`` with the original rows first.
    """
    from sklearn.utils import check_random_state

    X_parts, y_parts = [X], [y]
    for label, n_samples in sampling_strategy_.items():
        if n_samples == 0:
            continue
        X_class = X[y == label]
        _, nn_ind = naive_kneighbors_by_index(X_class, k)
        rng = check_random_state(random_state)
        flat = rng.randint(low=0, high=nn_ind.size, size=n_samples)
        steps = rng.uniform(size=n_samples)
        rows, cols = flat // k, flat % k
        X_parts.append(naive_interpolate_rows(X_class, X_class, nn_ind, rows, cols, steps))
        y_parts.append(np.full(n_samples, label, dtype=y.dtype))
    return np.vstack(X_parts), np.hstack(y_parts)


def naive_tomek_link_mask(nn_first, y_codes, is_target):
    """Rows of a targeted class whose nearest neighbour, of another class, has
    them as nearest neighbour in turn (a Tomek link). -1 means "not searched"."""
    links = np.zeros(len(y_codes), dtype=bool)
    for i, code in enumerate(y_codes):
        j = nn_first[i]
        if is_target[code] and j >= 0 and y_codes[j] != code and nn_first[j] == i:
            links[i] = True
    return links


def naive_enn_keep_mask(nn_ind, own_codes, y_codes, alive, n_neighbors, n_classes, use_mode):
    """ENN's keep decision from each row's first ``n_neighbors`` alive neighbours.

    ``use_mode`` False: keep when every neighbour has the row's class; True: keep
    when the most frequent class (smallest on ties, as ``scipy.stats.mode``) is
    the row's. Returns ``(keep, complete)``; incomplete rows are not kept.
    """
    m = nn_ind.shape[0]
    keep = np.zeros(m, dtype=bool)
    complete = np.zeros(m, dtype=bool)
    for t in range(m):
        row = list(nn_ind[t])
        listed = row[: row.index(-1)] if -1 in row else row  # -1 ends a list
        hood = [j for j in listed if alive[j]][:n_neighbors]
        if len(hood) < n_neighbors:
            continue
        complete[t] = True
        labels = y_codes[hood]
        if use_mode:
            counts = np.bincount(labels, minlength=n_classes)
            keep[t] = len(labels) > 0 and np.argmax(counts) == own_codes[t]
        else:
            keep[t] = bool(np.all(labels == own_codes[t]))
    return keep, complete


def naive_pairwise_sum(values):
    """The sum ``pairwise_sum`` reproduces: NumPy's own."""
    return np.sum(np.asarray(values, dtype=np.float64))


def naive_count_other_class(nn_ind, is_other):
    """Other-class neighbours per row: ``is_other[nn_ind].sum(axis=1)``."""
    return np.asarray(is_other)[nn_ind].sum(axis=1).astype(np.int64)


def naive_borderline_labels(n_other, m_neighbors):
    """imbalanced-learn's ``_in_danger_noise`` thresholds as codes 0 safe, 1 danger, 2 noise."""
    n_other = np.asarray(n_other)
    danger = (n_other >= m_neighbors / 2) & (n_other < m_neighbors)
    noise = n_other == m_neighbors
    return np.where(noise, 2, np.where(danger, 1, 0)).astype(np.int8)


def naive_interpolate_rows_scaled(X, nn_data, nn_ind, rows, cols, steps, is_cross, cross_draws):
    """imbalanced-learn's Borderline-SMOTE-2 step, its NumPy expression verbatim.

    ``cross_draws`` has one value per True of ``is_cross``, in order.
    """
    diffs = nn_data[nn_ind[rows, cols]] - X[rows]
    diffs[is_cross] *= np.asarray(cross_draws, dtype=np.float64).reshape(-1, 1)
    return (X[rows] + steps[:, None] * diffs).astype(X.dtype)


def naive_adasyn_counts(n_other, n_neighbors, n_samples):
    """imbalanced-learn's ADASYN ratios and counts, its NumPy expressions verbatim."""
    ratio = np.asarray(n_other) / n_neighbors
    ratio /= np.sum(ratio)
    return ratio, np.rint(ratio * n_samples).astype(int)


def naive_cluster_sample_counts(sparsities, n_samples):
    """imbalanced-learn's KMeans-SMOTE cluster weights and per-cluster counts."""
    import math

    sparsities = np.asarray(sparsities, dtype=np.float64)
    weights = sparsities / sparsities.sum()
    counts = np.array([int(math.ceil(n_samples * w)) for w in weights], dtype=np.int64)
    return weights, counts


def naive_mixed_kneighbors(X_cont, codes, half_penalty, k):
    """SMOTE-NC's exact k nearest other rows on category codes.

    Distance: continuous squared distance (feature order, float64) plus
    ``half_penalty`` per differing one-hot column (2 per feature with two
    different categories, 1 when one side has none, -1). Row i is removed by
    index; ties go to the smaller index. Returns ``(sq_dist, nn_ind)``.
    """
    codes = np.asarray(codes)
    d2 = naive_squared_distances(X_cont, X_cont)
    a = codes[:, None, :]
    b = codes[None, :, :]
    n_diff = ((a != b) * ((a >= 0).astype(int) + (b >= 0))).sum(axis=2)
    d2 = d2 + half_penalty * n_diff
    n = d2.shape[0]
    nn_ind = np.empty((n, k), dtype=np.int64)
    for i in range(n):
        others = np.delete(np.arange(n), i)
        nn_ind[i] = others[np.lexsort((others, d2[i, others]))][:k]
    return np.take_along_axis(d2, nn_ind, axis=1), nn_ind


def naive_smotenc_vote(codes, nn_ind, rows, n_categories, vote_value, random_state):
    """imbalanced-learn's SMOTE-NC vote, its NumPy steps verbatim.

    A one-hot matrix whose entries equal ``vote_value`` (in its dtype), every
    new sample's neighbours' rows summed per feature, ``np.isclose`` to the
    largest sum, one shuffle of all tied (sample, category) pairs per feature
    from ``check_random_state(random_state)``, each sample's first pair kept.
    Returns the chosen codes, shape ``(len(rows), n_features)``.
    """
    from sklearn.utils import check_random_state

    codes = np.asarray(codes)
    vote_value = np.asarray(vote_value)
    starts = np.concatenate(([0], np.cumsum(n_categories)))
    one_hot = np.zeros((codes.shape[0], starts[-1]), dtype=vote_value.dtype)
    for f in range(codes.shape[1]):
        present = codes[:, f] >= 0
        one_hot[np.flatnonzero(present), starts[f] + codes[present, f]] = vote_value
    rng = check_random_state(random_state)
    all_neighbors = one_hot[nn_ind[rows]]
    chosen = np.empty((len(rows), codes.shape[1]), dtype=np.int64)
    for f in range(codes.shape[1]):
        col_sums = all_neighbors[:, :, starts[f] : starts[f + 1]].sum(axis=1)
        is_max = np.isclose(col_sums, col_sums.max(axis=1, keepdims=True))
        max_idxs = rng.permutation(np.argwhere(is_max))
        xs, first = np.unique(max_idxs[:, 0], return_index=True)
        chosen[xs, f] = max_idxs[first, 1]
    return chosen


def naive_vdm_distances(codes, y, n_categories):
    """The Value Difference Metric (k=1, r=2) between all rows of ``codes``.

    Per feature: each category's class frequencies normalised to probabilities
    (0 for a category never seen), the L1 distance between the two rows'
    probability vectors, squared; summed over features from 0.0.
    """
    codes = np.asarray(codes)
    classes = np.unique(y)
    distance = np.zeros((codes.shape[0], codes.shape[0]))
    for f in range(codes.shape[1]):
        counts = np.array(
            [np.bincount(codes[y == c, f], minlength=n_categories[f]) for c in classes],
            dtype=np.float64,
        ).T
        with np.errstate(invalid="ignore"):
            proba = np.nan_to_num(counts / counts.sum(axis=1, keepdims=True))
        rows = proba[codes[:, f]]
        l1 = np.abs(rows[np.newaxis, :, :] - rows[:, np.newaxis, :]).sum(axis=-1)
        distance += l1**2
    return distance


def naive_mode_of_neighbors(codes, nn_ind, rows):
    """SMOTEN's vote: per feature, the most frequent code among the rows
    ``nn_ind[rows[t]]``, the smallest on ties (``scipy.stats.mode``)."""
    from scipy.stats import mode

    return np.squeeze(mode(np.asarray(codes)[nn_ind[rows]], axis=1, keepdims=True).mode, axis=1)


def naive_csr_kneighbors(Q, R, k, self_ind):
    """Exact k nearest rows of dense ``R`` for each dense row of ``Q``, as
    ``csr_kneighbors`` computes them on the sparse forms: squared distances
    summed feature by feature in float64 (adding the zero terms of columns
    neither row stores changes nothing), row ``self_ind[i]`` skipped (-1: none),
    ties broken by the smaller index. Returns ``(nn_d2, nn_ind)``.
    """
    d2 = naive_squared_distances(Q, R)
    n = d2.shape[1]
    nn_d2 = np.empty((d2.shape[0], k))
    nn_ind = np.empty((d2.shape[0], k), dtype=np.int64)
    for i, row in enumerate(d2):
        order = [j for j in np.lexsort((np.arange(n), row)) if j != self_ind[i]][:k]
        nn_ind[i] = order
        nn_d2[i] = row[order]
    return nn_d2, nn_ind


def naive_csr_interpolate_rows(X, nn_data, nn_ind, rows, cols, steps):
    """``csr_interpolate_rows`` on dense arrays: ``(values, stored)``, the new
    rows in X's dtype and which entries the CSR result stores (those whose
    float64 sum is not zero, as scipy's sparse addition prunes zeros)."""
    base = X[rows]
    diffs = nn_data[nn_ind[rows, cols]] - base
    total = base.astype(np.float64) + steps[:, None] * diffs.astype(np.float64)
    return total.astype(X.dtype), total != 0


def naive_csr_row_sqnorms(X_csr):
    """Each CSR row's squared norm, summed in float64 in stored order (the kernel's)."""
    out = np.zeros(X_csr.shape[0])
    for r in range(X_csr.shape[0]):
        total = 0.0
        for value in X_csr.data[X_csr.indptr[r] : X_csr.indptr[r + 1]]:
            total += float(value) * float(value)
        out[r] = total
    return out


def naive_argkmin_replay(values, k, bounds, on_y):
    """scikit-learn's ``ArgKmin`` lists written out in Python: every reference
    pushed in index order onto a bounded max-heap (a value equal to the
    maximum is rejected), one heap per thread range merged in thread order
    under ``parallel_on_Y``, then an insertion sort. ``values[q, j]`` is
    query q's value for reference j."""
    empty = np.finfo(np.float64).max

    def push(values, indices, val, idx):
        if val >= values[0]:
            return
        i = 0
        while True:
            c1, c2 = 2 * i + 1, 2 * i + 2
            if c1 >= k:
                break
            if c2 >= k:
                swap = c1 if values[c1] > val else None
            elif values[c1] >= values[c2]:
                swap = c1 if val < values[c1] else None
            else:
                swap = c2 if val < values[c2] else None
            if swap is None:
                break
            values[i], indices[i] = values[swap], indices[swap]
            i = swap
        values[i], indices[i] = val, idx

    out = np.empty((values.shape[0], k), dtype=np.int64)
    for q, row in enumerate(values):
        main_val, main_ind = [empty] * k, [0] * k
        ranges = list(zip(bounds[:-1], bounds[1:], strict=True))
        heaps = []
        for start, stop in ranges:
            heap_v, heap_i = ([empty] * k, [-1] * k) if on_y else (main_val, main_ind)
            for j in range(start, stop):
                push(heap_v, heap_i, row[j], j)
            heaps.append((heap_v, heap_i))
        if on_y:
            for heap_v, heap_i in heaps:
                for m in range(k):
                    push(main_val, main_ind, heap_v[m], heap_i[m])
        pairs = list(zip(main_val, main_ind, strict=True))
        for i in range(1, k):  # insertion sort: stable
            j = i
            while j > 0 and pairs[j - 1][0] > pairs[j][0]:
                pairs[j - 1], pairs[j] = pairs[j], pairs[j - 1]
                j -= 1
        out[q] = [idx for _, idx in pairs]
    return out


def naive_fma(a, b, c):
    """``a * b + c`` rounded once: exact rational arithmetic, then the nearest
    double (``float`` of a ``Fraction`` rounds correctly)."""
    from fractions import Fraction

    return float(Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c)))


def naive_chain_products(A, B):
    """``-2 * A @ B.T``, each element one in-order chain of single-rounding
    multiply-adds from zero."""
    out = np.empty((A.shape[0], B.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[0]):
            acc = 0.0
            for f in range(A.shape[1]):
                acc = naive_fma(A[i, f], B[j, f], acc)
            out[i, j] = -2.0 * acc
    return out


def naive_heap_values(Q, Y, q_norms, y_norms):
    """scikit-learn's ranking values ``max(0, (|q|^2 + (-2 q.r)) + |r|^2)``,
    summed left to right, on chained products."""
    middle = naive_chain_products(Q, Y)
    return np.maximum((q_norms[:, None] + middle) + y_norms[None, :], 0.0)


def naive_all_integers(X):
    """Every value finite and equal to its floor."""
    X = np.asarray(X, dtype=np.float64)
    return bool(np.all(np.isfinite(X)) and np.all(np.floor(X) == X))
