"""TF-IDF keywords weighted by the domain corpus's own IDF."""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable

from ._validation import check_str as _check_str
from .tokenize import Tokenizer

__all__ = ["keywords"]

_LOCK = threading.Lock()
_DEFAULT_IDF: tuple[dict[str, float], float] | None = None


def _keyword_tokenizer() -> Tokenizer:
    return Tokenizer(stopwords=True, numbers="drop")


def _idf(documents: Iterable[str], tok: Tokenizer) -> tuple[dict[str, float], float]:
    """Smoothed IDF, ``log((1 + n) / (1 + df)) + 1`` (as scikit-learn), over the given
    documents; the second value is the IDF of an unseen term."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(tok.cut(doc)))
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    return idf, math.log(1 + n) + 1.0


def _default_idf(tok: Tokenizer) -> tuple[dict[str, float], float]:
    global _DEFAULT_IDF
    with _LOCK:
        if _DEFAULT_IDF is None:
            from .corpus import load_corpus

            # Sentences, not paragraphs, are the IDF's documents: 90 units instead of
            # 29 give a finer measure of how specific a term is.
            sents = [s.text for p in load_corpus() for s in p.sentences]
            _DEFAULT_IDF = _idf(sents, tok)
        return _DEFAULT_IDF


def keywords(
    text: str, top_k: int = 10, *, corpus: Iterable[str] | None = None
) -> list[tuple[str, float]]:
    """Return the ``top_k`` keywords of ``text`` as ``(term, weight)`` pairs.

    A term's weight is its frequency in ``text`` times its inverse document frequency in
    the reference corpus (by default the sentences of the bundled 2016 corpus, so that
    terms every provincial report uses, such as 网信, weigh little), normalised so the
    weights sum to 1.  Stop-words and numbers are left out.  Ties are broken by the
    term's first occurrence.

    Parameters
    ----------
    text : str
    top_k : int, default=10
        Number of keywords to return (fewer if the text has fewer distinct terms).
    corpus : iterable of str, optional
        Reference documents for the IDF instead of the bundled corpus.

    Returns
    -------
    list of (str, float)

    Examples
    --------
    >>> [t for t, _ in keywords("开展关键信息基础设施网络安全检查，建设态势感知平台", top_k=3)]
    ['态势感知平台', '网络安全检查', '关键信息基础设施']
    """
    _check_str(text)
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise ValueError(f"top_k must be a positive int, got {top_k!r}")
    tok = _keyword_tokenizer()
    if corpus is None:
        idf, unseen = _default_idf(tok)
    else:
        if isinstance(corpus, str):
            raise TypeError("corpus must be an iterable of str, not a single str")
        idf, unseen = _idf(list(corpus), tok)
    tokens = tok.cut(text)
    if not tokens:
        return []
    tf = Counter(tokens)
    first = {}
    for i, t in enumerate(tokens):
        first.setdefault(t, i)
    scores = {t: c * idf.get(t, unseen) for t, c in tf.items()}
    total = sum(scores.values())
    ranked = sorted(scores, key=lambda t: (-scores[t], first[t]))[:top_k]
    return [(t, scores[t] / total) for t in ranked]


