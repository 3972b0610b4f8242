"""Evidence: which sentences justify each predicted theme and which of their terms weighed
most, computed for a batch of texts with the scoring kernel."""

from __future__ import annotations

import weakref

import numpy as np

from ..features._lexicon import lexicon_theme
from ..text import normalize
from ._results import Classification, Evidence
from ._scorer import SentenceScorer, linear_scores

__all__ = ["explain", "ranked_features", "MAX_EVIDENCE"]


class _Terms:
    """What evidence needs of a fitted vectorizer, built once per vectorizer: which
    features can be shown as a term, which are character n-grams, and the themes of each
    lexicon term."""

    def __init__(self, vec):
        feats = vec.features_
        self.features = feats
        self.tokenizer = vec.tokenizer
        # A term shown has two characters or more and is not the number token; a lexicon
        # feature stands for its terms in the sentence.
        self.showable = np.array([f.startswith("L:") or (len(f) >= 4 and f[2:] != "<NUM>")
                                  for f in feats], dtype=bool)
        self.is_char = np.array([f.startswith("c:") for f in feats], dtype=bool)
        self.n_features = len(feats)
        owners = vec._owners or {}
        self.themes = {t: frozenset(lexicon_theme(k) for k in keys) for t, keys in owners.items()}


_TERMS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _terms_of(vec) -> _Terms:
    t = _TERMS.get(vec)
    if t is None or t.features is not vec.features_ or t.tokenizer is not vec.tokenizer:
        t = _TERMS[vec] = _Terms(vec)
    return t


def _readable(fids: list[int], lexicon: list[str], terms_of: _Terms,
              n: int) -> tuple[str, ...]:
    """The first ``n`` readable terms of a sentence's features ``fids``, ordered by their
    contribution to a class, largest first, and already reduced to features that can be
    shown (see :func:`ranked_features`); a lexicon feature stands for the sentence's
    ``lexicon`` terms of its theme."""
    feats = terms_of.features
    themes = terms_of.themes
    terms: list[str] = []
    for fid in fids:
        if len(terms) >= n:
            break
        name = feats[fid]
        if name[0] == "L":
            theme = name[2:]
            cands = [t for t in lexicon if theme in themes[t]]
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


def ranked_features(scorer: SentenceScorer, indptr, indices, data, char_words, rows,
                    cols) -> list[list[int]]:
    """For each (unit row, class column) pair, the unit's features that can be shown as
    terms with a positive contribution (tf-idf value × coefficient) to the class, largest
    first, ties in feature order — for all pairs with a few array operations.

    Shown are lexicon features, and word and character n-gram features of two characters
    or more other than the number token; a character n-gram only when it is a whole word
    of the sentence, i.e. its key ``row * n_features + fid`` is in ``char_words`` (see
    ``SentenceVectorizer.transform_arrays``), so that evidence reads as terms, not as
    fragments that straddle two words."""
    terms_of = _terms_of(scorer.vectorizer)
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    lo = indptr[rows]
    cnt = indptr[rows + 1] - lo
    pair = np.repeat(np.arange(len(rows), dtype=np.int64), cnt)
    first = np.cumsum(cnt) - cnt
    at = np.arange(int(cnt.sum()), dtype=np.int64) - np.repeat(first - lo, cnt)
    fid = indices[at].astype(np.int64)
    keep = terms_of.showable[fid]
    fid, pair, at = fid[keep], pair[keep], at[keep]
    contrib = data[at] * scorer.coef[fid, cols[pair]]
    keep = contrib > 0
    char = terms_of.is_char[fid]
    if char.any():
        key = rows[pair[char]] * terms_of.n_features + fid[char]
        found = np.searchsorted(char_words, key)
        found[found == len(char_words)] = 0
        keep[char] &= (char_words[found] == key) if len(char_words) else False
    fid, pair, contrib = fid[keep], pair[keep], contrib[keep]
    order = np.argsort(-contrib, kind="stable")
    order = order[np.argsort(pair[order], kind="stable")]
    bounds = np.searchsorted(pair[order], np.arange(len(rows) + 1)).tolist()
    ranked = fid[order].tolist()
    return [ranked[bounds[i]:bounds[i + 1]] for i in range(len(rows))]


#: The most evidence sentences kept for one label of one text (the most probable).
MAX_EVIDENCE = 1000


def explain(scorer: SentenceScorer, texts, classes, label_rule, *, threshold=None,
            thresholds=None, top_n: int = 5) -> list[Classification]:
    """One :class:`Classification` per text: scores from the batched kernel, labels from
    ``label_rule(doc_proba)`` (the classifier's thresholding rule), and for each predicted
    label the sentences at or above its threshold, most probable first (at most
    :data:`MAX_EVIDENCE`), or else the best one, with their terms.

    The units are scored in bounded groups (:meth:`SentenceScorer.unit_groups`) and only
    the candidates for evidence are kept, so that memory does not grow with the length of
    a text.  Evidence terms are computed for the chosen evidence units only, their
    contributions ranked for all of them at once (from the arrays already computed when
    the batch was one group, the usual case)."""
    k = len(classes)
    n = len(texts)
    vec = scorer.vectorizer
    cut = np.asarray(thresholds if threshold is None else np.full(k, float(threshold)))
    norms = [normalize(t) for t in texts]
    doc = np.zeros((n, k))
    rel = np.zeros(n)
    has = np.zeros(n, dtype=bool)
    best: dict = {}   # (text, label) -> (p, unit number in the batch, span)
    cands: dict = {}  # (text, label) -> [(-p, unit number, span)] at or above the threshold
    kept = None       # the first group's units and arrays (reused when it is the only one)
    n_groups = 0
    g0 = 0  # the batch's number of the group's first unit
    for sents, owner, spans in scorer.unit_groups(texts, norms):
        indptr, indices, data, found = vec.transform_arrays(sents, found=True)
        p, r = scorer.gate(linear_scores(indptr, indices, data, scorer.coef,
                                         scorer.intercept))
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
        kept = (sents, indptr, indices, data, found) if n_groups == 0 else None
        n_groups += 1
        g0 += len(sents)
    labels_all = label_rule(doc)
    col = {c: j for j, c in enumerate(classes)}
    chosen: dict = {}
    for d in range(n):
        for lab in labels_all[d] if has[d] else ():
            j = col[lab]
            lst = sorted(cands.get((d, j), []))[:MAX_EVIDENCE]
            chosen[d, j] = lst or [(-best[d, j][0], best[d, j][1], best[d, j][2])]
    terms_at = _evidence_terms(scorer, norms, chosen, kept, top_n) if top_n else {}
    out: list[Classification] = []
    for d, norm in enumerate(norms):
        if not has[d]:
            out.append(Classification(norm, (), {c: 0.0 for c in classes}, {},
                                      0.0 if scorer.relevance else None))
            continue
        evidence = {}
        for lab in labels_all[d]:
            j = col[lab]
            evidence[lab] = tuple(
                Evidence(norm[s0:s1], s0, s1, -neg_p, terms_at.get((g, j), ()))
                for neg_p, g, (s0, s1) in chosen[d, j])
        scores = dict(zip(classes, doc[d].tolist()))
        relevance = float(rel[d]) if scorer.relevance else None
        out.append(Classification(norm, labels_all[d], scores, evidence, relevance))
    return out


def _evidence_terms(scorer, norms, chosen, kept, top_n) -> dict:
    """(unit number, class column) -> the readable terms of each chosen evidence unit:
    from the arrays of the batch's only group, or from the evidence units' own arrays
    when the batch was scored in several groups."""
    pairs = sorted({(g, j) for (d, j), lst in chosen.items() for _, g, _ in lst})
    if not pairs:
        return {}
    if kept is not None:
        sents, indptr, indices, data, found = kept
        row = {g: g for g, _ in pairs}
    else:
        where = {g: (d, span) for (d, _), lst in chosen.items() for _, g, span in lst}
        order = sorted(where)
        sents = [norms[where[g][0]][where[g][1][0]:where[g][1][1]] for g in order]
        indptr, indices, data, found = scorer.vectorizer.transform_arrays(sents, found=True)
        row = {g: i for i, g in enumerate(order)}
    rows = [row[g] for g, _ in pairs]
    cols = [j for _, j in pairs]
    terms_of = _terms_of(scorer.vectorizer)
    lexicon = found.lexicon_of(len(sents))
    ranked = ranked_features(scorer, indptr, indices, data, found.char_words, rows, cols)
    return {(g, j): _readable(fids, lexicon[r], terms_of, top_n)
            for (g, j), r, fids in zip(pairs, rows, ranked)}
