"""Numerals: the value of one Arabic, Chinese or mixed numeral string (:func:`parse_number`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .._validation import check_str as _check_str

__all__ = ["parse_number"]

# --------------------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------------------

# Full-width digits, point and percent sign become ASCII in a same-length copy of the
# text, so that offsets found in the copy are offsets into the original.
_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({0xFF0E: ord("."), 0xFF05: ord("%"), 0xFF0D: ord("-")})
# A full-width comma is a thousands separator only between full-width digits.
_FW_GROUP_RE = re.compile("(?<=[０-９])，(?=[０-９]{3})")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}

_AR = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_AR_RE = re.compile(_AR)
_TOKEN_RE = re.compile(
    rf"(?P<a>{_AR})|(?P<d>[一二两三四五六七八九])|(?P<z>[零〇])|(?P<u>[十百千])"
    r"|(?P<U>[万亿])|(?P<p>点)|(?P<v>几)"
)


@dataclass
class _Tok:
    kind: str          # a: Arabic number, d: Chinese digit, z: 零/〇, u: 十百千, U: 万亿, v: 几
    value: Decimal
    text: str


def _tokens(s: str) -> list[_Tok] | None:
    out: list[_Tok] = []
    pos = 0
    while pos < len(s):
        m = _TOKEN_RE.match(s, pos)
        if m is None:
            return None
        kind = m.lastgroup
        t = m.group()
        if kind == "a":
            v = Decimal(t.replace(",", ""))
        elif kind == "d":
            v = Decimal(_CN_DIGITS[t])
        elif kind == "u":
            v = Decimal(_SMALL[t])
        elif kind == "U":
            v = Decimal(_BIG[t])
        else:
            v = Decimal(0)
        out.append(_Tok(kind, v, t))
        pos = m.end()
    return out


def _positional(toks: list[_Tok]) -> Decimal | None:
    """Value of a positional numeral (digits with 十百千万亿 and 零), or ``None``."""
    if not toks:
        return None
    total = Decimal(0)          # finished 万 and 亿 sections
    section = Decimal(0)        # finished 十百千 places of the current section
    pending: _Tok | None = None  # a digit not yet followed by its unit
    last_small: Decimal | None = None
    last_big: Decimal | None = None
    last_unit: Decimal | None = None
    zero_since_unit = False
    has_arabic = any(t.kind == "a" for t in toks)
    for i, t in enumerate(toks):
        k = t.kind
        if k in "adv":
            if pending is not None:
                return None
            pending = t
        elif k == "z":
            if pending is not None or i == 0 or toks[i - 1].kind == "z":
                return None
            zero_since_unit = True
        elif k == "u":
            if pending is None:
                # 十五, 百余: an implicit 一 only at the very start; 一千零十 (1010).
                if i == 0 or (zero_since_unit and t.value == 10):
                    d = Decimal(1)
                else:
                    return None
            else:
                d = Decimal(1) if pending.kind == "v" else pending.value
            if d >= 10 or d <= 0:
                return None
            if last_small is not None and t.value >= last_small:
                return None
            section += d * t.value
            last_small = last_unit = t.value
            pending = None
            zero_since_unit = False
        else:  # "U": 万 or 亿
            if t.value == 10**8 and pending is None and section == 0 and i > 0 \
                    and toks[i - 1].kind == "U" and toks[i - 1].value == 10**4:
                total *= 10**8          # 1万亿, 三万亿: 亿 right after 万
                last_big = last_unit = t.value
                continue
            if pending is None and section == 0:
                if i != 0:
                    return None
                sec = Decimal(1)
            elif pending is None:
                sec = section
            elif pending.kind == "v":   # 几万 = 1万, 二十几万 = 20万 (the qualifier says "over")
                sec = section if section else Decimal(1)
            else:
                sec = section + pending.value
            if sec >= 10**4 and not (pending is not None and pending.kind == "a"
                                     and section == 0):
                return None              # 一万万; but 12000万 (Arabic) is 1.2亿
            if t.value == 10**4:
                if last_big == 10**4:
                    return None
                total += sec * 10**4
            else:
                if last_big == 10**8:
                    return None
                total = (total + sec) * 10**8   # 万亿: 亿 multiplies the 万 part too
            last_big = last_unit = t.value
            section = Decimal(0)
            last_small = None
            pending = None
            zero_since_unit = False
    if toks[-1].kind == "z":
        return None
    if pending is not None:
        if pending.kind == "v":
            p = Decimal(0)        # 十几 → 10 (the qualifier says "over")
        elif last_unit is not None and not zero_since_unit and pending.value < 10 \
                and pending.value == pending.value.to_integral_value():
            # 一万五 = 15000, 三千二 = 3200, 十五 = 15: a last digit stands one place
            # below the unit before it.  Not in a mix such as 1万一 (that 一 is a word);
            # after 十 the digit is the units digit anyway (1万零十一 = 10011).
            if pending.kind == "d" and has_arabic and last_unit > 10:
                return None
            p = pending.value * last_unit / 10
        else:
            p = pending.value
            if last_unit is not None:
                limit = last_small if last_small is not None else last_unit
                if p >= limit:
                    return None
        return total + section + p
    return total + section


def _digit_sequence(toks: list[_Tok]) -> Decimal | None:
    """二〇一六 → 2016: two or more Chinese digits (〇 and 零 as 0) with no unit."""
    if len(toks) >= 2 and all(t.kind in "dz" for t in toks):
        return Decimal("".join(str(int(t.value)) for t in toks))
    return None


def _evaluate(s: str) -> tuple[Decimal, bool] | None:
    """``(value, is_digit_sequence)`` of a numeral string, or ``None``."""
    toks = _tokens(s)
    if not toks:
        return None
    points = [i for i, t in enumerate(toks) if t.kind == "p"]
    if len(points) > 1:
        return None
    if points:
        i = points[0]
        # 三点五 = 3.5, 十三点五万 = 135000: Chinese digits after 点, then only 万/亿.
        head, rest = toks[:i], toks[i + 1:]
        frac = []
        while rest and rest[0].kind in "dz":
            frac.append(rest.pop(0))
        if not frac or any(t.kind != "U" for t in rest) or any(t.kind == "a" for t in head):
            return None
        int_part = _positional(head)
        if int_part is None or int_part >= 10**4 and rest:
            return None
        value = int_part + Decimal("0." + "".join(str(int(t.value)) for t in frac))
        mult = Decimal(1)
        for t in rest:
            mult *= t.value
        if len(rest) > 2 or (len(rest) == 2 and [t.text for t in rest] != ["万", "亿"]):
            return None
        return value * mult, False
    if len(toks) == 1 and toks[0].kind == "z":
        return Decimal(0), False
    seq = _digit_sequence(toks)
    if seq is not None:
        return seq, True
    v = _positional(toks)
    return (v, False) if v is not None else None


def parse_number(s: str) -> float | None:
    """Return the value of the numeral ``s``, or ``None`` if ``s`` is not one.

    Accepted forms: Arabic numbers with thousands separators and decimals
    (``"1,234,567.5"``), full-width digits (``"３５００"``), Chinese numerals with 零 and
    两 (``"七十六万"``, ``"一亿零三百"``, ``"两千三百万"``), the spoken shortening
    ``"一万五"`` (15000), Chinese decimals (``"三点五"``), digit-by-digit numerals
    (``"二〇一六"`` → 2016) and Arabic numbers with Chinese multipliers (``"1.2万"``,
    ``"3千2百"``, ``"3万5千"``, ``"1万亿"``).  A leading 十百千万亿 stands for one of it
    (``"十五"`` → 15, ``"百"`` → 100).

    Qualifiers, units and vague numerals (``"三千余"``, ``"98%"``, ``"十几"``) are not
    numerals: use :func:`find_quantities` for text.

    Parameters
    ----------
    s : str
        The numeral, without surrounding text (surrounding whitespace is ignored).

    Returns
    -------
    float or None
        The value, or ``None`` when ``s`` is empty or not a well-formed numeral.

    Raises
    ------
    TypeError
        If ``s`` is not a ``str``.

    Examples
    --------
    >>> parse_number("七十六万"), parse_number("1.2万"), parse_number("3,500")
    (760000.0, 12000.0, 3500.0)
    >>> parse_number("十三五") is None
    True
    """
    _check_str(s, "s")
    s = _FW_GROUP_RE.sub(",", s.strip()).translate(_FULLWIDTH)
    if not s or "几" in s:
        return None
    r = _evaluate(s)
    return None if r is None else float(r[0])
