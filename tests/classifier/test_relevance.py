"""Themes only where there is 网信 work: the relevance model, the gate, "no theme" as an
outcome, and the mixed government work report."""

from __future__ import annotations

import numpy as np
import pytest

import cyberreport as cr

OFF_DOMAIN = [
    "市应急管理局开展安全生产大检查，排查消防隐患120处。",
    "县里通过发展特色种植产业带动贫困群众脱贫增收。",
    "景区举办民俗文化节，吸引游客10万人次。",
    "两国领导人举行会谈，签署多项经贸合作协议。",
    "学校开展职业技能培训，培训学员500人次。",
    "法院审结一批民商事案件，切实维护群众合法权益。",
]
WANGXIN = [
    "开展关键信息基础设施网络安全检查，整改漏洞隐患。",
    "开展“净网”专项行动，关闭违法违规网站30家。",
    "建设县级融媒体中心，推进媒体深度融合。",
]


def test_off_domain_texts_get_no_theme_and_low_relevance(model):
    cs = model.classify_many(OFF_DOMAIN)
    assert [c.labels for c in cs] == [()] * len(OFF_DOMAIN)
    assert all(c.relevance is not None and c.relevance < 0.5 for c in cs)
    assert "no theme" in repr(cs[0]) and "relevance" in repr(cs[0])


def test_wangxin_texts_get_themes_and_high_relevance(model):
    cs = model.classify_many(WANGXIN)
    assert [c.labels for c in cs] == [("security",), ("content_governance",),
                                      ("media_convergence",)]
    assert all(c.relevance > 0.5 for c in cs)
    r = model.relevance(WANGXIN + OFF_DOMAIN)
    assert r.shape == (9,) and (r[:3] > r[3:].max()).all()


def test_a_theme_needs_a_relevant_sentence(model):
    """A text's probability for a theme never exceeds the relevance of its best sentence
    (the gate is P(theme | relevant) x P(relevant))."""
    texts = WANGXIN + OFF_DOMAIN + ["开展网络安全检查。今天天气晴朗。"]
    proba = model.predict_proba(texts)
    assert (proba.max(axis=1) <= model.relevance(texts) + 1e-12).all()
    assert model.classify(texts[-1]).evidence["security"][0].sentence == "开展网络安全检查。"


def test_relevance_in_the_result_record(model):
    d = model.classify(OFF_DOMAIN[0]).to_dict()
    assert d["labels"] == [] and 0 <= d["relevance"] < 0.5


def test_mixed_government_work_report(model):
    """The mixed document: its 网信 paragraphs get their themes, and at most one of the
    other paragraphs gets any."""
    doc = cr.load_corpus(bundled="mixed")
    pred = model.predict(doc.texts)
    wangxin = [i for i, p in enumerate(doc) if p.labels]
    assert len(doc) == 20 and 2 <= len(wangxin) <= 4
    for i in wangxin:
        assert set(doc[i].labels) <= set(pred[i]), (doc[i].id, doc[i].labels, pred[i])
    others = [i for i in range(len(doc)) if i not in wangxin and pred[i]]
    assert len(others) <= 1, [(doc[i].id, pred[i]) for i in others]


def _toy():
    X = ["开展网络安全检查。", "整改系统漏洞。", "建设融媒体中心。", "推进媒体融合。",
         "开展消防安全检查。", "举办乡村文化节。", "今天天气晴朗。", "球队赢得比赛。"]
    y = [["security"], ["security"], ["media_convergence"], ["media_convergence"],
         [], [], [], []]
    return X, y


def test_negatives_teach_relevance_and_are_not_theme_examples():
    X, y = _toy()
    m = cr.ThemeClassifier(threshold=0.5, prior_weight=0.0, use_relevance=True).fit(X, y)
    r = m.relevance(X)
    assert r[:4].min() > r[4:].max()
    assert m.scorer_.coef.shape[1] == len(m.classes_) + 1
    plain = cr.ThemeClassifier(threshold=0.5, prior_weight=0.0, use_relevance=False).fit(X, y)
    assert plain.scorer_.coef.shape[1] == len(plain.classes_)
    with pytest.raises(ValueError, match="no relevance model"):
        plain.relevance(X)
    assert plain.classify(X[0]).relevance is None


def test_relevance_is_off_for_custom_single_label_sets():
    X = ["银行下调贷款利率", "股市收盘上涨", "球队赢得比赛", "运动员打破纪录"] * 2
    y = [["finance"], ["finance"], ["sports"], ["sports"]] * 2
    m = cr.ThemeClassifier(threshold=0.5, unit="text").fit(X, y)
    assert not m.scorer_.relevance


def test_frequent_negative_features_enter_the_vocabulary_rare_ones_do_not():
    X = ["开展网络安全检查。"] * 3 + ["消防演练在学校举行。"] * 3 + ["罕见词语组合出现。"]
    y = [["security"]] * 3 + [[]] * 4
    m = cr.ThemeClassifier(threshold=0.5, prior_weight=0.0, negative_min_df=2,
                           min_df=1).fit(X, y)
    feats = set(m.vectorizer_.features_)
    assert {"w:消防", "w:演练", "c:消防"} <= feats
    assert "c:罕见" not in feats


def test_saved_relevance_model_round_trip(model, tmp_path):
    model.save(tmp_path / "m")
    loaded = cr.load_model(tmp_path / "m")
    np.testing.assert_array_equal(loaded.relevance(OFF_DOMAIN), model.relevance(OFF_DOMAIN))


@pytest.mark.parametrize("text,expected", [
    ("开展网络安全检查。", 1.0),
    ("市网信办约谈属地直播平台。", 1.0),
    ("推进政务数据共享。", 1.0),
    ("县里检查书店和印刷厂。", 0.0),
    ("晚报开设舆论监督专栏。", 0.0),
    ("网格员入户走访收集社情。", 0.0),  # 网格 (a grid of streets) is not a network
])
def test_online_marker_finds_an_internet_information_or_data_element(text, expected):
    """Boundary decision 13: every theme needs an internet, information or data element;
    the marker feature ``L:@online`` says whether a sentence has one."""
    m = cr.ThemeClassifier(threshold=0.5).fit(WANGXIN + OFF_DOMAIN,
                                             [["security"], ["content_governance"],
                                              ["media_convergence"]] + [[]] * 6)
    assert "L:@online" in m.vectorizer_.features_
    assert m.vectorizer_.analyze(text).get("L:@online", 0.0) == expected


def test_online_marker_is_not_used_for_custom_label_sets():
    X = ["银行下调贷款利率", "股市收盘上涨", "球队赢得比赛", "运动员打破纪录"] * 2
    y = [["finance"], ["finance"], ["sports"], ["sports"]] * 2
    m = cr.ThemeClassifier(threshold=0.5, unit="text").fit(X, y)
    assert not any(f.startswith("L:") for f in m.vectorizer_.features_)


@pytest.mark.parametrize("beta", [0, -1, "high", None])
def test_threshold_beta_is_validated(beta):
    with pytest.raises(cr.InvalidParameterError, match="threshold_beta"):
        cr.ThemeClassifier(threshold_beta=beta).fit(["开展网络安全检查"] * 4, [["security"]] * 4)


def test_smaller_threshold_beta_favours_precision():
    """The CV thresholds maximise F-beta: beta < 1 never lowers a threshold's precision
    side, so it predicts no more labels than F1's thresholds on the same data."""
    from cyberreport.classifier._thresholds import cv_thresholds, fbeta

    rng = np.random.RandomState(0)
    Y = rng.rand(300, 4) < 0.3
    oof = np.clip(Y * 0.35 + rng.rand(300, 4) * 0.65, 0, 1)
    t1 = cv_thresholds(oof, Y, beta=1.0)
    t05 = cv_thresholds(oof, Y, beta=0.5)
    assert (oof >= t05).sum() <= (oof >= t1).sum()
    P = oof >= 0.5
    assert fbeta(Y, P, 1.0) == pytest.approx(
        2 * (Y & P).sum() / (2 * (Y & P).sum() + (~Y & P).sum() + (Y & ~P).sum()))
    assert fbeta(np.zeros((2, 2), bool), np.zeros((2, 2), bool), 0.5) == 1.0


def test_default_model_records_its_design_parameters(model):
    from cyberreport._build_default import DEFAULT_PARAMS

    params = model.get_params()
    assert {k: params[k] for k in DEFAULT_PARAMS} == DEFAULT_PARAMS


def test_bundled_training_sentences_load_with_cues():
    c = cr.load_corpus(bundled="train_sentences")
    assert len(c) >= 600
    assert all(len(p.sentences) == 1 for p in c)
    assert sum(not p.labels for p in c) > len(c) / 2
