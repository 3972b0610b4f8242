"""Evidence computed in batches equals evidence computed one sentence at a time (the 0.1
definition, kept here as the reference)."""

from __future__ import annotations

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.features._lexicon import lexicon_theme


def _reference_terms(vec, coef, sentence, idx, val, j, n):
    """Readable terms of a sentence by contribution to class ``j``, the 0.1 way: every
    feature in turn, the tokenizer and the lexicon regex asked per sentence."""
    contrib = val * coef[idx, j]
    feats = vec.features_
    words = None
    terms = []
    for pos in np.argsort(-contrib, kind="stable"):
        if contrib[pos] <= 0 or len(terms) >= n:
            break
        name = feats[idx[pos]]
        if name.startswith("L:"):
            lex, owners = vec._matcher, vec._owners
            cands = [m.group() for m in lex.finditer(sentence)
                     if any(lexicon_theme(k) == name[2:] for k in owners[m.group()])] if lex else []
        elif name.startswith("c:"):
            if words is None:
                words = set(vec.tokenizer.cut(sentence))
            if name[2:] not in words:
                continue
            cands = [name[2:]]
        else:
            cands = [name[2:]]
        for term in cands:
            if len(term) < 2 or term == "<NUM>" or any(term in t for t in terms):
                continue
            terms = [t for t in terms if t not in term]
            terms.append(term)
    return tuple(terms[:n])


def _reference(model, text, threshold, top_n):
    scorer = model.scorer_
    vec = scorer.vectorizer
    sents, _, [(norm, spans)] = scorer.units([text])
    if not sents:
        return {}
    indptr, indices, data = vec.transform_arrays(sents)
    proba = model.predict_proba([text])
    labels = model.labels_from_proba(proba, threshold=threshold)[0]
    p, _ = scorer.gate(scorer.unit_logits(sents))
    cut = model.thresholds_ if threshold is None else np.full(len(model.classes_), threshold)
    out = {}
    for lab in labels:
        j = list(model.classes_).index(lab)
        order = np.argsort(-p[:, j], kind="stable")
        chosen = [i for i in order if p[i, j] >= cut[j]] or [int(order[0])]
        out[lab] = tuple(
            (sents[i], spans[i][0], spans[i][1],
             _reference_terms(vec, scorer.coef, sents[i], indices[indptr[i]:indptr[i + 1]],
                              data[indptr[i]:indptr[i + 1]], j, top_n))
            for i in chosen)
    return out


def _texts():
    texts = [p.text for p in cr.load_corpus()]
    texts += [s.text for p in cr.load_corpus() for s in p.sentences][::3]
    texts += [p.text for p in cr.load_corpus(bundled="eval")]
    return texts + ["", "。", "网络安全", "删除有害信息11000余条，约谈网站3家。"]


@pytest.mark.parametrize("threshold,top_n", [(None, 5), (0.3, 3), (None, 10), (0.6, 1)])
def test_batched_evidence_equals_reference(threshold, top_n):
    model = cr.load_model()
    texts = _texts()
    got = model.classify_many(texts, threshold=threshold, top_n=top_n, progress=False)
    for text, c in zip(texts, got):
        want = _reference(model, text, threshold, top_n)
        have = {lab: tuple((e.sentence, e.start, e.end, e.terms) for e in evs)
                for lab, evs in c.evidence.items()}
        assert have == want, text


def test_no_terms_when_top_n_is_zero():
    c = cr.load_model().classify("开展“净网”专项行动，关闭违法违规网站。", top_n=0)
    assert c.evidence and all(e.terms == () for evs in c.evidence.values() for e in evs)


def test_found_words_and_lexicon_match_the_tokenizer_and_regex():
    vec = cr.load_model().scorer_.vectorizer
    sents = [s.text for p in cr.load_corpus() for s in p.sentences]
    *csr, found = vec.transform_arrays(sents, found=True)
    plain = vec.transform_arrays(sents)
    for a, b in zip(csr, plain):
        assert np.array_equal(a, b)
    n = len(vec.features_)
    want = set()
    for r, s in enumerate(sents):
        for t in vec.tokenizer.cut(s):
            fid = vec.index_.get("c:" + t)
            if fid is not None and len(t) >= 2:
                want.add(r * n + fid)
    assert set(found.char_words.tolist()) == want
    assert found.lexicon_of(len(sents)) == [[m.group() for m in vec._matcher.finditer(s)]
                                            for s in sents]
