"""The random stream cut into chunks: generator states recorded on the client.

imbalanced-learn draws a class's interpolation plan from one MT19937 stream:
``randint(0, n * K, size)`` and then ``uniform(size)``. ``randint`` rejects
draws, so where chunk ``c``'s slice starts in the stream cannot be computed,
only reached. The client therefore runs the stream once, chunk by chunk, and
records ``get_state()`` before each slice of each phase (about 2.5 KB per
state); a task restores its states and draws exactly its slice. The values
drawn by the client are dropped at once, so the client holds one chunk of them
at a time. Per-chunk seeds would not reproduce the stream.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: A recorded ``RandomState.get_state()`` tuple.
State = tuple


def restore(state: State) -> np.random.RandomState:
    """A fresh generator positioned at ``state``."""
    random_state = np.random.RandomState()
    random_state.set_state(state)
    return random_state


def record_states(
    random_state: np.random.RandomState,
    sizes: list[int],
    draw: Callable[[np.random.RandomState, int], np.ndarray],
    visit: Callable[[int, np.ndarray], None] | None = None,
) -> list[State]:
    """Advance ``random_state`` through ``draw`` for each slice size, recording states.

    Parameters
    ----------
    random_state : numpy.random.RandomState
        The generator the single-machine sampler draws from, advanced exactly
        as one ``draw(random_state, sum(sizes))`` would advance it.
    sizes : list of int
        The slice lengths, in output order.
    draw : callable
        ``draw(random_state, n)`` makes the phase's draws of ``n`` values.
    visit : callable, optional
        Called as ``visit(chunk, values)`` with each slice's values, for plans
        whose next phase depends on them (Borderline-SMOTE-2).

    Returns
    -------
    states : list
        The state before each slice.

    Examples
    --------
    >>> rng = np.random.RandomState(0)
    >>> states = record_states(rng, [2, 3], lambda r, n: r.randint(0, 10, size=n))
    >>> whole = np.random.RandomState(0).randint(0, 10, size=5)
    >>> parts = [restore(s).randint(0, 10, size=n) for s, n in zip(states, [2, 3])]
    >>> bool((np.concatenate(parts) == whole).all())
    True
    """
    states = []
    for chunk, n in enumerate(sizes):
        states.append(random_state.get_state())
        values = draw(random_state, n)
        if visit is not None:
            visit(chunk, values)
    return states


def draw_flat(random_state: np.random.RandomState, high: int, n: int) -> np.ndarray:
    """SMOTE's first phase: ``randint(0, high, n)`` (see ``draw_interpolation``)."""
    return random_state.randint(low=0, high=high, size=n)


def draw_uniform(random_state: np.random.RandomState, n: int) -> np.ndarray:
    """SMOTE's and ADASYN's steps: ``uniform(size=n)``."""
    return random_state.uniform(size=n)


def interpolation_plan(random_state, n_rows: int, n_cols: int, sizes: list[int]):
    """Recorded states of SMOTE's two phases for output slices of ``sizes``.

    Mirrors :func:`fastsmote._random.draw_interpolation` (which draws
    ``randint(0, n_rows * n_cols, n)`` and then ``uniform(n)`` from one
    generator), cut into slices.

    Returns
    -------
    flat_states, step_states : list
    random_state : numpy.random.RandomState
        The generator, advanced past both phases.
    """
    from sklearn.utils import check_random_state

    random_state = check_random_state(random_state)
    high = n_rows * n_cols
    flat_states = record_states(random_state, sizes, lambda r, n: draw_flat(r, high, n))
    step_states = record_states(random_state, sizes, draw_uniform)
    return flat_states, step_states, random_state


def replay_interpolation(flat_state, step_state, n_rows, n_cols, n, step_size=1.0):
    """One slice of :func:`fastsmote._random.draw_interpolation`'s output.

    Returns ``(rows, cols, steps)`` for the slice whose states were recorded
    by :func:`interpolation_plan`.
    """
    flat = draw_flat(restore(flat_state), n_rows * n_cols, n)
    steps = step_size * draw_uniform(restore(step_state), n)
    rows, cols = np.divmod(flat, n_cols)
    return rows.astype(np.int64, copy=False), cols.astype(np.int64, copy=False), steps
