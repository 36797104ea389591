"""Run fastsmote and imbalanced-learn side by side: speed, memory, same output?

The engine behind ``fastsmote compare``. Each sampler runs under both
libraries on the same data and seed; fastsmote is timed warm (its kernels
compiled by a first call on a small slice, whose time is reported apart as
compile time), both are timed over ``repeat`` runs (median), and the outputs
are compared: identical or not for exact backends, the share of fastsmote's
output rows found in the reference output for approximate ones.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from .processes import run_in_child

__all__ = ["DEFAULT_BUDGET", "Result", "compare_sampler", "row_agreement"]

#: Default of ``fastsmote compare --budget``: seconds of resampling after which
#: an imbalanced-learn run is stopped (its row then says so).
DEFAULT_BUDGET = 300.0


@dataclass
class Result:
    """One sampler's comparison; ``None`` where a figure could not be had."""

    sampler: str
    backend: str
    reference_seconds: float | None = None
    fastsmote_seconds: float | None = None
    compile_seconds: float | None = None
    speedup: float | None = None
    reference_peak_mb: float | None = None
    fastsmote_peak_mb: float | None = None
    check: str = ""
    agreement: float | None = None
    rows_out: int | None = None
    note: str = ""
    exact: bool = True
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """A JSON-ready dictionary."""
        return asdict(self)


def row_agreement(reference: np.ndarray, candidate: np.ndarray) -> float:
    """Share of ``candidate``'s rows that are also rows of ``reference``.

    Examples
    --------
    >>> row_agreement(np.eye(3), np.array([[1.0, 0, 0], [2.0, 0, 0]]))
    0.5
    """
    reference = np.ascontiguousarray(reference)
    candidate = np.ascontiguousarray(candidate, dtype=reference.dtype)
    # Each row viewed as one opaque value, so that rows compare whole.
    row_type = np.dtype((np.void, reference.dtype.itemsize * reference.shape[1]))
    known = np.unique(reference.view(row_type).ravel())
    found = np.isin(candidate.view(row_type).ravel(), known)
    return float(found.mean()) if found.size else 1.0


def compare_sampler(
    name: str,
    X: np.ndarray,
    y: np.ndarray,
    *,
    backend: str = "auto",
    seed: int = 0,
    repeat: int = 1,
    budget: float | None = None,
    params: dict | None = None,
    progress=None,
    categorical: Sequence[int] = (),
) -> Result:
    """Compare one sampler on ``X``, ``y``; see the module docstring.

    Each library runs in a fresh process of its own (so that neither's memory
    peak hides the other's, and imports are not timed). ``budget`` (seconds,
    ``None`` or 0 for no limit) stops a run of imbalanced-learn whose
    resampling takes longer; ``params`` are extra constructor arguments for
    both libraries; ``progress(library, stage, seconds)`` is called about once
    a second while a library runs. ``categorical`` are the indices of the
    categorical columns of ``X``: SMOTE-NC runs with them as its
    ``categorical_features``, SMOTE-N on them alone; without them both are
    skipped, and their row says why.
    """
    from ..._registry import SAMPLERS
    from ...neighbors import is_exact, make_backend

    result = Result(sampler=name, backend=backend)
    result.exact = is_exact(make_backend(backend, 2))
    extra = dict(params or {})
    needs = SAMPLERS[name].data
    if needs != "continuous":
        if not len(categorical):
            result.check = "skipped"
            result.note = (
                "needs categorical columns: --csv FILE --categorical COLS, or --workload W6"
            )
            return result
        if needs == "categorical":  # SMOTE-N: the categorical features only
            X = np.ascontiguousarray(X[:, list(categorical)])
        else:
            extra = {"categorical_features": list(categorical), **extra}

    def tick(library):
        if progress is None:
            return None
        return lambda stage, seconds: progress(library, stage, seconds)

    with tempfile.TemporaryDirectory(prefix="fastsmote-compare-") as tmp:
        np.save(os.path.join(tmp, "X.npy"), X)
        np.save(os.path.join(tmp, "y.npy"), y)
        fast = run_in_child(
            "fastsmote", name, tmp, seed, backend, extra, repeat, None, tick("fastsmote")
        )
        ref = run_in_child(
            "imblearn", name, tmp, seed, None, extra, repeat, budget, tick("imbalanced-learn")
        )
    result.compile_seconds = fast.compile_seconds
    result.fastsmote_seconds = fast.seconds
    result.fastsmote_peak_mb = fast.peak_mb
    if fast.output is not None:
        result.rows_out = int(fast.output[0].shape[0])
    if ref.stopped_after is not None:
        result.check = "reference stopped"
        result.note = (
            f"imbalanced-learn did not finish within the {budget:g} s budget and was stopped "
            f"after {ref.stopped_after:.1f} s of resampling"
        )
        if fast.error is not None:
            result.note += f"; fastsmote raises {_short(fast.error[0])}: {fast.error[1]}"
        elif fast.seconds:
            result.note += (
                f" (fastsmote: {fast.seconds:.2f} s, at least {budget / fast.seconds:.0f}x faster)"
            )
        return result
    if fast.error is not None or ref.error is not None:
        return _compare_errors(result, fast.error, ref.error)
    result.reference_seconds = ref.seconds
    result.reference_peak_mb = ref.peak_mb
    result.speedup = ref.seconds / fast.seconds if fast.seconds > 0 else None
    fast_out, ref_out = fast.output, ref.output
    same = (
        fast_out[0].dtype == ref_out[0].dtype
        and np.array_equal(fast_out[0], ref_out[0])
        and np.array_equal(fast_out[1], ref_out[1])
    )
    if (
        same
        and ref.indices is not None
        and fast.indices is not None
        # imbalanced-learn's own RENN indices can disagree with its output
        and name != "RepeatedEditedNearestNeighbours"
    ):
        same = np.array_equal(fast.indices, ref.indices)
    if same:
        result.check = "identical"
        result.agreement = 1.0
    else:
        result.agreement = row_agreement(ref_out[0], fast_out[0])
        result.check = "differs" if result.exact else f"agreement {result.agreement:.4f}"
    return result


def _short(class_name: str) -> str:
    return class_name.rpartition(".")[2]


def _compare_errors(
    result: Result, fast_error: tuple[str, str] | None, ref_error: tuple[str, str] | None
) -> Result:
    """Fill ``result`` when a library raised: does the other raise the same class?

    Errors are ``(exception class path, message)``; the same exception class
    is "same error" whatever the messages (fastsmote's say more about what to
    change). The note names the class and both messages, and what to try.
    """
    from ..names import hint_for

    if fast_error is not None:
        result.details["fastsmote_error"] = list(fast_error)
    if ref_error is not None:
        result.details["imblearn_error"] = list(ref_error)
    if fast_error is None or ref_error is None:
        only, (cls, message) = (
            ("fastsmote", fast_error) if ref_error is None else ("imbalanced-learn", ref_error)
        )
        result.check = "differs"
        result.note = f"only {only} raises {_short(cls)}: {message}"
    elif fast_error[0] == ref_error[0]:
        result.check = "same error"
        result.note = f"both raise {_short(fast_error[0])}: {fast_error[1]}"
        if fast_error[1] != ref_error[1]:
            result.note += f" (imbalanced-learn: {ref_error[1]})"
    else:
        result.check = "differs"
        result.note = (
            f"fastsmote raises {_short(fast_error[0])}: {fast_error[1]}; imbalanced-learn "
            f"raises {_short(ref_error[0])}: {ref_error[1]}"
        )
    hint = hint_for(result.sampler, result.note)
    if hint:
        result.note = f"{result.note.rstrip('.')}. {hint}"
    return result
