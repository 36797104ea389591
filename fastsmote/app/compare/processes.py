"""Each library's runs of one sampler, in a fresh process: time, peak memory, output.

:func:`run_in_child` starts the process (``spawn``: nothing of the parent's
imports or memory is inherited), stops an imbalanced-learn run that exceeds
its budget, and collects the output; :class:`PeakMemory` measures a run's
peak resident memory.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue as queue_module
import statistics
import sys
import threading
import time
from dataclasses import dataclass

import numpy as np

__all__ = ["WARMUP_ROWS", "PeakMemory", "build_sampler", "run_in_child"]

#: Rows of the slice used to compile fastsmote's kernels before timing.
WARMUP_ROWS = 2_000


def build_sampler(
    name: str, library: str, seed: int, backend: str | None, extra: dict | None = None
):
    """Sampler ``name`` of the registry from ``library`` ("fastsmote" or "imblearn").

    Both libraries get the variant's parameters, ``extra`` and, where the
    class takes one, ``random_state=seed``; fastsmote's also gets
    ``nn_backend=backend`` where it takes one (RandomOverSampler has no
    neighbours, SMOTEN a metric of its own).

    Examples
    --------
    >>> build_sampler("BorderlineSMOTE-2", "imblearn", 0, None).kind
    'borderline-2'
    """
    from ..._registry import SAMPLERS

    spec = SAMPLERS[name]
    kwargs = {**spec.params, **(extra or {})}
    if spec.random_state:
        kwargs["random_state"] = seed
    if library != "fastsmote":
        return spec.reference_class(**kwargs)
    if backend is not None and spec.nn_backend:
        kwargs["nn_backend"] = backend
    return spec.fastsmote_class(**kwargs)


class PeakMemory:
    """Peak resident memory of this process above its level at the start.

    Resident memory (psutil, on every platform) is sampled every
    ``interval`` seconds; the process's own high-water mark (``ru_maxrss``
    from :mod:`resource`, ``peak_wset`` on Windows) replaces the sampled peak
    whenever it rose during the block, so a peak shorter than the interval is
    not missed. It is run in a fresh process for each measured run (see
    :func:`fastsmote.app.compare.compare_sampler`): memory that an earlier run freed but the
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
    """One library's runs of one sampler, in a fresh process (see :func:`run_in_child`).

    Messages: ``("ready", compile_seconds)`` once data, imports and (for
    fastsmote) kernels are loaded; ``("ran", seconds)`` after each timed run;
    ``("done", median_seconds, peak_mb)`` when the output is saved;
    ``("error", class_name, message)`` when ``fit_resample`` raised.
    """
    X = np.load(os.path.join(tmp, "X.npy"))
    y = np.load(os.path.join(tmp, "y.npy"))

    def make():
        return build_sampler(name, library, seed, backend, extra)

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


def run_in_child(library, name, tmp, seed, backend, extra, repeat, budget, tick) -> _Outcome:
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


def _warmup_rows(y: np.ndarray, n_rows: int) -> np.ndarray:
    """Indices of a small slice that keeps every class's proportion, at least
    30 rows of each class where the data has them."""
    picked = []
    for label in np.unique(y):
        where = np.flatnonzero(y == label)
        share = max(30, int(round(n_rows * where.size / y.size)))
        picked.append(where[:share])
    return np.sort(np.concatenate(picked))
