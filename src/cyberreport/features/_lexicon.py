"""The theme lexicon: the bundled cue terms and patterns of each theme, and matchers for
them."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

__all__ = ["theme_lexicon", "lexicon_theme", "lexicon_matcher", "pattern_matchers", "MARKER_PREFIX"]


@lru_cache(maxsize=1)
def theme_lexicon() -> MappingProxyType:
    """The bundled theme lexicon as a read-only mapping of lexicon keys -> terms.

    A theme's strong terms are under its id (``"security"``), its weak terms under
    ``"<id>/weak"``, its patterns under ``"<id>/pattern"``; :func:`lexicon_theme` maps a
    key back to its theme.  Markers, features of no theme, are under
    ``"@<name>/pattern"``: ``"@online"`` finds an internet, information or data element
    in a sentence (the taxonomy's boundary decision 13: every theme needs one).
    """
    raw = json.loads(
        resources.files("cyberreport.resources").joinpath("theme_lexicon.json").read_text("utf-8")
    )
    out: dict[str, tuple[str, ...]] = {}
    for theme, tiers in raw["themes"].items():
        out[theme] = tuple(tiers["strong"])
        out[theme + "/weak"] = tuple(tiers["weak"])
    for theme, patterns in raw.get("patterns", {}).items():
        out[theme + "/pattern"] = tuple(patterns)
    for name, patterns in raw.get("markers", {}).items():
        out[MARKER_PREFIX + name + "/pattern"] = tuple(patterns)
    return MappingProxyType(out)


#: Lexicon keys of markers (features that belong to no theme) start with this prefix.
MARKER_PREFIX = "@"


def lexicon_theme(key: str) -> str:
    """The theme of a lexicon key (``"security/weak"`` -> ``"security"``)."""
    return key.split("/", 1)[0]


def lexicon_matcher(lexicon: dict[str, Sequence[str]]):
    """Return ``(regex, term -> lexicon keys)`` matching lexicon terms, longest first.

    Keys ending in ``/pattern`` hold regular expressions, which are matched separately
    (see :func:`pattern_matchers`)."""
    owners: dict[str, list[str]] = {}
    for key, terms in lexicon.items():
        if key.endswith("/pattern"):
            continue
        for term in terms:
            if len(term) >= 2:  # single characters are too ambiguous to count as hits
                owners.setdefault(term, []).append(key)
    pattern = "|".join(re.escape(t) for t in sorted(owners, key=lambda t: (-len(t), t)))
    return re.compile(pattern) if pattern else None, {t: tuple(v) for t, v in owners.items()}


def pattern_matchers(lexicon: dict[str, Sequence[str]]) -> list[tuple[str, re.Pattern]]:
    """Compiled ``(theme, regex)`` pairs of the lexicon's ``/pattern`` keys."""
    return [
        (lexicon_theme(key), re.compile(p))
        for key, patterns in lexicon.items() if key.endswith("/pattern")
        for p in patterns
    ]
