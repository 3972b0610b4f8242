"""Fitting a :class:`~cyberreport.TopicModel`: the units and their features, then the
exact method (up to ``sample_size`` distinct units) or its approximation for more.

**Exact** (``n_units <= sample_size``, or ``sample_size=None``): the k-nearest-neighbour
graph of all units, its spectral embedding (and, with ``n_topics="auto"``, the choice of
k), then refinement to nearest-centroid labels.

**Approximate** (more units): the same steps on a seeded stratified sample of
``sample_size`` units (see :func:`stratified_sample`: it depends on the units alone, so
that, as in the exact method, the seed only starts the eigensolver) — and then every
unit joins its nearest topic centroid, refined over all units until no unit changes topic.  Terms,
centroids and representatives are computed from all units.  Time and memory grow
linearly with the number of units beyond the sample.
"""

from __future__ import annotations

import numpy as np

from .._texts import check_texts, text_of
from ..features._tfidf import smooth_idf
from ._describe import describe
from ._features import MAX_TERM_LEN, units_of
from ._graph import connected_knn_graph
from ._matrix import document_frequency, encode, tfidf_matrix
from ._select import choose_k
from ._spectral import centroids, refine

__all__ = ["fit_topics", "count_units", "stratified_sample"]


def count_units(texts, unit: str) -> dict[str, int]:
    """Each distinct unit of the texts with its number of occurrences."""
    counts: dict[str, int] = {}
    for t in texts:
        for u in units_of(t, unit):
            counts[u] = counts.get(u, 0) + 1
    return counts


def _hash_keys(units) -> np.ndarray:
    """A keyed 64-bit BLAKE2b hash of each unit's text (the same in every process)."""
    from hashlib import blake2b

    return np.fromiter(
        (int.from_bytes(blake2b(u.encode("utf-8"), digest_size=8, key=b"cyberreport-topics")
                        .digest(), "little") for u in units),
        dtype=np.uint64, count=len(units))


def stratified_sample(units, n_terms, size: int) -> np.ndarray:
    """Sorted positions of ``size`` units: stratified by the number of distinct terms
    (1, 2, …, 20 or more; each stratum in proportion to its size, largest remainders
    rounded up), and within a stratum the units with the smallest keyed hash of their
    text — a uniform choice that depends on the units alone (not on the seed or the input
    order), so that adding or removing texts changes it only where they are.

    Examples
    --------
    >>> stratified_sample(["a", "b", "c", "d"], np.array([1, 1, 2, 2]), 2).tolist()
    [0, 3]
    """
    n = len(units)
    strata = np.minimum(np.asarray(n_terms), 20)
    counts = np.bincount(strata, minlength=21)
    share = size * counts / n
    quota = np.floor(share).astype(np.int64)
    extra = size - int(quota.sum())
    if extra > 0:
        quota[np.lexsort((np.arange(len(share)), -(share - quota)))[:extra]] += 1
    order = np.lexsort((np.arange(n), _hash_keys(units), strata))
    first = np.concatenate([[0], np.cumsum(counts)])
    rank = np.arange(n) - first[strata[order]]
    return np.sort(order[rank < quota[strata[order]]])


def _quiet(step: str) -> None:
    pass


def fit_topics(model, texts, say=_quiet) -> None:
    """Fit ``model`` (a validated :class:`TopicModel`) on ``texts``; sets its fitted
    attributes.  ``say(step)`` is called as each step starts (progress)."""
    say("units")
    texts = [text_of(x) for x in check_texts(texts, "texts")]
    if not texts:
        raise ValueError("texts is empty: need at least one text to fit topics")
    counts = count_units(texts, model.unit_)
    n_texts = len(texts)
    del texts
    if not counts:
        raise ValueError(
            f"all {n_texts} texts are empty (nothing but whitespace); cannot fit topics"
        )
    units = sorted(counts)  # canonical order: independent of the input order
    say(f"features of {len(units):,} units")
    tok = model._tokenizer()
    ids, offsets, vocab = encode(units, tok)
    lengths = np.diff(offsets)
    keep = np.flatnonzero(lengths > 0)
    if not len(keep):
        raise ValueError(
            f"all texts are empty of content words: none of their {len(units)} "
            f"{model.unit_}s has a term left after removing stop-words, numbers and "
            "punctuation; cannot fit topics"
        )
    if len(keep) < len(units):
        units = [units[i] for i in keep]
    weights = np.array([counts[u] for u in units], dtype=float)
    del counts
    n = len(units)
    if model.n_topics != "auto" and n < model.n_topics:
        raise ValueError(
            f"fewer texts than topics: the texts have {n} distinct non-empty "
            f"{model.unit_}s, fewer than n_topics={model.n_topics}; lower n_topics or "
            "give more texts"
        )
    if model.n_topics == "auto" and n < 2:
        raise ValueError(
            f"fewer texts than topics: n_topics='auto' needs at least 2 distinct "
            f"non-empty {model.unit_}s, the texts have {n}"
        )
    offsets = np.concatenate([[0], np.cumsum(lengths[keep])])  # the kept units' ids
    dictionary = tok.vocabulary()
    model._allowed = np.array([len(t) <= MAX_TERM_LEN or t in dictionary for t in vocab],
                              dtype=bool)
    idf = smooth_idf(document_frequency(ids, offsets, len(vocab)), n)
    X = tfidf_matrix(ids, offsets, idf)
    del ids, offsets
    B = X.copy()
    B.data = (B.data > 0).astype(float)  # term presence per unit
    B.eliminate_zeros()

    size = model.sample_size
    exact = size is None or n <= size
    sample = (np.arange(n) if exact
              else stratified_sample(units, np.diff(X.indptr), int(size)))
    Xs, Bs, ws = (X, B, weights) if exact else (X[sample], B[sample], weights[sample])
    units_s = units if exact else [units[i] for i in sample]
    say(f"neighbour graph of {len(sample):,} units")
    graph = connected_knn_graph(Xs, model.n_neighbors)
    if model.n_topics == "auto":
        k, scores = choose_k(model, Xs, Bs, graph, ws, vocab, units_s, say)
        model.auto_scores_ = scores
    else:
        k = int(model.n_topics)
        model.auto_scores_ = None
    say(f"{k} topics")
    labels = model._cluster(Xs, graph, k, model.random_state)
    del graph
    if not exact:
        say(f"assigning {n:,} units")
        labels = extend(X, Xs, labels, k)
    model.n_graph_units_ = len(sample)
    say("terms")
    model._finish(X, B, labels, weights, vocab, idf, units)


def extend(X, Xs, sample_labels, k: int, chunk: int = 200_000) -> np.ndarray:
    """Labels of all units from a clustering of a sample: each unit's nearest sample-topic
    centroid, then refined over all units (see :func:`refine`)."""
    from sklearn.preprocessing import normalize as l2_normalize

    k = int(max(k, sample_labels.max(initial=0) + 1))
    cents = l2_normalize(centroids(Xs, sample_labels, k, None))
    labels = np.concatenate([np.asarray(X[a:a + chunk] @ cents.T).argmax(axis=1)
                             for a in range(0, X.shape[0], chunk)])
    return refine(X, labels, k)
