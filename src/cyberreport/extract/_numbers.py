"""Chinese quantities: find the figures of a text (numbers with their unit and qualifier).

Two functions (the first lives in :mod:`._numerals`, the word lists in
:mod:`._figure_words`):

- :func:`parse_number` reads one numeral string (``"七十六万"``, ``"1.2万"``,
  ``"3,500"``, ``"二〇一六"``) and returns its value, or ``None``;
- :func:`find_quantities` finds the *figures* of a text — a number that counts or
  measures something, with its multiplier, measure word and qualifier — and returns
  :class:`Quantity` records with character offsets into the text exactly as given.

What is and is not a figure follows the annotation guideline
``data/figures/GUIDELINES.md``; the rules are summarised in the docstring of
:func:`find_quantities` and tested one by one in ``tests/extract/test_numbers.py``.
Standard library only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from .._validation import check_str as _check_str
from ._figure_words import (  # noqa: F401  (_UNITS, _PREFIX, _POST: read by the tests)
    _CHENG_BLOCK, _EXTRA_UNIT_BLOCK, _EXTRA_UNITS, _GLUE, _IDIOMS, _NON_FIGURE_RE, _PCT_UNITS,
    _POST, _PREFIX, _PREFIX_BLOCK, _RANGE_SEP, _RANK_RE, _SHANG_BLOCK, _SHU_BLOCK, _UNIT_BLOCK,
    _UNIT_UNBLOCK, _UNITS, _idiom_spans, _protected,
)
from ._numerals import _AR, _BIG, _FULLWIDTH, _FW_GROUP_RE, _evaluate, parse_number

__all__ = ["Quantity", "QUALIFIERS", "parse_number", "find_quantities"]

#: The four qualifier values of a :class:`Quantity`, in order of strength (a figure
#: with two qualifier words takes the first of them in this order that applies).
QUALIFIERS = ("over", "nearly", "about", "exact")


@dataclass(frozen=True)
class Quantity:
    """One figure found in a text (an immutable record).

    Attributes
    ----------
    raw : str
        The figure as written: qualifier words, number, multiplier and measure word,
        e.g. ``"76万多条"``, ``"近5000个"``, ``"98%以上"``.  ``raw == text[start:end]``.
    start, end : int
        Character offsets into the text passed to :func:`find_quantities`.
    value : float
        The number with its multiplier applied (``"1.2万"`` → ``12000.0``); for a
        percentage the number of per cent (``"98%"`` → 98.0, ``"九成"`` → 90.0); for a range
        its lower end.
    value_max : float or None
        The upper end of a range (``"3至5万"`` → 50000.0), else ``None``.
    unit : str
        The measure word or unit as written, without the multiplier (``"条"``, ``"人次"``,
        ``"元"`` for ``万元``, ``"%"`` for ``%``, ``百分之`` and ``成``, ``"个百分点"``);
        ``""`` when the number has none.
    qualifier : str
        ``"over"`` (多, 余, 超, 超过, 逾, 以上, a trailing ``+``, and the vague forms 十几, 几十,
        数百, 上千),
        ``"nearly"`` (近, 将近, 接近, 近乎, 不到, 不足, 以下, 以内), ``"about"``
        (约, 大约, 大概, 左右, 上下, 来) or ``"exact"``.

    Examples
    --------
    >>> q = find_quantities("删除违法违规信息76万多条")[0]
    >>> q.raw, q.value, q.unit, q.qualifier
    ('76万多条', 760000.0, '条', 'over')
    >>> q.to_dict()["start"]
    8
    """

    raw: str
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    qualifier: str

    def to_dict(self) -> dict:
        """JSON-ready: ``raw, start, end, value, value_max, unit, qualifier``."""
        return {"raw": self.raw, "start": self.start, "end": self.end, "value": self.value,
                "value_max": self.value_max, "unit": self.unit, "qualifier": self.qualifier}


# --------------------------------------------------------------------------------------
# Figures in text
# --------------------------------------------------------------------------------------

_U = r"(?:十|百(?!分)|千(?![米克瓦])|万|亿)"
_CD = "〇零一二两三四五六七八九"
_A_SHORT = rf"{_AR}(?:(?:[余多](?=[万亿]))?{_U}+(?:{_AR}{_U}+)*)?"
# 1234亿零567万, 3万零5, 5678万9012, 1万零三百: sections after 万/亿 (a 零 may start one)
_A_CORE = (rf"{_AR}(?:(?:[余多](?=[万亿]))?{_U}+(?:零?{_AR}{_U}+)*"
           rf"(?:零(?:[0-9]+|[{_CD}十百千]+)|(?<=[万亿])[0-9]+(?![.0-9年月日号]))?)?")
_C_CORE = (rf"(?:数(?={_U}))?(?:[{_CD}几]|{_U}|(?<=[{_CD}])点(?=[{_CD}])"
           rf"|(?<=[十百千])[余多](?=[万亿]))+")
_CORE = rf"(?:{_A_CORE}|{_C_CORE})"
_CANDIDATE_RE = re.compile(rf"(?P<pct>百分之)?(?P<core>{_CORE})")
_CORE_RE = re.compile(_CORE)
_SHORT_RE = re.compile(_A_SHORT)        # the core without the sections after 万/亿

_STRENGTH = {q: i for i, q in enumerate(QUALIFIERS)}


def _stronger(a: str, b: str) -> str:
    return a if _STRENGTH[a] <= _STRENGTH[b] else b


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@dataclass
class _Core:
    """A parsed numeral with what the rules need to know about it."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    text: str
    arabic: bool       # has an Arabic digit
    big: bool          # has 万 or 亿
    bare: bool         # starts with 百千万亿 (no digit before it)
    vague: bool        # 几 or 数 or internal 余/多: the qualifier is "over"
    sequence: bool     # digit-by-digit (二〇一六)
    multiplier: Decimal  # the 万/亿/万亿 at its end (1 if none)


_PAIRS = {("一", "两"), ("一", "二"), ("两", "三"), ("二", "三"), ("三", "四"), ("四", "五"),
          ("五", "六"), ("六", "七"), ("七", "八"), ("八", "九")}


def _parse_core(s: str, start: int) -> _Core | None:
    """Parse the numeral ``s`` (the scan copy's text) found at ``start``."""
    vague = False
    body = s
    if body.startswith("数"):
        body = "几" + body[1:]
        vague = True
    if re.search("(?<=[0-9十百千])[余多](?=[万亿])", body):
        body = re.sub("[余多](?=[万亿])", "", body)
        vague = True
    if "几" in body:
        vague = True
    arabic = bool(re.search("[0-9]", body))
    big = bool(re.search("[万亿]", body))
    bare = body[0] in "百千万亿"
    m = re.search("(?:万亿|亿|万)$", body)
    mult = Decimal(1)
    if m and m.start() > 0:
        mult = Decimal(10**12 if m.group() == "万亿" else _BIG[m.group()])
    value_max = None
    # 两三万, 七八百: two neighbouring digits before a unit are a range.
    if len(body) >= 3 and (body[0], body[1]) in _PAIRS and body[2] in "十百千万亿":
        lo = _evaluate(body[0] + body[2:])
        hi = _evaluate(body[1] + body[2:])
        if lo is None or hi is None:
            return None
        value, value_max, sequence = lo[0], hi[0], False
    else:
        r = _evaluate(body)
        if r is None:
            return None
        value, sequence = r
    return _Core(start, start + len(s), value, value_max, s, arabic, big, bare, vague,
                 sequence, mult)


def _match_core(scan: str, pos: int, end_limit: int | None = None) -> _Core | None:
    m = _CORE_RE.match(scan, pos)
    if m is None:
        return None
    s = m.group()
    core = _parse_core(s, pos)
    if core is None and s[-1] in _CD and len(s) > 1:
        # 十三五 → try 十三; 1万一批 → 1万 (the last digit belongs to the next word).
        core = _parse_core(s[:-1], pos)
    if core is None and (m := _SHORT_RE.match(scan, pos)) and m.group() != s:
        core = _parse_core(m.group(), pos)      # 1万零一批: the figure is 1万
    return core


_UNITS_BY_FIRST: dict[str, list[str]] = {}
for _u in _UNITS:  # longest first within each list, as in _UNITS
    _UNITS_BY_FIRST.setdefault(_u[0], []).append(_u)


def _match_unit(scan: str, pos: int) -> str:
    for u in _UNITS_BY_FIRST.get(scan[pos:pos + 1], ()):
        if scan.startswith(u, pos):
            nxt = scan[pos + len(u): pos + len(u) + 1]
            if nxt and nxt in _UNIT_BLOCK.get(u, "") and not any(
                    scan.startswith(w, pos + len(u)) for w in _UNIT_UNBLOCK.get(u, ())):
                continue
            return u
    return ""


def _match_extra_unit(scan: str, pos: int) -> str:
    """A measure word outside S1 (guideline R6), for a number with another signal."""
    for u in _EXTRA_UNITS:
        if scan.startswith(u, pos):
            nxt = scan[pos + len(u): pos + len(u) + 1]
            if nxt and nxt in _EXTRA_UNIT_BLOCK.get(u, ""):
                continue
            return u
    return ""


def _prefix(text: str, pos: int) -> tuple[int, str]:
    """``(start, qualifier)`` of a qualifier word ending at ``pos`` (else ``(pos, "")``)."""
    for word, q in _PREFIX:
        s = pos - len(word)
        if s >= 0 and text.startswith(word, s):
            before = text[s - 1] if s > 0 else ""
            if before and before in _PREFIX_BLOCK.get(word, ()):
                continue
            return s, q
    return pos, ""


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


def find_quantities(text: str) -> list[Quantity]:
    """Find the figures of ``text``: numbers that count or measure something.

    The text is read as given (full-width digits, ``,`` and ``，`` are understood; it is
    not normalised), so that the offsets of every :class:`Quantity` index ``text``.

    A number is a figure when it has at least one of: a measure word or unit (条, 个, 人次,
    元, 吨, % …), a multiplier (万, 亿), a qualifier (多, 余, 近, 约, 以上 …) or a
    percentage form (%, 百分之, 成, 个百分点, 倍).  Then it is *not* a figure when

    - it is inside “…”, 《…》 or another pair of quotation marks (names, titles, slogans:
      “十三五”, “122”工程, 《2018—2020年规划》);
    - it is followed by a word of time, age, rank, level or version (2016年, 3月5日,
      3个多月, 70周年, 三级, 十九届, 2.0版, 8点);
    - it follows 第 (第三届, 第十二条) or is a ranking (前10名);
    - it is written in Chinese, has no multiplier or percentage form and is below 10
      (一批, 两个, 三级, 四个全面, 两微一端);
    - it is written digit by digit (二〇一六);
    - it is a bare 百/千/万/亿 with no qualifier (百万网民, 千万, 千亿级; but 百余, 近百, 上千
      and 万余名 are figures);
    - it touches a Latin letter (5G, 3D, IPv6 without a unit) or a code mark such as
      ``+ × · : /`` (3+X, 6+1, 7×24, 5·12, 14:30; but a ``+`` not followed by a letter or
      digit means "over": 10万+), starts with a 0 (0851), or is part of a set phrase
      (微信十条, 账号十条, 成千上万).

    Years, phone numbers and hotline numbers (12345热线, 12321) have no unit and are
    therefore not figures.  Ranges (``3至5万``, ``3-5万``, ``三到五万``, ``20%-30%``,
    ``两三万``) give one figure with ``value_max``; a multiplier written only after the
    second number applies to both.  When two qualifier words conflict the stronger wins,
    in the order over > nearly > about (约2万余条 → over).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of Quantity
        In text order, not overlapping.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.

    Examples
    --------
    >>> [(q.raw, q.value, q.unit, q.qualifier) for q in find_quantities(
    ...     "2016年全年封停近5000个违规账号，投资3至5亿元，通达率98%以上")]
    [('近5000个', 5000.0, '个', 'nearly'), ('3至5亿元', 300000000.0, '元', 'exact'), \
('98%以上', 98.0, '%', 'over')]
    """
    _check_str(text, "text")
    if not text:
        return []
    scan = _FW_GROUP_RE.sub(",", text).translate(_FULLWIDTH)
    protected = _protected(text) if any(c in text for c in "“《「『‘〈\"") else []
    idioms = _idiom_spans(text) if any(w[0] in text for w in _IDIOMS) else []
    out: list[Quantity] = []
    pos = 0
    n = len(text)
    while True:
        m = _CANDIDATE_RE.search(scan, pos)
        if m is None:
            break
        q, nxt = _figure_at(text, scan, m, protected, idioms)
        if q is not None:
            out.append(q)
        pos = max(nxt, m.start() + 1)
        if pos >= n:
            break
    return out


def _figure_at(text, scan, m, protected, idioms) -> tuple[Quantity | None, int]:
    """The figure that starts with the candidate ``m``, if any, and where to go on."""
    pct_prefix = m.group("pct") is not None
    core = _match_core(scan, m.start("core"))
    if core is None:
        return None, m.end()
    qualifier = "over" if core.vague else "exact"
    marked = core.vague
    end = core.end
    value, value_max = core.value, core.value_max
    unit = "%" if pct_prefix else ""
    start = m.start()
    # --- a range: 3至5万, 20%-30%, 3万元至5万元
    if not pct_prefix and value_max is None:
        p = end
        first_unit = scan[p] if scan[p:p + 1] in ("%", "‰") else _match_unit(scan, p)
        p += len(first_unit)
        second = _match_core(scan, p + 1) if scan[p:p + 1] in _RANGE_SEP else None
        if second is not None and second.value_max is None and not second.sequence \
                and (not first_unit or scan.startswith(first_unit, second.end)):
            lo = core.value
            if not core.big and not first_unit and second.multiplier > 1 \
                    and lo < second.value / second.multiplier:
                lo *= second.multiplier     # 3至5万: the 万 applies to both
            if lo < second.value:
                value, value_max, end = lo, second.value, second.end
                core = _Core(core.start, end, lo, second.value, core.text,
                             core.arabic or second.arabic, core.big or second.big,
                             core.bare, core.vague or second.vague, False, second.multiplier)
                if core.vague:
                    qualifier, marked = "over", True
    cs, ce = m.start("core"), end
    # --- exclusions on the number itself
    if core.sequence:
        return None, end
    if core.text[0] == "0" and core.text[1:2].isdigit():
        return None, end
    before = text[cs - 1] if cs > 0 else ""
    if not pct_prefix and (before == "第" or before in _GLUE):
        return None, end
    if before == "-" and cs > 1 and scan[cs - 2].isdigit():
        return None, end
    if before == "." and cs > 1 and scan[cs - 2].isascii() and scan[cs - 2].isalnum():
        return None, end
    after = scan[ce:ce + 1]
    after2 = scan[ce + 1:ce + 2]
    plus = after in ("+", "＋") and not (after2.isascii() and after2.isalnum())  # 10万+
    if (after in _GLUE and not plus) or (after == ":" and after2.isdigit()):
        return None, end
    if after == "." and scan[ce + 1:ce + 2].isascii() and scan[ce + 1:ce + 2].isalpha():
        return None, end
    if after.isascii() and after.isalpha() and not core.big:
        return None, end
    if core.text.startswith("数") and before in _SHU_BLOCK:
        return None, end
    # --- non-figure words after the number: 年, 月, 3个多月, 三级, 十九届
    if not pct_prefix and _NON_FIGURE_RE.match(scan, end):
        return None, _NON_FIGURE_RE.match(scan, end).end()
    # --- prefix qualifier: 近, 约, 超过 …; 上百, 上千
    pstart, pq = _prefix(text, start)
    if pq:
        start, qualifier, marked = pstart, _stronger(qualifier, pq), True
    elif (text[start - 1:start] == "上" and core.bare and not pct_prefix
          and not (start > 1 and text[start - 2] in _SHANG_BLOCK)):
        start, qualifier, marked = start - 1, "over", True
    # --- suffix qualifier: 余, 多, 来, +
    p = end
    if plus:
        qualifier, marked = "over", True
        p += 1
    elif not pct_prefix and scan[p:p + 1] in ("余", "多") and not (
            scan.startswith("多元化", p) or scan.startswith("多样", p)
            or scan.startswith("多媒体", p) or scan.startswith("多方", p)):
        qualifier, marked = "over", True
        p += 1
    elif not pct_prefix and scan[p:p + 1] == "来" and _match_unit(scan, p + 1):
        qualifier, marked = _stronger(qualifier, "about"), True
        p += 1
    # --- unit
    if not pct_prefix:
        u = _match_unit(scan, p)
        if not u and (core.big or marked):
            u = _match_extra_unit(scan, p)
        if not u and scan[p:p + 1] == "成" and core.multiplier == 1 and value_max is None \
                and 1 <= value <= 10 and value == value.to_integral_value() \
                and not core.big and not (scan[p + 1:p + 2] in _CHENG_BLOCK):
            value = value * 10
            unit, p = "%", p + 1
        elif u:
            unit, p = u, p + len(u)
            if u == "倍" and scan[p:p + 1] in ("多", "余"):   # 增长1倍多
                qualifier, marked = "over", True
                p += 1
    # --- post qualifier: 以上, 左右, 上下, 以下, 以内
    for word, q in _POST:
        if scan.startswith(word, p):
            after_post = scan[p + len(word):p + len(word) + 1]
            if word == "上下" and after_post and _is_han(after_post) and after_post != "的":
                continue
            qualifier, marked = _stronger(qualifier, q), True
            p += len(word)
            break
    end_all = p
    # --- ranking: 前10名, 前三强
    if text[start - 1:start] == "前" and (_RANK_RE.match(scan, end) or unit in ("名", "位")):
        return None, end_all
    # --- a figure needs a signal
    pct_form = pct_prefix or unit in _PCT_UNITS or unit == "倍"
    if not (pct_form or unit or core.big or marked):
        return None, end
    if not core.arabic:
        if value < 10 and not pct_form and not core.big and value_max is None:
            return None, end
        if value_max is not None and value_max < 10 and not pct_form and not core.big:
            return None, end
        if core.bare and not marked and not pct_prefix:
            return None, end
    # --- names, titles and set phrases
    if _overlaps(protected, start, end_all) or _overlaps(idioms, start, end_all):
        return None, end_all
    raw = text[start:end_all]
    return Quantity(raw, start, end_all, float(value),
                    None if value_max is None else float(value_max), unit, qualifier), end_all
