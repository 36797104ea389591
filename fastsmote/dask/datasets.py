"""Benchmark workloads as Dask arrays, generated chunk by chunk on the workers.

``make_classification`` draws every row of a workload from one generator and
then shuffles all rows, so its exact rows cannot be produced one chunk at a
time without holding all of them. :func:`make_workload_dask` keeps its model
instead: the same cluster centroids, covariance matrices and redundant-column
mixing as ``make_classification(n_samples, **WORKLOADS[name].params)``
(replayed on the client from ``random_state``, a few kilobytes), with each
chunk drawing its rows i.i.d. from that mixture from its own stream
(``RandomState([random_state, chunk])``). The classes have the workload's
weights and label-flip rate; the rows are not those of
:func:`fastsmote.datasets.make_workload`, and features are not permuted.
Nothing of the data passes through the client.
"""

from __future__ import annotations

import dask
import dask.array as da
import numpy as np

from ..datasets import WORKLOADS
from ..datasets.replay import generate_hypercube, skip_normals

#: Normals skipped per call while replaying the generator on the client.
_SKIP_CHUNK = 1 << 20


def workload_model(name: str, n_samples: int) -> dict:
    """Centroids, covariances and mixing of workload ``name`` at ``n_samples`` rows.

    Draws them from ``RandomState(random_state)`` in ``make_classification``'s
    order, skipping (without storing) the informative normals of all rows.

    Examples
    --------
    >>> model = workload_model("W1", 1000)
    >>> model["centroids"].shape, len(model["covariances"])
    ((4, 10), 4)
    """
    params = WORKLOADS[name.upper()].params
    if params.get("n_classes", 2) != 2 or params.get("n_clusters_per_class", 2) != 2:
        raise ValueError(f"{name} is not a two-class, two-cluster workload")
    n_informative = params["n_informative"]
    n_redundant = params.get("n_redundant", 0)
    rng = np.random.RandomState(params["random_state"])
    centroids = generate_hypercube(4, n_informative, rng).astype(float)
    centroids *= 2.0
    centroids -= 1.0
    skip_normals(rng, n_samples * n_informative, _SKIP_CHUNK)
    covariances = [2 * rng.uniform(size=(n_informative, n_informative)) - 1 for _ in range(4)]
    mixing = 2 * rng.uniform(size=(n_informative, n_redundant)) - 1 if n_redundant else None
    return {
        "n_features": params["n_features"],
        "n_informative": n_informative,
        "n_redundant": n_redundant,
        "minority_weight": 1.0 - params["weights"][0],
        "flip_y": params.get("flip_y", 0.01),
        "centroids": centroids,
        "covariances": np.stack(covariances),
        "mixing": mixing,
        "random_state": params["random_state"],
    }


def make_chunk(model: dict, chunk: int, n_rows: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    """Rows of one chunk, drawn from the workload's mixture with the chunk's own stream."""
    rng = np.random.RandomState([model["random_state"], chunk])
    n_inf, n_red = model["n_informative"], model["n_redundant"]
    labels = (rng.uniform(size=n_rows) < model["minority_weight"]).astype(np.int64)
    cluster = labels + 2 * rng.randint(2, size=n_rows)
    X = np.empty((n_rows, model["n_features"]), dtype=np.float64)
    informative = rng.standard_normal(size=(n_rows, n_inf))
    for k in range(4):
        rows = cluster == k
        informative[rows] = informative[rows] @ model["covariances"][k] + model["centroids"][k]
    X[:, :n_inf] = informative
    if n_red:
        X[:, n_inf : n_inf + n_red] = informative @ model["mixing"]
    n_random = model["n_features"] - n_inf - n_red
    X[:, n_inf + n_red :] = rng.standard_normal(size=(n_rows, n_random))
    flip = rng.uniform(size=n_rows) < model["flip_y"]
    labels[flip] = rng.randint(2, size=int(flip.sum()))
    return np.ascontiguousarray(X, dtype=dtype), labels


def make_workload_dask(
    name: str, n_samples: int, chunk_rows: int, dtype=np.float64
) -> tuple[da.Array, da.Array]:
    """``(X, y)`` of workload ``name``'s model as Dask arrays of ``chunk_rows``-row chunks.

    Parameters
    ----------
    name : str
        A two-class workload of :data:`fastsmote.datasets.WORKLOADS` (W1 to W5, W7).
    n_samples : int
        Rows in total.
    chunk_rows : int
        Rows per chunk; each chunk is one task.
    dtype : {np.float64, np.float32}, default=np.float64

    Returns
    -------
    X : dask.array.Array of shape (n_samples, n_features)
    y : dask.array.Array of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = make_workload_dask("W1", 1_000, 300)
    >>> X.chunks[0], X.shape
    ((300, 300, 300, 100), (1000, 20))
    >>> X_np, y_np = dask.compute(X, y, scheduler="sync")
    >>> bool(0 < y_np.mean() < 0.2)
    True
    """
    model = workload_model(name, n_samples)
    model_ref = dask.delayed(model, traverse=False)
    make = dask.delayed(make_chunk, pure=True, nout=2)
    X_parts, y_parts = [], []
    for chunk, start in enumerate(range(0, n_samples, chunk_rows)):
        n = min(chunk_rows, n_samples - start)
        X_c, y_c = make(model_ref, chunk, n, np.dtype(dtype))
        X_parts.append(da.from_delayed(X_c, shape=(n, model["n_features"]), dtype=dtype))
        y_parts.append(da.from_delayed(y_c, shape=(n,), dtype=np.int64))
    return da.concatenate(X_parts), da.concatenate(y_parts)
