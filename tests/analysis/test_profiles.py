"""Tests for group profiles (cyberreport.profiles)."""

from __future__ import annotations

import numpy as np
import pytest

from cyberreport.analysis import Profile, profile, similar
from cyberreport.topics import TopicModel


@pytest.fixture(scope="module")
def prof():
    return profile()  # the bundled corpus, by province


def test_default_profile_is_the_corpus_by_province(prof, corpus, model):
    assert isinstance(prof, Profile)
    assert prof.groups == [p.province for p in corpus]  # one paragraph per province
    assert "江苏" not in prof.groups
    assert prof.themes == list(model.classes_)
    assert prof.theme_shares.shape == (29, 13)
    assert prof.n_sentences.tolist() == [len(p.sentences) for p in corpus]
    assert prof.topic_shares.shape == (29, prof.topic_model.n_topics_)
    assert len(prof.topic_labels) == len(prof.topics) == prof.topic_model.n_topics_


def test_theme_shares_count_every_predicted_theme(prof, corpus, model):
    for i, p in enumerate(corpus):
        preds = model.predict([s.text for s in p.sentences])
        expected = [sum(t in labs for labs in preds) / len(preds) for t in model.classes_]
        assert np.allclose(prof.theme_shares[i], expected), p.province
    assert ((prof.theme_shares >= 0) & (prof.theme_shares <= 1)).all()


def test_topic_shares_follow_the_topic_model(prof, corpus):
    tm = prof.topic_model
    for i, p in enumerate(corpus):
        assign = tm.predict([s.text for s in p.sentences])
        expected = np.bincount(assign[assign >= 0], minlength=tm.n_topics_) / len(assign)
        assert np.allclose(prof.topic_shares[i], expected)
    assert (prof.topic_shares.sum(axis=1) <= 1 + 1e-9).all()


def test_similar(prof):
    top = similar(prof, "浙江", top_n=5)
    assert len(top) == 5
    names = [g for g, _ in top]
    assert "浙江" not in names and len(set(names)) == 5
    scores = [s for _, s in top]
    assert scores == sorted(scores, reverse=True)
    M = prof.theme_shares
    i, j = prof.groups.index("浙江"), prof.groups.index(names[0])
    cos = M[i] @ M[j] / np.linalg.norm(M[i]) / np.linalg.norm(M[j])
    assert scores[0] == pytest.approx(cos)
    # no other group is more similar than the first
    all_scores = similar(prof, "浙江", top_n=100)
    assert len(all_scores) == 28 and all_scores[:5] == top
    assert len(similar(prof, "浙江", top_n=3, by="topics")) == 3
    assert len(similar(prof, "浙江", top_n=3, by="both")) == 3


def test_similar_unknown_group_lists_valid_names(prof):
    with pytest.raises(KeyError) as exc:
        similar(prof, "江苏")
    msg = str(exc.value)
    assert "江苏" in msg and "北京" in msg and "新疆" in msg


def test_similar_bad_arguments(prof):
    with pytest.raises(ValueError, match="top_n must be a positive int"):
        similar(prof, "浙江", top_n=0)
    with pytest.raises(ValueError, match="by must be"):
        similar(prof, "浙江", by="words")
    with pytest.raises(TypeError, match="Profile"):
        similar({"浙江": 1}, "浙江")


def test_profile_of_strings_with_groups(model):
    texts = ["开展关键信息基础设施网络安全检查。建设县级融媒体中心。",
             "开展“净网”专项行动，关闭违法违规网站。",
             "组织网络安全宣传周活动。"]
    prof = profile(texts, ["甲", "乙", "甲"], model=model, topic_model=TopicModel(n_topics=2))
    assert prof.groups == ["甲", "乙"]
    assert prof.n_sentences.tolist() == [3, 1]
    sec = prof.themes.index("security")
    assert prof.theme_shares[0, sec] == pytest.approx(2 / 3)
    assert prof.topic_shares.shape == (2, 2)
    no_topics = profile(texts, ["a", "b", "c"], model=model, topic_model=False)
    assert no_topics.topic_shares is None
    with pytest.raises(ValueError, match="no topic table"):
        similar(no_topics, "a", by="topics")


def test_profile_validation(model):
    with pytest.raises(ValueError, match="groups is required"):
        profile(["开展网络安全检查。"], model=model, topic_model=False)
    with pytest.raises(ValueError, match="one entry per text"):
        profile(["开展网络安全检查。", "建设融媒体中心。"], ["甲"], model=model, topic_model=False)
    with pytest.raises(ValueError, match="empty"):
        profile([], [], model=model)
    with pytest.raises(ValueError, match="all texts are empty"):
        profile(["", "  "], ["a", "b"], model=model, topic_model=False)
    with pytest.raises(TypeError, match="wrap it in a list"):
        profile("开展网络安全检查。", ["a"], model=model)
    with pytest.raises(ValueError, match="groups was given without texts"):
        profile(None, ["a"])


def test_tables(prof, tmp_path):
    rows = prof.to_dict("themes")
    assert rows[0]["group"] == "北京" and rows[0]["n_sentences"] == 4
    assert "北京" in prof._repr_html_()
    pd = pytest.importorskip("pandas")
    df = prof.to_frame("topics")
    assert isinstance(df, pd.DataFrame) and df.shape[0] == 29
    assert np.allclose(df.drop(columns="n_sentences").to_numpy(), prof.topic_shares)
    with pytest.raises(ValueError, match="table must be"):
        prof.to_frame("provinces")
    with pytest.warns(FutureWarning, match=r"Profile.table\(\) is deprecated"):
        assert prof.table("themes", as_frame=False) == rows
    prof.to_csv(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text("utf-8").splitlines()[0].startswith("group,n_sentences,security")


def test_table_without_pandas(prof, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"Profile.to_frame\(\) needs pandas"):
        prof.to_frame("themes")
