"""SMOTE: interpolation between each minority sample and its class neighbours."""

from __future__ import annotations

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from sklearn.utils import _safe_indexing

from .._threads import numba_threads
from ._neighbors import neighbors_within
from ._output import allocate_output
from .base import _NN_BACKEND_DOC, BaseSMOTE


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    nn_backend=_NN_BACKEND_DOC,
)
class SMOTE(BaseSMOTE):
    """Over-sample with SMOTE, identical to imbalanced-learn's and faster.

    Every synthetic sample lies on the segment between a sample of the class
    being over-sampled and one of its ``k_neighbors`` nearest neighbours in that
    class. With the same parameters and ``random_state`` the output equals
    :class:`imblearn.over_sampling.SMOTE`'s exactly, on any data: with a
    scikit-learn neighbours object as ``k_neighbors`` (used as imbalanced-learn
    uses it), and with fastsmote's exact backends, which give rows with tied
    or duplicate neighbours scikit-learn's lists
    (:mod:`fastsmote.neighbors.sklearn_order`; ``neighbor_order="index"`` in
    :func:`fastsmote.set_config` breaks ties by index instead).

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    k_neighbors : int or object, default=5
        The number of nearest neighbours used to build synthetic samples, or a
        neighbours object with ``kneighbors`` and ``kneighbors_graph`` (its
        ``n_neighbors`` counts the sample itself, as in imbalanced-learn).

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to generate per class.
    nn_k_ : estimator object
        The neighbours object used: a fastsmote backend with
        ``n_neighbors = k_neighbors + 1`` or a clone of ``k_neighbors``.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.SMOTE : The reference implementation.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import SMOTE
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = SMOTE(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res).items())
    [(0, 900), (1, 900)]
    """

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
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

    def _fit_resample(self, X, y):
        self._validate_estimator()
        targets = [(c, n) for c, n in self.sampling_strategy_.items() if n > 0]
        is_sparse = sparse.issparse(X)
        # Dense output is allocated once and the new rows are written in place.
        X_res = None if is_sparse else allocate_output(X, sum(n for _, n in targets))
        new_X, new_y = [], []
        start = X.shape[0]
        # The sampler's own kernel is the interpolation: new rows x features.
        with numba_threads(self.n_jobs, work=sum(n for _, n in targets) * X.shape[1]):
            for class_sample, n_samples in targets:
                X_class = _safe_indexing(X, np.flatnonzero(y == class_sample))
                nn_ind = neighbors_within(self.nn_k_, X_class, class_sample)
                out = None if is_sparse else X_res[start : start + n_samples]
                X_new, y_new = self._make_samples(
                    X_class, y.dtype, class_sample, X_class, nn_ind, n_samples, 1.0, out=out
                )
                start += n_samples
                new_X.append(X_new)
                new_y.append(y_new)
        y_res = np.hstack([y, *new_y])
        if is_sparse:
            return sparse.vstack([X, *new_X], format=X.format), y_res
        return X_res, y_res
