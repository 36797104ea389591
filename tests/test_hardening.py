"""Hardening (issue #15 items 1-3): user-supplied neighbour indices, negative
rows, and the abstract backend base class."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

import fastsmote
from fastsmote.neighbors import AutoNeighbors, BaseNeighbors, BruteForceNeighbors, KDTreeNeighbors


class BadIndices(NearestNeighbors):
    """A neighbours object whose ``kneighbors`` returns one wrong index."""

    def __init__(self, n_neighbors=6, bad=10**9, n_jobs=None):
        super().__init__(n_neighbors=n_neighbors, n_jobs=n_jobs)
        self.bad = bad

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        out = super().kneighbors(X, n_neighbors, return_distance)
        ind = (out[1] if return_distance else out).copy()
        ind[0, -1] = self.bad
        return (out[0], ind) if return_distance else ind


def data():
    rng = np.random.RandomState(0)
    X = rng.randn(60, 3)
    y = np.r_[np.zeros(45, dtype=int), np.ones(15, dtype=int)]
    return X, y


@pytest.mark.parametrize("bad", [10**9, 200, -(10**6)])
@pytest.mark.parametrize(
    "make",
    [
        lambda nn: fastsmote.SMOTE(k_neighbors=nn, random_state=0),
        lambda nn: fastsmote.ADASYN(n_neighbors=nn, random_state=0),
        lambda nn: fastsmote.BorderlineSMOTE(k_neighbors=nn, random_state=0),
        lambda nn: fastsmote.BorderlineSMOTE(m_neighbors=nn, random_state=0),
        lambda nn: fastsmote.EditedNearestNeighbours(n_neighbors=nn),
        lambda nn: fastsmote.TomekLinks(nn_backend=nn),
    ],
    ids=["SMOTE", "ADASYN", "Borderline-k", "Borderline-m", "ENN", "TomekLinks"],
)
def test_out_of_range_indices_raise_index_error(make, bad):
    # Before: a segmentation fault (10**9), or values around 1e199 (200).
    X, y = data()
    with pytest.raises(IndexError, match=f"index {bad} is out of bounds .*BadIndices"):
        make(BadIndices(bad=bad)).fit_resample(X, y)


def test_negative_indices_count_from_the_end_as_in_imblearn():
    from imblearn.over_sampling import SMOTE as ImbSMOTE

    X, y = data()
    ours = fastsmote.SMOTE(k_neighbors=BadIndices(bad=-1), random_state=0).fit_resample(X, y)
    theirs = ImbSMOTE(k_neighbors=BadIndices(bad=-1), random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(ours[0], theirs[0])


def test_float_indices_are_refused():
    class FloatIndices(NearestNeighbors):
        def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
            return super().kneighbors(X, n_neighbors, False).astype(float)

    X, y = data()
    with pytest.raises(IndexError, match="must be of integer type"):
        fastsmote.SMOTE(k_neighbors=FloatIndices(n_neighbors=6), random_state=0).fit_resample(X, y)


@pytest.mark.parametrize("cls", [BruteForceNeighbors, KDTreeNeighbors, AutoNeighbors])
def test_negative_rows_exclude_the_row_they_name(cls):
    X = np.random.RandomState(0).randn(30, 3)
    nn = cls(3).fit(X)
    # Before: row -1 was not excluded from its own list (itself at distance 0).
    dist, ind = nn.kneighbors_of_rows([-1, 29])
    np.testing.assert_array_equal(ind[0], ind[1])
    assert 29 not in ind[0] and dist[0, 0] > 0
    with pytest.raises(IndexError, match="index 30 is out of bounds"):
        nn.kneighbors_of_rows([30])
    with pytest.raises(IndexError, match="index -31 is out of bounds"):
        nn.kneighbors_of_rows([-31])


def test_base_backend_is_abstract():
    with pytest.raises(TypeError, match="abstract"):
        BaseNeighbors()
