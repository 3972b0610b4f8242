"""The work-theme taxonomy, loaded from the package's ``resources/taxonomy.json``.

The 13 themes of taxonomy version 1 are the label set of the classifier.  Theme ids are
part of the stable API; the Chinese name is only for display.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from .exceptions import UnknownThemeError

__all__ = [
    "Theme", "THEMES", "THEME_IDS", "TAXONOMY_VERSION", "UnknownThemeError", "get_theme",
]


@dataclass(frozen=True)
class Theme:
    """One work theme of the taxonomy (an immutable record).

    Attributes
    ----------
    id : str
        Stable identifier used by the API and data files, e.g. ``"security"``.
    name_zh, name_en : str
        Chinese and English display names.
    definition : str
        What the theme covers.
    cues : tuple of str
        Typical cue words.  Cue words do not decide a label on their own.
    boundary : str
        The taxonomy's boundary rule for this theme ("" if none).
    version : int
        Taxonomy version the record comes from.
    """

    id: str
    name_zh: str
    name_en: str
    definition: str
    cues: tuple[str, ...]
    boundary: str
    version: int

    def __repr__(self) -> str:
        return f"Theme({self.id!r}, {self.name_zh!r}, {self.name_en!r})"


def _load() -> tuple[int, tuple[Theme, ...]]:
    raw = json.loads(
        resources.files("cyberreport.resources").joinpath("taxonomy.json").read_text("utf-8")
    )
    version = int(raw["version"])
    themes = tuple(
        Theme(
            id=t["id"],
            name_zh=t["name_zh"],
            name_en=t["name_en"],
            definition=t["definition"],
            cues=tuple(t["cues"]),
            boundary=t.get("boundary", ""),
            version=version,
        )
        for t in raw["themes"]
    )
    return version, themes


TAXONOMY_VERSION, THEMES = _load()
THEME_IDS: tuple[str, ...] = tuple(t.id for t in THEMES)
_BY_ID = {t.id: t for t in THEMES}


def get_theme(theme_id: str) -> Theme:
    """Return the theme with id ``theme_id``.

    Parameters
    ----------
    theme_id : str
        A theme id such as ``"security"``.

    Returns
    -------
    Theme

    Raises
    ------
    UnknownThemeError
        If no theme has this id (a subclass of ``KeyError``); the message names it
        and lists the valid ids.
    TypeError
        If ``theme_id`` is not a ``str``.

    Examples
    --------
    >>> get_theme("security").name_zh
    '网络安全'
    """
    if not isinstance(theme_id, str):
        raise TypeError(f"theme_id must be a str, got {type(theme_id).__name__}")
    try:
        return _BY_ID[theme_id]
    except KeyError:
        raise UnknownThemeError(
            f"unknown theme id {theme_id!r}; valid ids are: {', '.join(THEME_IDS)}"
        ) from None
