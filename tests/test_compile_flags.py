"""Every Numba kernel caches its machine code and takes its flags from ``_config``.

``cache=True`` is what turns the compile cost users pay in every fresh process
(tens of seconds for all kernels) into a load from disk; a kernel that forgets
it silently brings that cost back.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from numba.core.registry import CPUDispatcher

import fastsmote
import fastsmote._kernels
from fastsmote import _config

KERNEL_MODULES = sorted(
    f"fastsmote._kernels.{m.name}" for m in pkgutil.iter_modules(fastsmote._kernels.__path__)
)


def _dispatchers():
    for name in KERNEL_MODULES:
        module = importlib.import_module(name)
        for attr, obj in vars(module).items():
            if isinstance(obj, CPUDispatcher) and obj.py_func.__module__ == name:
                yield f"{name}.{attr}", obj


DISPATCHERS = dict(_dispatchers())


def test_kernels_found():
    assert len(DISPATCHERS) >= 10


@pytest.mark.parametrize("name", sorted(DISPATCHERS))
def test_kernel_caches_its_machine_code(name):
    dispatcher = DISPATCHERS[name]
    assert type(dispatcher._cache).__name__ != "NullCache", f"{name} lacks cache=True"


@pytest.mark.parametrize("name", sorted(DISPATCHERS))
def test_kernel_flags_come_from_config(name):
    options = DISPATCHERS[name].targetoptions
    allowed = [
        {key: value for key, value in flags.items() if key != "cache"}
        for flags in (_config.EXACT, _config.EXACT_PARALLEL)
    ]
    mine = {key: options.get(key, False) for key in ("nogil", "fastmath", "parallel")}
    assert any(
        mine == {key: flags.get(key, False) for key in ("nogil", "fastmath", "parallel")}
        for flags in allowed
    ), f"{name} uses flags {mine} that are not one of _config's"


def test_no_literal_flags_outside_config():
    root = Path(fastsmote.__file__).parent
    literal = re.compile(r"\bn?jit\([^)]*\b(fastmath|cache)\s*=")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "_config.py" and literal.search(path.read_text())
    ]
    assert offenders == []
