"""Validation of text inputs shared by fitting and (chunked) prediction: one set of
messages, naming the argument and the index of the bad item."""

from __future__ import annotations

from collections.abc import Iterable

from .corpus import Paragraph

__all__: list[str] = []


def as_texts_iterable(X, name: str) -> Iterable:
    """``X`` if it is an iterable of texts (numpy arrays and pandas Series as lists);
    a single string or a non-iterable raises a ``TypeError`` naming ``name``."""
    if isinstance(X, (str, bytes)):
        raise TypeError(
            f"{name} must be a sequence of strings, got a single {type(X).__name__}; "
            f"wrap it in a list: [{name}]"
        )
    if hasattr(X, "tolist") and not isinstance(X, list):  # numpy arrays, pandas Series
        X = X.tolist()
    try:
        iter(X)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of strings, got {type(X).__name__}") from None
    return X


def check_text_item(x, i: int, name: str) -> None:
    """Raise a ``TypeError`` naming ``name[i]`` unless ``x`` is a str or a corpus
    Paragraph."""
    if not isinstance(x, (str, Paragraph)):
        raise TypeError(
            f"{name}[{i}] must be a str, got {type(x).__name__}" + (" (None)" if x is None else "")
        )
