"""The gazetteer: provinces, divisions and landmarks read once from ``resources/divisions.json``."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

__all__: list[str] = []

# Kinds of names, strongest first.
PROVINCE, CITY, COUNTY, LANDMARK = "province", "city", "county", "landmark"
_RANK = {PROVINCE: 0, CITY: 1, COUNTY: 2, LANDMARK: 3}


@dataclass(frozen=True)
class Entry:
    """What one name in the gazetteer points to."""

    kind: str                  # province | city | county | landmark
    provinces: tuple           # canonical province names (sorted), one or more
    stem1: bool = False        # one-character stem (和县): must stand as a name
    short: bool = False        # a short name (杭州 for 杭州市): checked against LEFT/RIGHT


@dataclass(frozen=True)
class Gazetteer:
    names: dict                # name -> Entry, or None for a blocked word
    lengths: dict              # first character -> name lengths, longest first
    aliases: dict              # every accepted spelling of a province -> canonical name
    provinces: tuple           # canonical names in code order
    province_names: dict       # canonical -> all of its full/short/alias spellings
    abbreviations: dict        # canonical -> its one-character abbreviations
    left: frozenset            # two-character words (see docs/places.md)
    right: frozenset
    landmarks: dict            # landmark name -> note
    n_divisions: int


def _raw() -> dict:
    text = resources.files("cyberreport.resources").joinpath("divisions.json").read_text("utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    raw = _raw()
    names: dict = {}

    def add(name: str, entry: Entry) -> None:
        old = names.get(name)
        if old is None:
            names[name] = entry
            return
        provs = tuple(sorted(set(old.provinces) | set(entry.provinces)))
        kind = min(old.kind, entry.kind, key=_RANK.__getitem__)
        names[name] = Entry(kind, provs, old.stem1 and entry.stem1, old.short and entry.short)

    aliases: dict = {}
    province_names: dict = {}
    abbreviations: dict = {}
    order = []
    for p in raw["provinces"]:
        canon = p["short"]
        order.append(canon)
        spellings = {canon, p["name"], *p["aliases"]}
        province_names[canon] = tuple(sorted(spellings, key=len, reverse=True))
        abbreviations[canon] = tuple(p["abbr"])
        for s in spellings:
            aliases[s] = canon
            add(s, Entry(PROVINCE, (canon,)))
        for a in p["abbr"]:
            aliases[a] = canon
        # common spellings: 广西自治区, 北京市, 香港特区
        for suffix in ("省", "市", "自治区", "特区"):
            aliases.setdefault(canon + suffix, canon)

    for code, name, level, prov, short, flags in raw["divisions"]:
        if "x" in flags:
            continue
        add(name, Entry(level, (prov,), stem1="g" in flags))
        if short and "a" in flags:
            add(short, Entry(level, (prov,), short=True))
    for name, provs, _note in raw["landmarks"]:
        add(name, Entry(LANDMARK, tuple(sorted(provs)), short=len(name) == 2))
    for word in raw["blocked"]:
        names.setdefault(word, None)

    lengths: dict = {}
    for name in names:
        lengths.setdefault(name[0], set()).add(len(name))
    lengths = {c: tuple(sorted(v, reverse=True)) for c, v in lengths.items()}

    def pairs(s: str) -> frozenset:
        return frozenset(s[i:i + 2] for i in range(0, len(s), 2))

    return Gazetteer(
        names=names, lengths=lengths, aliases=aliases, provinces=tuple(order),
        province_names=province_names, abbreviations=abbreviations,
        left=pairs(raw["left"]), right=pairs(raw["right"]),
        landmarks={n: note for n, _p, note in raw["landmarks"]},
        n_divisions=len(raw["divisions"]),
    )
