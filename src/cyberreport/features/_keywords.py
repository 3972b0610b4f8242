"""TF-IDF keywords weighted by a reference corpus's IDF (by default the bundled corpus's)."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable

from .._deprecation import renamed_param
from .._validation import Interval, check_str, check_value
from ..tokenize import Tokenizer, generic_words
from ._tfidf import smooth_idf, smooth_idf_unseen

__all__ = ["keywords", "Keywords"]

_LOCK = threading.Lock()
_TOKENIZER: Tokenizer | None = None
_DEFAULT: "Keywords | None" = None
# The extractors of the last few ``corpus=`` sequences, by their texts: calling
# ``keywords(text, corpus=C)`` for many texts computes C's idf once.
_BY_CORPUS: OrderedDict = OrderedDict()
_CORPUS_CACHE_SIZE = 4


def _keyword_tokenizer() -> Tokenizer:
    """The keyword tokenizer, built once per process (it loads the dictionaries once)."""
    global _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            _TOKENIZER = Tokenizer(stopwords=True, numbers="drop")
        return _TOKENIZER


def _check_top_n(top_n) -> None:
    from numbers import Integral

    check_value("top_n", top_n, [Interval(Integral, 1, None, "left")])


class Keywords:
    """A keyword extractor with the IDF of a reference corpus, computed once.

    Parameters
    ----------
    corpus : iterable of str, optional
        Reference documents for the IDF; by default the sentences of the bundled 2016
        corpus (so that terms every provincial report uses, such as 网信, weigh little).

    Examples
    --------
    >>> kw = Keywords(["开展网络安全检查", "建设县级融媒体中心", "开展净网专项行动"])
    >>> [t for t, _ in kw.extract("开展网络安全检查和净网专项行动", top_n=2)]
    ['网络安全', '检查']
    """

    def __init__(self, corpus: Iterable[str] | None = None):
        self.tokenizer = _keyword_tokenizer()
        if corpus is None:
            from ..corpus import load_corpus

            # Sentences, not paragraphs, are the IDF's documents: 90 units instead of 29
            # give a finer measure of how specific a term is.
            corpus = [s.text for p in load_corpus() for s in p.sentences]
        elif isinstance(corpus, (str, bytes)):
            raise TypeError("corpus must be an iterable of str, not a single str")
        df: Counter[str] = Counter()
        n = 0
        for i, doc in enumerate(corpus):
            check_str(doc, f"corpus[{i}]")
            n += 1
            df.update(set(self.tokenizer.cut(doc)))
        self.n_documents = n
        self.idf = {t: smooth_idf(c, n) for t, c in df.items()}
        self.unseen_idf = smooth_idf_unseen(n)

    def extract(self, text: str, top_n: int = 10) -> list[tuple[str, float]]:
        """The ``top_n`` keywords of ``text`` as ``(term, weight)`` pairs (see
        :func:`keywords`)."""
        check_str(text)
        _check_top_n(top_n)
        return self._extract(self.tokenizer.cut(text), top_n)

    def extract_many(self, texts: Iterable[str], top_n: int = 10) -> list[list[tuple[str, float]]]:
        """:meth:`extract` for each text, in order; the texts are cut in one batch."""
        if isinstance(texts, (str, bytes)):
            raise TypeError("texts must be a sequence of str, got a single str; wrap it "
                            "in a list: [texts]")
        _check_top_n(top_n)
        texts = list(texts)
        return [self._extract(toks, top_n) for toks in self.tokenizer.cut_many(texts)]

    def _extract(self, tokens: list[str], top_n: int) -> list[tuple[str, float]]:
        generic = _generic()
        tokens = [t for t in tokens if t not in generic]
        if not tokens:
            return []
        tf = Counter(tokens)
        first: dict[str, int] = {}
        for i, t in enumerate(tokens):
            first.setdefault(t, i)
        idf, unseen = self.idf, self.unseen_idf
        scores = {t: c * idf.get(t, unseen) for t, c in tf.items()}
        total = sum(scores.values())
        ranked = sorted(scores, key=lambda t: (-scores[t], first[t]))[:top_n]
        return [(t, scores[t] / total) for t in ranked]


def _generic() -> frozenset[str]:
    """The words that describe no subject (提出, 来自, 契机 …), read once."""
    global _GENERIC
    if _GENERIC is None:
        _GENERIC = generic_words()
    return _GENERIC


_GENERIC: frozenset[str] | None = None


def _default() -> Keywords:
    global _DEFAULT
    if _DEFAULT is None:
        kw = Keywords()
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = kw
    return _DEFAULT


@renamed_param("top_k", "top_n")
def keywords(text: str, top_n: int = 10, *, corpus: Iterable[str] | None = None
             ) -> list[tuple[str, float]]:
    """Return the ``top_n`` keywords of ``text`` as ``(term, weight)`` pairs.

    A term's weight is its frequency in ``text`` times its inverse document frequency in
    the reference corpus (by default the sentences of the bundled 2016 corpus, so that
    terms every provincial report uses, such as 网信, weigh little), normalised so the
    weights sum to 1.  Stop-words, numbers and words that describe no subject (提出,
    来自, 契机, 期间 …; ``resources/generic_words.txt``) are left out.  Ties are broken by the
    term's first occurrence.  The reference corpus's idf is computed once: the bundled
    corpus's on first use, a ``corpus=`` list or tuple's on its first call (the last four
    are kept; the same texts again reuse it).  For many texts, :meth:`Keywords.extract_many`
    cuts them in one batch.

    Parameters
    ----------
    text : str
    top_n : int, default=10
        Number of keywords to return (fewer if the text has fewer distinct terms).
        (``top_k`` is its deprecated 0.1 name.)
    corpus : iterable of str, optional
        Reference documents for the IDF instead of the bundled corpus.  A list or tuple
        is remembered (with its idf) for the next calls; any other iterable is read, and
        its idf computed, on every call.

    Returns
    -------
    list of (str, float)

    Examples
    --------
    >>> [t for t, _ in keywords("开展关键信息基础设施网络安全检查，建设态势感知平台", top_n=3)]
    ['态势感知', '平台', '关键信息基础设施']
    """
    check_str(text)
    _check_top_n(top_n)
    kw = _default() if corpus is None else _for_corpus(corpus)
    return kw.extract(text, top_n)


def _for_corpus(corpus) -> Keywords:
    """The extractor of ``corpus``: reused when a list or tuple with the same texts was
    given recently (its idf is computed once), built afresh for any other iterable (which
    may be read only once)."""
    if not isinstance(corpus, (list, tuple)):
        return Keywords(corpus)
    key = tuple(corpus)
    with _LOCK:
        kw = _BY_CORPUS.get(key)
        if kw is not None:
            _BY_CORPUS.move_to_end(key)
            return kw
    kw = Keywords(key)
    with _LOCK:
        _BY_CORPUS[key] = kw
        while len(_BY_CORPUS) > _CORPUS_CACHE_SIZE:
            _BY_CORPUS.popitem(last=False)
    return kw
