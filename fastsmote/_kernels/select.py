"""Selection: put the k-th smallest key in place (the KD-tree build's median split).

The build splits every node at the median along one dimension; a full sort
per node would cost O(n log n) at every level, selection costs O(n) on
average.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._config import EXACT


@njit(**EXACT)
def select_kth(keys, ids, kth):
    """Reorder ``keys`` (and ``ids`` alongside) so that ``keys[kth]`` is in place.

    Afterwards ``keys[:kth] <= keys[kth] <= keys[kth + 1:]``, in place. Hoare partitions
    around a median-of-three pivot (equal keys stop both scans, so duplicates
    still split evenly); after a bounded number of rounds the remaining range
    is sorted instead, which caps the worst case at O(n log n).

    Parameters
    ----------
    keys : ndarray of shape (n,), float64
        Reordered in place.
    ids : ndarray of shape (n,), int64
        Moved with ``keys``.
    kth : int
        The position to put in place.

    Examples
    --------
    >>> import numpy as np
    >>> keys, ids = np.array([3.0, 1.0, 2.0, 0.0]), np.arange(4)
    >>> select_kth(keys, ids, 2)
    >>> float(keys[2]), sorted(keys[:2].tolist()), int(ids[2])
    (2.0, [0.0, 1.0], 2)
    """
    lo = 0
    hi = keys.shape[0] - 1
    rounds_left = 4 * (int(np.log2(keys.shape[0] + 1)) + 1)
    while hi > lo:
        if rounds_left == 0:
            order = np.argsort(keys[lo : hi + 1], kind="mergesort")
            sorted_keys = keys[lo : hi + 1][order]
            sorted_ids = ids[lo : hi + 1][order]
            keys[lo : hi + 1] = sorted_keys
            ids[lo : hi + 1] = sorted_ids
            return
        rounds_left -= 1
        mid = (lo + hi) // 2
        a = keys[lo]
        b = keys[mid]
        c = keys[hi]
        if a > b:
            a, b = b, a
        if b > c:
            b = c
            if a > b:
                b = a
        pivot = b
        i = lo
        j = hi
        while i <= j:
            while keys[i] < pivot:
                i += 1
            while keys[j] > pivot:
                j -= 1
            if i <= j:
                keys[i], keys[j] = keys[j], keys[i]
                ids[i], ids[j] = ids[j], ids[i]
                i += 1
                j -= 1
        # Now keys[lo..j] <= pivot <= keys[i..hi], and keys strictly between
        # j and i equal the pivot.
        if kth <= j:
            hi = j
        elif kth >= i:
            lo = i
        else:
            return
