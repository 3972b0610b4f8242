"""Tests for cyberreport.evaluation: metrics on hand-computed examples, the cue-matching
baseline, cross-validation reports, and the acceptance figures of the default setup."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.classifier import ThemeClassifier
from cyberreport.evaluation import CVReport, cross_validate, evaluate, label_metrics
from cyberreport.evaluation._baselines import CueMatcher, NaivePipeline
from cyberreport.evaluation._metrics import expected_calibration_error
from cyberreport.taxonomy import THEME_IDS, THEMES


# ---------------------------------------------------------------------------------------
# label_metrics
# ---------------------------------------------------------------------------------------

def test_label_metrics_hand_computed():
    # true: {a,b} {b} {}      pred: {a} {b,c} {c}
    # a: tp1 fp0 fn0   b: tp1 fp0 fn1   c: tp0 fp2 fn0
    m = label_metrics([("a", "b"), ("b",), ()], [("a",), ("b", "c"), ("c",)], ["a", "b", "c"])
    a, b, c = (m["per_label"][k] for k in "abc")
    assert (a["tp"], a["fp"], a["fn"], a["support"]) == (1, 0, 0, 1)
    assert (a["precision"], a["recall"], a["f1"]) == (1.0, 1.0, 1.0)
    assert (b["tp"], b["fp"], b["fn"], b["support"]) == (1, 0, 1, 2)
    assert b["precision"] == 1.0 and b["recall"] == 0.5
    assert b["f1"] == pytest.approx(2 / 3)
    assert (c["tp"], c["fp"], c["fn"], c["support"]) == (0, 2, 0, 0)
    assert (c["precision"], c["recall"], c["f1"]) == (0.0, 0.0, 0.0)
    # micro: tp 2, fp 2, fn 1
    assert m["micro_precision"] == pytest.approx(0.5)
    assert m["micro_recall"] == pytest.approx(2 / 3)
    assert m["micro_f1"] == pytest.approx(4 / 7)
    assert m["macro_f1"] == pytest.approx((1 + 2 / 3 + 0) / 3)
    assert m["n"] == 3


def test_label_metrics_docstring_example():
    m = label_metrics([("a",), ("b",)], [("a",), ()], ["a", "b"])
    assert m["micro_f1"] == pytest.approx(2 / 3)
    assert m["macro_f1"] == pytest.approx(0.5)


def test_macro_ignores_labels_never_true_nor_predicted():
    m = label_metrics([("a",), ("b",)], [("a",), ("a",)], ["a", "b", "z"])
    # a: tp1 fp1 fn0 -> F1 2/3; b: tp0 fp0 fn1 -> F1 0; z: absent -> not averaged
    assert m["per_label"]["a"]["f1"] == pytest.approx(2 / 3)
    assert m["per_label"]["b"]["f1"] == 0.0
    assert m["per_label"]["z"]["support"] == 0
    assert m["macro_f1"] == pytest.approx(1 / 3)
    assert m["micro_f1"] == pytest.approx(2 * 1 / (2 * 1 + 1 + 1))


def test_label_metrics_perfect_and_inputs_as_lists():
    y = [["a"], ["a", "b"], []]
    m = label_metrics(y, [tuple(v) for v in y], ["a", "b"])
    assert m["micro_f1"] == m["macro_f1"] == 1.0
    assert m["micro_precision"] == m["micro_recall"] == 1.0


def test_label_metrics_is_json_ready():
    m = label_metrics([("a",)], [("a",)], ["a"])
    json.dumps(m)


def test_expected_calibration_error_hand_computed():
    assert expected_calibration_error(np.array([1, 0]), np.array([0.9, 0.1])) == pytest.approx(0.1)
    # one bin [0.5, 0.6): confidence 0.55, accuracy 0.5
    assert expected_calibration_error(np.array([1, 0]), np.array([0.5, 0.6 - 1e-9])) == pytest.approx(0.05)
    assert expected_calibration_error(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == 0.0
    assert expected_calibration_error(np.zeros((0, 3)), np.zeros((0, 3))) == 0.0


# ---------------------------------------------------------------------------------------
# baselines
# ---------------------------------------------------------------------------------------

def test_cue_matcher_examples():
    assert CueMatcher().predict(["开展网络安全检查"]) == [("security",)]
    # plain substring matching: 关键信息基础设施 contains the informatization cue
    # 信息基础设施 — the weakness the baseline is there to show
    assert CueMatcher().predict(["开展关键信息基础设施安全检查"]) == [("security", "informatization")]


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.id)
def test_cue_matcher_finds_every_cue(theme):
    cm = CueMatcher().fit()
    assert cm.classes_ == list(THEME_IDS)
    for cue in theme.cues:
        (pred,) = cm.predict([f"今年我们{cue}取得进展"])
        assert theme.id in pred, cue


def test_cue_matcher_no_cue_no_theme():
    assert CueMatcher().predict(["今天天气晴朗。", ""]) == [(), ()]


def test_cue_matcher_normalises_text():
    # full-width letters and digits are folded before matching
    assert "digital_economy" in CueMatcher(cues={"digital_economy": ["互联网+"]}).predict(["发展互联网＋政务"])[0]


def test_cue_matcher_custom_cues_in_order():
    cm = CueMatcher(cues={"x": ["甲"], "y": ["乙"]})
    assert cm.predict(["乙甲", "丙", "甲"]) == [("x", "y"), (), ("x",)]


def test_naive_pipeline_fits_and_predicts(corpus):
    nb = NaivePipeline().fit(corpus.texts, corpus.labels)
    pred = nb.predict(corpus.texts[:3])
    assert len(pred) == 3
    assert all(set(p) <= set(THEME_IDS) for p in pred)


# ---------------------------------------------------------------------------------------
# cross_validate and evaluate
# ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_report(corpus):
    return cross_validate(ThemeClassifier(threshold=0.5), list(corpus)[:8], groups=None, baselines=True)


def test_small_cv_report(small_report, corpus):
    r = small_report
    assert isinstance(r, CVReport)
    assert r.n_folds == 8
    assert r.classes == list(THEME_IDS)
    for level in (r.document, r.sentence):
        assert set(level) >= {"per_label", "micro_f1", "macro_f1", "micro_precision", "micro_recall", "n"}
        assert set(level["per_label"]) == set(THEME_IDS)
        assert 0.0 <= level["micro_f1"] <= 1.0 and 0.0 <= level["macro_f1"] <= 1.0
    assert r.document["n"] == 8
    assert r.sentence["n"] == sum(len(p.sentences) for p in list(corpus)[:8])
    assert 0.0 <= r.ece <= 1.0
    assert set(r.baselines) == {"cue_matching", "naive_pipeline"}
    for m in r.baselines.values():
        assert 0.0 <= m["micro_f1"] <= 1.0 and m["n"] == 8
    assert r.probabilities.shape == (8, 13)
    assert np.all((r.probabilities >= 0) & (r.probabilities <= 1))
    assert len(r.predictions) == 8
    assert all(isinstance(p, tuple) and set(p) <= set(THEME_IDS) for p in r.predictions)
    # the document metrics are those of the out-of-fold predictions
    again = label_metrics([p.labels for p in list(corpus)[:8]], r.predictions, THEME_IDS)
    assert again["micro_f1"] == pytest.approx(r.document["micro_f1"])


def test_small_cv_report_format_and_dict(small_report):
    text = small_report.format()
    assert str(small_report) == text
    for theme in THEME_IDS:
        assert theme in text
    for name in ("cue_matching", "naive_pipeline", "8 folds"):
        assert name in text
    d = small_report.to_dict()
    back = json.loads(json.dumps(d, ensure_ascii=False))
    assert back["n_folds"] == 8
    assert set(back) == {"n_folds", "document", "sentence", "ece", "baselines"}
    s = small_report.summary()
    assert {"doc_micro_f1", "doc_macro_f1", "ece", "sent_micro_f1", "cue_matching_micro_f1",
            "naive_pipeline_micro_f1"} <= set(s)
    json.dumps(s)


def test_cv_on_plain_texts_with_custom_groups(corpus):
    paras = list(corpus)[:6]
    r = cross_validate(
        ThemeClassifier(threshold=0.5), [p.text for p in paras], [p.labels for p in paras],
        groups=["g1", "g1", "g2", "g2", "g3", "g3"], baselines=False,
    )
    assert r.n_folds == 3
    assert r.sentence is None
    assert r.baselines == {}
    assert "sent F1" not in r.format()
    json.dumps(r.to_dict())


def test_cv_by_province_groups(corpus):
    paras = list(corpus)[:4]
    r = cross_validate(ThemeClassifier(threshold=0.5), paras, baselines=False)
    assert r.n_folds == len({p.province or p.id for p in paras})


@pytest.mark.parametrize("n_groups", [7, 9])
def test_groups_length_mismatch(corpus, n_groups):
    with pytest.raises(ValueError, match="groups"):
        cross_validate(ThemeClassifier(threshold=0.5), list(corpus)[:8],
                       groups=list(range(n_groups)), baselines=False)


def test_cv_bad_arguments(corpus):
    paras = list(corpus)[:4]
    with pytest.raises(ValueError, match="groups"):
        cross_validate(ThemeClassifier(threshold=0.5), paras, groups="city", baselines=False)
    with pytest.raises(ValueError, match="2 groups"):
        cross_validate(ThemeClassifier(threshold=0.5), paras, groups=[1, 1, 1, 1], baselines=False)
    with pytest.raises(ValueError, match="y has 3"):
        cross_validate(ThemeClassifier(threshold=0.5), [p.text for p in paras],
                       [p.labels for p in paras[:3]], baselines=False)
    with pytest.raises(TypeError, match="y is required"):
        cross_validate(ThemeClassifier(threshold=0.5), [p.text for p in paras], baselines=False)


def test_cv_does_not_fit_the_given_model(corpus):
    est = ThemeClassifier(threshold=0.5)
    cross_validate(est, list(corpus)[:4], groups=None, baselines=False)
    assert not hasattr(est, "coef_")


def test_evaluate_default_model(corpus):
    model = cr.load_model()
    out = evaluate(model, list(corpus)[:5])
    assert set(out) == {"document", "sentence", "cue_matching"}
    assert out["document"]["n"] == 5
    assert out["sentence"]["n"] == sum(len(p.sentences) for p in list(corpus)[:5])
    plain = evaluate(model, [p.text for p in corpus][:5], [p.labels for p in corpus][:5])
    assert plain["sentence"] is None
    assert plain["document"]["micro_f1"] == pytest.approx(out["document"]["micro_f1"])
    json.dumps(out)


# ---------------------------------------------------------------------------------------
# acceptance: the full leave-one-province-out cross-validation (~30-60 s on 2 cores)
# ---------------------------------------------------------------------------------------

@pytest.mark.slow
def test_full_cross_validation_meets_the_targets():
    r = cross_validate(n_jobs=2)
    s = r.summary()
    figures = ", ".join(f"{k}={v:.3f}" for k, v in s.items())
    assert r.n_folds == 29
    assert 0.0 <= r.ece <= 1.0 and not math.isnan(r.ece)
    assert s["doc_micro_f1"] >= 0.88, figures
    assert s["doc_macro_f1"] >= 0.83, figures
    assert s["sent_micro_f1"] >= 0.75, figures
    for base in ("cue_matching", "naive_pipeline"):
        assert s["doc_micro_f1"] > s[f"{base}_micro_f1"], figures
        assert s["doc_macro_f1"] > s[f"{base}_macro_f1"], figures




def test_folds_under_a_threading_backend_run_in_turn_and_reproduce():
    """Two liblinear fits in threads of one process share its random state: under a
    joblib threading backend the folds run one at a time, so every run equals one
    process's."""
    from joblib import parallel_config

    from cyberreport._parallel import tasks_run_in_processes

    texts = [p.text for p in cr.load_corpus(bundled="dev")]
    labels = [p.labels for p in cr.load_corpus(bundled="dev")]
    est = cr.ThemeClassifier(threshold=0.5, labels=None)
    one = cross_validate(est, texts, labels, groups=None, cv=3, baselines=False)
    assert tasks_run_in_processes()
    with parallel_config(backend="threading"):
        assert not tasks_run_in_processes()
        runs = [cross_validate(est, texts, labels, groups=None, cv=3, baselines=False,
                               n_jobs=2) for _ in range(4)]
    for r in runs:
        assert r.summary() == one.summary()
        np.testing.assert_array_equal(r.probabilities, one.probabilities)
