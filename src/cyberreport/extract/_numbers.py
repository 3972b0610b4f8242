"""Chinese quantities: parse numerals (Arabic, Chinese, mixed) and find the figures in a text.

Two functions:

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
            # below the unit before it.  Not in a mix such as 1万一 (that 一 is a word).
            if pending.kind == "d" and has_arabic:
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


# --------------------------------------------------------------------------------------
# Figures in text
# --------------------------------------------------------------------------------------

_U = r"(?:十|百(?!分)|千(?![米克瓦])|万|亿)"
_CD = "〇零一二两三四五六七八九"
_A_CORE = rf"{_AR}(?:(?:[余多](?=[万亿]))?{_U}+(?:{_AR}{_U}+)*)?"
_C_CORE = (rf"(?:数(?={_U}))?(?:[{_CD}几]|{_U}|(?<=[{_CD}])点(?=[{_CD}])"
           rf"|(?<=[十百千])[余多](?=[万亿]))+")
_CORE = rf"(?:{_A_CORE}|{_C_CORE})"
_CANDIDATE_RE = re.compile(rf"(?P<pct>百分之)?(?P<core>{_CORE})")
_CORE_RE = re.compile(_CORE)

# Prefix qualifiers, longest first, with the characters that, written before them,
# make them part of another word (预约, 签约; 附近, 最近).
_PREFIX = [
    ("超过了", "over"), ("超过", "over"), ("超", "over"), ("逾", "over"),
    ("将近", "nearly"), ("接近", "nearly"), ("近乎", "nearly"), ("不到", "nearly"),
    ("不足", "nearly"), ("近", "nearly"),
    ("大约", "about"), ("大概", "about"), ("约为", "about"), ("约有", "about"),
    ("约达", "about"), ("约", "about"),
]
_PREFIX_BLOCK = {
    "近": set("附最就亲靠临邻贴走拉远将接"),
    "约": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "约为": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "约有": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "约达": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "超": set("赶高"),
}
# 上百, 上千, 上万: "over" — unless 上 ends a word (网上, 线上, 以上 …).
_SHANG_BLOCK = set("网线以之加马身会台世基晚早路面北向往天地本事手头楼镇村市县省区山")
# 数十, 数百, 数万: "over" — unless 数 ends a word (人数, 总数, 次数 …).
_SHU_BLOCK = set("人总次户件个指点倍基参少多半无算函岁级位系常变正负整奇偶实虚复分家条字票台场页"
                 "天年册本期单双定礼路招度步读")

# Non-figure words right after a number: time, age, rank, level, version, floor.
_NON_FIGURE_RE = re.compile(
    r"(?:个)?(?:多|余|半)?(?:月|小时|工作日|季度|星期|钟头)"
    r"|(?:多|余)?(?:年|日|号|时|点|分钟|分|秒|周年|周岁|岁|天|周|世纪|届|级|版|代|楼|层|度)"
)

# Measure words and units, longest first.  ``_UNIT_BLOCK`` lists the characters that,
# written after a measure word, make it part of another word (个人, 条例, 部门 …).
_UNITS = sorted("""
个百分点 百分点 人次 家次 件次 条次 个次 户次 批次 场次 架次 车次
平方公里 平方米 公里 千米 千克 千瓦时 千瓦 兆瓦 美元 欧元 元 倍 % ‰
个 条 件 家 次 人 名 位 户 项 场 期 篇 部 种 类 所 座 台 套 款 批 轮 起 宗 例 单 份 册
本 张 幅 首 集 档 则 支 队 组 处 间 栋 门 堂 节 课 块 辆 艘 架 根 颗 帖 封 通 笔 吨 亩 米
""".split(), key=len, reverse=True)
_UNIT_BLOCK = {
    "个": "别", "条": "件例款约码目理文", "家": "庭乡园族属风务",
    "次": "要序日年生级", "人": "民才工口员群类格身们性物士文心力事社脸",
    "名": "单称义誉牌录额片字", "位": "置于数", "户": "口外籍型主",
    "场": "景所地馆合面域", "期": "间刊待限货望末初中", "篇": "章幅",
    "部": "门署分长委队件位落", "种": "子植族养", "类": "型别似",
    "所": "有在属以谓得需长", "座": "谈位", "台": "湾账阶风上下", "套": "餐路",
    "款": "项", "批": "准示评复发转", "轮": "流胎", "起": "草来点步源诉到初始航",
    "宗": "旨教", "例": "如外会", "单": "位独元一纯据", "份": "额子",
    "本": "地土次身届年着部级市省县区村", "张": "贴", "幅": "度",
    "首": "页个次届席都批发先要脑长创", "集": "团中体群成聚市", "档": "案次",
    "支": "持付撑部援出柱", "队": "伍员", "组": "织建成合长团", "处": "理置罚室长于分",
    "门": "户槛类", "节": "目日点约能气", "课": "程题", "根": "据本", "封": "停堵闭禁锁",
    "通": "过信道知报达讯用畅", "笔": "记者", "元": "素旦年宇",
}
# Words that a blocked pair starts but that still read as measure word + noun: 30779家属地网站
# (家 + 属地, not 家属), 5家园区 (家 + 园区, not 家园).
_UNIT_UNBLOCK = {"家": ("属地", "园区")}
_PCT_UNITS = {"%", "‰", "个百分点", "百分点"}
# 成 as per-ten ("九成" = 90 %), unless it starts a word (成立, 成员, 一成不变 …).
_CHENG_BLOCK = set("立员为功果本效熟绩都交型长就品分年人全不套批片群熟像")
_POST = [("以上", "over"), ("左右", "about"), ("上下", "about"), ("以下", "nearly"),
         ("以内", "nearly")]
_RANGE_SEP = set("至到-~～—–〜")
# A character before or after the number that makes it part of a code, formula, time
# or address (3+X, 7×24, 5·12, 14:30, www.12377.cn).
_GLUE = set("+×*·/#@_＋")
_IDIOMS = ("微信十条", "账号十条", "国十条", "新十条", "十万火急", "十万个为什么",
           "成千上万", "成百上千", "千千万万")
_QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』", "‘": "’", "〈": "〉"}
_QUOTE_MAX = 50
_SENT_END = set("。！？!?")
_RANK_RE = re.compile("名|强|位")
_STRENGTH = {q: i for i, q in enumerate(QUALIFIERS)}


def _stronger(a: str, b: str) -> str:
    return a if _STRENGTH[a] <= _STRENGTH[b] else b


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks and book-title marks (names, titles, slogans)."""
    spans = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close = _QUOTES.get(ch)
        if close is None and ch == '"':
            close = '"'
        if close is not None:
            j = i + 1
            while j < n and j - i <= _QUOTE_MAX and text[j] != close and text[j] not in _SENT_END:
                j += 1
            if j < n and text[j] == close and j - i <= _QUOTE_MAX:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


_IDIOM_RE = re.compile("|".join(sorted(_IDIOMS, key=len, reverse=True)))


def _idiom_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _IDIOM_RE.finditer(text)]


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
    n = len(text)
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
