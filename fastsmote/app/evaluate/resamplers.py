"""The resamplers ``fastsmote evaluate`` knows: names, defaults, construction.

A resampler comes from fastsmote when fastsmote has the class, else from
imbalanced-learn; :func:`make_resampler` says which.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from sklearn.base import BaseEstimator

from ..data import EvaluationInputError

__all__ = ["RESAMPLERS", "Resampler", "make_resampler", "resolve_resamplers"]


@dataclass(frozen=True)
class Resampler:
    """How to build one resampler of the evaluation.

    Parameters
    ----------
    name : str
        Name on the command line (``--resamplers``) and in the JSON output.
    label : str
        Name in tables and figures.
    attr : str
        Class name, in fastsmote and in imbalanced-learn.
    module : str
        imbalanced-learn module holding the class.
    kwargs : mapping, default={}
        Constructor arguments besides ``random_state`` and the neighbours.
    k_param : str, default="k_neighbors"
        Constructor parameter that ``--k-neighbors`` sets (``"smote"`` for the
        combined samplers: it then sets their SMOTE's ``k_neighbors``).
    default_k : int, default=5
        Neighbours used when ``--k-neighbors`` is not given.
    categorical : bool, default=False
        Whether the resampler takes ``categorical_features`` (SMOTE-NC).

    Examples
    --------
    >>> RESAMPLERS["KMeansSMOTE"].default_k
    2
    """

    name: str
    label: str
    attr: str
    module: str
    kwargs: Mapping = field(default_factory=dict)
    k_param: str = "k_neighbors"
    default_k: int = 5
    categorical: bool = False


_OVER = "imblearn.over_sampling"
#: Every resampler ``fastsmote evaluate`` knows, in run order.
RESAMPLERS: Mapping[str, Resampler] = MappingProxyType(
    {
        r.name: r
        for r in (
            Resampler("SMOTE", "SMOTE", "SMOTE", _OVER),
            Resampler("ADASYN", "ADASYN", "ADASYN", _OVER, k_param="n_neighbors"),
            Resampler(
                "BorderlineSMOTE-1",
                "Borderline-SMOTE 1",
                "BorderlineSMOTE",
                _OVER,
                {"kind": "borderline-1"},
            ),
            Resampler(
                "BorderlineSMOTE-2",
                "Borderline-SMOTE 2",
                "BorderlineSMOTE",
                _OVER,
                {"kind": "borderline-2"},
            ),
            Resampler("SVMSMOTE", "SVM-SMOTE", "SVMSMOTE", _OVER),
            Resampler("KMeansSMOTE", "KMeans-SMOTE", "KMeansSMOTE", _OVER, default_k=2),
            Resampler("SMOTEENN", "SMOTE-ENN", "SMOTEENN", "imblearn.combine", k_param="smote"),
            Resampler(
                "SMOTETomek", "SMOTE-Tomek", "SMOTETomek", "imblearn.combine", k_param="smote"
            ),
            Resampler("SMOTENC", "SMOTE-NC", "SMOTENC", _OVER, categorical=True),
        )
    }
)


#: Other spellings ``--resamplers`` accepts: the same as ``fastsmote compare``'s.
ALIASES = {
    "BorderlineSMOTE-1": ("borderline1",),
    "BorderlineSMOTE-2": ("borderline2",),
}


def resolve_resamplers(names: Sequence[str] | None, has_categorical: bool) -> list[Resampler]:
    """The resamplers to run, from user-typed names.

    Parameters
    ----------
    names : sequence of str or None
        Names as typed: case, spaces, ``-`` and ``_`` are ignored, so
        ``smote-enn`` and ``Borderline-SMOTE 1`` work (the matcher of
        ``fastsmote compare``, :func:`fastsmote.app.names.match_names`, which
        suggests the closest name for a typo). ``None`` chooses all that apply.
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
        return [r for r in RESAMPLERS.values() if has_categorical or not r.categorical]
    from ..names import match_names

    known = {r.name: (r.label, *ALIASES.get(r.name, ())) for r in RESAMPLERS.values()}
    chosen = [
        RESAMPLERS[name]
        for name in match_names(names, known, error=EvaluationInputError, what="resampler")
    ]
    if not has_categorical and any(r.categorical for r in chosen):
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
    """Build a resampler: fastsmote's class when fastsmote has it, else imbalanced-learn's.

    Parameters
    ----------
    spec : Resampler
        Which resampler.
    seed : int
        Its ``random_state``.
    k_neighbors : int or None, default=None
        Neighbours; ``None`` keeps the class's default.
    categorical_features : sequence of int, default=()
        Column indices, for SMOTE-NC.
    params : mapping or None, default=None
        Further constructor arguments (``--param``); they win over the others.

    Returns
    -------
    sampler : estimator
    library : {"fastsmote", "imbalanced-learn"}
    estimator : str
        The class's import path.

    Examples
    --------
    >>> sampler, library, path = make_resampler(RESAMPLERS["SMOTE"], seed=0, k_neighbors=3)
    >>> library, path, sampler.k_neighbors
    ('fastsmote', 'fastsmote.SMOTE', 3)
    """
    import fastsmote

    if hasattr(fastsmote, spec.attr):
        module, library = fastsmote, "fastsmote"
        path = f"fastsmote.{spec.attr}"
    else:
        module, library = importlib.import_module(spec.module), "imbalanced-learn"
        path = f"{spec.module}.{spec.attr}"
    kwargs = dict(spec.kwargs, random_state=seed)
    if spec.categorical:
        kwargs["categorical_features"] = list(categorical_features)
    if k_neighbors is not None:
        if spec.k_param == "smote":
            # The combined samplers take their SMOTE whole: the same library's.
            smote_cls = fastsmote.SMOTE if library == "fastsmote" else _imblearn_smote()
            kwargs["smote"] = smote_cls(k_neighbors=k_neighbors, random_state=seed)
        else:
            kwargs[spec.k_param] = k_neighbors
    kwargs.update(params or {})
    return getattr(module, spec.attr)(**kwargs), library, path


def _imblearn_smote():
    from imblearn.over_sampling import SMOTE

    return SMOTE
