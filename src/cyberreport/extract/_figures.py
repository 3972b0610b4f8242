"""Figures with their meaning: each quantity with its sentence, verb, counted noun, indicator."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .._validation import check_str as _check_str
from ..text._sentences import sentence_spans
from ._roles import read_post, read_pre, tokens
from ._indicators import (OTHER, PERCENT_UNITS, assign_indicator, fits_action, indicator_theme,
                          nearest_indicator)
from ._numbers import Quantity, find_quantities

__all__ = ["Figure", "extract_figures"]

_CLAUSE_RE = re.compile("[，,；;：:。！？!?\n]")
_TAIL_RE = re.compile(r"[（(][^（()）]{1,4}[)）]|[\s”’」』》]")


@dataclass(frozen=True)
class Figure:
    """One figure of a text with what it counts (an immutable record).

    Attributes
    ----------
    value : float
        The number in base units (``"76万多条"`` → 760000.0; ``"98%"`` → 98.0; ``"两成"``
        → 20.0); for a range its lower end.
    value_max : float or None
        The upper end of a range (``"3至5亿元"`` → 5e8), else ``None``.
    unit : str
        The measure word or unit as written, without multiplier (``"条"``, ``"人次"``,
        ``"元"`` for 万元/亿元, ``"%"`` for %, 百分之 and 成, ``"个百分点"``), ``""`` if none.
    qualifier : str
        ``"exact"``, ``"over"`` (多, 余, 超过, 以上 …), ``"nearly"`` (近, 不到 …) or ``"about"``
        (约, 左右 …).
    raw : str
        The figure as written; ``raw == text[start:end]``.
    start, end : int
        Character offsets into the text as given.
    sentence : str
        The sentence the figure stands in (without surrounding whitespace).
    action : str
        The verb whose result or object the figure counts (删除, 受理, 关闭, 培训 …); ``""``
        for 达/达到/为/共/累计 alone or no verb.
    object : str
        The noun phrase counted (违法违规信息, 网民举报, 违规账号 …); ``""`` when none.
    indicator : str
        An id of ``resources/indicators.json``, or ``"other"``.
    theme : str or None
        The indicator's theme id (``None`` for ``"other"``).

    Examples
    --------
    >>> f = extract_figures("删除违法违规信息76万多条")[0]
    >>> f.value, f.unit, f.qualifier, f.action, f.object, f.indicator
    (760000.0, '条', 'over', '删除', '违法违规信息', 'information_removed')
    >>> f.to_dict()["theme"]
    'content_governance'
    """

    value: float
    value_max: float | None
    unit: str
    qualifier: str
    raw: str
    start: int
    end: int
    sentence: str
    action: str
    object: str
    indicator: str
    theme: str | None

    def to_dict(self) -> dict:
        """JSON-ready dict of all fields, in the order of the class."""
        return {"value": self.value, "value_max": self.value_max, "unit": self.unit,
                "qualifier": self.qualifier, "raw": self.raw, "start": self.start,
                "end": self.end, "sentence": self.sentence, "action": self.action,
                "object": self.object, "indicator": self.indicator, "theme": self.theme}


def _clause_bounds(text: str, quantities: list[Quantity]) -> list[int]:
    """Positions of the characters that end a clause (a comma inside a number does not)."""
    spans = [(q.start, q.end) for q in quantities]
    out = []
    for m in _CLAUSE_RE.finditer(text):
        i = m.start()
        k = bisect.bisect_right(spans, (i, len(text) + 1)) - 1
        if k >= 0 and spans[k][0] <= i < spans[k][1]:
            continue
        out.append(i)
    return out


@dataclass
class _Prev:
    clause: int
    end: int
    action: str
    ends_clause: bool
    unit: str
    sentence: int


@dataclass
class _Row:
    """A figure being read: its quantity, sentence, verb, noun and second readings."""

    q: Quantity
    sentence: str
    sentence_index: int
    clause: int
    action: str
    obj: str
    before: str            # the text between the clause (or the figure before) and it
    subject: str           # the noun before the verb
    alts: list             # other nouns to try when ``obj`` fits no indicator
    nominal: bool          # the verb stands right before the figure
    after: tuple           # (verb, noun) after the object (17个市县成立了网信办)
    second: tuple          # another (verb, noun) reading (推出原创评论作品: 推出, not 评论)
    domain: str = ""       # the sentence before: its domain words count for R3
    threshold: bool = False  # 亿元以上 + noun: a bound that classifies a noun (R4)


def _ends_clause(text: str, end: int, clause_end: int) -> bool:
    """Whether only brackets like (次), quotes or spaces follow a figure in its clause."""
    p = end
    while p < clause_end:
        m = _TAIL_RE.match(text, p)
        if m is None:
            return False
        p = m.end()
    return True


def extract_figures(text: str) -> list[Figure]:
    """Find the figures of ``text`` with their verb, counted noun and indicator.

    The figures are those of :func:`~cyberreport.extract.find_quantities` (what counts as a
    figure, spans, values, units and qualifiers follow ``data/figures/GUIDELINES.md``);
    each gets the sentence it stands in, the verb (``action``) and noun phrase (``object``)
    that govern it in its clause, and the indicator of ``resources/indicators.json`` that
    fits them (the object decides first, then the verb, then the measure word, then file
    order; ``"other"`` when none fits).  Offsets index ``text`` as given (it is not
    normalised).  Deterministic; standard library only.

    Parameters
    ----------
    text : str
        Any text, e.g. one paragraph of a provincial report.

    Returns
    -------
    list of Figure
        In text order, not overlapping.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.

    Examples
    --------
    >>> [(f.raw, f.action, f.object, f.indicator) for f in extract_figures(
    ...     "全年共约谈网站8家，封停近5000个违规账号，受理社会举报800多万条。")]
    [('8家', '约谈', '网站', 'interviews'), ('近5000个', '封停', '违规账号', 'accounts_closed'), \
('800多万条', '受理', '社会举报', 'reports_received')]
    """
    _check_str(text, "text")
    quantities = find_quantities(text)
    if not quantities:
        return []
    bounds = _clause_bounds(text, quantities)
    sents = sentence_spans(text)
    sent_starts = [s for s, _ in sents]
    rows = []
    prev: _Prev | None = None
    history: list[_Prev] = []
    for q in quantities:
        ci = bisect.bisect_left(bounds, q.start)          # clause index
        cs = bounds[ci - 1] + 1 if ci > 0 else 0
        ce = bounds[ci] if ci < len(bounds) else len(text)
        si = bisect.bisect_right(sent_starts, q.start) - 1
        ss, se = sents[si]
        cs = max(cs, ss)
        k = max(text.rfind("（", cs, q.start), text.rfind("(", cs, q.start))
        if k >= 0 and not any(c in text[k:q.start] for c in "）)"):
            cs = k + 1                  # 全覆盖（共102个）: the bracket starts the clause
        same = prev is not None and prev.clause == ci
        own = cs
        if same:
            own = prev.end
            k = text.rfind("、", own, q.start)
            if k >= 0:
                own = k + 1
        pre_text = text[own:q.start]
        pre = read_pre(pre_text, coordinated=same and own > prev.end)
        post = read_post(text, q.end, ce, q.unit in PERCENT_UNITS)
        if pre.verb:
            action = pre.action
        elif post.verb and (pre.dui or not pre.obj or post.obj):
            action = post.verb
        elif same and not _has_copula(pre_text):
            action = prev.action
        elif prev is not None and not _has_copula(pre_text) and not _has_verb(text[cs:q.start]):
            # 受理举报3.6万件，其中有效举报2.1万件: a clause with no verb shares the verb of
            # the last figure with the same measure word in the sentence.
            action = next((p.action for p in reversed(history[-3:])
                           if p.sentence == si and p.unit == q.unit and p.ends_clause), "")
        else:
            action = ""
        obj = post.obj or pre.obj
        if q.unit in PERCENT_UNITS and obj and obj == pre.obj:
            obj = _coordinated_rate(pre_text, obj)
        # second readings when the object fits no indicator: the noun before the figure
        # (when the one after it was taken), the noun before the verb, the noun after
        # the verb that follows the figure (17个市县成立了网信办)
        alts = [x for x in (pre.obj if post.obj else "", pre.alt) if x and x != obj]
        rows.append(_Row(q, text[ss:se].strip(), si, ci, action, obj, pre_text, pre.alt, alts,
                         pre.nominal and not post.obj, (post.verb, post.after),
                         pre.second if pre.verb and not post.obj else (),
                         text[sents[si - 1][0]:sents[si - 1][1]] if si > 0 else "",
                         q.raw.endswith(_BOUNDS) and _is_han(text[q.end:q.end + 1])))
        prev = _Prev(ci, q.end, action, _ends_clause(text, q.end, ce), q.unit, si)
        history.append(prev)
    _share_heads(rows)
    return _records(rows)


def _records(rows: list[_Row]) -> list[Figure]:
    """The indicator of each figure, and the records."""
    out = []
    last_of: dict = {}                # (sentence, unit) -> the indicator of the last figure
    for r in rows:
        q = r.q
        ind = assign_indicator(r.action, r.obj, q.unit, r.sentence, r.before, r.subject,
                                   domain=r.domain)
        if r.second and not fits_action(ind, r.action):
            # 推出原创评论作品: the reading with the verb before the dual word, if its
            # indicator fits its verb
            ind2 = assign_indicator(r.second[0], r.second[1], q.unit, r.sentence, r.before,
                                   domain=r.domain)
            if fits_action(ind2, r.second[0]):
                ind, r.action, r.obj = ind2, r.second[0], r.second[1]
        for alt in r.alts:
            if ind != OTHER:
                break
            ind = assign_indicator(r.action, alt, q.unit, r.sentence, r.before, r.subject,
                                   domain=r.domain)
        verb_after, noun_after = r.after
        if ind == OTHER and noun_after:
            # 17个市县成立了网信办: the noun after the next verb, when the verb is its own
            ind2 = assign_indicator(verb_after, noun_after, q.unit, r.sentence, r.before,
                                   domain=r.domain)
            if fits_action(ind2, verb_after):
                ind = ind2
        if ind == OTHER and r.nominal and r.obj:
            # 等级保护测评1200余次: the noun before the verb fits nothing, the verb decides
            ind = assign_indicator(r.action, "", q.unit, r.sentence, r.before, r.subject,
                                   domain=r.domain)
        if ind == OTHER and not r.obj and q.unit and q.unit not in PERCENT_UNITS:
            # 县级融媒体中心全覆盖（共102个）, 5G基站达到4.8万个，较2020年底增加1.9万个: the
            # nearest noun of the inventory before it in the sentence that takes the unit,
            # else the indicator of the figure before with the same unit
            ind = nearest_indicator(r.sentence[:max(0, r.sentence.find(q.raw))], q.unit,
                                    r.sentence + "|" + r.domain)
            if ind == OTHER:
                ind = last_of.get((r.sentence_index, q.unit), OTHER)
        if r.threshold:
            ind = OTHER         # R4: 亿元以上项目 classifies the projects, it counts nothing
        last_of[(r.sentence_index, q.unit)] = ind
        theme = None if ind == OTHER else indicator_theme(ind)
        out.append(Figure(q.value, q.value_max, q.unit, q.qualifier, q.raw, q.start, q.end,
                          r.sentence, r.action, r.obj, ind, theme))
    return out


_BOUNDS = ("以上", "以下", "以内")


def _is_han(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _coordinated_rate(pre_text: str, obj: str) -> str:
    """R11: a rate's object is the whole rate noun phrase, across 和/与/及
    (行政村光纤宽带和4G网络通达率均达到100%)."""
    k = pre_text.rfind(obj)
    if k > 1 and pre_text[k - 1] in "和与及":
        left = read_pre(pre_text[:k - 1])
        if left.obj and not left.verb and pre_text[:k - 1].endswith(left.obj):
            return left.obj + pre_text[k - 1] + obj
    return obj


def _has_copula(pre_text: str) -> bool:
    return any(t.kind == "c" and t.text not in ("其中", "同比", "全年", "又", "还", "也", "新")
               for t in tokens(pre_text))


def _has_verb(s: str) -> bool:
    return any(t.kind in "vd" for t in tokens(s))


def _share_heads(rows: list[_Row]) -> None:
    """3个地市级、18个县级融媒体中心: the first object borrows the second's head noun."""
    for a, b in zip(rows, rows[1:]):
        if a.clause == b.clause and a.obj.endswith("级") and "级" in b.obj:
            head = b.obj[b.obj.index("级") + 1:]
            if head:
                a.obj += head
