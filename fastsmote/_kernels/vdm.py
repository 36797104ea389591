"""The Value Difference Metric (VDM) between rows of category codes, by table look-up.

imbalanced-learn's ``ValueDifferenceMetric.pairwise`` adds, feature by
feature, ``|P[a] - P[b]|_1 ** 2`` where ``P`` holds each category's class
probabilities. That term depends only on the two categories, so it is
tabulated once per feature (``tables[f, a, b]``, computed with the same NumPy
and SciPy calls as imbalanced-learn) and a distance is a sum of look-ups, in
feature order from 0.0 as imbalanced-learn accumulates it: bit-identical,
without the n x n x n_classes temporaries.
"""

from __future__ import annotations

from numba import njit, prange

from .._config import EXACT_PARALLEL


@njit(**EXACT_PARALLEL)
def vdm_distance_rows(codes, tables, start, out):
    """Write the VDM distances of rows ``start, start + 1, ...`` of ``codes`` to
    every row of ``codes`` into ``out`` (shape ``(n_rows_chunk, len(codes))``)."""
    n = codes.shape[0]
    n_features = codes.shape[1]
    for t in prange(out.shape[0]):
        i = start + t
        for j in range(n):
            acc = 0.0
            for f in range(n_features):
                acc += tables[f, codes[i, f], codes[j, f]]
            out[t, j] = acc
