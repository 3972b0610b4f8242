"""Text normalisation: one canonical form for full/half-width, whitespace and invisible characters.

Normalisation convention
------------------------
Chinese government texts mix full-width and half-width forms freely (the 2016 seed
corpus writes ASCII ``,`` inside Chinese sentences).  :func:`normalize` applies one
convention, in this order:

0. **Surrogates are repaired**: a high and a low surrogate in a row (a character outside
   the Basic Multilingual Plane written as UTF-16 code units) become that character; a
   lone surrogate (U+D800–U+DFFF, which no encoding can write; it comes from mis-decoded
   bytes, e.g. ``surrogateescape``) becomes the replacement character U+FFFD.
1. **Invisible characters are removed**: zero-width spaces and joiners (U+200B–U+200D,
   U+2060), the byte-order mark (U+FEFF), the soft hyphen (U+00AD), the bidirectional
   controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C: they can make a
   text display as something else, e.g. a file name read backwards) and every control
   character except whitespace controls.
2. **Whitespace**: every Unicode whitespace character (including the ideographic space
   U+3000, tabs and line breaks) becomes an ASCII space; runs collapse to one space;
   leading and trailing spaces are removed.
3. **Letters, digits and symbols become half-width**: the full-width ASCII block
   (U+FF01–U+FF5E) maps to ASCII, *except* the seven marks Chinese prose uses as its
   own punctuation — ``！（），：；？`` — which stay full-width.
4. **Chinese punctuation is full-width**: an ASCII ``! ( ) , : ; ?`` that touches a
   CJK character (a Han ideograph, kana, hangul, or one of ``《》“”‘’「」『』〈〉【】、。``)
   becomes its full-width form.  Punctuation between Latin letters or digits
   (``3,500``, ``a:b``) is left alone, and ``.`` is never changed because it is also the
   decimal point.

The function is idempotent: ``normalize(normalize(s)) == normalize(s)``.
"""

from __future__ import annotations

import re

from .._validation import check_str as _check_str

__all__ = ["normalize"]

_INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad"
              "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_KEEP_FULLWIDTH = set("！（），：；？")
_TO_FULLWIDTH = {"!": "！", "(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？"}


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _INVISIBLE}
    for cp in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
        ch = chr(cp)
        table[cp] = " " if ch.isspace() else None
    for cp in range(0xFF01, 0xFF5F):
        if chr(cp) not in _KEEP_FULLWIDTH:
            table[cp] = chr(cp - 0xFEE0)
    return table


_TABLE = _build_table()
# Characters the table changes, and surrogates; texts without any (most normalised text)
# skip this step.
_TRANSLATE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "\ud800-\udfff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_WS_RE = re.compile(r"\s+")
# Whitespace that is not already a single ASCII space between two other characters:
# a whitespace character other than " ", or a space at the start, at the end, or before
# another space.  (Written to start with \s so that the regex engine skips every other
# character quickly; it is only searched for, and finds a match in exactly the texts
# where ``[^\S ]|  |^ | $`` does.)
_WS_FIX_RE = re.compile(r"\s(?:(?<=[^ ])|(?<=^.)|(?= |$))", re.S)
# Characters that make an adjacent ASCII mark "Chinese punctuation".  Only characters
# that normalisation never changes are listed, so the rule is idempotent.
_CJK_CONTEXT = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
    "\u3040-\u30ff\uac00-\ud7af"
    "《》“”‘’「」『』〈〉【】、。"
)
# An ASCII mark with a CJK-context character before or after it.  It starts with the
# mark itself so that the regex engine skips every other character quickly (same matches
# as ``(?<=[CJK])[!(),:;?]|[!(),:;?](?=[CJK])``).
_PUNCT_RE = re.compile(
    rf"[!(),:;?](?:(?<=[{_CJK_CONTEXT}].)|(?=[{_CJK_CONTEXT}]))", re.S
)


def normalize(text: str) -> str:
    """Return ``text`` in cyberreport's canonical form.

    See the module documentation for the convention: surrogates repaired (a lone one
    becomes U+FFFD), invisible and control characters removed, whitespace collapsed to
    single ASCII spaces, full-width letters and digits made half-width, and ASCII
    punctuation inside Chinese text made full-width.

    Parameters
    ----------
    text : str
        Any string.

    Returns
    -------
    str
        The normalised text.  ``normalize(normalize(t)) == normalize(t)``.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.

    Examples
    --------
    >>> normalize("网信办,\\u3000推进ＡＢＣ１２３ 工作")
    '网信办， 推进ABC123 工作'
    """
    _check_str(text)
    if not text:
        return text
    if _TRANSLATE_RE.search(text):
        if _SURROGATE_RE.search(text):
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        text = text.translate(_TABLE)
    if _WS_FIX_RE.search(text):
        text = _WS_RE.sub(" ", text).strip()
    return _PUNCT_RE.sub(_fullwidth, text)


def _fullwidth(m: re.Match) -> str:
    return _TO_FULLWIDTH[m.group()]
