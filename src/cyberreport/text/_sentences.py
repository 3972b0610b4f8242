"""Sentence splitting: the taxonomy's unit of annotation (a span ending in 。！？；)."""

from __future__ import annotations

import re

from ._normalize import normalize

__all__ = ["split_sentences", "sentence_spans", "iter_spans"]


_TERMINATORS = set("。！？；!?;")
_OPEN_CLOSE = {"“": "”", "《": "》", "「": "」", "『": "』", "‘": "’"}
# Closing marks that belong to the sentence they end (a terminator inside quotes that
# close right after it).
_TRAILING = set("”’」』》）)") | _TERMINATORS
# The characters _sentence_spans acts on: opening marks, ASCII quotes, terminators, ".".
_SPECIAL_RE = re.compile(
    "[" + re.escape("".join(sorted(set(_OPEN_CLOSE) | {'"', "."} | _TERMINATORS))) + "]"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``.

    The spans tile ``text`` exactly (no gaps, no overlaps), so joining the pieces gives
    ``text`` back.  Whitespace after a sentence end belongs to that sentence.
    """
    return list(iter_spans(text))


def iter_spans(text: str):
    """The spans of :func:`sentence_spans`, one at a time (memory does not grow with the
    number of sentences of a long text)."""
    n = len(text)
    if n == 0:
        return
    start = 0
    i = 0
    ascii_quote_open = False
    # The last position of each closing mark: an opening mark with no closing mark
    # after it is an ordinary character (checked in O(1), so the scan stays linear).
    last = {c: text.rfind(c) for c in set(_OPEN_CLOSE.values()) | {'"'}}
    special = _SPECIAL_RE.search
    while i < n:
        # Every other character just moves on by one: jump to the next special one.
        m = special(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        close = _OPEN_CLOSE.get(ch)
        if close is not None:
            if last[close] > i:  # keep the quoted or titled span whole
                i = text.find(close, i + 1) + 1
                continue
        elif ch == '"':
            ascii_quote_open = not ascii_quote_open and last['"'] > i
            i += 1
            continue
        is_end = ch in _TERMINATORS and not ascii_quote_open
        if ch == "." and not ascii_quote_open:
            # Not a decimal point, not inside a name such as www.gov.cn, and not
            # part of an ASCII ellipsis "...".
            nxt = text[i + 1] if i + 1 < n else ""
            is_end = not (nxt.isascii() and nxt.isalnum()) and nxt != "."
        if not is_end:
            i += 1
            continue
        i += 1
        while i < n and (text[i] in _TRAILING or text[i] == "."):
            i += 1
        while i < n and text[i].isspace():
            i += 1
        yield start, i
        start = i
    if start < n:
        yield start, n


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences after normalising it.

    A sentence ends at ``。！？；`` or their ASCII forms ``!?;`` (and ``.`` when it is not a
    decimal point or inside a word such as a domain name); closing quotes and brackets
    right after the mark stay with the sentence.  Text inside “…”, 《…》, 「…」 and paired
    ASCII quotes is never split.

    Parameters
    ----------
    text : str
        Any string; it is passed through :func:`normalize` first.

    Returns
    -------
    list of str
        Non-empty pieces whose concatenation equals ``normalize(text)``.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.

    Examples
    --------
    >>> split_sentences("开展“净网”行动。关闭网站10家;受理举报")
    ['开展“净网”行动。', '关闭网站10家；', '受理举报']
    """
    text = normalize(text)
    return [text[s:e] for s, e in sentence_spans(text)]
