"""Tests for topic discovery (cyberreport.topics) and the ``topics`` command."""

from __future__ import annotations

import json
import pickle
import random
import re
import unicodedata

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.cli import main
from cyberreport.tokenize import stopwords
from cyberreport.topics import TopicModel, TopicQuality, npmi_coherence, topic_diversity, topic_quality

NUMBER_RE = re.compile(r"^[\d.,%]+$")


@pytest.fixture(scope="module")
def auto_model(corpus):
    return TopicModel(random_state=0).fit(corpus.texts)


@pytest.fixture(scope="module")
def model8(corpus):
    return TopicModel(n_topics=8, random_state=0).fit(corpus.texts)


def _bad_term_reason(term: str, stop: frozenset) -> str | None:
    if term in stop:
        return "stop-word"
    if any(c.isspace() for c in term) or term != term.strip():
        return "whitespace"
    if any(unicodedata.category(c).startswith("P") for c in term):
        return "punctuation"
    if NUMBER_RE.match(term):
        return "bare number"
    if len(term) < 2:
        return "single character"
    return None


# -- acceptance: clean terms from the CLI ------------------------------------------------
@pytest.mark.parametrize("extra", [[], ["--n-topics", "8"], ["--unit", "text", "--n-topics", "4"]])
def test_cli_topics_top8_terms_are_clean(capsys, corpus_path, extra):
    code = main(["topics", corpus_path, "--format", "jsonl", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert rows, "no topic printed"
    stop = stopwords()
    for row in rows:
        top8 = [t for t, _ in row["terms"][:8]]
        assert len(top8) == 8, row
        bad = {t: _bad_term_reason(t, stop) for t in top8 if _bad_term_reason(t, stop)}
        assert not bad, f"topic {row['id']}: {bad}"
    assert [r["id"] for r in rows] == list(range(len(rows)))
    if "--k" in extra:
        assert len(rows) == int(extra[extra.index("--k") + 1])


def test_cli_topics_table_format(capsys, corpus_path):
    code = main(["topics", corpus_path, "--k", "5", "--format", "table", "--examples"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0].startswith("5 topics of 90 sentences")
    assert "“" in out  # the representative sentence


def test_cli_topics_txt_and_plain_jsonl(capsys, tmp_path, corpus):
    txt = tmp_path / "t.txt"
    txt.write_text("\n".join(corpus.texts) + "\n", "utf-8")
    jl = tmp_path / "t.jsonl"
    jl.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                          for i, t in enumerate(corpus.texts)), "utf-8")
    outs = []
    for path in (txt, jl):
        assert main(["topics", str(path), "--k", "6", "--format", "jsonl"]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]  # same texts -> same topics, whatever the file format


def test_cli_topics_bad_input(capsys, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("开展网络安全检查。\n", "utf-8")
    assert main(["topics", str(one), "--k", "3"]) == 2
    assert "fewer texts than topics" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n。。\n2016\n", "utf-8")
    assert main(["topics", str(empty)]) == 2
    assert "empty" in capsys.readouterr().err
    for bad in ("0", "-2", "x", "1.5"):
        with pytest.raises(SystemExit) as exc:
            main(["topics", str(one), "--k", bad])
        assert exc.value.code == 2
        assert "--k" in capsys.readouterr().err


# -- acceptance: determinism and order independence -------------------------------------
def _fingerprint(m: TopicModel):
    return ([t.to_dict() for t in m.topics_], m.labels_.tolist(), m.units_)


def test_same_seed_identical_topics(corpus, auto_model):
    again = TopicModel(random_state=0).fit(corpus.texts)
    assert _fingerprint(again) == _fingerprint(auto_model)
    assert again.n_topics_ == auto_model.n_topics_


@pytest.mark.parametrize("n_topics", ["auto", 8])
def test_shuffled_input_gives_same_topics(corpus, auto_model, model8, n_topics):
    ref = auto_model if n_topics == "auto" else model8
    texts = list(corpus.texts)
    for seed in (1, 2):
        random.Random(seed).shuffle(texts)
        m = TopicModel(n_topics=n_topics, random_state=0).fit(texts)
        assert _fingerprint(m) == _fingerprint(ref)


def test_shuffled_sentences_give_same_topics(corpus, model8):
    # the texts split differently (one sentence per text, shuffled): same sentence units
    sents = [s.text for p in corpus for s in p.sentences]
    random.Random(3).shuffle(sents)
    m = TopicModel(n_topics=8, random_state=0).fit(sents)
    assert [t.to_dict() for t in m.topics_] == [t.to_dict() for t in model8.topics_]


def test_duplicates_are_counted_not_reclustered(corpus, model8):
    m = TopicModel(n_topics=8).fit(list(corpus.texts) + list(corpus.texts))
    assert m.units_ == model8.units_
    assert m.labels_.tolist() == model8.labels_.tolist()
    assert [t.size for t in m.topics_] == [2 * t.size for t in model8.topics_]


# -- bad input ------------------------------------------------------------------------
def test_fewer_texts_than_topics():
    with pytest.raises(ValueError, match="fewer texts than topics"):
        TopicModel(n_topics=5).fit(["开展网络安全检查。", "建设县级融媒体中心。"])


def test_all_empty_texts():
    with pytest.raises(ValueError, match="all 3 texts are empty"):
        TopicModel(n_topics=2).fit(["", "   ", "\u3000"])
    with pytest.raises(ValueError, match="empty of content words"):
        TopicModel(n_topics=2).fit(["。", "2016年", "的 了"])
    with pytest.raises(ValueError, match="texts is empty"):
        TopicModel().fit([])


@pytest.mark.parametrize("bad", [0, -1, 1.5, "five", "Auto", True, None, [3]])
def test_n_topics_must_be_positive_int_or_auto(bad):
    with pytest.raises(ValueError, match="n_topics"):
        TopicModel(n_topics=bad).fit(["开展网络安全检查。", "建设县级融媒体中心。"])


@pytest.mark.parametrize("bad", ["word", "sentences", None, 1])
def test_unit_must_be_valid(bad):
    with pytest.raises(ValueError, match="unit"):
        TopicModel(unit=bad).fit(["开展网络安全检查。"])


@pytest.mark.parametrize("param", ["n_neighbors", "top_n", "min_topic_size", "random_state"])
def test_other_params_are_validated(param):
    with pytest.raises(ValueError, match=param):
        TopicModel(n_topics=1, **{param: -1}).fit(["开展网络安全检查。"])


def test_texts_type_errors():
    with pytest.raises(TypeError, match=r"wrap it in a list"):
        TopicModel().fit("开展网络安全检查。")
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str, got NoneType"):
        TopicModel().fit(["开展网络安全检查。", None])


def test_not_fitted():
    with pytest.raises(cr.NotFittedError, match="not fitted"):
        TopicModel().predict(["开展网络安全检查。"])


# -- the estimator ---------------------------------------------------------------------
def test_topics_records(model8):
    assert model8.n_topics_ == len(model8.topics_) == 8
    sizes = [t.size for t in model8.topics_]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == 90
    for t in model8.topics_:
        assert len(t.terms) == 10
        weights = [w for _, w in t.terms]
        assert weights == sorted(weights, reverse=True) and weights[-1] > 0
        assert t.label == "、".join(t.top_terms(3))
        assert 1 <= len(t.representative) <= 3
        assert all(u in model8.units_ for u in t.representative)
    assert model8.ctfidf_.shape == (8, len(model8.vocabulary_))


def test_predict_on_training_units_matches_labels(model8):
    assert model8.predict(model8.units_).tolist() == model8.labels_.tolist()


def test_transform_and_predict(model8):
    W = model8.transform(["开展关键信息基础设施网络安全检查。建设县级融媒体中心。", "今天。", ""])
    assert W.shape == (3, 8)
    assert np.isclose(W[0].sum(), 1.0)
    assert (W[1:] == 0).all()
    pred = model8.predict(["加强关键信息基础设施网络安全检查。", "2016年。"])
    top0 = {t.id for t in model8.topics_ if "关键信息基础设施" in t.top_terms(3)}
    assert pred[0] in top0
    assert pred[1] == -1


def test_to_frame_and_to_dict(model8):
    rows = model8.to_dict()
    assert [r["topic"] for r in rows] == list(range(8))
    assert set(rows[0]) == {"topic", "label", "size", "share", "terms", "representative"}
    assert "8 topics" in model8._repr_html_()
    pd = pytest.importorskip("pandas")
    df = model8.to_frame()
    assert isinstance(df, pd.DataFrame) and len(df) == 8
    assert df["size"].sum() == 90
    with pytest.warns(FutureWarning, match=r"get_topic_info\(\) is deprecated.*to_frame"):
        old = model8.get_topic_info(as_frame=False)
    assert old == rows


def test_sklearn_protocol_and_pickle(model8):
    from sklearn.base import clone

    c = clone(TopicModel(n_topics=4, unit="text"))
    assert c.get_params()["n_topics"] == 4 and c.unit == "text"
    assert "n_topics=4" in repr(c)
    with pytest.raises(ValueError, match="invalid parameter 'k'"):
        c.set_params(k=3)
    back = pickle.loads(pickle.dumps(model8))
    sents = ["开展网络安全检查。", "组织网络文化活动。"]
    assert back.predict(sents).tolist() == model8.predict(sents).tolist()


def test_paragraph_unit(corpus):
    m = TopicModel(n_topics=4, unit="text").fit(corpus)
    assert sum(t.size for t in m.topics_) == 29
    assert m.predict(corpus).shape == (29,)


def test_auto_scores_documented_criterion(auto_model):
    scores = auto_model.auto_scores_
    assert [s["k"] for s in scores] == list(range(2, 90 // 7 + 1))
    best = max(scores, key=lambda s: (s["score"], -s["k"]))
    assert best["k"] == auto_model.n_topics_
    for s in scores:
        assert s["score"] == pytest.approx((1 + s["npmi"]) / 2 * s["diversity"] * s["stability"])


def test_public_names():
    for name in ("TopicModel", "topic_quality", "profile", "similar", "Profile",
                 "plot_theme_heatmap", "plot_topics"):
        assert name in cr.__all__
    assert cr.TopicModel is TopicModel


# -- quality measures ---------------------------------------------------------------------
def test_npmi_and_diversity_definitions():
    ref = ["开展网络安全检查。", "建设融媒体中心。", "网络安全宣传周。"]
    assert npmi_coherence([["网络安全", "检查"]], ref) == [pytest.approx(
        np.log((1 / 3) / ((2 / 3) * (1 / 3))) / -np.log(1 / 3))]
    assert npmi_coherence([["检查", "融媒体"]], ref) == [-1.0]
    assert topic_diversity([["a", "b"], ["b", "c"]]) == 0.75


def test_topic_quality_on_corpus(auto_model, corpus):
    q = topic_quality(auto_model, corpus)
    assert isinstance(q, TopicQuality)
    assert q.n_sentences == 90
    assert len(q.npmi_per_topic) == auto_model.n_topics_
    assert -1 <= q.npmi <= 1 and 0 < q.diversity <= 1
    assert len(q.stability_per_seed) == 5
    assert q.stability >= 0.8  # acceptance
    assert 0 < q.nmi <= 1
    assert q.topic_theme.shape == (len(q.topic_ids), 13)
    # every labelled sentence is counted once per theme
    assert q.topic_theme.sum() == sum(len(s.labels) for p in corpus for s in p.sentences)
    assert "NMI topic vs theme" in q.format()
    json.dumps(q.to_dict())
    plain = topic_quality(auto_model, corpus.texts, n_seeds=1)
    assert plain.nmi is None and plain.topic_theme is None
    assert plain.npmi == pytest.approx(q.npmi)


def test_topic_quality_validation(model8):
    with pytest.raises(TypeError, match="fitted TopicModel"):
        topic_quality("model", ["x"])
    with pytest.raises(ValueError, match="n_seeds"):
        topic_quality(model8, ["开展网络安全检查。"], n_seeds=0)


def test_beats_naive_baselines_at_same_k(auto_model, corpus):
    """The benchmark's acceptance in small: NPMI and diversity above LDA and NMF over
    plain jieba.lcut tokens at the same k (benchmarks/bench_topics.py has the full run)."""
    import warnings

    import jieba
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    k = auto_model.n_topics_
    sents = [s.text for p in corpus for s in p.sentences]
    q = topic_quality(auto_model, corpus, n_seeds=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for vec, est in ((CountVectorizer(tokenizer=jieba.lcut), LatentDirichletAllocation(k, random_state=0)),
                         (TfidfVectorizer(tokenizer=jieba.lcut), NMF(k, random_state=0, max_iter=1000))):
            X = vec.fit_transform(sents)
            est.fit(X)
            vocab = vec.get_feature_names_out()
            tops = [[vocab[i] for i in np.argsort(-r, kind="stable")[:10]] for r in est.components_]
            assert q.npmi > np.nanmean(npmi_coherence(tops, sents)), type(est).__name__
            assert q.diversity > topic_diversity(tops), type(est).__name__


def test_without_pandas_rows_by_default_and_a_clear_error_when_asked(model8, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # "import pandas" raises ImportError
    rows = model8.to_dict()
    assert isinstance(rows, list) and len(rows) == 8
    with pytest.raises(ImportError, match=r"TopicModel.to_frame\(\) needs pandas: pip install 'cyberreport\[pandas\]'"):
        model8.to_frame()
    with pytest.raises(ImportError, match=r"Corpus.to_frame\(\) needs pandas"):
        cr.load_corpus().to_frame()


def test_topic_terms_leave_out_words_that_describe_no_subject():
    """0.1's largest topic on a combined corpus was described as 发展、提出、建设."""
    import json
    from pathlib import Path

    from cyberreport.tokenize import generic_words

    root = Path(__file__).resolve().parents[2] / "data"
    texts = [p.text for p in cr.load_corpus()]
    texts += [json.loads(line)["text"]
              for line in (root / "dev" / "dev_2017_2022.jsonl").read_text("utf-8").splitlines()
              if line.strip()]
    tm = cr.TopicModel(n_topics=8, random_state=0).fit(texts)
    shown = {t for topic in tm.topics_ for t, _ in topic.terms}
    assert shown and not shown & generic_words()
    # the clustering itself still sees them
    assert set(tm.vocabulary_) & generic_words()
