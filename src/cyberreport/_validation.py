"""Parameter validation: declarative constraints with one message format, and the
scikit-learn parameter protocol shared by cyberreport's estimators.

Standard library only, so that importing an estimator (and predicting) stays light.

A constraint list says what a parameter may be; a value is valid when it satisfies any
entry.  Entries are :class:`Interval`, :class:`Options`, a type, ``None``, or one of the
names ``"boolean"``, ``"random_state"``, ``"n_jobs"``, ``"str"``, ``"mapping"``,
``"callable"``.  Every message has the same shape and names the parameter::

    threshold must be 'cv' or a number in (0, 1), got 5

Examples
--------
>>> from numbers import Real
>>> check("f", {"alpha": [Interval(Real, 0, 1, "neither")]}, {"alpha": 2})
Traceback (most recent call last):
...
cyberreport.exceptions.InvalidParameterError: alpha must be a number in (0, 1), got 2
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral

__all__: list[str] = []


@dataclass(frozen=True)
class Interval:
    """Numbers of ``type`` between ``low`` and ``high`` (``None``: unbounded).

    ``closed`` is ``"both"``, ``"left"``, ``"right"`` or ``"neither"``.  ``bool`` is never
    a number here, and neither is NaN.
    """

    type: type
    low: float | None
    high: float | None
    closed: str = "both"

    def accepts(self, v) -> bool:
        if isinstance(v, bool) or not isinstance(v, self.type):
            return False
        if isinstance(v, float) and math.isnan(v):
            return False
        if self.low is not None:
            if v < self.low or (v == self.low and self.closed in ("right", "neither")):
                return False
        if self.high is not None:
            if v > self.high or (v == self.high and self.closed in ("left", "neither")):
                return False
        return True

    def describe(self) -> str:
        noun = "an int" if self.type is Integral else "a number"
        lo, hi = self.low, self.high
        if lo is not None and hi is not None:
            left = "[" if self.closed in ("both", "left") else "("
            right = "]" if self.closed in ("both", "right") else ")"
            return f"{noun} in {left}{_num(lo)}, {_num(hi)}{right}"
        if lo is not None:
            if lo == 0 and self.closed in ("right", "neither"):
                return "a positive int" if self.type is Integral else "a positive number"
            op = ">=" if self.closed in ("both", "left") else ">"
            return f"{noun} {op} {_num(lo)}"
        if hi is not None:
            op = "<=" if self.closed in ("both", "right") else "<"
            return f"{noun} {op} {_num(hi)}"
        return noun


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values (compared with ``==``, never ``True == 1``)."""

    values: tuple

    def __init__(self, values):
        object.__setattr__(self, "values", tuple(values))

    def accepts(self, v) -> bool:
        return any(type(v) is type(o) and v == o for o in self.values)

    def describe(self) -> str:
        if len(self.values) == 1:
            return repr(self.values[0])
        return "one of " + ", ".join(map(repr, self.values))


_RANDOM_STATE = Interval(Integral, 0, 2**32 - 1, "both")

_NAMED = {
    "boolean": (lambda v: isinstance(v, bool), "True or False"),
    "str": (lambda v: isinstance(v, str), "a str"),
    "nonempty_str": (lambda v: isinstance(v, str) and bool(v), "a non-empty str"),
    "mapping": (lambda v: isinstance(v, Mapping), "a dict"),
    "callable": (callable, "a callable"),
    "random_state": (_RANDOM_STATE.accepts, "an int in [0, 4294967295]"),
    "n_jobs": (lambda v: isinstance(v, Integral) and not isinstance(v, bool) and v != 0
               and v >= -1, "None, -1 or a positive int"),
}


def _accepts(c, v) -> bool:
    if c is None:
        return v is None
    if isinstance(c, str):
        return _NAMED[c][0](v)
    if isinstance(c, type):
        return isinstance(v, c) and not (c is not bool and isinstance(v, bool))
    return c.accepts(v)


def _describe(c) -> str:
    if c is None:
        return "None"
    if isinstance(c, str):
        return _NAMED[c][1]
    if isinstance(c, type):
        return f"a {c.__name__}"
    return c.describe()


def describe(constraints) -> str:
    """The constraints as words: ``"'cv' or a number in (0, 1)"``."""
    parts = [_describe(c) for c in constraints]
    if len(parts) <= 2:
        return " or ".join(parts)
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def check_value(name: str, value, constraints) -> None:
    """Raise :class:`~cyberreport.exceptions.InvalidParameterError` (a ``ValueError`` and
    a ``TypeError``) naming ``name`` unless ``value`` satisfies one of ``constraints``."""
    if any(_accepts(c, value) for c in constraints):
        return
    from .exceptions import InvalidParameterError

    raise InvalidParameterError(f"{name} must be {describe(constraints)}, got {value!r}")


def check(owner: str, constraints: Mapping[str, list], values: Mapping[str, object]) -> None:
    """Check every value that has constraints (``owner`` is for the reader of the code:
    messages name the parameter, as the user wrote it)."""
    for name, cons in constraints.items():
        if name in values:
            check_value(name, values[name], cons)


def validate_params(constraints: Mapping[str, list]):
    """Decorator: check a public function's arguments against ``constraints`` before it
    runs (arguments without constraints are not checked)."""

    def decorate(func):
        sig = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = sig.bind(*args, **kwargs)
            check(func.__qualname__, constraints, bound.arguments)
            return func(*args, **kwargs)

        wrapper._parameter_constraints = dict(constraints)
        return wrapper

    return decorate


def check_str(text: object, name: str = "text") -> str:
    """``text`` if it is a ``str``; else a ``TypeError`` naming ``name``."""
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, got {type(text).__name__}")
    return text


class ParamsMixin:
    """``get_params`` / ``set_params`` / ``__repr__`` from the ``__init__`` signature
    (what ``sklearn.base.clone``, ``Pipeline`` and ``GridSearchCV`` need) and
    ``_validate_params`` from the class's ``_parameter_constraints`` table.

    cyberreport's estimators do not inherit ``sklearn.base.BaseEstimator``, so that
    importing them (and predicting) does not import scikit-learn.
    """

    _parameter_constraints: dict = {}

    @classmethod
    def _get_param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return sorted(name for name, p in sig.parameters.items()
                      if name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL))

    def get_params(self, deep: bool = True) -> dict:
        """Parameters of this estimator (scikit-learn protocol)."""
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params):
        """Set parameters (scikit-learn protocol); returns ``self``."""
        valid = self._get_param_names()
        for key, value in params.items():
            if key not in valid:
                raise ValueError(
                    f"invalid parameter {key!r} for {type(self).__name__}; valid parameters "
                    f"are: {', '.join(valid)}"
                )
            setattr(self, key, value)
        return self

    def _validate_params(self) -> None:
        check(type(self).__name__, self._parameter_constraints, self.get_params())

    def __repr__(self) -> str:
        defaults = inspect.signature(type(self).__init__).parameters
        defaults = {k: v for k, v in defaults.items() if k in self._get_param_names()}
        changed = [
            f"{k}={v!r}" for k, v in self.get_params().items()
            if not (defaults[k].default is v or defaults[k].default == v)
        ]
        return f"{type(self).__name__}({', '.join(changed)})"
