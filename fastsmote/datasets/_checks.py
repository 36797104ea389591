"""Argument checks shared by the data generators and readers of this package."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import DTypeLike


def check_n_samples(n_samples: Any) -> int:
    """``n_samples`` as an int; ValueError unless it is a positive integer."""
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer):
        raise ValueError(f"n_samples must be a positive integer or None, got {n_samples!r}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer or None, got {n_samples}")
    return int(n_samples)


def check_dtype(dtype: DTypeLike) -> np.dtype:
    """``dtype`` as a numpy dtype; ValueError unless it is float64 or float32."""
    try:
        dtype = np.dtype(dtype)
    except TypeError as exc:
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dtype!r}") from exc
    if dtype not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dtype}")
    return dtype
