"""What the tests of RandomUnderSampler, ClusterCentroids and
InstanceHardnessThreshold share: the classes of both libraries, data, and
running both with the same parameters."""

from __future__ import annotations

import copy
import warnings

import imblearn.under_sampling as imb
import numpy as np
from parity_support import assert_same_output
from sklearn.datasets import make_classification
from sklearn.tree import DecisionTreeClassifier

from fastsmote.under_sampling.cluster_centroids import ClusterCentroids
from fastsmote.under_sampling.instance_hardness import InstanceHardnessThreshold
from fastsmote.under_sampling.random_under_sampler import RandomUnderSampler

CLASSES = {
    "RandomUnderSampler": (imb.RandomUnderSampler, RandomUnderSampler),
    "ClusterCentroids": (imb.ClusterCentroids, ClusterCentroids),
    "InstanceHardnessThreshold": (imb.InstanceHardnessThreshold, InstanceHardnessThreshold),
}
#: A quick classifier for InstanceHardnessThreshold (the default forest is slow).
TREE = DecisionTreeClassifier(max_depth=4)


def data(seed=0, n=240, n_classes=2, n_features=5, dtype=np.float64):
    weights = [0.7, 0.3] if n_classes == 2 else [0.5, 0.3, 0.2]
    X, y = make_classification(
        n_samples=n,
        n_features=n_features,
        n_informative=min(3, n_features),
        n_redundant=1 if n_features > 3 else 0,
        n_classes=n_classes,
        weights=weights,
        random_state=seed,
    )
    return X.astype(dtype), y


def outcome(sampler, X, y):
    """``("ok", output, warnings)`` or ``("error", class, message, warnings)``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ("ok", sampler.fit_resample(X, y))
        except Exception as exc:  # noqa: BLE001 - compared with imbalanced-learn's
            result = ("error", type(exc), str(exc))
    return (*result, sorted({(w.category.__name__, str(w.message)) for w in caught}))


def run_pair(name, X, y, **params):
    """Fit both libraries' ``name`` with ``params``; check that the outputs,
    errors and warnings agree, and return both samplers and the output."""
    reference, ours = CLASSES[name]
    ref = reference(**copy.deepcopy(params))
    fast = ours(**copy.deepcopy(params))
    expected = outcome(ref, X, y)
    result = outcome(fast, X, y)
    assert result[0] == expected[0], (expected, result)
    assert result[-1] == expected[-1]
    if expected[0] == "error":
        assert result[1:3] == expected[1:3]
        return ref, fast, None
    assert_same_output(expected[1], result[1])
    if hasattr(ref, "sample_indices_"):
        assert fast.sample_indices_.dtype == ref.sample_indices_.dtype
        assert np.array_equal(fast.sample_indices_, ref.sample_indices_)
    assert fast.sampling_strategy_ == ref.sampling_strategy_
    assert fast.n_features_in_ == ref.n_features_in_
    return ref, fast, result[1]


def minority_callable(y):
    labels, counts = np.unique(y, return_counts=True)
    return {label: int(count) // 2 for label, count in zip(labels, counts, strict=True)}


STRATEGIES = [
    "auto",
    "all",
    "majority",
    "not majority",
    0.6,
    {0: 40, 1: 30},
    minority_callable,
]
