"""SMOTETomek: SMOTE over-sampling, then Tomek-link removal."""

from __future__ import annotations

from imblearn.over_sampling.base import BaseOverSampler
from imblearn.under_sampling import TomekLinks as ImblearnTomekLinks
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring

from ..under_sampling import TomekLinks
from .base import _COMBINE_NN_DOC, BaseSMOTECleaning


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    nn_backend=_COMBINE_NN_DOC,
)
class SMOTETomek(BaseSMOTECleaning):
    """Over-sample with SMOTE, then remove Tomek links, as imbalanced-learn.

    The output equals :class:`imblearn.combine.SMOTETomek`'s with the same
    parameters and ``random_state`` (see :class:`fastsmote.SMOTE` and
    :class:`fastsmote.TomekLinks` for when: always with scikit-learn
    neighbours objects, with fastsmote's exact backends when no distances
    tie). ``smote`` and ``tomek`` accept fastsmote's or imbalanced-learn's
    samplers.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    smote : SMOTE, default=None
        The SMOTE to use (fastsmote's or imbalanced-learn's), cloned. Default:
        fastsmote's ``SMOTE(sampling_strategy, random_state)``.

    tomek : TomekLinks, default=None
        The TomekLinks to use (fastsmote's or imbalanced-learn's), cloned.
        Default: fastsmote's ``TomekLinks(sampling_strategy="all")``, as in
        imbalanced-learn.

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict or str
        The ``sampling_strategy`` given (as in imbalanced-learn).
    smote_ : sampler object
        The SMOTE used.
    tomek_ : sampler object
        The TomekLinks used.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.combine.SMOTETomek : The reference implementation.
    SMOTEENN : SMOTE followed by edited-nearest-neighbours cleaning.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import SMOTETomek
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X_res, y_res = SMOTETomek(random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 900), (1, 900)]
    """

    _parameter_constraints: dict = {
        **BaseSMOTECleaning._parameter_constraints,
        "tomek": [ImblearnTomekLinks, TomekLinks, None],
    }
    _cleaner_param = "tomek"
    _cleaner_class = TomekLinks

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        smote=None,
        tomek=None,
        n_jobs=None,
        nn_backend="auto",
    ):
        super().__init__()
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.tomek = tomek
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend
