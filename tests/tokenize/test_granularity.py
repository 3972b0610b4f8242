"""Tokenizer granularity: the field's terms at the analyst's grain by default, compounds
whole on request; one word per concept; every path of the tokenizer agrees."""

from __future__ import annotations

import pickle

import pytest

from cyberreport import Tokenizer
from cyberreport.tokenize._token_ids import TokenIdCutter
from cyberreport.tokenize._wordlists import compounds

# (analyst's term, a sentence where 0.1 glued it into a longer token, that token)
ISSUE_CASES = [
    ("清朗", "深入开展清朗系列专项行动", "清朗系列专项行动"),
    ("护苗", "持续推进护苗行动", "护苗行动"),
    ("净网", "开展净网行动", "净网行动"),
    ("网络扶贫", "印发网络扶贫行动计划", "网络扶贫行动计划"),
    ("十四五", "编制十四五规划", "十四五规划"),
    ("互联网+", "推进互联网+政务服务", "互联网+政务服务"),
    ("态势感知", "建设态势感知平台", "态势感知平台"),
    ("网信办", "省委网信办召开会议", "省委网信办"),
    ("好网民", "开展争做中国好网民活动", "争做中国好网民"),
    ("融媒体中心", "建成县级融媒体中心", "县级融媒体中心"),
    ("大数据", "建设大数据中心", "大数据中心"),
    ("网络安全", "开展网络安全检查", "网络安全检查"),
]


@pytest.mark.parametrize("term, sentence, compound", ISSUE_CASES)
def test_default_cuts_at_the_analyst_s_grain(term, sentence, compound):
    toks = Tokenizer(stopwords=False).cut(sentence)
    assert term in toks and compound not in toks


@pytest.mark.parametrize("term, sentence, compound", ISSUE_CASES)
def test_compound_granularity_keeps_the_compound(term, sentence, compound):
    assert compound in Tokenizer(stopwords=False, granularity="compound").cut(sentence)


@pytest.mark.parametrize("compound, parts", sorted(compounds().items()))
def test_every_listed_compound_is_cut_into_its_parts(compound, parts):
    assert "".join(parts) == compound
    toks = Tokenizer(stopwords=False).cut(f"今年{compound}。")
    assert any(toks[i:i + len(parts)] == list(parts) for i in range(len(toks))), toks


@pytest.mark.parametrize("name", ["网络安全法", "网络安全宣传周", "微信公众号", "燕赵净网",
                                  "网络空间安全", "移动互联网应用程序", "政务新媒体"])
def test_names_of_one_thing_stay_whole(name):
    assert name in Tokenizer(stopwords=False).cut(f"今年{name}。")


def test_added_words_are_never_cut():
    tok = Tokenizer(stopwords=False).add_words(["清朗系列专项行动"])
    assert "清朗系列专项行动" in tok.cut("开展清朗系列专项行动")
    assert "清朗系列专项行动" in tok.vocabulary()
    assert "省委网信办" not in tok.vocabulary()


def test_user_dict_words_are_never_cut(tmp_path):
    p = tmp_path / "dict.txt"
    p.write_text("省委网信办 nt\n", "utf-8")
    assert "省委网信办" in Tokenizer(user_dict=p).cut("省委网信办召开会议")


@pytest.mark.parametrize("bad", ["terms", "", None, 1])
def test_bad_granularity(bad):
    with pytest.raises(ValueError, match="granularity must be 'term' or 'compound'"):
        Tokenizer(granularity=bad)


@pytest.mark.parametrize("granularity", ["term", "compound"])
def test_pickle_and_state_keep_the_granularity(granularity):
    tok = Tokenizer(granularity=granularity)
    text = "省委网信办开展清朗系列专项行动，建设态势感知平台"
    assert pickle.loads(pickle.dumps(tok)).cut(text) == tok.cut(text)
    state, arrays = tok._get_state()
    again = Tokenizer._from_state(state, arrays)
    assert again.granularity == granularity and again.cut(text) == tok.cut(text)
    assert f"granularity={granularity!r}" in repr(tok)


def test_state_from_before_0_2_cuts_compounds_whole():
    state, arrays = Tokenizer(granularity="compound")._get_state()
    del state["config"]["granularity"]             # a 0.1 model file
    old = Tokenizer._from_state(state, arrays)
    assert old.granularity == "compound"
    assert "省委网信办" in old.cut("省委网信办召开会议")


@pytest.mark.parametrize("granularity", ["term", "compound"])
@pytest.mark.parametrize("text", [
    "省委网信办开展清朗系列专项行动300次", "推进互联网+政务服务、十四五规划",
    "建设态势感知平台和大数据中心，争做中国好网民", "网络安全检查1.2万家次", "",
])
def test_token_id_fast_path_equals_cut(granularity, text):
    tok = Tokenizer(numbers="fold", keep_titles=False, granularity=granularity)
    vocab = sorted({t for t in tok.cut("省委网信办开展清朗系列专项行动300次，推进互联网+政务服务、"
                                       "十四五规划，建设态势感知平台和大数据中心，争做中国好网民，"
                                       "网络安全检查1.2万家次")})
    ids = {t: i for i, t in enumerate(vocab)}
    cutter = TokenIdCutter(tok, ids)
    assert cutter(text) == [ids[t] for t in tok.cut(text) if t in ids]
    counts, flat = cutter.batch([text, "省委网信办", text])
    assert list(counts) == [len(cutter(text)), len(cutter("省委网信办")), len(cutter(text))]
