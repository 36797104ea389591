"""Bounded sorted lists of the k nearest candidates, ordered by (distance, index).

Ties in distance are broken by the smaller index, so exact searches are
deterministic whatever the order in which candidates are visited.
"""

from __future__ import annotations

from numba import njit

from .._config import EXACT


@njit(**EXACT)
def precedes(dist_a, ind_a, dist_b, ind_b):
    """True when candidate a ranks before candidate b."""
    return dist_a < dist_b or (dist_a == dist_b and ind_a < ind_b)


@njit(**EXACT)
def insert_sorted(nn_dist, nn_ind, dist, ind):
    """Insert (dist, ind) into the sorted rows ``nn_dist``/``nn_ind`` if it ranks.

    The lists keep a fixed length k; the worst entry falls off. Slots not yet
    filled hold ``inf`` and index ``-1`` and rank last. Returns True when the
    candidate was inserted.
    """
    k = nn_dist.shape[0]
    last_d = nn_dist[k - 1]
    last_i = nn_ind[k - 1]
    if not (last_i < 0 or precedes(dist, ind, last_d, last_i)):
        return False
    pos = k - 1
    while pos > 0:
        prev_i = nn_ind[pos - 1]
        if prev_i >= 0 and not precedes(dist, ind, nn_dist[pos - 1], prev_i):
            break
        nn_dist[pos] = nn_dist[pos - 1]
        nn_ind[pos] = prev_i
        pos -= 1
    nn_dist[pos] = dist
    nn_ind[pos] = ind
    return True
