"""Old home of ``fastsmote compare --suite real``, kept for ``tools/`` and ``benchmarks/``.

The suite lives in :mod:`fastsmote.app.compare_suite`.
"""

from .app.compare_suite import SUITE_SAMPLERS

__all__ = ["SUITE_SAMPLERS"]
