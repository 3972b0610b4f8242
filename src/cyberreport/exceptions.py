"""Every exception and warning that cyberreport raises on purpose, in one public module.

Each error's message names what was wrong and where: the argument, the index of the bad
item, or the file and line.

Examples
--------
>>> from cyberreport.exceptions import NotFittedError
>>> issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
True
"""

from __future__ import annotations

__all__ = [
    "CorpusFormatError",
    "DataError",
    "InputError",
    "InvalidParameterError",
    "ModelFormatError",
    "NotFittedError",
    "ResumeError",
    "UnknownThemeError",
    "FewExamplesWarning",
    "RejectedLinesWarning",
]


class UnknownThemeError(KeyError, ValueError):
    """A theme id that is not in the taxonomy (a ``KeyError`` and a ``ValueError``)."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


class CorpusFormatError(ValueError):
    """A corpus file that does not follow the record schema; the message names the
    file and the line."""


class InputError(ValueError):
    """An input file or line that cannot be read; the message names the file and line."""


class DataError(ValueError):
    """Labelled data that cannot be used; the message names the file and line."""


class ModelFormatError(Exception):
    """A model folder that is not a valid cyberreport model (missing or tampered files,
    a wrong format version, arrays of the wrong shape or type); the message names the
    file and the field."""


class InvalidParameterError(ValueError, TypeError):
    """A parameter or argument outside what it may be (both a ``ValueError`` and a
    ``TypeError``, as scikit-learn's); the message names it, says what it must be and
    what it got."""


class NotFittedError(ValueError, AttributeError):
    """An estimator used before ``fit`` (both a ``ValueError`` and an
    ``AttributeError``, as scikit-learn's)."""


class ResumeError(ValueError):
    """``resume=True`` against an output that does not belong to the input or to the
    same settings."""


class FewExamplesWarning(UserWarning):
    """A label has too few examples to be learned reliably."""


class RejectedLinesWarning(UserWarning):
    """Some input lines could not be used (see the rejects file)."""
