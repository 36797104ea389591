"""Bit-exact replay of :func:`sklearn.datasets.make_classification`'s random stream.

``make_classification`` (scikit-learn 1.4 to 1.9, two classes, two clusters
per class, ``hypercube=True``, no repeated features, fixed shift and scale,
``shuffle=True``) draws from one RandomState in this order: centroids; normals
for the informative columns of all rows; one covariance matrix per cluster;
the redundant mixing matrix; normals for the random columns of all rows; the
label-flip uniforms; the flipped labels; the row permutation; the column
permutation.

:func:`make_classification_lowmem` saves the generator's state before each of
the two big normal blocks, skips over them (:func:`skip_normals`) to draw
everything that follows, then replays both blocks chunk by chunk, builds each
chunk's rows exactly as scikit-learn does (same operations, same order, same
array layout for ``np.dot``) and writes them, cast, to their shuffled positions
in the output. W7 (:func:`fastsmote.datasets.make_workload`) is generated this
way; :mod:`fastsmote.dask.datasets` replays the model (centroids, covariances,
mixing) with :func:`generate_hypercube` and :func:`skip_normals`.

Examples
--------
>>> import numpy as np
>>> from sklearn.datasets import make_classification
>>> from fastsmote.datasets.replay import make_classification_lowmem
>>> args = dict(n_features=8, n_informative=6, n_redundant=2, weights=[0.9], random_state=0)
>>> X, y = make_classification_lowmem(5_000, dtype=np.float64, chunk_rows=1_000, **args)
>>> X_ref, y_ref = make_classification(5_000, **args)
>>> bool(np.array_equal(X, X_ref) and np.array_equal(y, y_ref))
True
"""

from __future__ import annotations

import numpy as np
from numpy.typing import DTypeLike
from sklearn.utils.random import sample_without_replacement

__all__ = [
    "CHUNK_ROWS",
    "block_bounds",
    "generate_hypercube",
    "make_classification_lowmem",
    "skip_normals",
]

#: Rows generated per block by the low-memory generator.
CHUNK_ROWS = 1 << 18


def generate_hypercube(samples: int, dimensions: int, rng: np.random.RandomState) -> np.ndarray:
    """Vertices of the ``dimensions``-cube, as scikit-learn's private helper draws them.

    For ``dimensions <= 30`` (all workloads); consumes ``rng`` exactly as
    ``make_classification`` does when it places its cluster centroids.
    """
    out = sample_without_replacement(2**dimensions, samples, random_state=rng)
    out = out.astype(dtype=">u4", copy=False)
    return np.unpackbits(out.view(">u1")).reshape((-1, 32))[:, -dimensions:]


def skip_normals(rng: np.random.RandomState, count: int, chunk: int) -> None:
    """Advance ``rng`` past ``count`` standard normals, ``chunk`` at a time (nothing kept)."""
    for start in range(0, count, chunk):
        rng.standard_normal(size=min(chunk, count - start))


def make_classification_lowmem(
    n_samples: int,
    *,
    n_features: int,
    n_informative: int,
    n_redundant: int,
    weights: list[float],
    flip_y: float = 0.01,
    random_state: int = 0,
    shift: float = 0.0,
    scale: float = 1.0,
    dtype: DTypeLike = np.float32,
    chunk_rows: int = CHUNK_ROWS,
) -> tuple[np.ndarray, np.ndarray]:
    """``make_classification(n_samples, ...)`` cast to ``dtype``, built in blocks of rows.

    The arguments are ``make_classification``'s (two classes, two clusters per
    class, at most 30 informative features); ``chunk_rows`` sets the block size,
    and the peak memory stays near the size of the output. The result equals
    ``make_classification``'s bit for bit, ``-0.0`` included.
    """
    n_classes, n_clusters_per_class, class_sep = 2, 2, 1.0
    if n_informative > 30:
        raise ValueError("the low-memory generator supports at most 30 informative features")
    rng = np.random.RandomState(random_state)
    weights_ = list(weights) + [1.0 - sum(weights)]
    n_random = n_features - n_informative - n_redundant
    n_clusters = n_classes * n_clusters_per_class
    cluster_sizes = [
        int(n_samples * weights_[k % n_classes] / n_clusters_per_class) for k in range(n_clusters)
    ]
    for i in range(n_samples - sum(cluster_sizes)):
        cluster_sizes[i % n_clusters] += 1
    cluster_bounds = np.concatenate([[0], np.cumsum(cluster_sizes)])

    # Pass 1: draw everything, skipping (but bookmarking) the two normal blocks.
    centroids = generate_hypercube(n_clusters, n_informative, rng).astype(float, copy=False)
    centroids *= 2 * class_sep
    centroids -= class_sep
    informative_state = rng.get_state()
    skip_normals(rng, n_samples * n_informative, chunk_rows * n_features)
    covariances = [
        2 * rng.uniform(size=(n_informative, n_informative)) - 1 for _ in range(n_clusters)
    ]
    mixing = 2 * rng.uniform(size=(n_informative, n_redundant)) - 1 if n_redundant > 0 else None
    random_columns_state = rng.get_state()
    skip_normals(rng, n_samples * n_random, chunk_rows * n_features)
    flip_mask = np.empty(n_samples, dtype=bool)
    for start in range(0, n_samples, chunk_rows):
        stop = min(start + chunk_rows, n_samples)
        flip_mask[start:stop] = rng.uniform(size=stop - start) < flip_y
    flipped_labels = rng.randint(n_classes, size=int(flip_mask.sum()))
    row_order = np.arange(n_samples)
    rng.shuffle(row_order)
    col_order = np.arange(n_features)
    rng.shuffle(col_order)
    out_rows = np.empty(n_samples, dtype=np.intp)
    out_rows[row_order] = np.arange(n_samples)
    del row_order

    # Pass 2: replay the normals block by block and scatter the finished rows.
    informative_rng = np.random.RandomState()
    informative_rng.set_state(informative_state)
    random_columns_rng = np.random.RandomState()
    random_columns_rng.set_state(random_columns_state)
    X = np.empty((n_samples, n_features), dtype=dtype)
    y = np.empty(n_samples, dtype=int)
    n_flipped = 0
    bounds = block_bounds(n_samples, cluster_bounds, chunk_rows)
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        block = np.zeros((stop - start, n_features))
        labels = np.zeros(stop - start, dtype=int)
        block[:, :n_informative] = informative_rng.standard_normal(
            size=(stop - start, n_informative)
        )
        for k in range(n_clusters):
            lo = max(cluster_bounds[k], start) - start
            hi = min(cluster_bounds[k + 1], stop) - start
            if lo >= hi:
                continue
            labels[lo:hi] = k % n_classes
            cluster = block[lo:hi, :n_informative]
            cluster[...] = np.dot(cluster, covariances[k])
            cluster += centroids[k]
        if mixing is not None:
            block[:, n_informative : n_informative + n_redundant] = np.dot(
                block[:, :n_informative], mixing
            )
        if n_random > 0:
            block[:, -n_random:] = random_columns_rng.standard_normal(size=(stop - start, n_random))
        mask = flip_mask[start:stop]
        count = int(mask.sum())
        labels[mask] = flipped_labels[n_flipped : n_flipped + count]
        n_flipped += count
        block += shift  # a no-op except that it turns -0.0 into 0.0, as in scikit-learn
        block *= scale
        X[out_rows[start:stop]] = block[:, col_order]
        y[out_rows[start:stop]] = labels
    return X, y


def block_bounds(n_samples: int, cluster_bounds: np.ndarray, chunk_rows: int) -> list[int]:
    """Row blocks of about ``chunk_rows`` rows for the low-memory generator.

    ``np.dot`` may round differently depending on how many rows it gets (BLAS
    uses matrix-vector code for one row and may use special kernels for small
    matrices). So every product is taken over at least ``chunk_rows // 2``
    rows, or over exactly the rows scikit-learn multiplies at once (a whole
    cluster, or all rows): a block boundary is dropped when it would leave a
    shorter piece of a block or of a cluster.
    """
    min_piece = max(2, chunk_rows // 2)
    kept = [0]
    for b in range(chunk_rows, n_samples, chunk_rows):
        k = int(np.searchsorted(cluster_bounds, b, side="right")) - 1  # cluster holding row b
        inside_cluster = cluster_bounds[k] < b
        if (
            b - kept[-1] >= min_piece
            and n_samples - b >= min_piece
            and (
                not inside_cluster
                or min(b - cluster_bounds[k], cluster_bounds[k + 1] - b) >= min_piece
            )
        ):
            kept.append(b)
    return [*kept, n_samples]
