"""Evidence: which sentences justify each predicted theme and which of their terms weighed
most, computed for a batch of texts with the scoring kernel."""

from __future__ import annotations

import numpy as np

from ..features._lexicon import lexicon_theme
from ..text import normalize
from ._results import Classification, Evidence
from ._scorer import SentenceScorer, linear_scores

__all__ = ["explain", "top_terms", "MAX_EVIDENCE"]


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


#: The most evidence sentences kept for one label of one text (the most probable).
MAX_EVIDENCE = 1000


def explain(scorer: SentenceScorer, texts, classes, label_rule, *, threshold=None,
            thresholds=None, top_n: int = 5) -> list[Classification]:
    """One :class:`Classification` per text: scores from the batched kernel, labels from
    ``label_rule(doc_proba)`` (the classifier's thresholding rule), and for each predicted
    label the sentences at or above its threshold, most probable first (at most
    :data:`MAX_EVIDENCE`), or else the best one, with their terms.

    The units are scored in bounded groups (:meth:`SentenceScorer.unit_groups`); only
    the candidates for evidence are kept, so that memory does not grow with the length
    of a text."""
    k = len(classes)
    n = len(texts)
    cut = np.asarray(thresholds if threshold is None else np.full(k, float(threshold)))
    norms = [normalize(t) for t in texts]
    doc = np.zeros((n, k))
    rel = np.zeros(n)
    has = np.zeros(n, dtype=bool)
    best: dict = {}   # (text, label) -> (p, unit number in the batch, span)
    cands: dict = {}  # (text, label) -> [(-p, unit number, span)] at or above the threshold
    groups = []
    g0 = 0  # the batch's number of the group's first unit
    for sents, owner, spans in scorer.unit_groups(texts, norms):
        arrays = scorer.vectorizer.transform_arrays(sents)
        p, r = scorer.gate(linear_scores(*arrays, scorer.coef, scorer.intercept))
        own = np.asarray(owner)
        np.maximum.at(doc, own, p)
        if r is not None:
            np.maximum.at(rel, own, r)
        has[own] = True
        bounds = np.flatnonzero(np.diff(own)) + 1
        for a, b in zip(np.concatenate(([0], bounds)), np.concatenate((bounds, [len(own)]))):
            d = int(own[a])
            top = p[a:b].argmax(axis=0)  # the first best unit of each label
            for j in range(k):
                u = a + int(top[j])
                if (d, j) not in best or p[u, j] > best[d, j][0]:
                    best[d, j] = (float(p[u, j]), g0 + u, spans[u])
        for u, j in zip(*np.nonzero(p >= cut)):
            lst = cands.setdefault((int(owner[u]), int(j)), [])
            lst.append((-float(p[u, j]), g0 + int(u), spans[u]))
            if len(lst) > 2 * MAX_EVIDENCE:
                lst.sort()
                del lst[MAX_EVIDENCE:]
        groups.append((g0, len(sents), arrays))
        g0 += len(sents)
    labels_all = label_rule(doc)
    chosen: dict = {}
    for d in range(n):
        for lab in labels_all[d] if has[d] else ():
            j = classes.index(lab)
            lst = sorted(cands.get((d, j), []))[:MAX_EVIDENCE]
            chosen[d, j] = lst or [(-best[d, j][0], best[d, j][1], best[d, j][2])]
    rows = _feature_rows(scorer, groups, norms, chosen)
    out: list[Classification] = []
    for d, norm in enumerate(norms):
        if not has[d]:
            out.append(Classification(norm, (), {c: 0.0 for c in classes}, {},
                                      0.0 if scorer.relevance else None))
            continue
        labels = labels_all[d]
        evidence = {}
        for lab in labels:
            j = classes.index(lab)
            evs = []
            for neg_p, g, (s0, s1) in chosen[d, j]:
                idx, val = rows[g]
                sent = norm[s0:s1]
                evs.append(Evidence(sent, s0, s1, -neg_p, top_terms(scorer, sent, idx, val, j, top_n)))
            evidence[lab] = tuple(evs)
        scores = {c: float(doc[d, j]) for j, c in enumerate(classes)}
        relevance = float(rel[d]) if scorer.relevance else None
        out.append(Classification(norm, labels, scores, evidence, relevance))
    return out


def _feature_rows(scorer, groups, norms, chosen) -> dict:
    """Unit number -> (feature indices, values) of the evidence units: from the arrays of
    the one group of a batch of short texts, or computed again for a longer batch."""
    wanted = {g: (d, span) for (d, _), lst in chosen.items() for _, g, span in lst}
    if len(groups) == 1:
        indptr, indices, data = groups[0][2]
        return {g: (indices[indptr[g]:indptr[g + 1]], data[indptr[g]:indptr[g + 1]])
                for g in wanted}
    order = sorted(wanted)
    sents = [norms[wanted[g][0]][wanted[g][1][0]:wanted[g][1][1]] for g in order]
    indptr, indices, data = scorer.vectorizer.transform_arrays(sents) if sents else ([0], [], [])
    return {g: (indices[indptr[i]:indptr[i + 1]], data[indptr[i]:indptr[i + 1]])
            for i, g in enumerate(order)}
