"""The domain tokenizer: word segmentation for 网信 texts.

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

Granularity
-----------
By default (``granularity="term"``) the field's terms come out at the grain an analyst
counts them: 清朗, 护苗, 网络扶贫, 十四五, 态势感知, 网信办, 融媒体中心, 互联网+, 好网民 —
also where they are written inside a longer compound (清朗系列专项行动 → 清朗 / 系列 /
专项行动, 省委网信办 → 省委 / 网信办; the compounds and their parts are
``resources/compounds.txt``).  ``granularity="compound"`` keeps those compounds whole,
as cyberreport 0.1 did.  Names of one thing of their own (网络安全法, 网络安全宣传周,
微信公众号) are one token in both.  Words added with :meth:`Tokenizer.add_words` or a
``user_dict`` are never cut.

Dictionaries load lazily, once per configuration, under a lock: ``import cyberreport``
loads none, and a :class:`Tokenizer` pickles without its backend (a worker process
rebuilds it on first use).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path

from .._parallel import check_n_jobs, worker_task
from .._validation import check_str as _check_str
from ..text import normalize
from ._numbers import NUM_TOKEN, has_digit, number_runs
from ._segmenter import (JIEBA_BLOCK_RE, PROTECTED_RE, WINDOW, cut_around, cut_in_windows,
                         get_backend, protected_token, rjieba_available)
from ._wordlists import compounds, read_wordlist, resource_text, stopwords

__all__ = ["Tokenizer"]

_WORD_CHAR_RE = re.compile(r"[\w\u3400-\u9fff+#]")


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
    granularity : {"term", "compound"}, default="term"
        ``"term"``: a compound of the field's terms is cut into them (省委网信办 → 省委,
        网信办); ``"compound"``: it is one token (see the module documentation).

    Examples
    --------
    >>> tok = Tokenizer()
    >>> tok.cut("加强关键信息基础设施安全保护，网信办推进“两微一端”建设")
    ['关键信息基础设施', '安全', '保护', '网信办', '两微一端', '建设']
    >>> tok.cut("省委网信办开展清朗系列专项行动")
    ['省委', '网信办', '清朗', '系列', '专项行动']
    >>> Tokenizer(granularity="compound").cut("省委网信办开展清朗系列专项行动")
    ['省委网信办', '清朗系列专项行动']
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
        granularity: str = "term",
    ):
        if numbers not in ("keep", "fold", "drop"):
            raise ValueError(f"numbers must be 'keep', 'fold' or 'drop', got {numbers!r}")
        if backend not in ("auto", "rjieba", "jieba"):
            raise ValueError(f"backend must be 'auto', 'rjieba' or 'jieba', got {backend!r}")
        if granularity not in ("term", "compound"):
            raise ValueError(f"granularity must be 'term' or 'compound', got {granularity!r}")
        self.granularity = granularity
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
        self._split: tuple | None = None        # (word list, {compound: parts})
        self._backend_cache: tuple | None = None  # (key..., backend); never pickled
        self._gen = 0  # changes with every add_words / add_stopwords
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
            self._gen += 1
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
            self._gen += 1
        return self

    @property
    def backend_name(self) -> str:
        """The engine in use: ``"rjieba"`` or ``"jieba"``."""
        if self.backend == "auto":
            return "rjieba" if rjieba_available() else "jieba"
        return self.backend

    def _word_list(self) -> tuple[tuple[str, str | None], ...]:
        words = self._words
        if words is None:
            with self._lock:
                if self._words is None:
                    items = read_wordlist(resource_text("domain_dict.txt"), "domain_dict.txt")
                    if self.user_dict is not None:
                        path = Path(self.user_dict)
                        try:
                            text = path.read_text("utf-8")
                        except OSError as exc:
                            raise OSError(f"cannot read user_dict {str(path)!r}: {exc}") from exc
                        items += read_wordlist(text, str(path))
                    items += self._extra_words
                    self._words = tuple(dict.fromkeys(items))
                words = self._words
        return words

    def _stop_set(self) -> frozenset[str]:
        stop = self._stop
        if stop is None:
            gen = self._gen  # read before the word list: a change after it is seen below
            # outside the lock: _word_list() takes the (non-reentrant) lock itself
            domain = {w for w, _ in self._word_list()}
            with self._lock:
                if self.stopwords:
                    stop = frozenset((stopwords() | self._extra_stopwords) - domain)
                else:  # stopwords=False keeps everything, added stop-words too
                    stop = frozenset()
                if self._gen == gen:  # else words were added meanwhile: not kept, the
                    self._stop = stop  # next call computes the set again
        return stop

    def _glued_re(self, words: tuple[tuple[str, str | None], ...]):
        """A regex matching the vocabulary words the backend cannot keep whole (see
        ``JIEBA_BLOCK_RE``), longest first; ``None`` if there are none."""
        cached = getattr(self, "_glued", None)
        if cached is not None and cached[0] is words:
            return cached[1]
        special = sorted({w for w, _ in words if not JIEBA_BLOCK_RE.fullmatch(w)},
                         key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, special))) if special else None
        self._glued = (words, pattern)
        return pattern

    def _split_map(self, words) -> dict | None:
        """``{compound: parts}`` cut in term mode (never a word the user added), or
        ``None``."""
        cached = self._split
        if cached is not None and cached[0] is words:
            return cached[1]
        table = None
        if self.granularity == "term":
            table = getattr(self, "_state_compounds", None)
            if table is None:
                mine = {w for w, _ in self._extra_words}
                if self.user_dict is not None:
                    mine |= {w for w, _ in read_wordlist(Path(self.user_dict).read_text(
                        "utf-8"), str(self.user_dict))}
                table = {c: p for c, p in compounds().items() if c not in mine}
        self._split = (words, table or None)
        return table or None

    def _cutter(self, words):
        """The backend's cut, with compounds cut into terms in term mode."""
        backend = self._backend_for(words)
        table = self._split_map(words)
        if table is None:
            return backend.cut

        def cut(text, _cut=backend.cut, _get=table.get):
            out = []
            for tok in _cut(text):
                parts = _get(tok)
                if parts is None:
                    out.append(tok)
                else:
                    out.extend(parts)
            return out
        return cut

    def _backend_for(self, words: tuple[tuple[str, str | None], ...]):
        """The segmenter backend of this tokenizer's configuration, remembered on the
        instance: it stays usable while the tokenizer lives, even after the shared
        cache has dropped it, and a call does not hash the word list again."""
        cached = self._backend_cache
        if (cached is not None and cached[0] is words and cached[1] == self.backend
                and cached[2] == self.hmm):
            return cached[3]
        backend = get_backend(self.backend_name, words, self.hmm)
        self._backend_cache = (words, self.backend, self.hmm, backend)
        return backend

    def _token_ids(self, ids: dict[str, int]):
        """The feature extraction's fast path: a :class:`TokenIdCutter` for ``ids``."""
        from ._token_ids import TokenIdCutter

        return TokenIdCutter(self, ids)

    def vocabulary(self) -> frozenset[str]:
        """The words this tokenizer keeps whole: the domain dictionary (in term mode
        without the compounds it cuts), the user dictionary and the added words."""
        words = self._word_list()
        table = self._split_map(words) or {}
        return frozenset(w for w, _ in words if w not in table)

    # -- cutting -------------------------------------------------------------------
    def _segment(self, text: str, base_cut, glued=None) -> list[str]:
        cut = base_cut
        if glued is not None:
            def cut(part, _cut=base_cut):
                return cut_around(glued, _cut, part)
        if not self.keep_titles:
            return cut(text)
        return cut_around(PROTECTED_RE, cut, text, protected_token)

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
        if len(text) > 2 * WINDOW:
            return cut_in_windows(text, self._cut_normalized, self._crossing)
        return self._cut_normalized(text)

    def _crossing(self):
        """The patterns a window may not cut: kept titles and quotes, glued words."""
        glued = self._glued_re(self._word_list())
        return [p for p in (PROTECTED_RE if self.keep_titles else None, glued) if p]

    def _cut_normalized(self, text: str) -> list[str]:
        words = self._word_list()
        base_cut = self._cutter(words)
        glued = self._glued_re(words)
        stop = self._stop_set()
        numbers = self.numbers
        keep_punct = self.keep_punct
        word_char = _WORD_CHAR_RE.search
        out = []
        toks = self._segment(text, base_cut, glued)
        runs = number_runs(toks) if numbers != "keep" and has_digit(text) else ()
        fold = numbers == "fold"
        pos = 0
        for start, end in (*runs, (len(toks), len(toks))):
            for tok in toks[pos:start]:
                if tok in stop:
                    continue
                if not keep_punct and not tok.isalnum() and not word_char(tok):
                    continue
                out.append(tok)
            if fold and start < len(toks):
                out.append(NUM_TOKEN)
            pos = end
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
        n = check_n_jobs(n_jobs)
        if n == 1 or len(texts) < 2:
            return [self.cut(t) for t in texts]
        from joblib import Parallel, delayed

        size = max(1, -(-len(texts) // (n * 4)))
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        parts = Parallel(n_jobs=n)(delayed(worker_task(_cut_chunk))(self, c) for c in chunks)
        return [toks for part in parts for toks in part]

    # -- pickling ------------------------------------------------------------------
    def __getstate__(self):
        state = self.__dict__.copy()
        state["_lock"] = None
        state["_backend_cache"] = None  # a worker process builds its own backend
        state["_split"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.__dict__.setdefault("_gen", 0)
        self._backend_cache = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"Tokenizer(stopwords={self.stopwords}, numbers={self.numbers!r}, "
            f"keep_punct={self.keep_punct}, keep_titles={self.keep_titles}, "
            f"backend={self.backend!r}, granularity={self.granularity!r})"
        )

    def get_config(self) -> dict:
        """The tokenizer's configuration as JSON-ready data (used by model files)."""
        return {
            "stopwords": self.stopwords,
            "numbers": self.numbers,
            "keep_punct": self.keep_punct,
            "keep_titles": self.keep_titles,
            "hmm": self.hmm,
            "granularity": self.granularity,
            "extra_words": [w for w, _ in self._extra_words],
            "extra_stopwords": sorted(self._extra_stopwords),
        }

    def _get_state(self) -> tuple[dict, dict]:
        """The tokenizer as data (configuration, full word list and stop-word set), for
        model files: a loaded model cuts exactly as the saved one, whatever the bundled
        dictionary of the installed version."""
        state = {
            "config": self.get_config(),
            "words": [[w, t] for w, t in self._word_list()],
            "stopwords": sorted(self._stop_set()),
        }
        table = self._split_map(self._word_list())
        if table:
            state["compounds"] = {c: list(p) for c, p in sorted(table.items())}
        return state, {}

    @classmethod
    def _from_state(cls, state: dict, arrays: dict | None = None) -> "Tokenizer":
        """A tokenizer from :meth:`_get_state`'s data."""
        cfg = state["config"]
        # files written before 0.2 know no granularity: they cut compounds whole
        tok = cls(stopwords=cfg["stopwords"], numbers=cfg["numbers"],
                  keep_punct=cfg["keep_punct"], keep_titles=cfg["keep_titles"], hmm=cfg["hmm"],
                  granularity=cfg.get("granularity", "compound"))
        tok._words = tuple((str(w), None if t is None else str(t)) for w, t in state["words"])
        tok._state_compounds = {str(c): tuple(map(str, p))
                                for c, p in state.get("compounds", {}).items()}
        tok._stop = frozenset(str(w) for w in state["stopwords"])
        return tok


def _cut_chunk(tok: Tokenizer, texts: list[str]) -> list[list[str]]:
    return [tok.cut(t) for t in texts]
