"""The record: one text with its id, its place in the input and its metadata."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["Record", "Reject"]



@dataclass(frozen=True)
class Record:
    """One input text and what is known about it.

    Every reader of cyberreport (files, standard input, folders, data frames) yields
    records; every command and analysis takes them.

    Attributes
    ----------
    id : str
        The record's id: its ``id`` field or column, the file name for a folder of
        ``.txt`` files, else its line (row) number.
    text : str
        The text, as read (not normalised).
    province : str or None
        Province, when the input names one (a ``province`` field or column, or the file
        name of a ``.txt`` file such as ``2018_浙江.txt``).
    year : int or None
        Year, likewise (a ``year`` field or a four-digit year in the file name).
    date : str or None
        Date as written (a ``date`` field), if any.
    source : str or None
        The file it came from (``"<stdin>"`` for standard input).
    line : int or None
        Its line (JSONL, text) or row (CSV, Excel; the header is row 1) in ``source``.
    fields : Mapping
        Every other field of the input record (labels, genre, …), read-only.

    Examples
    --------
    >>> r = Record("a1", "开展网络安全宣传周活动。", province="浙江", year=2018)
    >>> r.province, r.year, dict(r.fields)
    ('浙江', 2018, {})
    """

    id: str
    text: str
    province: str | None = None
    year: int | None = None
    date: str | None = None
    source: str | None = None
    line: int | None = None
    fields: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        if not isinstance(self.fields, MappingProxyType):
            object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def get(self, name: str, default=None):
        """A metadata value by name: an attribute (``"province"``, ``"year"`` …) or an
        extra field."""
        if name in _ATTRS:
            value = getattr(self, name)
            return default if value is None else value
        return self.fields.get(name, default)

    def to_dict(self) -> dict:
        """JSON-ready: the attributes that are set, then the extra fields."""
        out = {k: getattr(self, k) for k in ("id", "text", "province", "year", "date")
               if getattr(self, k) is not None}
        out.update(self.fields)
        return out

    def __reduce__(self):  # MappingProxyType cannot be pickled
        return (_rebuild, (self.id, self.text, self.province, self.year, self.date,
                           self.source, self.line, dict(self.fields)))


_ATTRS = ("id", "text", "province", "year", "date", "source", "line")


def _rebuild(*args):
    return Record(*args)


@dataclass(frozen=True)
class Reject:
    """An input line (or row) that could not be made a :class:`Record`.

    Attributes
    ----------
    source : str
        The file (``"<stdin>"`` for standard input).
    line : int
        Its line (row) number.
    reason : str
        Why, in words (``"invalid JSON (Expecting value at column 1)"``).
    raw : bytes
        The line as read (without its line break), for a rejects file.
    """

    source: str
    line: int
    reason: str
    raw: bytes = b""

    def __str__(self) -> str:
        return f"{self.source}, line {self.line}: {self.reason}"

    def to_dict(self) -> dict:
        """``{"line", "error", "raw"}`` as a rejects file holds it."""
        return {"line": self.line, "error": self.reason,
                "raw": self.raw.decode("utf-8", errors="replace")}
