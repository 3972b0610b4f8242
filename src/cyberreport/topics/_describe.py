"""Describing a clustering as topics: sizes, c-TF-IDF terms, centroids, representatives."""

from __future__ import annotations

import numpy as np

from ..tokenize import generic_words
from ._spectral import _best, centroids, ctfidf, rank_terms
from ._topic import Topic

__all__ = ["describe"]


def describe(model, X, B, labels, weights, vocab, idf, units) -> dict:
    """The fitted attributes of a topic model from its final clustering: topics ordered
    by size (then by their terms), their c-TF-IDF terms, centroids and representative
    units."""
    from sklearn.preprocessing import normalize as l2_normalize

    present, labels = np.unique(np.asarray(labels), return_inverse=True)
    k = len(present)
    W = ctfidf(B, labels, k, weights)
    cents = centroids(X, labels, k, weights)
    sims = np.asarray(X @ cents.T)
    shown = max(int(model.top_n), 10)
    # the terms that describe a topic leave out words that describe no subject (提出,
    # 来自 …); the clustering used them like any other term
    generic = generic_words()
    describes = model._allowed & np.array([t not in generic for t in vocab], dtype=bool)
    ranked = [rank_terms(W[j], B, labels == j, X, vocab, describes, limit=shown)
              for j in range(k)]
    sizes = np.array([weights[labels == j].sum() for j in range(k)])
    # Order topics by size, then by their terms (content-based, order-independent).
    order = sorted(range(k), key=lambda j: (-sizes[j], [vocab[i] for i in ranked[j][:10]]))
    new_id = np.empty(k, dtype=np.int64)
    new_id[np.array(order, dtype=np.int64)] = np.arange(k)
    labels = new_id[labels]
    topics = []
    for new, j in enumerate(order):
        members = np.flatnonzero(labels == new)
        near = members[_best(sims[members, j], int(model.n_representative))]
        rep = sorted(near, key=lambda i: (-round(float(sims[i, j]), 12), units[i]))
        terms = tuple((vocab[i], float(W[j, i])) for i in ranked[j][: model.top_n])
        topics.append(Topic(
            id=new,
            terms=terms,
            size=int(round(sizes[j])),
            representative=tuple(units[i] for i in rep[: model.n_representative]),
            label="、".join(t for t, _ in terms[:3]),
        ))
    return {
        "vocabulary_": list(vocab),
        "_vocab_index": {t: i for i, t in enumerate(vocab)},
        "idf_": idf,
        "ctfidf_": W[order],
        "centroids_": l2_normalize(cents[order]),
        "units_": list(units),
        "unit_counts_": weights.astype(int),
        "labels_": labels,
        "n_topics_": k,
        "topics_": topics,
    }
