"""Decisions of the cleaning samplers: Tomek links and edited nearest neighbours.

Class labels arrive as int codes (``np.unique(y, return_inverse=True)``), so
code order is label order. Neighbour lists are indices into the training rows,
sorted nearest first; a negative index ends a list early.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .._config import EXACT_PARALLEL

#: Query rows per parallel block of ``enn_keep_mask`` (one label histogram each).
ENN_BLOCK = 1024


@njit(**EXACT_PARALLEL)
def tomek_link_mask(nn_first, y_codes, is_target):
    """Which rows are in a Tomek link and belong to a targeted class.

    Row ``i`` is marked when its class is targeted (``is_target[y_codes[i]]``),
    its nearest neighbour ``j = nn_first[i]`` has another class, and ``i`` is
    in turn the nearest neighbour of ``j``. ``nn_first`` may hold -1 for rows
    whose neighbour was not needed (they are never marked).
    """
    n = nn_first.shape[0]
    links = np.zeros(n, dtype=np.bool_)
    for i in prange(n):
        code = y_codes[i]
        if not is_target[code]:
            continue
        j = nn_first[i]
        if j >= 0 and y_codes[j] != code and nn_first[j] == i:
            links[i] = True
    return links


@njit(**EXACT_PARALLEL)
def enn_keep_mask(nn_ind, own_codes, y_codes, alive, n_neighbors, n_classes, use_mode):
    """Edited-nearest-neighbours decision for each query row.

    Row ``t`` of ``nn_ind`` lists the neighbours of a query row of class
    ``own_codes[t]``. Its first ``n_neighbors`` entries ``j`` with
    ``alive[j]`` are its neighbourhood; the row is kept when all their classes
    equal its own (``use_mode`` False, imbalanced-learn's ``kind_sel="all"``)
    or when the most frequent class among them, the smallest code on ties (as
    ``scipy.stats.mode``), is its own (``kind_sel="mode"``).

    Returns ``(keep, complete)``: ``complete[t]`` is False when the list held
    fewer than ``n_neighbors`` alive entries, and then ``keep[t]`` is False and
    meaningless (the caller searches that row again).
    """
    m, width = nn_ind.shape
    keep = np.zeros(m, dtype=np.bool_)
    complete = np.zeros(m, dtype=np.bool_)
    n_blocks = (m + ENN_BLOCK - 1) // ENN_BLOCK
    for b in prange(n_blocks):
        counts = np.zeros(n_classes, dtype=np.int64)
        for t in range(b * ENN_BLOCK, min(m, (b + 1) * ENN_BLOCK)):
            own = own_codes[t]
            found = 0
            agree = 0
            for c in range(width):
                j = nn_ind[t, c]
                if j < 0 or found == n_neighbors:
                    break
                if not alive[j]:
                    continue
                code = y_codes[j]
                counts[code] += 1
                if code == own:
                    agree += 1
                found += 1
            if found == n_neighbors:
                complete[t] = True
                if use_mode:
                    best = 0
                    for code in range(1, n_classes):
                        if counts[code] > counts[best]:
                            best = code
                    # No neighbour has no mode (scipy's is NaN): not kept.
                    keep[t] = found > 0 and best == own
                else:
                    keep[t] = agree == n_neighbors
            # Undo this row's counts: cheaper than clearing n_classes slots.
            for c in range(width):
                j = nn_ind[t, c]
                if j < 0 or found == 0:
                    break
                if alive[j]:
                    counts[y_codes[j]] -= 1
                    found -= 1
    return keep, complete
