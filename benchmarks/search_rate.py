"""How close fastsmote's exact searches run to this machine's float32 matrix-product rate.

The brute-force search screens candidates with float32 matrix products, so its
limit is the rate of ``sgemm``. Rates count the useful arithmetic only:

* all points against all points (``kneighbors()``, what ENN, TomekLinks and
  SMOTE's per-class search do): each pair once, ``2 d`` flops;
* one-sided (``kneighbors_of_rows``: a class's rows against all rows, as
  Borderline-SMOTE, ADASYN and SVM-SMOTE's danger step search): ``2 d`` flops
  per query row and fitted row;
* ``sgemm``: ``2 n m k`` flops of ``float32`` ``A @ B``, square (the machine's
  best) and with inner dimension ``d + 1`` (the screening tiles' shape).

Times are wall-clock medians and include the backend's ``fit`` (its index),
as a sampler pays it. Shared by ``tools/measure_search_rate.py`` and the asv
suite (``bench_search_rate.py``).
"""

from __future__ import annotations

import time

import numpy as np

#: Rows and columns of the square product that measures the machine's best rate.
SQUARE_SIZE = 2048

#: Rows on each side of the product with inner dimension d + 1.
TILE_ROWS = 4096


def _median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def sgemm_rate(inner: int | None = None, repeat: int = 5) -> float:
    """GFLOP/s of ``float32`` ``A @ B``: square ``SQUARE_SIZE`` matrices, or
    ``TILE_ROWS`` x ``inner`` times ``inner`` x ``TILE_ROWS`` when ``inner`` is
    given. BLAS uses its default threads, as the search's tiles share the cores."""
    rng = np.random.default_rng(0)
    if inner is None:
        a = rng.standard_normal((SQUARE_SIZE, SQUARE_SIZE), dtype=np.float32)
        b = rng.standard_normal((SQUARE_SIZE, SQUARE_SIZE), dtype=np.float32)
        flops = 2.0 * SQUARE_SIZE**3
    else:
        a = rng.standard_normal((TILE_ROWS, inner), dtype=np.float32)
        b = rng.standard_normal((inner, TILE_ROWS), dtype=np.float32)
        flops = 2.0 * TILE_ROWS * TILE_ROWS * inner
    a @ b  # BLAS start-up
    return flops / _median_seconds(lambda: a @ b, repeat) / 1e9


def all_pairs_rate(X: np.ndarray, n_neighbors: int = 4, repeat: int = 3) -> dict:
    """Seconds and GFLOP/s of fastsmote's brute-force all-points search."""
    from fastsmote.neighbors import BruteForceNeighbors

    def search():
        BruteForceNeighbors(n_neighbors).fit(X).kneighbors(None, n_neighbors)

    search()  # compile
    seconds = _median_seconds(search, repeat)
    n, d = X.shape
    return {"seconds": seconds, "gflops": n * (n - 1) / 2 * 2 * d / seconds / 1e9}


def one_sided_rate(X: np.ndarray, rows: np.ndarray, n_neighbors: int = 10, repeat: int = 3) -> dict:
    """Seconds and GFLOP/s of fastsmote's brute-force search of ``rows`` against all rows."""
    from fastsmote.neighbors import BruteForceNeighbors

    def search():
        BruteForceNeighbors(n_neighbors).fit(X).kneighbors_of_rows(rows, n_neighbors)

    search()
    seconds = _median_seconds(search, repeat)
    n, d = X.shape
    return {"seconds": seconds, "gflops": rows.size * n * 2 * d / seconds / 1e9}


def minority_rows(y: np.ndarray) -> np.ndarray:
    """The rows of the least frequent class (the one-sided search's queries)."""
    labels, counts = np.unique(y, return_counts=True)
    return np.flatnonzero(y == labels[np.argmin(counts)])


def search_rates(X: np.ndarray, y: np.ndarray, repeat: int = 3) -> dict:
    """Both searches' rates on ``X`` beside the two ``sgemm`` rates, and each
    search's share of the square rate."""
    square = sgemm_rate()
    tile = sgemm_rate(inner=X.shape[1] + 1)
    both = all_pairs_rate(X, repeat=repeat)
    one = one_sided_rate(X, minority_rows(y), repeat=repeat)
    return {
        "rows": int(X.shape[0]),
        "features": int(X.shape[1]),
        "sgemm_square_gflops": square,
        "sgemm_tile_gflops": tile,
        "all_pairs": {**both, "share_of_sgemm": both["gflops"] / square},
        "one_sided": {**one, "share_of_sgemm": one["gflops"] / square},
    }
