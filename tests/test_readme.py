"""README.md as a newcomer uses it: its examples run as written, its commands
parse, its sampler table matches the classes, its links resolve.

The Python examples run as scripts in fresh processes (the Dask one starts a
2-worker cluster: that is the point, it must run as a script); about 30 s.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_quick_start_is_exactly_two_make_commands():
    (commands,) = re.findall(r"```sh\n(.*?)```", section("Quick start"), flags=re.DOTALL)
    lines = [line.split("#")[0].strip() for line in commands.strip().splitlines()]
    assert lines == ["make compare", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^compare:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_says_where_the_command_is_and_how_to_install():
    for words in (".venv/bin/fastsmote", ". .venv/bin/activate", "pip install .",
                  "'fastsmote[plots]'", "'.[plots]'"):  # fmt: skip
        assert words in README, words


@pytest.mark.parametrize("code", blocks("python"), ids=lambda c: c.splitlines()[0][:40])
def test_python_examples_run_as_written(code, tmp_path):
    script = tmp_path / "example.py"
    script.write_text(code)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr


def test_dask_example_has_the_main_guard():
    (dask_code,) = [code for code in blocks("python") if "distributed" in code]
    assert 'if __name__ == "__main__":' in dask_code
    assert dask_code.index("__main__") < dask_code.index("Client(")


def test_shell_examples_are_valid_commands():
    from fastsmote.app.cli import build_parser

    parser = build_parser()
    commands = [
        line.split("#")[0].strip()
        for code in blocks("sh")
        for line in code.splitlines()
        if line.startswith("fastsmote ")
    ]
    assert len(commands) >= 4
    for command in commands:
        args = parser.parse_args(shlex.split(command)[1:])  # exits on an unknown option
        if args.command == "compare" and args.samplers:
            from fastsmote.app.compare.command import compare_names

            compare_names(args.samplers.split(","))


def _table_rows():
    rows = []
    for line in section("Samplers").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if line.startswith("| `"):
            rows.append(cells)
    return rows


def test_sampler_table_says_which_take_nn_backend_and_n_jobs():
    import fastsmote
    import fastsmote.dask
    from fastsmote._registry import CLASSES

    rows = _table_rows()
    assert [row[0] for row in rows] == list(CLASSES)  # the registry's classes, in its order
    for name, reference, nn_backend, n_jobs, dask in rows:
        parameters = inspect.signature(getattr(fastsmote, name)).parameters
        assert (
            ("nn_backend" in parameters) == nn_backend.startswith("yes") == CLASSES[name].nn_backend
        )
        assert ("n_jobs" in parameters) == n_jobs.startswith("yes") == CLASSES[name].n_jobs
        assert hasattr(fastsmote.dask, name) == (dask == "yes"), name
        module, _, cls = reference.rpartition(".")
        assert cls == name and hasattr(importlib.import_module(f"imblearn.{module}"), cls)
    assert "SMOTEN` | `over_sampling.SMOTEN` | no" in README


def test_parity_section_and_placeholder():
    text = " ".join(section("Parity").split())
    assert (
        "For every sampler, with the same parameters and `random_state`, fastsmote's output "
        "(X, y, dtypes, row order, `sample_indices_`) equals imbalanced-learn 0.14's under "
        "defaults, on any data (duplicate rows and tied distances included)"
    ) in text
    assert 'neighbor_order="index"' in text and "tests/test_real_parity.py" in text


def test_links_resolve():
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)", README):
        assert (ROOT / target).exists(), target
    for doc in (ROOT / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.(?:md|png|json))", doc.read_text()):
            assert (doc.parent / target).exists(), (doc.name, target)
