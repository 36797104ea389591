"""The sampler registry and the backend table say what the classes are: each fact
is checked against the classes themselves, so neither can drift from them."""

from __future__ import annotations

import doctest
import inspect

import pytest

import fastsmote
import fastsmote._registry as registry
from fastsmote._registry import (
    CLASS_NAMES,
    COMPARED,
    EVALUATED,
    PROTOTYPE,
    SAMPLERS,
    SUITE,
    sampler_classes,
)
from fastsmote.neighbors import BACKEND_NAME_OF, BACKENDS, make_backend
from fastsmote.neighbors.backends import BACKEND_NAMES
from fastsmote.neighbors.report import backend_name


def test_registry_holds_every_exported_sampler_once():
    exported = {
        name for name in fastsmote.__all__ if hasattr(getattr(fastsmote, name), "fit_resample")
    }
    assert set(CLASS_NAMES) == exported
    for name, cls in sampler_classes().items():
        assert cls is getattr(fastsmote, name)


@pytest.mark.parametrize("name", list(SAMPLERS))
def test_each_entry_matches_its_classes(name):
    spec = SAMPLERS[name]
    ours = inspect.signature(spec.fastsmote_class).parameters
    theirs = inspect.signature(spec.reference_class).parameters
    assert spec.reference_class.__name__ == spec.class_name
    # fastsmote adds nn_backend and n_jobs only; the registry says which.
    assert set(ours) - set(theirs) <= {"nn_backend", "n_jobs"}
    assert ("nn_backend" in ours) == spec.nn_backend
    assert ("n_jobs" in ours) == spec.n_jobs
    assert ("random_state" in ours) == spec.random_state
    assert set(spec.params) <= set(ours) and set(spec.warmup_params) <= set(ours)
    if spec.k_param not in (None, "smote"):
        assert ours[spec.k_param].default == spec.default_k
    assert ("categorical_features" in ours) == (spec.data == "mixed")
    assert spec.data in ("continuous", "mixed", "categorical")


def test_command_lists_are_registry_names():
    assert set(EVALUATED) <= set(SAMPLERS) and set(SUITE) <= set(SAMPLERS)
    assert set(COMPARED) <= set(SAMPLERS) and len(set(COMPARED)) == len(COMPARED)
    # evaluate reads the registry rather than a list of its own (compare's suite reads SUITE).
    from fastsmote.app.evaluate.resamplers import RESAMPLERS

    assert list(RESAMPLERS) == [*EVALUATED, *PROTOTYPE]
    assert all(RESAMPLERS[name] is SAMPLERS[name] for name in RESAMPLERS)
    # The prototype under-samplers are options of both commands, not defaults.
    assert set(PROTOTYPE) <= set(SAMPLERS)
    assert not set(PROTOTYPE) & (set(COMPARED) | set(EVALUATED) | set(SUITE))
    assert set(COMPARED) | set(PROTOTYPE) == set(SAMPLERS)


def test_evaluate_runs_prototype_samplers_only_when_named():
    from fastsmote.app.evaluate.resamplers import resolve_resamplers

    default = [r.name for r in resolve_resamplers(None, has_categorical=True)]
    assert default == list(EVALUATED)
    assert [r.name for r in resolve_resamplers(["nearmiss 2"], False)] == ["NearMiss-2"]


def test_evaluate_runs_the_under_samplers_when_named():
    # Samplers without a neighbour count, or whose default count is None,
    # passed the up-front check only by raising a TypeError in it.
    from fastsmote.app.evaluate import Settings, evaluate, workload_table

    names = ["RandomUnderSampler", "CNN", "NearMiss-1", "NCR"]
    table = workload_table("W3", 600)
    for k_neighbors in (None, 2):
        result = evaluate(table, Settings(resamplers=names, k_neighbors=k_neighbors))
        assert [run.status for run in result.runs[1:]] == ["ok"] * len(names)


def test_entries_cannot_be_changed_by_a_caller():
    with pytest.raises(TypeError):
        SAMPLERS["BorderlineSMOTE-1"].params["kind"] = "borderline-2"
    with pytest.raises(TypeError):
        SAMPLERS["NEW"] = SAMPLERS["SMOTE"]


def test_registry_examples_run():
    result = doctest.testmod(registry)
    assert result.attempted > 0 and result.failed == 0


# -- the table of backends ---------------------------------------------------------------


def test_backend_table_is_what_make_backend_builds():
    assert tuple(BACKENDS) == BACKEND_NAMES
    for name, cls in BACKENDS.items():
        backend = make_backend(name, 3)
        assert type(backend) is cls
        assert backend_name(backend) == name


def test_backend_names_of_every_fastsmote_backend():
    from fastsmote.neighbors import SparseNeighbors

    assert BACKEND_NAME_OF[SparseNeighbors] == "sparse"
    assert set(BACKEND_NAME_OF.values()) == {*BACKENDS, "sparse"}


def test_cli_backend_choices_are_the_table():
    from fastsmote.app.cli import build_parser

    parser = build_parser()
    for name in BACKENDS:
        assert parser.parse_args(["compare", "--backend", name]).backend == name
    with pytest.raises(SystemExit):
        parser.parse_args(["compare", "--backend", "ball_tree"])
