"""Issue 12, property-based tests: every text entry point and the record parser take any
input without an error other than the library's documented ones, and keep their
invariants (normalisation is idempotent, sentences tile the text, tokens come from the
text, one record per non-blank line)."""

from __future__ import annotations

import json
import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cyberreport as cr

# Texts a hostile or careless user may pass: any code point (surrogates and controls
# included), Chinese prose with its punctuation, quotes and titles, numbers, spaces.
_PIECES = st.sampled_from(["网信办", "开展", "网络安全", "检查", "。", "；", "！", "？", "“", "”",
                           "《", "》", "\"", ".", "3,500", "11000余条", " ", "\u3000", "\n",
                           "\r", "\u2028", "\u202e", "\ufeff", "\u200b", "\x1b[31m", "A.B",
                           "www.gov.cn", "(", ")", ",", "\ud800", "\udc00", "\U0001F600"])
TEXTS = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=60).map("".join))
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@SETTINGS
@given(TEXTS)
def test_p01_normalize(text):
    out = cr.normalize(text)
    assert cr.normalize(out) == out
    out.encode("utf-8")  # no lone surrogate survives
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@SETTINGS
@given(TEXTS)
def test_p02_sentences(text):
    norm = cr.normalize(text)
    spans = cr.sentence_spans(norm)
    assert "".join(norm[a:b] for a, b in spans) == norm
    assert all(a < b for a, b in spans)
    assert "".join(cr.split_sentences(text)) == norm


_TOK = cr.Tokenizer()
_TOK_FOLD = cr.Tokenizer(numbers="fold", keep_titles=False, keep_punct=True)


@SETTINGS
@given(TEXTS)
def test_p03_tokenizer(text):
    norm = cr.normalize(text)
    for tok in (_TOK, _TOK_FOLD):
        toks = tok.cut(text)
        assert all(isinstance(t, str) and t for t in toks)
        assert all(t == "<NUM>" or t in norm for t in toks), (toks, norm)
    assert _TOK.cut(text) == _TOK.cut(norm)


@SETTINGS
@given(TEXTS, st.integers(1, 20))
def test_p04_keywords(text, n):
    out = cr.keywords(text, n)
    assert len(out) <= n
    assert all(isinstance(w, str) and isinstance(s, float) and s == s for w, s in out)


@SETTINGS
@given(st.lists(TEXTS, max_size=5))
def test_p05_predict_and_classify(model, texts):
    pred = model.predict(texts)
    assert len(pred) == len(texts)
    assert all(set(p) <= set(model.classes_) for p in pred)
    for t, p in zip(texts, pred):
        c = model.classify(t)
        assert c.labels == p
        assert all(0.0 <= v <= 1.0 for v in c.scores.values())


# -- the record parser and the readers ---------------------------------------------------
_JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=12)
_LINES = st.one_of(
    st.binary(max_size=120),
    _JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(["id", "text", "province", "year", "date", "x"]),
                    _JSON_VALUES, max_size=5).map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"[" * 5000, b'{"text": "a", "n": ' + b"1" * 5000 + b"}",
                     b'{"text": "a", "n": 1e999}', b'{"text": "\\ud800"}', b"\xef\xbb\xbf{}",
                     b'{"text": NaN}', b'{"text": "x", "id": [1]}', b"\x00\x00", b"\xff\xfe"]),
)


@SETTINGS
@given(st.integers(1, 10**6), _LINES, st.sampled_from(["jsonl", "lines"]))
def test_p06_parse_line(lineno, raw, fmt):
    from cyberreport.io._parse import parse_line

    out = parse_line(lineno, raw, fmt, source="x.jsonl")
    assert out is None or isinstance(out, (cr.Record, cr.Reject))
    if isinstance(out, cr.Record):
        assert isinstance(out.text, str) and isinstance(out.id, str)
        out.text.encode("utf-8")
    elif isinstance(out, cr.Reject):
        assert out.line == lineno and str(out)


@SETTINGS
@given(st.lists(_LINES, max_size=12),
       st.sampled_from([b"\n", b"\r\n", b"\r"]),
       st.sampled_from([".jsonl", ".txt", ".csv", ".tsv", ""]),
       st.booleans())
def test_p07_iter_records_on_generated_files(lines, eol, ext, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + eol.join(lines)
    fd, path = tempfile.mkstemp(suffix=ext)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        try:
            items = list(cr.iter_records(path, on_error="yield"))
        except cr.InputError as exc:  # the documented error of a file that cannot be read
            assert path in str(exc)
            return
        for item in items:
            assert isinstance(item, (cr.Record, cr.Reject))
            if isinstance(item, cr.Record):
                item.text.encode("utf-8")
        lines_seen = [it.line for it in items]
        assert lines_seen == sorted(lines_seen)
    finally:
        os.unlink(path)


@SETTINGS
@given(st.lists(_LINES, min_size=1, max_size=8))
def test_p08_load_corpus_and_read_labelled_on_generated_files(lines):
    fd, path = tempfile.mkstemp(suffix=".jsonl")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(b"\n".join(lines))
        try:
            cr.load_corpus(path)
        except (cr.CorpusFormatError, cr.InputError) as exc:
            assert path in str(exc)
        try:
            data = cr.read_labelled(path)
        except (cr.DataError, cr.InputError) as exc:
            assert path in str(exc)
        else:
            assert len(data) + len(data.skipped) >= 0
    finally:
        os.unlink(path)


@pytest.mark.parametrize("raw", [b'{"text": "a", "n": ' + b"1" * 5000 + b"}",
                                 b'{"text": "a", "n": 1e999}', b"[" * 100_000])
def test_p09_parser_edge_cases_are_rejects(raw):
    from cyberreport.io._parse import parse_line

    out = parse_line(1, raw, "jsonl", source="x.jsonl")
    assert isinstance(out, (cr.Record, cr.Reject))
