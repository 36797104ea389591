"""Sampler names and parameters as users type them, for both commands.

``fastsmote compare --samplers`` and ``fastsmote evaluate --resamplers`` read
names with :func:`match_names` (case, spaces, ``-`` and ``_`` ignored; the
closest known name suggested for a typo), and both read ``--param
NAME.PARAMETER=VALUE`` with :func:`parse_params`.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    "hint_for",
    "key",
    "match_names",
    "parse_params",
    "show_label",
    "single_class_message",
]


def key(name: str) -> str:
    """The form names are compared in: lower case, letters and digits only.

    Examples
    --------
    >>> key("Borderline-SMOTE 1"), key("smote_enn")
    ('borderlinesmote1', 'smoteenn')
    """
    return "".join(c for c in name.lower() if c.isalnum())


def match_names(
    typed: Sequence[str],
    known: Mapping[str, Iterable[str]],
    error: Callable[[str], Exception] = ValueError,
    what: str = "sampler",
) -> list[str]:
    """The canonical names of ``typed``, in order, without repeats.

    Parameters
    ----------
    typed : sequence of str
        Names as the user typed them.
    known : mapping of str to iterable of str
        Canonical name -> other accepted spellings (labels, abbreviations).
    error : callable, default=ValueError
        Exception class raised for unknown names.
    what : str, default="sampler"
        What the names are, for the message.

    Raises
    ------
    error
        Naming every unknown name, the closest known name where one is close,
        and all known names.

    Examples
    --------
    >>> match_names(["smote", "SMOTE-ENN"], {"SMOTE": [], "SMOTEENN": ["SMOTE-ENN"]})
    ['SMOTE', 'SMOTEENN']
    >>> match_names(["ADSYN"], {"ADASYN": [], "SMOTE": []})
    Traceback (most recent call last):
    ...
    ValueError: unknown sampler 'ADSYN' (did you mean ADASYN?); choose from ADASYN, SMOTE
    """
    by_key: dict[str, str] = {}
    for canonical, spellings in known.items():
        for spelling in (canonical, *spellings):
            by_key.setdefault(key(spelling), canonical)
    found, unknown = [], []
    for name in typed:
        if key(name) in by_key:
            found.append(by_key[key(name)])
            continue
        close = difflib.get_close_matches(key(name), list(by_key), n=1, cutoff=0.6)
        unknown.append(f"{name!r}" + (f" (did you mean {by_key[close[0]]}?)" if close else ""))
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise error(f"unknown {what}{plural} {', '.join(unknown)}; choose from {', '.join(known)}")
    return list(dict.fromkeys(found))


def parse_params(
    items: Sequence[str] | None,
    resolve: Callable[[str], str],
    parameters: Callable[[str], Iterable[str]],
    error: Callable[[str], Exception] = ValueError,
) -> dict[str, dict]:
    """Read ``--param NAME.PARAMETER=VALUE`` options.

    Parameters
    ----------
    items : sequence of str or None
        The options as typed.
    resolve : callable
        Typed sampler name -> canonical name (raises for unknown names).
    parameters : callable
        Canonical name -> the constructor parameters it accepts.
    error : callable, default=ValueError
        Exception class raised for a malformed option or an unknown parameter.

    Returns
    -------
    dict of str to dict
        Canonical name -> keyword arguments. A value is read as a Python
        literal (``0.001``, ``None``, ``'auto'``, ``{1: 500}``) and kept as a
        string when it is not one.

    Examples
    --------
    >>> parse_params(["kmeanssmote.cluster_balance_threshold=0.001"],
    ...              lambda n: "KMeansSMOTE", lambda n: ["cluster_balance_threshold"])
    {'KMeansSMOTE': {'cluster_balance_threshold': 0.001}}
    """
    out: dict[str, dict] = {}
    for item in items or ():
        name, dot, rest = item.partition(".")
        parameter, equals, text = rest.partition("=")
        if not (dot and equals and name.strip() and parameter.strip()):
            raise error(
                f"--param {item!r}: expected NAME.PARAMETER=VALUE, "
                "e.g. --param KMeansSMOTE.cluster_balance_threshold=0.001"
            )
        canonical, parameter = resolve(name.strip()), parameter.strip()
        accepted = sorted(parameters(canonical))
        if parameter not in accepted:
            close = [a for a in accepted if parameter.lower() in a] or difflib.get_close_matches(
                parameter, accepted, n=1
            )
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise error(
                f"--param {item!r}: {canonical} has no parameter {parameter!r}{hint}; "
                f"its parameters: {', '.join(accepted)}"
            )
        try:
            value = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError):
            value = text.strip()
        out.setdefault(canonical, {})[parameter] = value
    return out


def show_label(label) -> str:
    """A class label for messages: quoted when it is a name, plain when a number.

    Examples
    --------
    >>> import numpy as np
    >>> show_label(np.int64(0)), show_label("fraud")
    ('0', "'fraud'")
    """
    return repr(str(label)) if isinstance(label, str) else str(label)


def single_class_message(label, n_rows: int) -> str:
    """What both commands say when the target holds a single class.

    Examples
    --------
    >>> import numpy as np
    >>> single_class_message(np.int64(0), 3)
    'the target has a single class (0) in all 3 rows; there is nothing to resample or classify: is this the right --target?'
    """  # noqa: E501
    return (
        f"the target has a single class ({show_label(label)}) in all {n_rows:,} rows; "
        "there is nothing to resample or classify: is this the right --target?"
    )


#: (sampler, fragment of an error message) -> what to try.
_HINTS = (
    (
        "KMeansSMOTE",
        "No clusters found",
        "To run it, lower the share of minority rows a cluster needs, e.g. "
        "--param KMeansSMOTE.cluster_balance_threshold=0.001, or use more clusters "
        '(--param "KMeansSMOTE.kmeans_estimator=20")',
    ),
)


def hint_for(sampler: str, message: str) -> str:
    """What to try when ``sampler`` failed with ``message`` ("" when nothing is known).

    Examples
    --------
    >>> hint_for("KMeansSMOTE", "RuntimeError: No clusters found with sufficient samples")[:25]
    'To run it, lower the shar'
    """
    for name, fragment, hint in _HINTS:
        if key(name) == key(sampler) and fragment in message:
            return hint
    return ""
