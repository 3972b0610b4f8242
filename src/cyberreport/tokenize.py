"""Domain-aware word segmentation for 网信 texts.

:class:`Tokenizer` cuts normalised text with jieba's dictionary and algorithm plus
cyberreport's domain dictionary (``resources/domain_dict.txt``, office names, campaigns,
platforms and fixed terms), keeps book titles in 《》 and short quoted brand names whole,
and drops punctuation, whitespace and (optionally) stop-words and numbers.

Backends
--------
``rjieba`` (the jieba-rs binding, a runtime dependency) is used when it can be imported:
it implements jieba's algorithm and ships jieba's dictionary; ``Tokenizer().cut`` on it is
about 9× faster than ``jieba.lcut`` (``benchmarks/bench_tokenize.py``).
Plain ``jieba`` is the fallback (``backend="jieba"`` forces it).  Either way the backend
is a private instance: jieba's global default tokenizer (what ``jieba.lcut`` uses) is
never touched.  The jieba backend keeps its dictionary cache under
``$XDG_CACHE_HOME/cyberreport`` (``~/.cache/cyberreport``), or ``CYBERREPORT_CACHE_DIR``.

Dictionaries load lazily, once per configuration, under a lock: ``import cyberreport``
loads none, and a :class:`Tokenizer` pickles without its backend (a worker process
rebuilds it on first use).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import warnings
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from importlib import resources
from pathlib import Path

from ._validation import check_str as _check_str
from .text import normalize

__all__ = ["Tokenizer", "domain_words", "stopwords"]

NUM_TOKEN = "<NUM>"
# Frequency given to domain words: high enough that jieba's maximum-probability path
# always keeps a domain word whole when it occurs, as in jieba's own suggest_freq.
_DOMAIN_FREQ = 10_000_000
_PROTECTED_RE = re.compile(
    r"《(?P<title>[^《》\s]{1,40})》"
    r"|“(?P<quote>[^“”\s\W]{1,8})”"
    r'|"(?P<aquote>[^"\s\W]{1,8})"'
)
_WORD_CHAR_RE = re.compile(r"[\w\u3400-\u9fff+#]")
_QUANTITY = "万亿千百余多个家条件次名人年月日号起项所户村座台套"
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_NUMBER_RE = re.compile(rf"^[0-9]+(?:[.,][0-9]+)*%?[{_QUANTITY}]*$")
# A measure-word fragment that jieba cuts off after a number ("11000" + "余条").
_QUANTITY_RE = re.compile(rf"^[{_QUANTITY}]+$")
# A number written with thousands separators reaches us as several tokens ("3", ",",
# "500"): a head of one to three digits, then "," and a group of three digits, repeated
# (only the last group may carry decimals, "%" or measure words).
_HEAD_RE = re.compile(r"^[0-9]{1,3}$")
_GROUP_RE = re.compile(rf"^[0-9]{{3}}(?:\.[0-9]+)?%?[{_QUANTITY}]*$")


def _number_end(toks, i: int) -> int:
    """The index after the number that starts at ``toks[i]``, its thousands groups
    included (``["3", ",", "500", "个"]`` at 0 -> 3)."""
    j = i + 1
    if _HEAD_RE.match(toks[i]):
        n = len(toks)
        while j + 1 < n and toks[j] == "," and _GROUP_RE.match(toks[j + 1]):
            j += 2
            if len(toks[j - 1]) != 3:  # decimals, % or a measure word end the number
                break
    return j
# jieba (and jieba-rs) split text into blocks of these characters before looking words
# up, so a dictionary word with any other character (the dash of 中国—东盟信息港, a
# space) can never come out of the backend whole; Tokenizer cuts around such words.
_JIEBA_BLOCK_RE = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")


def _read_wordlist(text: str, source: str) -> list[tuple[str, str | None]]:
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


def _resource_text(name: str) -> str:
    return resources.files("cyberreport.resources").joinpath(name).read_text("utf-8")


def domain_words() -> tuple[str, ...]:
    """Return the words of the bundled domain dictionary, in file order.

    Examples
    --------
    >>> "网信办" in domain_words()
    True
    """
    return tuple(w for w, _ in _read_wordlist(_resource_text("domain_dict.txt"), "domain_dict.txt"))


def stopwords() -> frozenset[str]:
    """Return the bundled stop-word list (see ``resources/stopwords.txt`` for its groups).

    Examples
    --------
    >>> "的" in stopwords()
    True
    """
    return frozenset(w for w, _ in _read_wordlist(_resource_text("stopwords.txt"), "stopwords.txt"))


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


def _rjieba_available() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True


_BACKENDS: dict[tuple, object] = {}
_BACKENDS_LOCK = threading.Lock()


def _get_backend(kind: str, words: tuple[tuple[str, str | None], ...], hmm: bool):
    """Build (once per process and configuration) and return a segmenter backend."""
    key = (kind, words, hmm)
    backend = _BACKENDS.get(key)
    if backend is None:
        with _BACKENDS_LOCK:
            backend = _BACKENDS.get(key)
            if backend is None:
                cls = _RJiebaBackend if kind == "rjieba" else _JiebaBackend
                backend = cls(words, hmm)
                _BACKENDS[key] = backend
    return backend


class Tokenizer:
    """Domain-aware Chinese word segmenter for 网信 texts.

    Parameters
    ----------
    stopwords : bool, default=True
        Drop the bundled stop-words (and any added with :meth:`add_stopwords`).
    numbers : {"keep", "fold", "drop"}, default="keep"
        What to do with numbers and quantities such as ``2016``, ``3.4万``, ``177家``:
        keep them, replace each by the placeholder ``"<NUM>"``, or drop them.
    keep_punct : bool, default=False
        Keep punctuation and whitespace tokens (as ``jieba.lcut`` does).
    keep_titles : bool, default=True
        Keep a book title 《…》 as one token (without the brackets), and a short quoted
        name “…” (up to 8 characters, no punctuation) as one token.
    user_dict : str or Path, optional
        A jieba-format user dictionary (``word [freq] [tag]`` per line) whose words are
        added to the domain dictionary.
    backend : {"auto", "rjieba", "jieba"}, default="auto"
        Segmentation engine; ``"auto"`` uses rjieba when importable, else jieba.
    hmm : bool, default=True
        Use jieba's HMM for words not in the dictionary.

    Examples
    --------
    >>> tok = Tokenizer()
    >>> tok.cut("加强关键信息基础设施安全保护，网信办推进“两微一端”建设")
    ['关键信息基础设施', '安全', '保护', '网信办', '两微一端', '建设']
    """

    def __init__(
        self,
        stopwords: bool = True,
        numbers: str = "keep",
        keep_punct: bool = False,
        keep_titles: bool = True,
        user_dict: str | os.PathLike | None = None,
        backend: str = "auto",
        hmm: bool = True,
    ):
        if numbers not in ("keep", "fold", "drop"):
            raise ValueError(f"numbers must be 'keep', 'fold' or 'drop', got {numbers!r}")
        if backend not in ("auto", "rjieba", "jieba"):
            raise ValueError(f"backend must be 'auto', 'rjieba' or 'jieba', got {backend!r}")
        self.stopwords = bool(stopwords)
        self.numbers = numbers
        self.keep_punct = bool(keep_punct)
        self.keep_titles = bool(keep_titles)
        self.user_dict = user_dict
        self.backend = backend
        self.hmm = bool(hmm)
        self._extra_words: list[tuple[str, str | None]] = []
        self._extra_stopwords: set[str] = set()
        self._words: tuple[tuple[str, str | None], ...] | None = None
        self._stop: frozenset[str] | None = None
        self._glued: tuple | None = None
        self._backend_cache: tuple | None = None  # (key..., backend); never pickled
        self._lock = threading.Lock()

    # -- configuration -------------------------------------------------------------
    def add_words(self, words: Iterable[str]) -> "Tokenizer":
        """Add words that must be kept as one token; returns ``self``.

        Examples
        --------
        >>> Tokenizer().add_words(["网信e家"]).cut("上线网信e家平台")
        ['上线', '网信e家', '平台']
        """
        if isinstance(words, str):
            raise TypeError("words must be an iterable of str, not a single str")
        new = []
        for i, w in enumerate(words):
            if not isinstance(w, str):
                raise TypeError(f"words[{i}] must be a str, got {type(w).__name__}")
            w = normalize(w)
            if w:
                new.append((w, None))
        with self._lock:
            self._extra_words.extend(new)
            self._words = None
            self._stop = None  # added words are never stop-words
        return self

    def add_stopwords(self, words: Iterable[str]) -> "Tokenizer":
        """Add stop-words (dropped when ``stopwords=True``); returns ``self``."""
        if isinstance(words, str):
            raise TypeError("words must be an iterable of str, not a single str")
        words = list(words)  # iterated twice below: an iterator would be used up
        for i, w in enumerate(words):
            if not isinstance(w, str):
                raise TypeError(f"words[{i}] must be a str, got {type(w).__name__}")
        with self._lock:
            self._extra_stopwords.update(normalize(w) for w in words)
            self._stop = None
        return self

    @property
    def backend_name(self) -> str:
        """The engine in use: ``"rjieba"`` or ``"jieba"``."""
        if self.backend == "auto":
            return "rjieba" if _rjieba_available() else "jieba"
        return self.backend

    def _word_list(self) -> tuple[tuple[str, str | None], ...]:
        words = self._words
        if words is None:
            with self._lock:
                if self._words is None:
                    items = _read_wordlist(_resource_text("domain_dict.txt"), "domain_dict.txt")
                    if self.user_dict is not None:
                        path = Path(self.user_dict)
                        try:
                            text = path.read_text("utf-8")
                        except OSError as exc:
                            raise OSError(f"cannot read user_dict {str(path)!r}: {exc}") from exc
                        items += _read_wordlist(text, str(path))
                    items += self._extra_words
                    self._words = tuple(dict.fromkeys(items))
                words = self._words
        return words

    def _stop_set(self) -> frozenset[str]:
        stop = self._stop
        if stop is None:
            # outside the lock: _word_list() takes the (non-reentrant) lock itself
            domain = {w for w, _ in self._word_list()}
            with self._lock:
                if self.stopwords:
                    stop = frozenset((stopwords() | self._extra_stopwords) - domain)
                else:  # stopwords=False keeps everything, added stop-words too
                    stop = frozenset()
                self._stop = stop
        return stop

    def _glued_re(self, words: tuple[tuple[str, str | None], ...]):
        """A regex matching the vocabulary words the backend cannot keep whole (see
        ``_JIEBA_BLOCK_RE``), longest first; ``None`` if there are none."""
        cached = getattr(self, "_glued", None)
        if cached is not None and cached[0] is words:
            return cached[1]
        special = sorted({w for w, _ in words if not _JIEBA_BLOCK_RE.fullmatch(w)},
                         key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, special))) if special else None
        self._glued = (words, pattern)
        return pattern

    def _backend_for(self, words: tuple[tuple[str, str | None], ...]):
        """``_get_backend(...)`` for this tokenizer, remembered on the instance so that a
        call does not hash the word list again (the module cache is keyed by it)."""
        cached = self._backend_cache
        if (
            cached is not None and cached[0] is words and cached[1] is _BACKENDS
            and cached[2] == self.backend and cached[3] == self.hmm
        ):
            return cached[4]
        backend = _get_backend(self.backend_name, words, self.hmm)
        self._backend_cache = (words, _BACKENDS, self.backend, self.hmm, backend)
        return backend

    def _token_ids(self, ids: dict[str, int]):
        """A function ``f(text) -> list[int]`` equal to
        ``[ids[t] for t in self.cut(text) if t in ids]`` (for ids >= 0, such as feature
        indices); its attribute ``batch`` is a
        function ``g(texts) -> (counts, flat)`` giving the same ids for many texts at
        once (``counts[i]`` ids of text ``i``, then ``flat``: all of them, concatenated).

        Private fast path of the feature extraction, for tokenizers that keep neither
        titles nor punctuation: the backend's tokens are looked up in ``ids`` filtered
        once by the stop-word and punctuation rules of :meth:`cut`, and the number rules
        (a number token becomes ``<NUM>`` or is dropped, with the measure words after it)
        run only where there is an ASCII digit.  ``batch`` normalises and cuts the texts
        joined by U+E000, a private-use character that normalisation leaves alone, that
        is neither whitespace nor a "Chinese" neighbour for the punctuation rule, and that
        the backend always cuts off as a token of its own: the texts' tokens do not
        change (texts that contain it are cut one by one).  The functions hold no backend
        (they look it up per call) and are not meant to be pickled.
        """
        if self.keep_titles or self.keep_punct:
            def slow(text: str) -> list[int]:
                return [i for i in map(ids.get, self.cut(text)) if i is not None]
            slow.batch = lambda texts: _flatten([slow(t) for t in texts])
            return slow
        numbers = self.numbers
        num_id = ids.get(NUM_TOKEN) if numbers == "fold" else None
        number = _NUMBER_RE.match
        quantity = _QUANTITY_RE.match
        has_digit = _ASCII_DIGIT_RE.search
        # (word list, stop set) the state below was made for; backend cut; filtered ids
        unset = object()
        state: list = [unset, unset, None, None]

        def refresh():
            if state[0] is self._words and state[1] is self._stop:
                return
            words = self._word_list()
            stop = self._stop_set()
            backend = self._backend_for(words)
            glued = self._glued_re(words)
            if glued is None:
                state[2] = backend.cut
            else:
                # A word the backend cannot keep whole has a character outside its
                # blocks; a text with none of those characters has none of them.
                marks = re.compile("[" + "".join(sorted({
                    re.escape(c) for w, _ in words if not _JIEBA_BLOCK_RE.fullmatch(w)
                    for c in w if not _JIEBA_BLOCK_RE.match(c)
                })) + "]")

                def cut(part, _cut=backend.cut, _glued=glued, _marks=marks.search):
                    if _marks(part) is None:
                        return _cut(part)
                    return _cut_around(_glued, _cut, part)
                state[2] = cut
            keep = {
                t: i for t, i in ids.items()
                if t not in stop and (t.isalnum() or _WORD_CHAR_RE.search(t))
            }
            keep[_BATCH_SEP] = -2
            state[3] = keep
            state[0], state[1] = words, stop

        def numbers_rule(toks, found, text, missing, starting=None):
            # The number rules of cut(), in id space: a number token (it starts with a
            # digit) becomes <NUM> or nothing, and so do the measure words after it.
            if numbers == "keep" or not has_digit(text):
                return
            n = len(toks)
            if starting is None:
                starting = [i for i, t in enumerate(toks) if "0" <= t[:1] <= "9"]
            done = 0  # tokens before this index belong to a number already folded
            for i in starting:
                if i >= done and number(toks[i]):
                    found[i] = missing if num_id is None else num_id
                    done = _number_end(toks, i)
                    for j in range(i + 1, done):
                        found[j] = missing
                    j = done
                    while j < n and quantity(toks[j]):
                        found[j] = missing
                        j += 1

        def lookup(text: str) -> list[int]:
            text = normalize(text)
            if not text:
                return []
            refresh()
            toks = state[2](text)
            found = list(map(state[3].get, toks))
            numbers_rule(toks, found, text, None)
            return [i for i in found if i is not None and i >= 0]

        def batch(texts):
            import numpy as np

            texts = list(texts)
            if not texts or any(_BATCH_SEP in t for t in texts):
                return _flatten([lookup(t) for t in texts])
            text = normalize(_BATCH_SEP.join(texts))
            refresh()
            toks = state[2](text)
            found = np.fromiter(map(state[3].get, toks, repeat(-1)), dtype=np.int64,
                                count=len(toks))
            starting = None
            if numbers != "keep" and has_digit(text):
                # the tokens that start with a digit, from the digits' positions
                ends = np.cumsum(np.fromiter(map(len, toks), dtype=np.int64, count=len(toks)))
                if len(ends) and ends[-1] == len(text):  # the tokens tile the text
                    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"),
                                       dtype=np.uint32)
                    digits = np.flatnonzero((cp >= 48) & (cp <= 57))
                    first = np.concatenate(([0], ends[:-1]))
                    at = np.searchsorted(first, digits)
                    ok = at < len(first)
                    at = at[ok]
                    starting = np.unique(at[first[at] == digits[ok]]).tolist()
            numbers_rule(toks, found, text, -1, starting)
            sep = found == -2
            if int(sep.sum()) != len(texts) - 1:  # (never seen) one by one, to be sure
                return _flatten([lookup(t) for t in texts])
            row = np.cumsum(sep)
            kept = found >= 0
            return np.bincount(row[kept], minlength=len(texts)), found[kept]

        lookup.batch = batch
        return lookup

    def vocabulary(self) -> frozenset[str]:
        """The words this tokenizer keeps whole: the domain dictionary, the user
        dictionary and the added words."""
        return frozenset(w for w, _ in self._word_list())

    # -- cutting -------------------------------------------------------------------
    def _segment(self, text: str, backend, glued=None) -> list[str]:
        cut = backend.cut
        if glued is not None:
            def cut(part, _cut=backend.cut):
                return _cut_around(glued, _cut, part)
        if not self.keep_titles:
            return cut(text)
        return _cut_around(_PROTECTED_RE, cut, text, _protected_token)

    def cut(self, text: str) -> list[str]:
        """Cut ``text`` (normalised first) into a list of tokens.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str

        Raises
        ------
        TypeError
            If ``text`` is not a ``str``.

        Examples
        --------
        >>> Tokenizer(numbers="fold").cut("删除有害信息11000余条")
        ['删除', '有害信息', '<NUM>']
        """
        _check_str(text)
        text = normalize(text)
        if not text:
            return []
        words = self._word_list()
        backend = self._backend_for(words)
        glued = self._glued_re(words)
        stop = self._stop_set()
        numbers = self.numbers
        keep_punct = self.keep_punct
        word_char = _WORD_CHAR_RE.search
        number = _NUMBER_RE.match
        quantity = _QUANTITY_RE.match
        out = []
        after_number = False
        toks = self._segment(text, backend, glued)
        done = 0  # tokens before this index belong to a number already folded
        for i, tok in enumerate(toks):
            if i < done:
                continue
            if numbers != "keep":
                if after_number and quantity(tok):
                    continue  # the measure word of the number just folded or dropped
                after_number = number(tok) is not None
                if after_number:
                    done = _number_end(toks, i)  # with its thousands groups
                    if numbers == "fold":
                        out.append(NUM_TOKEN)
                    continue
            if tok in stop:
                continue
            if not keep_punct and not tok.isalnum() and not word_char(tok):
                continue
            out.append(tok)
        return out

    def cut_many(self, texts: Iterable[str], n_jobs: int | None = None) -> list[list[str]]:
        """Cut many texts; the result equals ``[self.cut(t) for t in texts]``.

        Parameters
        ----------
        texts : iterable of str
        n_jobs : int, optional
            Worker processes (joblib); ``None`` or ``1`` cuts in this process, ``-1``
            uses all cores.

        Examples
        --------
        >>> Tokenizer().cut_many(["网信办", "两微一端"])
        [['网信办'], ['两微一端']]
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, not a single str")
        texts = list(texts)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] must be a str, got {type(t).__name__}")
        if n_jobs in (None, 1) or len(texts) < 2:
            return [self.cut(t) for t in texts]
        from joblib import Parallel, delayed, effective_n_jobs

        n = effective_n_jobs(n_jobs)
        size = max(1, -(-len(texts) // (n * 4)))
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        parts = Parallel(n_jobs=n)(delayed(_cut_chunk)(self, c) for c in chunks)
        return [toks for part in parts for toks in part]

    # -- pickling ------------------------------------------------------------------
    def __getstate__(self):
        state = self.__dict__.copy()
        state["_lock"] = None
        state["_backend_cache"] = None  # a worker process builds its own backend
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._backend_cache = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"Tokenizer(stopwords={self.stopwords}, numbers={self.numbers!r}, "
            f"keep_punct={self.keep_punct}, keep_titles={self.keep_titles}, "
            f"backend={self.backend!r})"
        )

    def get_config(self) -> dict:
        """The tokenizer's configuration as JSON-ready data (used by model files)."""
        return {
            "stopwords": self.stopwords,
            "numbers": self.numbers,
            "keep_punct": self.keep_punct,
            "keep_titles": self.keep_titles,
            "hmm": self.hmm,
            "extra_words": [w for w, _ in self._extra_words],
            "extra_stopwords": sorted(self._extra_stopwords),
        }


# Joins the texts of Tokenizer._token_ids(...).batch (see there).
_BATCH_SEP = "\ue000"


def _flatten(per_text: list[list[int]]):
    import numpy as np

    counts = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
    flat = np.fromiter(chain.from_iterable(per_text), dtype=np.int64, count=int(counts.sum()))
    return counts, flat


def _protected_token(m: re.Match) -> str:
    """The token of a kept title or short quotation: its text without the marks."""
    return m.group("title") or m.group("quote") or m.group("aquote")


def _cut_around(pattern, cut, text: str, token=re.Match.group) -> list[str]:
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


def _cut_chunk(tok: Tokenizer, texts: list[str]) -> list[list[str]]:
    return [tok.cut(t) for t in texts]
