"""Shared set-up of the asv benchmarks: size profile, cached workloads, warm-up.

The profile comes from the environment variable ``FASTSMOTE_BENCH_PROFILE``:

``fast`` (default)
    20,000 rows, and one workload per suite (:func:`in_profile`), so that
    ``asv run --python=same --quick`` finishes in about a quarter of an hour
    on 2 cores (most of it one-off compilation: the cold-start benchmarks and
    pynndescent, which has no Numba cache). For catching breakage, not for
    figures.
``regular``
    The full sizes of the workload table (:mod:`fastsmote.datasets.workloads`)
    for the samplers (W1, W2, W4); the neighbour benchmarks use W3 in full and
    W2 at 200,000 rows.
``large``
    As ``regular``, plus W7 (10 million rows, float32) for SMOTE and W2 in full
    (1 million rows) for the neighbour benchmarks.

Brute-force neighbour search is quadratic, so the brute-force backends are
skipped above :data:`BRUTE_FORCE_MAX_ROWS` rows.

Workloads are generated once, in a child process, and kept as ``.npy`` files
(in ``$FASTSMOTE_BENCH_CACHE``, else ``.asv/workloads`` in the repository,
else the temporary directory). Loading them with
:func:`numpy.load` allocates nothing but the arrays, so ``peakmem_``
benchmarks, which report the whole process's peak resident memory, measure the
sampler and not the data generator.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
PROFILE_ENV = "FASTSMOTE_BENCH_PROFILE"
PROFILES = ("fast", "regular", "large")

#: Rows per workload: ``None`` means the full size (:mod:`fastsmote.datasets.workloads`).
SAMPLER_ROWS = {
    "fast": {"W1": 20_000, "W2": 20_000, "W4": 20_000, "W7": 20_000},
    "regular": {"W1": None, "W2": None, "W4": None, "W7": None},
    "large": {"W1": None, "W2": None, "W4": None, "W7": None},
}
NEIGHBOR_ROWS = {
    "fast": {"W2": 20_000, "W3": 20_000},
    "regular": {"W2": 200_000, "W3": None},
    "large": {"W2": None, "W3": None},
}

#: Largest input on which brute-force neighbour search is benchmarked.
BRUTE_FORCE_MAX_ROWS = 200_000

#: Seconds asv allows one benchmark (set-up included) before giving up.
TIMEOUTS = {"fast": 600, "regular": 3_600, "large": 4 * 3_600}


def get_profile() -> str:
    """The benchmark profile named by ``FASTSMOTE_BENCH_PROFILE`` (default ``"fast"``)."""
    profile = os.environ.get(PROFILE_ENV, "").strip().lower() or "fast"
    if profile not in PROFILES:
        raise ValueError(f"{PROFILE_ENV}={profile!r}: choose one of {', '.join(PROFILES)}")
    return profile


PROFILE = get_profile()
TIMEOUT = TIMEOUTS[PROFILE]


def in_profile(values: list, profile: str | None = None) -> list:
    """``values`` (a benchmark parameter's list), cut to its first entry in the
    ``fast`` profile: every code path still runs once, in a fraction of the time."""
    return list(values[:1]) if (profile or PROFILE) == "fast" else list(values)


#: Workloads of the sampler benchmarks in this profile.
SAMPLER_WORKLOADS = in_profile(["W1", "W2", "W4"] + (["W7"] if PROFILE == "large" else []))
#: Workloads of the neighbour benchmarks.
NEIGHBOR_WORKLOADS = in_profile(["W2", "W3"])


def n_samples_for(name: str, profile: str | None = None, purpose: str = "sampler") -> int | None:
    """Rows of workload ``name`` for ``purpose`` ("sampler" or "neighbors") in ``profile``."""
    table = SAMPLER_ROWS if purpose == "sampler" else NEIGHBOR_ROWS
    return table[profile or PROFILE][name]


@cache
def get_workload(
    name: str, profile: str | None = None, purpose: str = "sampler"
) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` of workload ``name`` at the size the profile gives, cached on disk.

    Parameters
    ----------
    name : str
        A workload of :data:`fastsmote.datasets.WORKLOADS`.
    profile : {"fast", "regular", "large"}, default=None
        ``None`` uses ``FASTSMOTE_BENCH_PROFILE``.
    purpose : {"sampler", "neighbors"}, default="sampler"
        Which size table applies.

    Returns
    -------
    X, y : ndarray
        The arrays of :func:`fastsmote.datasets.make_workload`. They are shared
        by every caller in the process: do not modify them.
    """
    n_samples = n_samples_for(name, profile, purpose)
    X_path, y_path = _cache_paths(name, n_samples)
    if not (X_path.exists() and y_path.exists()):
        _generate_in_child(name, n_samples, X_path, y_path)
    return np.load(X_path), np.load(y_path)


def _cache_paths(name: str, n_samples: int | None) -> tuple[Path, Path]:
    import sklearn

    from fastsmote.datasets import WORKLOADS

    # Any change of definition or generator gives new file names.
    key = repr((WORKLOADS[name], n_samples, np.__version__, sklearn.__version__))
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    if os.environ.get("FASTSMOTE_BENCH_CACHE"):
        root = Path(os.environ["FASTSMOTE_BENCH_CACHE"])
    elif os.access(REPO_ROOT, os.W_OK):
        root = REPO_ROOT / ".asv" / "workloads"
    else:
        root = Path(tempfile.gettempdir()) / "fastsmote-bench-workloads"
    stem = f"{name}-{n_samples or 'full'}-{digest}"
    return root / f"{stem}-X.npy", root / f"{stem}-y.npy"


_GENERATE = """
import os, sys
import numpy as np
from fastsmote.datasets import make_workload
name, n_samples, X_path, y_path = sys.argv[1:]
X, y = make_workload(name, None if n_samples == "None" else int(n_samples))
for path, array in ((X_path, X), (y_path, y)):
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        np.save(f, array)
    os.replace(tmp, path)
"""


def _generate_in_child(name: str, n_samples: int | None, X_path: Path, y_path: Path) -> None:
    # A child process, so that generation's temporary arrays do not raise this
    # process's peak memory.
    X_path.parent.mkdir(parents=True, exist_ok=True)
    args = [name, str(n_samples), str(X_path), str(y_path)]
    subprocess.run([sys.executable, "-c", _GENERATE, *args], env=child_env(), check=True)


def child_env(**variables: str) -> dict[str, str]:
    """Environment for a child Python that imports the same modules as this process."""
    python_path = os.pathsep.join(path for path in sys.path if path)
    return {**os.environ, "PYTHONPATH": python_path, **variables}


@cache
def warm_up_fastsmote() -> None:
    """Compile (or load from Numba's cache) all of fastsmote's kernels, once per process."""
    import fastsmote

    fastsmote.warmup()


def small_sample(
    X: np.ndarray, y: np.ndarray, n_per_class: int = 300
) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n_per_class`` rows of each class of ``(X, y)``, for warm-up calls."""
    rows = np.sort(np.concatenate([np.flatnonzero(y == c)[:n_per_class] for c in np.unique(y)]))
    return np.ascontiguousarray(X[rows]), y[rows]
