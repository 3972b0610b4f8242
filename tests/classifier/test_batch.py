"""Tests for batch prediction at scale: chunked and parallel prediction (n_jobs,
chunk_size) equal to one process, the model's pickle, and the vectorised feature
extraction and text fast paths against their reference definitions."""

from __future__ import annotations

import pickle
import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cyberreport as cr
from cyberreport import _parallel as _batch
from cyberreport.classifier._batch import chunk_logits
from cyberreport import text as text_mod
from cyberreport.text import _normalize as norm_mod
from cyberreport.text import _sentences as sent_mod
from cyberreport.text import normalize


def synthetic(n: int, seed: int = 0) -> list[str]:
    """Paragraphs of 1-6 corpus sentences in random order, and some edge cases."""
    sents = [s.text for p in cr.load_corpus() for s in p.sentences]
    rng = random.Random(seed)
    out = ["".join(rng.sample(sents, rng.randint(1, 6))) for _ in range(n)]
    out[::97] = [""] * len(out[::97])  # no sentence: scores -inf / probability 0
    out[5::101] = ["   "] * len(out[5::101])
    out[7::89] = ["关闭网站11000余家,约谈3,500个账号。2016年12月"] * len(out[7::89])
    return out


@pytest.fixture(scope="module")
def texts():
    return synthetic(700)


# ---------------------------------------------------------------------------------------
# chunks and processes give the one-process result
# ---------------------------------------------------------------------------------------

def test_parallel_equals_one_process(model, texts):
    d1 = model.decision_function(texts)
    d2 = model.decision_function(texts, n_jobs=2, chunk_size=90)
    np.testing.assert_array_equal(d1, d2)
    np.testing.assert_array_equal(model.predict_proba(texts),
                                  model.predict_proba(texts, n_jobs=2, chunk_size=128))
    assert model.predict(texts) == model.predict(iter(texts), n_jobs=2, chunk_size=64)
    few = texts[:120]
    assert model.classify_many(few) == model.classify_many(few, n_jobs=2, chunk_size=25)
    assert model.classify_many(few, threshold=0.3) == model.classify_many(
        iter(few), threshold=0.3, n_jobs=2, chunk_size=50)


@pytest.mark.parametrize("chunk_size", [1, 7, 128, 129, 10_000])
def test_chunked_equals_unchunked(model, texts, chunk_size):
    whole = model.scorer_.doc_logits(texts)  # one batch, no chunks
    np.testing.assert_array_equal(model.decision_function(texts, chunk_size=chunk_size), whole)
    np.testing.assert_array_equal(
        model.decision_function(iter(texts), chunk_size=chunk_size), whole)


def test_other_iterables_and_paragraphs(model, corpus):
    expected = model.predict_proba(corpus.texts)
    np.testing.assert_array_equal(model.predict_proba(corpus, chunk_size=4), expected)
    np.testing.assert_array_equal(model.predict_proba(tuple(corpus.texts)), expected)
    np.testing.assert_array_equal(model.predict_proba(np.array(corpus.texts)), expected)
    np.testing.assert_array_equal(model.predict_proba(t for t in corpus.texts), expected)
    assert model.predict_proba(iter([]), n_jobs=2).shape == (0, 13)
    assert model.classify_many(iter([]), n_jobs=2) == []


def test_single_text_equals_batch(model, texts):
    """A text's scores do not depend on the texts batched with it."""
    batch = model.decision_function(texts[:60])
    for i in (0, 1, 7, 33):
        np.testing.assert_array_equal(model.decision_function([texts[i]])[0], batch[i])
        c = model.classify(texts[i]) if texts[i].strip() else None
        if c is not None:
            assert [c.scores[k] for k in model.classes_] == \
                model.predict_proba([texts[i]])[0].tolist()


def test_bad_items_are_named_by_their_index_in_the_whole_input(model):
    good = ["开展网络安全检查。"] * 10
    with pytest.raises(TypeError, match=r"X\[7\] must be a str, got NoneType \(None\)"):
        model.predict(good[:7] + [None] + good, chunk_size=3)
    with pytest.raises(TypeError, match=r"X\[7\] must be a str, got int"):
        model.predict(iter(good[:7] + [3] + good), chunk_size=3)
    with pytest.raises(TypeError, match=r"texts\[2\]"):
        model.classify_many(["a", "b", b"c"], n_jobs=2)
    with pytest.raises(TypeError, match="sequence of strings"):
        model.predict_proba("开展网络安全检查", n_jobs=2)


def test_a_list_is_checked_before_any_work(model, monkeypatch):
    calls = []
    import cyberreport.classifier._batch as batch_mod

    monkeypatch.setattr(batch_mod, "chunk_logits", lambda m, t: calls.append(len(t)))
    with pytest.raises(TypeError, match=r"X\[5000\]"):
        model.decision_function(["开展网络安全检查。"] * 5000 + [None], chunk_size=100)
    assert calls == []


@pytest.mark.parametrize("kwargs, match", [
    ({"n_jobs": 0}, "n_jobs"), ({"n_jobs": 1.5}, "n_jobs"), ({"n_jobs": True}, "n_jobs"),
    ({"chunk_size": 0}, "chunk_size"), ({"chunk_size": "10"}, "chunk_size"),
])
def test_bad_arguments(model, kwargs, match):
    with pytest.raises(ValueError, match=match):
        model.predict(["开展网络安全检查。"], **kwargs)


def test_unfitted_model_fails_before_starting_workers():
    with pytest.raises(cr.NotFittedError, match="not fitted"):
        cr.ThemeClassifier().predict(["x"], n_jobs=2)
    with pytest.raises(cr.NotFittedError, match="not fitted"):
        cr.ThemeClassifier().classify_many(["x"], n_jobs=2)


# ---------------------------------------------------------------------------------------
# what travels to a worker
# ---------------------------------------------------------------------------------------

def test_model_pickle_is_small_and_predicts_identically(model, texts):
    data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    # coef_ (n_features x 13 float64) is the bulk; no derived lookup tables travel
    assert len(data) < model.scorer_.coef.nbytes + 400_000
    state = model.vectorizer_.__getstate__()
    for derived in ("index_", "block_", "_matcher", "_owners", "_patterns", "_fast"):
        assert derived not in state
    model.predict(texts[:5])  # builds the lookup tables in this process
    assert len(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)) == len(data)
    clone = pickle.loads(data)
    np.testing.assert_array_equal(clone.decision_function(texts), model.decision_function(texts))
    assert clone.vectorizer_.index_ == model.vectorizer_.index_


def test_the_model_is_shipped_once_per_call(model, texts, monkeypatch):
    """Each task carries the same byte array (joblib memory-maps it once per call and
    sends a reference); a worker unpickles a model once and keeps it by key."""
    ship = _batch._Shipment(model)
    assert ship.payload.nbytes == ship.nbytes > 0
    _batch._WORKER_MODELS.clear()
    a = _batch._worker_model(ship.key, ship.payload)
    assert _batch._worker_model(ship.key, ship.payload) is a
    np.testing.assert_array_equal(
        _batch._run_chunk(ship.key, ship.payload, chunk_logits, texts[:20], {}),
        model.decision_function(texts[:20]))
    for k in ("k1", "k2", "k3"):
        _batch._WORKER_MODELS[k] = None
    _batch._worker_model("k4", ship.payload)
    assert len(_batch._WORKER_MODELS) == 2  # bounded
    _batch._WORKER_MODELS.clear()


# ---------------------------------------------------------------------------------------
# fast paths against their reference definitions
# ---------------------------------------------------------------------------------------

def _sentences(texts):
    out = []
    for t in texts:
        n = normalize(t)
        out += [n[a:b] for a, b in text_mod.sentence_spans(n)]
    return out


def _assert_same_csr(vec, sentences):
    ip, ix, dt = vec._transform_arrays_reference(sentences)
    ip2, ix2, dt2 = vec.transform_arrays(sentences)
    np.testing.assert_array_equal(ip2, ip)
    np.testing.assert_array_equal(ix2, ix)
    np.testing.assert_allclose(dt2, dt, rtol=1e-12, atol=1e-15)
    assert ix2.dtype == np.int32 and ip2.dtype == np.int64


EDGE = ["", " ", "a_b__c 123", "２０１６年关闭网站11000余家", "中国—东盟信息港建设",
        "𠀀网信办𠀁网络安全", "3.5万个 2,000条 100%", "《网络安全法》“净网2016”", "。。。",
        "网信办网信办网信办", "制定出台网络安全事件应急预案"]


def test_fast_transform_equals_reference(model, texts):
    _assert_same_csr(model.vectorizer_, _sentences(texts[:300]) + EDGE)


@pytest.mark.parametrize("params", [
    dict(char_ngram_range=(2, 4), use_words=False, lexicon_weight=2.0),
    dict(char_ngram_range=(1, 1), use_lexicon=False),
])
def test_fast_transform_equals_reference_other_settings(corpus, params, texts):
    clf = cr.ThemeClassifier(threshold=0.5, **params).fit(corpus)
    _assert_same_csr(clf.vectorizer_, _sentences(texts[:80]) + EDGE)


_ALPHABET = list("网信办安全关键基础设施网络宣传周净网行动。，,;；!！?（）()“”《》 \u3000") + \
    ["2016", "11000余家", "3,500", "a_b", "ＡＢＣ", "𠀀", "\t", "\n", "—", ".", "中国—东盟信息港"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_ALPHABET), max_size=12).map("".join), max_size=6))
def test_fast_transform_equals_reference_on_any_text(model, sentences):
    _assert_same_csr(model.vectorizer_, sentences)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=20).map("".join))
def test_token_ids_equal_cut(model, text):
    tok = model.vectorizer_.tokenizer
    ids = {f[2:]: i for f, i in model.vectorizer_.index_.items() if f.startswith("w:")}
    ids["3,500"] = 10**6  # a token that cut() never returns whole
    lookup = tok._token_ids(ids)
    expected = [ids[t] for t in tok.cut(text) if t in ids]
    assert lookup(text) == expected
    # in a batch: the neighbours of a text do not change its tokens
    for texts in ([text, "，" + text, text + " 2016", "", "," + text + ","],
                  [text, text + "\ue000x"]):  # (with the batch separator: one by one)
        counts, flat = lookup.batch(texts)
        per = [[ids[t] for t in tok.cut(s) if t in ids] for s in texts]
        assert counts.tolist() == [len(p) for p in per]
        assert flat.tolist() == [i for p in per for i in p]


@pytest.mark.parametrize("numbers", ["fold", "drop", "keep"])
@pytest.mark.parametrize("with_num", [True, False])
def test_token_ids_number_rules(model, numbers, with_num):
    """Numbers, measure words after them (also when they are in the vocabulary), <NUM>
    absent from the vocabulary: the id fast path follows cut()."""
    tok = cr.Tokenizer(stopwords=True, numbers=numbers, keep_titles=False)
    ids = {f[2:]: i for f, i in model.vectorizer_.index_.items() if f.startswith("w:")}
    ids.update({"家": 10**6, "万": 10**6 + 1, "余": 10**6 + 2})
    if not with_num:
        ids.pop("<NUM>", None)
    pieces = ["2016", "11000", "余", "家", "万", "条", "3.5", "个", "网信办", "，", "。",
              "开展", "3,500", "100%", "的", " ", "年", "12月", "关闭网站"]
    rng = random.Random(7)
    lookup = tok._token_ids(ids)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(600)]
    expected = [[ids[t] for t in tok.cut(s) if t in ids] for s in texts]
    assert [lookup(s) for s in texts] == expected
    counts, flat = lookup.batch(texts)
    assert counts.tolist() == [len(e) for e in expected]
    assert flat.tolist() == [i for e in expected for i in e]


def _assert_same_fit(vec_args, sentences, keep=None, keep_min_df=1):
    from cyberreport.features._vectorizer import SentenceVectorizer

    fast = SentenceVectorizer(**vec_args).fit(
        iter(sentences), keep=None if keep is None else iter(keep), keep_min_df=keep_min_df)
    ref = SentenceVectorizer(**vec_args)._fit_reference(sentences, keep=keep,
                                                        keep_min_df=keep_min_df)
    assert fast.features_ == ref.features_
    np.testing.assert_array_equal(fast.idf_, ref.idf_)
    np.testing.assert_array_equal(fast.block_, ref.block_)


_FIT_SETTINGS = [
    dict(char_ngram_range=(1, 2), use_words=True),
    dict(char_ngram_range=(1, 3), use_words=True, lexicon="model", min_df=2),
    dict(char_ngram_range=(2, 5), use_words=False, lexicon="model"),
    dict(char_ngram_range=(3, 3), use_words=True, min_df=3),
    dict(char_ngram_range=(0, 0), use_words=True, lexicon="model"),
    dict(char_ngram_range=(0, 2), use_words=False),
    dict(char_ngram_range=(1, 8), use_words=False, lexicon="model"),
    dict(char_ngram_range=(4, 10), use_words=True),
]


def _vec_args(model, params):
    params = dict(params)
    if params.get("lexicon") == "model":
        params["lexicon"] = model.vectorizer_.lexicon
    return params


@pytest.mark.parametrize("params", _FIT_SETTINGS)
@pytest.mark.parametrize("keep", [None, "every_third", "all", "none"])
def test_fast_fit_equals_reference(model, texts, params, keep):
    """The vocabulary, idf and blocks of ``fit`` (vectorised document frequencies) equal
    those of counting ``analyze`` sentence by sentence, with and without keep flags."""
    sentences = _sentences(texts[:200]) + EDGE + EDGE
    flags = {None: None, "all": [True] * len(sentences), "none": [False] * len(sentences),
             "every_third": [i % 3 == 0 for i in range(len(sentences))]}[keep]
    for keep_min_df in (0, 1, 2):
        _assert_same_fit(_vec_args(model, params), sentences, flags, keep_min_df)


@pytest.mark.parametrize("chunk_chars", [3, 7, 50])
def test_fast_fit_counts_in_chunks(model, texts, monkeypatch, chunk_chars):
    """An input longer than a chunk is counted a chunk at a time, and a sentence longer
    than a chunk in overlapping windows of its word characters (also where a run of
    punctuation or digits meets a window's edge), to the same result."""
    from cyberreport.features import _df

    sentences = _sentences(texts[:60]) + EDGE + [
        "网信" + "，" * 40 + "办公室" + "。" * 9 + "12345678网络安全", "ab" * 30,
        "关键信息基础设施" * 5, "、".join("网络安全宣传周")]
    monkeypatch.setattr(_df, "CHUNK_CHARS", chunk_chars)
    for params in _FIT_SETTINGS:
        _assert_same_fit(_vec_args(model, params), sentences,
                         [i % 2 == 0 for i in range(len(sentences))])


_FIT_ALPHABET = _ALPHABET + ["\ud800", "\udfff", "０１２", "𠀀𠀁𠀂", "\U0010ffff", "²Ⅻ٣",
                             "e\u0301", "\x00", "\ufeff", "__", "关键信息基础设施"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FIT_ALPHABET), max_size=14).map("".join),
                max_size=8),
       st.sampled_from(range(len(_FIT_SETTINGS))), st.sampled_from([1, 2, 3, 5, 10**6]),
       st.sampled_from([0, 1, 2]))
def test_fast_fit_equals_reference_on_any_text(model, sentences, which, chunk_chars,
                                               keep_min_df):
    """Any text (surrogates, astral and full-width characters, combining marks …), any
    chunk size (so that sentences are counted in windows), any n-gram range: the fit
    equals the per-sentence definition."""
    from cyberreport.features import _df

    saved = _df.CHUNK_CHARS
    _df.CHUNK_CHARS = chunk_chars  # (no monkeypatch: hypothesis runs many examples)
    try:
        _assert_same_fit(_vec_args(model, _FIT_SETTINGS[which]), sentences,
                         [len(s) % 2 == 0 for s in sentences], keep_min_df)
    finally:
        _df.CHUNK_CHARS = saved


@pytest.mark.parametrize("method", ["fit", "_fit_reference"])
@pytest.mark.parametrize("keep, fragment", [([True], "keep has 1 flags but there are more"),
                                            ([True, False, True], "more flags than the 2")])
def test_fit_keep_of_the_wrong_length_is_a_clear_error(method, keep, fragment):
    from cyberreport.features._vectorizer import SentenceVectorizer

    with pytest.raises(ValueError, match=fragment):
        getattr(SentenceVectorizer(use_words=False), method)(["网信", "办公"], keep=keep)


def test_fit_on_many_empty_sentences_keeps_chunks_bounded(monkeypatch):
    """Every sentence counts towards a chunk's size, so empty ones do not pile up."""
    from cyberreport.features import _df

    monkeypatch.setattr(_df, "CHUNK_CHARS", 10)
    sizes = [len(chunk) for chunk, _ in _df._chunks(("" for _ in range(100)), None)]
    assert sum(sizes) == 100 and max(sizes) <= 10


def test_lexicon_hits_are_leftmost_longest_like_the_regex(model):
    """Strings made of overlapping lexicon terms: the vectorised matcher counts the hits
    ``re.finditer`` over the longest-first alternation finds."""
    terms = list(model.vectorizer_._owners)
    rng = random.Random(1)
    samples = ["".join(rng.choice(terms + ["的", "网", "。", "安", "信息"]) for _ in range(8))
               for _ in range(400)]
    _assert_same_csr(model.vectorizer_, samples)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 7)), max_size=15,
                unique_by=lambda x: x[0]))
def test_leftmost_nonoverlapping_is_finditer_order(cands):
    from cyberreport.features._fast import _leftmost_nonoverlapping

    cands = sorted(cands)
    starts = np.array([s for s, _ in cands], dtype=np.int64)
    ends = np.array([s + n for s, n in cands], dtype=np.int64)
    kept, cur = [], -1
    for s, e in zip(starts.tolist(), ends.tolist()):
        if s >= cur:
            kept.append(s)
            cur = e
    assert _leftmost_nonoverlapping(starts, ends).tolist() == kept


def test_word_mask_is_the_regex_word_class():
    from cyberreport.features._fast import word_mask

    cps = np.arange(0, 0x30000, dtype=np.int64)
    cps = cps[(cps < 0xD800) | (cps > 0xDFFF)]  # no surrogates in a str
    text = "".join(map(chr, cps.tolist()))
    kept = re.sub(r"[\W_]+", "", text)
    assert "".join(map(chr, cps[word_mask(cps)].tolist())) == kept


# reference implementations of the text fast paths (the previous definitions)
_OLD_WS = re.compile(r"[^\S ]|  |^ | $")
_OLD_PUNCT = re.compile(
    rf"(?<=[{norm_mod._CJK_CONTEXT}])[!(),:;?]|[!(),:;?](?=[{norm_mod._CJK_CONTEXT}])")


def _old_spans(text):
    n = len(text)
    if n == 0:
        return []
    spans, start, i, ascii_quote_open = [], 0, 0, False
    last = {c: text.rfind(c) for c in set(sent_mod._OPEN_CLOSE.values()) | {'"'}}
    while i < n:
        ch = text[i]
        close = sent_mod._OPEN_CLOSE.get(ch)
        if close is not None:
            if last[close] > i:
                i = text.find(close, i + 1) + 1
                continue
        elif ch == '"':
            ascii_quote_open = not ascii_quote_open and last['"'] > i
            i += 1
            continue
        is_end = ch in sent_mod._TERMINATORS and not ascii_quote_open
        if ch == "." and not ascii_quote_open:
            nxt = text[i + 1] if i + 1 < n else ""
            is_end = not (nxt.isascii() and nxt.isalnum()) and nxt != "."
        if not is_end:
            i += 1
            continue
        i += 1
        while i < n and (text[i] in sent_mod._TRAILING or text[i] == "."):
            i += 1
        while i < n and text[i].isspace():
            i += 1
        spans.append((start, i))
        start = i
    if start < n:
        spans.append((start, n))
    return spans


_TEXT_ALPHABET = list(" \t\n\u3000a1,;:!?()。！？；.\"“”《》「」『』‘’）)网𠀀、\ufeff")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_ALPHABET), max_size=16).map("".join))
def test_text_fast_paths_equal_their_definitions(s):
    assert bool(norm_mod._WS_FIX_RE.search(s)) == bool(_OLD_WS.search(s))
    assert norm_mod._PUNCT_RE.sub(norm_mod._fullwidth, s) == _OLD_PUNCT.sub(norm_mod._fullwidth, s)
    assert text_mod.sentence_spans(s) == _old_spans(s)


def test_sentence_spans_on_the_corpus(corpus):
    for t in corpus.texts:
        n = normalize(t)
        assert text_mod.sentence_spans(n) == _old_spans(n)
