"""Evidence: which sentences justify each predicted theme and which of their terms weighed
most, computed for a batch of texts with the scoring kernel."""

from __future__ import annotations

import weakref

import numpy as np

from ..features._lexicon import lexicon_theme
from ._results import Classification, Evidence
from ._scorer import SentenceScorer, linear_scores

__all__ = ["explain", "ranked_features"]


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


def explain(scorer: SentenceScorer, texts, classes, label_rule, *, threshold=None,
            thresholds=None, top_n: int = 5) -> list[Classification]:
    """One :class:`Classification` per text: scores from the batched kernel, labels from
    ``label_rule(doc_proba)`` (the classifier's thresholding rule), and for each predicted
    label the sentences at or above its threshold (or the best one) with their terms.

    Evidence terms are computed for the predicted labels' evidence sentences only, their
    contributions ranked for all of them at once."""
    sents, owner, splits = scorer.units(texts)
    k = len(classes)
    vec = scorer.vectorizer
    r_all = None
    if sents:
        indptr, indices, data, found = vec.transform_arrays(sents, found=True)
        char_words = found.char_words
        p_all, r_all = scorer.gate(linear_scores(indptr, indices, data, scorer.coef,
                                                 scorer.intercept))
    else:
        indptr = np.zeros(1, np.int64)
        indices, data = np.zeros(0, np.int32), np.zeros(0)
        char_words = np.zeros(0, np.int64)
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
    col = {c: j for j, c in enumerate(classes)}
    # -- which units are evidence for which predicted label
    chosen_all: list = []  # per text: [(label, j, [unit rows])]
    pair_rows: list[int] = []
    pair_cols: list[int] = []
    for d in range(len(texts)):
        a, b = int(starts[d]), int(starts[d + 1])
        per_label = []
        if b > a:
            p = p_all[a:b]
            for lab in labels_all[d]:
                j = col[lab]
                order = np.argsort(-p[:, j], kind="stable")
                chosen = [a + i for i in order.tolist() if p[i, j] >= cut[j]] or [a + int(order[0])]
                per_label.append((lab, j, chosen))
                if top_n:
                    pair_rows.extend(chosen)
                    pair_cols.extend([j] * len(chosen))
        chosen_all.append(per_label)
    # -- their terms
    terms_at: dict = {}
    if pair_rows:
        terms_of = _terms_of(vec)
        lexicon = found.lexicon_of(len(sents))
        ranked = ranked_features(scorer, indptr, indices, data, char_words, pair_rows,
                                 pair_cols)
        for r, j, fids in zip(pair_rows, pair_cols, ranked):
            terms_at[r, j] = _readable(fids, lexicon[r], terms_of, top_n)
    # -- the results
    out: list[Classification] = []
    for d, (norm, spans) in enumerate(splits):
        a, b = int(starts[d]), int(starts[d + 1])
        if b == a:
            out.append(Classification(norm, (), {c: 0.0 for c in classes}, {},
                                      0.0 if scorer.relevance else None))
            continue
        evidence = {}
        for lab, j, chosen in chosen_all[d]:
            evs = []
            for r in chosen:
                s0, s1 = spans[r - a]
                evs.append(Evidence(sents[r], s0, s1, float(p_all[r, j]),
                                    terms_at.get((r, j), ())))
            evidence[lab] = tuple(evs)
        scores = dict(zip(classes, doc[d].tolist()))
        relevance = float(r_all[a:b].max()) if r_all is not None else None
        out.append(Classification(norm, labels_all[d], scores, evidence, relevance))
    return out
