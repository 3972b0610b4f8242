"""Tests for cyberreport.keywords.keywords."""

from __future__ import annotations

import math
import re

import pytest

from cyberreport import load_corpus
from cyberreport import keywords
from cyberreport.tokenize import stopwords

SECURITY = "加强关键信息基础设施安全保护，开展网络安全检查和应急演练，2016年排查安全隐患300余个。"
TEXTS = [
    SECURITY,
    "开展关键信息基础设施网络安全检查，建设态势感知平台",
    "推动媒体深入融合，组建北京新媒体集团，精心打造“北京时间”品牌。",
    "2016年全年封停属地直播网站近5000个违规账号，办理“扫黄打非”大案要案200余件，受理社会举报800多万条。",
    "制定出台《北京市信息化“十三五”时期发展规划》等文件。",
    "网信办网信办网信办开展净网行动",
]
# a number with an optional measure word (what Tokenizer(numbers="drop") removes)
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?[万亿千百余多个家条件次名人年月日号起项所户村座台套]*")


@pytest.mark.parametrize("kind, i", [("text", i) for i in range(len(TEXTS))]
                         + [("corpus", i) for i in range(0, 29, 4)])
@pytest.mark.parametrize("top_n", [1, 3, 10, 50])
def test_keywords_shape_weights_and_filtering(kind, i, top_n):
    text = TEXTS[i] if kind == "text" else load_corpus()[i].text
    result = keywords(text, top_n=top_n)
    assert 0 < len(result) <= top_n
    terms = [t for t, _ in result]
    weights = [w for _, w in result]
    assert len(set(terms)) == len(terms)
    assert all(isinstance(t, str) and t for t in terms)
    assert all(isinstance(w, float) and 0 < w <= 1 for w in weights)
    assert sum(weights) <= 1 + 1e-9
    assert weights == sorted(weights, reverse=True)
    stop = stopwords()
    assert not any(t in stop for t in terms)
    assert not any(_NUMBER.fullmatch(t) for t in terms), terms
    assert "<NUM>" not in terms


@pytest.mark.parametrize("text", TEXTS)
def test_all_terms_weights_sum_to_one(text):
    result = keywords(text, top_n=1000)
    assert math.isclose(sum(w for _, w in result), 1.0)


@pytest.mark.parametrize("text", TEXTS)
def test_keywords_deterministic(text):
    assert keywords(text) == keywords(text) == keywords(text, top_n=10)


def test_top_n_is_a_prefix_of_a_longer_list():
    full = keywords(SECURITY, top_n=20)
    for k in (1, 2, 5):
        assert keywords(SECURITY, top_n=k) == full[:k]


def test_domain_term_found_in_security_sentence():
    terms = [t for t, _ in keywords(SECURITY, top_n=20)]
    assert "关键信息基础设施" in terms
    assert "应急演练" in terms
    # the pieces of the domain term are not separate keywords
    assert "关键" not in terms and "基础设施" not in terms


def test_docstring_example():
    top = [t for t, _ in keywords("开展关键信息基础设施网络安全检查，建设态势感知平台", top_n=3)]
    assert set(top) == {"态势感知", "平台", "关键信息基础设施"}   # the analyst's grain


def test_terms_with_digits_are_not_numbers():
    terms = [t for t, _ in keywords("建成5G基站1.2万个，完成IPv6改造", top_n=20)]
    assert "5G" in terms and "IPv6" in terms
    assert not any(_NUMBER.fullmatch(t) for t in terms)


def test_more_frequent_term_weighs_more():
    result = dict(keywords("网信办网信办网信办开展净网行动"))
    assert result["网信办"] > result["净网"]


@pytest.mark.parametrize("text", ["", "   ", "的了和", "加强推进工作", "2016年", "。，！"])
def test_no_content_words_gives_empty_list(text):
    assert keywords(text) == []


@pytest.mark.parametrize("bad", [0, -1, 1.5, "3", None, True, False])
def test_bad_top_k_raises_value_error(bad):
    with pytest.raises(ValueError, match="top_n"):
        keywords(SECURITY, top_n=bad)


@pytest.mark.parametrize("bad", [None, 1, b"x", ["网信办"]])
def test_non_str_text_raises_type_error(bad):
    with pytest.raises(TypeError, match="text"):
        keywords(bad)


def test_single_string_corpus_rejected():
    with pytest.raises(TypeError, match="corpus"):
        keywords(SECURITY, corpus="网信办")


def test_corpus_parameter_changes_idf():
    text = "网信办网信办开展净网行动和护苗行动"
    default = dict(keywords(text))
    # a reference corpus where 网信办 is in every document: it becomes the least specific
    ref = ["网信办召开会议", "网信办开展护苗行动", "网信办部署工作", "网信办净网行动"]
    custom = dict(keywords(text, corpus=ref))
    assert custom != default
    assert custom["网信办"] < default["网信办"]
    # a corpus that never mentions 网信办 makes it more specific than terms it contains
    other = dict(keywords(text, corpus=["开展净网行动", "开展护苗行动", "护苗净网"]))
    assert other["网信办"] > custom["网信办"]
    assert list(other)[0] == "网信办"


def test_corpus_parameter_accepts_any_iterable():
    ref = ["网信办召开会议", "开展净网行动"]
    assert keywords(SECURITY, corpus=iter(ref)) == keywords(SECURITY, corpus=ref) \
        == keywords(SECURITY, corpus=tuple(ref))


def test_empty_corpus_gives_uniform_idf():
    # with no reference documents every term has the same IDF: weights follow counts
    result = keywords("网信办网信办净网行动", corpus=[])
    assert result == [("网信办", pytest.approx(2 / 4)), ("净网", pytest.approx(1 / 4)),
                      ("行动", pytest.approx(1 / 4))]



def test_corpus_idf_is_computed_once_for_the_same_texts(monkeypatch):
    from cyberreport.features import Keywords, _keywords

    monkeypatch.setattr(_keywords, "_BY_CORPUS", type(_keywords._BY_CORPUS)())
    built = []
    real_init = Keywords.__init__

    def counting(self, corpus=None):
        built.append(1)
        real_init(self, corpus)

    monkeypatch.setattr(Keywords, "__init__", counting)
    ref = ["网信办召开会议", "网信办开展护苗行动", "网信办部署工作", "网信办净网行动"]
    first = [keywords(t, corpus=ref) for t in TEXTS]
    assert len(built) == 1  # one idf for every text
    assert [keywords(t, corpus=list(ref)) for t in TEXTS] == first  # equal texts: reused
    assert len(built) == 1
    assert first == [Keywords(ref).extract(t) for t in TEXTS]
    keywords(SECURITY, corpus=iter(ref))  # an iterator can be read once only: no reuse
    assert len(built) == 2 + len(TEXTS)
    for i in range(_keywords._CORPUS_CACHE_SIZE + 2):  # the cache keeps a few corpora
        keywords(SECURITY, corpus=[f"文件{i}"])
    assert len(_keywords._BY_CORPUS) == _keywords._CORPUS_CACHE_SIZE


def test_extract_many_equals_extract():
    from cyberreport.features import Keywords

    kw = Keywords()
    assert kw.extract_many(TEXTS, top_n=5) == [kw.extract(t, top_n=5) for t in TEXTS]


@pytest.mark.parametrize("text", [
    "以此为契机，来自全省各地的代表提出多个建议，会议期间作出部署。",
    "这是全省首次召开网络安全工作会议，会议期间提出新的发展目标。",
])
def test_generic_words_are_not_keywords(text):
    from cyberreport.tokenize import generic_words

    terms = [t for t, _ in keywords(text, top_n=20)]
    assert terms and not set(terms) & generic_words()
    # ... but the tokenizer keeps them (the classifier and the clustering see them)
    from cyberreport import Tokenizer

    assert set(Tokenizer().cut(text)) & generic_words()
