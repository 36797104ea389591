"""Old home of ``fastsmote compare --suite real``, kept for ``tools/`` and ``benchmarks/``.

The suite lives in :mod:`fastsmote.app.compare.suite`, its samplers in the
registry (:data:`fastsmote._registry.SUITE`).
"""

from ._registry import SUITE as SUITE_SAMPLERS

__all__ = ["SUITE_SAMPLERS"]
