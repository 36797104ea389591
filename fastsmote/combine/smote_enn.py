"""SMOTEENN: SMOTE over-sampling, then edited-nearest-neighbours cleaning."""

from __future__ import annotations

from imblearn.over_sampling.base import BaseOverSampler
from imblearn.under_sampling import EditedNearestNeighbours as ImblearnENN
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring

from ..under_sampling import EditedNearestNeighbours
from .base import _COMBINE_NN_DOC, BaseSMOTECleaning


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    nn_backend=_COMBINE_NN_DOC,
)
class SMOTEENN(BaseSMOTECleaning):
    """Over-sample with SMOTE, then clean with ENN, as imbalanced-learn.

    The output equals :class:`imblearn.combine.SMOTEENN`'s with the same
    parameters and ``random_state`` (see :class:`fastsmote.SMOTE` and
    :class:`fastsmote.EditedNearestNeighbours` for when: always with
    scikit-learn neighbours objects, with fastsmote's exact backends when no
    distances tie). ``smote`` and ``enn`` accept fastsmote's or
    imbalanced-learn's samplers.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    smote : SMOTE, default=None
        The SMOTE to use (fastsmote's or imbalanced-learn's), cloned. Default:
        fastsmote's ``SMOTE(sampling_strategy, random_state)``.

    enn : EditedNearestNeighbours, default=None
        The ENN to use (fastsmote's or imbalanced-learn's), cloned. Default:
        fastsmote's ``EditedNearestNeighbours(sampling_strategy="all")``, as in
        imbalanced-learn.

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict or str
        The ``sampling_strategy`` given (as in imbalanced-learn).
    smote_ : sampler object
        The SMOTE used.
    enn_ : sampler object
        The ENN used.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.combine.SMOTEENN : The reference implementation.
    SMOTETomek : SMOTE followed by Tomek-link removal.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import SMOTEENN
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = SMOTEENN(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 900), (1, 881)]
    """

    _parameter_constraints: dict = {
        **BaseSMOTECleaning._parameter_constraints,
        "enn": [ImblearnENN, EditedNearestNeighbours, None],
    }
    _cleaner_param = "enn"
    _cleaner_class = EditedNearestNeighbours

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        smote=None,
        enn=None,
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__()
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.enn = enn
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend
