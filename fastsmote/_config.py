"""Numba compilation flags, from one place.

Every kernel takes its flags from here so that caching and floating-point
semantics are decided once. ``fastmath`` is never enabled for kernels whose
results are returned to the user (interpolation, exact distances): fused
multiply-add and reassociation change bits and break parity with
imbalanced-learn. The only fastmath kernels compute *candidate* distances whose
ranking is verified afterwards with exact arithmetic.
"""

from __future__ import annotations

#: Flags for kernels whose output must be bit-exact.
EXACT = {"cache": True, "nogil": True, "fastmath": False}

#: Flags for exact kernels that run rows in parallel (``prange``).
EXACT_PARALLEL = {**EXACT, "parallel": True}

#: Flags for candidate-screening kernels: results are re-ranked exactly later.
SCREEN_PARALLEL = {"cache": True, "nogil": True, "parallel": True, "fastmath": True}
