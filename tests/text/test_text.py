"""Tests for cyberreport.text: normalize() and split_sentences()."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberreport.text import normalize, sentence_spans as _sentence_spans, split_sentences
from cyberreport.tokenize import Tokenizer

# ---------------------------------------------------------------------------------------
# normalize: examples
# ---------------------------------------------------------------------------------------

NORMALIZE_CASES = [
    # ASCII punctuation inside Chinese text becomes full-width
    ("网信办,推进工作", "网信办，推进工作"),
    ("开展检查;关闭网站", "开展检查；关闭网站"),
    ("你好!世界?", "你好！世界？"),
    ("成果如下:一是", "成果如下：一是"),
    ("网信办(省委)", "网信办（省委）"),
    ("《规划》,出台", "《规划》，出台"),
    ("“净网”,“护苗”", "“净网”，“护苗”"),
    ("建成网站。,下一句", "建成网站。，下一句"),
    ("汉字,a", "汉字，a"),          # one CJK neighbour is enough
    ("a,汉字", "a，汉字"),
    ("カタカナ,한글", "カタカナ，한글"),  # kana and hangul count as CJK context
    ("\U00020000,\U00020001", "\U00020000，\U00020001"),  # CJK extension B
    # punctuation between Latin letters / digits is left alone
    ("投入3,500万元", "投入3,500万元"),
    ("达3.4万余次", "达3.4万余次"),
    ("a,b", "a,b"),
    ("a:b", "a:b"),
    ("Hello! World?", "Hello! World?"),
    ("f(x)", "f(x)"),
    ("版本1.0.2", "版本1.0.2"),
    ("访问www.gov.cn。", "访问www.gov.cn。"),
    ("增长12.5%", "增长12.5%"),
    # '.' is never changed, even between Chinese characters
    ("网信.工作", "网信.工作"),
    # whitespace: tabs, newlines, U+3000, NBSP, line separators -> one space, stripped
    ("a\u3000b", "a b"),
    ("a\t\tb", "a b"),
    ("a\n\nb", "a b"),
    ("a\r\nb", "a b"),
    ("  网信办  ", "网信办"),
    ("\u3000\u3000网信办\u3000", "网信办"),
    ("a\u00a0b", "a b"),
    ("a\u2028b\u2029c", "a b c"),
    ("a \t\n\u3000 b", "a b"),
    ("a\x0b\x0cb", "a b"),
    ("a\x85b", "a b"),
    # zero-width characters, BOM, soft hyphen and control characters are removed
    ("网\u200b信\u200c办\u200d", "网信办"),
    ("\ufeff网信办", "网信办"),
    ("网\u2060信", "网信"),
    ("网\u00ad信", "网信"),
    ("网\x00信\x07办\x1b", "网信办"),
    ("网\x7f信\x9f办", "网信办"),
    ("网 \u200b 信", "网 信"),          # removal then collapsing of the two spaces
    # full-width letters, digits and symbols -> half-width
    ("ＡＢＣ１２３ｚ", "ABC123z"),
    ("ＩＰｖ６", "IPv6"),
    ("５Ｇ网络", "5G网络"),
    ("３．４万", "3.4万"),
    ("１００％", "100%"),
    ("＋＃＆＠", "+#&@"),
    ("＜ａ＞", "<a>"),
    # the seven Chinese punctuation marks stay full-width
    ("！（），：；？", "！（），：；？"),
    ("好！", "好！"),
    ("a（b）", "a（b）"),
    ("1，2", "1，2"),
    # Chinese-only marks are untouched
    ("《》“”、。", "《》“”、。"),
    # the docstring example
    ("网信办,\u3000推进ＡＢＣ１２３ 工作", "网信办， 推进ABC123 工作"),
    # trivial inputs
    ("", ""),
    (" ", ""),
    ("\u3000\t\n\u200b", ""),
]


@pytest.mark.parametrize("raw, expected", NORMALIZE_CASES)
def test_normalize_examples(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", NORMALIZE_CASES)
def test_normalize_examples_are_fixed_points(raw, expected):
    assert normalize(expected) == expected


@pytest.mark.parametrize("bad", [None, 1, 1.5, b"x", bytearray(b"x"), ["a"], ("a",), object()])
@pytest.mark.parametrize("func", [normalize, split_sentences], ids=["normalize", "split_sentences"])
def test_non_str_raises_type_error_naming_text(func, bad):
    with pytest.raises(TypeError, match=r"\btext\b"):
        func(bad)


def test_tokenizer_cut_non_str_raises_type_error_naming_text():
    for bad in (None, 1, b"x", ["a"]):
        with pytest.raises(TypeError, match=r"\btext\b"):
            Tokenizer().cut(bad)


# ---------------------------------------------------------------------------------------
# split_sentences: examples
# ---------------------------------------------------------------------------------------

SPLIT_CASES = [
    ("开展“净网”行动。关闭网站10家;受理举报",
     ["开展“净网”行动。", "关闭网站10家；", "受理举报"]),
    ("第一句。第二句！第三句？第四句；第五句",
     ["第一句。", "第二句！", "第三句？", "第四句；", "第五句"]),
    # ASCII terminators between Latin text
    ("Hello! World? ok", ["Hello! ", "World? ", "ok"]),
    ("a;b", ["a;", "b"]),
    # ASCII marks between Chinese are made full-width first, then split
    ("你好!世界?好;了", ["你好！", "世界？", "好；", "了"]),
    # quotes and titles are never split, even when they contain terminators
    ("他说“好。很好！”然后。下一句", ["他说“好。很好！”然后。", "下一句"]),
    ("印发《关于加强。管理的意见》。下一句", ["印发《关于加强。管理的意见》。", "下一句"]),
    ("《一。二；三？》", ["《一。二；三？》"]),
    ("「甲。乙」丙。", ["「甲。乙」丙。"]),
    ("『甲。乙』丙。", ["『甲。乙』丙。"]),
    ("‘甲。乙’丙。", ["‘甲。乙’丙。"]),
    ('He said "a. b!" then. Next', ['He said "a. b!" then. ', "Next"]),
    # a terminator inside a quote does not end the outer sentence (the quote is atomic)
    ("他说：“要加强管理。”随后", ["他说：“要加强管理。”随后"]),
    # closing marks right after a terminator stay with the sentence
    ("（见附件。）下一句", ["（见附件。）", "下一句"]),
    ("他说“要加强管理。”。随后", ["他说“要加强管理。”。", "随后"]),
    ("书名《网络安全》。", ["书名《网络安全》。"]),
    # runs of terminators stay together
    ("网信办。。。下一句", ["网信办。。。", "下一句"]),
    ("真的吗？！是的", ["真的吗？！", "是的"]),
    # whitespace after the terminator belongs to the sentence
    ("第一句。  第二句", ["第一句。 ", "第二句"]),
    # an unmatched opening mark is an ordinary character
    ("“未闭合。下一句", ["“未闭合。", "下一句"]),
    ("《未闭合。下一句", ["《未闭合。", "下一句"]),
    # '.' is not a sentence end inside numbers, domains and ellipses
    ("达3.4万余次。", ["达3.4万余次。"]),
    ("访问www.gov.cn网站。", ["访问www.gov.cn网站。"]),
    ("Wait... ok.", ["Wait... ", "ok."]),
    # corpus-style text with ASCII commas
    ("强化顶层设计,制定出台《北京市信息化“十三五”时期发展规划》等文件。加快推进“智慧北京”建设",
     ["强化顶层设计，制定出台《北京市信息化“十三五”时期发展规划》等文件。", "加快推进“智慧北京”建设"]),
    ("", []),
    ("   ", []),
    ("。", ["。"]),
    ("没有终止符", ["没有终止符"]),
]


@pytest.mark.parametrize("raw, expected", SPLIT_CASES)
def test_split_sentences_examples(raw, expected):
    pieces = split_sentences(raw)
    assert pieces == expected
    assert "".join(pieces) == normalize(raw)
    assert all(pieces)


@pytest.mark.parametrize("raw, expected", SPLIT_CASES)
def test_sentence_spans_tile_the_text(raw, expected):
    text = normalize(raw)
    spans = _sentence_spans(text)
    assert [text[s:e] for s, e in spans] == expected
    pos = 0
    for s, e in spans:
        assert s == pos and e > s
        pos = e
    assert pos == len(text)


@pytest.mark.parametrize("title", [
    "《关于加强网络安全。管理的意见》",
    "“网信办；在行动！”",
    "《一。》",
    "“好？”",
])
def test_quoted_spans_are_never_cut(title):
    text = f"前文。开头{title}结尾。后文"
    pieces = split_sentences(text)
    assert any(title in p for p in pieces)
    assert pieces[0] == "前文。"
    assert pieces[-1] == "后文"


# ---------------------------------------------------------------------------------------
# property tests
# ---------------------------------------------------------------------------------------

_SPECIALS = list(
    "。！？；!?;,.:()（），：“”《》「」『』‘’\"' \u3000\t\n\r\x0b\x0c\x85\xa0\u2028"
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00\x07\x1b\x7f"
    "、…—-+%#&ＡＢｚ１２．，！？；：（）＂＇　"
) + ["\ud800", "\udbff", "\udc80", "\udfff"]  # lone surrogates (mis-decoded bytes)
_CHARS = st.one_of(
    st.sampled_from(_SPECIALS),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),      # common CJK
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),    # CJK extension B
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),      # CJK extension A
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),    # emoji
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),      # full-width ASCII
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),          # ASCII
    st.characters(codec="utf-8"),
)
# Texts built mostly from the characters that matter, plus fully arbitrary text.
TEXTS = st.one_of(st.text(), st.text(alphabet=_CHARS, max_size=200))
# Sentence-like text: words glued with punctuation, so that quotes and titles pair up.
_WORDS = st.sampled_from(["网信办", "净网", "3,500", "3.4万", "a", "IPv6", "😀", "\U00020000", "工作"])
_MARKS = st.sampled_from(["。", "！", "？", "；", "!", "?", ";", ",", ".", "“", "”", "《", "》",
                          "\u3000", " ", "\u200b", "\n", '"', "「", "」"])
SENTENCEY = st.lists(st.one_of(_WORDS, _MARKS), max_size=60).map("".join)

_SENTENCE_END = re.compile(r"[。！？；!?;.][”’」』》）)。！？；!?;.]* *$")

PROP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROP
@given(st.one_of(TEXTS, SENTENCEY))
def test_normalize_properties(text):
    out = normalize(text)
    assert isinstance(out, str)
    assert normalize(text) == out                       # deterministic
    assert normalize(out) == out                        # idempotent
    assert out == out.strip()                           # stripped
    assert "  " not in out                              # collapsed
    assert all(c == " " or not c.isspace() for c in out)  # only ASCII spaces
    assert not any(c in "\u200b\u200c\u200d\u2060\ufeff\u00ad" for c in out)
    assert not any(0xFF01 <= ord(c) <= 0xFF5E and c not in "！（），：；？" for c in out)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in out)
    out.encode("utf-8")                                 # no lone surrogate left


@PROP
@given(st.one_of(TEXTS, SENTENCEY))
def test_split_sentences_properties(text):
    pieces = split_sentences(text)
    assert split_sentences(text) == pieces              # deterministic
    assert "".join(pieces) == normalize(text)           # join property
    assert all(isinstance(p, str) and p for p in pieces)  # no empty piece
    # splitting normalised text again gives the same pieces
    assert split_sentences(normalize(text)) == pieces
    # every piece but the last ends with a terminator (plus closing marks and spaces)
    for p in pieces[:-1]:
        assert _SENTENCE_END.search(p), (p, pieces)


_SIMPLE_PAIR = re.compile(r'“[^“”《》「」『』‘’"]*”|《[^“”《》「」『』‘’"]*》|「[^“”《》「」『』‘’"]*」')


@PROP
@given(SENTENCEY)
def test_paired_quotes_and_titles_stay_in_one_piece(text):
    norm = normalize(text)
    pieces = split_sentences(text)
    cuts, pos = [], 0
    for p in pieces[:-1]:
        pos += len(p)
        cuts.append(pos)
    # a “…”, 《…》 or 「…」 pair with no other quote mark inside is never cut through
    for m in _SIMPLE_PAIR.finditer(norm):
        assert not any(m.start() < c < m.end() for c in cuts), (norm, pieces, m.group())


# ---------------------------------------------------------------------------------------
# large inputs
# ---------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("ch", ["。", "“", "a", "网", " ", "《", '"', "."])
def test_one_megabyte_of_one_character(ch):
    text = ch * 1_000_000
    t0 = time.perf_counter()
    norm = normalize(text)
    pieces = split_sentences(text)
    tokens = Tokenizer().cut(text)
    elapsed = time.perf_counter() - t0
    assert "".join(pieces) == norm
    assert all(pieces)
    assert isinstance(tokens, list)
    if ch == " ":
        assert norm == "" and pieces == [] and tokens == []
    else:
        assert norm == text
    assert elapsed < 10, f"{elapsed:.1f}s for 1 MB of {ch!r}"


@pytest.mark.slow
def test_many_unclosed_quotes_stay_linear():
    # an opening mark with no closing mark must not trigger a rescan per occurrence
    text = "“网。" * 300_000
    t0 = time.perf_counter()
    pieces = split_sentences(text)
    assert time.perf_counter() - t0 < 5
    assert len(pieces) == 300_000


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("网信办\ud800推进", "网信办\ufffd推进"),
        ("\udfff", "\ufffd"),
        ("a\udc80b。网络安全\ud83d", "a\ufffdb。网络安全\ufffd"),
        ("\ud83d\ude00点赞", "\U0001f600点赞"),            # a pair is the character it encodes
        ("\ude00\ud83d", "\ufffd\ufffd"),                # low before high: two lone ones
        ("\U0001f600\ud800,网信", "\U0001f600\ufffd，网信"),  # with the other rules
    ],
)
def test_surrogates_are_repaired(raw, expected):
    assert normalize(raw) == expected
    assert normalize(expected) == expected
    assert "".join(split_sentences(raw)) == expected
