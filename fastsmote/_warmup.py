"""Compile every kernel up front (both dtypes), so first calls are fast."""

from __future__ import annotations

import numpy as np


def warmup() -> None:
    """Compile (or load from Numba's cache) every fastsmote kernel.

    Numba compiles a kernel on its first call; with ``cache=True`` the machine
    code is reused by later processes. Calling this once after installation
    or at the start of a long job moves that cost out of the first
    ``fit_resample``.

    Examples
    --------
    >>> import fastsmote
    >>> fastsmote.warmup()
    """
    from .neighbors.auto import make_backend
    from .over_sampling import SMOTE

    rng = np.random.RandomState(0)
    for dtype in (np.float64, np.float32):
        X = rng.normal(size=(64, 3)).astype(dtype)
        y = np.array([0] * 48 + [1] * 16)
        SMOTE(k_neighbors=3, random_state=0, nn_backend="brute").fit_resample(X, y)
        for name in ("brute", "kdtree"):
            try:
                backend = make_backend(name, 3)
            except ImportError:  # a backend module not present in this build
                continue
            backend.fit(X).kneighbors()
            backend.kneighbors(X[:5])
