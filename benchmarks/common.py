"""Shared set-up of the asv benchmarks and the tools: size profile, cached workloads.

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
import tempfile
from functools import cache
from pathlib import Path

import numpy as np

from .child import run_child

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


class FreshProcessBenchmark:
    """asv settings of a benchmark that times a fresh interpreter (compilation).

    One run per sample and no warm-up runs: a second run in the same sample
    would find the Numba cache already filled.
    """

    timeout = TIMEOUT
    number = 1
    repeat = (1, 3, 60.0)
    warmup_time = 0


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
    return load_workload(name, n_samples_for(name, profile, purpose))


def load_workload(name: str, n_samples: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` of workload ``name`` at ``n_samples`` rows (``None``: full size),
    loaded from the files of :func:`workload_files`."""
    X_path, y_path = workload_files(name, n_samples)
    return np.load(X_path), np.load(y_path)


def workload_files(
    name: str, n_samples: int | None = None, root: Path | None = None
) -> tuple[Path, Path]:
    """Paths of workload ``name``'s ``X`` and ``y`` as ``.npy``, generated if missing.

    Generation runs in a child process, so that its temporary arrays do not
    raise this process's peak memory; loading the files with :func:`numpy.load`
    allocates nothing but the arrays.

    Parameters
    ----------
    name : str
        A workload of :data:`fastsmote.datasets.WORKLOADS`.
    n_samples : int, default=None
        Rows; ``None`` is the workload's full size.
    root : path, default=None
        Directory of the files: ``$FASTSMOTE_BENCH_CACHE``, else ``.asv/workloads``
        in the repository, else the temporary directory.

    Returns
    -------
    X_path, y_path : Path
        The file names hold a digest of the definition and of the generator's
        versions, so any change of either gives new files.
    """
    import sklearn

    from fastsmote.datasets import WORKLOADS

    key = repr((WORKLOADS[name], n_samples, np.__version__, sklearn.__version__))
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    root = Path(root) if root is not None else cache_dir()
    stem = f"{name}-{n_samples or 'full'}-{digest}"
    X_path, y_path = root / f"{stem}-X.npy", root / f"{stem}-y.npy"
    if not (X_path.exists() and y_path.exists()):
        root.mkdir(parents=True, exist_ok=True)
        run_child(
            save_workload, name=name, n_samples=n_samples, X_path=str(X_path), y_path=str(y_path)
        )
    return X_path, y_path


def cache_dir() -> Path:
    """Where generated data are kept (see :func:`workload_files`)."""
    if os.environ.get("FASTSMOTE_BENCH_CACHE"):
        return Path(os.environ["FASTSMOTE_BENCH_CACHE"])
    if os.access(REPO_ROOT, os.W_OK):
        return REPO_ROOT / ".asv" / "workloads"
    return Path(tempfile.gettempdir()) / "fastsmote-bench-workloads"


def save_workload(name: str, n_samples: int | None, X_path: str, y_path: str) -> None:
    """Generate workload ``name`` and write it to ``X_path`` and ``y_path``."""
    from fastsmote.datasets import make_workload

    X, y = make_workload(name, n_samples)
    save_array(Path(X_path), X)
    save_array(Path(y_path), y)


def save_array(path: Path, array) -> None:
    """Write ``array`` to ``path``: ``.npy``, or ``.npz`` for a SciPy sparse matrix.

    Through a temporary file and a rename, so that a process reading the
    cache never sees half a file.
    """
    from scipy import sparse

    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        if sparse.issparse(array):
            sparse.save_npz(f, array, compressed=False)
        else:
            np.save(f, array)
    os.replace(tmp, path)


def small_sample(X, y, n_per_class: int = 300, n_minority: int | None = None):
    """The first rows of each class of ``(X, y)``, in their order, for warm-up calls.

    Parameters
    ----------
    X : ndarray or SciPy sparse matrix
        The data.
    y : ndarray
        The labels.
    n_per_class : int, default=300
        Rows of each class.
    n_minority : int, default=None
        Rows of the smallest class instead, so that an over-sampler has
        something to do on the sample.

    Returns
    -------
    X_small, y_small
        ``X_small`` C-contiguous when dense.
    """
    classes, counts = np.unique(y, return_counts=True)
    sizes = {c: n_per_class for c in classes}
    if n_minority is not None:
        sizes[classes[np.argmin(counts)]] = n_minority
    rows = np.sort(np.concatenate([np.flatnonzero(y == c)[: sizes[c]] for c in classes]))
    X_small = X[rows]
    if isinstance(X_small, np.ndarray):
        X_small = np.ascontiguousarray(X_small)
    return X_small, y[rows]
