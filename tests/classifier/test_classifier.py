"""Tests for cyberreport.classifier: the scikit-learn protocol, fitting, input
validation, outputs and explanations, determinism and the shipped default model."""

from __future__ import annotations

import json

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.classifier import Classification, Evidence, ThemeClassifier
from cyberreport.corpus import load_corpus
from cyberreport.taxonomy import THEME_IDS
from cyberreport.tokenize import Tokenizer


def _label_lists(corpus):
    return [list(p.labels) for p in corpus]


def _in_taxonomy_order(labels) -> bool:
    idx = [THEME_IDS.index(lab) for lab in labels]
    return idx == sorted(idx) and len(set(idx)) == len(idx)


# ---------------------------------------------------------------------------------------
# scikit-learn protocol
# ---------------------------------------------------------------------------------------

def test_clone_keeps_params():
    from sklearn.base import clone

    est = ThemeClassifier(C=2.0, char_ngram_range=(1, 2), threshold=0.4)
    c = clone(est)
    assert c is not est
    assert c.get_params() == est.get_params()
    assert c.C == 2.0 and c.char_ngram_range == (1, 2) and c.threshold == 0.4


def test_get_params_lists_every_init_argument():
    import inspect

    params = ThemeClassifier().get_params()
    init = inspect.signature(ThemeClassifier.__init__).parameters
    assert set(params) == set(init) - {"self", "deprecated"}  # **deprecated: old spellings
    assert {
        "C", "char_ngram_range", "use_words", "use_lexicon", "prior_weight",
        "class_weight", "threshold", "cv", "labels", "random_state",
    } <= set(params)
    for name, value in params.items():
        assert value == init[name].default
    assert params["C"] == 4.0 and params["threshold"] == "cv"


def test_set_params_sets_and_returns_self():
    est = ThemeClassifier()
    assert est.set_params(C=0.5, cv=3) is est
    assert est.get_params()["C"] == 0.5 and est.cv == 3


def test_set_params_invalid_name_raises_value_error_naming_it():
    with pytest.raises(ValueError, match="no_such_param"):
        ThemeClassifier().set_params(no_such_param=1)


def test_repr_shows_changed_params():
    assert repr(ThemeClassifier()) == "ThemeClassifier()"
    assert "C=2.0" in repr(ThemeClassifier(C=2.0))


def test_works_as_last_step_of_a_pipeline(corpus):
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    def norm(X):
        return [cr.normalize(x) for x in X]

    pipe = Pipeline([
        ("normalize", FunctionTransformer(norm)),
        ("themes", ThemeClassifier(threshold=0.5)),
    ])
    pipe.fit(corpus.texts, _label_lists(corpus))
    pred = pipe.predict(corpus.texts[:5])
    assert isinstance(pred, list) and len(pred) == 5
    assert all(isinstance(p, tuple) and set(p) <= set(THEME_IDS) for p in pred)
    assert any(pred)
    assert pipe.predict_proba(corpus.texts[:5]).shape == (5, 13)


def test_grid_search(corpus):
    from sklearn.model_selection import GridSearchCV, KFold

    gs = GridSearchCV(
        ThemeClassifier(threshold=0.5, cv=2), {"C": [0.5, 2.0]}, cv=KFold(3)
    )
    gs.fit(corpus.texts, _label_lists(corpus))
    assert gs.best_params_["C"] in (0.5, 2.0)
    assert 0.0 <= gs.best_score_ <= 1.0
    assert gs.best_estimator_.classes_ == list(THEME_IDS)
    assert len(gs.predict(corpus.texts[:3])) == 3


# ---------------------------------------------------------------------------------------
# fitting
# ---------------------------------------------------------------------------------------

def test_classes_are_the_taxonomy_in_order(fitted, model):
    assert fitted.classes_ == list(cr.THEME_IDS)
    assert model.classes_ == list(cr.THEME_IDS)
    assert fitted.coef_.shape == (fitted.n_features_, 13)
    assert fitted.intercept_.shape == (13,)
    assert fitted.thresholds_.shape == (13,)
    assert np.all((fitted.thresholds_ > 0) & (fitted.thresholds_ < 1))


def test_label_lists_and_indicator_matrix_fit_the_same(corpus):
    labels = _label_lists(corpus)
    Y = np.array([[t in labs for t in THEME_IDS] for labs in labels], dtype=int)
    assert Y.shape == (29, 13)
    a = ThemeClassifier(threshold=0.5).fit(corpus.texts, labels)
    b = ThemeClassifier(threshold=0.5).fit(corpus.texts, Y)
    assert a.classes_ == b.classes_ == list(THEME_IDS)
    assert a.predict(corpus.texts) == b.predict(corpus.texts)
    np.testing.assert_array_equal(a.predict_proba(corpus.texts), b.predict_proba(corpus.texts))


def test_sparse_indicator_matrix(corpus):
    from scipy.sparse import csr_matrix

    labels = _label_lists(corpus)
    Y = np.array([[t in labs for t in THEME_IDS] for labs in labels], dtype=int)
    a = ThemeClassifier(threshold=0.5).fit(corpus.texts, labels)
    b = ThemeClassifier(threshold=0.5).fit(corpus.texts, csr_matrix(Y))
    assert a.predict(corpus.texts) == b.predict(corpus.texts)


def test_indicator_matrix_with_wrong_number_of_columns(corpus):
    with pytest.raises(ValueError, match="12 columns"):
        ThemeClassifier(threshold=0.5).fit(corpus.texts, np.zeros((29, 12)))


def _write_corpus(path, records):
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8"
    )
    return load_corpus(path)


def test_fit_on_paragraphs_uses_sentence_labels(tmp_path):
    # Every paragraph pairs a security sentence with a media sentence.  Sentence labels
    # say which is which; paragraph labels alone (without the lexicon to place them)
    # give both labels to both sentences.
    sec = ["开展网络安全检查。", "加强网络安全防护。", "组织网络安全演练。", "通报网络安全漏洞。"]
    med = ["建设融媒体中心。", "推进融媒体改革。", "打造融媒体平台。", "发展融媒体矩阵。"]
    other = ["召开年度会议。", "总结工作经验。", "部署下步任务。", "表彰先进集体。"]
    records = []
    for i in range(4):
        records.append({"id": f"p{i}", "text": sec[i] + med[i], "sentences": [
            {"text": sec[i], "labels": ["security"]},
            {"text": med[i], "labels": ["media_convergence"]},
        ]})
        records.append({"id": f"q{i}", "text": other[i], "sentences": [
            {"text": other[i], "labels": []},
        ]})
    paras = _write_corpus(tmp_path / "c.jsonl", records)
    params = dict(threshold=0.5, use_lexicon=False, prior_weight=0)
    by_sentence = ThemeClassifier(**params).fit(paras)
    by_paragraph = ThemeClassifier(**params).fit(paras.texts, paras.labels)
    sec_col, med_col = THEME_IDS.index("security"), THEME_IDS.index("media_convergence")
    p_sent = by_sentence.predict_proba(["打造融媒体中心。", "开展网络安全演练。"])
    p_para = by_paragraph.predict_proba(["打造融媒体中心。", "开展网络安全演练。"])
    # the sentence-labelled model separates the two themes ...
    assert p_sent[0, sec_col] < 0.5 < p_sent[0, med_col]
    assert p_sent[1, med_col] < 0.5 < p_sent[1, sec_col]
    # ... much better than the paragraph-labelled one
    assert p_sent[0, sec_col] < p_para[0, sec_col] - 0.1
    assert p_sent[1, med_col] < p_para[1, med_col] - 0.1


def test_fit_on_paragraphs_equals_fit_with_y_none(corpus):
    a = ThemeClassifier(threshold=0.5).fit(corpus)
    b = ThemeClassifier(threshold=0.5).fit(list(corpus), None)
    np.testing.assert_array_equal(a.predict_proba(corpus.texts), b.predict_proba(corpus.texts))


def test_texts_without_y_raise():
    with pytest.raises(TypeError, match="y is required"):
        ThemeClassifier().fit(["开展网络安全检查"])


def test_custom_label_set():
    X = ["苹果很甜。", "香蕉很长。", "苹果和香蕉。", "今天下雨。"] * 3
    y = [["a"], ["b"], ["a", "b"], []] * 3
    clf = ThemeClassifier(threshold=0.5, use_lexicon=False).fit(X, y)
    assert clf.classes_ == ["a", "b"]
    proba = clf.predict_proba(X)
    assert proba.shape == (12, 2)
    pred = clf.predict(["苹果很甜。", "香蕉很长。"])
    assert pred == [("a",), ("b",)]
    c = clf.classify("苹果很甜。")
    assert set(c.scores) == {"a", "b"} and c.labels == ("a",)
    assert "a" in repr(c) and "<table" in c._repr_html_()


def test_custom_label_set_with_explicit_labels_and_indicator():
    X = ["苹果很甜。", "香蕉很长。", "苹果和香蕉。", "今天下雨。"] * 3
    Y = np.array([[0, 1], [1, 0], [1, 1], [0, 0]] * 3)
    clf = ThemeClassifier(threshold=0.5, labels=["b", "a"]).fit(X, Y)
    assert clf.classes_ == ["b", "a"]
    assert clf.predict(["苹果很甜。"]) == [("a",)]


def test_label_outside_explicit_label_set_raises():
    with pytest.raises(ValueError, match="'c'"):
        ThemeClassifier(threshold=0.5, labels=["a", "b"]).fit(["x", "y"], [["a"], ["c"]])


@pytest.mark.parametrize("n_labels", [28, 30])
def test_y_length_mismatch_raises(corpus, n_labels):
    labels = (_label_lists(corpus) * 2)[:n_labels]
    with pytest.raises(ValueError, match=str(n_labels)):
        ThemeClassifier(threshold=0.5).fit(corpus.texts, labels)


def test_indicator_matrix_row_mismatch_raises(corpus):
    with pytest.raises(ValueError, match="rows"):
        ThemeClassifier(threshold=0.5).fit(corpus.texts, np.zeros((28, 13), dtype=int))


def test_fit_on_empty_raises():
    with pytest.raises(ValueError, match="empty"):
        ThemeClassifier().fit([], [])


@pytest.mark.parametrize(
    "params, name",
    [
        ({"C": 0}, "C"),
        ({"C": -1.0}, "C"),
        ({"C": "big"}, "C"),
        ({"threshold": 2}, "threshold"),
        ({"threshold": 0}, "threshold"),
        ({"threshold": "auto"}, "threshold"),
        ({"char_ngram_range": (3, 1)}, "char_ngram_range"),
        ({"char_ngram_range": (1,)}, "char_ngram_range"),
        ({"cv": 1}, "cv"),
        ({"cv": 2.5}, "cv"),
        ({"prior_weight": -0.1}, "prior_weight"),
        ({"class_weight": "auto"}, "class_weight"),
    ],
)
def test_invalid_params_raise_value_error_naming_the_parameter(params, name):
    with pytest.raises(ValueError, match=rf"^{name} "):
        ThemeClassifier(**params).fit(["开展网络安全检查。"], [["security"]])


# ---------------------------------------------------------------------------------------
# bad input at prediction time
# ---------------------------------------------------------------------------------------

def test_predict_empty_list(model):
    assert model.predict([]) == []
    proba = model.predict_proba([])
    assert proba.shape == (0, 13)
    assert model.decision_function([]).shape == (0, 13)
    assert model.classify_many([]) == []


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
@pytest.mark.parametrize("value", ["开展网络安全检查", b"bytes"])
def test_single_string_raises_type_error(model, method, value):
    with pytest.raises(TypeError, match="sequence of strings"):
        getattr(model, method)(value)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
@pytest.mark.parametrize("bad", [None, 3, b"x", ["nested"]])
def test_non_string_item_raises_type_error_naming_the_index(model, method, bad):
    with pytest.raises(TypeError, match=r"X\[1\]"):
        getattr(model, method)(["开展网络安全检查", bad])


def test_non_iterable_raises_type_error(model):
    with pytest.raises(TypeError, match="sequence of strings"):
        model.predict(42)


def test_classify_non_string_raises(model):
    with pytest.raises(TypeError, match="str"):
        model.classify(None)
    with pytest.raises(TypeError, match=r"texts\[0\]"):
        model.classify_many([1])


def test_numpy_and_tuple_inputs(model, corpus):
    expected = model.predict(corpus.texts[:3])
    assert model.predict(tuple(corpus.texts[:3])) == expected
    assert model.predict(np.array(corpus.texts[:3])) == expected
    assert model.predict(t for t in corpus.texts[:3]) == expected


@pytest.mark.parametrize("text", ["", "   ", "。。！？", "……", "\n\t", "\u200b"])
def test_empty_and_punctuation_only_texts(model, text):
    assert model.predict([text]) == [()]
    proba = model.predict_proba([text])
    assert proba.shape == (1, 13)
    assert np.all((proba >= 0) & (proba <= 1))
    c = model.classify(text)
    assert c.labels == ()
    assert c.evidence == {}
    assert set(c.scores) == set(THEME_IDS)
    json.dumps(c.to_dict())
    assert "no theme" in repr(c)
    assert "<table" in c._repr_html_()


def test_empty_texts_mixed_with_real_ones(model, corpus):
    texts = ["", corpus.texts[0], "。。", corpus.texts[1]]
    pred = model.predict(texts)
    assert pred[0] == () and pred[2] == ()
    assert pred[1] == model.predict([corpus.texts[0]])[0]
    assert pred[3] == model.predict([corpus.texts[1]])[0]


@pytest.mark.slow
def test_one_megabyte_text(model, corpus):
    big = corpus.texts[0] * (1_000_000 // len(corpus.texts[0]) + 1)
    assert len(big) >= 1_000_000
    (pred,) = model.predict([big])
    # the text repeats one paragraph: its themes are that paragraph's
    assert pred == model.predict([corpus.texts[0]])[0]


def test_unfitted_model_raises_clear_error():
    clf = ThemeClassifier()
    for call in (
        lambda: clf.predict(["开展网络安全检查"]),
        lambda: clf.predict_proba(["开展网络安全检查"]),
        lambda: clf.decision_function(["开展网络安全检查"]),
        lambda: clf.classify("开展网络安全检查"),
    ):
        with pytest.raises(cr.NotFittedError, match="not fitted"):
            call()


def test_save_unfitted_model_raises(tmp_path):
    with pytest.raises(cr.NotFittedError, match="not fitted"):
        ThemeClassifier().save(tmp_path / "m")


# ---------------------------------------------------------------------------------------
# outputs
# ---------------------------------------------------------------------------------------

def test_predict_returns_tuples_in_taxonomy_order(model, corpus):
    pred = model.predict(corpus.texts)
    assert isinstance(pred, list) and len(pred) == 29
    for labels in pred:
        assert isinstance(labels, tuple)
        assert all(isinstance(x, str) for x in labels)
        assert _in_taxonomy_order(labels)
    assert sum(len(p) for p in pred) > 29  # multi-label texts are the norm here


def test_predict_agrees_with_proba_and_thresholds(model, corpus):
    proba = model.predict_proba(corpus.texts)
    pred = model.predict(corpus.texts)
    for row, labels in zip(proba, pred):
        assert labels == tuple(c for c, p, t in zip(model.classes_, row, model.thresholds_) if p >= t)


def test_predict_proba_shape_and_range(model, corpus):
    proba = model.predict_proba(corpus.texts)
    assert proba.shape == (29, 13)
    assert proba.dtype == np.float64
    assert np.all((proba >= 0) & (proba <= 1))


def test_decision_function_is_monotone_with_proba(model, corpus):
    texts = corpus.texts + [s.text for p in corpus for s in p.sentences] + ["", "今天天气晴朗。"]
    d = model.decision_function(texts)
    p = model.predict_proba(texts)
    assert d.shape == p.shape == (len(texts), 13)
    for j in range(13):
        order = np.argsort(d[:, j], kind="stable")
        assert np.all(np.diff(p[order, j]) >= 0)
    finite = np.isfinite(d)
    np.testing.assert_allclose(p[finite], 1 / (1 + np.exp(-d[finite])), rtol=1e-9, atol=1e-12)
    assert np.all(p[~finite] == 0)


def test_proba_is_the_best_sentence(model, corpus):
    para = corpus[3]
    whole = model.predict_proba([para.text])[0]
    per_sentence = model.predict_proba([s.text for s in para.sentences])
    np.testing.assert_allclose(whole, per_sentence.max(axis=0), rtol=1e-9, atol=1e-12)


def test_classify_matches_predict(model, corpus):
    pred = model.predict(corpus.texts)
    proba = model.predict_proba(corpus.texts)
    for text, labels, row in zip(corpus.texts, pred, proba):
        c = model.classify(text)
        assert c.labels == labels
        np.testing.assert_allclose([c.scores[k] for k in model.classes_], row, rtol=1e-9, atol=1e-12)


def test_classify_outputs(model, corpus):
    n_evidence = 0
    for text in corpus.texts:
        c = model.classify(text)
        assert isinstance(c, Classification)
        assert c.text == cr.normalize(text)
        assert set(c.labels) <= set(model.classes_)
        assert _in_taxonomy_order(c.labels)
        assert set(c.scores) == set(model.classes_)
        assert all(0.0 <= v <= 1.0 for v in c.scores.values())
        assert set(c.evidence) == set(c.labels)
        for lab in c.labels:
            evs = c.evidence[lab]
            assert len(evs) >= 1
            scores = [e.score for e in evs]
            assert scores == sorted(scores, reverse=True)
            assert max(scores) == pytest.approx(c.scores[lab])
            for e in evs:
                n_evidence += 1
                assert isinstance(e, Evidence)
                assert 0 <= e.start < e.end <= len(c.text)
                assert c.text[e.start:e.end] == e.sentence
                assert e.sentence.strip()
                assert isinstance(e.terms, tuple)
                for term in e.terms:
                    assert isinstance(term, str) and term
                    assert "<NUM>" not in term
                    assert term in e.sentence
                assert len(e.terms) <= 5
    assert n_evidence > 29


def test_evidence_terms_are_nonempty_for_clear_texts(model):
    c = model.classify("开展“净网”专项行动，关闭违法违规网站。")
    assert "content_governance" in c.labels
    (best, *_) = c.evidence["content_governance"]
    assert best.terms


def test_top_terms_limit(model, corpus):
    c = model.classify(corpus.texts[0], top_n=2)
    for evs in c.evidence.values():
        assert all(len(e.terms) <= 2 for e in evs)


def test_to_dict_is_json_serialisable(model, corpus):
    c = model.classify(corpus.texts[0])
    d = c.to_dict()
    back = json.loads(json.dumps(d, ensure_ascii=False))
    assert back["labels"] == list(c.labels)
    assert back["text"] == c.text
    assert set(back["scores"]) == set(THEME_IDS)
    assert set(back["evidence"]) == set(c.labels)
    for evs in back["evidence"].values():
        for e in evs:
            assert set(e) == {"sentence", "start", "end", "score", "terms"}
            assert c.text[e["start"]:e["end"]] == e["sentence"]


def test_repr_and_html(model, corpus):
    c = model.classify(corpus.texts[0])
    assert c.labels
    r = repr(c)
    assert r.startswith("Classification(")
    for lab in c.labels:
        assert lab in r
    h = c._repr_html_()
    assert isinstance(h, str) and "<table" in h and "</table>" in h
    for lab in c.labels:
        assert lab in h


def test_html_escapes_text(model):
    c = model.classify("开展网络安全检查<script>alert(1)</script>。")
    h = c._repr_html_()
    assert "<script>" not in h


@pytest.mark.parametrize("i", range(0, 29, 4))
def test_classify_threshold_nesting(model, corpus, i):
    strict = model.classify(corpus.texts[i], threshold=0.99)
    loose = model.classify(corpus.texts[i], threshold=0.01)
    default = model.classify(corpus.texts[i])
    # every model threshold lies in [0.01, 0.99], so the label sets nest
    assert set(strict.labels) <= set(default.labels) <= set(loose.labels)
    assert len(loose.labels) > len(strict.labels)
    assert strict.scores == loose.scores
    for lab in strict.labels:
        assert strict.scores[lab] >= 0.99
    for lab in loose.labels:
        assert loose.scores[lab] >= 0.01


def test_score_is_micro_f1(model, corpus):
    s = model.score(corpus.texts, _label_lists(corpus))
    assert 0.0 <= s <= 1.0
    assert s > 0.9  # training data


# ---------------------------------------------------------------------------------------
# determinism and the shipped model
# ---------------------------------------------------------------------------------------

def test_two_fits_with_the_same_seed_are_identical(fitted, corpus):
    again = ThemeClassifier().fit(corpus)
    np.testing.assert_array_equal(
        fitted.predict_proba(corpus.texts), again.predict_proba(corpus.texts)
    )
    np.testing.assert_array_equal(fitted.thresholds_, again.thresholds_)
    assert fitted.training_hash_ == again.training_hash_


@pytest.mark.slow
def test_shipped_model_equals_retrain_from_data(model, corpus):
    from cyberreport._build_default import train_default
    from cyberreport._default_data import datasets_dir

    if datasets_dir() is None:
        pytest.skip("the public data sets (../shared/datasets) are not here")
    retrained, _ = train_default()
    assert retrained.classes_ == model.classes_
    assert retrained.vectorizer_.features_ == model.vectorizer_.features_
    assert retrained.training_hash_ == model.training_hash_
    np.testing.assert_allclose(retrained.thresholds_, model.thresholds_, rtol=1e-9, atol=1e-12)
    assert retrained.predict(corpus.texts) == model.predict(corpus.texts)
    np.testing.assert_allclose(
        retrained.predict_proba(corpus.texts), model.predict_proba(corpus.texts),
        rtol=1e-9, atol=1e-12,
    )


def test_default_model_has_metadata(model):
    assert model.metrics_ is not None
    assert model.metadata_["format_version"] == 2
    assert isinstance(model.training_hash_, str) and len(model.training_hash_) == 64


@pytest.mark.parametrize(
    "text, expected, exact",
    [
        ("开展关键信息基础设施网络安全检查", {"security"}, False),
        ("开展“净网”“护苗”专项行动，关闭违法违规网站", {"content_governance"}, False),
        ("建设县级融媒体中心", {"media_convergence"}, False),
        ("组织互联网企业结对帮扶贫困村，实施网络扶贫", {"digital_inclusion"}, False),
        ("举办世界互联网大会", {"international"}, False),
        ("印发《网络安全事件应急预案》", {"security", "institution_building"}, False),
        ("今天天气晴朗。", set(), True),
    ],
)
def test_clear_texts(model, text, expected, exact):
    (labels,) = model.predict([text])
    if exact:
        assert set(labels) == expected
    else:
        assert expected <= set(labels), model.classify(text).scores




@pytest.mark.parametrize("n_jobs", [1, 2])
def test_lone_surrogates_do_not_crash_prediction(model, n_jobs):
    # A mis-decoded byte (surrogateescape) must not crash the segmenter deep inside.
    texts = ["网信办\ud800开展关键信息基础设施网络安全检查", "\udfff"] * 3
    clean = [t.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd") for t in texts]
    assert model.predict(texts, n_jobs=n_jobs) == model.predict(clean, n_jobs=n_jobs)
    assert model.classify(texts[0]).labels == model.predict(clean[:1])[0]
    assert Tokenizer().cut(texts[0]) == Tokenizer().cut(clean[0])
