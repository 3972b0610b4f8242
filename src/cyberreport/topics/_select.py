"""Choosing the number of topics (``n_topics="auto"``): the k that maximises
``(1 + NPMI) / 2 * diversity * stability``."""

from __future__ import annotations

import numpy as np

from ._measures import ari, npmi_coherence, presence_in, topic_diversity
from ._spectral import cluster_qr, ctfidf, embedding, rank_terms, refine

__all__ = ["choose_k"]


def choose_k(model, X, B, graph, weights, vocab, units, say=None):
    """The k to keep and the scores of every k tried (``say(step)``: progress)."""
    n = X.shape[0]
    k_max = max(2, min(int(model.max_topics), n // int(model.min_topic_size)))
    k_max = min(k_max, n)
    pres = presence_in(units)  # reference: the training units themselves
    # One spectral embedding per seed with k_max eigenvectors; the first k columns
    # are the embedding for k topics.
    maps = []
    for s in range(3):
        if say is not None:
            say(f"spectral embedding {s + 1} of 3")
        maps.append(embedding(graph, k_max, model.random_state + s) if n > 2 else None)
    scores = []
    best = None
    for k in range(2, k_max + 1):
        if say is not None:
            say(f"trying k = {k} of 2..{k_max}")
        if n <= k:
            labs = [np.arange(n)] * 3
        else:
            labs = [refine(X, cluster_qr(m[:, :k]), k) for m in maps]
        W = ctfidf(B, labs[0], k, weights)
        tops = [rank_terms(W[j], B, labs[0] == j, X, vocab, model._allowed, limit=10)
                for j in range(k)]
        tops = [[vocab[i] for i in t] for t in tops]
        npmi = float(np.nanmean(npmi_coherence(tops, pres)))
        div = topic_diversity(tops)
        stab = float(np.mean([ari(labs[0], lab) for lab in labs[1:]]))
        score = (1.0 + npmi) / 2.0 * div * stab
        scores.append({"k": k, "npmi": npmi, "diversity": div, "stability": stab,
                       "score": score})
        if best is None or score > best[0] + 1e-12:
            best = (score, k)
    return best[1], scores
