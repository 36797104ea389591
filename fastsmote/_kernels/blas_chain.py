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


#: References per tile and queries per step of :func:`heap_values`.
_TILE = 256
_QUERIES = 4


@njit(**EXACT_PARALLEL)
def heap_values(Q, Y, q_norms, y_norms):
    """``max(0, (q_norms[q] + fl(-2 * chain(q, r))) + y_norms[r])`` for each
    query row q of ``Q`` and reference row r of ``Y``, summed in that order as
    scikit-learn does.

    Parameters
    ----------
    Q : ndarray of shape (n_queries, n_features), float32 or float64
    Y : ndarray of shape (n_fit, n_features), float32 or float64
        The reference rows (C-contiguous); float32 values are upcast, as
        scikit-learn upcasts its chunks.
    q_norms : ndarray of shape (n_queries,), float64
        scikit-learn's squared row norms of the queries.
    y_norms : ndarray of shape (n_fit,), float64
        scikit-learn's squared row norms of the references.

    Returns
    -------
    values : ndarray of shape (n_queries, n_fit), float64
    """
    n_q, n_features = Q.shape
    n_fit = Y.shape[0]
    out = np.empty((n_q, n_fit))
    if n_q <= _QUERIES:
        # Too few queries to pay for transposing the references: chains along
        # each reference row, four at a time so that they overlap.
        for block in prange((n_fit + 3) // 4):
            j = 4 * block
            for i in range(n_q):
                if j + 4 <= n_fit:
                    a0 = a1 = a2 = a3 = 0.0
                    for f in range(n_features):
                        q = np.float64(Q[i, f])
                        a0 = fma(q, np.float64(Y[j, f]), a0)
                        a1 = fma(q, np.float64(Y[j + 1, f]), a1)
                        a2 = fma(q, np.float64(Y[j + 2, f]), a2)
                        a3 = fma(q, np.float64(Y[j + 3, f]), a3)
                    out[i, j] = max(0.0, (q_norms[i] + -2.0 * a0) + y_norms[j])
                    out[i, j + 1] = max(0.0, (q_norms[i] + -2.0 * a1) + y_norms[j + 1])
                    out[i, j + 2] = max(0.0, (q_norms[i] + -2.0 * a2) + y_norms[j + 2])
                    out[i, j + 3] = max(0.0, (q_norms[i] + -2.0 * a3) + y_norms[j + 3])
                else:
                    for jj in range(j, n_fit):
                        acc = 0.0
                        for f in range(n_features):
                            acc = fma(np.float64(Q[i, f]), np.float64(Y[jj, f]), acc)
                        out[i, jj] = max(0.0, (q_norms[i] + -2.0 * acc) + y_norms[jj])
        return out
    # One task per tile of references, transposed once into a local buffer so
    # that the chains of the tile advance together (the inner loop runs over
    # references, in L1), a few queries at a time sharing each loaded value.
    n_tiles = (n_fit + _TILE - 1) // _TILE
    for tile in prange(n_tiles):
        j0 = tile * _TILE
        width = min(_TILE, n_fit - j0)
        ref_t = np.empty((n_features, _TILE))
        for j in range(width):
            for f in range(n_features):
                ref_t[f, j] = np.float64(Y[j0 + j, f])
        acc = np.empty((_QUERIES, _TILE))
        for i0 in range(0, n_q, _QUERIES):
            rows = min(_QUERIES, n_q - i0)
            acc[:, :] = 0.0
            for f in range(n_features):
                ref = ref_t[f]
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


@njit(**EXACT_PARALLEL)
def pair_values(X, rows, cand, norms):
    """:func:`heap_values` for chosen pairs only: ``out[i, j]`` is the value of
    query ``rows[i]`` and reference ``cand[i, j]`` (rows of ``X``)."""
    out = np.empty(cand.shape)
    for i in prange(rows.shape[0]):
        q = rows[i]
        for j in range(cand.shape[1]):
            r = cand[i, j]
            acc = 0.0
            for f in range(X.shape[1]):
                acc = fma(np.float64(X[q, f]), np.float64(X[r, f]), acc)
            out[i, j] = max(0.0, (norms[q] + -2.0 * acc) + norms[r])
    return out
