"""Compile every kernel up front (both dtypes), so first calls are fast."""

from __future__ import annotations

import numpy as np


def _warm_samplers(X, y) -> None:
    """Run every sampler of the registry once on the tiny ``(X, y)`` (both
    Borderline-SMOTE kinds: they take different kernels)."""
    from ._registry import SAMPLERS

    categories = np.floor(np.abs(X) * 2).astype(np.int64) % 3
    for spec in SAMPLERS.values():
        kwargs = {**spec.params, **spec.warmup_params}
        if spec.random_state:
            kwargs["random_state"] = 0
        data = categories if spec.data == "categorical" else X
        spec.fastsmote_class(**kwargs).fit_resample(data, y)


def _warm_sparse(X, y) -> None:
    """Compile the CSR kernels: the sparse search (both query paths) and SMOTE's
    sparse interpolation."""
    from scipy import sparse

    from .neighbors.sparse import SparseNeighbors
    from .over_sampling import SMOTE

    X_csr = sparse.csr_matrix(np.where(np.abs(X) > 0.5, X, 0))
    nn = SparseNeighbors(3).fit(X_csr)
    nn.kneighbors()
    nn.kneighbors(X_csr[:5])
    SMOTE(k_neighbors=3, random_state=0).fit_resample(X_csr, y)


def _warm_nndescent(X) -> None:
    """Compile pynndescent's index build and fastsmote's candidate ranking."""
    from .neighbors.nndescent import NNDescentNeighbors

    nn = NNDescentNeighbors(3, random_state=0, exact_max_samples=0).fit(X)
    nn.kneighbors()
    nn.kneighbors_of_rows(np.arange(5), 2)


def warmup(nndescent: bool = False) -> None:
    """Compile (or load from Numba's cache) every fastsmote kernel.

    Numba compiles a kernel on its first call; with ``cache=True`` the machine
    code is reused by later processes. Calling this once after installation
    or at the start of a long job moves that cost out of the first
    ``fit_resample``. Every sampler fastsmote exports runs once on tiny data
    in float64 and in float32, and the sparse (CSR) kernels run too.

    Parameters
    ----------
    nndescent : bool, default=False
        Also compile the approximate backend (``nn_backend="nndescent"``):
        pynndescent's index build, which takes tens of seconds in a fresh
        process without a cache, and fastsmote's ranking of its candidates.

    Examples
    --------
    >>> import fastsmote
    >>> fastsmote.warmup()
    """
    from .neighbors.backends import make_backend
    from .over_sampling import SMOTE

    rng = np.random.RandomState(0)
    for dtype in (np.float64, np.float32):
        X = rng.normal(size=(64, 3)).astype(dtype)
        y = np.array([0] * 48 + [1] * 16)
        SMOTE(k_neighbors=3, random_state=0, nn_backend="brute").fit_resample(X, y)
        for name in ("brute", "kdtree"):
            backend = make_backend(name, 3)
            backend.fit(X).kneighbors()
            backend.kneighbors(X[:5])
        _warm_samplers(X, y)
        _warm_sparse(X, y)
        if nndescent:
            _warm_nndescent(rng.normal(size=(300, 3)).astype(dtype))
