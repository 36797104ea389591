"""ADASYN: more synthetic samples where the class is harder to learn."""

from __future__ import annotations

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from sklearn.base import clone
from sklearn.utils import _safe_indexing, check_random_state

from .._kernels.neighbor_classes import count_other_class
from .._threads import numba_threads
from ..neighbors.params import NEIGHBORS_CONSTRAINT, NN_PARAMETER_CONSTRAINTS
from ._danger import adasyn_class_counts
from ._neighbors import fit_neighbors, neighbors_of_rows, neighbors_within
from ._output import ResampledOutput
from .base import _NN_BACKEND_DOC, BaseSMOTE, generate_samples, stack_resampled


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    nn_backend=_NN_BACKEND_DOC.replace("``k_neighbors``", "``n_neighbors``"),
)
class ADASYN(BaseSMOTE):
    """Over-sample with ADASYN, identical to imbalanced-learn's and faster.

    Each sample of the class being over-sampled seeds a number of new samples
    proportional to the share of its ``n_neighbors`` nearest neighbours (in
    the whole data set) that belong to another class; each new sample lies
    between the seed and one of its nearest neighbours of the same class. With
    the same parameters and ``random_state`` the output equals
    :class:`imblearn.over_sampling.ADASYN`'s exactly: with a scikit-learn
    neighbours object always, with fastsmote's exact backends whenever no two
    distances tie.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    n_neighbors : int or object, default=5
        The number of nearest neighbours, or a neighbours object with
        ``kneighbors`` and ``kneighbors_graph`` (its ``n_neighbors`` counts the
        sample itself, as in imbalanced-learn).

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to generate per class (the number made may
        differ slightly, after rounding, as in imbalanced-learn).
    nn_ : estimator object
        The neighbours object built from ``n_neighbors``.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.ADASYN : The reference implementation.
    SMOTE : The same number of samples from every sample of the class.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import ADASYN
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000,
    ... random_state=10)
    >>> X_res, y_res = ADASYN(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 904), (1, 900)]
    """

    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "n_neighbors": NEIGHBORS_CONSTRAINT,
        **NN_PARAMETER_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        n_neighbors=5,
        nn_backend="auto",
        n_jobs=None,
    ):
        # BaseSMOTE's own __init__ would set k_neighbors, which ADASYN lacks.
        BaseOverSampler.__init__(self, sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.nn_backend = nn_backend
        self.n_jobs = n_jobs

    def _validate_estimator(self):
        self.nn_ = self._neighbors_object("n_neighbors", self.n_neighbors, 1)

    def _fit_resample(self, X, y):
        self._validate_estimator()
        random_state = check_random_state(self.random_state)
        targets = [(c, n) for c, n in self.sampling_strategy_.items() if n > 0]
        # Dense output is written in place (sparse pieces are stacked as
        # imbalanced-learn stacks them).
        output = None if sparse.issparse(X) else ResampledOutput(X, y)
        # One search structure over all of X, fitted once and released after
        # the last class's search; ``nn_`` itself is refitted on each class,
        # as in imbalanced-learn.
        nn_all = None
        new_X, new_y = [], []
        # The sampler's own kernels work on new rows x features (searches decide apart).
        with numba_threads(self.n_jobs, work=sum(self.sampling_strategy_.values()) * X.shape[1]):
            for position, (class_sample, n_samples) in enumerate(targets):
                target_class_indices = np.flatnonzero(y == class_sample)
                if nn_all is None:
                    nn_all = fit_neighbors(clone(self.nn_), X)
                nn_ind = neighbors_of_rows(nn_all, X, target_class_indices, "n_neighbors")
                if position == len(targets) - 1:
                    nn_all = None
                n_neighbors = self.nn_.n_neighbors - 1
                if n_neighbors < 1:
                    # imbalanced-learn divides by zero here and fails later in
                    # np.repeat, with a ValueError too.
                    raise ValueError(
                        f"The neighbours object given as n_neighbors has n_neighbors = "
                        f"{self.nn_.n_neighbors}, which counts the sample itself: give it "
                        "n_neighbors >= 2."
                    )
                n_other = count_other_class(
                    np.ascontiguousarray(nn_ind, dtype=np.int64), np.asarray(y != class_sample)
                )
                counts = adasyn_class_counts(n_other, n_neighbors, n_samples)
                n_samples = int(counts.sum())
                X_class = _safe_indexing(X, target_class_indices)
                nn_ind = neighbors_within(self.nn_, X_class, class_sample, "n_neighbors")
                rows = np.repeat(np.arange(len(target_class_indices), dtype=np.int64), counts)
                cols = random_state.choice(n_neighbors, size=n_samples).astype(np.int64)
                steps = random_state.uniform(size=(n_samples, 1))[:, 0]
                if output is None:
                    new_X.append(generate_samples(X_class, X_class, nn_ind, rows, cols, steps))
                    new_y.append(np.full(n_samples, fill_value=class_sample, dtype=y.dtype))
                else:
                    n_after = sum(n for _, n in targets[position + 1 :])
                    out = output.rows(n_samples, class_sample, n_after)
                    generate_samples(X_class, X_class, nn_ind, rows, cols, steps, out=out)
                    del out
        if output is not None:
            return output.result()
        return stack_resampled(X, y, new_X, new_y, sparse_format=X.format)
