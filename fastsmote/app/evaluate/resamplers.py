"""The resamplers ``fastsmote evaluate`` knows: names, defaults, construction.

They are entries of the one sampler registry, :mod:`fastsmote._registry`
(its :data:`~fastsmote._registry.EVALUATED` ones, in that order, run by
default; then the :data:`~fastsmote._registry.PROTOTYPE` under-samplers, run
when named), each built from fastsmote by :func:`make_resampler`.

Examples
--------
>>> RESAMPLERS["KMeansSMOTE"].default_k
2
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from sklearn.base import BaseEstimator

from ..._registry import EVALUATED, PROTOTYPE, SAMPLERS
from ..._registry import Sampler as Resampler
from ..errors import EvaluationInputError

__all__ = ["RESAMPLERS", "Resampler", "make_resampler", "resolve_resamplers"]


#: Every resampler ``fastsmote evaluate`` knows, in run order: entries of the
#: sampler registry (:class:`fastsmote._registry.Sampler`).
RESAMPLERS: Mapping[str, Resampler] = MappingProxyType(
    {name: SAMPLERS[name] for name in (*EVALUATED, *PROTOTYPE)}
)


def resolve_resamplers(names: Sequence[str] | None, has_categorical: bool) -> list[Resampler]:
    """The resamplers to run, from user-typed names.

    Parameters
    ----------
    names : sequence of str or None
        Names as typed: case, spaces, ``-`` and ``_`` are ignored, so
        ``smote-enn`` and ``Borderline-SMOTE 1`` work (the matcher of
        ``fastsmote compare``, :func:`fastsmote.app.names.match_names`, which
        suggests the closest name for a typo). ``None`` chooses all of
        :data:`~fastsmote._registry.EVALUATED` that apply.
    has_categorical : bool
        Whether the data have categorical columns (needed by SMOTE-NC).

    Returns
    -------
    list of Resampler

    Raises
    ------
    EvaluationInputError
        For an unknown name, or SMOTE-NC without categorical columns.

    Examples
    --------
    >>> [r.name for r in resolve_resamplers(["smote-enn", "Borderline-SMOTE 1"], False)]
    ['SMOTEENN', 'BorderlineSMOTE-1']
    """
    if names is None:
        return [
            SAMPLERS[name]
            for name in EVALUATED
            if has_categorical or SAMPLERS[name].data == "continuous"
        ]
    from ..names import match_names

    known = {r.name: (r.label, *r.aliases) for r in RESAMPLERS.values()}
    chosen = [
        RESAMPLERS[name]
        for name in match_names(names, known, error=EvaluationInputError, what="resampler")
    ]
    if not has_categorical and any(r.data != "continuous" for r in chosen):
        raise EvaluationInputError(
            "SMOTE-NC needs categorical columns: name them with --categorical COLS"
        )
    return chosen


def make_resampler(
    spec: Resampler,
    seed: int,
    k_neighbors: int | None = None,
    categorical_features=(),
    params: Mapping | None = None,
) -> tuple[BaseEstimator, str, str]:
    """Build a resampler, fastsmote's class.

    Parameters
    ----------
    spec : Resampler
        Which resampler.
    seed : int
        Its ``random_state`` (where the class takes one).
    k_neighbors : int or None, default=None
        Neighbours; ``None`` keeps the class's default.
    categorical_features : sequence of int, default=()
        Column indices, for SMOTE-NC.
    params : mapping or None, default=None
        Further constructor arguments (``--param``); they win over the others.

    Returns
    -------
    sampler : estimator
    library : str
        ``"fastsmote"`` (reports name the library of every run).
    estimator : str
        The class's import path.

    Examples
    --------
    >>> sampler, library, path = make_resampler(RESAMPLERS["SMOTE"], seed=0, k_neighbors=3)
    >>> library, path, sampler.k_neighbors
    ('fastsmote', 'fastsmote.SMOTE', 3)
    """
    kwargs = dict(spec.params)
    if spec.random_state:
        kwargs["random_state"] = seed
    if spec.data == "mixed":
        kwargs["categorical_features"] = list(categorical_features)
    # A resampler without a neighbour count (RandomUnderSampler, ...) ignores it.
    if k_neighbors is not None and spec.k_param is not None:
        if spec.k_param == "smote":
            # The combined samplers take their SMOTE whole.
            smote = SAMPLERS["SMOTE"].fastsmote_class
            kwargs["smote"] = smote(k_neighbors=k_neighbors, random_state=seed)
        else:
            kwargs[spec.k_param] = k_neighbors
    kwargs.update(params or {})
    return spec.fastsmote_class(**kwargs), "fastsmote", f"fastsmote.{spec.class_name}"
