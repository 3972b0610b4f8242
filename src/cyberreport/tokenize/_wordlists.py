"""The bundled word lists: the domain dictionary and the stop-words, and the reader of
jieba-style word lists."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..text import normalize

__all__ = ["domain_words", "stopwords", "generic_words", "read_wordlist", "resource_text",
           "compounds"]


def read_wordlist(text: str, source: str) -> list[tuple[str, str | None]]:
    """Parse a jieba-style word list: ``word [freq] [tag]`` per line, ``#`` comments."""
    out: list[tuple[str, str | None]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = normalize(parts[0])
        tag = None
        for extra in parts[1:]:
            if not extra.isdigit():
                tag = extra
        if not word:
            raise ValueError(f"{source}, line {lineno}: empty word")
        out.append((word, tag))
    return out


def resource_text(name: str) -> str:
    return resources.files("cyberreport.resources").joinpath(name).read_text("utf-8")


def domain_words() -> tuple[str, ...]:
    """Return the words of the bundled domain dictionary, in file order.

    Examples
    --------
    >>> "网信办" in domain_words()
    True
    """
    return tuple(w for w, _ in read_wordlist(resource_text("domain_dict.txt"), "domain_dict.txt"))


def stopwords() -> frozenset[str]:
    """Return the bundled stop-word list (see ``resources/stopwords.txt`` for its groups).

    Examples
    --------
    >>> "的" in stopwords()
    True
    """
    return frozenset(w for w, _ in read_wordlist(resource_text("stopwords.txt"), "stopwords.txt"))


@lru_cache(maxsize=1)
def compounds() -> dict[str, tuple[str, ...]]:
    """The bundled compounds and the analyst's terms they are made of
    (``resources/compounds.txt``): ``{"清朗系列专项行动": ("清朗", "系列", "专项行动"), …}``.

    Examples
    --------
    >>> compounds()["省委网信办"]
    ('省委', '网信办')
    """
    out: dict[str, tuple[str, ...]] = {}
    for lineno, line in enumerate(resource_text("compounds.txt").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, *parts = (normalize(x) for x in line.split())
        if len(parts) < 2 or "".join(parts) != word:
            raise ValueError(f"compounds.txt, line {lineno}: the parts of {word!r} must join "
                             "to it")
        out[word] = tuple(parts)
    return out


def generic_words() -> frozenset[str]:
    """Return the words that describe no subject (``resources/generic_words.txt``).

    Keywords and the terms that describe a topic leave them out (and the stop-words); the
    tokenizer, the classifier and the clustering keep them.

    Examples
    --------
    >>> {"来自", "契机", "提出"} <= generic_words()
    True
    >>> "网信办" in generic_words()
    False
    """
    return frozenset(w for w, _ in read_wordlist(resource_text("generic_words.txt"),
                                                  "generic_words.txt"))
