"""Numba compilation flags, from one place.

Every kernel takes its flags from here so that caching and floating-point
semantics are decided once. ``fastmath`` is never enabled for kernels whose
results are returned to the user (interpolation, exact distances): fused
multiply-add and reassociation change bits and break parity with
imbalanced-learn. No kernel uses it: the screening kernels vectorise without
it (unsigned indices in their hot loops), and their candidates are verified
afterwards with exact arithmetic anyway.
"""

from __future__ import annotations

#: Flags for kernels whose output must be bit-exact.
EXACT = {"cache": True, "nogil": True, "fastmath": False}

#: Flags for exact kernels that run rows in parallel (``prange``).
EXACT_PARALLEL = {**EXACT, "parallel": True}


# -- runtime options ---------------------------------------------------------------
# One process-wide setting, read when a sampler searches neighbours. Kept
# here rather than as a constructor parameter because imbalanced-learn's
# samplers have no such parameter, and a drop-in must keep their signatures.

#: How tied neighbours are ordered by fastsmote's exact backends inside samplers:
#: ``"imblearn"`` returns the lists imbalanced-learn gets from scikit-learn
#: (its tie order, its first column dropped as "self" even when it is a
#: duplicate), ``"index"`` excludes each row by index and breaks ties by index.
NEIGHBOR_ORDERS = ("imblearn", "index")

_options = {"neighbor_order": "imblearn"}


def get_config() -> dict:
    """fastsmote's runtime options (a copy).

    Examples
    --------
    >>> get_config()["neighbor_order"]
    'imblearn'
    """
    return dict(_options)


def set_config(*, neighbor_order: str | None = None) -> None:
    """Set fastsmote's runtime options for the process.

    Parameters
    ----------
    neighbor_order : {"imblearn", "index"}, default=None
        ``"imblearn"`` (the default): samplers using fastsmote's exact
        backends see exactly the neighbour lists imbalanced-learn sees, ties
        and duplicate rows included, so outputs are identical. ``"index"``:
        each row is excluded from its own list by index and ties are broken
        by the smaller index, a rule that does not depend on scikit-learn's
        internals (but differs from imbalanced-learn where rows repeat or
        distances tie). ``None`` leaves it unchanged.
    """
    if neighbor_order is not None:
        if neighbor_order not in NEIGHBOR_ORDERS:
            raise ValueError(f"neighbor_order={neighbor_order!r} is not one of {NEIGHBOR_ORDERS}.")
        _options["neighbor_order"] = neighbor_order


class config_context:
    """Set fastsmote's runtime options inside a ``with`` block only.

    Examples
    --------
    >>> from fastsmote import config_context, get_config
    >>> with config_context(neighbor_order="index"):
    ...     get_config()["neighbor_order"]
    'index'
    >>> get_config()["neighbor_order"]
    'imblearn'
    """

    def __init__(self, *, neighbor_order: str | None = None):
        self._new = {"neighbor_order": neighbor_order}

    def __enter__(self):
        self._old = get_config()
        set_config(**self._new)
        return self

    def __exit__(self, *exc):
        set_config(**self._old)
        return False
