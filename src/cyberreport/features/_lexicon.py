"""The theme lexicon: the bundled cue terms and patterns of each theme, and matchers for
them."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

__all__ = ["theme_lexicon", "lexicon_theme", "lexicon_matcher", "pattern_matchers", "MARKER_PREFIX",
           "pattern_problem", "MAX_PATTERN_COST"]


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


# -- safe patterns ----------------------------------------------------------------------
#: The largest bound of a repeat (``{0,20}``) in a lexicon pattern.
MAX_REPEAT = 100
#: The most steps a lexicon pattern may try from one position of a text (the product of
#: its repeats' bounds and alternatives; the bundled patterns need about 6,000).
MAX_PATTERN_COST = 20_000
MAX_PATTERN_LENGTH = 10_000


def pattern_problem(pattern) -> str | None:
    """Why ``pattern`` may not be a lexicon pattern, or ``None`` when it is safe.

    A lexicon pattern is a regular expression the matcher runs in time linear in the
    text: literals, character classes, groups and alternatives, and repeats of one
    character (or class) with an upper bound of at most :data:`MAX_REPEAT` — no ``*``,
    ``+`` or ``{n,}``, no repeated group, no back-reference or look-around — whose steps
    from one position (repeat bounds times alternatives) stay under
    :data:`MAX_PATTERN_COST`.  Such a pattern cannot backtrack catastrophically, whatever
    the text.

    Examples
    --------
    >>> pattern_problem("(制定|出台)[^。]{0,20}(办法|意见)") is None
    True
    >>> pattern_problem("(a+)+$")
    'an unbounded repeat (*, + or {n,}); use a bound such as {0,20}'
    """
    if not isinstance(pattern, str):
        return f"a pattern must be a string, got {type(pattern).__name__}"
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"longer than {MAX_PATTERN_LENGTH:,} characters"
    import re._constants as sre_constants  # the standard library engine's parser
    import re._parser as sre_parse

    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:
        return f"not a valid regular expression ({exc})"
    try:
        cost = _cost(parsed, sre_constants)
    except _Unsafe as exc:
        return str(exc)
    if cost > MAX_PATTERN_COST:
        return (f"may try {cost:,} steps from one position of a text (at most "
                f"{MAX_PATTERN_COST:,}); use smaller repeat bounds or fewer alternatives")
    return None


class _Unsafe(Exception):
    pass


def _cost(items, c) -> int:
    """Steps a sequence may try from one position: the product of its items' costs
    (``c``: the engine's constants)."""
    single = {c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN, c.CATEGORY}
    total = 1
    for op, av in items:
        if op in single or op == c.AT:
            step = 1
        elif op == c.SUBPATTERN:
            step = _cost(av[-1], c)
        elif op == c.BRANCH:
            step = sum(_cost(b, c) for b in av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, hi, body = av
            if hi is c.MAXREPEAT or hi > MAX_REPEAT:
                raise _Unsafe("an unbounded repeat (*, + or {n,}); use a bound such as {0,20}"
                              if hi is c.MAXREPEAT else f"a repeat bound above {MAX_REPEAT}")
            if len(body) != 1 or body[0][0] not in single:
                raise _Unsafe("a repeated group; only one character or class may repeat")
            step = hi + 1
        elif op in (c.GROUPREF, c.GROUPREF_EXISTS):
            raise _Unsafe("a back-reference")
        elif op in (c.ASSERT, c.ASSERT_NOT):
            raise _Unsafe("a look-ahead or look-behind")
        else:
            raise _Unsafe(f"an unsupported construct ({op})")
        total *= step
        if total > 10 * MAX_PATTERN_COST:
            return total
    return total
