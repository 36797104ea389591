"""Run a function of this repository in a fresh Python interpreter.

A measurement often needs a process of its own: a Numba cache directory set
before anything compiles (cold start), a peak memory that nothing else in the
process has raised, data generated where its temporaries do not count, or a run
that can be stopped. :func:`run_child` starts such a process for a plain
function of a module of ``benchmarks`` or ``tools``, so the child program is
ordinary code that ruff and imports see, not a string.

The protocol: ``python -P benchmarks/child.py MODULE:FUNCTION JSON`` calls
``FUNCTION(**JSON)`` and prints its return value as JSON on the last line of
standard output.

Examples
--------
>>> from benchmarks.child import run_child
>>> from benchmarks.common import n_samples_for
>>> run_child(n_samples_for, name="W1", profile="fast")
20000
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]

#: The packages of this repository a child may run functions of.
PACKAGES = ("benchmarks", "tools")


class ChildError(RuntimeError):
    """A child process exited with a non-zero code.

    Parameters
    ----------
    target : str
        ``MODULE:FUNCTION`` the child ran.
    returncode : int
        Its exit code (a tool may give a code a meaning, e.g. "stopped").
    stderr : str
        The end of its standard error.
    """

    def __init__(self, target: str, returncode: int, stderr: str):
        super().__init__(f"{target} exited with code {returncode}:\n{stderr}")
        self.target = target
        self.returncode = returncode
        self.stderr = stderr


def child_env(**variables: str) -> dict[str, str]:
    """Environment for a child Python that imports the same modules as this process.

    Parameters
    ----------
    **variables : str
        Environment variables to set in the child (e.g. ``NUMBA_CACHE_DIR``).

    Returns
    -------
    dict of str to str
        This process's environment, its ``sys.path`` as ``PYTHONPATH``, and
        ``variables``.
    """
    python_path = os.pathsep.join(path for path in sys.path if path)
    return {**os.environ, "PYTHONPATH": python_path, **variables}


def target_of(function: Callable) -> str:
    """``MODULE:FUNCTION`` by which a child process finds ``function``.

    A function of a tool started with ``python -m tools.NAME`` lives in
    ``__main__``; the child imports it under the tool's module name.
    """
    module = function.__module__
    if module == "__main__":
        spec = getattr(sys.modules["__main__"], "__spec__", None)
        if spec is None:
            raise RuntimeError(
                "run this script as a module from the repository root: python -m tools.NAME"
            )
        module = spec.name
    return f"{module}:{function.__qualname__}"


def run_child(
    function: Callable,
    *,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    **kwargs: Any,
) -> Any:
    """Call ``function(**kwargs)`` in a fresh interpreter and return its result.

    Parameters
    ----------
    function : callable
        A module-level function of a module of ``benchmarks`` or ``tools``;
        its keyword arguments and return value must be JSON-serialisable.
    env : dict of str to str, default=None
        Environment variables to set in the child.
    timeout : float, default=None
        Seconds after which the child is killed and
        :class:`subprocess.TimeoutExpired` raised.
    **kwargs
        The function's keyword arguments.

    Returns
    -------
    object
        The function's return value, through JSON.

    Raises
    ------
    ChildError
        If the child exits with a non-zero code (an exception, or an exit the
        function chose).
    """
    target = target_of(function)
    # -P: the directory of child.py (benchmarks/) is not put on sys.path.
    command = [sys.executable, "-P", str(Path(__file__).resolve()), target, json.dumps(kwargs)]
    proc = subprocess.run(
        command,
        env=child_env(**(env or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise ChildError(target, proc.returncode, proc.stderr[-4000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _register_package(name: str) -> None:
    """Make package ``name`` of this repository importable, and nothing beside it.

    Putting the repository root on ``sys.path`` would do the same but would also
    put the fastsmote sources there, shadowing the fastsmote that asv installed
    for the commit it benchmarks (``asv continuous``); asv imports the benchmarks
    the same careful way.
    """
    init = REPO_ROOT / name / "__init__.py"
    if name in sys.modules or not init.exists() or importlib.util.find_spec(name) is not None:
        return
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(init.parent)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def _main(argv: list[str]) -> int:
    target, arguments = argv
    for package in PACKAGES:
        _register_package(package)
    module_name, _, qualname = target.partition(":")
    function: Any = importlib.import_module(module_name)
    for attribute in qualname.split("."):
        function = getattr(function, attribute)
    result = function(**json.loads(arguments))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
