"""scikit-learn's brute-force heap values, bit for bit, without its BLAS call.

scikit-learn's ``ArgKmin`` ranks reference rows r for a query q by
``max(0, (|q|^2 + (-2 * q.r)) + |r|^2)``, the dot product from a BLAS
``dgemm`` on 256-row chunks. For most chunk shapes OpenBLAS computes each element as one chain of
fused multiply-adds over the features in order, starting from zero, then
scales by -2 (exact): what :func:`heap_values` computes, for any subset of
rows. Whether it does for a given shape on this machine is checked at run
time (:mod:`fastsmote.neighbors.sklearn_blas`); shapes where it does not are
never computed here.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, prange, types
from numba.extending import intrinsic

from .._config import EXACT, EXACT_PARALLEL


@intrinsic
def fma(typingctx, a, b, c):
    """``a * b + c`` rounded once (LLVM's ``llvm.fma.f64``)."""
    sig = types.float64(types.float64, types.float64, types.float64)

    def codegen(context, builder, signature, args):
        double = ir.DoubleType()
        fn = builder.module.declare_intrinsic(
            "llvm.fma", [double], ir.FunctionType(double, [double, double, double])
        )
        return builder.call(fn, args)

    return sig, codegen


#: References per tile and queries per task of :func:`heap_values`.
_TILE = 256
_QUERIES = 4


@njit(**EXACT_PARALLEL)
def heap_values(Q, Y_t, q_norms, y_norms):
    """``max(0, (q_norms[q] + fl(-2 * chain(q, r))) + y_norms[r])`` for each
    query row q of ``Q`` and reference row r (a column of ``Y_t``), summed in
    that order as scikit-learn does.

    Parameters
    ----------
    Q : ndarray of shape (n_queries, n_features), float32 or float64
    Y_t : ndarray of shape (n_features, n_fit), float64
        The reference rows, transposed (C-contiguous), so that the chains of
        many references advance together.
    q_norms : ndarray of shape (n_queries,), float64
        scikit-learn's squared row norms of the queries.
    y_norms : ndarray of shape (n_fit,), float64
        scikit-learn's squared row norms of the references.

    Returns
    -------
    values : ndarray of shape (n_queries, n_fit), float64
    """
    n_q, n_features = Q.shape
    n_fit = Y_t.shape[1]
    out = np.empty((n_q, n_fit))
    # Tasks of a few queries x a tile of references: the tile's chains stay in
    # L1 while the features advance, and each reference value loaded serves
    # every query of the task.
    n_tiles = (n_fit + _TILE - 1) // _TILE
    n_groups = (n_q + _QUERIES - 1) // _QUERIES
    for task in prange(n_groups * n_tiles):
        i0 = (task // n_tiles) * _QUERIES
        j0 = (task % n_tiles) * _TILE
        rows = min(_QUERIES, n_q - i0)
        width = min(_TILE, n_fit - j0)
        acc = np.zeros((_QUERIES, _TILE))
        for f in range(n_features):
            ref = Y_t[f, j0 : j0 + width]
            for r in range(rows):
                q = np.float64(Q[i0 + r, f])
                chain = acc[r]
                for j in range(width):
                    chain[j] = fma(q, ref[j], chain[j])
        for r in range(rows):
            q_norm = q_norms[i0 + r]
            for j in range(width):
                out[i0 + r, j0 + j] = max(0.0, (q_norm + -2.0 * acc[r, j]) + y_norms[j0 + j])
    return out


@njit(**EXACT_PARALLEL)
def chain_products(A, B):
    """``-2 * A @ B.T`` with each element one in-order FMA chain: what
    :func:`heap_values` assumes of the BLAS, for comparing the two."""
    out = np.empty((A.shape[0], B.shape[0]))
    for i in prange(A.shape[0]):
        for j in range(B.shape[0]):
            acc = 0.0
            for f in range(A.shape[1]):
                acc = fma(np.float64(A[i, f]), np.float64(B[j, f]), acc)
            out[i, j] = -2.0 * acc
    return out


@njit(**EXACT)
def add_norms(middle, local, q_norms, y_norms, start, out, out_rows):
    """``out[out_rows[i], start + j] = max(0, (q_norms[i] + middle[local[i], j])
    + y_norms[start + j])``: a chunk's BLAS products turned into heap values,
    summed in scikit-learn's order."""
    for i in range(local.shape[0]):
        src = middle[local[i]]
        dst = out[out_rows[i]]
        q = q_norms[i]
        for j in range(middle.shape[1]):
            dst[start + j] = max(0.0, (q + src[j]) + y_norms[start + j])
