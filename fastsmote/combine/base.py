"""What SMOTEENN and SMOTETomek share: SMOTE first, then a cleaning sampler."""

from __future__ import annotations

from imblearn.base import BaseSampler
from imblearn.over_sampling import SMOTE as ImblearnSMOTE
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import check_target_type
from sklearn.base import clone
from sklearn.utils import check_X_y

from .._containers import ContainerMixin
from ..neighbors.params import NN_PARAMETER_CONSTRAINTS, NeighborParamsMixin, seeded_nn_backend
from ..over_sampling import SMOTE

_COMBINE_NN_DOC = """nn_backend : {"auto", "brute", "kdtree", "nndescent"} or object, default="auto"
        Neighbour search of the default ``smote`` and cleaning samplers (see
        :class:`fastsmote.SMOTE`); samplers passed explicitly keep their own.
        With ``"nndescent"`` both default steps seed NN-Descent with
        ``random_state``, so results repeat; pass
        ``fastsmote.neighbors.NNDescentNeighbors(...)`` to set pynndescent's
        parameters. ``nn_search_`` tells whether the searches were exact.

    n_jobs : int, default=None
        ``n_jobs`` of the default samplers: threads of fastsmote's kernels and
        jobs of scikit-learn neighbours objects. The output does not depend on
        it."""


class BaseSMOTECleaning(NeighborParamsMixin, ContainerMixin, BaseSampler):
    """SMOTE over-sampling followed by a cleaning sampler (not for direct use).

    Subclasses name the cleaning parameter (``_cleaner_param``), its accepted
    classes and its default.
    """

    _sampling_type = "over-sampling"
    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "smote": [ImblearnSMOTE, SMOTE, None],
        **NN_PARAMETER_CONSTRAINTS,
    }

    #: Name of the constructor parameter holding the cleaning sampler.
    _cleaner_param: str = ""
    #: fastsmote's class of the cleaning step.
    _cleaner_class: type = None

    def _default_cleaner(self):
        """The cleaning step when none is given: ``sampling_strategy="all"``, as in
        imbalanced-learn, with this sampler's ``n_jobs`` and (seeded) ``nn_backend``."""
        return self._cleaner_class(
            sampling_strategy="all",
            n_jobs=self.n_jobs,
            nn_backend=seeded_nn_backend(self.nn_backend, self.random_state),
        )

    def _validate_estimator(self):
        if self.smote is not None:
            self.smote_ = clone(self.smote)
        else:
            self.smote_ = SMOTE(
                sampling_strategy=self.sampling_strategy,
                random_state=self.random_state,
                nn_backend=self.nn_backend,
                n_jobs=self.n_jobs,
            )
        cleaner = getattr(self, self._cleaner_param)
        cleaner = clone(cleaner) if cleaner is not None else self._default_cleaner()
        setattr(self, f"{self._cleaner_param}_", cleaner)
        return cleaner

    def _fit_resample(self, X, y):
        cleaner = self._validate_estimator()
        y = check_target_type(y)
        X, y = check_X_y(X, y, accept_sparse=["csr", "csc"])
        self.sampling_strategy_ = self.sampling_strategy
        X_res, y_res = self.smote_.fit_resample(X, y)
        return cleaner.fit_resample(X_res, y_res)
