"""What the Dask test modules share: their data sets and Dask collections of them."""

from __future__ import annotations

import dask.array as da
import numpy as np
from sklearn.datasets import make_classification


def load(name: str, dtype=np.float64):
    if name == "binary":
        X, y = make_classification(
            n_samples=300, n_features=6, n_informative=4, weights=[0.8], random_state=0
        )
    elif name == "multiclass":
        X, y = make_classification(
            n_samples=300,
            n_features=6,
            n_informative=4,
            n_classes=3,
            n_clusters_per_class=1,
            weights=[0.6, 0.3],
            random_state=1,
        )
    else:  # many exact distance ties and duplicate rows
        rng = np.random.RandomState(0)
        X = rng.randint(0, 3, size=(240, 3)).astype(float)
        y = (rng.uniform(size=240) < 0.25).astype(np.int64)
    return X.astype(dtype), y


def as_dask(X, y, chunks):
    return da.from_array(X, chunks=(chunks, -1)), da.from_array(y, chunks=(chunks,))
