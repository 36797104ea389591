"""fastsmote.dask's input checks, errors, API edges and docstring examples.

The identity tests against the single-machine samplers are in test_dask.py.
"""

from __future__ import annotations

import dask.array as da
import numpy as np
import pytest
from dask_support import as_dask, load

import fastsmote
import fastsmote.dask as fdask


# -- errors --------------------------------------------------------------------------------
def test_misaligned_y_chunks_raise(client):
    X, y = load("binary")
    dX = da.from_array(X, chunks=(100, -1))
    dy = da.from_array(y, chunks=120)
    with pytest.raises(ValueError, match="y's chunks do not line up with X's.*rechunk"):
        fdask.SMOTE(random_state=0).fit_resample(dX, dy)


@pytest.mark.parametrize("name", sorted(n for n in fdask.__all__ if n != "from_local"))
def test_inconsistent_lengths_raise_sklearns_error(client, name):
    X, y = load("binary")
    dX = da.from_array(X, chunks=(100, -1))
    dy = da.from_array(y[:-1], chunks=100)
    params = {"categorical_features": [0]} if name == "SMOTENC" else {}
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: \[300, 299\]"):
        getattr(fdask, name)(**params).fit_resample(dX, dy)


def test_numpy_input_raises(client):
    X, y = load("binary")
    with pytest.raises(TypeError, match="Dask array or Dask DataFrame"):
        fdask.SMOTE().fit_resample(X, y)


def test_unknown_column_count_raises(client):
    X, y = load("binary")
    dX = da.from_array(X, chunks=(100, -1))
    dX._chunks = (dX.chunks[0], (np.nan,))
    with pytest.raises(ValueError, match="unknown number of columns"):
        fdask.SMOTE().fit_resample(dX, da.from_array(y, chunks=100))


@pytest.mark.parametrize("name", ["SMOTEN", "SVMSMOTE", "KMeansSMOTE", "AllKNN"])
def test_sampler_without_dask_version(name):
    with pytest.raises(AttributeError, match=f"no Dask version of {name}"):
        getattr(fdask, name)
    sampler = getattr(fastsmote, name)(
        **({"categorical_features": [0]} if name == "SMOTENC" else {})
    )
    with pytest.raises(TypeError, match=f"no Dask version of {name}"):
        fdask.from_local(sampler)


def test_from_local_keeps_parameters():
    sampler = fdask.from_local(fastsmote.ADASYN(random_state=4, n_neighbors=3), chunk_size=9)
    assert isinstance(sampler, fdask.ADASYN)
    assert sampler.get_params()["n_neighbors"] == 3 and sampler.chunk_size == 9


def test_neighbours_object_needs_int_on_dask(client):
    from sklearn.neighbors import NearestNeighbors

    X, y = load("binary")
    with pytest.raises(TypeError, match="needs an int on Dask"):
        fdask.ADASYN(n_neighbors=NearestNeighbors(n_neighbors=6)).fit_resample(*as_dask(X, y, 100))


def test_importing_fastsmote_does_not_import_dask():
    import subprocess
    import sys

    code = "import sys, fastsmote; sys.exit('dask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize(
    "module",
    [
        "fastsmote.dask",
        "fastsmote.dask._base",
        "fastsmote.dask._cleaning_tasks",
        "fastsmote.dask._collections",
        "fastsmote.dask._graph",
        "fastsmote.dask._knn",
        "fastsmote.dask._plan",
        "fastsmote.dask.over_sampling",
        "fastsmote.dask.smotenc",
        "fastsmote.dask.under_sampling",
        "fastsmote.dask.combine",
        "fastsmote.dask.datasets",
    ],
)
@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")  # the module's own cluster
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(
        importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.failed == 0 and result.attempted > 0
