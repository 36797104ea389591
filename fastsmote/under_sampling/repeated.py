"""ENN applied repeatedly: RepeatedEditedNearestNeighbours and AllKNN, on the
shared loop of :mod:`fastsmote.under_sampling.editing_passes`."""

from __future__ import annotations

import numbers

from imblearn.under_sampling.base import BaseCleaningSampler
from imblearn.utils import Substitution
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import Interval

from ..neighbors import BaseNeighbors
from .base import _CLEANING_NN_DOC
from .edited_nearest_neighbours import _KIND_SEL_DOC
from .editing_passes import RepeatedEditing


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    kind_sel=_KIND_SEL_DOC,
    nn_backend=_CLEANING_NN_DOC,
)
class RepeatedEditedNearestNeighbours(RepeatedEditing):
    """Under-sample by repeating edited nearest neighbours, as imbalanced-learn.

    ENN passes repeat until i) ``max_iter`` passes ran, ii) a pass removed
    nothing, iii) a class other than the (original) minority has fewer samples
    than the minority had, or iv) a class disappeared. The output ``X``, ``y``
    equal :class:`imblearn.under_sampling.RepeatedEditedNearestNeighbours`'s
    (always with a scikit-learn neighbours object, and with fastsmote's exact
    backends whenever no two distances tie). With fastsmote's backends the
    neighbours are searched once, and again only for samples that lost too
    many neighbours.

    ``sample_indices_`` always satisfies ``X_res == X[sample_indices_]``.
    imbalanced-learn's can disagree with its own output: when a pass removes
    nothing it applies that pass's indices twice, which reorders them when
    that pass was the first one and ``y`` was not sorted by class.

    Parameters
    ----------
    {sampling_strategy}

    n_neighbors : int or object, default=3
        If ``int``, the number of neighbours examined in each pass. If object,
        a neighbours estimator whose ``n_neighbors`` counts the sample itself.

    max_iter : int, default=100
        Maximum number of ENN passes.

    {kind_sel}

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted by the cleaning (of the input ``y``).
    nn_ : estimator object
        The neighbours object: a fastsmote backend with ``n_neighbors + 1``
        neighbours, or a clone of ``n_neighbors``.
    enn_ : EditedNearestNeighbours
        The ENN each pass applies (fitted by the passes only when they run
        one by one: with scikit-learn neighbours objects or sparse data).
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in output order.
    n_iter_ : int
        Number of passes run.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.RepeatedEditedNearestNeighbours : The reference.
    EditedNearestNeighbours : One pass.
    AllKNN : Passes with growing neighbourhoods.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import RepeatedEditedNearestNeighbours
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> renn = RepeatedEditedNearestNeighbours()
    >>> X_res, y_res = renn.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items()), renn.n_iter_
    ([(0, 100), (1, 887)], 2)
    """

    _parameter_constraints: dict = {
        **RepeatedEditing._parameter_constraints,
        "max_iter": [Interval(numbers.Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_neighbors=3,
        max_iter=100,
        kind_sel="all",
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs
        self.max_iter = max_iter
        self.nn_backend = nn_backend

    def _fit_resample(self, X, y):
        self._validate_estimator(X)
        size = self.nn_.n_neighbors - 1
        self.sample_indices_, self.n_iter_ = self._edit_repeatedly(
            X, y, [size] * self.max_iter, stop_when_unchanged=True, allow_minority=False
        )
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )


@Substitution(
    sampling_strategy=BaseCleaningSampler._sampling_strategy_docstring,
    kind_sel=_KIND_SEL_DOC,
    nn_backend=_CLEANING_NN_DOC,
)
class AllKNN(RepeatedEditing):
    """Under-sample with ENN passes of growing neighbourhoods, as imbalanced-learn.

    Pass ``k`` (``k = 1, 2, ..., n_neighbors``) removes the samples of the
    targeted classes whose ``k`` nearest neighbours disagree with them; the
    passes stop early when a class other than the (original) minority has
    fewer samples than the minority had (unless ``allow_minority``) or a class
    disappeared. The output and ``sample_indices_`` equal
    :class:`imblearn.under_sampling.AllKNN`'s (always with a scikit-learn
    neighbours object, and with fastsmote's exact backends whenever no two
    distances tie). With fastsmote's backends the neighbourhood of the
    largest ``k`` is searched once and every pass reuses its prefix among the
    surviving samples; only samples that lost too many neighbours are searched
    again.

    Parameters
    ----------
    {sampling_strategy}

    n_neighbors : int or object, default=3
        If ``int``, the largest neighbourhood examined. If object, its
        ``n_neighbors`` minus one is; as in imbalanced-learn, a scikit-learn
        object only gives that size and each pass searches with a default
        ``NearestNeighbors`` (a fastsmote backend object is used itself).

    {kind_sel}

    allow_minority : bool, default=False
        If ``True``, a majority class may become smaller than the minority
        without stopping the passes.

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The classes targeted by the cleaning (of the input ``y``).
    nn_ : estimator object
        The neighbours object: a fastsmote backend with ``n_neighbors + 1``
        neighbours, or a clone of ``n_neighbors``.
    enn_ : EditedNearestNeighbours
        The ENN the passes apply (fitted by the passes only when they run one
        by one: with scikit-learn neighbours objects or sparse data).
    sample_indices_ : ndarray of shape (n_new_samples,)
        Indices of the samples kept, in output order.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.AllKNN : The reference implementation.
    EditedNearestNeighbours : One pass.
    RepeatedEditedNearestNeighbours : Passes of one size until nothing changes.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import AllKNN
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = AllKNN().fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 100), (1, 887)]
    """

    _parameter_constraints: dict = {
        **RepeatedEditing._parameter_constraints,
        "allow_minority": ["boolean"],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        n_neighbors=3,
        kind_sel="all",
        allow_minority=False,
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.allow_minority = allow_minority
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend

    def _fit_resample(self, X, y):
        self._validate_estimator(X)
        sizes = range(1, self.nn_.n_neighbors)
        self.sample_indices_, _ = self._edit_repeatedly(
            X, y, sizes, stop_when_unchanged=False, allow_minority=self.allow_minority
        )
        return (
            _safe_indexing(X, self.sample_indices_),
            _safe_indexing(y, self.sample_indices_),
        )

    def _configure_pass(self, size) -> None:
        # imbalanced-learn sets its ENN's n_neighbors to the int `size`, so each
        # pass searches with a default NearestNeighbors(size + 1): a neighbours
        # object given as n_neighbors only sets the largest size.
        self.enn_.n_neighbors = size
        if not isinstance(self.n_neighbors, numbers.Integral | BaseNeighbors):
            self.enn_.nn_backend = NearestNeighbors()
