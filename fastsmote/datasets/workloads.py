"""Benchmark workloads W1 to W7: :data:`WORKLOADS` and :func:`make_workload`.

The workloads are the data sets every performance figure of fastsmote is
measured on. Every performance claim is a ratio against imbalanced-learn (same
machine, same run, same data, same ``random_state=0``), with the output check
beside it: identical for exact backends, agreement and downstream quality for
approximate ones. All come from :func:`sklearn.datasets.make_classification`
with fixed arguments (arguments not named keep their defaults), so anyone can
regenerate them bit for bit; :func:`make_workload` does that, optionally at a
smaller size.

``W1``, 1,000,000 x 20
    ``n_informative=10, n_redundant=0, weights=[0.95], flip_y=0.01, random_state=0``.
    SMOTE, BorderlineSMOTE, ADASYN, SVMSMOTE, KMeansSMOTE at scale.
``W2``, 1,000,000 x 8
    ``n_informative=6, n_redundant=2, weights=[0.9], random_state=0``.
    Low dimension: where a KD-tree should win.
``W3``, 100,000 x 20
    As W1. Cleaning: TomekLinks, ENN, RENN, AllKNN, SMOTEENN, SMOTETomek.
``W4``, 284,807 x 30
    ``n_informative=12, n_redundant=4, weights=[0.99827], flip_y=0.0005, random_state=0``.
    The credit-card-fraud shape (0.17 % positives): every sampler.
``W5``, 100,000 x 200
    ``n_informative=10, n_redundant=0, weights=[0.95], flip_y=0.01, random_state=0``.
    High dimension: brute force against NN-Descent.
``W6``, 1,000,000 x 15
    Continuous: ``make_classification(1_000_000, n_features=10, n_informative=6,
    n_redundant=2, weights=[0.95], random_state=0)``; then
    ``rng = np.random.RandomState(0)``, ``cats = (rng.randint(0, 50, size=(n, 5))
    + y[:, None] * rng.randint(0, 3, size=(n, 5))) % 50``, appended as columns
    10..14. SMOTENC (``categorical_features=[10..14]``); SMOTEN on the five
    categorical columns of the first 200,000 rows.
``W7``, 10,000,000 x 20, float32
    As W1 with ``n_samples=10_000_000``, cast to float32. Scale: SMOTE and the
    approximate path must finish within 24 GiB.

JIT compilation is reported separately: "warm" means fastsmote's kernels are
already compiled in the process, "cold" a fresh process with an empty Numba
cache. Absolute times on shared machines drift; ratios hold.

Examples
--------
>>> from fastsmote.datasets import DEFAULT_WORKLOAD, WORKLOADS, make_workload
>>> DEFAULT_WORKLOAD
'W4'
>>> WORKLOADS["W4"].shape
(284807, 30)
>>> X, y = make_workload("W4", n_samples=1_000)
>>> X.shape, X.dtype, y.dtype
((1000, 30), dtype('float64'), dtype('int64'))
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import DTypeLike
from sklearn.datasets import make_classification

from ._checks import check_dtype, check_n_samples
from .replay import make_classification_lowmem

__all__ = [
    "DEFAULT_WORKLOAD",
    "W6_CATEGORICAL_FEATURES",
    "WORKLOADS",
    "Workload",
    "make_workload",
]


@dataclass(frozen=True)
class Workload:
    """Definition of one benchmark workload.

    Parameters
    ----------
    name : str
        Identifier, ``"W1"`` to ``"W7"``.
    n_samples : int
        Number of rows at full size.
    n_features : int
        Number of columns of ``X`` (for W6 this includes the categorical columns).
    params : mapping
        Arguments of :func:`sklearn.datasets.make_classification` other than
        ``n_samples``.
    dtype : numpy dtype, default=np.float64
        dtype of ``X`` at full size.
    description : str, default=""
        What the workload is used for.
    categorical_features : tuple of int, default=()
        Indices of the categorical columns (W6 only).

    Examples
    --------
    >>> from fastsmote.datasets import WORKLOADS
    >>> spec = WORKLOADS["W6"]
    >>> spec.shape, spec.categorical_features
    ((1000000, 15), (10, 11, 12, 13, 14))
    """

    name: str
    n_samples: int
    n_features: int
    params: Mapping[str, Any]
    dtype: np.dtype = field(default=np.dtype(np.float64))
    description: str = ""
    categorical_features: tuple[int, ...] = ()

    @property
    def shape(self) -> tuple[int, int]:
        """Shape of ``X`` at full size."""
        return (self.n_samples, self.n_features)


def _params(**kwargs: Any) -> Mapping[str, Any]:
    # Weights are stored as a tuple (immutable) and handed to make_classification
    # as a fresh list: its list and array code paths are then the same as
    # the workload table's ``weights=[...]``.
    kwargs["weights"] = tuple(kwargs["weights"])
    return MappingProxyType(kwargs)


_W1_PARAMS = _params(
    n_features=20, n_informative=10, n_redundant=0, weights=[0.95], flip_y=0.01, random_state=0
)

#: Column indices of W6's categorical features (``SMOTENC(categorical_features=...)``).
W6_CATEGORICAL_FEATURES: tuple[int, ...] = (10, 11, 12, 13, 14)

#: The seven benchmark workloads, by name.
WORKLOADS: Mapping[str, Workload] = MappingProxyType(
    {
        "W1": Workload(
            "W1", 1_000_000, 20, _W1_PARAMS, description="SMOTE family at scale (5 % minority)"
        ),
        "W2": Workload(
            "W2",
            1_000_000,
            8,
            _params(n_features=8, n_informative=6, n_redundant=2, weights=[0.9], random_state=0),
            description="low dimension, where a KD-tree should win",
        ),
        "W3": Workload(
            "W3", 100_000, 20, _W1_PARAMS, description="cleaning samplers and SMOTE + cleaning"
        ),
        "W4": Workload(
            "W4",
            284_807,
            30,
            _params(
                n_features=30,
                n_informative=12,
                n_redundant=4,
                weights=[0.99827],
                flip_y=0.0005,
                random_state=0,
            ),
            description="the credit-card-fraud shape (0.17 % positives)",
        ),
        "W5": Workload(
            "W5",
            100_000,
            200,
            _params(
                n_features=200,
                n_informative=10,
                n_redundant=0,
                weights=[0.95],
                flip_y=0.01,
                random_state=0,
            ),
            description="high dimension: brute force against NN-Descent",
        ),
        "W6": Workload(
            "W6",
            1_000_000,
            15,
            _params(n_features=10, n_informative=6, n_redundant=2, weights=[0.95], random_state=0),
            description="10 continuous and 5 categorical columns (SMOTENC, SMOTEN)",
            categorical_features=W6_CATEGORICAL_FEATURES,
        ),
        "W7": Workload(
            "W7",
            10_000_000,
            20,
            _W1_PARAMS,
            dtype=np.dtype(np.float32),
            description="scale: W1's generator at 10 million rows, float32",
        ),
    }
)

#: The workload ``fastsmote compare`` (``make compare``) runs when given no data.
DEFAULT_WORKLOAD: str = "W4"


def make_workload(
    name: str, n_samples: int | None = None, dtype: DTypeLike | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Generate a benchmark workload.

    Parameters
    ----------
    name : {"W1", "W2", "W3", "W4", "W5", "W6", "W7"}
        The workload (case-insensitive); see :data:`WORKLOADS`.
    n_samples : int, default=None
        Number of rows. ``None`` gives the full size of the table in
        :mod:`fastsmote.datasets.workloads`. A smaller value runs the *same generator* with the
        smaller ``n_samples``: the class proportions and the distribution are
        the same, but the rows are not the first rows of the full-size data
        (``make_classification`` draws every feature for all rows at once).
    dtype : {np.float64, np.float32}, default=None
        dtype of ``X``. ``None`` gives the workload's own dtype: float32 for
        W7, float64 for the others. ``X`` is always generated in float64 and
        then cast, so float32 data are the float64 data rounded.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        C-contiguous features. For W6, columns 10 to 14 hold the categorical
        codes (integers 0 to 49, stored in ``X``'s float dtype).
    y : ndarray of shape (n_samples,), dtype int64
        Class labels, 0 (majority) and 1 (minority).

    Raises
    ------
    ValueError
        If ``name`` is not a workload, ``n_samples`` is not a positive integer,
        or ``dtype`` is neither float64 nor float32.

    Notes
    -----
    W1 to W5 are ``make_classification(n_samples, **WORKLOADS[name].params)``.
    W6 appends five categorical columns built from ``y``::

        rng = np.random.RandomState(0)
        cats = (rng.randint(0, 50, size=(n, 5))
                + y[:, None] * rng.randint(0, 3, size=(n, 5))) % 50

    W7 equals ``make_classification(10_000_000, **W1 params).astype(np.float32)``
    but is generated in blocks of rows, replaying the generator's random stream
    (:mod:`fastsmote.datasets.replay`),
    so its peak memory stays near the size of the output (about 1.3 GB instead
    of about 5 GB). Before using that path, the output is checked once per
    process against ``make_classification`` on a small size; if scikit-learn's
    generator ever changes, the plain (memory-hungry) path is used instead.

    Examples
    --------
    >>> from fastsmote.datasets import make_workload
    >>> X, y = make_workload("W1", n_samples=2_000)
    >>> X.shape, int(y.sum())
    ((2000, 20), 109)
    >>> X, y = make_workload("W6", n_samples=500)
    >>> X[:, 10:].min(), X[:, 10:].max()
    (np.float64(0.0), np.float64(49.0))
    >>> X, y = make_workload("W7", n_samples=1_000)
    >>> X.dtype
    dtype('float32')
    """
    spec = _get_workload(name)
    n_samples = spec.n_samples if n_samples is None else check_n_samples(n_samples)
    dtype = spec.dtype if dtype is None else check_dtype(dtype)
    params = {**spec.params, "weights": list(spec.params["weights"])}

    if spec.name == "W7":
        if _lowmem_generator_matches_sklearn():
            return make_classification_lowmem(n_samples, dtype=dtype, **params)
        X, y = make_classification(n_samples, **params)
        return np.ascontiguousarray(X, dtype=dtype), y

    X, y = make_classification(n_samples, **params)
    if spec.categorical_features:
        X = np.hstack([X, _w6_categories(y)])
    return np.ascontiguousarray(X, dtype=dtype), y


def _get_workload(name: str) -> Workload:
    key = name.upper() if isinstance(name, str) else name
    if key not in WORKLOADS:
        raise ValueError(f"unknown workload {name!r}; choose one of {', '.join(WORKLOADS)}")
    return WORKLOADS[key]


def _w6_categories(y: np.ndarray) -> np.ndarray:
    """W6's five categorical columns, exactly as the workload table defines them."""
    n = y.shape[0]
    rng = np.random.RandomState(0)
    return (rng.randint(0, 50, size=(n, 5)) + y[:, None] * rng.randint(0, 3, size=(n, 5))) % 50


@lru_cache(maxsize=1)
def _lowmem_generator_matches_sklearn() -> bool:
    """Whether the low-memory generator reproduces this scikit-learn's output."""
    params = {**_W1_PARAMS, "weights": list(_W1_PARAMS["weights"])}
    expected_X, expected_y = make_classification(60_001, **params)
    X, y = make_classification_lowmem(60_001, dtype=np.float64, chunk_rows=25_000, **params)
    if np.array_equal(X, expected_X) and np.array_equal(y, expected_y):
        return True
    warnings.warn(
        "make_classification no longer matches fastsmote's low-memory replay; "
        "W7 is generated with make_classification directly (about 5 GB peak memory)",
        RuntimeWarning,
        stacklevel=3,
    )
    return False
