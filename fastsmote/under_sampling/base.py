"""What fastsmote's cleaning samplers share: parameters, neighbours, class codes."""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import check_neighbors_object
from scipy import sparse

from .._containers import ContainerMixin
from ..neighbors import BaseNeighbors, make_backend
from ..neighbors.params import NN_PARAMETER_CONSTRAINTS, NeighborParamsMixin
from ..neighbors.sparse import SparseNeighbors, for_sparse

_CLEANING_NN_DOC = """nn_backend : {"auto", "brute", "kdtree", "nndescent"} or object, \
default="auto"
        How fastsmote finds neighbours (for the ENN family: when
        ``n_neighbors`` is an int): ``"auto"`` picks the exact KD-tree or
        exact brute force from the data's shape, ``"brute"`` and ``"kdtree"``
        force one, ``"nndescent"`` is the approximate NN-Descent search
        (pynndescent; see ``nn_search_``), and an object with
        ``kneighbors`` is cloned and used (queried as imbalanced-learn queries
        it). fastsmote's exact backends return imbalanced-learn's lists, ties
        and duplicate rows included (``neighbor_order`` in
        :func:`fastsmote.set_config`). Sparse input is searched by fastsmote's exact sparse backend
        (``SparseNeighbors``) in place of any of fastsmote's backends.

    n_jobs : int, default=None
        Number of jobs of scikit-learn neighbours objects (as in
        imbalanced-learn) and threads of fastsmote's kernels during the call
        (``None`` or -1: all of Numba's threads). The output does not depend
        on it; Numba's previous thread count is restored afterwards."""


class BaseCleaning(NeighborParamsMixin, ContainerMixin, BaseCleaningSampler):
    """Base class of fastsmote's cleaning samplers (not for direct use).

    Adds ``nn_backend`` to imbalanced-learn's parameters; ``n_jobs`` keeps
    imbalanced-learn's constraint.
    """

    _parameter_constraints: dict = {
        **BaseCleaningSampler._parameter_constraints,
        **NN_PARAMETER_CONSTRAINTS,
    }

    def _more_tags(self):
        return {"sample_indices": True}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.sampler_tags.sample_indices = True
        return tags

    def _neighbors_for(self, n_neighbors, X) -> object:
        """The neighbours object for ``n_neighbors`` (an int counting the sample
        itself, or an object), as imbalanced-learn's ENN builds ``nn_``.

        An int gives a backend from ``nn_backend`` (the exact sparse backend
        for sparse ``X`` when ``nn_backend`` names one); an object is cloned
        and gets ``n_jobs``, exactly as in imbalanced-learn.
        """
        if isinstance(n_neighbors, numbers.Integral):
            backend = make_backend(self.nn_backend, int(n_neighbors), self.n_jobs)
            return with_n_jobs(for_sparse(backend, X), self)
        nn = check_neighbors_object("n_neighbors", n_neighbors)
        nn.set_params(n_jobs=self.n_jobs)
        return nn


def with_n_jobs(estimator, sampler):
    """Give a scikit-learn-style ``estimator`` the sampler's ``n_jobs`` when set."""
    if (
        not isinstance(estimator, BaseNeighbors)
        and sampler.n_jobs is not None
        and "n_jobs" in estimator.get_params(deep=False)
    ):
        estimator.set_params(n_jobs=sampler.n_jobs)
    return estimator


def uses_fastsmote_search(nn, X) -> bool:
    """Whether ``nn`` is one of fastsmote's backends usable on ``X`` (a dense
    backend on dense ``X``, the sparse backend on sparse ``X``)."""
    if not isinstance(nn, BaseNeighbors):
        return False
    return sparse.issparse(X) == isinstance(nn, SparseNeighbors)


def class_codes(y) -> tuple[np.ndarray, np.ndarray]:
    """``(classes, y_codes)``: sorted labels and each sample's int64 code.

    Codes follow ``np.unique``'s order, so comparing codes orders labels the
    way ``scipy.stats.mode`` and imbalanced-learn's per-class loops do.
    """
    classes, y_codes = np.unique(y, return_inverse=True)
    return classes, np.ascontiguousarray(y_codes.ravel(), dtype=np.int64)


def targeted_codes(classes, sampling_strategy_) -> np.ndarray:
    """Boolean mask over class codes: which classes ``sampling_strategy_`` targets."""
    return np.array([label in sampling_strategy_ for label in classes], dtype=np.bool_)


def grouped_by_class(indices, y_codes) -> np.ndarray:
    """``indices`` reordered class by class (code order), stably: ENN's output order."""
    indices = np.asarray(indices, dtype=np.int64)
    return indices[np.argsort(y_codes[indices], kind="stable")]


def check_enough_samples(n_neighbors: int, n_samples_fit: int, n_queries: int) -> None:
    """Raise scikit-learn's ValueError, with advice, when ``n_neighbors`` (the
    sample itself included) exceeds the samples left to search."""
    if n_neighbors > n_samples_fit:
        raise ValueError(
            f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {n_neighbors}, "
            f"n_samples_fit = {n_samples_fit}, n_samples = {n_queries}: only "
            f"{n_samples_fit} samples are left, so at most {n_samples_fit - 1} neighbours "
            f"can be examined; lower n_neighbors (n_neighbors={n_neighbors - 1} was given)."
        )
