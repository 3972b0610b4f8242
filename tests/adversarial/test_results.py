"""Issue 12, wrong results and bad messages: inputs that are not lists of texts are
refused, arguments are checked by the library (not deep inside scikit-learn or joblib),
every file encoding and line break is read the same way on every path, and what is
shown on a terminal, in a spreadsheet or in a page cannot run or hide anything."""

from __future__ import annotations

import csv
import io
import json
import traceback
import warnings

import numpy as np
import pytest

import cyberreport as cr
from _adv import REF, TEXTS, assert_user_error, cli, kw, write_jsonl


# -- what is a list of texts ------------------------------------------------------------
def test_w01_a_0d_numpy_string_is_not_four_texts(model):
    with pytest.raises(TypeError, match="X"):
        model.predict(np.array("网络安全"))


def test_w02_a_dataframe_is_not_its_column_names(model):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": TEXTS})
    with pytest.raises(TypeError, match="DataFrame"):
        model.predict(df)


@pytest.mark.parametrize("value", [2, -1, float("nan"), 0, 1, "0.5", True])
def test_w03_classify_checks_its_threshold(model, value):
    with pytest.raises((ValueError, TypeError), match="threshold"):
        model.classify(TEXTS[0], threshold=value)


def test_w04_train_unlabeled_as_a_string_is_refused_before_training(monkeypatch):
    fitted = []
    real_fit = cr.ThemeClassifier.fit

    def fit(self, *a, **k):
        fitted.append(1)
        return real_fit(self, *a, **k)
    monkeypatch.setattr(cr.ThemeClassifier, "fit", fit)
    data = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]),
            ("基金净值回升", ["finance"]), ("球队赢得比赛", ["sports"]),
            ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]
    with pytest.raises(TypeError, match="unlabeled"):
        cr.train(data, base=False, cv=0, unlabeled="银行股市基金球队", progress=False)
    assert not fitted


def test_w05_topic_terms_checks_its_argument():
    tm = cr.TopicModel(n_topics=2, random_state=0).fit([p.text for p in cr.load_corpus()])
    for bad in (-1, 0, 2.5, "3"):
        with pytest.raises((ValueError, TypeError)):
            tm.topic_terms(bad)


def test_w06_suggest_next_never_suggests_an_empty_text(model):
    texts = ["", "   ", "。", "开展网络安全检查。", "\u200b", "建设县级融媒体中心。", "!!!"]
    out = cr.suggest_next(texts, 5, model=model)
    assert out, "nothing suggested"
    assert all(cr.normalize(s.text).strip("。! ") for s in out), [s.text for s in out]


# -- arguments checked by the library -------------------------------------------------
def _bad_calls():
    corpus = cr.load_corpus()
    texts = [p.text for p in corpus]
    tiny = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]),
            ("基金净值回升", ["finance"]), ("球队赢得比赛", ["sports"]),
            ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]
    return {
        "C": ("C", lambda m: cr.ThemeClassifier(C=-1).fit(corpus)),
        "C-str": ("C", lambda m: cr.ThemeClassifier(C="x").fit(corpus)),
        "class_weight": ("class_weight", lambda m: cr.ThemeClassifier(class_weight="x").fit(corpus)),
        "random_state": ("random_state", lambda m: cr.ThemeClassifier(random_state=-1).fit(corpus)),
        "predict-n_jobs-0": ("n_jobs", lambda m: m.predict(texts, n_jobs=0)),
        "predict-n_jobs-str": ("n_jobs", lambda m: m.predict(texts, n_jobs="2")),
        "predict-chunk_size": ("chunk_size", lambda m: m.predict(texts, chunk_size=0)),
        "proba-n_jobs": ("n_jobs", lambda m: m.predict_proba(texts, n_jobs=2.5)),
        "cut_many-n_jobs": ("n_jobs", lambda m: cr.Tokenizer().cut_many(texts, n_jobs=0)),
        "cv-n_jobs": ("n_jobs", lambda m: cr.cross_validate(cr.ThemeClassifier(threshold=0.5), n_jobs=0, baselines=False)),
        "cv-cv": ("cv" if not REF else "n_folds", lambda m: cr.cross_validate(cr.ThemeClassifier(threshold=0.5), baselines=False, **kw("cv", "n_folds", 1))),
        "train-n_jobs": ("n_jobs", lambda m: cr.train(tiny, base=False, cv=2, n_jobs=0, progress=False)),
        "train-cv": ("cv", lambda m: cr.train(tiny, base=False, cv=-2, progress=False)),
        "train-random_state": ("random_state", lambda m: cr.train(tiny, base=False, cv=0, random_state=-5, progress=False)),
        "issues-cv": ("cv", lambda m: cr.find_label_issues(tiny, cv=1)),
        "issues-n_jobs": ("n_jobs", lambda m: cr.find_label_issues(tiny, n_jobs=0)),
        "issues-threshold": ("threshold", lambda m: cr.find_label_issues(tiny, threshold=3)),
        "topics-n_neighbors": ("n_neighbors", lambda m: cr.TopicModel(n_neighbors=0).fit(texts)),
        "topics-n_topics": ("n_topics", lambda m: cr.TopicModel(n_topics=0).fit(texts)),
        "topics-random_state": ("random_state", lambda m: cr.TopicModel(random_state=-1).fit(texts)),
        "suggest-diversity": ("diversity", lambda m: cr.suggest_next(texts, 2, model=m, diversity="x")),
        "suggest-top_n": ("top_n" if not REF else "k", lambda m: cr.suggest_next(texts, 0, model=m)),
        "keywords-top_n": ("top_n" if not REF else "top_k", lambda m: cr.keywords(texts[0], 0)),
        "quality-n_seeds": ("n_seeds", lambda m: cr.topic_quality(cr.TopicModel(n_topics=2).fit(texts), texts, n_seeds=0)),
    }


@pytest.mark.parametrize("case", list(_bad_calls.__code__.co_consts[-1]) if False else [
    "C", "C-str", "class_weight", "random_state", "predict-n_jobs-0", "predict-n_jobs-str",
    "predict-chunk_size", "proba-n_jobs", "cut_many-n_jobs", "cv-n_jobs", "cv-cv",
    "train-n_jobs", "train-cv", "train-random_state", "issues-cv", "issues-n_jobs",
    "issues-threshold", "topics-n_neighbors", "topics-n_topics", "topics-random_state",
    "suggest-diversity", "suggest-top_n", "keywords-top_n", "quality-n_seeds"])
def test_w08_arguments_are_checked_by_the_library(model, case):
    name, call = _bad_calls()[case]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises((ValueError, TypeError)) as exc:
            call(model)
    assert name in str(exc.value), str(exc.value)
    last = traceback.extract_tb(exc.value.__traceback__)[-1].filename
    assert "sklearn" not in last and "joblib" not in last and "scipy" not in last, last


# -- encodings and line breaks -----------------------------------------------------------
def _bom_jsonl(path, texts):
    body = "".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                   for i, t in enumerate(texts))
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    return path


def test_w09_bom_jsonl_streamed_keeps_the_first_record(tmp_path):
    src = _bom_jsonl(tmp_path / "in.jsonl", TEXTS)
    out = tmp_path / "out.jsonl"
    with warnings.catch_warnings():
        warnings.simplefilter("error", cr.RejectedLinesWarning)
        s = cr.classify_file(src, out, progress=False)
    assert s.n_rejected == 0
    assert [json.loads(x)["id"] for x in out.read_text("utf-8").splitlines()] == \
        [f"d{i}" for i in range(len(TEXTS))]


def test_w10_bom_jsonl_to_standard_output(tmp_path):
    src = _bom_jsonl(tmp_path / "in.jsonl", TEXTS)
    r = cli("classify", src, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == \
        [f"d{i}" for i in range(len(TEXTS))]


@pytest.mark.parametrize("streamed", [True, False])
def test_w11_bom_json_lines_without_the_extension_are_json(tmp_path, streamed):
    src = _bom_jsonl(tmp_path / "in.txt", TEXTS)
    if streamed:
        out = tmp_path / "out.jsonl"
        r = cli("classify", src, "-o", out)
        rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    else:
        r = cli("classify", src, "--format", "jsonl")
        rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 0, r.stderr
    assert [x["id"] for x in rows] == [f"d{i}" for i in range(len(TEXTS))]
    assert [x["text"] for x in rows] == TEXTS


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_w12_utf16_is_a_clear_error_not_a_garbage_record(tmp_path, encoding):
    src = tmp_path / "in.txt"
    src.write_text("\n".join(TEXTS) + "\n", encoding=encoding)
    out = tmp_path / "out.jsonl"
    r = cli("classify", src, "-o", out)
    assert_user_error(r, "UTF-16")
    assert not out.exists() or out.read_text("utf-8", errors="replace") == ""
    r = cli("classify", src, "--format", "jsonl")
    assert_user_error(r, "UTF-16")
    assert r.stdout == ""


def test_w13_a_lone_cr_splits_records_the_same_way_with_and_without_o(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes("网络安全检查。\r建设融媒体中心。\n推进电子政务。\r\n今天天气很好。\n".encode())
    out = tmp_path / "out.jsonl"
    r1 = cli("classify", src, "-o", out)
    r2 = cli("classify", src, "--format", "jsonl")
    assert r1.returncode == 0 and r2.returncode == 0, (r1.stderr, r2.stderr)
    streamed = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    stdout = [json.loads(x) for x in r2.stdout.splitlines()]
    assert [(x["id"], x["text"]) for x in streamed] == [(x["id"], x["text"]) for x in stdout]
    assert len(streamed) == 3


def _corpus_with(tmp_path, change):
    rows = [json.loads(x) for x in
            open(cr.load_corpus.__globals__.get("_CORPUS_FILE", ""), encoding="utf-8")] \
        if False else [p.to_dict() for p in cr.load_corpus()]
    change(rows)
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_w14_load_corpus_reads_a_raw_u2028(tmp_path):
    def change(rows):
        rows[0]["text"] = rows[0]["text"].replace("。", "。\u2028", 1)
        s = rows[0]["sentences"][0]
        s["text"] = s["text"] + "\u2028"
    path = _corpus_with(tmp_path, change)
    assert "\u2028" in path.read_text("utf-8")
    c = cr.load_corpus(path)
    assert len(c) == 29


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """A report on a corpus with a raw U+2028, formula-like and bidi-override province
    names."""
    tmp = tmp_path_factory.mktemp("report")
    rows = [p.to_dict() for p in cr.load_corpus()]
    rows[0]["text"] = rows[0]["text"].replace("。", "。\u2028", 1)
    rows[0]["sentences"][0]["text"] += "\u2028"
    for r in rows[:10]:
        r["province"] = '=HYPERLINK("http://evil.example","x")'
    for r in rows[10:20]:
        r["province"] = "\u202egnp.exe"
    path = tmp / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    out = tmp / "report"
    r = cli("report", path, "-o", out, timeout=900)
    return r, out


def test_w15_report_reads_a_raw_u2028(hostile_report):
    r, out = hostile_report
    assert r.returncode == 0, r.stderr[-2000:]
    assert (out / "index.html").exists()


def test_w22_report_csvs_neutralise_formulas(hostile_report):
    r, out = hostile_report
    assert r.returncode == 0, r.stderr[-2000:]
    for p in out.glob("*.csv"):
        for row in csv.reader(io.StringIO(p.read_text("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "@")) and not (
                    cell.startswith("-") and not _is_number(cell)), (p.name, cell)


def _is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def test_w24_report_has_no_bidi_override(hostile_report):
    r, out = hostile_report
    assert r.returncode == 0, r.stderr[-2000:]
    for p in list(out.glob("*.csv")) + [out / "index.html"]:
        text = p.read_text("utf-8")
        assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), p.name


# -- messages ---------------------------------------------------------------------------
def test_w19_a_null_text_is_not_called_missing(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": null}\n{"id": 2, "text": "网络安全检查"}\n', encoding="utf-8")
    r = cli("classify", src, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    assert "missing" not in r.stderr and "null" in r.stderr, r.stderr


def test_w20_rejects_equal_to_output_is_refused(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS)
    with open(src, "a", encoding="utf-8") as f:
        f.write("not json\n")
    out = tmp_path / "out.jsonl"
    r = cli("classify", src, "-o", out, "--rejects", out)
    assert_user_error(r, str(out))
    assert not out.exists()


# -- what a spreadsheet or a terminal shows ------------------------------------------------
HOSTILE_IDS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07",
               "\u202eexe.txt"]


@pytest.fixture
def hostile(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": i, "text": f"=cmd|' /C calc'!A0 网络安全{i}\x1b[2J\u202e"} for i in HOSTILE_IDS]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return src


def test_w21_csv_output_neutralises_formulas(hostile, tmp_path):
    out = tmp_path / "out.csv"
    r = cli("classify", hostile, "--format", "csv", "-o", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell
            assert not (cell.startswith("-") and not _is_number(cell)), cell


def test_w23_table_output_has_no_terminal_escapes(hostile):
    r = cli("classify", hostile, "--format", "table")
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert not any(c in r.stdout for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    # one card per record: its head line starts at the margin, the rest is indented
    heads = [line for line in r.stdout.splitlines() if line and not line.startswith(" ")]
    assert len(heads) == len(HOSTILE_IDS)


@pytest.mark.parametrize("ch", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_w24_normalize_removes_bidi_controls(ch):
    assert cr.normalize(f"网络{ch}安全") == "网络安全"
    assert ch not in "".join(cr.split_sentences(f"网络{ch}安全。好"))
