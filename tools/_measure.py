"""The one helper module of tools/: samplers, runs, child processes, memory, load, output.

Both libraries run on the same data with the same ``random_state``; times are
wall-clock (``time.perf_counter``) and the machine's load average is recorded
beside them, since the figures are only comparable under similar load.

What the asv suite shares with the tools is defined once in ``benchmarks``
and re-exported here: the samplers of both libraries and the identity of
their outputs (:mod:`benchmarks.samplers`), warm-up, cached workloads
(:mod:`benchmarks.common`) and the child-process runner
(:mod:`benchmarks.child`), whose child programs are functions of the tools'
own modules. The peak memory of a block is ``fastsmote compare``'s
:class:`fastsmote.app.compare.PeakMemory`.
"""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.child import ChildError, run_child
from benchmarks.common import load_workload, small_sample, workload_files
from benchmarks.samplers import (
    build_sampler,
    identical,
    make_sampler,
    sampler_spec,
    warm_up,
    warm_up_fastsmote,
)

__all__ = [
    "ChildError",
    "add_result",
    "build_sampler",
    "geometric_mean",
    "high_water_bytes",
    "identical",
    "load_average",
    "load_workload",
    "machine",
    "make_sampler",
    "peak_rss_bytes",
    "peak_rss_mib",
    "reset_high_water",
    "rss_bytes",
    "run",
    "run_child",
    "sampler_spec",
    "small_sample",
    "uptime",
    "warm_up",
    "warm_up_fastsmote",
    "workload_files",
    "write_json",
]

MIB = 2**20


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages (``os.getloadavg``), rounded."""
    return [round(value, 2) for value in os.getloadavg()]


def uptime() -> str:
    """The ``uptime`` command's line: time, uptime and load averages."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def machine() -> dict:
    """CPU count and the versions that decide the figures."""
    import imblearn
    import numba
    import sklearn

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "numba": numba.__version__,
        "scikit-learn": sklearn.__version__,
        "imbalanced-learn": imblearn.__version__,
    }


def run(sampler, X, y):
    """``(seconds, output)`` of ``sampler.fit_resample(X, y)``.

    ``output`` is the exception if it raised: an error is a result to compare.
    """
    start = time.perf_counter()
    try:
        output = sampler.fit_resample(X, y)
    except Exception as exc:  # noqa: BLE001 - an error is a result to compare
        output = exc
    return time.perf_counter() - start, output


def geometric_mean(values) -> float:
    """Geometric mean of the positive ``values`` (NaN if there are none).

    Examples
    --------
    >>> geometric_mean([2.0, 0.5, None])
    1.0
    """
    values = [v for v in values if v and v > 0]
    if not values:
        return math.nan
    return math.exp(sum(math.log(v) for v in values) / len(values))


def add_result(results: list, result: dict, path=None) -> None:
    """Append ``result`` to ``results``, print it as a JSON line, and rewrite ``path``
    with all results so far (a long series keeps what it has measured)."""
    results.append(result)
    print(json.dumps(result), flush=True)
    if path:
        write_json(path, results)


def write_json(path, data, indent: int = 1) -> None:
    """Write ``data`` as JSON to ``path`` (its directory created), newline-terminated."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=indent) + "\n")


# Memory. Resident memory comes from psutil; the high-water mark from the
# kernel, which counts allocations too short-lived for any sampling to see
# (a block's peak: fastsmote.app.compare.PeakMemory).


def rss_bytes() -> int:
    """This process's resident memory now, in bytes."""
    import psutil

    return int(psutil.Process().memory_info().rss)


def peak_rss_bytes() -> int:
    """This process's peak resident memory so far (``ru_maxrss``), in bytes."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024  # bytes / KiB


def peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB."""
    return peak_rss_bytes() / MIB


def reset_high_water() -> bool:
    """Reset the kernel's high-water mark to the current resident memory (Linux >= 4.0).

    Returns
    -------
    bool
        Whether it was reset; :func:`high_water_bytes` then measures from now.
    """
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def high_water_bytes() -> int:
    """Peak resident memory since the last :func:`reset_high_water` (``VmHWM``), in bytes;
    :func:`peak_rss_bytes` where ``/proc`` does not tell."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return peak_rss_bytes()
