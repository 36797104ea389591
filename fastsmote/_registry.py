"""The one registry of fastsmote's samplers: what each is and how the applications build it.

:data:`SAMPLERS` is read by ``fastsmote compare`` and ``fastsmote evaluate``
(their sampler names, defaults and choices), by :func:`fastsmote.warmup` and by
the tests that mean "every sampler". A sampler appears once per variant a
user can name: BorderlineSMOTE twice, as ``BorderlineSMOTE-1`` and
``BorderlineSMOTE-2``.

Classes are imported only when asked for (:attr:`Sampler.fastsmote_class`),
so importing this module imports no sampler.

Examples
--------
>>> SAMPLERS["BorderlineSMOTE-2"].params
mappingproxy({'kind': 'borderline-2'})
>>> SAMPLERS["SMOTENC"].data, SAMPLERS["SMOTEN"].data, SAMPLERS["SMOTE"].data
('mixed', 'categorical', 'continuous')
>>> SAMPLERS["TomekLinks"].reference_path
'imblearn.under_sampling.TomekLinks'
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "CLASSES",
    "CLASS_NAMES",
    "COMPARED",
    "EVALUATED",
    "PROTOTYPE",
    "SAMPLERS",
    "SUITE",
    "Sampler",
    "sampler_classes",
]

#: Where each kind of sampler lives: the fastsmote subpackage and imbalanced-learn's.
_PACKAGES = {
    "over": ("over_sampling", "over_sampling"),
    "under": ("under_sampling", "under_sampling"),
    "combine": ("combine", "combine"),
}


@dataclass(frozen=True)
class Sampler:
    """One sampler as users name it.

    Parameters
    ----------
    name : str
        The name on the command line and in reports (``BorderlineSMOTE-1``).
    class_name : str
        The class, of fastsmote and of imbalanced-learn (``BorderlineSMOTE``).
    kind : {"over", "under", "combine"}
        Over-sampler, cleaning under-sampler or combination of both.
    params : mapping, default={}
        Constructor arguments that make this variant (``kind="borderline-1"``);
        both commands pass them to both libraries.
    label : str, default=""
        Name in evaluate's tables and figures (``name`` when empty).
    aliases : tuple of str, default=()
        Other spellings both commands accept (besides case, ``-`` and ``_``).
    data : {"continuous", "mixed", "categorical"}, default="continuous"
        The features it resamples: numeric only, numeric with categorical
        columns (``categorical_features``, SMOTE-NC), or categorical only
        (SMOTE-N).
    random_state, nn_backend, n_jobs : bool, default=True
        Whether the constructor takes that parameter.
    k_param : str or None, default="k_neighbors"
        The neighbour count evaluate's ``--k-neighbors`` sets; ``"smote"`` for
        the combinations (it sets their SMOTE's ``k_neighbors``); ``None``
        when there is none.
    default_k : int or None, default=5
        That count's default.
    warmup_params : mapping, default={}
        Arguments that let :func:`fastsmote.warmup` run it on 64 tiny rows.

    Examples
    --------
    >>> SAMPLERS["SMOTE"].fastsmote_class.__name__, SAMPLERS["SMOTE"].label
    ('SMOTE', 'SMOTE')
    """

    name: str
    class_name: str
    kind: str
    params: Mapping = field(default_factory=dict)
    label: str = ""
    aliases: tuple[str, ...] = ()
    data: str = "continuous"
    random_state: bool = True
    nn_backend: bool = True
    n_jobs: bool = True
    k_param: str | None = "k_neighbors"
    default_k: int | None = 5
    warmup_params: Mapping = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Frozen and shared by every caller: no caller may change a default.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "warmup_params", MappingProxyType(dict(self.warmup_params)))
        if not self.label:
            object.__setattr__(self, "label", self.name)

    @property
    def fastsmote_class(self) -> type:
        """fastsmote's class (imported on first use)."""
        module = importlib.import_module(f"fastsmote.{_PACKAGES[self.kind][0]}")
        return getattr(module, self.class_name)

    @property
    def reference_path(self) -> str:
        """Import path of imbalanced-learn's class."""
        return f"imblearn.{_PACKAGES[self.kind][1]}.{self.class_name}"

    @property
    def reference_class(self) -> type:
        """imbalanced-learn's class (imported on first use)."""
        module, _, name = self.reference_path.rpartition(".")
        return getattr(importlib.import_module(module), name)


_CLEANER = {"random_state": False, "k_param": "n_neighbors", "default_k": 3}

#: Every sampler, in the order ``fastsmote compare`` runs them.
SAMPLERS: Mapping[str, Sampler] = MappingProxyType(
    {
        s.name: s
        for s in (
            Sampler("SMOTE", "SMOTE", "over"),
            Sampler(
                "BorderlineSMOTE-1",
                "BorderlineSMOTE",
                "over",
                {"kind": "borderline-1"},
                label="Borderline-SMOTE 1",
                aliases=("Borderline-SMOTE 1", "borderline1"),
            ),
            Sampler(
                "BorderlineSMOTE-2",
                "BorderlineSMOTE",
                "over",
                {"kind": "borderline-2"},
                label="Borderline-SMOTE 2",
                aliases=("Borderline-SMOTE 2", "borderline2"),
            ),
            Sampler("ADASYN", "ADASYN", "over", k_param="n_neighbors"),
            Sampler("SVMSMOTE", "SVMSMOTE", "over", label="SVM-SMOTE", aliases=("SVM-SMOTE",)),
            Sampler(
                "KMeansSMOTE",
                "KMeansSMOTE",
                "over",
                label="KMeans-SMOTE",
                aliases=("KMeans-SMOTE",),
                default_k=2,
                warmup_params={"kmeans_estimator": 2, "cluster_balance_threshold": 0.0},
            ),
            Sampler(
                "SMOTENC",
                "SMOTENC",
                "over",
                label="SMOTE-NC",
                aliases=("SMOTE-NC",),
                data="mixed",
                warmup_params={"categorical_features": [2]},
            ),
            Sampler("SMOTEN", "SMOTEN", "over", data="categorical", nn_backend=False),
            Sampler(
                "RandomOverSampler",
                "RandomOverSampler",
                "over",
                aliases=("ROS",),
                nn_backend=False,
                n_jobs=False,
                k_param=None,
                default_k=None,
                warmup_params={"shrinkage": 1.0},
            ),
            Sampler(
                "TomekLinks",
                "TomekLinks",
                "under",
                aliases=("Tomek",),
                **{**_CLEANER, "k_param": None, "default_k": None},
            ),
            Sampler(
                "EditedNearestNeighbours",
                "EditedNearestNeighbours",
                "under",
                aliases=("ENN", "EditedNearestNeighbors"),
                **_CLEANER,
            ),
            Sampler(
                "RepeatedEditedNearestNeighbours",
                "RepeatedEditedNearestNeighbours",
                "under",
                aliases=("RENN", "RepeatedEditedNearestNeighbors"),
                **_CLEANER,
            ),
            Sampler("AllKNN", "AllKNN", "under", **_CLEANER),
            *(
                Sampler(
                    f"NearMiss-{version}",
                    "NearMiss",
                    "under",
                    {"version": version},
                    label=f"NearMiss {version}",
                    aliases=(f"NearMiss {version}", f"nearmiss{version}"),
                    random_state=False,
                    k_param="n_neighbors",
                    default_k=3,
                    # 16 minority rows of the warm-up data: scikit-learn would
                    # search them by brute force, so the ordering kernels compile.
                    warmup_params={"n_neighbors": 8},
                )
                for version in (1, 2, 3)
            ),
            Sampler(
                "CondensedNearestNeighbour",
                "CondensedNearestNeighbour",
                "under",
                aliases=("CNN", "CondensedNearestNeighbor"),
                k_param="n_neighbors",
                default_k=None,  # None: a 1-NN classifier
            ),
            Sampler(
                "OneSidedSelection",
                "OneSidedSelection",
                "under",
                aliases=("OSS",),
                k_param="n_neighbors",
                default_k=None,  # None: a 1-NN classifier
            ),
            Sampler(
                "NeighbourhoodCleaningRule",
                "NeighbourhoodCleaningRule",
                "under",
                aliases=("NCR", "NeighborhoodCleaningRule"),
                **_CLEANER,
            ),
            Sampler(
                "RandomUnderSampler",
                "RandomUnderSampler",
                "under",
                aliases=("RUS",),
                nn_backend=False,
                n_jobs=False,
                k_param=None,
                default_k=None,
            ),
            Sampler(
                "ClusterCentroids",
                "ClusterCentroids",
                "under",
                nn_backend=False,
                n_jobs=False,
                k_param=None,
                default_k=None,
            ),
            Sampler(
                "InstanceHardnessThreshold",
                "InstanceHardnessThreshold",
                "under",
                aliases=("IHT",),
                nn_backend=False,
                k_param=None,
                default_k=None,
                warmup_params={"cv": 2},
            ),
            Sampler(
                "SMOTEENN",
                "SMOTEENN",
                "combine",
                label="SMOTE-ENN",
                aliases=("SMOTE-ENN",),
                k_param="smote",
            ),
            Sampler(
                "SMOTETomek",
                "SMOTETomek",
                "combine",
                label="SMOTE-Tomek",
                aliases=("SMOTE-Tomek",),
                k_param="smote",
            ),
        )
    }
)

#: The samplers ``fastsmote compare`` runs when ``--samplers`` names none (the
#: others, e.g. imbalanced-learn's slow prototype-selection under-samplers,
#: run when named).
COMPARED: tuple[str, ...] = (
    "SMOTE",
    "BorderlineSMOTE-1",
    "BorderlineSMOTE-2",
    "ADASYN",
    "SVMSMOTE",
    "KMeansSMOTE",
    "SMOTENC",
    "SMOTEN",
    "RandomOverSampler",
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
    "SMOTEENN",
    "SMOTETomek",
)

#: imbalanced-learn's other under-samplers (prototype selection and
#: generation): options of ``fastsmote compare`` and ``fastsmote evaluate``,
#: not defaults (imbalanced-learn's versions of some take hours on the
#: default workload).
PROTOTYPE: tuple[str, ...] = (
    "NearMiss-1",
    "NearMiss-2",
    "NearMiss-3",
    "CondensedNearestNeighbour",
    "OneSidedSelection",
    "NeighbourhoodCleaningRule",
    "RandomUnderSampler",
    "ClusterCentroids",
    "InstanceHardnessThreshold",
)

#: The resamplers ``fastsmote evaluate`` runs, in its order (SMOTE-NC only on
#: data with categorical columns).
EVALUATED: tuple[str, ...] = (
    "SMOTE",
    "ADASYN",
    "BorderlineSMOTE-1",
    "BorderlineSMOTE-2",
    "SVMSMOTE",
    "KMeansSMOTE",
    "SMOTEENN",
    "SMOTETomek",
    "SMOTENC",
)

#: The neighbour-based samplers ``fastsmote compare --suite real`` runs by default.
SUITE: tuple[str, ...] = (
    "SMOTE",
    "ADASYN",
    "BorderlineSMOTE-1",
    "BorderlineSMOTE-2",
    "SVMSMOTE",
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
    "SMOTEENN",
    "SMOTETomek",
)

#: Every sampler class fastsmote exports, once each, in :data:`SAMPLERS`' order ->
#: its first entry (BorderlineSMOTE -> ``BorderlineSMOTE-1``): what tests read
#: when they mean "every sampler class".
CLASSES: Mapping[str, Sampler] = MappingProxyType(
    {
        name: next(s for s in SAMPLERS.values() if s.class_name == name)
        for name in dict.fromkeys(s.class_name for s in SAMPLERS.values())
    }
)

#: The names of :data:`CLASSES`.
CLASS_NAMES: tuple[str, ...] = tuple(CLASSES)


def sampler_classes() -> dict[str, type]:
    """Class name -> fastsmote's class, for every sampler class.

    Examples
    --------
    >>> sampler_classes()["AllKNN"].__module__
    'fastsmote.under_sampling.repeated'
    """
    return {name: spec.fastsmote_class for name, spec in CLASSES.items()}
