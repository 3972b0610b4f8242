"""Indicator assignment: which entry of ``resources/indicators.json`` a figure measures.

The rule is the guideline's (``data/figures/GUIDELINES.md``, 1.7): the **object decides
first** — only indicators whose ``objects`` fit the counted noun phrase are candidates —
then the verb (``actions``), then the measure word (``units``), then file order.  A few
rules for rates come straight from the guideline: a rate of villages is
``villages_connected``, other coverage rates are ``coverage_rate``, growth (增长, 同比,
增速) is ``growth_rate`` and a share of a whole (占比, 比重) is ``share``.  Figures that fit
nothing are ``"other"`` (theme ``None``).
"""

from __future__ import annotations

import importlib.resources
import json
from dataclasses import dataclass
from functools import lru_cache

from ._lexicon import DUAL, EXTRA_OBJECTS as _EXTRA_OBJECTS

__all__ = ["OTHER", "PERCENT_UNITS", "assign_indicator", "fits_action", "indicator_ids",
           "indicator_names", "indicator_theme", "nearest_indicator"]

#: The indicator of a figure that fits no entry of the inventory.
OTHER = "other"
#: Units of a rate or a change: the rules for rates apply to them.
PERCENT_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "倍"})

# Objects that say how something is counted, not what: the verb decides for them.
_GENERIC_OBJECTS = frozenset({
    "金额", "总金额", "总额", "数量", "总数", "总量", "数", "次数", "人数", "规模总量", "量",
    "总计", "合计", "其中", "全年", "累计", "共计", "人次", "家次", "条次", "件次",
})
_GROWTH_WORDS = ("增长", "增速", "增幅", "同比", "环比", "年均", "提高", "上升", "增加", "下降",
                 "降低", "减少", "提升", "翻", "缩短", "压缩", "压减")
_SHARE_WORDS = ("占比", "比重", "比例", "占")
_GOV_PREFIX = "政务"
# Indicators of enforcement: a figure with no verb counts them only when its noun says so
# (违规账号), not for a plain stock (全省共有网站5.6万家 is not websites_closed).
_ENFORCEMENT = frozenset({"information_removed", "accounts_closed", "websites_closed",
                          "apps_removed", "interviews", "cases_handled", "fines",
                          "penalties_warnings", "leads_transferred", "reports_handled"})
_NEGATIVE = ("违法", "违规", "有害", "不良", "低俗", "淫秽", "色情", "虚假", "谣言", "诈骗", "非法",
             "问题", "案", "线索", "罚", "恶意", "僵尸", "钓鱼", "赌", "诈", "谣")
_VILLAGE = "村"
# A rate of villages is villages_connected only when it is a rate of connection.
_LINK_WORDS = ("光纤", "宽带", "4G", "5G", "网络", "通信", "通达", "通网", "信号", "互联网", "通光")
# Nouns so general that a more specific noun of another indicator wins over them (R1):
# they count as one character when nouns are compared by length.
_GENERIC_TERMS = frozenset({"活动", "作品", "信息", "账号", "网站", "平台", "单位", "系统", "问题",
                            "产品", "视频", "文章", "专题", "人员", "群众", "网民"})
# Head nouns that say what is counted whatever else the phrase names (政务微博粉丝 are
# followers, not government accounts).
_COUNT_HEADS = frozenset({"followers_users", "reads_views", "internet_users"})
# Verbs too general to choose an indicator on their own (no noun that fits).
_MONEY = frozenset({"元", "美元", "欧元"})
_GENERIC_ACTIONS = frozenset({"办理", "处理", "新增", "达到", "实现", "完成", "突破", "覆盖", "开展", "组织", "建设",
                              "建成", "发展", "提高", "提升", "推出", "发布", "吸引", "拥有", "增加",
                              "给予", "来自", "参与", "参加", "管理", "接入", "上线", "开通", "带动"})


@dataclass(frozen=True)
class _Indicator:
    id: str
    theme: str
    index: int
    actions: tuple[str, ...]
    objects: tuple[str, ...]
    units: frozenset
    weak: frozenset = frozenset()      # objects that need the indicator's activity (R2)
    context: tuple[str, ...] = ()      # domain words, one needed in object or sentence (R3)


@lru_cache(maxsize=1)
def _inventory() -> tuple[_Indicator, ...]:
    raw = json.loads(importlib.resources.files("cyberreport.resources")
                     .joinpath("indicators.json").read_text("utf-8"))
    out = []
    for i, rec in enumerate(raw["indicators"]):
        extra = _EXTRA_OBJECTS.get(rec["id"], ())
        objects = tuple(dict.fromkeys([*rec["objects"], *extra]))
        weak = rec.get("weak_objects", ())
        out.append(_Indicator(rec["id"], rec["theme"], i, tuple(rec["actions"]), objects,
                              frozenset(rec["units"]),
                              frozenset(objects if "*" in weak else weak),
                              tuple(rec.get("context", ()))))
    return tuple(out)


@lru_cache(maxsize=1)
def _names() -> dict:
    raw = json.loads(importlib.resources.files("cyberreport.resources")
                     .joinpath("indicators.json").read_text("utf-8"))
    return {rec["id"]: (rec["name_zh"], rec["name_en"]) for rec in raw["indicators"]}


def indicator_names(indicator: str) -> tuple[str, str]:
    """``(name_zh, name_en)`` of ``indicator``; ``("其他", "other")`` for ``"other"``.

    Examples
    --------
    >>> indicator_names("base_stations")[1]
    'Mobile base stations'
    """
    return _names().get(indicator, ("其他", "other"))


@lru_cache(maxsize=1)
def _themes() -> dict:
    return {i.id: i.theme for i in _inventory()}


def indicator_ids() -> tuple[str, ...]:
    """The inventory's indicator ids in file order (``"other"`` is not among them).

    Examples
    --------
    >>> indicator_ids()[:2]
    ('reports_received', 'reports_handled')
    """
    return tuple(i.id for i in _inventory())


def indicator_theme(indicator: str) -> str | None:
    """The theme id of ``indicator``, or ``None`` for ``"other"`` and unknown ids.

    Examples
    --------
    >>> indicator_theme("information_removed"), indicator_theme("other")
    ('content_governance', None)
    """
    return _themes().get(indicator)


@lru_cache(maxsize=1)
def _term_index() -> tuple[dict, dict, int]:
    """``(actions, objects, longest)``: each verb and noun of the inventory -> indicator
    indices, to find the indicators of a phrase by its substrings."""
    actions: dict[str, set] = {}
    objects: dict[str, set] = {}
    for ind in _inventory():
        for a in ind.actions:
            actions.setdefault(a, set()).add(ind.index)
        for t in ind.objects:
            objects.setdefault(t, set()).add(ind.index)
    longest = max(map(len, [*actions, *objects]))
    return actions, objects, longest


def _substrings(s: str, longest: int):
    n = len(s)
    for i in range(n):
        for j in range(i + 1, min(n, i + longest) + 1):
            yield s[i:j]


@lru_cache(maxsize=4096)
def _action_scores(action: str) -> dict:
    """Indicator index -> 2 (the verb is one of its verbs) or 1 (contains one of two or
    more characters: 依法关闭, 制定下发)."""
    if not action:
        return {}
    actions, _, longest = _term_index()
    out: dict[int, int] = {}
    for sub in _substrings(action, longest):
        if len(sub) >= 2 and sub in actions:
            for k in actions[sub]:
                out[k] = 1
    for k in actions.get(action, ()):
        out[k] = 2
    return out


def _action_score(ind: _Indicator, action: str) -> int:
    """2: the verb is one of the indicator's; 1: it contains one (依法关闭, 制定下发); 0."""
    return _action_scores(action).get(ind.index, 0)


@lru_cache(maxsize=4096)
def _object_hits(obj: str) -> frozenset:
    """Indices of the indicators one of whose nouns occurs in ``obj``."""
    if not obj:
        return frozenset()
    _, objects, longest = _term_index()
    hits: set = set()
    for sub in _substrings(obj, longest):
        hits |= objects.get(sub, set())
    return frozenset(hits)


_COUNT_SUFFIXES = ("总数", "数量", "总量", "人数", "数", "规模")


def _weight(term: str) -> int:
    return 1 if term in _GENERIC_TERMS else len(term)


def _head_length(ind: _Indicator, obj: str) -> int:
    """Length of the longest of the indicator's objects that ends the noun phrase
    (after a counting word: 5G用户数 ends with 5G用户)."""
    for suffix in _COUNT_SUFFIXES:
        if obj.endswith(suffix) and len(obj) > len(suffix):
            obj = obj[:-len(suffix)]
            break
    return max((_weight(t) for t in ind.objects if obj.endswith(t)), default=0)


def _match_length(ind: _Indicator, obj: str) -> int:
    return max((_weight(t) for t in ind.objects if t in obj), default=0)


def _in_domain(ind: _Indicator, obj: str, context: str) -> bool:
    """R3: an indicator with domain words needs one in the object or the sentence (or the
    text given as ``domain`` to :func:`assign_indicator`, appended to the sentence)."""
    if not ind.context:
        return True
    words = (obj + "|" + context).replace("国家级", "")
    return any(w in words for w in ind.context)


def _active(ind: _Indicator, obj: str, action: str, context: str) -> bool:
    """Whether the indicator's activity is written: its verb, or one in the sentence or the
    object (网络安全检查, 备案网站)."""
    return bool(_action_score(ind, action) or _context_fit(ind, context)
                or any(len(a) >= 2 and a in obj for a in ind.actions))


def _admissible(ind: _Indicator, obj: str, action: str, context: str, where: str) -> bool:
    """R2 and R3: in its domain (words of ``where``), and fitting through a noun of its own
    that is not weak, or with its activity written (in ``context``)."""
    if not _in_domain(ind, obj, where):
        return False
    if ind.id == "villages_connected" and _VILLAGE not in obj:
        return False            # 11个主城区实现5G网络覆盖 counts no villages
    strong = any(t in obj and t not in ind.weak for t in ind.objects)
    return strong or _active(ind, obj, action, context)


def _context_fit(ind: _Indicator, context: str) -> int:
    return _words_in(context, ind.index, "actions")


def _context_object_fit(ind: _Indicator, context: str) -> int:
    """其中82个已接入 …: a noun of the indicator elsewhere in the sentence."""
    return _words_in(context, ind.index, "objects")


@lru_cache(maxsize=4096)
def _words_in(context: str, index: int, field: str) -> int:
    """Whether a word (2+ characters) of an indicator's ``field`` occurs in ``context``;
    cached, since every figure of a sentence asks about the same sentence."""
    words = getattr(_inventory()[index], field)
    return int(bool(context) and any(len(w) >= 2 and w in context for w in words))


def _best(cands, action: str, obj: str, unit: str, context: str) -> _Indicator:
    cands = list(cands)
    gov = _GOV_PREFIX in obj
    negative = any(w in obj for w in _NEGATIVE)
    stock = not action and not negative
    # 注销违规备案网站: a verb of enforcement that fits none of the candidates, on a noun
    # that says so, favours the enforcement ones.
    enforce = negative and not any(_action_score(i, action) for i in cands) and any(
        _action_score(i, action) for i in _inventory() if i.id in _ENFORCEMENT)

    def key(ind: _Indicator):
        return (-_action_score(ind, action),
                int(stock and ind.id in _ENFORCEMENT),
                -int(enforce and ind.id in _ENFORCEMENT),
                -int(ind.id in _COUNT_HEADS and _head_length(ind, obj) > 0),
                # the guideline's example: 政务微信公众号 are government accounts
                -int(gov and ind.id == "gov_accounts"),
                -int(not unit or unit in ind.units),
                -_head_length(ind, obj),
                -_match_length(ind, obj),
                -_context_fit(ind, context),
                -_context_object_fit(ind, context),
                ind.index)
    return min(cands, key=key)


_LEVEL_ENDS = ("至", "到", "为", "达")


def _is_growth(action: str, context_before: str) -> bool:
    """增长, 同比增长, 提高 … before the number (not 提高到 98%, a level)."""
    if context_before.rstrip().endswith(_LEVEL_ENDS):
        return False
    words = action or context_before[-4:]
    return any(w in words for w in _GROWTH_WORDS)


def _rate_rule(action: str, obj: str, context_before: str) -> str:
    words = action + obj + context_before
    if any(w in words for w in _GROWTH_WORDS):
        return "growth_rate"
    if any(w in action + obj for w in _SHARE_WORDS):
        return "share"
    return OTHER


def fits_action(indicator: str, action: str) -> bool:
    """Whether ``action`` is (or contains) one of the verbs of ``indicator``.

    Examples
    --------
    >>> fits_action("bodies_established", "成立"), fits_action("villages_connected", "接入")
    (True, False)
    """
    ind = next((i for i in _inventory() if i.id == indicator), None)
    return ind is not None and _action_score(ind, action) > 0


def nearest_indicator(before: str, unit: str, context: str | None = None) -> str:
    """The indicator of the last inventory noun in ``before`` that takes ``unit``.

    For a figure with neither verb nor noun (实现县级融媒体中心全覆盖（共102个）). An
    indicator with domain words (R3) needs one in ``context`` (default ``before``): 发现火灾
    隐患2300余处，督促整改1900余处 is not a security incident.

    Examples
    --------
    >>> nearest_indicator("实现县级融媒体中心全覆盖（共", "个")
    'convergence_centres'
    """
    _, objects, longest = _term_index()
    inventory = _inventory()
    for end in range(len(before), 0, -1):
        for start in range(max(0, end - longest), end - 1):
            hits = [inventory[k] for k in sorted(objects.get(before[start:end], ()))
                    if unit in inventory[k].units
                    and _in_domain(inventory[k], "", before if context is None else context)]
            if hits:
                return hits[0].id
    return OTHER


def assign_indicator(action: str, obj: str, unit: str, context: str = "",
                     context_before: str = "", subject: str = "", *, domain: str = "") -> str:
    """The indicator id of a figure with verb ``action``, counted noun ``obj`` and ``unit``.

    Parameters
    ----------
    action : str
        The verb (``""`` when none), e.g. ``"删除"``.
    obj : str
        The counted noun phrase, e.g. ``"违法违规信息"``.
    unit : str
        The figure's unit as in :class:`~cyberreport.extract.Quantity` (``"条"``, ``"%"``).
    context : str, optional
        The sentence; a verb of a candidate indicator found in it breaks ties.
    context_before : str, optional
        The text right before the figure (增长 in ``同比增长15%`` when the verb is missing).
    subject : str, optional
        The noun before the verb (贫困村 in ``贫困村通宽带比例达99%``): for rates of villages.
    domain : str, optional
        Text around the sentence (the sentence before it) whose domain words also place the
        figure in an indicator's domain (R3): 公布一流网络安全学院…名单。…共7所高校入选.

    Returns
    -------
    str
        An indicator id of ``resources/indicators.json``, or ``"other"``.

    Examples
    --------
    >>> assign_indicator("删除", "违法违规信息", "条")
    'information_removed'
    >>> assign_indicator("清理", "互联网违法和不良信息举报", "条")
    'reports_handled'
    >>> assign_indicator("", "处置率", "%")
    'other'
    """
    inventory = _inventory()
    obj = obj.strip()
    core = obj if obj not in _GENERIC_OBJECTS else ""
    pct = unit in PERCENT_UNITS
    hits = _object_hits(core)
    where = context + "|" + domain if domain else context     # R3 domain words
    cands = [i for i in inventory if i.index in hits and _admissible(i, core, action, context, where)]
    if pct:
        # Rates of villages connected are villages_connected; any other rate is not.
        link = any(w in core or w in subject for w in _LINK_WORDS)
        if _VILLAGE in core and link and any(i.id == "villages_connected" for i in cands):
            return "villages_connected"
        villages = next(i for i in inventory if i.id == "villages_connected")
        if _VILLAGE in subject and link and (_action_score(villages, action) or any(
                t in subject for t in villages.objects)):
            return "villages_connected"
        cands = [i for i in cands if i.id != "villages_connected"]
    if not any(w in core for w in _NEGATIVE):
        # An enforcement indicator needs its verb or a noun that says so (违规账号).
        cands = [i for i in cands if i.id not in _ENFORCEMENT or _action_score(i, action)]

    def usable(inds):
        return [i for i in inds if (not unit or unit in i.units) and _in_domain(i, core, where)]

    # 开展职业技能培训12.4万人次: a noun that is also a verb (培训) may say what was done.
    dual = core if core in DUAL else next((w for w in DUAL if core.endswith(w)), "")
    noun_verb = usable(inventory[k] for k in sorted(_action_scores(dual))) if dual else []
    by_action = usable(inventory[k] for k in sorted(_action_scores(action)))
    specific = by_action if action.removeprefix("累计") not in _GENERIC_ACTIONS else []
    # 组织采编人员轮训11期: the verb is the event noun of an indicator that takes the unit.
    verb_noun = usable(i for i in inventory if action and action in i.objects)
    if pct and _is_growth(action, context_before) and not any(
            w in core for w in _SHARE_WORDS if len(w) > 1):
        # 网上办件量同比增长45%: a change is growth, whatever grew (guideline 1.7)
        return "growth_rate"
    if cands:
        best = _best(cands, action, core, unit, context)
        if not unit or unit in best.units:
            return best.id
        # The noun fits but not with this measure word (开展培训3200人次, 政务微博回应3万次,
        # 九成网民, 签约项目金额340亿元): the event noun or a verb that fits with the unit
        # decides, else the verb of the noun's indicator.
        for group in (noun_verb, verb_noun, specific):
            if group:
                return _best(group, action, core, unit, context).id
        if _action_score(best, action) == 2:
            return best.id
        if pct:
            return _rate_rule(action, core, context_before)
        return OTHER            # 6个产业营业收入: the noun is not what the unit counts
    if pct:
        return _rate_rule(action, core, context_before)
    if specific and (not core or action in DUAL and any(
            _action_score(i, action) == 2 for i in specific)):
        # 回应3.4万余次; 培训新型农业经营主体带头人2.1万人次: the verb's own indicator
        return _best(specific, action, core, unit, context).id
    if noun_verb:
        return _best(noun_verb, core, core, unit, context).id
    if not core and not action and unit in _MONEY:
        # 签约项目52个，总金额达到301亿元: a sum of money takes a verb of the sentence
        ctx = usable(i for i in inventory if _context_fit(i, context))
        if ctx:
            return _best(ctx, action, core, unit, context).id
    return OTHER
