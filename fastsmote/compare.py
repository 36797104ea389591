"""Old home of ``fastsmote compare``'s engine, kept for ``tools/`` and ``benchmarks/``.

The engine lives in :mod:`fastsmote.app.compare`; new code imports it from
there (or the sampler registry from :mod:`fastsmote._registry`).
"""

from .app.compare import SAMPLERS, PeakMemory, row_agreement

__all__ = ["SAMPLERS", "PeakMemory", "row_agreement"]
