"""Tests for cyberreport.tokenize: Tokenizer, domain_words, stopwords."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cyberreport.tokenize._segmenter as tokenize_mod
from collections import OrderedDict
from cyberreport.text import normalize
from cyberreport.tokenize import Tokenizer, domain_words, stopwords
from cyberreport.tokenize._numbers import NUM_TOKEN

BACKENDS = ["rjieba", "jieba"]

# Each domain term in a sentence where plain jieba would (mostly) cut it apart, and no
# longer domain term contains it.
DOMAIN_CONTEXTS = {
    "网信办": "网信办牵头召开专题会议",
    "关键信息基础设施": "开展关键信息基础设施安全检查",
    "两微一端": "建成两微一端传播矩阵",
    "扫黄打非": "办理扫黄打非大案要案200余件",
    "融媒体中心": "各县建设融媒体中心和新闻客户端",
    "互联网+": "实施互联网+行动计划",
    "十三五": "编制十三五时期发展规划",
    "网络安全宣传周": "举办网络安全宣传周活动",
    "中央厨房": "打造报业集团中央厨房",
    "津云": "天津建成津云新媒体平台",
    "长江云": "湖北打造长江云平台",
    "北京时间": "精心打造北京时间品牌",
    "净网": "开展净网专项行动",
    "护苗": "开展护苗专项行动",
    "剑网": "组织剑网专项行动",
    "清朗": "推动网络空间更加清朗",
    "风清气正": "营造风清气正的网络空间",
    "移动互联网应用程序": "规范移动互联网应用程序信息服务",
}


@pytest.fixture(scope="module")
def tok():
    return Tokenizer()


# ---------------------------------------------------------------------------------------
# domain terms
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("term, sentence", sorted(DOMAIN_CONTEXTS.items()))
def test_domain_term_is_one_token_in_context(backend, term, sentence):
    assert term in sentence
    tokens = Tokenizer(backend=backend).cut(sentence)
    assert term in tokens, tokens
    # and no token is a proper fragment of the term
    assert not any(t != term and t in term for t in tokens), tokens


def test_domain_contexts_are_not_trivial_for_plain_jieba():
    """Most context sentences are cut apart by jieba's own dictionary, so the test
    above measures the domain dictionary, not jieba."""
    import jieba

    split_by_jieba = [t for t, s in DOMAIN_CONTEXTS.items() if t not in jieba.lcut(s)]
    assert len(split_by_jieba) >= 10, split_by_jieba


def _expected(w, granularity):
    """A domain word cuts into itself, or (term grain) a listed compound into its parts."""
    from cyberreport.tokenize._wordlists import compounds

    if granularity == "term" and w in compounds():
        return list(compounds()[w])
    return [w]


@pytest.mark.parametrize("granularity", ["term", "compound"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_every_domain_word_alone_is_one_token(backend, granularity):
    tok = Tokenizer(backend=backend, stopwords=False, granularity=granularity)
    bad = {w: tok.cut(w) for w in domain_words() if tok.cut(w) != _expected(w, granularity)}
    assert bad == {}


@pytest.mark.parametrize("granularity", ["term", "compound"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_every_domain_word_in_a_carrier_sentence_is_one_token(backend, granularity):
    tok = Tokenizer(backend=backend, stopwords=False, granularity=granularity)
    bad = {}
    for w in domain_words():
        tokens = tok.cut(f"今年{w}。")
        want = _expected(w, granularity)
        if not any(tokens[i:i + len(want)] == want for i in range(len(tokens))):
            bad[w] = tokens
    assert bad == {}


def test_backends_agree_on_domain_terms():
    rj, jb = Tokenizer(backend="rjieba"), Tokenizer(backend="jieba")
    for term, sentence in DOMAIN_CONTEXTS.items():
        a, b = rj.cut(sentence), jb.cut(sentence)
        assert (term in a) and (term in b), (term, a, b)


def test_backends_agree_on_corpus_paragraphs():
    from cyberreport import load_corpus

    texts = load_corpus().texts
    rj, jb = Tokenizer(backend="rjieba"), Tokenizer(backend="jieba")
    vocab = set(domain_words())
    for text in texts:
        a, b = rj.cut(text), jb.cut(text)
        assert [t for t in a if t in vocab] == [t for t in b if t in vocab]


def test_backend_name_and_bad_arguments():
    assert Tokenizer(backend="jieba").backend_name == "jieba"
    assert Tokenizer(backend="rjieba").backend_name == "rjieba"
    assert Tokenizer().backend_name == "rjieba"  # rjieba is a runtime dependency
    with pytest.raises(ValueError, match="backend"):
        Tokenizer(backend="thulac")
    with pytest.raises(ValueError, match="numbers"):
        Tokenizer(numbers="round")


def test_domain_words_and_stopwords_lists():
    words = domain_words()
    assert isinstance(words, tuple) and len(words) > 200
    assert len(set(words)) == len(words)
    for w in DOMAIN_CONTEXTS:
        assert w in words
    stop = stopwords()
    assert isinstance(stop, frozenset)
    assert {"的", "了", "和", "工作", "加强", "推进"} <= stop
    assert all(w == normalize(w) and w for w in words)


# ---------------------------------------------------------------------------------------
# titles and quoted names
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("sentence, kept", [
    ("制定出台《北京市信息化“十三五”时期发展规划》等文件", "北京市信息化“十三五”时期发展规划"),
    ("学习宣传《中华人民共和国网络安全法》", "中华人民共和国网络安全法"),
    ("印发《关于加强网络安全和信息化工作的实施意见》", "关于加强网络安全和信息化工作的实施意见"),
    ("加快推进“智慧北京”建设", "智慧北京"),
    ("打造“网信e家”品牌", "网信e家"),
    ("开展“净网2016”行动", "净网2016"),
    ('推出"掌上政务"平台', "掌上政务"),
])
def test_titles_and_short_quoted_names_kept_whole(backend, sentence, kept):
    tokens = Tokenizer(backend=backend).cut(sentence)
    assert kept in tokens, tokens
    assert Tokenizer(backend=backend, keep_titles=False).cut(sentence).count(kept) == 0


@pytest.mark.parametrize("sentence, inner", [
    ("他说“我们要持续加强网络空间治理工作”", "我们要持续加强网络空间治理工作"),  # > 8 chars
    ("发出“净网，护苗”倡议", "净网，护苗"),                                       # punctuation
    ("发出“净网 护苗”倡议", "净网 护苗"),                                         # a space
    ("学习《网络 安全》读本", "网络 安全"),                                       # title with a space
])
def test_long_or_punctuated_quotes_are_not_kept_whole(sentence, inner):
    assert inner in normalize(sentence)
    tokens = Tokenizer(stopwords=False).cut(sentence)
    assert inner not in tokens
    assert len(tokens) >= 3


def test_titles_lose_their_brackets():
    t = Tokenizer()
    assert t.cut("《网络安全法》") == ["网络安全法"]
    assert t.cut("《》") == []
    assert Tokenizer(keep_punct=True, stopwords=False).cut("读《规划》。") == ["读", "规划", "。"]


# ---------------------------------------------------------------------------------------
# stop-words, punctuation and numbers
# ---------------------------------------------------------------------------------------

STOP_CASES = [
    ("加强网络安全工作", ["网络安全"], ["加强", "工作"]),
    ("推进网信事业的发展", ["网信事业", "发展"], ["推进", "的"]),
    ("我省对各类网站开展净网行动", ["网站", "净网", "行动"], ["我省", "对", "各类", "开展"]),
    ("各级网信部门和公安机关", ["网信部门", "公安机关"], ["各级", "和"]),
]


@pytest.mark.parametrize("sentence, kept, dropped", STOP_CASES)
def test_stopwords_dropped_by_default_and_kept_when_disabled(sentence, kept, dropped):
    default = Tokenizer().cut(sentence)
    everything = Tokenizer(stopwords=False).cut(sentence)
    for w in kept:
        assert w in default and w in everything
    for w in dropped:
        assert w not in default
        assert w in everything
    assert not set(default) & stopwords()


def test_domain_words_are_never_stopwords():
    assert not set(domain_words()) & stopwords()
    # even when added as stop-words explicitly
    assert Tokenizer().add_stopwords(["网信办"]).cut("网信办召开会议") == ["网信办", "召开", "会议"]


def test_punctuation_dropped_by_default_and_kept_with_keep_punct():
    s = "网信办，召开会议。（一）"
    assert Tokenizer(stopwords=False).cut(s) == ["网信办", "召开", "会议", "一"]
    kept = Tokenizer(stopwords=False, keep_punct=True).cut(s)
    assert "".join(kept) == normalize(s)
    assert "，" in kept and "。" in kept


NUMBER_CASES = [
    # sentence, numbers='keep', numbers='fold', numbers='drop'
    ("删除有害信息11000余条",
     ["删除", "有害信息", "11000", "余条"], ["删除", "有害信息", NUM_TOKEN], ["删除", "有害信息"]),
    ("回应达3.4万余次",
     ["回应", "达", "3.4", "万余次"], ["回应", "达", NUM_TOKEN], ["回应", "达"]),
    ("受理举报800多万条",
     ["受理", "举报", "800", "多万条"], ["受理", "举报", NUM_TOKEN], ["受理", "举报"]),
    ("关闭网站１２３家",
     ["关闭", "网站", "123", "家"], ["关闭", "网站", NUM_TOKEN], ["关闭", "网站"]),
    ("培训3000人次",
     ["培训", "3000", "人次"], ["培训", NUM_TOKEN], ["培训"]),
    ("覆盖率达100%",
     ["覆盖率", "达", "100%"], ["覆盖率", "达", NUM_TOKEN], ["覆盖率", "达"]),
    ("2016年12月",
     ["2016", "年", "12", "月"], [NUM_TOKEN, NUM_TOKEN], []),
    ("封停违规账号5000个",
     ["封停", "违规账号", "5000", "个"], ["封停", "违规账号", NUM_TOKEN], ["封停", "违规账号"]),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("sentence, keep, fold, drop", NUMBER_CASES)
def test_numbers_keep_fold_drop(backend, sentence, keep, fold, drop):
    def cut(mode):
        return Tokenizer(numbers=mode, stopwords=False, backend=backend).cut(sentence)

    assert cut("keep") == keep
    assert cut("fold") == fold
    assert cut("drop") == drop


@pytest.mark.parametrize("word", ["5G", "IPv6", "十三五", "十四五", "两微一端"])
def test_fold_does_not_touch_words_with_digits(word):
    for mode in ("fold", "drop"):
        assert Tokenizer(numbers=mode).cut(f"部署{word}建设") == ["部署", word, "建设"]


def test_measure_word_only_absorbed_right_after_a_number():
    # '家' is a measure word after a number, an ordinary token elsewhere
    assert Tokenizer(numbers="fold", stopwords=False).cut("网信e家") == \
        Tokenizer(numbers="keep", stopwords=False).cut("网信e家")
    assert "万余次" not in Tokenizer(numbers="fold").cut("达3.4万余次")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "text, folded",
    [
        ("投入3,500个", ["投入", NUM_TOKEN]),
        ("投入3,500万元", ["投入", NUM_TOKEN, "万元"]),
        ("覆盖1,234,567人", ["覆盖", NUM_TOKEN]),
        ("共12,345条和7,000余家", [NUM_TOKEN, NUM_TOKEN]),
        ("1,2,3项", [NUM_TOKEN, NUM_TOKEN, NUM_TOKEN]),  # a list, not thousands groups
        ("投入3,500.5元", ["投入", NUM_TOKEN, "元"]),
    ],
)
def test_thousands_separators_fold_to_one_placeholder(backend, text, folded):
    # jieba cuts '3,500' into '3' ',' '500'; the groups belong to one number
    tok = Tokenizer(numbers="fold", backend=backend)
    assert tok.cut(text) == folded
    assert Tokenizer(numbers="drop", backend=backend).cut(text) == [t for t in folded if t != NUM_TOKEN]
    ids = {t: i for i, t in enumerate(dict.fromkeys(folded))}
    lookup = tok._token_ids(ids)  # the feature extraction's fast path agrees
    assert lookup(text) == [ids[t] for t in folded]
    counts, flat = lookup.batch([text, "网信办", text])
    assert list(counts) == [len(folded), 0, len(folded)]
    assert list(flat) == [ids[t] for t in folded] * 2


# ---------------------------------------------------------------------------------------
# add_words, add_stopwords, user_dict
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_add_words_keeps_new_word_whole(backend):
    s = "上线网信e家平台并推广掌上网信通"
    before = Tokenizer(backend=backend).cut(s)
    assert "掌上网信通" not in before
    tok = Tokenizer(backend=backend)
    assert tok.add_words(["掌上网信通", "网信e家"]) is tok
    after = tok.cut(s)
    assert "掌上网信通" in after and "网信e家" in after
    assert "掌上网信通" in tok.vocabulary()


def test_add_words_accepts_any_iterable_and_normalises():
    tok = Tokenizer().add_words(w for w in ["掌上网信通", "ＡＢＣ网信"])
    assert tok.cut("上线掌上网信通和ABC网信") == ["上线", "掌上网信通", "ABC网信"]


def test_add_words_after_first_cut_takes_effect():
    tok = Tokenizer()
    assert "掌上网信通" not in tok.cut("推广掌上网信通")
    tok.add_words(["掌上网信通"])
    assert "掌上网信通" in tok.cut("推广掌上网信通")


def test_added_stopword_like_word_is_kept_regardless_of_order():
    """An added word is never a stop-word, whether it is added before or after the
    first cut (the stop-word set is cached after the first cut)."""
    fresh = Tokenizer().add_words(["工作"]).cut("部署工作")
    late = Tokenizer()
    late.cut("部署工作")
    late.add_words(["工作"])
    assert fresh == ["部署", "工作"]
    assert late.cut("部署工作") == fresh


@pytest.mark.parametrize("bad, index", [
    ([1], 0), (["网信", None], 1), (["a", "b", b"c"], 2), ([["x"]], 0),
])
@pytest.mark.parametrize("method", ["add_words", "add_stopwords"])
def test_add_methods_reject_non_str_naming_the_index(method, bad, index):
    tok = Tokenizer()
    with pytest.raises(TypeError, match=rf"\[{index}\]"):
        getattr(tok, method)(bad)


@pytest.mark.parametrize("method", ["add_words", "add_stopwords"])
def test_add_methods_reject_a_single_string(method):
    with pytest.raises(TypeError):
        getattr(Tokenizer(), method)("网信办")


@pytest.mark.parametrize("make", [list, tuple, set, iter, lambda ws: (w for w in ws)],
                         ids=["list", "tuple", "set", "iterator", "generator"])
def test_add_stopwords_from_any_iterable(make):
    tok = Tokenizer().add_stopwords(make(["召开", "会议"]))
    assert tok.cut("网信办召开会议") == ["网信办"]


def test_add_stopwords_after_first_cut_takes_effect():
    tok = Tokenizer()
    assert tok.cut("网信办召开会议") == ["网信办", "召开", "会议"]
    tok.add_stopwords(["召开"])
    assert tok.cut("网信办召开会议") == ["网信办", "会议"]


def test_stopwords_false_keeps_everything_even_added_stopwords():
    tok = Tokenizer(stopwords=False).add_stopwords(["召开"])
    assert tok.cut("网信办召开会议") == ["网信办", "召开", "会议"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_user_dict_file(tmp_path, backend):
    path = tmp_path / "my_dict.txt"
    path.write_text("# comment\n掌上网信通 100 nz\n\n网信e家\n", encoding="utf-8")
    tok = Tokenizer(user_dict=path, backend=backend)
    assert tok.cut("上线掌上网信通和网信e家") == ["上线", "掌上网信通", "网信e家"]
    assert {"掌上网信通", "网信e家"} <= tok.vocabulary()
    # str paths work too
    assert Tokenizer(user_dict=str(path), backend=backend).cut("推广掌上网信通")[-1] == "掌上网信通"


def test_missing_user_dict_raises_oserror_naming_the_file(tmp_path):
    missing = tmp_path / "no_such_dict.txt"
    with pytest.raises(OSError, match="no_such_dict.txt"):
        Tokenizer(user_dict=missing).cut("网信办")


# ---------------------------------------------------------------------------------------
# jieba backend isolation, cache and quiet loading
# ---------------------------------------------------------------------------------------

@pytest.fixture
def fresh_backends(monkeypatch, tmp_path):
    """An empty backend cache and a private cache dir for the duration of a test."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CYBERREPORT_CACHE_DIR", str(cache))
    monkeypatch.setattr(tokenize_mod, "_BACKENDS", OrderedDict())
    return cache


@pytest.mark.parametrize("backend", BACKENDS)
def test_jieba_global_tokenizer_untouched(backend):
    import jieba

    sentence = "建成两微一端传播矩阵并推广掌上网信通"
    initialized = jieba.dt.initialized
    tok = Tokenizer(backend=backend).add_words(["掌上网信通"])
    ours = tok.cut(sentence)
    assert jieba.dt.initialized == initialized
    before = jieba.lcut(sentence)
    assert "掌上网信通" in ours and "两微一端" in ours
    tok2 = Tokenizer(backend=backend).add_words(["掌上网信通", "传播矩阵"])
    tok2.cut(sentence)
    after = jieba.lcut(sentence)
    assert before == after
    assert "掌上网信通" not in before and "两微一端" not in before
    assert "掌上网信通" not in jieba.dt.FREQ
    assert "两微一端" not in jieba.dt.FREQ


def test_jieba_default_tokenizer_stays_uninitialized_in_fresh_process(tmp_path):
    code = (
        "import jieba, cyberreport\n"
        "t = cyberreport.Tokenizer(backend='jieba').add_words(['掌上网信通'])\n"
        "assert '掌上网信通' in t.cut('推广掌上网信通')\n"
        "print(jieba.dt.initialized, '掌上网信通' in jieba.dt.FREQ)\n"
    )
    env = {**_base_env(), "CYBERREPORT_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_jieba_backend_cache_in_cyberreport_cache_dir(fresh_backends):
    assert not fresh_backends.exists()
    assert Tokenizer(backend="jieba").cut("网信办") == ["网信办"]
    caches = list(fresh_backends.glob("jieba*.cache"))
    assert caches, list(fresh_backends.iterdir()) if fresh_backends.exists() else "no cache dir"


def test_jieba_backend_loads_quietly(fresh_backends, capfd):
    import logging

    capfd.readouterr()
    level = logging.getLogger("jieba").level
    assert Tokenizer(backend="jieba").cut("网信办") == ["网信办"]
    out, err = capfd.readouterr()
    assert "Building prefix dict" not in err + out
    assert "Prefix dict has been built" not in err + out
    assert logging.getLogger("jieba").level == level  # the user's jieba logging unchanged


def _base_env():
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


def test_import_cyberreport_loads_no_segmenter():
    code = "import cyberreport, sys; print('rjieba' in sys.modules or 'jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_base_env(), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_creating_a_tokenizer_loads_no_dictionary(monkeypatch):
    monkeypatch.setattr(tokenize_mod, "_BACKENDS", OrderedDict())
    tok = Tokenizer().add_words(["掌上网信通"]).add_stopwords(["召开"])
    repr(tok)
    tok.get_config()
    assert len(tokenize_mod._BACKENDS) == 0
    tok.cut("网信办")
    assert len(tokenize_mod._BACKENDS) == 1


# ---------------------------------------------------------------------------------------
# pickling, cut_many, threads
# ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_texts():
    from cyberreport import load_corpus

    return load_corpus().texts


@pytest.mark.parametrize("backend", BACKENDS)
def test_pickle_round_trip_cuts_identically(backend, corpus_texts):
    tok = Tokenizer(numbers="fold", backend=backend).add_words(["掌上网信通"]).add_stopwords(["召开"])
    expected = [tok.cut(t) for t in corpus_texts[:10]] + [tok.cut("网信办召开掌上网信通会议")]
    clone = pickle.loads(pickle.dumps(tok))
    assert clone.get_config() == tok.get_config()
    assert [clone.cut(t) for t in corpus_texts[:10]] + [clone.cut("网信办召开掌上网信通会议")] == expected
    # a never-used tokenizer pickles too
    fresh = pickle.loads(pickle.dumps(Tokenizer(backend=backend).add_words(["掌上网信通"])))
    assert "掌上网信通" in fresh.cut("推广掌上网信通")


def test_cut_many_matches_cut(corpus_texts):
    tok = Tokenizer(numbers="fold").add_words(["掌上网信通"])
    texts = corpus_texts + ["", "推广掌上网信通", "   "]
    expected = [tok.cut(t) for t in texts]
    assert tok.cut_many(texts) == expected
    assert tok.cut_many(texts, n_jobs=1) == expected
    assert tok.cut_many(iter(texts)) == expected
    assert tok.cut_many(texts, n_jobs=2) == expected
    assert tok.cut_many([]) == [] and tok.cut_many([], n_jobs=2) == []


def test_cut_many_rejects_bad_input():
    tok = Tokenizer()
    with pytest.raises(TypeError):
        tok.cut_many("网信办")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        tok.cut_many(["网信办", None])


@pytest.mark.parametrize("backend", BACKENDS)
def test_threads_cutting_a_fresh_tokenizer(backend, corpus_texts, monkeypatch):
    monkeypatch.setattr(tokenize_mod, "_BACKENDS", OrderedDict())  # the backend is built under contention
    reference = [Tokenizer(backend=backend).add_words(["掌上网信通"]).cut(t) for t in corpus_texts]
    monkeypatch.setattr(tokenize_mod, "_BACKENDS", OrderedDict())
    tok = Tokenizer(backend=backend).add_words(["掌上网信通"])
    barrier = threading.Barrier(8)
    results: list = [None] * 8
    errors: list = []

    def work(k):
        try:
            barrier.wait()
            results[k] = [tok.cut(t) for t in corpus_texts]
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung (deadlock?)"
    assert errors == []
    assert all(r == reference for r in results)
    assert len(tokenize_mod._BACKENDS) == 1


# ---------------------------------------------------------------------------------------
# property tests
# ---------------------------------------------------------------------------------------

_CHARS = st.one_of(
    st.sampled_from(list("。！？；!?;,.“”《》「」\"' \u3000\t\n\u200b\ufeff、%+#-—·0123456789")),
    st.sampled_from(["网信办", "两微一端", "互联网+", "3.4万", "3,500", "净网", "中国—东盟信息港"]),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
    st.characters(codec="utf-8"),
)
ANY_TEXT = st.one_of(st.text(), st.lists(_CHARS, max_size=80).map("".join))
_NUMBER = re.compile(r"^[0-9]+(?:[.,][0-9]+)*%?$")
PROP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_CONFIGS = {
    "default": Tokenizer(),
    "fold": Tokenizer(numbers="fold"),
    "drop-notitles": Tokenizer(numbers="drop", keep_titles=False),
    "raw-jieba": Tokenizer(keep_punct=True, stopwords=False, keep_titles=False, backend="jieba"),
    "raw-rjieba": Tokenizer(keep_punct=True, stopwords=False, keep_titles=False, backend="rjieba"),
}


@PROP
@given(ANY_TEXT)
def test_cut_never_raises_and_is_deterministic(text):
    for name, tok in _CONFIGS.items():
        tokens = tok.cut(text)
        assert tok.cut(text) == tokens, name
        assert all(isinstance(t, str) and t for t in tokens), name
        if not name.startswith("raw"):  # filtered output has no whitespace tokens
            assert all(t.strip() for t in tokens), name


@PROP
@given(ANY_TEXT)
def test_raw_tokens_tile_the_normalised_text(text):
    # with nothing filtered the tokens are contiguous over the normalised text
    for name in ("raw-jieba", "raw-rjieba"):
        assert "".join(_CONFIGS[name].cut(text)) == normalize(text), name


@PROP
@given(ANY_TEXT)
def test_filtered_tokens_respect_the_options(text):
    stop = stopwords()
    for name in ("default", "fold", "drop-notitles"):
        tokens = _CONFIGS[name].cut(text)
        assert not set(tokens) & stop
    # numbers='drop' leaves no number token (and 'fold' only the placeholder)
    assert not any(_NUMBER.match(t) for t in _CONFIGS["drop-notitles"].cut(text))
    assert not any(_NUMBER.match(t) for t in _CONFIGS["fold"].cut(text))


def _finishes(target, timeout=30.0) -> bool:
    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout)
    return not t.is_alive()


def test_stop_set_on_a_fresh_tokenizer_does_not_deadlock():
    # _stop_set() needs the word list; both are built lazily under the same lock
    tok = Tokenizer().add_stopwords(["召开"])
    assert _finishes(tok._stop_set), "deadlock building the stop-word set"
    assert "召开" in tok._stop_set()


def test_add_words_while_other_threads_cut():
    tok = Tokenizer()
    texts = ["网信办召开会议，部署掌上网信通0建设。", "开展净网行动"] * 5
    errors: list = []
    stop = threading.Event()

    def cutter():
        try:
            while not stop.is_set():
                for t in texts:
                    tok.cut(t)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def adder():
        for k in range(6):
            tok.add_words([f"掌上网信通{k}"])
            tok.cut(texts[0])

    cutters = [threading.Thread(target=cutter, daemon=True) for _ in range(4)]
    for t in cutters:
        t.start()
    try:
        assert _finishes(adder, timeout=120), "add_words hung while other threads cut"
    finally:
        stop.set()
        for t in cutters:
            t.join(60)
    assert not any(t.is_alive() for t in cutters), "a cutting thread hung"
    assert errors == []
    assert "掌上网信通0" in tok.cut(texts[0])
