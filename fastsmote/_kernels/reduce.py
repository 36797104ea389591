"""NumPy's summation order, so that sums computed in kernels equal ``np.sum``'s bits.

``np.sum`` of a contiguous float64 array is not a left-to-right loop: NumPy
adds blocks of up to 128 values with eight interleaved accumulators and
combines blocks pairwise (``pairwise_sum`` in NumPy's ``loops_utils.h.src``),
starting from the identity 0.0. A kernel that must reproduce a NumPy sum bit
for bit (ADASYN's normalisation, KMeans-SMOTE's cluster weights) calls
:func:`pairwise_sum`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .._config import EXACT

#: Largest block NumPy sums with eight accumulators before splitting in two.
PAIRWISE_BLOCK = 128


@njit(**EXACT)
def _block_sum(values, start, n):
    """NumPy's sum of one block of ``n <= PAIRWISE_BLOCK`` values from ``start``."""
    if n < 8:
        acc = -0.0
        for i in range(start, start + n):
            acc += values[i]
        return acc
    r0 = values[start]
    r1 = values[start + 1]
    r2 = values[start + 2]
    r3 = values[start + 3]
    r4 = values[start + 4]
    r5 = values[start + 5]
    r6 = values[start + 6]
    r7 = values[start + 7]
    i = 8
    while i < n - n % 8:
        p = start + i
        r0 += values[p]
        r1 += values[p + 1]
        r2 += values[p + 2]
        r3 += values[p + 3]
        r4 += values[p + 4]
        r5 += values[p + 5]
        r6 += values[p + 6]
        r7 += values[p + 7]
        i += 8
    acc = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        acc += values[start + i]
        i += 1
    return acc


@njit(**EXACT)
def pairwise_sum(values):
    """``np.sum(values)`` for a contiguous 1-D float64 array, bit for bit.

    NumPy's recursion (split a range in two halves, the first a multiple of
    8, until a range fits in a block; a range's sum is its first half's plus
    its second half's) runs on an explicit stack: Numba's cache cannot reload
    recursive functions.

    Parameters
    ----------
    values : ndarray of shape (n,), float64

    Returns
    -------
    total : float
        ``0.0`` for an empty array.

    Examples
    --------
    >>> import numpy as np
    >>> values = np.random.RandomState(0).exponential(size=1000)
    >>> bool(pairwise_sum(values) == np.sum(values))
    True
    """
    n = values.shape[0]
    if n <= PAIRWISE_BLOCK:
        return 0.0 + _block_sum(values, 0, n)
    # Each halving at least halves the range: 64 frames cover any array.
    frame_start = np.empty(64, dtype=np.int64)
    frame_size = np.empty(64, dtype=np.int64)
    frame_phase = np.empty(64, dtype=np.int64)  # 0: enter, 1: left done, 2: both done
    frame_left = np.empty(64, dtype=np.float64)
    frame_start[0] = 0
    frame_size[0] = n
    frame_phase[0] = 0
    top = 1
    result = 0.0  # value returned by the frame popped last
    while top > 0:
        f = top - 1
        size = frame_size[f]
        if size <= PAIRWISE_BLOCK:
            result = _block_sum(values, frame_start[f], size)
            top -= 1
            continue
        half = size // 2
        half -= half % 8
        if frame_phase[f] == 0:
            frame_phase[f] = 1
            frame_start[top] = frame_start[f]
            frame_size[top] = half
            frame_phase[top] = 0
            top += 1
        elif frame_phase[f] == 1:
            frame_left[f] = result
            frame_phase[f] = 2
            frame_start[top] = frame_start[f] + half
            frame_size[top] = size - half
            frame_phase[top] = 0
            top += 1
        else:
            result = frame_left[f] + result
            top -= 1
    return 0.0 + result
