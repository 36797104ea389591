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
everything that follows, then replays them: the informative and redundant
columns of all rows with scikit-learn's own products (a BLAS may round a row
of a product by where it falls in it, so these are never taken in blocks), the
random columns block by block; each block's rows are written, cast, to their
shuffled positions in the output. W7 (:func:`fastsmote.datasets.make_workload`)
is generated this way; :mod:`fastsmote.dask.datasets` replays the model
(centroids, covariances, mixing) with :func:`generate_hypercube` and
:func:`skip_normals`.

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
    class, at most 30 informative features); ``chunk_rows`` sets the block size
    of the random columns. Peak memory is the output plus the informative and
    redundant columns in float64 (for W1 at 1,000,000 rows, float32: 80 MB
    each, against about 5 GB for ``make_classification``). The result equals
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

    # Pass 2: the informative and redundant columns of all rows at once, with
    # scikit-learn's own calls: a BLAS may round a row of ``np.dot`` by where
    # it falls in the product (OpenBLAS's Haswell kernel sums the last rows of
    # a product apart; its SkylakeX kernel takes products of up to about 2,500
    # x 20 x 20 on another code path), so a product taken block by block need
    # not equal scikit-learn's. These columns are the only float64 copy held.
    informative_rng = np.random.RandomState()
    informative_rng.set_state(informative_state)
    head = np.zeros((n_samples, n_informative + n_redundant))
    head[:, :n_informative] = informative_rng.standard_normal(size=(n_samples, n_informative))
    labels_all = np.zeros(n_samples, dtype=int)
    for k in range(n_clusters):
        start, stop = cluster_bounds[k], cluster_bounds[k + 1]
        labels_all[start:stop] = k % n_classes
        cluster = head[start:stop, :n_informative]
        cluster[...] = np.dot(cluster, covariances[k])
        cluster += centroids[k]
    if mixing is not None:
        head[:, n_informative:] = np.dot(head[:, :n_informative], mixing)
    labels_all[flip_mask] = flipped_labels

    # Pass 3: the random columns block by block, every row written, cast, to
    # its shuffled place.
    random_columns_rng = np.random.RandomState()
    random_columns_rng.set_state(random_columns_state)
    X = np.empty((n_samples, n_features), dtype=dtype)
    y = np.empty(n_samples, dtype=int)
    for start in range(0, n_samples, chunk_rows):
        stop = min(start + chunk_rows, n_samples)
        block = np.empty((stop - start, n_features))
        block[:, : n_informative + n_redundant] = head[start:stop]
        if n_random > 0:
            block[:, -n_random:] = random_columns_rng.standard_normal(size=(stop - start, n_random))
        block += shift  # a no-op except that it turns -0.0 into 0.0, as in scikit-learn
        block *= scale
        X[out_rows[start:stop]] = block[:, col_order]
        y[out_rows[start:stop]] = labels_all[start:stop]
    return X, y
