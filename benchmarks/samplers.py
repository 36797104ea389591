"""Samplers of both libraries, the identity of their outputs, and warm-up before timing.

Shared by the asv benchmarks and the tools: every comparison builds its
samplers from one registry (``fastsmote._registry.SAMPLERS``: name, class,
defaults), with ``random_state=0`` where the class takes one, and judges
outputs by one rule (:func:`identical`).
"""

from __future__ import annotations

import importlib
import inspect

import numpy as np

from .common import small_sample


def make_sampler(name: str, library: str, **params):
    """Sampler ``name`` of ``fastsmote._registry.SAMPLERS`` from ``library``.

    Parameters
    ----------
    name : str
        A key of the registry (``"SMOTE"``, ``"BorderlineSMOTE-1"``, ``"TomekLinks"``, ...).
    library : {"fastsmote", "imblearn"}
        Which implementation.
    **params
        Constructor parameters on top of the registry's (e.g. ``nn_backend``).

    Returns
    -------
    sampler
        Unfitted, with ``random_state=0`` where the class takes one.

    Examples
    --------
    >>> make_sampler("BorderlineSMOTE-2", "imblearn").kind
    'borderline-2'
    """
    return build_sampler(*sampler_spec(name, library, **params))


def sampler_spec(name: str, library: str, **params) -> tuple[str, dict]:
    """Where sampler ``name`` of ``library`` lives, and its constructor parameters.

    A child process that measures one library's memory builds its sampler from
    this spec with :func:`build_sampler`, so that it never imports the other
    library (fastsmote's modules alone hold about 60 MB).

    Parameters
    ----------
    name, library, **params
        As for :func:`make_sampler`.

    Returns
    -------
    class_path : str
        E.g. ``"imblearn.over_sampling.SMOTE"`` or ``"fastsmote.SMOTE"``.
    params : dict
        The registry's parameters for ``name`` with ``params`` on top.

    Examples
    --------
    >>> sampler_spec("BorderlineSMOTE-1", "imblearn")
    ('imblearn.over_sampling.BorderlineSMOTE', {'kind': 'borderline-1'})
    """
    from fastsmote._registry import SAMPLERS

    spec = SAMPLERS[name]
    paths = {"fastsmote": f"fastsmote.{spec.class_name}", "imblearn": spec.reference_path}
    if library not in paths:
        raise ValueError(f"unknown library {library!r}")
    return paths[library], {**spec.params, **params}


def build_sampler(class_path: str, params: dict):
    """The sampler class at ``class_path`` built with ``params``, and with
    ``random_state=0`` where the class takes one (unless ``params`` set it)."""
    module, _, class_name = class_path.rpartition(".")
    cls = getattr(importlib.import_module(module), class_name)
    if "random_state" in inspect.signature(cls).parameters:
        params = {"random_state": 0, **params}
    return cls(**params)


def identical(new, ref, new_sampler=None, ref_sampler=None) -> bool:
    """Whether two ``fit_resample`` outputs are identical.

    Parameters
    ----------
    new, ref : tuple (X, y) or Exception
        The outputs; ``X`` dense or SciPy sparse. Two exceptions of the same
        class count as identical (the same error).
    new_sampler, ref_sampler : sampler, default=None
        The fitted samplers: their ``sample_indices_`` are compared where both
        have them.

    Returns
    -------
    bool
        ``X`` and ``y`` equal in values, order, dtypes and shape (and, for
        sparse ``X``, format), and ``sample_indices_`` equal.
    """
    from scipy import sparse

    if isinstance(new, Exception) or isinstance(ref, Exception):
        return type(new) is type(ref)
    (X_new, y_new), (X_ref, y_ref) = new, ref
    same = (
        X_new.dtype == X_ref.dtype
        and y_new.dtype == y_ref.dtype
        and X_new.shape == X_ref.shape
        and np.array_equal(y_new, y_ref)
    )
    if sparse.issparse(X_new) or sparse.issparse(X_ref):
        same = (
            same
            and sparse.issparse(X_new)
            and sparse.issparse(X_ref)
            and X_new.format == X_ref.format
            and (X_new != X_ref).nnz == 0
        )
    else:
        same = same and np.array_equal(X_new, X_ref)
    new_idx = getattr(new_sampler, "sample_indices_", None)
    ref_idx = getattr(ref_sampler, "sample_indices_", None)
    if new_idx is not None and ref_idx is not None:
        same = same and np.array_equal(new_idx, ref_idx)
    return bool(same)


#: What :func:`warm_up_fastsmote` has compiled in this process.
_WARM: set[bool] = set()


def warm_up_fastsmote(nndescent: bool = False) -> None:
    """Compile (or load from Numba's cache) all of fastsmote's kernels, once per process.

    Parameters
    ----------
    nndescent : bool, default=False
        Also compile pynndescent's index build (``fastsmote.warmup(nndescent=True)``).
    """
    if nndescent in _WARM:
        return
    import fastsmote

    fastsmote.warmup(nndescent=nndescent)
    # warmup(nndescent=True) includes everything warmup() compiles.
    _WARM.update({False, nndescent})


def warm_up(name: str, X, y, nn_backend: str = "auto", n_per_class: int = 300) -> None:
    """Compile what fastsmote's sampler ``name`` runs on data like ``(X, y)``.

    :func:`warm_up_fastsmote`, then one ``fit_resample`` on
    :func:`small_sample` of ``(X, y)``, so that the kernels of this dtype and
    layout are loaded too.

    Parameters
    ----------
    name : str
        A key of ``fastsmote._registry.SAMPLERS``.
    X, y : array-like
        The data the timed run will use.
    nn_backend : str, default="auto"
        For ``"nndescent"`` the call forces the approximate search
        (``exact_max_samples=0``): on a small sample the adapter would search
        exactly and leave pynndescent's kernels uncompiled.
    n_per_class : int, default=300
        Rows of each class in the sample.
    """
    backend = nn_backend
    if nn_backend == "nndescent":
        from fastsmote.neighbors import NNDescentNeighbors

        backend = NNDescentNeighbors(random_state=0, exact_max_samples=0)
    warm_up_fastsmote(nndescent=nn_backend == "nndescent")
    make_sampler(name, "fastsmote", nn_backend=backend).fit_resample(
        *small_sample(X, y, n_per_class)
    )
