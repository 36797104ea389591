"""scikit-learn's parameter validation, once per class and set of plain values.

``_validate_params`` runs at every ``fit`` and reads the parameters through
``inspect.signature`` (about 30 microseconds a call, paid again by each
neighbours object a sampler fits). For parameters that are all plain
immutable values the outcome depends on the values alone, so a passing set is
remembered per class; any other value (an estimator, a dict, a generator) is
validated every time.
"""

from __future__ import annotations

#: Parameter values whose validation depends on nothing but the value.
_IMMUTABLE = (type(None), bool, int, float, str)

#: Validated ``(class, parameters)`` keys; bounded so a long session that
#: tries many settings does not grow it without end.
_VALIDATED: set = set()
_VALIDATED_MAX = 4096

_PARAM_NAMES: dict = {}


def _param_key(estimator):
    cls = type(estimator)
    names = _PARAM_NAMES.get(cls)
    if names is None:
        names = _PARAM_NAMES[cls] = tuple(cls._get_param_names())
    items = []
    for name in names:
        value = getattr(estimator, name)
        if type(value) not in _IMMUTABLE:
            return None
        items.append((name, type(value), value))
    return (cls, tuple(items))


class MemoisedParamsMixin:
    """``_validate_params`` once per class and set of plain parameter values."""

    def _validate_params(self):
        key = _param_key(self)
        if key is not None and key in _VALIDATED:
            return
        super()._validate_params()
        if key is not None:
            if len(_VALIDATED) >= _VALIDATED_MAX:
                _VALIDATED.clear()
            _VALIDATED.add(key)
