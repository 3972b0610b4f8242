"""The verb and the counted noun phrase of each figure in its clause (guideline 1.6).

A clause is read as words by forward maximum matching over a small lexicon
(:mod:`._lexicon`).  The patterns of the guideline are covered:

- VERB + OBJECT + NUMBER + MEASURE (删除违法违规信息76万多条);
- VERB + NUMBER + MEASURE + OBJECT (封停近5000个违规账号): the noun after the measure word
  is the object;
- OBJECT + 达到/达/超过/共 + NUMBER (政务微博达到3000个): the action is "";
- 共/累计 + VERB + OBJECT + NUMBER (共处置网络攻击2636件);
- NUMBER + MEASURE + OBJECT + VERB (2500个行政村通宽带) and 对 + NUMBER + MEASURE +
  OBJECT + 予以/进行 + VERB (对2家网站予以经济处罚): the verb after the object;
- a figure after 、 or 和 with no verb of its own (关闭网站栏目7个、微信公众号2个) and a
  clause with no verb after a clause with a figure (处置攻击2636件,高危漏洞1976件) share
  the verb before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._lexicon import (CLAUSE_END, COPULAS, DIGITS, LEADING_DROP, LIGHT, NOUN_SUFFIX, STOPS,
                       TONG_OBJECTS, TRANSFER, lexicon)

__all__: list[str] = []

_QUOTE_CHARS = frozenset("“”‘’\"《》「」『』〈〉")
_CLOSERS = {"”": "“", "’": "‘", "》": "《", "」": "「", "』": "『", "〉": "〈"}
_OPENERS = {v: k for k, v in _CLOSERS.items()}
_QUOTE_MAX = 30
# Nouns after a dual word that leave it a noun (开展安全检查工作): it is a verb before
# any other noun (培训贫困群众4.2万人次).
_GENERIC_HEADS = frozenset("工作 活动 项目 服务 情况 行动 任务 班 会 体系 机制 平台 中心 基地 能力 水平".split())
_PAREN_RE = re.compile(r"[（(][^（()）]{1,4}[)）]")
_YEAR_RE = re.compile(r"[0-9０-９]{1,4}(?:年底|年初|年末|年中|年度|年|月底|月初|月末|月份|月|日|号)")
_ASCII_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+]*")
_POST_WINDOW = 24


@dataclass
class _Tok:
    text: str
    kind: str   # v verb, d dual, c copula, s stop, p punctuation, q quote, x number, n noun


def _kind(w: str, verbs, words) -> str:
    k = words.get(w)
    if k == "v" or k == "d":
        return k
    if w in COPULAS:
        return "c"
    if w in STOPS:
        return "s"
    return "n"


def tokens(s: str) -> list[_Tok]:
    """Forward maximum matching of ``s`` over the lexicon (one character when no word fits)."""
    verbs, _, words, max_len = lexicon()
    out: list[_Tok] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        close = _OPENERS.get(ch)
        if close is not None:
            j = s.find(close, i + 1)
            if 0 < j - i <= _QUOTE_MAX:             # “不见面审批”: a name, one noun
                out.append(_Tok(s[i:j + 1], "n"))
                i = j + 1
                continue
        if ch in "0123456789０１２３４５６７８９":
            m = _YEAR_RE.match(s, i)
            if m:                                   # 2016年: a time word
                out.append(_Tok(m.group(), "s"))
                i = m.end()
                continue
        w = None
        for length in range(min(max_len, n - i), 1, -1):
            if s[i:i + length] in words:
                w = s[i:i + length]
                break
        if w is None and ch.isascii() and ch.isalnum():
            m = _ASCII_RE.match(s, i)
            w = m.group()
            out.append(_Tok(w, "x" if w.replace(".", "").isdigit() else "n"))
            i += len(w)
            continue
        if w is None:
            w = ch
            if ch == "通" and s.startswith(TONG_OBJECTS, i + 1):
                kind = "v"
            elif ch == "占":
                kind = "v"
            elif ch in _QUOTE_CHARS:
                kind = "q"
            elif ch in CLAUSE_END or ch in "、（）()[]【】—-～~/…·" or ch.isspace():
                kind = "p"
            elif ch in DIGITS or ch in "%％.．":
                kind = "x"
            else:
                kind = _kind(ch, verbs, words)
        else:
            kind = _kind(w, verbs, words)
            if kind in "vd" and s[i + len(w):i + len(w) + 1] in NOUN_SUFFIX \
                    and s[i + len(w):i + len(w) + 1]:
                w, kind = s[i:i + len(w) + 1], "n"        # 办结率, 出版物
        out.append(_Tok(w, kind))
        i += len(w)
    return out


def _join(toks) -> str:
    return "".join(t.text for t in toks)


def _drop_leading(toks: list[_Tok]) -> list[_Tok]:
    """Drop leading 各类, 全省, 一批, 其中 … and stray punctuation from a noun phrase."""
    toks = list(toks)
    while toks:
        t = toks[0]
        if t.kind == "p" or (t.kind in "sc" and t.text not in _QUOTE_CHARS):
            toks.pop(0)
            continue
        if t.text in LEADING_DROP:
            toks.pop(0)
            continue
        break
    while toks and toks[-1].kind in "ps" and toks[-1].text not in _QUOTE_CHARS:
        toks.pop()
    return toks


def _noun_suffix(toks: list[_Tok], end: int) -> list[_Tok]:
    """The noun phrase ending at ``toks[end]`` (nouns, quotes and 、 between nouns)."""
    i = end
    while i >= 0:
        t = toks[i]
        if t.text in _CLOSERS:
            # a quoted name inside the phrase (“两微一端”新媒体矩阵) is read whole
            k = i - 1
            while k >= 0 and toks[k].text != _CLOSERS[t.text]:
                k -= 1
            if k < 0:
                break
            i = k - 1
        elif t.kind in "nqd" or (t.text == "、" and i < end):
            i -= 1
        else:
            break
    return _drop_leading(toks[i + 1:end + 1])


@dataclass
class _Pre:
    action: str
    obj: str
    verb: bool        # a verb of its own before the figure
    enum: bool        # the text before ends with 等 (an enumeration modifies the noun after)
    dui: bool         # 对 + NUMBER …: the verb comes after the object
    alt: str = ""     # the noun before the verb (吸引网民参与互动 → 网民), a second reading
    nominal: bool = False   # the verb stands right before the figure (培训3200人次)
    second: tuple = ()      # (verb, noun) with the verb before a dual word (推出原创评论作品)


def _dual_is_noun(toks: list[_Tok], j: int, i: int) -> bool:
    """Whether the dual word ``toks[j]`` is (part of) a noun before the figure at ``i``."""
    if j == i:
        return True                                   # 开展培训12场
    nxt = toks[j + 1]
    if nxt.text in _GENERIC_HEADS or nxt.text[-1:] in NOUN_SUFFIX and nxt.text[:-1] in \
            lexicon()[0]:
        return True                                   # 检查工作, 举报受理量
    return False


def _verb_group(toks: list[_Tok], j: int) -> int:
    """Index of the first verb of the verb group ending at ``j`` (制定下发, 发现并通报)."""
    g = j
    while True:
        if g - 1 >= 0 and toks[g - 1].kind in "vd":
            g -= 1
        elif g - 2 >= 0 and toks[g - 1].text in ("并", "和", "及", "、") and toks[g - 2].kind in "vd":
            g -= 2
        else:
            return g


def _verb_group_end(toks: list[_Tok], k: int) -> int:
    while k + 1 < len(toks) and toks[k + 1].kind in "vd":
        k += 1
    return k


def read_pre(pre: str, coordinated: bool = False) -> _Pre:
    """Verb and object in the text between the clause (or the figure before) and a figure.

    ``coordinated``: the text follows another figure and 、 (接到举报电话1.2万个、网上举报3.4万条),
    so a word that may be a noun (举报) is one.
    """
    toks = tokens(pre)
    if coordinated:
        toks = [_Tok(t.text, "n") if t.kind == "d" else t for t in toks]
    i = len(toks) - 1
    while i >= 0 and (toks[i].kind == "c" or (toks[i].kind == "p" and toks[i].text != "、")):
        i -= 1
    enum = i >= 0 and toks[i].text == "等"
    last_dui = max((k for k in range(i + 1) if toks[k].text == "对"), default=-1)
    dui = 0 <= last_dui and i - last_dui <= 6 and not any(
        t.kind in "vd" for t in toks[last_dui + 1:i + 1])
    j = i
    while j >= 0 and toks[j].kind not in "vd":
        if toks[j].kind == "p" and toks[j].text != "、":
            break
        j -= 1
    if j < 0 or toks[j].kind not in "vd" or dui:
        return _Pre("", _join(_noun_suffix(toks, i)) if i >= 0 else "", False, enum, dui)
    second: tuple = ()
    if enum:
        # 组织开展清理有害信息、歪曲党史信息等十余次专项行动: the first verb governs.
        j = next(k for k in range(0, j + 1) if toks[k].kind in "vd")
    elif toks[j].kind == "d" and not _dual_is_noun(toks, j, i):
        k = j - 1
        while k >= 0 and toks[k].kind == "n":
            k -= 1
        if k >= 0 and toks[k].kind == "v":
            g2 = _verb_group(toks, k)
            second = (_join(toks[g2:k + 1]), _join(_drop_leading(toks[k + 1:i + 1])))
    elif toks[j].kind == "d" and _dual_is_noun(toks, j, i):
        k = j - 1
        while k >= 0 and toks[k].kind == "n":
            k -= 1
        if k >= 0 and toks[k].kind == "v":
            j = k                     # 开展网络安全检查: 检查 is the object
        elif j < i and (k < 0 or toks[k].kind != "d"):
            # 网络举报受理量达48.6万件: no verb at all, the whole is the noun phrase
            return _Pre("", _join(_noun_suffix(toks, i)), False, enum, dui)
    g = _verb_group(toks, j)
    # 移交公安机关侦办案件线索: after a verb of passing on, an organ and a second verb, the
    # first verb governs (the second says what the organ will do).
    k = g - 1
    while k >= 0 and toks[k].kind == "n":
        k -= 1
    if 0 <= k < g - 1 and toks[k].kind in "vd" and toks[k].text in TRANSFER and not enum:
        organ_end = g
        g = j = _verb_group_end(toks, k)
        g = _verb_group(toks, j)
        obj = _drop_leading([t for t in toks[organ_end:i + 1] if t.kind not in "vd"])
        return _Pre(_join(toks[g:j + 1]), _join(obj), True, enum, dui)
    action_toks = toks[g:j + 1]
    obj = _drop_leading(toks[j + 1:i + 1]) if not enum else []
    before = _noun_suffix(toks, g - 1) if g > 0 else []
    k = g - 1 - len(before)
    if before and k >= 0 and toks[k].text == "被":
        before = []                   # 被中央媒体转载860篇: the noun is the agent
    if not obj and not enum:
        # the verb stands right before the figure (培训3200人次, 回应达3.4万余次): what
        # it counts is the noun before the verb, if any.
        return _Pre(_join(action_toks), _join(before), True, enum, dui, nominal=True)
    return _Pre(_join(action_toks), _join(obj), True, enum, dui, _join(before), second=second)


def _ends_np(toks: list[_Tok], k: int) -> bool:
    """Whether nothing noun-like follows ``toks[k - 1]`` (12场培训。 but not 3亿元建设全省)."""
    return k >= len(toks) or toks[k].kind != "n"


@dataclass
class _Post:
    obj: str
    verb: str
    after: str = ""   # the noun after that verb (17个市县成立了网信办 → 网信办)


def read_post(text: str, start: int, end: int, pct: bool) -> _Post:
    """The noun right after a figure's measure word and the verb after it, if any."""
    m = _PAREN_RE.match(text, start)
    p = m.end() if m else start
    if text[p:p + 1] == "次" and text[p - 1:p] in "轮期批项":
        p += 1                                            # 3轮次: no noun
    if pct and text[p:p + 1] == "的":
        p += 1
    toks = tokens(text[p:min(end, p + _POST_WINDOW)])
    k = 0
    in_quote = False
    while k < len(toks):
        t = toks[k]
        if t.kind == "q":
            in_quote = t.text in "“‘《「『〈" or (t.text == '"' and not in_quote)
        elif not (t.kind == "n" or in_quote or (t.kind == "d" and _ends_np(toks, k + 1))):
            break
        k += 1
    np = toks[:k]
    while np and np[-1].kind == "q" and np[-1].text in "“‘《「『〈":
        np.pop()
    if k < len(toks) and toks[k].text in ("（", "("):     # 117个县（市、区）设立网信机构
        close = next((c for c in range(k + 1, min(k + 8, len(toks)))
                      if toks[c].text in ("）", ")")), None)
        if close is not None:
            tail = close + 1
            while tail < len(toks) and toks[tail].kind == "n":
                tail += 1
            if np and tail > close + 1:       # 8个县（市、区）融媒体中心: the noun goes on
                np = toks[:tail]
            k = tail if np and tail > close + 1 else close + 1
    verb, after = "", []
    light = ""
    for v in range(k, min(k + 4, len(toks))):
        t = toks[v]
        if t.kind in "vd" and t.text in LIGHT:
            light = light or t.text        # 开展安全检查: 开展 when no other verb follows
            continue
        if t.kind in "vd":
            verb = t.text
            rest = toks[v + 1:]
            while rest and rest[0].text in ("了", "过"):
                rest = rest[1:]
            n = 0
            while n < len(rest) and rest[n].kind == "n":
                n += 1
            after = rest[:n]
            break
        if t.kind in "pqx":
            break
    return _Post(_join(np), verb or light, _join(after))
