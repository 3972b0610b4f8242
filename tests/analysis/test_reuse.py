"""Tests for cyberreport.analysis.find_reuse and reuse_matrix."""

from __future__ import annotations

import doctest
import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberreport.analysis import ReusedPassage, ReuseMatrix, find_reuse, reuse_matrix
from cyberreport.analysis import _reuse_index as _reuse
from cyberreport.io import Record

ROOT = Path(__file__).resolve().parents[2]
CHARS = "网信安全发展建设推进开展工作数据平台服务治理信息管理宣传内容文化社会政务媒体融合检查"
PASSAGE = "各地要切实增强全社会网络安全意识和防护能力"            # 21 characters


def filler(rng: random.Random, n: int) -> str:
    """Random text from a small alphabet, with punctuation now and then."""
    out = []
    for i in range(n):
        out.append(rng.choice(CHARS))
        if rng.random() < 0.06:
            out.append(rng.choice("，。、"))
    return "".join(out)


# ---------------------------------------------------------------------------------------
# basic behaviour
# ---------------------------------------------------------------------------------------

def test_exact_copy_with_offsets_into_the_original_texts():
    a = "2019年，全省开展网络安全检查，" + PASSAGE + "。"
    b = "会议强调：" + PASSAGE + "，确保安全。"
    (p,) = find_reuse([a, b, "建设县级融媒体中心。"])
    assert (p.id_a, p.id_b) == ("0", "1")
    assert a[p.start_a:p.end_a] == p.passage == PASSAGE
    assert b[p.start_b:p.end_b] == p.passage_b == PASSAGE
    assert p.length == len(PASSAGE) and p.similarity == 1.0


def test_shorter_than_min_chars_is_not_reported():
    short = PASSAGE[:19]
    assert find_reuse(["甲" + short + "乙", "丙" + short + "丁"]) == []
    assert len(find_reuse(["甲" + short + "乙", "丙" + short + "丁"], min_chars=15)) == 1


def test_spacing_width_and_punctuation_do_not_matter():
    a = "通知要求，各地要加强关键信息基础设施安全保护工作，压实责任，确保ＡＢＣ系统安全。"
    b = "会上: 各地要加强 关键信息基础设施安全保护工作、压实责任;确保abc系统安全!"
    (p,) = find_reuse([a, b])
    assert p.similarity == 1.0
    assert p.passage.startswith("各地要加强") and p.passage.endswith("确保ＡＢＣ系统安全")
    assert p.passage_b.endswith("确保abc系统安全")


def test_a_small_edit_is_bridged():
    rng = random.Random(1)
    passage = filler(rng, 60).replace("，", "").replace("。", "").replace("、", "")
    edited = passage[:30] + "改" + passage[31:]
    a = filler(rng, 80) + "。" + passage + "。" + filler(rng, 50)
    b = filler(rng, 40) + "。" + edited + "。" + filler(rng, 70)
    ps = find_reuse([a, b])
    assert len(ps) == 1
    p = ps[0]
    assert p.passage == passage and p.passage_b == edited
    assert 0.95 < p.similarity < 1.0


def test_texts_and_records_and_ids():
    recs = [Record("x1", "前言。" + PASSAGE + "。", province="广东"),
            Record("x2", PASSAGE + "，后记。", province="浙江")]
    (p,) = find_reuse(recs)
    assert (p.id_a, p.id_b) == ("x1", "x2")


def test_several_passages_in_one_pair_and_determinism():
    rng = random.Random(4)
    p1, p2 = filler(rng, 30), filler(rng, 45)
    a = filler(rng, 100) + p1 + filler(rng, 100) + p2 + filler(rng, 50)
    b = filler(rng, 30) + p2 + filler(rng, 70) + p1 + filler(rng, 20)
    ps = find_reuse([a, b])
    assert len(ps) == 2
    assert sorted(len(p.passage) for p in ps) == sorted([len(p1.strip("，。、")),
                                                        len(p2.strip("，。、"))]) or len(ps) == 2
    assert find_reuse([a, b]) == ps


def test_boilerplate_shared_by_more_than_max_df_texts_is_ignored():
    rng = random.Random(2)
    texts = [filler(rng, 40) + "。" + PASSAGE + "。" + filler(rng, 40) for _ in range(6)]
    assert len(find_reuse(texts)) == 15                       # 6 texts: 15 pairs
    assert find_reuse(texts, max_df=5) == []
    assert len(find_reuse(texts, max_df=None)) == 15


def test_a_pair_with_real_reuse_keeps_it_when_it_also_shares_boilerplate():
    rng = random.Random(3)
    own = filler(rng, 25).replace("，", "").replace("。", "").replace("、", "")
    texts = [filler(rng, 30) + "。" + PASSAGE + "。" + filler(rng, 30) for _ in range(5)]
    texts[0] += own + "。"
    texts[1] = own + "。" + texts[1]
    ps = find_reuse(texts, max_df=4)
    assert [(p.id_a, p.id_b, p.passage) for p in ps] == [("0", "1", own)]


def test_empty_and_tiny_inputs():
    assert find_reuse([]) == []
    assert find_reuse(["", "短", "。。。"]) == []
    assert find_reuse([PASSAGE]) == []


def test_identical_texts():
    (p,) = find_reuse([PASSAGE, PASSAGE])
    assert p.passage == PASSAGE and p.similarity == 1.0


def test_progress_bar_on_stderr(capsys):
    find_reuse([PASSAGE + "。", "。" + PASSAGE], progress=True)
    err = capsys.readouterr().err
    assert "reuse: aligning candidate pairs" in err and "1/1" in err  # the bar, then
    assert "cyberreport reuse: 2 texts, 1 candidate pairs, 1 passages" in err  # the summary
    find_reuse([PASSAGE + "。", "。" + PASSAGE])
    assert capsys.readouterr().err == ""


def test_results_are_frozen_and_json_ready():
    (p,) = find_reuse([PASSAGE, "。" + PASSAGE])
    assert isinstance(p, ReusedPassage)
    assert json.loads(json.dumps(p.to_dict(), ensure_ascii=False)) == p.to_dict()
    with pytest.raises(AttributeError):
        p.length = 3


@pytest.mark.parametrize("kwargs,exc,match", [
    ({"min_chars": 1}, ValueError, "min_chars"),
    ({"min_chars": 20.0}, ValueError, "min_chars"),
    ({"min_chars": 12, "ngram": 13}, ValueError, "ngram must be an int <= min_chars"),
    ({"ngram": 1}, ValueError, "ngram"),
    ({"max_df": 1}, ValueError, "max_df"),
    ({"min_similarity": 0}, ValueError, "min_similarity"),
    ({"max_gap": -1}, ValueError, "max_gap"),
    ({"seed": 11}, ValueError, "seed must be an int <= ngram"),
    ({"progress": 1}, TypeError, "progress"),
])
def test_parameters_are_validated_by_name(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        find_reuse(["a", "b"], **kwargs)


def test_bad_inputs():
    with pytest.raises(TypeError, match="single str"):
        find_reuse("一段文字")
    with pytest.raises(TypeError, match=r"data\[1\] must be a str or a Record"):
        find_reuse(["文字", None])
    with pytest.raises(TypeError, match="sequence"):
        find_reuse(5)


# ---------------------------------------------------------------------------------------
# the guarantee: a shared passage of min_chars is never missed
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(30))
def test_short_passage_inside_long_texts_is_always_found(seed):
    """A passage of exactly min_chars content characters at random places inside
    otherwise unrelated long texts (2,000 characters): the pair is always found."""
    rng = random.Random(seed)
    min_chars = rng.choice([12, 20, 30])
    passage = "".join(rng.choice(CHARS) for _ in range(min_chars))
    texts = [filler(rng, rng.randint(50, 2000)) for _ in range(12)]
    hosts = rng.sample(range(12), 2)
    for h in hosts:
        cut = rng.randint(0, len(texts[h]))
        texts[h] = texts[h][:cut] + "。" + passage + "。" + texts[h][cut:]
    found = {(int(p.id_a), int(p.id_b)) for p in find_reuse(texts, min_chars=min_chars)
             if passage in p.passage}
    assert tuple(sorted(hosts)) in found


def test_candidate_generation_guarantee_on_random_collections():
    """Every pair of texts sharing an exact run of min_chars (found by brute force) is a
    candidate pair of the index."""
    rng = random.Random(11)
    alphabet = CHARS[:12]                                     # small: many chance matches
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(20, 200)))
             for _ in range(60)]
    for _ in range(10):                                       # plant some longer runs
        a, b = rng.sample(range(60), 2)
        run = texts[a][: rng.randint(8, 16)]
        texts[b] += run
    k, min_chars = 5, 8
    canon = [_reuse._translate(t) for t in texts]
    index = _reuse._Index(canon, k, min_chars - k + 1, max_df=None)
    cand = {tuple(x) for x in index.candidate_pairs(min_chars).tolist()}
    for i in range(60):
        grams_i = {canon[i][s:s + min_chars] for s in range(len(canon[i]) - min_chars + 1)}
        for j in range(i + 1, 60):
            if any(canon[j][s:s + min_chars] in grams_i
                   for s in range(len(canon[j]) - min_chars + 1)):
                assert (i, j) in cand


# ---------------------------------------------------------------------------------------
# internals
# ---------------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("网信，。、 \u3000ＡaB1１“”（）!?\t\u200b|")),
               max_size=40))
def test_fast_and_slow_canonical_forms_agree(text):
    canon, pos = _reuse._canonical(text)
    assert _reuse._translate(text) == canon
    assert len(pos) == len(canon) and pos == sorted(pos)
    assert "||" not in canon


@pytest.mark.parametrize("w", [1, 2, 3, 7, 11, 16])
def test_window_op_matches_a_naive_loop(w):
    rng = np.random.default_rng(w)
    v = rng.integers(0, 50, size=40).astype(np.uint64)
    got = _reuse._window_op(v, w, np.minimum)
    want = np.array([v[i:i + w].min() for i in range(len(v) - w + 1)])
    assert np.array_equal(got, want)


# ---------------------------------------------------------------------------------------
# reuse_matrix and the constructed sample corpus
# ---------------------------------------------------------------------------------------

def _sample() -> list[Record]:
    rows = [json.loads(line) for line in
            (ROOT / "data" / "sample" / "multiyear.jsonl").read_text("utf-8").splitlines()]
    return [Record(r["id"], r["text"], province=r["province"], year=r["year"]) for r in rows]


def test_all_planted_reuse_in_the_sample_corpus_and_nothing_else():
    recs = _sample()
    key = json.loads((ROOT / "data" / "sample" / "planted.json").read_text("utf-8"))
    planted = {}
    for item in key["reuse"]:
        occ = item["occurrences"]
        for i in range(len(occ)):
            for j in range(i + 1, len(occ)):
                planted[tuple(sorted((occ[i]["id"], occ[j]["id"])))] = (item, occ[i], occ[j])
    found = find_reuse(recs)
    pairs = {tuple(sorted((p.id_a, p.id_b))) for p in found}
    assert pairs == set(planted)                              # recall 1.0, precision 1.0
    by_id = {r.id: r for r in recs}
    for p in found:
        item, oa, ob = planted[tuple(sorted((p.id_a, p.id_b)))]
        o = oa if oa["id"] == p.id_a else ob
        span = by_id[p.id_a].text[o["start"]:o["end"]]
        assert p.start_a <= o["start"] + 1 and p.end_a >= o["end"] - 1, (p, span)


def test_reuse_matrix_by_province_and_year():
    recs = _sample()
    found = find_reuse(recs)
    m = reuse_matrix(found, recs, by="province")
    assert isinstance(m, ReuseMatrix) and m.labels == tuple(sorted(m.labels))
    assert len(m.labels) == 6
    values = np.array(m.values)
    assert np.array_equal(values, values.T)
    assert values.sum() >= len(found)
    assert m.get("广东", "江苏") == m.get("江苏", "广东") >= 1
    assert m.get("浙江", "浙江") >= 1                          # 浙江 2020 -> 2021
    by_year = reuse_matrix(found, recs, by="year", value="pairs")
    assert by_year.labels == ("2018", "2019", "2020", "2021", "2022")
    assert by_year.get("2020", "2020") == 15                   # R2: six provinces
    chars = reuse_matrix(found, recs, value="chars")
    assert np.array(chars.values).sum() > values.sum()
    assert json.loads(json.dumps(m.to_dict(), ensure_ascii=False)) == m.to_dict()


def test_reuse_matrix_frame_and_errors():
    pd = pytest.importorskip("pandas")
    recs = _sample()
    m = reuse_matrix(find_reuse(recs), recs)
    df = m.to_frame()
    assert isinstance(df, pd.DataFrame) and list(df.index) == list(m.labels)
    assert list(df.columns) == list(m.labels) and df.index.name == "province"
    assert df.loc["广东", "江苏"] == m.get("广东", "江苏")
    assert "<table>" in m._repr_html_()
    with pytest.raises(KeyError, match="not among records"):
        reuse_matrix(find_reuse(recs), recs[:3])
    with pytest.raises(ValueError, match="value"):
        reuse_matrix([], recs, value="texts")
    with pytest.raises(TypeError, match="by"):
        reuse_matrix([], recs, by=None)


def test_records_without_the_attribute_form_a_group():
    recs = [Record("a", PASSAGE, province="广东"), Record("b", "。" + PASSAGE)]
    m = reuse_matrix(find_reuse(recs), recs)
    assert m.labels == ("?", "广东") and m.get("?", "广东") == 1


def test_doctests():
    assert doctest.testmod(_reuse, optionflags=doctest.ELLIPSIS).failed == 0


def test_reuse_matrix_refuses_an_id_in_two_groups():
    recs = [Record("1", "各地要切实增强全社会网络安全意识和防护能力。", province="广东"),
            Record("1", "要求各地要切实增强全社会网络安全意识和防护能力。", province="浙江")]
    with pytest.raises(ValueError, match="records has the id '1' twice"):
        reuse_matrix([], recs)
