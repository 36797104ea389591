"""How ``fastsmote evaluate`` splits the rows, and the checks that refuse a
split the data cannot support (before any run starts)."""

from __future__ import annotations

import numpy as np

from ..errors import EvaluationInputError
from ..names import show_label as _show

__all__ = ["check_neighbours", "folds_of"]


def folds_of(y, labels, counts, settings) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (train, test) rows of the split or of each fold the settings ask for.

    Raises
    ------
    EvaluationInputError
        When a class has too few rows for them, or training rows would lack a
        class (the message says which option to change).
    """
    from sklearn.model_selection import StratifiedKFold, StratifiedShuffleSplit

    smallest = int(np.argmin(counts))
    few = f"class {_show(labels[smallest])} has only {counts[smallest]:,} row(s)"
    if settings.cv is not None:
        if settings.cv < 2:
            raise EvaluationInputError(f"--cv needs at least 2 folds, got {settings.cv}")
        if counts[smallest] < settings.cv:
            raise EvaluationInputError(
                f"{few}; --cv {settings.cv} needs at least {settings.cv} rows of every class "
                f"(use --cv {max(2, int(counts[smallest]))} or fewer"
                + (")" if counts[smallest] >= 2 else ", or more data)")
            )
        splitter = StratifiedKFold(settings.cv, shuffle=True, random_state=settings.seed)
    else:
        if not 0 < settings.test_size < 1:
            raise EvaluationInputError(
                f"--test-size must be between 0 and 1 (a share of the rows), "
                f"got {settings.test_size}"
            )
        if counts[smallest] < 2:
            raise EvaluationInputError(
                f"{few}; a stratified split needs at least 2 of every class "
                "(one to train on, one to test on): add rows of that class or remove it"
            )
        splitter = StratifiedShuffleSplit(
            1, test_size=settings.test_size, random_state=settings.seed
        )
    try:
        folds = list(splitter.split(np.zeros((y.size, 1)), y))
    except ValueError as exc:
        raise EvaluationInputError(f"cannot split the rows as asked: {exc}") from exc
    for train, _ in folds:
        absent = np.setdiff1d(labels, y[train])
        if absent.size:
            fix = (
                f"use a smaller --test-size (it holds out {settings.test_size:g} of the rows)"
                if settings.cv is None
                else "use fewer --cv folds"
            )
            raise EvaluationInputError(
                f"the training rows ({train.size:,}) hold no row of class "
                f"{_show(absent[0])}, so no classifier can learn it: {fix}"
            )
    return folds


def check_neighbours(specs, y, folds, k_neighbors) -> None:
    """Refuse up front when a class is too small for a resampler's neighbours.

    Raises
    ------
    EvaluationInputError
        Naming the resamplers, the class and what to change.
    """
    if not specs:
        return
    # The smallest training count of every class the resamplers over-sample
    # (all but the majority, as with sampling_strategy="auto").
    smallest: dict = {}
    for train, _ in folds:
        labels, counts = np.unique(y[train], return_counts=True)
        for label, count in zip(labels, counts, strict=True):
            if count < counts.max():
                smallest[label] = min(smallest.get(label, count), int(count))
    if not smallest:
        return
    label = min(smallest, key=smallest.get)
    have = smallest[label]
    # Resamplers without a neighbour count (RandomUnderSampler, ...) need none;
    # a count of None (CondensedNearestNeighbour's default) is one neighbour.
    counts = {s.name: (k_neighbors or s.default_k or 1) for s in specs if s.k_param is not None}
    short = [s for s in specs if s.name in counts and counts[s.name] + 1 > have]
    if not short:
        return
    names = ", ".join(s.label for s in short)
    ks = sorted({counts[s.name] for s in short})
    where = "every training fold" if len(folds) > 1 else "the training split"
    total = int(np.sum(y == label))
    if have < 2:
        fix = "add rows of that class, use a smaller --test-size or fewer --cv folds"
    else:
        fix = (
            f"lower --k-neighbors to {have - 1} or less, use a smaller --test-size or fewer "
            "--cv folds, or leave them out with --resamplers"
        )
    raise EvaluationInputError(
        f"too few rows of class {_show(label)} for the neighbours of {names}: with k_neighbors="
        f"{'/'.join(map(str, ks))} they need k_neighbors + 1 rows of each class they "
        f"over-sample in {where}, but it holds {have} of class {_show(label)} "
        f"({total} in all). To fix: {fix}"
    )
