"""Mentions of named things: gazetteer names found by one trie-shaped regular expression."""

from __future__ import annotations

import importlib.resources
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .._validation import check_str as _check_str
from ._mention_rules import ACCEPT, LIST, check, fold, resolve_lists

__all__ = ["Mention", "MENTION_KINDS", "extract_mentions"]

#: The kinds of a :class:`Mention`, as in ``resources/gazetteer.json``.
MENTION_KINDS = ("campaign", "law_or_rule", "body", "platform", "event", "programme")


@dataclass(frozen=True)
class Mention:
    """A place where a text names an entry of the gazetteer (an immutable record).

    Attributes
    ----------
    kind : str
        One of :data:`MENTION_KINDS` (campaign, law_or_rule, body, platform, event,
        programme).
    entity : str
        The gazetteer id (``"cybersecurity_law"``).
    name_zh, name_en : str
        The entry's canonical Chinese and English names.
    surface : str
        The name as written; ``surface == text[start:end]``.
    start, end : int
        Character offsets into the text as given.

    Examples
    --------
    >>> m = extract_mentions("贯彻落实《网安法》")[0]
    >>> m.kind, m.entity, m.name_zh, m.surface, m.start
    ('law_or_rule', 'cybersecurity_law', '网络安全法', '网安法', 5)
    >>> m.to_dict()["end"]
    8
    """

    kind: str
    entity: str
    name_zh: str
    name_en: str
    surface: str
    start: int
    end: int

    def to_dict(self) -> dict:
        """JSON-ready dict of all fields, in the order of the class."""
        return {"kind": self.kind, "entity": self.entity, "name_zh": self.name_zh,
                "name_en": self.name_en, "surface": self.surface, "start": self.start,
                "end": self.end}


@dataclass(frozen=True)
class _Entry:
    id: str
    kind: str
    name_zh: str
    name_en: str


def _trie_pattern(words) -> str:
    """A regular expression that matches the longest of ``words`` at a position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
        return body
    return build(trie)


# The office of a commission is the office, not the commission: a commission's name with
# 办公室 after it names the office entry (县委网络安全和信息化委员会办公室 is a local
# 网信办), as does 互联网信息办公室 under a place name.
_OFFICE_OF = {"cyberspace_commission_local": "cyberspace_office_local",
              "central_cyberspace_commission": "cac"}
_EXTRA_SURFACES = {"互联网信息办公室": "cyberspace_office_local"}


@lru_cache(maxsize=1)
def _matcher():
    """``(regex, surfaces)``: built once per process from ``resources/gazetteer.json``."""
    raw = json.loads(importlib.resources.files("cyberreport.resources")
                     .joinpath("gazetteer.json").read_text("utf-8"))
    surfaces: dict[str, _Entry] = {}
    for rec in raw["entries"]:
        entry = _Entry(rec["id"], rec["kind"], rec["name_zh"], rec["name_en"])
        names = [rec["name_zh"], *rec["aliases"]]
        for name in names:
            key = fold(name)
            inner = key[1:-1]
            if key[:1] == "“" and key[-1:] == "”" and any(fold(n) == inner for n in names):
                continue        # “扫黄打非”: the name is matched without its quotes
            surfaces.setdefault(key, entry)
    by_id = {e.id: e for e in surfaces.values()}
    for key, entry in list(surfaces.items()):
        office = _OFFICE_OF.get(entry.id)
        if office in by_id:
            surfaces.setdefault(key + "办公室", by_id[office])
    for key, id_ in _EXTRA_SURFACES.items():
        if id_ in by_id:
            surfaces.setdefault(key, by_id[id_])
    # Longest match at every start: a lookahead so that overlapping candidates are all seen.
    regex = re.compile("(?=(" + _trie_pattern(surfaces) + "))")
    return regex, surfaces


def _shorter(surface: str, surfaces) -> list[str]:
    """Surfaces that are proper prefixes of ``surface``, longest first."""
    return [surface[:k] for k in range(len(surface) - 1, 0, -1) if surface[:k] in surfaces]


_BRACKET_RE = re.compile(r"\([^()]{1,6}\)")
_WINDOW = 24


def _bracketed(scan: str, regex, surfaces) -> list:
    """Names with a bracketed place inserted (国家大数据（贵州）综合试验区; guideline R9): the
    name read without the brackets, its span the whole written name."""
    out = []
    for b in _BRACKET_RE.finditer(scan):
        a, z = b.span()
        left = scan[max(0, a - _WINDOW):a]
        joined = left + scan[z:z + _WINDOW]
        for m in regex.finditer(joined):
            s, surface = m.start(), m.group(1)
            e = s + len(surface)
            if surface and s < len(left) < e and check(joined, s, e, surface) == ACCEPT:
                out.append((a - len(left) + s, z + e - len(left), surfaces[surface]))
    return out


def extract_mentions(text: str) -> list[Mention]:
    """Find the named campaigns, laws and rules, bodies, platforms, events and programmes.

    Every name and alias of ``resources/gazetteer.json`` is looked up at once (one
    regular expression shaped like a trie, built on first use and kept for the process).
    Matching reads full-width letters and digits, ``()`` and dashes as their ASCII or
    gazetteer forms and ignores ASCII case, on a same-length copy, so offsets index
    ``text`` as given.  The longest name wins and mentions do not overlap (中央网信办 is
    the central office, not a local 网信办; 微信十条 is a rule, not 微信); names inside
    compound nouns count (政务微博 → 微博, 浙江省网信办 → 省网信办).  Context rules keep
    ambiguous short names out when they are ordinary words: the adjective 清朗, 秋风 as
    weather, 正本清源, 护网 in 守护网络, 北京时间 as a time, 网络安全法律, 公安部门 … (see
    ``docs/extraction.md``).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of Mention
        In text order, not overlapping.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.

    Examples
    --------
    >>> [(m.surface, m.entity) for m in extract_mentions(
    ...     "开展“净网2017”专项行动，落实《中华人民共和国网络安全法》，推动网络空间清朗")]
    [('净网', 'jingwang'), ('中华人民共和国网络安全法', 'cybersecurity_law')]
    """
    _check_str(text, "text")
    if not text:
        return []
    regex, surfaces = _matcher()
    scan = fold(text)
    found: list[tuple[int, int, _Entry]] = []
    pending: list[tuple[int, int, _Entry]] = []
    for m in regex.finditer(scan):
        s = m.start()
        surface = m.group(1)
        if not surface:
            continue
        for cand in [surface, *_shorter(surface, surfaces)]:
            verdict = check(scan, s, s + len(cand), cand)
            if verdict == ACCEPT:
                found.append((s, s + len(cand), surfaces[cand]))
                break
            if verdict == LIST:
                pending.append((s, s + len(cand), surfaces[cand]))
                break
    if pending:
        found.extend(resolve_lists(scan, found, pending))
    if "(" in scan:
        found.extend(_bracketed(scan, regex, surfaces))
    found.sort(key=lambda x: (x[0] - x[1], x[0]))
    taken = bytearray(len(text))
    chosen = []
    for s, e, entry in found:
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append(Mention(entry.kind, entry.id, entry.name_zh, entry.name_en, text[s:e], s, e))
    chosen.sort(key=lambda m: m.start)
    return chosen
