"""One rule each: validated prediction arguments, one thresholding rule on every path,
and one validator of text inputs with one set of messages."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.exceptions import InvalidParameterError

TEXTS = ["开展网络安全检查，排查隐患。", "建设县级融媒体中心。", "今天天气晴朗。",
         "受理网民举报，开展净网行动。", "推进政务新媒体建设。"]


@pytest.mark.parametrize("threshold", [5, -1, 0, 1, float("nan"), "0.5", True])
def test_prediction_thresholds_are_validated(model, threshold):
    """0.1: classify(threshold=5) silently returned no theme, threshold=-1 all 13."""
    for call in (lambda: model.classify(TEXTS[0], threshold=threshold),
                 lambda: model.classify_many(TEXTS, threshold=threshold),
                 lambda: model.predict(TEXTS, threshold=threshold),
                 lambda: model.labels_from_proba(np.zeros((1, 13)), threshold=threshold)):
        with pytest.raises(InvalidParameterError, match="threshold"):
            call()


@pytest.mark.parametrize("random_state", [-1, 2**32, 1.5, "0", None])
def test_random_state_is_validated(random_state):
    with pytest.raises(InvalidParameterError, match="random_state"):
        cr.ThemeClassifier(random_state=random_state).fit(cr.load_corpus())


@pytest.mark.parametrize("threshold", [None, 0.3])
def test_one_thresholding_rule_on_every_path(model, tmp_path, threshold):
    """predict, classify, classify_many, classify_file and the Dask helper give the
    labels of labels_from_proba(predict_proba)."""
    proba = model.predict_proba(TEXTS)
    expected = model.labels_from_proba(proba, threshold=threshold)
    assert model.predict(TEXTS, threshold=threshold) == expected
    assert [model.classify(t, threshold=threshold).labels for t in TEXTS] == expected
    assert [c.labels for c in model.classify_many(TEXTS, threshold=threshold)] == expected
    src = tmp_path / "in.txt"
    src.write_text("\n".join(TEXTS) + "\n", "utf-8")
    cr.classify_file(src, tmp_path / "out.jsonl", model=model, threshold=threshold)
    got = [tuple(json.loads(x)["labels"])
           for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert got == expected
    try:
        import dask.bag as db
    except ImportError:
        return
    import cyberreport.dask as cdask

    out = cdask.classify(db.from_sequence(TEXTS, npartitions=2), model,
                         threshold=threshold).compute(scheduler="sync")
    assert [tuple(r["labels"]) for r in out] == expected


def test_single_label_models_use_the_same_rule():
    X = ["银行下调贷款利率", "股市收盘上涨", "球队赢得比赛", "运动员打破纪录"] * 2
    y = [["finance"], ["finance"], ["sports"], ["sports"]] * 2
    m = cr.ThemeClassifier(threshold=0.5, unit="text").fit(X, y)
    assert not m.multilabel_
    assert m.predict(X) == m.labels_from_proba(m.predict_proba(X))
    assert [m.classify(t).labels for t in X] == m.predict(X)


BAD_INPUTS = [
    ("a single string", "开展网络安全检查", TypeError, "wrap it in a list"),
    ("a None item", ["开展网络安全检查", None], TypeError, r"\[1\] must be a str, got NoneType"),
    ("a number item", ["开展网络安全检查", 5], TypeError, r"\[1\] must be a str, got int"),
    ("a 0-d array", np.array("开展网络安全检查"), TypeError, "sequence of strings"),
]


@pytest.mark.parametrize("what, value, exc, match", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_one_text_validator_everywhere(model, what, value, exc, match):
    """0.1 had five validators with different messages; a 0-d array was split into
    characters."""
    calls = {
        "predict": lambda: model.predict(value),
        "predict_proba(n_jobs=2)": lambda: model.predict_proba(value, n_jobs=2),
        "classify_many": lambda: model.classify_many(value),
        "fit": lambda: cr.ThemeClassifier().fit(value, [["security"]] * 2),
        "TopicModel.fit": lambda: cr.TopicModel().fit(value),
        "profile": lambda: cr.profile(value, ["a", "b"], model=model, topic_model=False),
        "suggest_next": lambda: cr.suggest_next(value, model=model),
    }
    for name, call in calls.items():
        with pytest.raises(exc, match=match):
            call()


def test_a_dataframe_is_not_a_list_of_texts(model):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": TEXTS})
    with pytest.raises(TypeError, match=r"df\['text'\]"):
        model.predict(df)
    assert model.predict(df["text"]) == model.predict(TEXTS)


def test_records_are_texts(model):
    recs = [cr.Record(str(i), t) for i, t in enumerate(TEXTS)]
    assert model.predict(recs) == model.predict(TEXTS)


def test_label_issues_judge_with_the_model_train_fits(monkeypatch):
    """0.1's find_label_issues used other custom-label settings than train."""
    data = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]),
            ("基金净值回升", ["finance"]), ("球队赢得比赛", ["sports"]),
            ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]
    trained = cr.train(data, base=False, cv=None, progress=False).model.get_params()
    seen = {}
    import cyberreport.evaluation as evaluation

    real = evaluation.cross_validate

    def spy(model, *args, **kwargs):
        seen.update(model.get_params())
        return real(model, *args, **kwargs)

    monkeypatch.setattr(evaluation, "cross_validate", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cr.find_label_issues(data, cv=2)
    assert seen == trained
