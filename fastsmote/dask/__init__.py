"""fastsmote on Dask distributed: the same samplers, the same output, data across workers.

``import fastsmote.dask`` needs ``pip install 'fastsmote[dask]'`` (Dask
DataFrame input also needs ``dask[dataframe]``, i.e. pyarrow); ``import
fastsmote`` never imports Dask.

Every sampler takes the parameters of its single-machine namesake plus
``client`` (default: the running client) and ``chunk_size``;
``fit_resample`` takes Dask arrays or Dask DataFrames (with a Series or array
``y`` chunked like ``X``) and returns lazy collections of the same type. With
an exact neighbour backend the output (rows, order, dtypes,
``sample_indices_``) equals the single-machine sampler's, hence
imbalanced-learn's, for any chunking and any number of workers.
``to_local()`` returns the fitted single-machine sampler.

Examples
--------
>>> import dask.array as da
>>> from distributed import Client, LocalCluster
>>> from sklearn.datasets import make_classification
>>> import fastsmote
>>> import fastsmote.dask
>>> X, y = make_classification(n_samples=600, weights=[0.9], random_state=0)
>>> cluster = LocalCluster(n_workers=2, processes=False, dashboard_address=None)
>>> with cluster, Client(cluster):
...     dX, dy = da.from_array(X, chunks=150), da.from_array(y, chunks=150)
...     X_res, y_res = fastsmote.dask.SMOTETomek(random_state=0).fit_resample(dX, dy)
...     X_res = X_res.compute()
>>> X_one, _ = fastsmote.SMOTETomek(random_state=0).fit_resample(X, y)
>>> bool((X_res == X_one).all())
True
"""

from __future__ import annotations

from .combine import SMOTEENN, SMOTETomek
from .over_sampling import ADASYN, SMOTE, BorderlineSMOTE
from .smotenc import SMOTENC
from .under_sampling import EditedNearestNeighbours, TomekLinks

__all__ = [
    "ADASYN",
    "SMOTE",
    "SMOTEENN",
    "SMOTENC",
    "BorderlineSMOTE",
    "EditedNearestNeighbours",
    "SMOTETomek",
    "TomekLinks",
    "from_local",
]

#: Single-machine samplers that have no Dask version (yet).
WITHOUT_DASK_VERSION = (
    "SMOTEN",
    "SVMSMOTE",
    "KMeansSMOTE",
    "RandomOverSampler",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
)


def _no_dask_version(name: str) -> str:
    return (
        f"fastsmote.dask has no Dask version of {name}; the Dask samplers are "
        f"{', '.join(sorted(n for n in __all__ if n != 'from_local'))}. Use "
        f"fastsmote.{name} on data that fits one machine (e.g. X.compute())."
    )


def __getattr__(name: str):
    if name in WITHOUT_DASK_VERSION:
        raise AttributeError(_no_dask_version(name))
    raise AttributeError(f"module 'fastsmote.dask' has no attribute {name!r}")


def from_local(sampler, *, client=None, chunk_size: int | None = None):
    """The Dask version of a single-machine fastsmote sampler, with its parameters.

    Parameters
    ----------
    sampler : fastsmote sampler
        E.g. ``fastsmote.SMOTE(random_state=0)``.
    client : distributed.Client, default=None
    chunk_size : int, default=None

    Returns
    -------
    dask_sampler : fastsmote.dask sampler

    Raises
    ------
    TypeError
        When the sampler has no Dask version.

    Examples
    --------
    >>> import fastsmote
    >>> from_local(fastsmote.SMOTE(random_state=0))
    SMOTE(random_state=0)
    """
    name = type(sampler).__name__
    module = type(sampler).__module__
    dask_class = globals().get(name) if name in __all__ else None
    if dask_class is None or not module.startswith("fastsmote.") or module.startswith(__name__):
        if module.startswith(__name__):
            return sampler
        raise TypeError(
            _no_dask_version(name)
            if name in WITHOUT_DASK_VERSION
            else (
                f"{module}.{name} has no Dask version: fastsmote.dask converts fastsmote's own "
                f"samplers ({', '.join(sorted(n for n in __all__ if n != 'from_local'))})."
            )
        )
    return dask_class(**sampler.get_params(deep=False), client=client, chunk_size=chunk_size)
