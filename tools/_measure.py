"""Helpers shared by the measuring scripts of tools/: samplers, timing, load, identity.

Both libraries run in the same process, on the same data, with the same
``random_state``; times are wall-clock (``time.perf_counter``) and the machine's
load average is recorded beside them, since the figures are only comparable
under similar load.
"""

from __future__ import annotations

import importlib
import inspect
import math
import os
import platform
import resource
import sys
import time

import numpy as np


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages (``os.getloadavg``), rounded."""
    return [round(value, 2) for value in os.getloadavg()]


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def machine() -> dict:
    """CPU count and the versions that decide the figures."""
    import imblearn
    import numba
    import sklearn

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "numba": numba.__version__,
        "scikit-learn": sklearn.__version__,
        "imbalanced-learn": imblearn.__version__,
    }


def make_sampler(name: str, library: str, **params):
    """Sampler ``name`` of ``fastsmote.compare.SAMPLERS`` from ``library`` ("fastsmote" or
    "imblearn"), with its defaults, ``random_state=0`` where it takes one, and ``params``."""
    from fastsmote.compare import SAMPLERS

    attr, ref_path, kwargs = SAMPLERS[name]
    if library == "fastsmote":
        import fastsmote

        cls = getattr(fastsmote, attr)
    elif library == "imblearn":
        module, _, cls_name = ref_path.rpartition(".")
        cls = getattr(importlib.import_module(module), cls_name)
    else:
        raise ValueError(f"unknown library {library!r}")
    if "random_state" in inspect.signature(cls).parameters:
        kwargs = {**kwargs, "random_state": 0}
    return cls(**{**kwargs, **params})


def run(sampler, X, y):
    """``(seconds, output)`` of ``sampler.fit_resample(X, y)``; ``output`` is the exception
    if it raised."""
    start = time.perf_counter()
    try:
        output = sampler.fit_resample(X, y)
    except Exception as exc:  # noqa: BLE001 - an error is a result to compare
        output = exc
    return time.perf_counter() - start, output


def identical(new, ref, new_sampler=None, ref_sampler=None) -> bool:
    """Whether two ``fit_resample`` outputs are identical: ``X`` and ``y`` values, order and
    dtypes, and ``sample_indices_`` where both samplers have it. Two exceptions of the
    same class count as identical (the same error)."""
    if isinstance(new, Exception) or isinstance(ref, Exception):
        return type(new) is type(ref)
    (X_new, y_new), (X_ref, y_ref) = new, ref
    same = (
        X_new.dtype == X_ref.dtype
        and y_new.dtype == y_ref.dtype
        and np.array_equal(X_new, X_ref)
        and np.array_equal(y_new, y_ref)
    )
    new_idx = getattr(new_sampler, "sample_indices_", None)
    ref_idx = getattr(ref_sampler, "sample_indices_", None)
    if new_idx is not None and ref_idx is not None:
        same = same and np.array_equal(new_idx, ref_idx)
    return bool(same)


def geometric_mean(values) -> float:
    """Geometric mean of positive ``values`` (NaN if there are none)."""
    values = [v for v in values if v and v > 0]
    if not values:
        return math.nan
    return math.exp(sum(math.log(v) for v in values) / len(values))
