"""Deprecation: old spellings keep working for two minor versions with a ``FutureWarning``
that names the new one (the mechanism behind the changelog's promise)."""

from __future__ import annotations

import functools
import inspect
import warnings

__all__ = ["renamed_param", "renamed_value", "renamed_kwargs", "deprecated_method",
           "warn_deprecated", "SINCE", "REMOVED_IN"]

SINCE = "0.2"
"""The release that renamed the 0.1 spellings."""
REMOVED_IN = "0.4"
"""Two minor versions later: when the old spellings stop working."""


def warn_deprecated(message: str, *, stacklevel: int = 3) -> None:
    """Emit a ``FutureWarning`` (shown to users by default, unlike
    ``DeprecationWarning``)."""
    warnings.warn(message, FutureWarning, stacklevel=stacklevel)


def renamed_param(old: str, new: str, *, since: str = SINCE, removed_in: str = REMOVED_IN):
    """Decorator: accept keyword ``old`` as ``new`` with a ``FutureWarning``; passing both
    is a ``TypeError``.

    Examples
    --------
    >>> @renamed_param("top_k", "top_n")
    ... def f(*, top_n=10):
    ...     return top_n
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     f(top_k=3), w[0].category.__name__
    (3, 'FutureWarning')
    """

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if old in kwargs:
                if new in kwargs:
                    raise TypeError(f"{func.__name__}() got both {old}= and {new}=; "
                                    f"{old} is the old name of {new}, pass only {new}")
                warn_deprecated(
                    f"{func.__name__}({old}=...) is deprecated since cyberreport {since} "
                    f"and will be removed in {removed_in}; use {new}= instead")
                kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        renamed = dict(getattr(func, "_renamed_params", {}))
        renamed[old] = new
        wrapper._renamed_params = renamed
        wrapper.__signature__ = inspect.signature(func)
        return wrapper

    return decorate


def renamed_value(name: str, value, renames: dict, *, owner: str, since: str = SINCE,
                  removed_in: str = REMOVED_IN):
    """``value``, or its new spelling with a ``FutureWarning`` when it is an old one
    (``unit="document"`` -> ``"text"``)."""
    if isinstance(value, str) and value in renames:
        new = renames[value]
        warn_deprecated(
            f"{owner}({name}={value!r}) is deprecated since cyberreport {since} and will be "
            f"removed in {removed_in}; use {name}={new!r} instead", stacklevel=4)
        return new
    return value


def renamed_kwargs(owner: str, extra: dict, renames: dict) -> dict:
    """New name -> value for the old spellings among an estimator's extra keyword
    arguments ``extra`` (each with a ``FutureWarning``); any other extra argument is a
    ``TypeError``.  (Estimators take ``**deprecated`` so that their signature, which
    ``get_params`` reads, lists the new names only.)"""
    out = {}
    for old, new in renames.items():
        if old in extra:
            warn_deprecated(
                f"{owner}({old}=...) is deprecated since cyberreport {SINCE} and will be "
                f"removed in {REMOVED_IN}; use {new}= instead", stacklevel=4)
            out[new] = extra.pop(old)
    if extra:
        raise TypeError(f"{owner}() got unexpected keyword argument(s) "
                        f"{', '.join(map(repr, sorted(extra)))}")
    return out


class deprecated_method:
    """A method under an old name that calls method ``new`` with a ``FutureWarning``
    (``to_pandas = deprecated_method("to_frame")``)."""

    def __init__(self, new: str, *, since: str = SINCE, removed_in: str = REMOVED_IN):
        self.new, self.since, self.removed_in = new, since, removed_in
        self.name = "?"
        self.__doc__ = f"Deprecated alias of :meth:`{new}`."

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self

        def call(*args, **kwargs):
            warn_deprecated(
                f"{type(obj).__name__}.{self.name}() is deprecated since cyberreport "
                f"{self.since} and will be removed in {self.removed_in}; use "
                f".{self.new}() instead")
            return getattr(obj, self.new)(*args, **kwargs)

        call.__name__ = self.name
        call.__doc__ = self.__doc__
        return call
