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


#: Short theme names for tables on a terminal (display only; the taxonomy's names are in
#: ``cyberreport.THEMES``).
SHORT_NAMES = {
    "zh": {
        "security": "网络安全", "informatization": "信息化", "digital_economy": "数字经济",
        "e_government": "数字政务", "media_convergence": "媒体融合", "propaganda": "网上宣传",
        "online_culture": "网络文化", "content_governance": "内容治理",
        "social_governance": "举报共治", "institution_building": "体制机制",
        "digital_inclusion": "网络惠民", "talent_education": "人才教育",
        "international": "国际合作",
    },
    "en": {
        "security": "cybersecurity", "informatization": "informatization",
        "digital_economy": "digital economy", "e_government": "e-government",
        "media_convergence": "media convergence", "propaganda": "publicity",
        "online_culture": "online culture", "content_governance": "content governance",
        "social_governance": "public reporting", "institution_building": "institutions",
        "digital_inclusion": "inclusion", "talent_education": "talent", "international":
        "international",
    },
}


def short_name(label: str, lang: str = "zh") -> str:
    """A theme's short name in ``lang`` ("zh" or "en"); any other label unchanged."""
    return SHORT_NAMES.get(lang, {}).get(label, label)


def wrap(s: str, cols: int) -> list[str]:
    """``s`` cut into lines of at most ``cols`` columns (by display width)."""
    lines, cur, w = [], [], 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if cur and w + cw > cols:
            lines.append("".join(cur))
            cur, w = [], 0
        cur.append(c)
        w += cw
    if cur or not lines:
        lines.append("".join(cur))
    return lines


def output_width(stream, default: int = 100) -> int:
    """Columns to lay a table out in: the terminal's (or ``COLUMNS``) when ``stream`` is
    a terminal, else ``COLUMNS`` or ``default``; never below 40."""
    import os
    import shutil

    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if tty:
        cols = shutil.get_terminal_size((default, 24)).columns
    else:
        try:
            cols = int(os.environ.get("COLUMNS", default))
        except ValueError:
            cols = default
    return max(40, cols)
