"""One TF-IDF definition: the vectorizer, keywords and topics use the same smoothed IDF
and sublinear term frequency."""

from __future__ import annotations

from collections import Counter

import numpy as np

import cyberreport as cr
from cyberreport.features import Keywords
from cyberreport.features._tfidf import smooth_idf, sublinear_tf

DOCS = ["开展网络安全检查。", "建设县级融媒体中心。", "开展净网专项行动，开展网络安全检查。"]


def test_definitions():
    assert smooth_idf(0, 3) == np.log(4) + 1
    np.testing.assert_allclose(smooth_idf(np.array([1, 3]), 3), np.log(4 / np.array([2, 4])) + 1)
    assert sublinear_tf(1) == 1.0
    np.testing.assert_allclose(sublinear_tf(np.array([1, np.e])), [1.0, 2.0])


def test_keywords_use_it():
    kw = Keywords(DOCS)
    df = Counter(t for d in DOCS for t in set(kw.tokenizer.cut(d)))
    assert kw.idf == {t: smooth_idf(c, len(DOCS)) for t, c in df.items()}


def test_topics_use_it():
    tm = cr.TopicModel(n_topics=2).fit(DOCS)
    tok = tm._tokenizer()
    units = tm.units_
    df = Counter(t for u in units for t in set(x for x in tok.cut(u) if x in tm.vocabulary_))
    expected = smooth_idf(np.array([df[t] for t in tm.vocabulary_]), len(units))
    np.testing.assert_allclose(tm.idf_, expected)


def test_the_classifier_uses_it(model):
    vec = model.vectorizer_
    assert vec.idf_.dtype == np.float64 and np.all(vec.idf_ >= 1.0)
