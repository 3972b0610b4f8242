"""Retraining: data validation (file and line in every message), train(), CLI."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.cli import main
from cyberreport import DataError, FewExamplesWarning, read_labelled


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"text": "开展网络安全检查，排查隐患", "labels": ["security"]}, ensure_ascii=False)


# -- every malformed-input case names the file and the line ---------------------------
@pytest.mark.parametrize(
    "bad_line, fragment",
    [
        ("not json at all", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"labels": ["security"]}), "missing field 'text'"),
        (json.dumps({"text": 5, "labels": ["security"]}), "must be a string"),
        (json.dumps({"text": "   ", "labels": ["security"]}), "empty text"),
        (json.dumps({"text": "网信", "labels": "security"}), "labels must be a list of strings"),
        (json.dumps({"text": "网信", "labels": [1, 2]}), "labels must be a list of strings"),
        (json.dumps({"text": "网信"}), "missing field 'labels'"),
        (json.dumps({"text": "网信", "sentences": [{"text": "别的", "labels": []}]}), "do not give the paragraph text"),
    ],
)
def test_jsonl_problems_name_file_and_line(tmp_path, bad_line, fragment):
    f = _write(tmp_path / "data.jsonl", [GOOD, bad_line, GOOD.replace("隐患", "风险")])
    d = read_labelled(f)
    assert len(d) == 2
    assert len(d.skipped) == 1
    msg = str(d.skipped[0])
    assert "data.jsonl" in msg and "line 2" in msg and fragment in msg
    with pytest.raises(DataError, match=r"data\.jsonl, line 2"):
        read_labelled(f, on_error="raise")


@pytest.mark.parametrize(
    "row, fragment",
    [
        ("a,b,c", "3 fields, the header has 2"),
        (",security", "empty text"),
        ('"unterminated,security', "field"),
    ],
)
def test_csv_problems_name_file_and_line(tmp_path, row, fragment):
    f = tmp_path / "data.csv"
    f.write_text("text,labels\n开展网络安全检查,security\n" + row + "\n", encoding="utf-8")
    d = read_labelled(f)
    assert d.skipped, d.summary()
    msg = str(d.skipped[0])
    assert "data.csv" in msg and "line 3" in msg
    assert fragment in msg or "malformed" in msg


def test_csv_header_without_columns(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("body,tags\n网信,security\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x\.csv, line 1: .*'text'"):
        read_labelled(f)


def test_csv_labels_are_semicolon_separated(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text('text,labels\n"受理举报,删除有害信息", social_governance ; content_governance\n没有主题,\n', encoding="utf-8")
    d = read_labelled(f)
    assert d.labels == [("social_governance", "content_governance"), ()]


def test_conflicting_duplicates_are_reported_not_merged(tmp_path):
    f = _write(tmp_path / "d.jsonl", [
        json.dumps({"text": "关闭违法违规网站", "labels": ["content_governance"]}, ensure_ascii=False),
        json.dumps({"text": "关闭违法违规网站", "labels": ["security"]}, ensure_ascii=False),
        GOOD,
    ])
    d = read_labelled(f)
    assert d.texts == ["开展网络安全检查，排查隐患"]
    msgs = [str(s) for s in d.skipped]
    assert any("line 1" in m and "conflicting labels" in m for m in msgs)
    assert any("line 2" in m and "conflicting labels" in m for m in msgs)


def test_exact_duplicates_kept_once_and_noted(tmp_path):
    f = _write(tmp_path / "d.jsonl", [GOOD, GOOD])
    d = read_labelled(f)
    assert len(d) == 1 and not d.skipped
    assert "line 1" in str(d.notes[0]) and "d.jsonl:2" in str(d.notes[0])


def test_folder_and_pairs(tmp_path):
    _write(tmp_path / "a.jsonl", [GOOD])
    (tmp_path / "b.csv").write_text("text,labels\n建设县级融媒体中心,media_convergence\n", encoding="utf-8")
    d = read_labelled(tmp_path)
    assert sorted(d.texts) == sorted(["开展网络安全检查，排查隐患", "建设县级融媒体中心"])
    d2 = read_labelled([("网信办受理举报", "social_governance"), ("x", 5), "nope"])
    assert d2.labels == [("social_governance",)]
    assert len(d2.skipped) == 2


def test_missing_path_and_bad_type(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_labelled(tmp_path / "absent.jsonl")
    with pytest.raises(TypeError, match="sequence of \\(text, labels\\) pairs"):
        read_labelled(42)


# -- train() --------------------------------------------------------------------------
def test_train_with_base_rejects_unknown_labels_naming_them_and_lines(tmp_path):
    f = _write(tmp_path / "d.jsonl", [GOOD, json.dumps({"text": "网信", "labels": ["bogus"]})])
    with pytest.raises(DataError, match=r"'bogus' \(.*d\.jsonl:2\)"):
        cr.train(f, cv=None, progress=False)


def test_train_with_base_adds_corpus_and_reports(tmp_path):
    f = _write(tmp_path / "d.jsonl", [GOOD, json.dumps({"text": "建设县级融媒体中心", "labels": ["media_convergence"]}, ensure_ascii=False)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FewExamplesWarning)
        res = cr.train(f, cv=3, progress=False)
    assert res.n_base == 29 and len(res.data) == 2
    assert res.model.classes_ == list(cr.THEME_IDS)
    assert res.report is not None and 0 < res.report.document["micro_f1"] <= 1
    assert "cross_validation" in res.model.metrics_
    assert "31 texts" in str(res)


CUSTOM = [
    ("股市大涨，基金收益创新高", ["finance"]), ("央行宣布降息，银行利率下调", ["finance"]),
    ("上市公司发布年报，营收增长", ["finance"]), ("债券市场交易活跃", ["finance"]),
    ("球队夺得联赛冠军", ["sports"]), ("奥运会游泳比赛精彩纷呈", ["sports"]),
    ("足球运动员转会", ["sports"]), ("篮球比赛加时获胜", ["sports"]),
]


def test_train_custom_label_set_without_base():
    res = cr.train(CUSTOM, base=False, cv=2, progress=False)
    assert res.model.classes_ == ["finance", "sports"]
    assert res.model.multilabel_ is False
    assert res.model.predict(["银行利率", "网球比赛"]) == [("finance",), ("sports",)]
    assert res.n_base == 0


def test_train_warns_for_labels_with_too_few_examples():
    data = CUSTOM + [("新品手机发布会", ["tech"])]
    with pytest.warns(FewExamplesWarning, match="'tech' has only 1 training text"):
        cr.train(data, base=False, cv=None, progress=False)


def test_train_custom_labels_param_rejects_others():
    with pytest.raises(DataError, match="'sports'"):
        cr.train(CUSTOM, base=False, labels=["finance"], cv=None, progress=False)


def test_train_self_training_with_unlabeled():
    pool = ["银行理财产品", "羽毛球比赛", "期货价格上涨", "马拉松比赛", "保险公司理赔",
            "乒乓球世锦赛", "汇率波动", "游泳运动员", "信用卡还款", "排球联赛"]
    res = cr.train(CUSTOM, base=False, cv=None, progress=False, unlabeled=pool)
    # only the most confident fifth of the pool is eligible
    assert res.n_pseudo == 2
    assert res.model.predict(["银行利率", "网球比赛"]) == [("finance",), ("sports",)]


def test_train_few_shot_defaults_and_params_override_one_by_one():
    res = cr.train(CUSTOM, base=False, cv=None, progress=False)
    assert res.params["char_ngram_range"] == (1, 2) and res.params["prior_weight"] == 1.0
    assert res.params["C"] == 10.0 and res.params["use_words"] is False
    res = cr.train(CUSTOM, base=False, cv=None, progress=False, params={"C": 3.0})
    assert res.params["C"] == 3.0
    assert res.params["char_ngram_range"] == (1, 2)  # the other defaults stay
    assert res.model.C == 3.0 and res.model.unit == "text"


@pytest.mark.parametrize(
    "params, exc, fragment",
    [
        ("C=3", TypeError, "params must be a dict of ThemeClassifier parameters, got str"),
        ({"Cee": 3}, ValueError, r"unknown keys \['Cee'\]"),
        ({1: 2, "x": 3}, ValueError, r"unknown keys \['x', 1\]"),
        ({"labels": ["x"]}, ValueError, r"params\['labels'\] is \['x'\] but train uses labels="),
        ({"random_state": 5}, ValueError, "pass random_state as train's own argument"),
        ({"label_descriptions": {"sports": "体育"}}, ValueError, "label_descriptions=None"),
    ],
)
def test_train_rejects_bad_params(params, exc, fragment):
    with pytest.raises(exc, match=fragment):
        cr.train(CUSTOM, base=False, cv=None, progress=False, params=params)


def test_train_accepts_params_of_an_earlier_run():
    from types import MappingProxyType

    first = cr.train(CUSTOM, base=False, cv=None, progress=False, params={"C": 3.0})
    texts = ["银行利率", "网球比赛"]
    for params in (first.params, first.model.get_params(), MappingProxyType(first.params)):
        again = cr.train(CUSTOM, base=False, cv=None, progress=False, params=params)
        assert again.model.get_params() == first.model.get_params()
        assert (again.model.predict_proba(texts) == first.model.predict_proba(texts)).all()


def test_train_is_deterministic():
    a = cr.train(CUSTOM, base=False, cv=None, progress=False).model
    b = cr.train(CUSTOM, base=False, cv=None, progress=False).model
    texts = ["银行利率", "网球比赛", "股票"]
    assert (a.predict_proba(texts) == b.predict_proba(texts)).all()


def test_no_usable_data(tmp_path):
    f = _write(tmp_path / "d.jsonl", ["not json"])
    with pytest.raises(DataError, match="no usable labelled texts"):
        cr.train(f, base=False, cv=None, progress=False)


# -- CLI --------------------------------------------------------------------------------
def test_cli_train_and_evaluate(tmp_path, capsys):
    f = _write(tmp_path / "d.jsonl", [json.dumps({"text": t, "labels": l}, ensure_ascii=False) for t, l in CUSTOM])
    out = tmp_path / "model"
    assert main(["train", str(f), "-o", str(out), "--no-base", "--cv", "2"]) == 0
    text = capsys.readouterr().out
    assert "Cross-validation over 2 folds" in text and "model written to" in text
    m = cr.load_model(out)
    assert m.classes_ == ["finance", "sports"]
    assert main(["evaluate", str(f), "--model", str(out)]) == 0
    text = capsys.readouterr().out
    assert "micro-F1" in text and "finance" in text and "TN" in text


def test_cli_train_error_names_line(tmp_path, capsys):
    f = _write(tmp_path / "d.jsonl", [GOOD, json.dumps({"text": "网信", "labels": ["bogus"]})])
    assert main(["train", str(f), "-o", str(tmp_path / "m"), "--cv", "0"]) == 2
    err = capsys.readouterr().err
    assert "bogus" in err and "d.jsonl:2" in err


def test_reports_align_chinese_label_names(tmp_path, capsys):
    from cyberreport._display import width

    data = [(t, ["体育" if labs == ["sports"] else "地质学/地质资源与地质工程"]) for t, labs in CUSTOM]
    res = cr.train(data, base=False, cv=2, progress=False)
    table = res.report.format().split("\n\n")[1].splitlines()
    assert table[0].startswith("label ")
    # the P column ends at the same display column on every row (Chinese = 2 columns)
    ends = {width(line[: line.index(".") + 3]) for line in table[1:]}
    assert len(ends) == 1, table
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"text": t, "labels": l}, ensure_ascii=False) + "\n"
                            for t, l in data), encoding="utf-8")
    res.model.save(tmp_path / "m")
    assert main(["evaluate", str(path), "--model", str(tmp_path / "m")]) == 0
    rows = [l for l in capsys.readouterr().out.splitlines() if l.startswith(("体育", "地质学"))]
    assert len(rows) == 2 and len({width(l[: l.index(".") + 3]) for l in rows}) == 1, rows


def _same_result(a, b):
    np.testing.assert_array_equal(a.model.coef_, b.model.coef_)
    np.testing.assert_array_equal(a.model.intercept_, b.model.intercept_)
    np.testing.assert_array_equal(a.model.thresholds_, b.model.thresholds_)
    assert a.model.metrics_ == b.model.metrics_
    assert a.report.summary() == b.report.summary()
    assert a.report.predictions == b.report.predictions
    assert a.n_pseudo == b.n_pseudo


@pytest.mark.parametrize("unlabeled", [None, ["银行理财产品", "羽毛球比赛", "期货价格上涨",
                                              "马拉松比赛", "保险公司理赔", "排球联赛"]])
def test_train_with_workers_equals_one_process(unlabeled):
    """With n_jobs=2 the folds run in worker processes while this process fits the model
    of all the data; model, report and self-training are those of n_jobs=1, and so are
    they under a threading backend (which runs everything in turn)."""
    from joblib import parallel_config

    one = cr.train(CUSTOM, base=False, cv=3, progress=False, unlabeled=unlabeled)
    two = cr.train(CUSTOM, base=False, cv=3, progress=False, unlabeled=unlabeled, n_jobs=2)
    _same_result(one, two)
    with parallel_config(backend="threading"):
        threads = cr.train(CUSTOM, base=False, cv=3, progress=False, unlabeled=unlabeled,
                           n_jobs=2)
    _same_result(one, threads)


def test_train_with_workers_on_the_corpus_equals_one_process():
    data = [(p.text, list(p.labels)) for p in cr.load_corpus(bundled="dev")]
    one = cr.train(data, cv=3, progress=False)
    two = cr.train(data, cv=3, progress=False, n_jobs=2)
    _same_result(one, two)


def test_train_warns_once_that_multilabel_data_is_not_self_trained():
    data = CUSTOM + [("体育彩票销量增长", ["finance", "sports"])]
    with pytest.warns(UserWarning, match="single-label data only") as rec:
        cr.train(data, base=False, cv=2, progress=False, n_jobs=2, unlabeled=["股票"])
    assert sum("single-label" in str(w.message) for w in rec) == 1
