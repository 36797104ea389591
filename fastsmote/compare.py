"""Run fastsmote and imbalanced-learn side by side: speed, memory, same output?

The engine behind ``fastsmote compare``. Each sampler runs under both
libraries on the same data and seed; fastsmote is timed warm (its kernels
compiled by a first call on a small slice, whose time is reported apart as
compile time), both are timed over ``repeat`` runs (median), and the outputs
are compared: identical or not for exact backends, the share of fastsmote's
output rows found in the reference output for approximate ones.
"""

from __future__ import annotations

import importlib
import inspect
import multiprocessing
import os
import statistics
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
    module, _, cls_name = ref_path.rpartition(".")
    return getattr(importlib.import_module(module), cls_name)(**kwargs)


class PeakMemory:
    """Peak resident memory above the starting level, sampled every 5 ms."""

    def __init__(self, interval: float = 0.005):
        self.interval = interval
        self.peak_bytes = 0

    @staticmethod
    def _rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def __enter__(self):
        self._start = self._rss()
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
        self.peak_bytes = self._peak - self._start
        return False


def _timed_runs(make, X, y, repeat):
    """Median seconds, peak MB of the first run, and the last output."""
    times, output, peak = [], None, None
    for i in range(repeat):
        sampler = make()
        if i == 0:
            with PeakMemory() as memory:
                start = time.perf_counter()
                output = sampler.fit_resample(X, y)
                times.append(time.perf_counter() - start)
            peak = memory.peak_bytes / 2**20
        else:
            start = time.perf_counter()
            output = sampler.fit_resample(X, y)
            times.append(time.perf_counter() - start)
    return statistics.median(times), peak, output, sampler


def _reference_child(name, seed, data_path, out_path, repeat, queue, extra=None):
    X = np.load(os.path.join(data_path, "X.npy"))
    y = np.load(os.path.join(data_path, "y.npy"))
    seconds, peak, output, sampler = _timed_runs(
        lambda: _build(name, "imblearn", seed, None, extra), X, y, repeat
    )
    np.save(os.path.join(out_path, "X_res.npy"), np.asarray(output[0]))
    np.save(os.path.join(out_path, "y_res.npy"), np.asarray(output[1]))
    indices = getattr(sampler, "sample_indices_", None)
    if indices is not None:
        np.save(os.path.join(out_path, "indices.npy"), indices)
    queue.put((seconds, peak))


def _reference_with_budget(name, X, y, seed, repeat, budget, extra=None):
    """Run the reference in a child process stopped after ``budget`` seconds.

    Returns ``(seconds, peak_mb, (X_res, y_res), indices)`` or ``None`` when the
    budget ran out.
    """
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="fastsmote-compare-") as tmp:
        np.save(os.path.join(tmp, "X.npy"), X)
        np.save(os.path.join(tmp, "y.npy"), y)
        queue = context.Queue()
        child = context.Process(
            target=_reference_child, args=(name, seed, tmp, tmp, repeat, queue, extra)
        )
        child.start()
        child.join(budget)
        if child.is_alive():
            child.terminate()
            child.join()
            return None
        if child.exitcode != 0:
            raise RuntimeError(f"the imbalanced-learn run of {name} failed in its process")
        seconds, peak = queue.get()
        output = (np.load(os.path.join(tmp, "X_res.npy")), np.load(os.path.join(tmp, "y_res.npy")))
        index_path = os.path.join(tmp, "indices.npy")
        indices = np.load(index_path) if os.path.exists(index_path) else None
        return seconds, peak, output, indices


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
) -> Result:
    """Compare one sampler on ``X``, ``y``; see the module docstring."""
    from .neighbors import is_exact, make_backend

    result = Result(sampler=name, backend=backend)
    result.exact = is_exact(make_backend(backend, 2))
    extra = {}
    if name in CATEGORICAL_SAMPLERS:
        columns = categorical_columns(X)
        if columns is None:
            result.check = "skipped"
            result.note = "needs categorical columns laid out as workload W6 (--workload W6)"
            return result
        if name == "SMOTEN":  # categorical features only
            X = np.ascontiguousarray(X[:, columns])
        else:
            extra = {"categorical_features": list(columns)}

    def make_fast():
        return _build(name, "fastsmote", seed, backend, extra)

    # Compile (or load from Numba's cache) on a slice holding every class.
    warm_rows = _warmup_rows(y, WARMUP_ROWS)
    start = time.perf_counter()
    try:
        make_fast().fit_resample(X[warm_rows], y[warm_rows])
    except (ValueError, RuntimeError):
        pass  # too few rows of a class in the slice: compilation happens anyway
    result.compile_seconds = time.perf_counter() - start

    try:
        fast_seconds, fast_peak, fast_out, fast_sampler = _timed_runs(make_fast, X, y, repeat)
    except (ValueError, RuntimeError) as fast_error:
        # A sampler that refuses this data must refuse it as imbalanced-learn does.
        return _compare_errors(
            result, fast_error, lambda: _build(name, "imblearn", seed, None, extra), X, y
        )
    result.fastsmote_seconds = fast_seconds
    result.fastsmote_peak_mb = fast_peak
    result.rows_out = int(fast_out[0].shape[0])

    if budget is None:
        ref_seconds, ref_peak, ref_out, ref_sampler = _timed_runs(
            lambda: _build(name, "imblearn", seed, None, extra), X, y, repeat
        )
        ref_indices = getattr(ref_sampler, "sample_indices_", None)
    else:
        outcome = _reference_with_budget(name, X, y, seed, repeat, budget, extra)
        if outcome is None:
            result.check = "reference stopped"
            result.note = f"imbalanced-learn did not finish within the {budget:g} s budget"
            return result
        ref_seconds, ref_peak, ref_out, ref_indices = outcome
    result.reference_seconds = ref_seconds
    result.reference_peak_mb = ref_peak
    result.speedup = ref_seconds / fast_seconds if fast_seconds > 0 else None

    same = (
        np.asarray(fast_out[0]).dtype == np.asarray(ref_out[0]).dtype
        and np.array_equal(fast_out[0], ref_out[0])
        and np.array_equal(fast_out[1], ref_out[1])
    )
    fast_indices = getattr(fast_sampler, "sample_indices_", None)
    if (
        same
        and ref_indices is not None
        and fast_indices is not None
        and name
        != (
            "RepeatedEditedNearestNeighbours"  # imblearn's own indices can disagree with its output
        )
    ):
        same = np.array_equal(fast_indices, ref_indices)
    if same:
        result.check = "identical"
        result.agreement = 1.0
    else:
        result.agreement = row_agreement(np.asarray(ref_out[0]), np.asarray(fast_out[0]))
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
    from .datasets import W6_CATEGORICAL_FEATURES

    columns = np.asarray(W6_CATEGORICAL_FEATURES)
    if X.ndim != 2 or X.shape[1] != 15:
        return None
    codes = X[:, columns]
    if np.all((codes == np.round(codes)) & (codes >= 0) & (codes < 50)):
        return W6_CATEGORICAL_FEATURES
    return None


def _compare_errors(result: Result, fast_error: Exception, make_reference, X, y) -> Result:
    """Fill ``result`` for a fastsmote run that raised: does the reference raise too?"""
    try:
        make_reference().fit_resample(X, y)
    except Exception as ref_error:  # noqa: BLE001 - any error of the reference is reported
        same = type(ref_error) is type(fast_error) and str(ref_error) == str(fast_error)
        result.check = "same error" if same else "differs"
        result.note = f"fastsmote raises {type(fast_error).__name__}: {fast_error}"
        if not same:
            result.note += f"; imbalanced-learn raises {type(ref_error).__name__}: {ref_error}"
        return result
    result.check = "differs"
    result.note = f"only fastsmote raises {type(fast_error).__name__}: {fast_error}"
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
