"""Old home of ``fastsmote compare``'s engine, kept for ``tools/`` and ``benchmarks/``.

The engine lives in :mod:`fastsmote.app.compare` and the samplers in the
registry, :mod:`fastsmote._registry`; new code imports them from there.
"""

from ._registry import SAMPLERS as _REGISTRY
from .app.compare import PeakMemory, row_agreement

#: Sampler name -> (fastsmote class name, imbalanced-learn class path, the
#: variant's parameters): the registry in the shape tools/ and benchmarks/ read.
SAMPLERS: dict[str, tuple[str, str, dict]] = {
    name: (spec.class_name, spec.reference_path, dict(spec.params))
    for name, spec in _REGISTRY.items()
}

__all__ = ["SAMPLERS", "PeakMemory", "row_agreement"]
