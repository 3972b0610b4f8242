"""Measures of topics: NPMI coherence, diversity, agreement between clusterings."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..text import normalize

__all__ = ["npmi_coherence", "topic_diversity", "ari", "presence_in", "weighted_nmi"]


def ari(a, b) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(a, b))


def presence_in(sentences: Sequence[str]):
    """A lookup ``term -> boolean vector`` of the sentences containing the term (as a
    substring of the normalised sentence), cached per term."""
    norm = [normalize(s) for s in sentences]
    cache: dict[str, np.ndarray] = {}

    def presence(term: str) -> np.ndarray:
        v = cache.get(term)
        if v is None:
            t = normalize(term)
            v = np.fromiter((bool(t) and t in s for s in norm), dtype=bool, count=len(norm))
            cache[term] = v
        return v

    presence.n = len(norm)  # type: ignore[attr-defined]
    return presence


def npmi_coherence(topics: Sequence[Sequence[str]], reference) -> list[float]:
    """NPMI coherence of each topic's terms over reference sentences.

    For every pair of a topic's terms, ``NPMI = log(p(a, b) / (p(a) p(b))) / -log p(a, b)``
    where ``p`` is the share of reference sentences that contain the term(s); a term
    *occurs* in a sentence when it is a substring of the normalised sentence, which
    measures every model, whatever its tokenizer, against the same reference.  A pair
    that never occurs together scores -1; a topic's coherence is the mean over its
    pairs.

    Parameters
    ----------
    topics : sequence of sequences of str
        The terms of each topic (usually its top 10).
    reference : sequence of str
        Reference sentences (or a lookup made by :func:`presence_in`).

    Returns
    -------
    list of float
        One value per topic, in [-1, 1] (``nan`` for a topic with fewer than 2 terms).

    Examples
    --------
    >>> npmi_coherence([["网络安全", "检查"]], ["开展网络安全检查。", "建设融媒体中心。"])
    [1.0]
    """
    presence = reference if callable(reference) else presence_in(list(reference))
    n = presence.n
    out = []
    for terms in topics:
        terms = list(dict.fromkeys(terms))
        vals = []
        for a in range(len(terms)):
            pa_v = presence(terms[a])
            pa = pa_v.mean() if n else 0.0
            for b in range(a + 1, len(terms)):
                pb_v = presence(terms[b])
                pab = (pa_v & pb_v).mean() if n else 0.0
                if pab <= 0:
                    vals.append(-1.0)
                elif pab >= 1:
                    vals.append(1.0)
                else:
                    pb = pb_v.mean()
                    vals.append(math.log(pab / (pa * pb)) / -math.log(pab))
        out.append(float(np.mean(vals)) if vals else float("nan"))
    return out


def topic_diversity(topics: Sequence[Sequence[str]]) -> float:
    """Unique share of the terms of all topics (1.0 when no term is repeated).

    Examples
    --------
    >>> topic_diversity([["a", "b"], ["b", "c"]])
    0.75
    """
    terms = [t for ts in topics for t in ts]
    return len(set(terms)) / len(terms) if terms else float("nan")


def weighted_nmi(table: np.ndarray) -> float:
    """Normalised mutual information (arithmetic mean of the entropies) of a weighted
    contingency table."""
    total = table.sum()
    if total <= 0:
        return float("nan")
    P = table / total
    pr = P.sum(axis=1)
    pc = P.sum(axis=0)
    nz = P > 0
    mi = float((P[nz] * np.log(P[nz] / np.outer(pr, pc)[nz])).sum())
    hr = -float((pr[pr > 0] * np.log(pr[pr > 0])).sum())
    hc = -float((pc[pc > 0] * np.log(pc[pc > 0])).sum())
    denom = (hr + hc) / 2.0
    if denom <= 0:
        return 1.0 if hr == hc else 0.0
    return max(0.0, mi / denom)
