"""scikit-learn's brute-force ranking values for some query rows, exactly.

scikit-learn 1.9's ``ArgKmin`` ranks a fitted row r for a query q by
``max(0, (|q|^2 + m) + |r|^2)``, with ``m = -2 q.r`` from a BLAS ``dgemm`` per
pair of chunks (of ``pairwise_dist_chunk_size`` rows, 256 by default: the
query batch's and the fitted rows'), and pushes those values onto its heaps.
Ties and near-ties among them decide the lists of duplicate and tied rows.
Where OpenBLAS computes a chunk shape as in-order FMA chains (most shapes
below a few hundred features on x86-64; not the smallest shapes, odd
remainders or long rows, where it blocks or unrolls the sum),
:func:`~fastsmote._kernels.blas_chain.heap_values` gives the same values, bit
for bit, for just the rows that need them; elsewhere the BLAS product of
scikit-learn's very chunks does. Each chunk shape is compared with the BLAS
itself once per process (:func:`_shape_matches`).
"""

from __future__ import annotations

import numpy as np
from sklearn import get_config as sklearn_config
from sklearn.metrics._pairwise_distances_reduction._base import (
    _sqeuclidean_row_norms32,
    _sqeuclidean_row_norms64,
)
from sklearn.utils._cython_blas import _gemm_memview
from sklearn.utils.parallel import _get_threadpool_controller

from .._kernels.blas_chain import add_norms, chain_products, heap_values

# BLAS_Trans values of sklearn.utils._cython_blas ('n', 't').
_NO_TRANS, _TRANS = 110, 116

#: Chunk shapes ``(m, n, n_features)`` already compared with the BLAS.
_CHECKED: dict = {}

#: Random matrices compared per shape: a different summation order matches on
#: all elements of one by chance only for the smallest shapes.
_TRIALS = 3


def _blas_products(A, B):
    """``-2 * A @ B.T`` by scikit-learn's own BLAS call (row-major dgemm)."""
    out = np.empty((A.shape[0], B.shape[0]))
    _gemm_memview(_NO_TRANS, _TRANS, -2.0, A, B, 0.0, out)
    return out


def _one_blas_thread():
    # As ArgKmin runs its products: a thread splits a product into sub-shapes,
    # whose sums may be taken in another order.
    return _get_threadpool_controller().limit(limits=1, user_api="blas")


#: Above this many multiply-adds a shape is compared on some of its rows (the
#: first, the last and a random sample): the chains are not vectorised.
_FULL_CHECK = 4_000_000
_SAMPLE_ROWS = 24


def _shape_matches(m: int, n: int, n_features: int) -> bool:
    """Whether the BLAS computes an ``m x n`` chunk product over ``n_features``
    as in-order FMA chains (compared on random matrices, once per process)."""
    key = (m, n, n_features)
    known = _CHECKED.get(key)
    if known is None:
        rng = np.random.default_rng(m * 1_000_003 + n * 1_009 + n_features)
        known = True
        with _one_blas_thread():
            for _ in range(_TRIALS):
                A = rng.standard_normal((m, n_features))
                B = rng.standard_normal((n, n_features))
                rows = np.arange(m)
                if m * n * n_features > _FULL_CHECK and m > _SAMPLE_ROWS:
                    middle = rng.choice(m, _SAMPLE_ROWS - 16, replace=False)
                    rows = np.unique(np.concatenate([rows[:8], rows[-8:], middle]))
                chained = chain_products(np.ascontiguousarray(A[rows]), B)
                if not np.array_equal(_blas_products(A, B)[rows], chained):
                    known = False
                    break
        _CHECKED[key] = known
    return known


def _chunk_size() -> int:
    return max(int(sklearn_config().get("pairwise_dist_chunk_size", 256)), 20)


def _chunks(n: int, chunk: int) -> list[tuple[int, int]]:
    """ArgKmin's chunks of ``n`` rows: ``min(n, chunk)`` rows each, the last
    one the remainder."""
    size = min(n, chunk)
    return [(start, min(start + size, n)) for start in range(0, n, size)]


def chains_cover(n_queries: int, n_fit: int, n_features: int) -> bool:
    """Whether FMA chains give scikit-learn's values for its full chunks of a
    search of ``n_queries`` rows against ``n_fit`` rows (its remainders may
    still need the BLAS)."""
    chunk = _chunk_size()
    return _shape_matches(min(n_queries, chunk), min(n_fit, chunk), n_features)


def chained_pairs(n_batch: int, n_fit: int, n_features: int, positions, cand) -> np.ndarray:
    """Whether scikit-learn's value of each pair (query at ``positions`` in a
    batch of ``n_batch`` rows, reference ``cand[i, j]``) is an FMA chain: the
    shape of the chunk product that computes it is one this BLAS sums as chains."""
    chunk = _chunk_size()
    x_size, y_size = min(n_batch, chunk), min(n_fit, chunk)
    x_shape = np.minimum(x_size, n_batch - (np.asarray(positions) // x_size) * x_size)
    y_shape = np.minimum(y_size, n_fit - (np.asarray(cand) // y_size) * y_size)
    ok = np.zeros(cand.shape, dtype=np.bool_)
    for m in np.unique(x_shape).tolist():
        for n in np.unique(y_shape).tolist():
            if _shape_matches(m, n, n_features):
                ok |= (x_shape[:, None] == m) & (y_shape == n)
    return ok


def sklearn_row_norms(X_kernel) -> np.ndarray:
    """scikit-learn's squared row norms of the fitted rows (its own function)."""
    if X_kernel.dtype == np.float32:
        return np.asarray(_sqeuclidean_row_norms32(X_kernel, 1))
    return np.asarray(_sqeuclidean_row_norms64(X_kernel, 1))


#: How many times faster the BLAS (one thread, as scikit-learn runs it)
#: computes a chunk's products than
#: :func:`~fastsmote._kernels.blas_chain.heap_values` computes as many chains
#: (about 20 against 13 GFMA/s on this machine's two AVX2 cores): a chunk with
#: fewer rows wanted than its size over this gets its rows' chains instead.
BLAS_SPEEDUP = 2


def _chained(m: int, y_chunks, n_features: int, n_wanted: int) -> bool:
    """Whether a query chunk of ``m`` rows, ``n_wanted`` of them wanted, gets
    its rows' chains rather than its BLAS products: few rows wanted, and this
    BLAS sums its products with the full reference chunks as chains (a
    remainder chunk of another shape gets the chunk's BLAS product, ``m`` x
    at most 255 rows)."""
    full = y_chunks[0][1] - y_chunks[0][0]
    return n_wanted * BLAS_SPEEDUP < m and _shape_matches(m, full, n_features)


def blas_share(n_batch: int, n_fit: int, n_features: int, positions) -> float:
    """The share of a batch's rows whose chunk :func:`exact_heap_values` would
    compute with the BLAS, for the queries at ``positions`` in the batch."""
    chunk = _chunk_size()
    x_size = min(n_batch, chunk)
    y_chunks = _chunks(n_fit, chunk)
    chunk_ids, counts = np.unique(np.asarray(positions) // x_size, return_counts=True)
    rows = 0
    for c, n_wanted in zip(chunk_ids.tolist(), counts.tolist(), strict=True):
        m = min(x_size, n_batch - c * x_size)
        if not _chained(m, y_chunks, n_features, n_wanted):
            rows += m
    return rows / max(n_batch, 1)


def exact_heap_values(X_kernel, batch, positions, norms) -> np.ndarray:
    """The values scikit-learn's heaps receive for the queries
    ``batch[positions]`` against every row of ``X_kernel``, bit for bit.

    Parameters
    ----------
    X_kernel : ndarray of shape (n_fit, n_features), float32 or float64
        The fitted rows (C-contiguous).
    batch : ndarray of int64
        imbalanced-learn's query batch (rows of ``X_kernel``): its chunks
        decide the shapes of scikit-learn's products.
    positions : ndarray of int64
        The queries wanted, as positions in ``batch``.
    norms : ndarray of shape (n_fit,)
        :func:`sklearn_row_norms` of ``X_kernel`` (the queries' too: a row's
        norm is one ``ddot`` of its values).

    Returns
    -------
    values : ndarray of shape (len(positions), n_fit), float64
        ``max(0, (|q|^2 + (-2 q.r)) + |r|^2)``, the products as FMA chains where
        this machine's BLAS computes the chunk's shape that way, else from the
        BLAS product of scikit-learn's very chunks.
    """
    n_fit, n_features = X_kernel.shape
    chunk = _chunk_size()
    x_size = min(batch.size, chunk)
    y_chunks = _chunks(n_fit, chunk)
    Y64 = None
    out = np.empty((positions.size, n_fit))
    chunk_of = positions // x_size
    with _one_blas_thread():
        for c in np.unique(chunk_of):
            sel = np.flatnonzero(chunk_of == c)
            start = int(c) * x_size
            stop = min(start + x_size, batch.size)
            queries = batch[positions[sel]]
            # Few rows of the chunk: their chains alone, where this BLAS computes
            # the chunk's shapes as chains; else the chunk's own products.
            m = stop - start
            blas_chunks = y_chunks
            if _chained(m, y_chunks, n_features, sel.size):
                # The full chunks are chains; the remainder chunk may not be.
                last_a, last_b = y_chunks[-1]
                if _shape_matches(m, last_b - last_a, n_features):
                    stop_chained, blas_chunks = n_fit, []
                else:
                    stop_chained, blas_chunks = last_a, [y_chunks[-1]]
                out[sel, :stop_chained] = heap_values(
                    np.ascontiguousarray(X_kernel[queries]),
                    X_kernel[:stop_chained],
                    norms[queries],
                    norms[:stop_chained],
                )
                if not blas_chunks:
                    continue
            if Y64 is None:
                Y64 = np.ascontiguousarray(X_kernel, dtype=np.float64)
            X_c = np.ascontiguousarray(X_kernel[batch[start:stop]], dtype=np.float64)
            local = positions[sel] - start
            q_norms = norms[queries]
            for a, b in blas_chunks:
                add_norms(_blas_products(X_c, Y64[a:b]), local, q_norms, norms, a, out, sel)
    return out
