"""Place names in a text, and the province they point to (or an abstention)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Real
from types import MappingProxyType

from .._frames import ResultList, TableMixin
from .._validation import Interval, check_str, check_value
from ..text import normalize
from ._data import CITY, COUNTY, LANDMARK, PROVINCE, gazetteer

__all__ = ["PlaceMatch", "ProvinceGuess", "find_places", "infer_province", "normalize_province"]

# Evidence weight of one mention, by kind of name.
WEIGHTS = {PROVINCE: 3.0, CITY: 1.0, COUNTY: 1.0, LANDMARK: 1.0}
# Mentions of one name beyond this many add nothing.
MAX_REPEATS = 2
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# After a one-character-stem name (和县), characters that make it part of a word
# (和县级, 示范县域 …).
_STEM1_BAD_NEXT = set("级域城乡区市委长里")


@dataclass(frozen=True)
class PlaceMatch(TableMixin):
    """One place name found in a text.

    Attributes
    ----------
    name : str
        The name as written (``杭州``, ``西湖区``, ``长江云``).
    start, end : int
        Its span in the normalised text.
    kind : str
        ``"province"``, ``"city"`` (prefecture level), ``"county"`` (county level,
        districts included) or ``"landmark"`` (a platform, brand or site of one
        province, such as 长江云 or 乌镇).
    provinces : tuple of str
        The provinces it points to: one, or several for an ambiguous name (朝阳区 is
        in 北京 and in 辽宁).

    Examples
    --------
    >>> find_places("在杭州召开")[0]
    PlaceMatch(name='杭州', start=1, end=3, kind='city', provinces=('浙江',))
    """

    name: str
    start: int
    end: int
    kind: str
    provinces: tuple

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"name": self.name, "start": self.start, "end": self.end,
                "kind": self.kind, "provinces": list(self.provinces)}

    def _row(self) -> dict:
        return self.to_dict()

    def _table(self) -> tuple[list[str], list[dict]]:
        row = self.to_dict()
        return list(row), [row]


@dataclass(frozen=True)
class ProvinceGuess(TableMixin):
    """The province a text is about, with the evidence (see :func:`infer_province`).

    Attributes
    ----------
    province : str or None
        Canonical province name (``"浙江"``), or ``None`` when the function abstains.
    confidence : float
        The chosen province's share of all evidence (0.0 when abstaining on no
        evidence).
    basis : str
        How it decided: ``"province_name"`` (the province is named and dominates),
        ``"places"`` (cities, counties or landmarks of one province dominate),
        ``"no_evidence"`` or ``"conflict"`` (abstentions).
    reason : str
        The decision in words, e.g. ``"places: 浙江 2.5 vs 江西 0.5"``.
    places : tuple of PlaceMatch
        Every place name found, in text order.
    scores : Mapping
        Evidence per province, highest first.

    Examples
    --------
    >>> g = infer_province("杭州市网信办开展网络安全检查")
    >>> g.province, g.basis
    ('浙江', 'places')
    """

    province: str | None
    confidence: float
    basis: str
    reason: str
    places: tuple = ()
    scores: Mapping = field(default_factory=dict)

    def __post_init__(self):
        if not isinstance(self.scores, MappingProxyType):
            object.__setattr__(self, "scores", MappingProxyType(dict(self.scores)))

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"province": self.province, "confidence": self.confidence,
                "basis": self.basis, "reason": self.reason,
                "places": [p.to_dict() for p in self.places], "scores": dict(self.scores)}

    def _table(self) -> tuple[list[str], list[dict]]:
        """One row per place found (the decision repeated on each), or one row without a
        place."""
        head = {"province": self.province, "confidence": self.confidence,
                "basis": self.basis, "reason": self.reason}
        places = [{"place": p.name, "kind": p.kind, "start": p.start, "end": p.end,
                   "place_provinces": list(p.provinces)} for p in self.places]
        cols = [*head, "place", "kind", "start", "end", "place_provinces"]
        return cols, [{**head, **p} for p in places] or [head]

    def __reduce__(self):  # MappingProxyType cannot be pickled
        return (ProvinceGuess, (self.province, self.confidence, self.basis, self.reason,
                                self.places, dict(self.scores)))


def normalize_province(name: str) -> str | None:
    """The canonical name of a province-level unit, or ``None``.

    Accepts the full name (``浙江省``, ``广西壮族自治区``, ``香港特别行政区``), the short
    name (``浙江``, ``内蒙古``), common spellings (``内蒙``, ``广西自治区``, ``北京市``) and
    the one-character abbreviations (``浙``, ``粤``, ``川``/``蜀``, ``黔``/``贵``,
    ``滇``/``云``, ``陇``/``甘``, ``陕``/``秦`` …) — only as the whole ``name``, never inside
    a word: ``normalize_province("浙里办")`` is ``None``.  Full-width forms and
    surrounding spaces are normalised first.  National words (国家, 中央, 全国, 中国) are
    not provinces.

    Parameters
    ----------
    name : str

    Returns
    -------
    str or None
        The short canonical name (``"浙江"``, ``"内蒙古"``, ``"广西"``, ``"香港"``).

    Raises
    ------
    TypeError
        If ``name`` is not a ``str``.

    Examples
    --------
    >>> normalize_province("新疆维吾尔自治区"), normalize_province("粤"), normalize_province("杭州")
    ('新疆', '广东', None)
    """
    check_str(name, "name")
    key = normalize(name).replace(" ", "")
    return gazetteer().aliases.get(key)


def find_places(text: str) -> ResultList:
    """Every place name in ``text``: provinces, prefecture-level cities, county-level
    divisions and landmarks, leftmost-longest, in text order.

    ``text`` is normalised first (:func:`cyberreport.normalize`); offsets refer to the
    normalised text.  A name must stand as a name: a short name that is also a common
    word (东方, 通道, 合作) counts only with its suffix (东方市); a name inside a common
    word (中山装, 长治久安, 大城市) or made of the halves of two words (协会理事 has 会理)
    does not count; a one-character stem (和县, 高县) counts only where it is not the
    end of another word (示范县, 提高县级 do not).  Single-character abbreviations
    (浙, 粤) are never read in running text.

    Parameters
    ----------
    text : str

    Returns
    -------
    ResultList of PlaceMatch
        A ``list`` that is also a table (``to_frame()``, ``to_dict()``).

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.

    Examples
    --------
    >>> [(m.name, m.kind, m.provinces) for m in find_places("四川省成都市和中山装")]
    [('四川省', 'province', ('四川',)), ('成都市', 'city', ('四川',))]
    """
    check_str(text)
    return ResultList(_find(normalize(text)))


def _find(text: str) -> list[PlaceMatch]:
    g = gazetteer()
    names, lengths, left, right = g.names, g.lengths, g.left, g.right
    out: list[PlaceMatch] = []
    n = len(text)
    i = 0
    last_end = -1
    while i < n:
        lens = lengths.get(text[i])
        if lens is None:
            i += 1
            continue
        hit = 0
        for L in lens:
            if i + L > n:
                continue
            name = text[i:i + L]
            if name not in names:
                continue
            e = names[name]
            if e is None:                       # a blocked common word: skip it whole
                hit = L
                break
            prev = text[i - 1] if i > 0 else ""
            nxt = text[i + L] if i + L < n else ""
            if e.short and ((prev and prev + name[0] in left and last_end != i)
                            or (nxt and name[-1] + nxt in right)):
                continue
            if e.stem1 and ((prev and _HAN.match(prev) and last_end != i)
                            or nxt in _STEM1_BAD_NEXT):
                continue
            provinces = e.provinces
            if len(provinces) > 1 and out and last_end == i:
                # 杭州市西湖区: a name right after a place of one of its provinces
                narrowed = tuple(p for p in provinces if p in out[-1].provinces)
                if len(narrowed) == 1:
                    provinces = narrowed
            out.append(PlaceMatch(name, i, i + L, e.kind, provinces))
            last_end = i + L
            hit = L
            break
        i += hit or 1
    return out


def infer_province(text: str, *, min_ratio: float = 2.0) -> ProvinceGuess:
    """The province a text is about, inferred from the places it names — or an
    abstention.

    Every place name found by :func:`find_places` is evidence for its province: a
    province name weighs 3, a city, county or landmark 1; a name that belongs to several
    provinces (朝阳区) splits its weight between them; a name counts at most twice.  The
    province with the most evidence is the answer when it has at least 1 and at least
    ``min_ratio`` times the evidence of the runner-up; otherwise the function abstains
    (``province=None``): when nothing points anywhere (national bodies such as 国家,
    中央, 全国 point nowhere) or when the evidence points to two provinces.

    Parameters
    ----------
    text : str
    min_ratio : float, default 2.0
        How much more evidence the answer needs than the runner-up (> 1).

    Returns
    -------
    ProvinceGuess

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.
    ValueError
        If ``min_ratio`` is not a number > 1.

    Examples
    --------
    >>> infer_province("建设全省统一的长江云平台").province
    '湖北'
    >>> g = infer_province("中央网信办部署全国网络安全检查")
    >>> g.province, g.basis
    (None, 'no_evidence')
    """
    check_str(text)
    check_value("min_ratio", min_ratio, [Interval(Real, 1, None, "neither")])
    places = tuple(_find(normalize(text)))
    scores: dict[str, float] = {}
    named: dict[str, float] = {}
    seen: dict[str, int] = {}
    for m in places:
        seen[m.name] = seen.get(m.name, 0) + 1
        if seen[m.name] > MAX_REPEATS:
            continue
        w = WEIGHTS[m.kind] / len(m.provinces)
        for p in m.provinces:
            scores[p] = scores.get(p, 0.0) + w
            if m.kind == PROVINCE:
                named[p] = named.get(p, 0.0) + w
    ranked = dict(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))
    if not ranked:
        return ProvinceGuess(None, 0.0, "no_evidence", "abstained: no place name", places, {})
    items = list(ranked.items())
    top, s1 = items[0]
    s2 = items[1][1] if len(items) > 1 else 0.0
    total = sum(ranked.values())
    shown = ", ".join(f"{p} {s:g}" for p, s in items[:3])
    if s1 < 1.0 or s1 < min_ratio * s2:
        why = "too little evidence" if s1 < 1.0 else "evidence points to more than one province"
        return ProvinceGuess(None, 0.0, "conflict", f"abstained: {why} ({shown})", places, ranked)
    basis = "province_name" if named.get(top, 0.0) >= s1 / 2 else "places"
    label = "province name" if basis == "province_name" else "places"
    return ProvinceGuess(top, s1 / total, basis, f"{label}: {shown}", places, ranked)
