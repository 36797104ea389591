"""Invariants of fastsmote.SMOTE on arbitrary small data (hypothesis).

Whatever the data (duplicates, ties, one feature, integers, float32):
originals come back unchanged and first, class counts follow
``sampling_strategy_``, every synthetic row lies on a segment between two
samples of its class, dtypes are kept, and the output is exactly the naive
oracle's (and imbalanced-learn's under contract A).
"""

from __future__ import annotations

import os
from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from imblearn.over_sampling import SMOTE as ImbSMOTE
from naive import naive_smote
from sklearn.base import clone
from sklearn.neighbors import NearestNeighbors

import fastsmote
from fastsmote import SMOTE

#: FASTSMOTE_HYPOTHESIS_EXAMPLES=500 for a longer bug hunt.
SETTINGS = settings(
    max_examples=int(os.environ.get("FASTSMOTE_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

DTYPES = [np.float64, np.float32, np.int64]


@st.composite
def problems(draw):
    """``(X, y, k, sampling_strategy, seed)``: 2 or 3 classes of 2..20 rows."""
    dtype = draw(st.sampled_from(DTYPES))
    n_classes = draw(st.integers(2, 3))
    sizes = draw(st.lists(st.integers(2, 20), min_size=n_classes, max_size=n_classes))
    n_features = draw(st.integers(1, 4))
    n = sum(sizes)
    if dtype == np.int64:
        # A small range: ties and duplicates on purpose.
        elements = st.integers(-20, 20)
    else:
        width = 32 if dtype == np.float32 else 64
        # Few distinct magnitudes make hypothesis produce duplicates and ties;
        # bounded so that squared distances stay finite.
        elements = st.one_of(
            st.floats(-1e6, 1e6, width=width, allow_nan=False, allow_subnormal=False),
            st.sampled_from([0.0, 1.0, -1.0, 0.5]),
            st.floats(-(2.0**50), 2.0**50, width=width, allow_nan=False),
        )
    X = draw(hnp.arrays(dtype, (n, n_features), elements=elements))
    y = np.repeat(np.arange(n_classes), sizes)
    order = draw(st.permutations(range(n)))
    y = y[np.array(order)]
    k = draw(st.integers(1, min(5, min(sizes) - 1)))
    counts = np.bincount(y)
    strategy = draw(
        st.one_of(
            st.sampled_from(["auto", "all", "not majority", "minority", "not minority"]),
            st.builds(
                lambda extra: {c: int(counts[c]) + e for c, e in enumerate(extra)},
                st.lists(st.integers(0, 25), min_size=n_classes, max_size=n_classes),
            ),
        )
    )
    seed = draw(st.integers(0, 2**32 - 1))
    return X, y, k, strategy, seed


def _on_a_segment(s, members, atol):
    """Whether ``s`` is within ``atol * sqrt(n_features)`` (Euclidean) of a segment
    between two ``members``: a per-coordinate error of at most ``atol`` (rounding,
    or truncation of integers) at the drawn step moves a point that far at most."""
    a = members[:, None, :]
    b = members[None, :, :]
    ab = b - a
    length2 = np.einsum("ijk,ijk->ij", ab, ab)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.einsum("ijk,ijk->ij", s - a, ab) / length2
    t = np.where(length2 > 0, np.clip(t, 0.0, 1.0), 0.0)
    closest = a + t[..., None] * ab
    distance = np.sqrt(np.einsum("ijk,ijk->ij", closest - s, closest - s))
    return bool(np.any(distance <= atol * np.sqrt(members.shape[1])))


@SETTINGS
@given(problems())
def test_invariants(problem):
    X, y, k, strategy, seed = problem
    sampler = SMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=seed)
    X_res, y_res = sampler.fit_resample(X, y)
    n = X.shape[0]

    # dtypes and shapes
    assert X_res.dtype == X.dtype and y_res.dtype == y.dtype
    assert X_res.shape[1] == X.shape[1] and X_res.shape[0] == y_res.shape[0]

    # originals unchanged and first
    assert np.array_equal(X_res[:n], X)
    assert np.array_equal(y_res[:n], y)

    # counts: exactly what sampling_strategy_ asks, class by class, in its order
    wanted = {c: m for c, m in sampler.sampling_strategy_.items() if m > 0}
    assert Counter(y_res[n:].tolist()) == wanted
    expected_labels = np.concatenate([np.full(m, c) for c, m in wanted.items()] or [[]])
    assert np.array_equal(y_res[n:], expected_labels)

    # on a segment between two samples of the class (geometric check, with the
    # rounding of the cast back to the input dtype as tolerance)
    X64 = X.astype(np.float64)
    for row, label in zip(X_res[n:].astype(np.float64), y_res[n:], strict=True):
        members = X64[y == label]
        scale = np.max(np.abs(members)) if members.size else 0.0
        if X.dtype == np.int64:
            atol = 1.0  # truncation toward zero
        else:
            atol = 4 * np.finfo(X.dtype).eps * max(scale, 1.0)
        assert _on_a_segment(row, members, atol)
        # inside the class's bounding box (the rounding excepted)
        lo, hi = members.min(axis=0), members.max(axis=0)
        assert np.all(row >= lo - atol) and np.all(row <= hi + atol)

    # under the by-index neighbour order, exactly the naive oracle's rows (the
    # draws replayed); under the default, imbalanced-learn's
    with fastsmote.config_context(neighbor_order="index"):
        X_idx, y_idx = clone(sampler).fit_resample(X, y)
    expected = naive_smote(X, y, sampler.sampling_strategy_, k, seed)
    assert np.array_equal(X_idx, expected[0])
    assert np.array_equal(y_idx, expected[1])
    theirs = ImbSMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=seed)
    X_imb, y_imb = theirs.fit_resample(X, y)
    assert np.array_equal(X_res, X_imb) and X_res.dtype == X_imb.dtype
    assert np.array_equal(y_res, y_imb)


@SETTINGS
@given(problems())
def test_contract_a_on_any_data(problem):
    """With scikit-learn's NearestNeighbors, imbalanced-learn's output exactly,
    duplicates and ties included."""
    X, y, k, strategy, seed = problem
    nn = NearestNeighbors(n_neighbors=k + 1)
    ours = SMOTE(k_neighbors=nn, sampling_strategy=strategy, random_state=seed)
    theirs = ImbSMOTE(k_neighbors=nn, sampling_strategy=strategy, random_state=seed)
    X_ours, y_ours = ours.fit_resample(X, y)
    X_theirs, y_theirs = theirs.fit_resample(X, y)
    assert X_ours.dtype == X_theirs.dtype
    assert np.array_equal(X_ours, X_theirs)
    assert np.array_equal(y_ours, y_theirs)


@SETTINGS
@given(problems(), st.sampled_from([1, 2, None]))
def test_deterministic(problem, n_jobs):
    """The same random_state gives the same output, whatever the thread count."""
    X, y, k, strategy, seed = problem
    first = SMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=seed, n_jobs=1)
    again = SMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=seed, n_jobs=n_jobs)
    a, b = first.fit_resample(X, y), again.fit_resample(X, y)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_segment_check_rejects_points_off_the_segments():
    """The geometric helper is not vacuous."""
    members = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]])
    assert _on_a_segment(np.array([1.0, 0.0]), members, 1e-12)
    assert _on_a_segment(np.array([1.0, 1.0]), members, 1e-12)
    assert not _on_a_segment(np.array([0.5, 0.5]), members, 1e-12)
    assert not _on_a_segment(np.array([3.0, 0.0]), members, 1e-12)
    # Integer truncation: (1.6, 0.6) on the segment becomes (1, 0), which is
    # 0.6 off in both coordinates from the nearest point of the segment (2, 0)-(0, 2).
    assert _on_a_segment(np.array([1.0, 0.0]), members[1:], 1.0)
    assert not _on_a_segment(np.array([-1.0, -1.0]), members[1:], 1.0)
