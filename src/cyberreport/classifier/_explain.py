"""Evidence: which sentences justify each predicted theme and which of their terms weighed
most, computed for a batch of texts with the scoring kernel."""

from __future__ import annotations

import numpy as np

from ..features._lexicon import lexicon_theme
from ._results import Classification, Evidence
from ._scorer import SentenceScorer, linear_scores

__all__ = ["explain", "top_terms"]


def top_terms(scorer: SentenceScorer, sentence: str, idx, val, j: int, n: int) -> tuple[str, ...]:
    """Readable terms of a sentence ordered by their contribution to class ``j``."""
    vec = scorer.vectorizer
    contrib = val * scorer.coef[idx, j]
    feats = vec.features_
    # Character n-grams are shown only when they are whole words of the sentence, so that
    # evidence reads as terms, not as fragments that straddle two words.
    words = None
    terms: list[str] = []
    for pos in np.argsort(-contrib, kind="stable"):
        if contrib[pos] <= 0 or len(terms) >= n:
            break
        name = feats[idx[pos]]
        if name.startswith("L:"):
            lex = vec._matcher
            owners = vec._owners
            cands = [
                m.group() for m in lex.finditer(sentence)
                if any(lexicon_theme(k) == name[2:] for k in owners[m.group()])
            ] if lex else []
        elif name.startswith("c:"):
            if words is None:
                words = set(vec.tokenizer.cut(sentence))
            if name[2:] not in words:
                continue
            cands = [name[2:]]
        else:
            cands = [name[2:]]
        for term in cands:
            if len(term) < 2 or term == "<NUM>":
                continue
            if any(term in t for t in terms):
                continue
            terms = [t for t in terms if t not in term]
            terms.append(term)
    return tuple(terms[:n])


def explain(scorer: SentenceScorer, texts, classes, label_rule, *, threshold=None,
            thresholds=None, top_n: int = 5) -> list[Classification]:
    """One :class:`Classification` per text: scores from the batched kernel, labels from
    ``label_rule(doc_proba)`` (the classifier's thresholding rule), and for each predicted
    label the sentences at or above its threshold (or the best one) with their terms."""
    sents, owner, splits = scorer.units(texts)
    k = len(classes)
    out: list[Classification] = []
    r_all = None
    if sents:
        indptr, indices, data = scorer.vectorizer.transform_arrays(sents)
        p_all, r_all = scorer.gate(linear_scores(indptr, indices, data, scorer.coef,
                                                 scorer.intercept))
    else:
        indptr = np.zeros(1, np.int64)
        indices, data = np.zeros(0, np.int32), np.zeros(0)
        p_all = np.zeros((0, k))
    owner_arr = np.asarray(owner, dtype=np.int64)
    starts = np.searchsorted(owner_arr, np.arange(len(texts) + 1))
    doc = np.zeros((len(texts), k))
    for d in range(len(texts)):
        a, b = starts[d], starts[d + 1]
        if b > a:
            doc[d] = p_all[a:b].max(axis=0)
    labels_all = label_rule(doc)
    cut = thresholds if threshold is None else np.full(k, float(threshold))
    for d, (norm, spans) in enumerate(splits):
        a, b = starts[d], starts[d + 1]
        if b == a:
            out.append(Classification(norm, (), {c: 0.0 for c in classes}, {},
                                      0.0 if scorer.relevance else None))
            continue
        p = p_all[a:b]
        labels = labels_all[d]
        evidence = {}
        for lab in labels:
            j = classes.index(lab)
            order = np.argsort(-p[:, j], kind="stable")
            chosen = [i for i in order if p[i, j] >= cut[j]] or [int(order[0])]
            evs = []
            for i in chosen:
                lo, hi = indptr[a + i], indptr[a + i + 1]
                sent = sents[a + i]
                terms = top_terms(scorer, sent, indices[lo:hi], data[lo:hi], j, top_n)
                s0, s1 = spans[i]
                evs.append(Evidence(sent, s0, s1, float(p[i, j]), terms))
            evidence[lab] = tuple(evs)
        scores = {c: float(doc[d, j]) for j, c in enumerate(classes)}
        relevance = float(r_all[a:b].max()) if r_all is not None else None
        out.append(Classification(norm, labels, scores, evidence, relevance))
    return out
