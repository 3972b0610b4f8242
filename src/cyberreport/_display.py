"""Plain-text layout by display width: a Chinese character takes two terminal columns."""

from __future__ import annotations

import unicodedata

__all__: list[str] = []

#: Characters that change how the text around them is shown without being seen: the
#: bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_NO_BIDI = {ord(c): None for c in BIDI_CONTROLS}


def shown(s: str) -> str:
    """``s`` safe to show in a table, a spreadsheet or a page: bidirectional controls
    removed, other control characters (terminal escape sequences) written as escapes
    (``\\x1b``)."""
    s = s.translate(_NO_BIDI)
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in s)


def width(s: str) -> int:
    """Terminal columns of ``s`` (East Asian wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def clip(s: str, cols: int) -> str:
    """``s`` cut to fit ``cols`` columns, with "…" where it was cut."""
    out, w = [], 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > cols - 1:
            out.append("…")
            return "".join(out)
        out.append(c)
        w += cw
    return "".join(out)


def pad(s: str, cols: int) -> str:
    """``s`` padded with spaces on the right to ``cols`` columns."""
    return s + " " * max(0, cols - width(s))


def name_column(names, minimum: int) -> int:
    """Width of a left column holding ``names``: at least ``minimum``, and two columns
    more than the widest name."""
    return max([minimum] + [width(n) + 2 for n in names])
