"""Kernels on CSR matrices (indptr, indices, data), never densified.

Rows must be canonical: column indices sorted and unique within each row (the
estimators sum duplicates and sort before calling). Two concerns live here:

- exact nearest neighbours: squared distances summed feature by feature over
  the union of two rows' columns, in increasing column order, in float64 (one
  summation order, so a distance never depends on the query path), with ties
  broken by the smaller index. Candidates are screened with sparse dot
  products through the column postings; a rounding-error bound decides which
  rows need the exact sum, so the result is exact without comparing every pair.
- SMOTE's interpolation ``X[rows] + steps * (nn_data[nn] - X[rows])`` row by
  row on the CSR arrays, with imbalanced-learn's arithmetic (difference in the
  input dtype, step product and sum in float64, cast back).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT, EXACT_PARALLEL

#: Unit roundoff of float64.
_U64 = 2.0**-53

#: The smallest positive (subnormal) float64.
_TINY64 = 2.0**-1074


@njit(**EXACT)
def csr_row_squared_distance(a_ind, a_val, b_ind, b_val):
    """Squared Euclidean distance of two sparse rows (sorted column indices),
    summed in float64 over the union of their columns in increasing order."""
    i = 0
    j = 0
    total = 0.0
    n_a = a_ind.shape[0]
    n_b = b_ind.shape[0]
    while i < n_a and j < n_b:
        if a_ind[i] == b_ind[j]:
            diff = np.float64(a_val[i]) - np.float64(b_val[j])
            i += 1
            j += 1
        elif a_ind[i] < b_ind[j]:
            diff = np.float64(a_val[i])
            i += 1
        else:
            diff = np.float64(b_val[j])
            j += 1
        total += diff * diff
    while i < n_a:
        diff = np.float64(a_val[i])
        total += diff * diff
        i += 1
    while j < n_b:
        diff = np.float64(b_val[j])
        total += diff * diff
        j += 1
    return total


@njit(**EXACT_PARALLEL)
def csr_row_sqnorms(indptr, data):
    """Each row's squared norm in float64, summed in stored order."""
    n_rows = indptr.shape[0] - 1
    out = np.zeros(n_rows)
    for r in prange(n_rows):
        total = 0.0
        for p in range(indptr[r], indptr[r + 1]):
            value = np.float64(data[p])
            total += value * value
        out[r] = total
    return out


@njit(**EXACT)
def _push(best_d, best_i, d2, j):
    """Insert ``(d2, j)`` into the sorted top-k arrays when it ranks."""
    k = best_d.shape[0]
    last = k - 1
    if d2 > best_d[last] or (d2 == best_d[last] and j >= best_i[last]):
        return
    pos = last
    while pos > 0 and (d2 < best_d[pos - 1] or (d2 == best_d[pos - 1] and j < best_i[pos - 1])):
        best_d[pos] = best_d[pos - 1]
        best_i[pos] = best_i[pos - 1]
        pos -= 1
    best_d[pos] = d2
    best_i[pos] = j


@njit(**EXACT_PARALLEL)
def csr_kneighbors(
    q_indptr,
    q_indices,
    q_data,
    q_sqnorm,
    self_ind,
    r_indptr,
    r_indices,
    r_data,
    r_sqnorm,
    post_indptr,
    post_rows,
    post_data,
    by_sqnorm,
    k,
    n_blocks,
    nn_dist,
    nn_ind,
):
    """Exact k nearest reference rows of each query row (squared distances).

    ``post_*`` is the reference matrix in CSC form (each column's rows), used
    to accumulate the dot products of a query with the rows it shares a column
    with; ``by_sqnorm`` orders the reference rows by (squared norm, index), so
    rows sharing no column (distance = sum of squared norms) are visited from
    the nearest. Screened values ``s = |q|^2 + |r|^2 - 2 q.r`` are within
    ``delta * (|q|^2 + |r|^2) + slack`` of the exact sum (``delta`` bounds
    the rounding of both computations, ``slack`` their underflow), so only
    rows whose lower bound does not exceed the k-th smallest upper bound get
    the exact sum. ``self_ind[i]`` is
    a reference row query i must skip (-1: none). Writes squared distances
    and indices, sorted by (distance, index), into ``nn_dist`` and ``nn_ind``.
    """
    n_queries = q_indptr.shape[0] - 1
    n_ref = r_indptr.shape[0] - 1
    max_nnz_r = 0
    for r in range(n_ref):
        max_nnz_r = max(max_nnz_r, r_indptr[r + 1] - r_indptr[r])
    block = (n_queries + n_blocks - 1) // n_blocks
    for b in prange(n_blocks):
        dots = np.zeros(n_ref)
        stamp = np.full(n_ref, -1, dtype=np.int64)
        touched = np.empty(n_ref, dtype=np.int64)
        upper = np.empty(k)
        best_d = np.empty(k)
        best_i = np.empty(k, dtype=np.int64)
        for i in range(b * block, min((b + 1) * block, n_queries)):
            me = self_ind[i]
            qq = q_sqnorm[i]
            q_lo = q_indptr[i]
            q_hi = q_indptr[i + 1]
            # Dot products with every row sharing a column with the query.
            n_touched = 0
            for p in range(q_lo, q_hi):
                value = np.float64(q_data[p])
                col = q_indices[p]
                for t in range(post_indptr[col], post_indptr[col + 1]):
                    j = post_rows[t]
                    if stamp[j] != i:
                        stamp[j] = i
                        dots[j] = 0.0
                        touched[n_touched] = j
                        n_touched += 1
                    dots[j] += value * np.float64(post_data[t])
            # Relative rounding bound of screening and exact sum together,
            # twice the first-order estimate.
            n_terms = q_hi - q_lo + max_nnz_r + 4
            delta = 8.0 * _U64 * n_terms
            # Products that underflow lose absolute, not relative, accuracy:
            # up to one smallest subnormal per operation.
            slack = 8.0 * n_terms * _TINY64
            # The k-th smallest upper bound over the touched rows and the k
            # nearest untouched rows.
            upper[:] = np.inf
            for t in range(n_touched):
                j = touched[t]
                if j == me:
                    continue
                norms = qq + r_sqnorm[j]
                bound = norms - 2.0 * dots[j] + delta * norms + slack
                if bound < upper[k - 1]:
                    pos = k - 1
                    while pos > 0 and bound < upper[pos - 1]:
                        upper[pos] = upper[pos - 1]
                        pos -= 1
                    upper[pos] = bound
            n_seen = 0
            for t in range(n_ref):
                if n_seen == k:
                    break
                j = by_sqnorm[t]
                if j == me or stamp[j] == i:
                    continue
                n_seen += 1
                norms = qq + r_sqnorm[j]
                bound = norms + delta * norms + slack
                if bound < upper[k - 1]:
                    pos = k - 1
                    while pos > 0 and bound < upper[pos - 1]:
                        upper[pos] = upper[pos - 1]
                        pos -= 1
                    upper[pos] = bound
            threshold = upper[k - 1]
            # Exact sums for every row that might rank (NaN bounds included).
            best_d[:] = np.inf
            best_i[:] = n_ref
            for t in range(n_touched):
                j = touched[t]
                if j == me:
                    continue
                norms = qq + r_sqnorm[j]
                if norms - 2.0 * dots[j] - delta * norms - slack > threshold:
                    continue
                d2 = csr_row_squared_distance(
                    q_indices[q_lo:q_hi],
                    q_data[q_lo:q_hi],
                    r_indices[r_indptr[j] : r_indptr[j + 1]],
                    r_data[r_indptr[j] : r_indptr[j + 1]],
                )
                _push(best_d, best_i, d2, j)
            for t in range(n_ref):
                j = by_sqnorm[t]
                norms = qq + r_sqnorm[j]
                if norms - delta * norms - slack > threshold:
                    break  # rows are in increasing norm: none further can rank
                if j == me or stamp[j] == i:
                    continue
                d2 = csr_row_squared_distance(
                    q_indices[q_lo:q_hi],
                    q_data[q_lo:q_hi],
                    r_indices[r_indptr[j] : r_indptr[j + 1]],
                    r_data[r_indptr[j] : r_indptr[j + 1]],
                )
                _push(best_d, best_i, d2, j)
            nn_dist[i, :] = best_d
            nn_ind[i, :] = best_i


@njit(**EXACT_PARALLEL)
def csr_interpolate_rows(
    x_indptr, x_indices, x_data, n_indptr, n_indices, n_data, nn_ind, rows, cols, steps
):
    """SMOTE's new rows ``X[rows] + steps * (N[nn_ind[rows, cols]] - X[rows])``
    as CSR arrays ``(indptr, indices, data)``, X and N given as CSR arrays.

    Per stored column: the difference in the input dtype (``0 - x`` is ``-x``
    exactly), then ``float64(x) + step * float64(diff)`` cast to the input
    dtype, as imbalanced-learn's sparse arithmetic computes it. Columns absent
    from both rows stay absent, and a sum that is zero in float64 is not
    stored, as scipy's sparse addition prunes it (canonical CSR, sorted).
    """
    n_new = rows.shape[0]
    counts = np.zeros(n_new + 1, dtype=np.int64)
    # First pass: the number of stored values of each new row (the union).
    for t in prange(n_new):
        a = rows[t]
        b = nn_ind[a, cols[t]]
        i = x_indptr[a]
        j = n_indptr[b]
        i_end = x_indptr[a + 1]
        j_end = n_indptr[b + 1]
        count = 0
        while i < i_end or j < j_end:
            if j == j_end or (i < i_end and x_indices[i] < n_indices[j]):
                value = np.float64(x_data[i]) + steps[t] * np.float64(-x_data[i])
                i += 1
            elif i == i_end or n_indices[j] < x_indices[i]:
                value = steps[t] * np.float64(n_data[j])
                j += 1
            else:
                diff = n_data[j] - x_data[i]
                value = np.float64(x_data[i]) + steps[t] * np.float64(diff)
                i += 1
                j += 1
            if value != 0.0:
                count += 1
        counts[t + 1] = count
    indptr = np.cumsum(counts)
    indices = np.empty(indptr[n_new], dtype=x_indices.dtype)
    data = np.empty(indptr[n_new], dtype=x_data.dtype)
    # Second pass: the values, in increasing column order.
    for t in prange(n_new):
        a = rows[t]
        b = nn_ind[a, cols[t]]
        i = x_indptr[a]
        j = n_indptr[b]
        i_end = x_indptr[a + 1]
        j_end = n_indptr[b + 1]
        out = indptr[t]
        while i < i_end or j < j_end:
            if j == j_end or (i < i_end and x_indices[i] < n_indices[j]):
                col = x_indices[i]
                value = np.float64(x_data[i]) + steps[t] * np.float64(-x_data[i])
                i += 1
            elif i == i_end or n_indices[j] < x_indices[i]:
                col = n_indices[j]
                value = steps[t] * np.float64(n_data[j])
                j += 1
            else:
                col = x_indices[i]
                diff = n_data[j] - x_data[i]
                value = np.float64(x_data[i]) + steps[t] * np.float64(diff)
                i += 1
                j += 1
            if value != 0.0:
                indices[out] = col
                data[out] = value
                out += 1
    return indptr, indices, data
