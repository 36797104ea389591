"""What parity tests share: running both libraries and comparing outputs exactly."""

from __future__ import annotations

import copy
import warnings

import numpy as np
import pandas as pd
from scipy import sparse

from fastsmote._registry import CLASSES


def assert_same_output(expected, result):
    """Same container, dtypes and values (NaN matching NaN) for ``X`` and ``y``."""
    for ref, res in zip(expected, result, strict=True):
        assert type(res) is type(ref)
        if sparse.issparse(ref):
            assert res.format == ref.format and res.dtype == ref.dtype
            ref, res = ref.toarray(), res.toarray()
        if isinstance(ref, pd.DataFrame | pd.Series):
            if isinstance(ref, pd.DataFrame):
                pd.testing.assert_frame_equal(res, ref, check_exact=True)
            else:
                pd.testing.assert_series_equal(res, ref, check_exact=True)
            continue
        ref, res = np.asarray(ref), np.asarray(res)
        assert res.dtype == ref.dtype
        if ref.dtype == object:
            assert pd.DataFrame(res).equals(pd.DataFrame(ref))
        else:
            assert np.array_equal(res, ref, equal_nan=ref.dtype.kind in "fc")


def run_both(name, X, y, fast_kwargs=None, **kwargs):
    """``fit_resample`` of imbalanced-learn's and fastsmote's sampler class
    ``name`` with ``kwargs`` (fastsmote's also with ``fast_kwargs``); returns
    both outputs and both fitted samplers (warnings silenced)."""
    spec = CLASSES[name]
    # Each gets its own copy of a RandomState (and of any other object).
    ref = spec.reference_class(**copy.deepcopy(kwargs))
    fast = spec.fastsmote_class(**copy.deepcopy(kwargs), **(fast_kwargs or {}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = ref.fit_resample(X, y)
        result = fast.fit_resample(X, y)
    return expected, result, ref, fast


def mixed_array(seed=0, n=300, n_cont=4, n_values=(3, 5, 4), n_classes=2, dtype=np.float64):
    """Continuous normal features, then integer category codes stored as floats."""
    rng = np.random.RandomState(seed)
    weights = [0.75, 0.25] if n_classes == 2 else [0.55, 0.3, 0.15]
    y = rng.choice(n_classes, size=n, p=weights)
    cont = rng.normal(size=(n, n_cont)) * rng.uniform(0.5, 3, size=n_cont)
    cats = np.column_stack([rng.randint(0, v, size=n) for v in n_values])
    X = np.hstack([cont, cats]).astype(dtype)
    return X, y, list(range(n_cont, n_cont + len(n_values)))


def mixed_frame(seed=0, n=300, nan=False):
    """A DataFrame with float, pandas-categorical (strings) and object columns."""
    X, y, _ = mixed_array(seed, n=n)
    rng = np.random.RandomState(seed + 100)
    frame = pd.DataFrame(X[:, :4], columns=["a", "b", "c", "d"])
    frame.insert(1, "colour", pd.Categorical(rng.choice(["red", "green", "blue"], size=n)))
    frame["size"] = pd.Categorical(X[:, 5])
    shape = rng.choice(["round", "square", "flat"], size=n).astype(object)
    if nan:
        shape[rng.rand(n) < 0.15] = np.nan
    frame["shape"] = shape
    return frame, pd.Series(y, name="target")
