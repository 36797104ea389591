"""Borderline-SMOTE 1 and 2: over-sample only the minority samples in danger."""

from __future__ import annotations

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from sklearn.utils import _safe_indexing, check_random_state
from sklearn.utils._param_validation import StrOptions

from .._kernels.borderline import interpolate_rows_scaled
from .._kernels.neighbor_classes import count_other_class
from .._random import draw_interpolation
from .._threads import numba_threads
from ..neighbors import BaseNeighbors
from ..neighbors.params import NEIGHBORS_CONSTRAINT
from ..neighbors.sklearn_order import resolved_lists, resolves_ties, unambiguous
from ._danger import danger_rows as in_danger
from ._neighbors import fit_neighbors, neighbors_of_rows, release_index
from ._output import ResampledOutput
from .base import _NN_BACKEND_DOC, BaseSMOTE, stack_resampled


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    nn_backend=_NN_BACKEND_DOC,
)
class BorderlineSMOTE(BaseSMOTE):
    """Over-sample with Borderline-SMOTE, identical to imbalanced-learn's and faster.

    Only the samples of the class being over-sampled that are "in danger" seed
    new samples: those with at least half, but not all, of their
    ``m_neighbors`` nearest neighbours (in the whole data set) in another
    class. ``"borderline-1"`` interpolates towards their ``k_neighbors``
    nearest neighbours of the same class; ``"borderline-2"`` towards their
    nearest neighbours of any class, the step being shortened to at most half
    way for neighbours of another class. With the same parameters and
    ``random_state`` the output equals
    :class:`imblearn.over_sampling.BorderlineSMOTE`'s exactly: with
    scikit-learn neighbours objects always, with fastsmote's exact backends
    whenever no two distances tie.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    k_neighbors : int or object, default=5
        The number of nearest neighbours used to build synthetic samples, or a
        neighbours object with ``kneighbors`` and ``kneighbors_graph`` (its
        ``n_neighbors`` counts the sample itself, as in imbalanced-learn).

    m_neighbors : int or object, default=10
        The number of nearest neighbours (among all samples) that decide
        whether a sample is in danger, or a neighbours object as for
        ``k_neighbors``.

    kind : {{"borderline-1", "borderline-2"}}, default="borderline-1"
        Which variant to run.

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to generate per class.
    nn_k_ : estimator object
        The neighbours object built from ``k_neighbors``.
    nn_m_ : estimator object
        The neighbours object built from ``m_neighbors``, fitted on all
        samples. A fastsmote backend frees its search index after the last
        search (it is built again if queried).
    in_danger_indices : dict of ndarray
        Per over-sampled class, the indices (into ``X``) of the samples in
        danger, which seeded the new samples. Classes without any are absent.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.BorderlineSMOTE : The reference implementation.
    SMOTE : Over-sample from every sample of the class.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import BorderlineSMOTE
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = BorderlineSMOTE(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 900), (1, 900)]
    """

    _parameter_constraints: dict = {
        **BaseSMOTE._parameter_constraints,
        "m_neighbors": NEIGHBORS_CONSTRAINT,
        "kind": [StrOptions({"borderline-1", "borderline-2"})],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        m_neighbors=10,
        kind="borderline-1",
        nn_backend="auto",
        n_jobs=None,
    ):
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
            nn_backend=nn_backend,
            n_jobs=n_jobs,
        )
        self.m_neighbors = m_neighbors
        self.kind = kind

    def _validate_estimator(self):
        super()._validate_estimator()
        self.nn_m_ = self._neighbors_object("m_neighbors", self.m_neighbors, 1)

    def _fit_resample(self, X, y):
        self._validate_estimator()
        self.in_danger_indices = {}
        targets = [(c, n) for c, n in self.sampling_strategy_.items() if n > 0]
        # Dense output is written in place (sparse pieces are stacked as
        # imbalanced-learn stacks them).
        output = None if sparse.issparse(X) else ResampledOutput(X, y)
        nn_m = nn_k_all = None
        new_X, new_y = [], []
        # The sampler's own kernels work on new rows x features (searches decide apart).
        with numba_threads(self.n_jobs, work=sum(self.sampling_strategy_.values()) * X.shape[1]):
            for position, (class_sample, n_samples) in enumerate(targets):
                target_class_indices = np.flatnonzero(y == class_sample)
                is_other = np.asarray(y != class_sample)
                last = position == len(targets) - 1
                if nn_m is None:
                    nn_m = fit_neighbors(self.nn_m_, X)
                nn_ind_m = neighbors_of_rows(nn_m, X, target_class_indices, "m_neighbors")
                danger_rows = in_danger(
                    count_other_class(nn_ind_m, is_other), self.nn_m_.n_neighbors - 1
                )
                if danger_rows.size == 0:
                    continue
                danger_indices = target_class_indices[danger_rows]
                self.in_danger_indices[class_sample] = danger_indices
                if self.kind == "borderline-1":
                    X_class = _safe_indexing(X, target_class_indices)
                    nn_k = fit_neighbors(self.nn_k_, X_class)
                    nn_ind = neighbors_of_rows(nn_k, X_class, danger_rows)
                    X_base, nn_data = _safe_indexing(X_class, danger_rows), X_class
                else:
                    nn_ind = self._k_neighbors_in_all(
                        nn_m, nn_ind_m, danger_rows, danger_indices, X
                    )
                    if nn_ind is None:
                        if nn_k_all is None:
                            nn_k_all = fit_neighbors(self.nn_k_, X)
                        nn_ind = neighbors_of_rows(nn_k_all, X, danger_indices)
                    X_base, nn_data = _safe_indexing(X, danger_indices), X
                if last:
                    # The searches over all of X are done: their indexes go
                    # before the output is allocated.
                    release_index(nn_m)
                    release_index(nn_k_all)
                # The class's rows of the output, once its neighbours are found.
                out = None
                if output is not None:
                    n_after = sum(n for _, n in targets[position + 1 :])
                    out = output.rows(n_samples, class_sample, n_after)
                if self.kind == "borderline-1":
                    X_new = self._make_samples(
                        X_base, y.dtype, class_sample, nn_data, nn_ind, n_samples, out=out
                    )[0]
                else:
                    X_new = self._make_samples_borderline_2(
                        X_base, class_sample, nn_data, nn_ind, n_samples, y, out=out
                    )
                if output is None:
                    new_X.append(X_new)
                    new_y.append(np.full(n_samples, fill_value=class_sample, dtype=y.dtype))
                del X_new, out
        if output is not None:
            return output.result()
        return stack_resampled(X, y, new_X, new_y)

    def _k_neighbors_in_all(self, nn_m, nn_ind_m, danger_rows, danger_indices, X):
        """Borderline-2's k-neighbours of the danger samples among all samples,
        read off the m-neighbour search when that gives the same answer.

        Exact fastsmote backends sort neighbours by (distance, index) with the
        same float64 distances, so the k nearest are the first k of the m
        nearest whenever k <= m. Under imbalanced-learn's neighbour order that
        holds for the lists without ties or near-ties up to one neighbour
        beyond the k-th; the others get scikit-learn's lists for imbalanced-
        learn's batch (the danger samples). Returns None when a new search is
        needed.
        """
        nn_k = self.nn_k_
        k = nn_k.n_neighbors - 1
        if not (
            isinstance(nn_m, BaseNeighbors)
            and isinstance(nn_k, BaseNeighbors)
            and nn_m.is_exact
            and nn_k.is_exact
            and not sparse.issparse(X)
        ):
            return None
        if not resolves_ties(nn_k):
            if k <= nn_ind_m.shape[1]:
                return np.ascontiguousarray(nn_ind_m[danger_rows, :k])
            return None
        if k + 1 > nn_ind_m.shape[1]:
            return None
        lists = np.ascontiguousarray(nn_ind_m[danger_rows, : k + 1])
        tied = ~unambiguous(X, danger_indices, lists, k + 1, X.shape[0])
        nn_ind = np.ascontiguousarray(lists[:, :k])
        if tied.any():
            X_kernel = X if X.dtype in (np.float32, np.float64) else None
            nn_ind[tied] = resolved_lists(
                X, X_kernel, danger_indices[tied], k + 1, batch=danger_indices
            )
        return nn_ind

    def _make_samples_borderline_2(self, X_danger, class_sample, X, nn_ind, n_samples, y, out=None):
        """Draw and build Borderline-2's samples, as imbalanced-learn does.

        SMOTE's draws first; then, from ``check_random_state(random_state)``
        again (an int seed restarts its stream here), one ``uniform(0, 0.5)``
        per sample whose neighbour is of another class, which scales that
        sample's difference vector. Dense rows are written into ``out`` when given.
        """
        rows, cols, steps, _ = draw_interpolation(
            self.random_state, nn_ind.shape[0], nn_ind.shape[1], n_samples
        )
        is_cross = np.asarray(y[nn_ind[rows, cols]] != class_sample)
        cross_draws = check_random_state(self.random_state).uniform(
            low=0.0, high=0.5, size=(int(is_cross.sum()), 1)
        )
        return generate_samples_scaled(
            X_danger, X, nn_ind, rows, cols, steps, is_cross, cross_draws, out=out
        )


def generate_samples_scaled(X, nn_data, nn_ind, rows, cols, steps, is_cross, cross_draws, out=None):
    """Borderline-SMOTE-2's samples: SMOTE's, with cross-class differences scaled.

    ``diff = nn_data[nn_ind[rows, cols]] - X[rows]`` in the input dtype; where
    ``is_cross``, ``diff`` is multiplied in place by the next value of
    ``cross_draws`` (shape ``(is_cross.sum(), 1)``); the result is
    ``X[rows] + steps * diff`` in X's dtype. float32 and float64 run the Numba
    kernel; sparse matrices and other dtypes run imbalanced-learn's NumPy
    formula (with its errors, e.g. for integer input). Dense results are
    written into ``out`` (C-contiguous, X's dtype) when given.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [2.0, 4.0]])
    >>> nn_ind = np.array([[1], [0]])
    >>> generate_samples_scaled(X, X, nn_ind, np.array([0, 1]), np.array([0, 0]),
    ...     np.array([1.0, 1.0]), np.array([True, False]), np.array([[0.25]]))
    array([[0.5, 1. ],
           [0. , 0. ]])
    """
    nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
    if not sparse.issparse(X) and X.dtype in (np.float32, np.float64) and X.dtype == nn_data.dtype:
        cross_scales = np.zeros(rows.shape[0], dtype=np.float64)
        cross_scales[is_cross] = cross_draws.ravel()
        if out is None:
            out = np.empty((rows.shape[0], X.shape[1]), dtype=X.dtype)
        interpolate_rows_scaled(
            np.ascontiguousarray(X),
            np.ascontiguousarray(nn_data),
            nn_ind,
            rows,
            cols,
            steps,
            is_cross,
            cross_scales,
            out,
        )
        return out
    diffs = nn_data[nn_ind[rows, cols]] - X[rows]
    diffs[is_cross] *= cross_draws
    if sparse.issparse(X):
        step_matrix = getattr(sparse, type(X).__name__)(steps[:, np.newaxis])
        return (X[rows] + step_matrix.multiply(diffs)).astype(X.dtype)
    X_new = (X[rows] + steps[:, np.newaxis] * diffs).astype(X.dtype)
    if out is None:
        return X_new
    out[...] = X_new
    return out
