"""Common checks over cyberreport's estimators (as imbalanced-learn's ``test_common``):
the scikit-learn parameter protocol, validation, not-fitted errors, inputs of every kind,
pickling and model files, determinism and input order."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pytest
from sklearn.base import clone

import cyberreport as cr
from cyberreport.exceptions import InvalidParameterError, NotFittedError

TEXTS = [
    "开展关键信息基础设施网络安全检查，排查隐患。",
    "建设县级融媒体中心，推动媒体深度融合。",
    "开展“净网”专项行动，关闭违法违规网站。",
    "受理网民举报，畅通举报渠道。",
    "举办网络安全宣传周活动，普及网络安全知识。",
    "推进政务新媒体建设，政务微博回应网民关切。",
    "实施网络扶贫行动计划，贫困村通宽带。",
    "成立网信办，建立网信工作领导小组。",
    "推进大数据产业发展，建设大数据综合试验区。",
    "组织网评员队伍，加强网上舆论引导。",
]
LABELS = [("security",), ("media_convergence",), ("content_governance",),
          ("social_governance",), ("security",), ("e_government",), ("digital_inclusion",),
          ("institution_building",), ("digital_economy",), ("propaganda",)]


def _estimators():
    return [cr.ThemeClassifier(threshold=0.5), cr.TopicModel(n_topics=3)]


def _fit(est, texts=TEXTS):
    if isinstance(est, cr.ThemeClassifier):
        idx = [TEXTS.index(t) for t in texts]
        return est.fit(texts, [LABELS[i] for i in idx])
    return est.fit(texts)


def _output(est, texts):
    if isinstance(est, cr.ThemeClassifier):
        return est.predict_proba(texts)
    return est.transform(texts)


ESTIMATORS = pytest.mark.parametrize("est", _estimators(), ids=lambda e: type(e).__name__)

# a bad value for one parameter of each estimator
BAD_PARAMS = {
    "ThemeClassifier": [("C", -1), ("C", "big"), ("threshold", 5), ("threshold", -1),
                        ("threshold", float("nan")), ("cv", 1), ("unit", "word"),
                        ("random_state", -1), ("random_state", "x"), ("multilabel", 2),
                        ("use_words", "yes"), ("prior_weight", -0.5)],
    "TopicModel": [("n_topics", 0), ("n_topics", "many"), ("unit", "word"),
                   ("random_state", -1), ("top_n", 0), ("n_neighbors", 1.5),
                   ("sample_size", 1), ("sample_size", "all")],
}


@ESTIMATORS
def test_clone_keeps_params(est):
    c = clone(est)
    assert c is not est and c.get_params() == est.get_params()


@ESTIMATORS
def test_invalid_params_name_the_parameter(est):
    for name, value in BAD_PARAMS[type(est).__name__]:
        bad = clone(est).set_params(**{name: value})
        with pytest.raises(InvalidParameterError, match=name):
            _fit(bad)


@ESTIMATORS
def test_not_fitted(est):
    with pytest.raises(NotFittedError, match="not fitted"):
        _output(clone(est), TEXTS[:2])


@ESTIMATORS
def test_empty_and_single_string_input(est):
    with pytest.raises(ValueError):
        clone(est).fit([], []) if isinstance(est, cr.ThemeClassifier) else clone(est).fit([])
    fitted = _fit(clone(est))
    with pytest.raises(TypeError, match="wrap it in a list"):
        _output(fitted, "开展网络安全检查。")
    assert _output(fitted, []).shape[0] == 0


@ESTIMATORS
def test_numpy_and_pandas_input_equal_lists(est):
    import pandas as pd

    fitted = _fit(clone(est))
    expected = _output(fitted, TEXTS)
    np.testing.assert_array_equal(_output(fitted, np.array(TEXTS)), expected)
    np.testing.assert_array_equal(_output(fitted, pd.Series(TEXTS)), expected)
    with pytest.raises(TypeError, match="DataFrame"):
        _output(fitted, pd.DataFrame({"text": TEXTS}))
    with pytest.raises(TypeError):
        _output(fitted, np.array(TEXTS[0]))  # a 0-d array is one string, not a list


@ESTIMATORS
def test_pickle_round_trip(est):
    fitted = _fit(clone(est))
    again = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(_output(again, TEXTS), _output(fitted, TEXTS))


@ESTIMATORS
def test_save_load_round_trip(est, tmp_path):
    fitted = _fit(clone(est))
    fitted.save(tmp_path / "m")
    loaded = cr.load_model(tmp_path / "m")
    assert type(loaded) is type(fitted)
    assert loaded.get_params() == fitted.get_params()
    np.testing.assert_array_equal(_output(loaded, TEXTS), _output(fitted, TEXTS))


@ESTIMATORS
def test_same_seed_same_output(est):
    a = _output(_fit(clone(est)), TEXTS)
    b = _output(_fit(clone(est)), TEXTS)
    np.testing.assert_array_equal(a, b)


@ESTIMATORS
def test_input_order_does_not_matter(est):
    fitted = _fit(clone(est))
    shuffled = TEXTS[:]
    random.Random(3).shuffle(shuffled)
    refit = _fit(clone(est), shuffled)
    order = [shuffled.index(t) for t in TEXTS]
    out = _output(refit, shuffled)[order]
    if isinstance(est, cr.TopicModel):  # topics are content-ordered: the same topics
        assert refit.topic_terms(5) == fitted.topic_terms(5)
        np.testing.assert_allclose(out, _output(fitted, TEXTS), atol=1e-12)
    else:  # the solver visits examples in input order: the same optimum, to rounding
        assert refit.predict(TEXTS) == fitted.predict(TEXTS)
        np.testing.assert_allclose(out, _output(fitted, TEXTS), atol=1e-5)
