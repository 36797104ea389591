"""SMOTETomek and SMOTEENN on Dask: the Dask SMOTE, then the Dask cleaning sampler.

The cleaning step runs on SMOTE's lazy output (the input's chunks followed by
the new rows' chunks); the class counts after SMOTE are known without
computing anything, so the only eager work is SMOTE's.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator

from .. import combine as local_combine
from ..neighbors.params import seeded_nn_backend
from ..neighbors.report import NeighborSearch
from ._base import DaskSampler, doc_example
from ._collections import Inputs
from .over_sampling import SMOTE
from .under_sampling import EditedNearestNeighbours, TomekLinks


class _DaskSMOTECleaning(DaskSampler):
    """SMOTE followed by a cleaning sampler, on Dask (not for direct use)."""

    _dask_params = ("client", "chunk_size", "search")
    _cleaner_param = ""
    _dask_cleaner_class: type = None

    def _local_params(self) -> dict:
        params = super()._local_params()
        # The single-machine twin holds single-machine samplers.
        for name in ("smote", self._cleaner_param):
            if isinstance(params[name], DaskSampler):
                params[name] = params[name]._local_class(**params[name]._local_params())
        return params

    def _dask_version(self, given, dask_class, default):
        """A Dask sampler for the ``smote`` or cleaning parameter."""
        common = {"client": self.client, "chunk_size": self.chunk_size}
        if given is None:
            return default
        if isinstance(given, dask_class):
            return given.__class__(**given.get_params(deep=False))
        local_class = dask_class._local_class
        if isinstance(given, local_class):
            return dask_class(**given.get_params(deep=False), **common)
        raise TypeError(
            f"{type(self).__name__} on Dask takes None, a fastsmote {local_class.__name__} or a "
            f"fastsmote.dask {dask_class.__name__} for this parameter; got "
            f"{type(given).__module__}.{type(given).__name__}, which has no Dask version."
        )

    def _default_cleaner(self):
        """The cleaning step when none is given: ``sampling_strategy="all"``."""
        return self._dask_cleaner_class(
            sampling_strategy="all",
            n_jobs=self.n_jobs,
            nn_backend=seeded_nn_backend(self.nn_backend, self.random_state),
            client=self.client,
            chunk_size=self.chunk_size,
            search=self.search,
        )

    def _resample(self, inputs):
        local = self._start_fit(inputs, validate_strategy=False)
        # As imbalanced-learn: the combined sampler keeps the strategy as given.
        local.sampling_strategy_ = self.sampling_strategy
        self.sampling_strategy_ = self.sampling_strategy
        default_smote = SMOTE(
            sampling_strategy=self.sampling_strategy,
            random_state=self.random_state,
            nn_backend=self.nn_backend,
            n_jobs=self.n_jobs,
            client=self.client,
            chunk_size=self.chunk_size,
        )
        smote = self._dask_version(self.smote, SMOTE, default_smote)
        cleaner = self._dask_version(
            getattr(self, self._cleaner_param), self._dask_cleaner_class, self._default_cleaner()
        )
        X_s, y_s = smote._resample(inputs)
        generated = np.array(
            [smote.sampling_strategy_.get(c, 0) for c in self.classes_], dtype=np.int64
        )
        after = Inputs(
            X=X_s,
            y=y_s,
            kind=inputs.kind,
            columns=inputs.columns,
            dtypes=inputs.dtypes,
            y_name=inputs.y_name,
            y_is_frame=inputs.y_is_frame,
            y_dtype=inputs.y_dtype,
            classes=self.classes_,
            counts=self.class_counts_ + generated,
        )
        X_res, y_res = cleaner._resample(after)
        self.smote_ = smote
        setattr(self, f"{self._cleaner_param}_", cleaner)
        local.smote_ = smote.local_
        setattr(local, f"{self._cleaner_param}_", cleaner.local_)
        self.nn_search_ = NeighborSearch(
            backends=smote.nn_search_.backends + cleaner.nn_search_.backends,
            exact=cleaner.nn_search_.exact and smote.nn_search_.exact,
        )
        return X_res, y_res

    def to_local(self) -> BaseEstimator:
        """The fitted single-machine sampler; its cleaner's ``sample_indices_`` computed.

        Returns
        -------
        sampler : fastsmote sampler
        """
        local = super().to_local()
        cleaner = getattr(self, f"{self._cleaner_param}_")
        setattr(local, f"{self._cleaner_param}_", cleaner.to_local())
        return local


class SMOTETomek(_DaskSMOTECleaning):
    """SMOTE then Tomek-link removal on Dask, identical to :class:`fastsmote.SMOTETomek`.

    Parameters
    ----------
    sampling_strategy, random_state, n_jobs, nn_backend
        As :class:`fastsmote.SMOTETomek`.
    smote : SMOTE, default=None
        fastsmote's :class:`~fastsmote.SMOTE` or :class:`fastsmote.dask.SMOTE`
        (None: ``SMOTE(sampling_strategy, random_state)``).
    tomek : TomekLinks, default=None
        fastsmote's :class:`~fastsmote.TomekLinks` or
        :class:`fastsmote.dask.TomekLinks` (None: ``sampling_strategy="all"``).
    client : distributed.Client, default=None
        ``None`` uses the default client.
    chunk_size : int, default=None
        Rows per chunk of SMOTE's new rows and per block of the Tomek join.
    search : {"exact", "approximate"}, default="exact"
        The default Tomek step's search (see :class:`fastsmote.dask.TomekLinks`).

    Attributes
    ----------
    smote_, tomek_ : Dask samplers
        The fitted steps (``tomek_.sample_indices_`` indexes SMOTE's output).
    nn_search_ : NeighborSearch
    local_ : fastsmote.SMOTETomek

    Examples
    --------
    {example}
    """

    _local_class = local_combine.SMOTETomek
    _cleaner_param = "tomek"
    _dask_cleaner_class = TomekLinks

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        smote=None,
        tomek=None,
        n_jobs=None,
        nn_backend="auto",
        client=None,
        chunk_size=None,
        search="exact",
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.tomek = tomek
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend
        self.client = client
        self.chunk_size = chunk_size
        self.search = search


class SMOTEENN(_DaskSMOTECleaning):
    """SMOTE then edited nearest neighbours on Dask, identical to :class:`fastsmote.SMOTEENN`.

    Parameters
    ----------
    sampling_strategy, random_state, n_jobs, nn_backend
        As :class:`fastsmote.SMOTEENN`.
    smote : SMOTE, default=None
        fastsmote's :class:`~fastsmote.SMOTE` or :class:`fastsmote.dask.SMOTE`.
    enn : EditedNearestNeighbours, default=None
        fastsmote's or :class:`fastsmote.dask.EditedNearestNeighbours`
        (None: ``sampling_strategy="all"``).
    client, chunk_size, search
        As :class:`SMOTETomek`.

    Attributes
    ----------
    smote_, enn_ : Dask samplers
    nn_search_ : NeighborSearch
    local_ : fastsmote.SMOTEENN

    Examples
    --------
    {example}
    """

    _local_class = local_combine.SMOTEENN
    _cleaner_param = "enn"
    _dask_cleaner_class = EditedNearestNeighbours

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        smote=None,
        enn=None,
        n_jobs=None,
        nn_backend="auto",
        client=None,
        chunk_size=None,
        search="exact",
    ):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.enn = enn
        self.n_jobs = n_jobs
        self.nn_backend = nn_backend
        self.client = client
        self.chunk_size = chunk_size
        self.search = search


for _cls, _call, _counts in (
    (SMOTETomek, "SMOTETomek(random_state=0)", "[450, 450]"),
    (SMOTEENN, "SMOTEENN(random_state=0)", "[311, 447]"),
):
    _cls.__doc__ = _cls.__doc__.replace("{example}", doc_example(_cls.__name__, _call, _counts))
