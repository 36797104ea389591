"""Plain NumPy references of the brute-force screening kernels
(``fastsmote._kernels.brute``) and of ``select_kth``."""

from __future__ import annotations

import numpy as np


def naive_screening_rows(X, center, scale):
    """``(X - center) * scale`` as float32 with the float64 squared norms
    appended, and those norms."""
    centered = (np.asarray(X, dtype=np.float64) - center) * scale
    sqnorm = np.einsum("ij,ij->i", centered, centered)
    r_aug = np.empty((X.shape[0], X.shape[1] + 1), dtype=np.float32)
    r_aug[:, :-1] = centered
    r_aug[:, -1] = sqnorm
    return r_aug, sqnorm


def naive_select_kth(keys, kth):
    """The k-th smallest key (what ``select_kth`` puts at position ``kth``)."""
    return np.sort(np.asarray(keys, dtype=np.float64))[kth]


def naive_screen_candidates(q_aug, r_aug, n_cand, exclude_self):
    """The ``n_cand`` smallest (value, index) pairs of each row of
    ``q_aug @ r_aug.T`` (float32 products), query ``i`` skipping point ``i``
    when ``exclude_self``; ``inf``/-1 where fewer points exist."""
    values = (q_aug.astype(np.float64) @ r_aug.astype(np.float64).T).astype(np.float32)
    cand_val = np.full((q_aug.shape[0], n_cand), np.inf, dtype=np.float32)
    cand_ind = np.full((q_aug.shape[0], n_cand), -1, dtype=np.int64)
    for i, row in enumerate(values):
        order = [j for j in np.lexsort((np.arange(row.size), row)) if not (exclude_self and j == i)]
        chosen = order[:n_cand]
        cand_val[i, : len(chosen)] = row[chosen]
        cand_ind[i, : len(chosen)] = chosen
    return cand_val, cand_ind
