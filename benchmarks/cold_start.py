"""First calls in a fresh interpreter: what compiling costs (helpers, not benchmarks).

Each function is one step that the asv cold-start benchmarks
(``bench_neighbors.ColdStart``, ``bench_boundary.BoundaryColdStart``,
``bench_approximate.NNDescentColdStart``) and ``tools/measure_cold_start.py``
run in a child process of their own with ``NUMBA_CACHE_DIR`` set
(:func:`run_step`). Each returns the seconds of the step itself on the child's
clock, interpreter start-up and imports excluded (except for
:func:`import_fastsmote`, whose step is the import).
"""

from __future__ import annotations

import time

# NumPy is imported inside the steps, after the clock starts for the import step:
# ``import fastsmote`` includes importing NumPy in a fresh process.
from .child import run_child


def run_step(step, cache_dir: str, **kwargs) -> float:
    """Seconds of ``step(**kwargs)`` in a fresh interpreter whose Numba cache is ``cache_dir``.

    Parameters
    ----------
    step : callable
        A function of this module.
    cache_dir : str
        ``NUMBA_CACHE_DIR`` of the child: an empty directory for a cold start,
        one an earlier step filled for a cached start.
    **kwargs
        The step's arguments.

    Returns
    -------
    float
        The step's own seconds, as the child measured them.
    """
    return run_child(step, env={"NUMBA_CACHE_DIR": cache_dir}, **kwargs)


def import_fastsmote() -> float:
    """``import fastsmote`` (it must compile nothing)."""
    start = time.perf_counter()
    import fastsmote  # noqa: F401

    return time.perf_counter() - start


def smote_first_call() -> float:
    """The first ``SMOTE().fit_resample`` on tiny float64 data (SMOTE's kernels)."""
    import numpy as np

    import fastsmote

    X = np.random.RandomState(0).normal(size=(64, 3))
    y = np.r_[[0] * 48, [1] * 16]
    start = time.perf_counter()
    fastsmote.SMOTE(k_neighbors=3, random_state=0).fit_resample(X, y)
    return time.perf_counter() - start


def warmup(nndescent: bool = False) -> float:
    """``fastsmote.warmup(nndescent)``: every exported sampler in both dtypes."""
    import fastsmote

    start = time.perf_counter()
    fastsmote.warmup(nndescent=nndescent)
    return time.perf_counter() - start


def nndescent_first_fit() -> float:
    """The NN-Descent adapter's first fit on tiny data: pynndescent's index build
    plus fastsmote's ranking of its candidates."""
    import numpy as np

    from fastsmote.neighbors import NNDescentNeighbors

    X = np.random.RandomState(0).normal(size=(300, 3))
    start = time.perf_counter()
    NNDescentNeighbors(3, random_state=0, exact_max_samples=0).fit(X).kneighbors()
    return time.perf_counter() - start


def pynndescent_first_query() -> float:
    """pynndescent's first ``query`` (its search compilation), which fastsmote never
    needs: only new points or more neighbours than the graph holds do."""
    import numpy as np
    from pynndescent import NNDescent

    X = np.random.RandomState(0).normal(size=(300, 3)).astype(np.float32)
    index = NNDescent(X, n_neighbors=4, random_state=0)
    start = time.perf_counter()
    index.query(X[:10], k=3)
    return time.perf_counter() - start


def sampler_first_call(sampler: str) -> float:
    """The first calls of sampler ``sampler`` (a key of ``fastsmote._registry.SAMPLERS``),
    float64 then float32, on 400 x 6 rows."""
    import numpy as np
    from sklearn.datasets import make_classification

    from .samplers import make_sampler

    X, y = make_classification(n_samples=400, n_features=6, weights=[0.8], random_state=0)
    start = time.perf_counter()
    for dtype in (np.float64, np.float32):
        make_sampler(sampler, "fastsmote").fit_resample(X.astype(dtype), y)
    return time.perf_counter() - start
