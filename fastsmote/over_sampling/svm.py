"""SVM-SMOTE: over-sample from the support vectors of an SVM."""

from __future__ import annotations

import numbers

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from sklearn.base import clone
from sklearn.svm import SVC
from sklearn.utils import _safe_indexing, check_random_state
from sklearn.utils._param_validation import HasMethods, Interval

from .._kernels.borderline import DANGER, NOISE, borderline_labels
from .._kernels.neighbor_classes import count_other_class
from .._threads import numba_threads
from ..neighbors import BaseNeighbors
from ..neighbors.params import NEIGHBORS_CONSTRAINT
from ._neighbors import fit_neighbors, neighbors_of_rows, release_index
from ._output import ResampledOutput
from .base import _NN_BACKEND_DOC, BaseSMOTE, refit_is_identical, stack_resampled


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    nn_backend=_NN_BACKEND_DOC,
)
class SVMSMOTE(BaseSMOTE):
    """Over-sample with SVM-SMOTE, identical to imbalanced-learn's and faster.

    An SVM is fitted on the data; the support vectors of the class being
    over-sampled that are not noise (not all of their ``m_neighbors`` nearest
    neighbours in another class) seed new samples. Those in danger
    interpolate towards one of their ``k_neighbors`` nearest neighbours of the
    class; the safe ones extrapolate away from it, by up to ``out_step``. The
    SVM is scikit-learn's; the neighbour searches and the generation run in
    fastsmote's kernels. With the same parameters and ``random_state`` the
    output equals :class:`imblearn.over_sampling.SVMSMOTE`'s exactly: with
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
        whether a support vector is noise or in danger, or a neighbours object
        as for ``k_neighbors``.

    svm_estimator : estimator object, default=SVC()
        The classifier whose support vectors seed the new samples; it must
        expose ``support_`` once fitted. ``None`` means
        ``SVC(gamma="scale", random_state=random_state)``.

    out_step : float, default=0.5
        Largest step, as a fraction of the distance to the neighbour, when
        extrapolating from safe support vectors.

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
    svm_estimator_ : estimator object
        The fitted SVM.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.SVMSMOTE : The reference implementation.
    BorderlineSMOTE : Danger decided by neighbours only.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import SVMSMOTE
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = SVMSMOTE(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 900), (1, 900)]
    """

    _parameter_constraints: dict = {
        **BaseSMOTE._parameter_constraints,
        "m_neighbors": NEIGHBORS_CONSTRAINT,
        "svm_estimator": [HasMethods(["fit", "predict"]), None],
        "out_step": [Interval(numbers.Real, 0, 1, closed="both")],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        m_neighbors=10,
        svm_estimator=None,
        out_step=0.5,
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
        self.svm_estimator = svm_estimator
        self.out_step = out_step

    def _validate_estimator(self):
        super()._validate_estimator()
        self.nn_m_ = self._neighbors_object("m_neighbors", self.m_neighbors, 1)
        if self.svm_estimator is None:
            self.svm_estimator_ = SVC(gamma="scale", random_state=self.random_state)
        else:
            self.svm_estimator_ = clone(self.svm_estimator)

    def _fit_resample(self, X, y):
        self._validate_estimator()
        random_state = check_random_state(self.random_state)
        m_neighbors = self.nn_m_.n_neighbors - 1
        svm_fitted = False
        nn_m = None
        targets = [(c, n) for c, n in self.sampling_strategy_.items() if n > 0]
        # Dense output is written in place (sparse pieces are stacked as
        # imbalanced-learn stacks them).
        output = None if sparse.issparse(X) else ResampledOutput(X, y)
        new_X, new_y = [], []
        # The sampler's own kernels work on new rows x features (searches decide apart).
        with numba_threads(self.n_jobs, work=sum(self.sampling_strategy_.values()) * X.shape[1]):
            for position, (class_sample, n_samples) in enumerate(targets):
                target_class_indices = np.flatnonzero(y == class_sample)
                X_class = _safe_indexing(X, target_class_indices)
                is_other = np.asarray(y != class_sample)

                # imbalanced-learn refits the SVM for every class. A
                # scikit-learn SVM with an int seed gives the same fit each
                # time and draws from no shared generator, so it is fitted once.
                if not (svm_fitted and refit_is_identical(self.svm_estimator_, "sklearn.svm")):
                    self.svm_estimator_.fit(X, y)
                    svm_fitted = True
                if not hasattr(self.svm_estimator_, "support_"):
                    raise RuntimeError(
                        "`svm_estimator` is required to exposed a `support_` fitted "
                        "attribute. Such estimator belongs to the familly of Support "
                        "Vector Machine."
                    )
                support = self.svm_estimator_.support_
                support_index = support[y[support] == class_sample]

                if nn_m is None:
                    nn_m = fit_neighbors(self.nn_m_, X)
                nn_ind = neighbors_of_rows(nn_m, X, support_index, "m_neighbors")
                labels = borderline_labels(count_other_class(nn_ind, is_other), m_neighbors)
                support_index = support_index[labels != NOISE]
                if support_index.shape[0] == 0:
                    raise ValueError(
                        "All support vectors are considered as noise. SVM-SMOTE is not "
                        "adapted to your dataset. Try another SMOTE variant."
                    )
                if isinstance(nn_m, BaseNeighbors):
                    # Each row's neighbours do not depend on the other rows queried.
                    danger = labels[labels != NOISE] == DANGER
                else:
                    # Other objects are queried again, as imbalanced-learn does.
                    nn_ind = neighbors_of_rows(nn_m, X, support_index, "m_neighbors")
                    danger = (
                        borderline_labels(count_other_class(nn_ind, is_other), m_neighbors)
                        == DANGER
                    )
                safe = ~danger
                if position == len(targets) - 1:
                    # The last search over all of X is done: its index goes
                    # before the output is allocated.
                    release_index(nn_m)

                nn_k = fit_neighbors(self.nn_k_, X_class)
                fractions = random_state.beta(10, 10)
                n_generated_samples = int(fractions * (n_samples + 1))
                # Support vectors of the class are rows of X_class.
                support_rows = np.searchsorted(target_class_indices, support_index)
                # Danger rows interpolate, then safe rows extrapolate (imbalanced-learn's order).
                pieces = [
                    (support_rows[mask], n_rows, step)
                    for mask, n_rows, step in (
                        (danger, n_generated_samples, 1.0),
                        (safe, n_samples - n_generated_samples, -self.out_step),
                    )
                    if mask.any()
                ]
                out = None
                if output is not None:
                    n_after = sum(n for _, n in targets[position + 1 :])
                    n_class = sum(n_rows for _, n_rows, _ in pieces)
                    out = output.rows(n_class, class_sample, n_after)
                start = 0
                for rows, n_rows, step in pieces:
                    piece_out = None if out is None else out[start : start + n_rows]
                    X_new, y_new = self._samples_from(
                        nn_k, X_class, rows, y, class_sample, n_rows, step, out=piece_out
                    )
                    start += n_rows
                    if output is None:
                        new_X.append(X_new)
                        new_y.append(y_new)
                    del X_new, piece_out
                del out
        if output is not None:
            return output.result()
        return stack_resampled(X, y, new_X, new_y)

    def _samples_from(self, nn_k, X_class, rows, y, class_sample, n_samples, step_size, out=None):
        """``n_samples`` samples from the rows ``rows`` of ``X_class`` and their
        k nearest neighbours in it; a negative ``step_size`` extrapolates.
        Dense rows are written into ``out`` when given."""
        nn_ind = neighbors_of_rows(nn_k, X_class, rows)
        return self._make_samples(
            _safe_indexing(X_class, rows),
            y.dtype,
            class_sample,
            X_class,
            nn_ind,
            n_samples,
            step_size,
            out=out,
        )
