"""The one validator of text inputs (lists of texts given to fit, predict, topics, profiles
and the Dask helpers): one set of messages naming the argument and the bad item."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from .corpus import Paragraph
from .io import Record

__all__ = ["as_texts_iterable", "check_text_item", "check_texts", "iter_text_chunks", "text_of",
           "TEXT_TYPES"]

TEXT_TYPES = (str, Paragraph, Record)
"""What a text may be: a ``str``, a labelled corpus :class:`Paragraph`, or a
:class:`Record` (its ``text``)."""


def as_texts_iterable(X, name: str) -> Iterable:
    """``X`` if it is an iterable of texts (numpy arrays and pandas Series as lists); a
    single string, a 0-d array, a DataFrame or a non-iterable raises a ``TypeError``
    naming ``name``."""
    if isinstance(X, (str, bytes)):
        raise TypeError(
            f"{name} must be a sequence of strings, got a single {type(X).__name__}; "
            f"wrap it in a list: [{name}]"
        )
    if hasattr(X, "columns") and hasattr(X, "iloc"):  # a pandas DataFrame
        cols = ", ".join(map(repr, list(X.columns)[:5]))
        raise TypeError(
            f"{name} must be a sequence of strings, got a DataFrame; pass its text column, "
            f"e.g. df['text'] (columns: {cols})"
        )
    if hasattr(X, "tolist") and not isinstance(X, list):  # numpy arrays, pandas Series
        if getattr(X, "ndim", 1) != 1:
            raise TypeError(f"{name} must be a one-dimensional sequence of strings, got an "
                            f"array of shape {getattr(X, 'shape', '?')}")
        X = X.tolist()
    try:
        iter(X)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of strings, got {type(X).__name__}") from None
    return X


def check_text_item(x, i: int, name: str) -> None:
    """Raise a ``TypeError`` naming ``name[i]`` unless ``x`` is a text (see
    :data:`TEXT_TYPES`)."""
    if not isinstance(x, TEXT_TYPES):
        missing = x is None or (isinstance(x, float) and x != x) or \
            type(x).__name__ in ("NAType", "NaTType")
        raise TypeError(
            f"{name}[{i}] must be a str, got {type(x).__name__}"
            + (" (None)" if x is None else " (a missing value)" if missing else "")
        )


def check_texts(X, name: str = "X") -> list:
    """``X`` as a list of texts (str, Paragraph or Record), or a clear error."""
    items = list(as_texts_iterable(X, name))
    for i, x in enumerate(items):
        check_text_item(x, i, name)
    return items


def text_of(x) -> str:
    """The text of a str, Paragraph or Record."""
    return x if isinstance(x, str) else x.text


def iter_text_chunks(X, name: str, chunk_size: int) -> Iterator[list[str]]:
    """The texts of ``X`` (str or corpus Paragraphs) as lists of at most ``chunk_size``
    str, validated as :func:`check_texts` does (the same messages, with the index
    in the whole input).  A list or other sized sequence is checked completely before the
    first chunk is returned; any other iterable is read one chunk at a time."""
    X = as_texts_iterable(X, name)
    it = iter(X)
    checked = False
    if hasattr(X, "__len__") and it is not X:  # a collection: can be read twice
        for i, x in enumerate(it):
            check_text_item(x, i, name)
        it = iter(X)
        checked = True
    start = 0
    while True:
        chunk = list(islice(it, chunk_size))
        if not chunk:
            return
        if not checked:
            for i, x in enumerate(chunk, start):
                check_text_item(x, i, name)
        yield [text_of(x) for x in chunk]
        start += len(chunk)
