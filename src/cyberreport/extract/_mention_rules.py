"""Context rules for gazetteer names that are also ordinary words (清朗, 秋风, 北京时间, 公安部门 …)."""

from __future__ import annotations

import re

__all__: list[str] = []

ACCEPT, REJECT, LIST = 1, 0, 2

# A same-length copy for matching: full-width ASCII as ASCII, ASCII letters in lower case,
# dashes as "-", middle dots as "·".
_FOLD = {0xFF01 + i: 0x21 + i for i in range(0x5E)}
_FOLD.update({ord(c): ord("-") for c in "—–―‒－"})
_FOLD.update({ord(c): ord("·") for c in "•・‧∙"})
_LOWER = {ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def fold(s: str) -> str:
    """``s`` with full-width forms, case, dashes and dots folded (same length)."""
    return s.translate(_FOLD).translate(_LOWER)


# Campaign names that are also ordinary words: a mention only in quotes (“秋风”), before
# 行动/专项/系列/演练/·/a year, after a year or ·, or in a list of campaigns (净网、秋风等).
NEEDS_CONTEXT = frozenset({"清朗", "秋风", "清源", "护网", "固边"})
_CONTEXT_AFTER = ("行动", "专项", "系列", "演练", "·")
_OPEN = "“‘\"「『"
_CLOSE = "”’\"」』"

_BLOCK_PREV = {
    "京东": "北南",          # 北京东路
    "网易": "联上",          # 互联网易于
    "视频号": "短",          # 短视频号
    "净网": "纯洁干",         # 纯净网络
    "剑网": "亮宝利",         # 亮剑网络
    "断卡": "判诊中间不截",
    "网剑": "联",
    "百度": "千",
    "数据安全法": "大",       # 大数据安全法规
    "津云": "天",            # 天津云计算中心
}
_BLOCK_NEXT = {
    "新浪": ("潮",),
    "央视频": ("道",),        # 央视频道
    "净网": ("络", "站"),
    "剑网": ("络",),
    "护苗": ("木", "圃"),
    "钉钉": ("子",),          # 钉钉子精神
    "津云": ("计",),
    "扫黄打非": ("办", "工作小组"),   # 省扫黄打非办: a local office (not listed)
}
# 网络安全法律/法规/法治 are not the law (but 网络安全法规定 is).
_LAW_NEXT = tuple("律治制院庭官学典理务则宝")
# 公安部门, 教育部署 are not the ministries.
_MINISTRY_NEXT = tuple("门署分位落")
# 人民网上, 长城网络 are not the sites.
_SITE_NEXT = tuple("上民络友站页格点址")
# 中办/国办 only as issuers: 中办、国办《关于…》, 国办印发 (not 集中办理, 全国办理).
_OFFICE_NEXT = ("、", "《", "印发", "发", "国办", "关于", "联合", "下发", "转发", "“", "和", "及")
_TIME_NEXT = re.compile(r"[0-9〇零一二两三四五六七八九十]|今|昨|明|凌晨|上午|中午|下午|晚|早|夜|当[天日]|次日")
_SITES = frozenset({"人民网", "新华网", "光明网", "央视网", "求是网", "长城网", "凤凰网", "中新网",
                    "央广网", "新浪网", "中国网信网", "中国日报网", "中国青年网", "中国经济网",
                    "中国新闻网"})
# A place before 净网 names a local campaign (许昌净网, 燕赵净网; guideline R10): 净网 after a
# Chinese character is jingwang only after a verb or a particle ending in one of these.
_JINGWANG_PREV = set("展进动施织署与绕和及的入续化过在于是为年项合等并以对将把从了同届起推办实加持结导"
                     "行好个次列要至期日月号抓照据按启让使由经因各本该此这上下中里内外时后前新省市"
                     "县区国全共项")
_LIST_SEP = "、和及与"
_LIST_AFTER = "、和及与等，,。；;）)"
_LIST_END_RE = re.compile(r"[”’\"」』]?等(?:系列)?(?:专项)?(?:行动|整治|治理|活动)")


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def check(scan: str, s: int, e: int, surface: str) -> int:
    """``ACCEPT``, ``REJECT``, or ``LIST`` (a mention only in a list of campaigns)."""
    prev = scan[s - 1] if s > 0 else ""
    nxt = scan[e:e + 2]
    if (_ascii_alnum(surface[0]) and _ascii_alnum(prev)) or (
            _ascii_alnum(surface[-1]) and nxt[:1] and _ascii_alnum(nxt[0])):
        return REJECT
    if prev and prev in _BLOCK_PREV.get(surface, ""):
        return REJECT
    if surface.startswith("净网") and "\u4e00" <= prev <= "\u9fff" and prev not in _JINGWANG_PREV:
        return REJECT
    if nxt.startswith(_BLOCK_NEXT.get(surface, ("\0",))):
        return REJECT
    if surface.endswith("法") and len(surface) >= 3 and (
            nxt.startswith(_LAW_NEXT) or (nxt[:1] == "规" and nxt != "规定")):
        return REJECT
    if surface.endswith("部") and nxt.startswith(_MINISTRY_NEXT):
        return REJECT
    if surface in _SITES and nxt.startswith(_SITE_NEXT):
        return REJECT
    if surface in ("中办", "国办"):
        return ACCEPT if scan.startswith(_OFFICE_NEXT, e) else REJECT
    if surface == "北京时间":
        return REJECT if _TIME_NEXT.match(scan, e) else ACCEPT
    if surface in NEEDS_CONTEXT:
        if prev and prev in _OPEN and nxt[:1] and nxt[0] in _CLOSE:
            return ACCEPT
        if scan.startswith(_CONTEXT_AFTER, e) or nxt[:1].isdigit():
            return ACCEPT
        if prev.isdigit() or prev == "·":
            return ACCEPT
        return LIST
    return ACCEPT


def _next_to(scan: str, pos: int, step: int) -> int:
    """Skip quote marks from ``pos`` in direction ``step``; the index reached."""
    while 0 <= pos < len(scan) and scan[pos] in _OPEN + _CLOSE:
        pos += step
    return pos


def _joined(scan: str, s: int, e: int, ends: set, starts: set) -> bool:
    """Whether a separator joins ``scan[s:e]`` to a campaign ending or starting next to it."""
    p = _next_to(scan, s - 1, -1)
    if 0 <= p and scan[p] in _LIST_SEP and _next_to(scan, p - 1, -1) + 1 in ends:
        return True
    p = _next_to(scan, e, 1)
    return p < len(scan) and scan[p] in _LIST_SEP and _next_to(scan, p + 1, 1) in starts


def resolve_lists(scan: str, found, pending) -> list:
    """The names of ``pending`` that stand in a list with a campaign of ``found``.

    A name is in a list when a separator (、和及与) joins it to a campaign mention on
    either side, or when 等…行动 follows it (净网、护苗、秋风等专项行动).
    """
    campaigns_end = {x[1] for x in found if x[2].kind == "campaign"}
    campaigns_start = {x[0] for x in found if x[2].kind == "campaign"}
    accepted: list = []
    done: set = set()
    rest = list(pending)
    # One sweep left to right and one right to left: a chain of names resolves whichever
    # of its ends (or middle) is anchored to a campaign or to 等…行动.
    for order in (rest, rest[::-1]):
        for x in order:
            s, e, _ = x
            if (s, e) in done:
                continue
            after = _next_to(scan, e, 1)
            if after < len(scan) and scan[after] not in _LIST_AFTER:
                continue                                  # 净网行动、清朗网络空间
            if _LIST_END_RE.match(scan, e) or _joined(scan, s, e, campaigns_end, campaigns_start):
                accepted.append(x)
                done.add((s, e))
                campaigns_end.add(e)
                campaigns_start.add(s)
    return accepted
