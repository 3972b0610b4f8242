"""Segmentation engines (rjieba, jieba) behind the tokenizer, shared through a bounded
cache, and cutting around spans that must stay whole."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

__all__ = ["get_backend", "rjieba_available", "cut_around", "JIEBA_BLOCK_RE", "MAX_BACKENDS",
           "WINDOW", "window_bounds", "cut_in_windows", "PROTECTED_RE", "protected_token"]

#: What the tokenizer keeps whole: book titles in 《》 and short quoted names.
PROTECTED_RE = re.compile(
    r"《(?P<title>[^《》\s]{1,40})》"
    r"|“(?P<quote>[^“”\s\W]{1,8})”"
    r'|"(?P<aquote>[^"\s\W]{1,8})"'
)


def protected_token(m: re.Match) -> str:
    """The token of a kept title or short quotation: its text without the marks."""
    return m.group("title") or m.group("quote") or m.group("aquote")

# Frequency given to domain words: high enough that jieba's maximum-probability path
# always keeps a domain word whole when it occurs, as in jieba's own suggest_freq.
_DOMAIN_FREQ = 10_000_000
# jieba (and jieba-rs) split text into blocks of these characters before looking words
# up, so a dictionary word with any other character (the dash of 中国—东盟信息港, a
# space) can never come out of the backend whole; Tokenizer cuts around such words.
JIEBA_BLOCK_RE = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")


def _cache_dir() -> Path:
    env = os.environ.get("CYBERREPORT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cyberreport"


@contextlib.contextmanager
def _quiet_jieba():
    """Import jieba without its import-time warnings and silence its 'Building prefix
    dict' log lines, restoring the logger's level afterwards (the user's own jieba
    logging is unchanged)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba  # noqa: F401  (sets its logger to DEBUG on first import)
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class _RJiebaBackend:
    name = "rjieba"

    def __init__(self, words: Sequence[tuple[str, str | None]], hmm: bool):
        import rjieba

        self._jieba = rjieba.Jieba()
        for word, tag in words:
            self._jieba.add_word(word, _DOMAIN_FREQ, tag)
        self._hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, self._hmm)


class _JiebaBackend:
    name = "jieba"

    def __init__(self, words: Sequence[tuple[str, str | None]], hmm: bool):
        with _quiet_jieba():
            import jieba

            tok = jieba.Tokenizer()  # a private instance, never jieba.dt
            cache = _cache_dir()
            try:
                cache.mkdir(parents=True, exist_ok=True)
                tok.tmp_dir = str(cache)
            except OSError:  # unwritable home: jieba falls back to the temp dir
                pass
            tok.initialize()
            for word, tag in words:
                tok.add_word(word, _DOMAIN_FREQ, tag)
        self._tok = tok
        self._hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._tok.lcut(text, HMM=self._hmm)


def rjieba_available() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True


# Backends by (engine, word list, hmm), least recently used first.  Each costs ~25 MB
# (jieba's dictionary plus the domain words), so only a few are kept: a tokenizer holds
# on to its own backend while it lives, and one with other words (add_words, a user
# dictionary) builds a new one when its backend was evicted.
MAX_BACKENDS = 2
_BACKENDS: OrderedDict = OrderedDict()
_BACKENDS_LOCK = threading.Lock()


def get_backend(kind: str, words: tuple[tuple[str, str | None], ...], hmm: bool):
    """The segmenter backend of a configuration: built once, shared while it is among
    the ``MAX_BACKENDS`` most recently used."""
    key = (kind, words, hmm)
    with _BACKENDS_LOCK:
        backend = _BACKENDS.get(key)
        if backend is not None:
            _BACKENDS.move_to_end(key)
            return backend
        cls = _RJiebaBackend if kind == "rjieba" else _JiebaBackend
        backend = cls(words, hmm)
        _BACKENDS[key] = backend
        while len(_BACKENDS) > MAX_BACKENDS:
            _BACKENDS.popitem(last=False)
    return backend


def cut_around(pattern, cut, text: str, token=re.Match.group) -> list[str]:
    """``cut(text)``, except that every match of ``pattern`` is one token
    (``token(match)``, by default the matched text)."""
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.extend(cut(text[pos:m.start()]))
        out.append(token(m))
        pos = m.end()
    if pos == 0:
        return cut(text)
    if pos < len(text):
        out.extend(cut(text[pos:]))
    return out


# -- long texts ------------------------------------------------------------------------
#: Characters the segmenter is given at once from a long text (a text of more than twice
#: as many is cut window by window; memory then grows with the window, not the text).
WINDOW = 100_000
_SENTENCE_ENDS = "。！？；"
_REACH = 200  # longer than any match of the patterns a window may not cut


def window_bounds(text: str, size: int, crossing=lambda: ()):
    """``(start, end)`` of the windows of a long normalised text: each at most ``size``
    characters, ending just after a sentence end (。！？；) where no match of the
    ``crossing()`` patterns spans the cut, so that the tokens are those of the whole
    text; a window with no such place (a run of ``size`` characters without a sentence
    end) is cut at ``size``.

    Examples
    --------
    >>> list(window_bounds("甲乙。丙丁。戊己。", 4))
    [(0, 3), (3, 6), (6, 9)]
    """
    n = len(text)
    patterns = None
    start = 0
    while n - start > size:
        end = start + size
        cut = None
        lo = start + size // 2
        while cut is None:
            pos = max(text.rfind(c, lo, end) for c in _SENTENCE_ENDS)
            if pos < 0:
                break
            if patterns is None:
                patterns = list(crossing())
            p = pos + 1
            if not any(m.start() < p < m.end() for rx in patterns
                       for m in rx.finditer(text, max(0, p - _REACH), min(n, p + _REACH))):
                cut = p
            end = pos
        cut = cut or start + size
        yield start, cut
        start = cut
    if start < n:
        yield start, n


def cut_in_windows(text: str, cut, crossing) -> list[str]:
    """``cut`` applied to the :func:`window_bounds` windows of a long text, the tokens
    joined; one string object per distinct token, so that a long text's tokens share
    their memory.

    Examples
    --------
    >>> cut_in_windows("甲乙。丙丁。", list, lambda: ())
    ['甲', '乙', '。', '丙', '丁', '。']
    """
    canon: dict[str, str] = {}
    out: list[str] = []
    for a, b in window_bounds(text, WINDOW, crossing):
        out += [canon.setdefault(t, t) for t in cut(text[a:b])]
    return out
