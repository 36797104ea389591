"""Tasks whose keys keep one definition, whichever outputs are computed together.

A sampler's outputs (``X_res``, ``y_res``, ``sample_indices_``) share tasks:
the class codes, the neighbour search, the keep decisions. When a user
computes them together and then one alone (or one after another), each
``compute`` optimises its own graph, and Dask's linear fusion merges a task
into a chain whenever it has one dependency and its dependency one dependent.
Which tasks qualify depends on which outputs are in the graph, so the same key
was submitted once as a task and once as an alias of a fused one; a scheduler
that still holds the first (released, not yet forgotten) then logs "Detected
different `run_spec` for key ...", which can cause failures and deadlocks.

Every task fastsmote.dask builds therefore also depends on one shared anchor
key: with two dependencies or more, a task is never absorbed into a chain,
and neither is a task depending on it, so its definition is the same in every
graph. Keys are the function's name and a token of its arguments, so a task
rebuilt from the same inputs has the same key.
"""

from __future__ import annotations

from collections.abc import Callable

import dask
from dask.base import tokenize

#: The shared extra dependency of every fastsmote.dask task (its value is unused).
ANCHOR = dask.delayed(0, name="fastsmote-anchor")


def _call(func, _anchor, *args, **kwargs):
    return func(*args, **kwargs)


def task(func: Callable, name: str | None = None) -> Callable:
    """``dask.delayed(func, pure=True)`` whose tasks also depend on :data:`ANCHOR`.

    Parameters
    ----------
    func : callable
        The function the task runs.
    name : str, optional
        Key prefix (default: the function's name).

    Returns
    -------
    make : callable
        ``make(*args, **kwargs)`` returns the Delayed call, keyed
        ``"<name>-<token of func and arguments>"``.

    Examples
    --------
    >>> import numpy as np
    >>> add = task(np.add)
    >>> a, b = add(1, 2), add(1, 2)
    >>> a.key == b.key, a.key.startswith("add-"), int(a.compute())
    (True, True, 3)
    >>> ANCHOR.key in a.dask
    True
    """
    call = dask.delayed(_call, pure=True)
    prefix = name or getattr(func, "__name__", "fastsmote-task")

    def make(*args, **kwargs):
        key = f"{prefix}-{tokenize(func, args, kwargs)}"
        return call(func, ANCHOR, *args, dask_key_name=key, **kwargs)

    return make
