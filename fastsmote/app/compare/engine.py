"""Run fastsmote and imbalanced-learn side by side: speed, memory, same output?

The engine behind ``fastsmote compare``. Each sampler runs under both
libraries on the same data and seed; fastsmote is timed warm (its kernels
compiled by a first call on a small slice, whose time is reported apart as
compile time), both are timed over ``repeat`` runs (median), and the outputs
are compared: identical or not for exact backends, the share of fastsmote's
output rows found in the reference output for approximate ones.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import multiprocessing
import os
import queue as queue_module
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field

import numpy as np

#: Sampler name -> (fastsmote attribute, imbalanced-learn class path, extra kwargs).
SAMPLERS: dict[str, tuple[str, str, dict]] = {
    "SMOTE": ("SMOTE", "imblearn.over_sampling.SMOTE", {}),
    "BorderlineSMOTE-1": (
        "BorderlineSMOTE",
        "imblearn.over_sampling.BorderlineSMOTE",
        {"kind": "borderline-1"},
    ),
    "BorderlineSMOTE-2": (
        "BorderlineSMOTE",
        "imblearn.over_sampling.BorderlineSMOTE",
        {"kind": "borderline-2"},
    ),
    "ADASYN": ("ADASYN", "imblearn.over_sampling.ADASYN", {}),
    "SVMSMOTE": ("SVMSMOTE", "imblearn.over_sampling.SVMSMOTE", {}),
    "KMeansSMOTE": ("KMeansSMOTE", "imblearn.over_sampling.KMeansSMOTE", {}),
    "SMOTENC": ("SMOTENC", "imblearn.over_sampling.SMOTENC", {}),
    "SMOTEN": ("SMOTEN", "imblearn.over_sampling.SMOTEN", {}),
    "RandomOverSampler": ("RandomOverSampler", "imblearn.over_sampling.RandomOverSampler", {}),
    "TomekLinks": ("TomekLinks", "imblearn.under_sampling.TomekLinks", {}),
    "EditedNearestNeighbours": (
        "EditedNearestNeighbours",
        "imblearn.under_sampling.EditedNearestNeighbours",
        {},
    ),
    "RepeatedEditedNearestNeighbours": (
        "RepeatedEditedNearestNeighbours",
        "imblearn.under_sampling.RepeatedEditedNearestNeighbours",
        {},
    ),
    "AllKNN": ("AllKNN", "imblearn.under_sampling.AllKNN", {}),
    "SMOTEENN": ("SMOTEENN", "imblearn.combine.SMOTEENN", {}),
    "SMOTETomek": ("SMOTETomek", "imblearn.combine.SMOTETomek", {}),
}

#: Other spellings ``--samplers`` and ``--param`` accept (besides case, ``-`` and ``_``).
ALIASES: dict[str, tuple[str, ...]] = {
    "BorderlineSMOTE-1": ("Borderline-SMOTE 1", "borderline1"),
    "BorderlineSMOTE-2": ("Borderline-SMOTE 2", "borderline2"),
    "SVMSMOTE": ("SVM-SMOTE",),
    "KMeansSMOTE": ("KMeans-SMOTE",),
    "SMOTENC": ("SMOTE-NC",),
    "RandomOverSampler": ("ROS",),
    "TomekLinks": ("Tomek",),
    "EditedNearestNeighbours": ("ENN", "EditedNearestNeighbors"),
    "RepeatedEditedNearestNeighbours": ("RENN", "RepeatedEditedNearestNeighbors"),
    "SMOTEENN": ("SMOTE-ENN",),
    "SMOTETomek": ("SMOTE-Tomek",),
}

#: Samplers whose constructor takes ``random_state``.
_NO_RANDOM_STATE = {
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
}

#: Samplers for categorical data: they run on data laid out as workload W6
#: (see :func:`categorical_columns`) and are skipped, with a note, on other data.
CATEGORICAL_SAMPLERS = ("SMOTENC", "SMOTEN")

#: Rows of the slice used to compile fastsmote's kernels before timing.
WARMUP_ROWS = 2_000

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


def available_samplers() -> list[str]:
    """Names of the samplers this build of fastsmote provides."""
    import fastsmote

    return [name for name, (attr, _, _) in SAMPLERS.items() if hasattr(fastsmote, attr)]


def reference_class(name: str) -> type:
    """imbalanced-learn's class of the sampler ``name`` (a key of :data:`SAMPLERS`)."""
    module, _, cls_name = SAMPLERS[name][1].rpartition(".")
    return getattr(importlib.import_module(module), cls_name)


def _build(name: str, library: str, seed: int, backend: str | None, extra: dict | None = None):
    attr, ref_path, kwargs = SAMPLERS[name]
    kwargs = {**kwargs, **(extra or {})}
    if attr not in _NO_RANDOM_STATE:
        kwargs["random_state"] = seed
    if library == "fastsmote":
        import fastsmote

        cls = getattr(fastsmote, attr)
        # Samplers without neighbours (RandomOverSampler) or with a metric of
        # their own (SMOTEN) take no nn_backend.
        if backend is not None and "nn_backend" in inspect.signature(cls).parameters:
            kwargs["nn_backend"] = backend
        return cls(**kwargs)
    return reference_class(name)(**kwargs)


class PeakMemory:
    """Peak resident memory of this process above its level at the start.

    Resident memory (psutil, on every platform) is sampled every
    ``interval`` seconds; the process's own high-water mark (``ru_maxrss``
    from :mod:`resource`, ``peak_wset`` on Windows) replaces the sampled peak
    whenever it rose during the block, so a peak shorter than the interval is
    not missed. It is run in a fresh process for each measured run (see
    :func:`compare_sampler`): memory that an earlier run freed but the
    allocator kept would otherwise hide a later run's allocations.
    """

    def __init__(self, interval: float = 0.005):
        import psutil

        self.interval = interval
        self.peak_bytes = 0
        self._process = psutil.Process()

    def _rss(self) -> int:
        return int(self._process.memory_info().rss)

    def _high_water(self) -> int | None:
        info = self._process.memory_info()
        if hasattr(info, "peak_wset"):  # Windows
            return int(info.peak_wset)
        try:
            import resource
        except ImportError:  # no high-water mark: the sampled peak only
            return None
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak) if sys.platform == "darwin" else int(peak) * 1024  # bytes / KiB

    def __enter__(self):
        self._start = self._rss()
        self._high_start = self._high_water()
        self._peak = self._start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self):
        while not self._stop.wait(self.interval):
            self._peak = max(self._peak, self._rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._peak = max(self._peak, self._rss())
        high = self._high_water()
        if high is not None and self._high_start is not None and high > self._high_start:
            self._peak = max(self._peak, high)
        self.peak_bytes = self._peak - self._start
        return False


def _child_run(library, name, seed, backend, extra, tmp, repeat, queue):
    """One library's runs of one sampler, in a fresh process (see :func:`_run_in_child`).

    Messages: ``("ready", compile_seconds)`` once data, imports and (for
    fastsmote) kernels are loaded; ``("ran", seconds)`` after each timed run;
    ``("done", median_seconds, peak_mb)`` when the output is saved;
    ``("error", class_name, message)`` when ``fit_resample`` raised.
    """
    X = np.load(os.path.join(tmp, "X.npy"))
    y = np.load(os.path.join(tmp, "y.npy"))

    def make():
        return _build(name, library, seed, backend, extra)

    compile_seconds = None
    if library == "fastsmote":
        # Compile (or load from Numba's cache) on a slice holding every class.
        warm_rows = _warmup_rows(y, WARMUP_ROWS)
        start = time.perf_counter()
        try:
            make().fit_resample(X[warm_rows], y[warm_rows])
        except (ValueError, RuntimeError):
            pass  # too few rows of a class in the slice: compilation happens anyway
        compile_seconds = time.perf_counter() - start
    queue.put(("ready", compile_seconds))
    times, peak = [], None
    try:
        for i in range(repeat):
            sampler = make()
            memory = PeakMemory() if i == 0 else contextlib.nullcontext()
            with memory:
                start = time.perf_counter()
                output = sampler.fit_resample(X, y)
                times.append(time.perf_counter() - start)
            if i == 0:
                peak = memory.peak_bytes / 2**20
            queue.put(("ran", times[-1]))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, compared there
        queue.put(("error", f"{type(exc).__module__}.{type(exc).__qualname__}", str(exc)))
        return
    out = os.path.join(tmp, library)
    os.makedirs(out)
    np.save(os.path.join(out, "X_res.npy"), np.asarray(output[0]))
    np.save(os.path.join(out, "y_res.npy"), np.asarray(output[1]))
    indices = getattr(sampler, "sample_indices_", None)
    if indices is not None:
        np.save(os.path.join(out, "indices.npy"), indices)
    queue.put(("done", statistics.median(times), peak))


@dataclass
class _Outcome:
    """What one library's child process reported."""

    compile_seconds: float | None = None
    seconds: float | None = None
    peak_mb: float | None = None
    output: tuple | None = None
    indices: np.ndarray | None = None
    error: tuple[str, str] | None = None  # (exception class, message)
    stopped_after: float | None = None  # seconds of resampling when the budget ran out


def _run_in_child(library, name, tmp, seed, backend, extra, repeat, budget, tick) -> _Outcome:
    """Run one library's ``repeat`` runs in a fresh process; stop it after ``budget``
    seconds of one run's resampling (process start, imports, data loading and
    kernel compilation do not count). ``tick(stage, seconds)`` is called about
    once a second with the stage ("starting", "running") and its elapsed time."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    args = (library, name, seed, backend, extra, tmp, repeat, queue)
    child = context.Process(target=_child_run, args=args)
    child.start()
    outcome = _Outcome()
    stage, stage_start = "starting", time.perf_counter()
    try:
        while True:
            elapsed = time.perf_counter() - stage_start
            timeout = 0.5
            if stage == "running" and budget:
                if elapsed >= budget:
                    outcome.stopped_after = elapsed
                    return outcome
                timeout = min(timeout, budget - elapsed)
            try:
                message = queue.get(timeout=timeout)
            except queue_module.Empty:
                if not child.is_alive() and queue.empty():
                    raise RuntimeError(
                        f"the {library} process of {name} ended without a result "
                        f"(exit code {child.exitcode}; out of memory?)"
                    ) from None
                if tick is not None:
                    tick(stage, time.perf_counter() - stage_start)
                continue
            kind = message[0]
            if kind in ("ready", "ran"):
                if kind == "ready":
                    outcome.compile_seconds = message[1]
                stage, stage_start = "running", time.perf_counter()
            elif kind == "error":
                outcome.error = (message[1], message[2])
                return outcome
            else:  # done
                outcome.seconds, outcome.peak_mb = message[1], message[2]
                out = os.path.join(tmp, library)
                outcome.output = tuple(
                    np.load(os.path.join(out, f"{part}.npy")) for part in ("X_res", "y_res")
                )
                index_path = os.path.join(out, "indices.npy")
                if os.path.exists(index_path):
                    outcome.indices = np.load(index_path)
                return outcome
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        queue.close()


def row_agreement(reference: np.ndarray, candidate: np.ndarray) -> float:
    """Share of ``candidate``'s rows that are also rows of ``reference``."""
    reference = np.ascontiguousarray(reference)
    candidate = np.ascontiguousarray(candidate, dtype=reference.dtype)
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
) -> Result:
    """Compare one sampler on ``X``, ``y``; see the module docstring.

    Each library runs in a fresh process of its own (so that neither's memory
    peak hides the other's, and imports are not timed). ``budget`` (seconds,
    ``None`` or 0 for no limit) stops a run of imbalanced-learn whose
    resampling takes longer; ``params`` are extra constructor arguments for
    both libraries; ``progress(library, stage, seconds)`` is called about once
    a second while a library runs.
    """
    from ..neighbors import is_exact, make_backend

    result = Result(sampler=name, backend=backend)
    result.exact = is_exact(make_backend(backend, 2))
    extra = dict(params or {})
    if name in CATEGORICAL_SAMPLERS:
        columns = categorical_columns(X)
        if columns is None:
            result.check = "skipped"
            result.note = "needs categorical columns laid out as workload W6 (--workload W6)"
            return result
        if name == "SMOTEN":  # categorical features only
            X = np.ascontiguousarray(X[:, columns])
        else:
            extra = {"categorical_features": list(columns), **extra}

    def tick(library):
        if progress is None:
            return None
        return lambda stage, seconds: progress(library, stage, seconds)

    with tempfile.TemporaryDirectory(prefix="fastsmote-compare-") as tmp:
        np.save(os.path.join(tmp, "X.npy"), X)
        np.save(os.path.join(tmp, "y.npy"), y)
        fast = _run_in_child(
            "fastsmote", name, tmp, seed, backend, extra, repeat, None, tick("fastsmote")
        )
        ref = _run_in_child(
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


def categorical_columns(X) -> tuple[int, ...] | None:
    """W6's categorical columns when ``X`` has W6's layout (15 columns, the last
    five holding integer codes 0 to 49), else None.

    Examples
    --------
    >>> from fastsmote.datasets import make_workload
    >>> categorical_columns(make_workload("W6", 500)[0])
    (10, 11, 12, 13, 14)
    """
    from ..datasets import W6_CATEGORICAL_FEATURES

    columns = np.asarray(W6_CATEGORICAL_FEATURES)
    if X.ndim != 2 or X.shape[1] != 15:
        return None
    codes = X[:, columns]
    if np.all((codes == np.round(codes)) & (codes >= 0) & (codes < 50)):
        return W6_CATEGORICAL_FEATURES
    return None


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
    from .names import hint_for

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


def _warmup_rows(y: np.ndarray, n_rows: int) -> np.ndarray:
    """Indices of a small slice that keeps every class's proportion, at least
    30 rows of each class where the data has them."""
    picked = []
    for label in np.unique(y):
        where = np.flatnonzero(y == label)
        share = max(30, int(round(n_rows * where.size / y.size)))
        picked.append(where[:share])
    return np.sort(np.concatenate(picked))
