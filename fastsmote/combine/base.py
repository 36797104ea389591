"""What SMOTEENN and SMOTETomek share: SMOTE first, then a cleaning sampler."""

from __future__ import annotations

import numbers

from imblearn.base import BaseSampler
from imblearn.over_sampling import SMOTE as ImblearnSMOTE
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import check_target_type
from sklearn.base import clone
from sklearn.utils import check_X_y
from sklearn.utils._param_validation import HasMethods, StrOptions

from .._containers import ContainerMixin
from ..neighbors import NNDescentNeighbors
from ..neighbors.auto import BACKEND_NAMES
from ..neighbors.report import describe_search
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


class BaseSMOTECleaning(ContainerMixin, BaseSampler):
    """SMOTE over-sampling followed by a cleaning sampler (not for direct use).

    Subclasses name the cleaning parameter (``_cleaner_param``), its accepted
    classes and its default.
    """

    _sampling_type = "over-sampling"
    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "smote": [ImblearnSMOTE, SMOTE, None],
        "nn_backend": [StrOptions(set(BACKEND_NAMES)), HasMethods(["kneighbors"])],
        "n_jobs": [numbers.Integral, None],
    }

    #: Name of the constructor parameter holding the cleaning sampler.
    _cleaner_param: str = ""

    #: After fitting: a :class:`~fastsmote.neighbors.report.NeighborSearch` naming
    #: the neighbour searches of both steps and whether all were exact (read-only).
    nn_search_ = property(describe_search)

    def _default_cleaner(self):
        raise NotImplementedError

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
        if cleaner is not None:
            cleaner = clone(cleaner)
        else:
            cleaner = self._default_cleaner()
            if isinstance(self.nn_backend, str) and self.nn_backend == "nndescent":
                # Cleaners have no random_state: NN-Descent gets this sampler's,
                # so that results repeat.
                cleaner.set_params(nn_backend=NNDescentNeighbors(random_state=self.random_state))
        setattr(self, f"{self._cleaner_param}_", cleaner)
        return cleaner

    def _fit_resample(self, X, y):
        cleaner = self._validate_estimator()
        y = check_target_type(y)
        X, y = check_X_y(X, y, accept_sparse=["csr", "csc"])
        self.sampling_strategy_ = self.sampling_strategy
        X_res, y_res = self.smote_.fit_resample(X, y)
        return cleaner.fit_resample(X_res, y_res)
