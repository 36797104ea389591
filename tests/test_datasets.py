"""Tests of fastsmote.datasets: the benchmark workloads and CSV loading."""

from __future__ import annotations

import doctest
import re

import numpy as np
import pytest
from sklearn.datasets import make_classification

from fastsmote import datasets
from fastsmote.datasets import (
    DEFAULT_WORKLOAD,
    WORKLOADS,
    ColumnNotFoundError,
    CSVInputError,
    load_csv,
    make_workload,
    replay,
    sparse,
    workloads,
)
from fastsmote.datasets import csv as csv_module

# The workload table (fastsmote.datasets.workloads' docstring), written out again as the oracle.
W1_ARGS = dict(n_informative=10, n_redundant=0, weights=[0.95], flip_y=0.01, random_state=0)
TABLE = {
    "W1": (1_000_000, dict(n_features=20, **W1_ARGS)),
    "W2": (
        1_000_000,
        dict(n_features=8, n_informative=6, n_redundant=2, weights=[0.9], random_state=0),
    ),
    "W3": (100_000, dict(n_features=20, **W1_ARGS)),
    "W4": (
        284_807,
        dict(
            n_features=30,
            n_informative=12,
            n_redundant=4,
            weights=[0.99827],
            flip_y=0.0005,
            random_state=0,
        ),
    ),
    "W5": (100_000, dict(n_features=200, **W1_ARGS)),
}


# -- workloads --------------------------------------------------------------------


def test_table_of_workloads():
    assert DEFAULT_WORKLOAD == "W4"
    assert list(WORKLOADS) == [f"W{i}" for i in range(1, 8)]
    for name, (n_samples, args) in TABLE.items():
        assert WORKLOADS[name].shape == (n_samples, args["n_features"])
        assert WORKLOADS[name].dtype == np.float64
    assert WORKLOADS["W6"].shape == (1_000_000, 15)
    assert WORKLOADS["W6"].categorical_features == (10, 11, 12, 13, 14)
    assert WORKLOADS["W7"].shape == (10_000_000, 20)
    assert WORKLOADS["W7"].dtype == np.float32


@pytest.mark.parametrize("name", sorted(TABLE))
def test_small_workload_is_the_generator_at_that_size(name):
    _, args = TABLE[name]
    X, y = make_workload(name, n_samples=1_500)
    expected_X, expected_y = make_classification(1_500, **args)
    assert X.dtype == np.float64 and X.flags.c_contiguous
    assert np.array_equal(X, expected_X)
    assert np.array_equal(y, expected_y) and y.dtype == np.int64


def test_default_workload_at_full_size():
    X, y = make_workload(DEFAULT_WORKLOAD)
    assert X.shape == (284_807, 30)
    assert 0.001 < y.mean() < 0.003  # about 0.17 % positives


def test_w6_categorical_columns():
    n = 2_000
    X, y = make_workload("W6", n_samples=n)
    X_cont, y_expected = make_classification(
        n, n_features=10, n_informative=6, n_redundant=2, weights=[0.95], random_state=0
    )
    rng = np.random.RandomState(0)
    first = rng.randint(0, 50, size=(n, 5))
    second = rng.randint(0, 3, size=(n, 5))
    cats = (first + y_expected[:, None] * second) % 50
    assert X.shape == (n, 15)
    assert np.array_equal(y, y_expected)
    assert np.array_equal(X[:, :10], X_cont)
    assert np.array_equal(X[:, 10:], cats)
    assert set(np.unique(X[:, 10:])) <= set(range(50))


@pytest.mark.parametrize("n_samples", [1, 10, 3_000])
def test_w7_is_w1_generator_cast_to_float32(n_samples):
    X, y = make_workload("W7", n_samples=n_samples)
    expected_X, expected_y = make_classification(n_samples, n_features=20, **W1_ARGS)
    assert X.dtype == np.float32 and X.flags.c_contiguous
    assert np.array_equal(X, expected_X.astype(np.float32))
    assert np.array_equal(y, expected_y) and y.dtype == expected_y.dtype


@pytest.mark.parametrize("name", ["W1", "W2", "W4"])
@pytest.mark.parametrize("chunk_rows", [1, 3, 1_000, 7_777])
def test_low_memory_generator_across_block_boundaries(name, chunk_rows):
    # W7's generator, run in many blocks, equals make_classification.
    n_samples = 20_003
    args = TABLE[name][1]
    X, y = replay.make_classification_lowmem(
        n_samples, dtype=np.float64, chunk_rows=chunk_rows, **args
    )
    expected_X, expected_y = make_classification(n_samples, **args)
    assert np.array_equal(X, expected_X)
    assert np.array_equal(np.signbit(X), np.signbit(expected_X))  # -0.0 is not 0.0 here
    assert np.array_equal(y, expected_y)


def test_low_memory_generator_checks_itself_against_sklearn():
    assert workloads._lowmem_generator_matches_sklearn()


def test_dtype_float32_is_the_float64_data_rounded():
    X64, y64 = make_workload("W2", n_samples=500)
    X32, y32 = make_workload("w2", n_samples=500, dtype=np.float32)
    assert X32.dtype == np.float32
    assert np.array_equal(X32, X64.astype(np.float32))
    assert np.array_equal(y32, y64)
    X, _ = make_workload("W7", n_samples=500, dtype=np.float64)
    assert np.array_equal(X, make_classification(500, n_features=20, **W1_ARGS)[0])


def test_workload_errors():
    with pytest.raises(ValueError, match="unknown workload 'W8'.*W1, W2"):
        make_workload("W8")
    for bad in [0, -5, 2.5, True, "100"]:
        with pytest.raises(ValueError, match="n_samples must be a positive integer"):
            make_workload("W1", n_samples=bad)
    for bad in [np.int64, "float16", "not a dtype"]:
        with pytest.raises(ValueError, match="dtype must be np.float64 or np.float32"):
            make_workload("W1", n_samples=10, dtype=bad)


@pytest.mark.parametrize("module", [datasets, workloads, replay, csv_module, sparse])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


# -- load_csv ---------------------------------------------------------------------------


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_load_csv_reads_features_and_integer_target(tmp_path):
    path = write(tmp_path, "Time,V1,Class,Amount\n0,-1.5,0,149.62\n1,2e-3,1,2.69\n\n2,inf,0,nan\n")
    X, y, names = load_csv(path, "Class")
    assert names == ["Time", "V1", "Amount"]
    assert X.dtype == np.float64 and X.flags.c_contiguous
    np.testing.assert_array_equal(X, [[0, -1.5, 149.62], [1, 0.002, 2.69], [2, np.inf, np.nan]])
    assert y.dtype == np.int64
    assert y.tolist() == [0, 1, 0]


def test_load_csv_target_kinds_quotes_bom_and_dtype(tmp_path):
    path = write(tmp_path, '"a","label"\n"1",fraud\n" 2 ",ok\n', encoding="utf-8-sig")
    X, y, names = load_csv(str(path), "label", dtype=np.float32)
    assert names == ["a"] and X.dtype == np.float32 and X.tolist() == [[1.0], [2.0]]
    assert y.tolist() == ["fraud", "ok"]
    path = write(tmp_path, "a;y\n1;0\n2;1.0\n", name="semi.csv")
    X, y, _ = load_csv(path, "y", delimiter=";")
    assert y.dtype == np.int64 and y.tolist() == [0, 1]
    # Classes are integers or names (the one reader's rule, as evaluate's was).
    path = write(tmp_path, "a;y\n1;0.5\n2;1.5\n", name="fractional.csv")
    with pytest.raises(CSVInputError, match="numbers that are not integers"):
        load_csv(path, "y", delimiter=";")


def test_load_csv_reads_many_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_module, "_ROWS_PER_BLOCK", 4)
    rows = "".join(f"{i},{i * 0.5},{i % 3}\n" for i in range(11))
    X, y, _ = load_csv(write(tmp_path, "a,b,t\n" + rows), "t")
    assert X.shape == (11, 2)
    np.testing.assert_array_equal(X[:, 1], np.arange(11) * 0.5)
    assert y.tolist() == [i % 3 for i in range(11)]


def test_load_csv_missing_file_names_the_path(tmp_path):
    path = tmp_path / "nowhere" / "fraud.csv"
    with pytest.raises(FileNotFoundError, match=re.escape(str(path))):
        load_csv(path, "Class")
    with pytest.raises(CSVInputError, match=re.escape(str(tmp_path)) + " is a directory"):
        load_csv(tmp_path, "Class")


def test_load_csv_missing_column_lists_available_columns(tmp_path):
    path = write(tmp_path, "Time,V1,Class\n0,1,0\n")
    with pytest.raises(ColumnNotFoundError) as info:
        load_csv(path, "class")
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)
    message = str(info.value)
    assert message.startswith("target column 'class' not found in ")
    assert "available columns: 'Time', 'V1', 'Class'" in message
    with pytest.raises(KeyError):
        load_csv(path, "Label")
    with pytest.raises(ValueError):
        load_csv(path, "Label")


def test_load_csv_non_numeric_columns_are_named(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_module, "_ROWS_PER_BLOCK", 2)
    text = "id,colour,x,size,y\n1,red,0.5,3,0\n2,red,0.1,4,1\n3,blue,0.2,,0\n4,red,0.3,big,1\n"
    with pytest.raises(ValueError) as info:
        load_csv(write(tmp_path, text), "y")
    message = str(info.value)
    assert message.startswith("non-numeric feature column(s) in ")
    assert "'colour' (first: 'red' on line 2)" in message
    assert "'size' (first: '' on line 4)" in message
    assert "'id'" not in message and "'x'" not in message


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("", "is empty"),
        ("\n", "is empty"),
        ("a,b\n", "no data rows"),
        ("a,a,y\n1,2,0\n", r"repeats the column name\(s\) a$"),
        ("y\n0\n1\n", "has no column besides the target 'y'"),
        ("a,b,y\n1,2,0\n1,2\n", "line 3 .* has 2 fields, the header has 3"),
    ],
)
def test_load_csv_malformed_files(tmp_path, text, match):
    with pytest.raises(ValueError, match=match):
        load_csv(write(tmp_path, text), "y" if "y" in text else "b")


# -- read_table: the one reader, lenient (evaluate) and strict (compare, load_csv) -----


def test_read_table_lenient_reads_missing_values_strict_refuses_them(tmp_path):
    from fastsmote.datasets import NonNumericColumnsError, read_table

    path = write(tmp_path, "a,b,colour,y\n1,NA,red,0\n2,inf,blue,1\n3,4,red,\n5,6,blue,1\n")
    table = read_table(path, "y", ["colour"])
    np.testing.assert_array_equal(table.X, [[1, np.nan, 1], [2, np.nan, 0], [5, 6, 0]])
    assert table.categorical == [2] and table.y.tolist() == [0, 1, 1]
    assert any("dropped 1 row" in note for note in table.notes)
    assert any("infinite value(s) of 'b'" in note for note in table.notes)
    with pytest.raises(NonNumericColumnsError, match=r"'b' \(first: 'NA' on line 2\)") as info:
        read_table(path, "y", ["colour"], strict=True)
    assert info.value.columns == ["b"]
    fixed = write(tmp_path, "a,b,colour,y\n1,nan,red,0\n2,inf,blue,1\n3,4,red,\n", "fixed.csv")
    with pytest.raises(CSVInputError, match="has no value on line 4"):
        read_table(fixed, "y", ["colour"], strict=True)


def test_read_table_strict_keeps_nan_and_inf_as_numbers_and_codes_categories(tmp_path):
    from fastsmote.datasets import read_table

    path = write(tmp_path, "a,colour,y\nnan,red,0\ninf,blue,1\n")
    table = read_table(path, "y", ["colour"], strict=True)
    assert np.isnan(table.X[0, 0]) and np.isinf(table.X[1, 0])
    assert table.X[:, 1].tolist() == [1.0, 0.0] and table.notes == []


def test_read_table_refuses_the_target_as_a_categorical_column(tmp_path):
    from fastsmote.datasets import read_table

    with pytest.raises(CSVInputError, match="cannot also be a categorical column"):
        read_table(write(tmp_path, "a,y\n1,0\n"), "y", ["y"])
