"""tools/ and benchmarks/: every tool starts, each one writes a figure the docs quote, and
the shared helpers (child-process runner, memory readings, samplers, identity) work.

Run from the repository root (``python -m pytest``, as ``make test`` does), where
``tools`` and ``benchmarks`` import as packages. A few seconds in all.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from benchmarks.child import ChildError, run_child
from benchmarks.common import n_samples_for, small_sample
from benchmarks.samplers import build_sampler, identical, sampler_spec
from tools import _measure

ROOT = Path(__file__).resolve().parents[1]
TOOLS = sorted(p.stem for p in (ROOT / "tools").glob("*.py") if not p.stem.startswith("_"))


def quoted_tools() -> set[str]:
    """The tools the docs and the README name as ``python -m tools.NAME``."""
    texts = [p.read_text() for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]]
    names = {name for text in texts for name in re.findall(r"-m\s+tools\.(\w+)", text)}
    return names - {"NAME"}  # the placeholder of "python -m tools.NAME"


def test_every_tool_writes_a_figure_the_docs_quote():
    assert set(TOOLS) == quoted_tools()


def test_every_tool_shows_its_help():
    # All at once: each start imports NumPy (and some fastsmote) on a shared machine.
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", f"tools.{name}", "--help"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in TOOLS
    }
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{name}: {err}"
        assert out.startswith("usage:"), name


def test_no_tool_or_benchmark_edits_sys_path():
    for path in [*(ROOT / "tools").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]:
        assert "sys.path.insert" not in path.read_text(), path


def test_run_child_returns_the_functions_result():
    assert run_child(n_samples_for, name="W1", profile="fast") == 20_000


def test_run_child_without_the_repository_on_sys_path(monkeypatch):
    # As under asv, which imports benchmarks without putting the repository on sys.path.
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p and Path(p).resolve() != ROOT])
    assert run_child(n_samples_for, name="W2", profile="regular") is None


def test_run_child_reports_a_failure():
    with pytest.raises(ChildError) as info:
        run_child(n_samples_for, name="no such workload", profile="fast")
    assert info.value.returncode == 1
    assert "KeyError" in info.value.stderr


def test_resident_memory_and_high_water_mark():
    # A block's peak is fastsmote.app.compare.PeakMemory's (tests/test_cli.py).
    assert _measure.peak_rss_mib() * _measure.MIB >= _measure.rss_bytes() * 0.5
    if _measure.reset_high_water():  # the high-water mark starts again from here
        assert abs(_measure.high_water_bytes() - _measure.rss_bytes()) < 16 * _measure.MIB


def test_sampler_spec_builds_the_registry_sampler():
    path, params = sampler_spec("BorderlineSMOTE-2", "fastsmote", k_neighbors=3)
    assert (path, params) == (
        "fastsmote.BorderlineSMOTE",
        {"kind": "borderline-2", "k_neighbors": 3},
    )
    sampler = build_sampler(path, params)
    assert (sampler.kind, sampler.k_neighbors, sampler.random_state) == ("borderline-2", 3, 0)
    assert _measure.make_sampler("TomekLinks", "imblearn").__module__.startswith("imblearn")


def test_identical_compares_values_dtypes_and_errors():
    X, y = np.arange(12.0).reshape(6, 2), np.array([0, 0, 0, 0, 1, 1])
    assert identical((X, y), (X.copy(), y.copy()))
    assert not identical((X, y), (X.astype(np.float32), y))
    assert not identical((X, y), (X[::-1], y))
    assert identical(ValueError("a"), ValueError("b"))
    assert not identical(ValueError("a"), (X, y))
    X_csr = sparse.csr_matrix(X)
    assert identical((X_csr, y), (X_csr.copy(), y))
    assert not identical((X_csr, y), (X_csr.tocsc(), y))
    assert not identical((X_csr, y), (X, y))


def test_small_sample_keeps_class_order_and_sparse_input():
    y = np.array([0, 1, 0, 0, 1, 0, 0, 1])
    X = sparse.csr_matrix(np.arange(16.0).reshape(8, 2))
    X_small, y_small = small_sample(X, y, n_per_class=3, n_minority=1)
    assert sparse.issparse(X_small)
    assert y_small.tolist() == [0, 1, 0, 0]
