"""Tests for cyberreport.corpus: the bundled 2016 corpus and the loader's validation."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from cyberreport.corpus import Corpus, Paragraph, Sentence, load_corpus
from cyberreport.exceptions import (
    CorpusFormatError,
)
from cyberreport.taxonomy import THEME_IDS
from cyberreport.text import sentence_spans as _sentence_spans

REPO = Path(__file__).resolve().parents[2]
DATA_FILE = REPO / "data" / "provincial_reports_2016.jsonl"


def _seed_file() -> Path | None:
    for shared in (REPO.parent / "shared", Path("/work/shared")):
        f = shared / "seed" / "provincial_reports_2016.txt"
        if f.is_file():
            return f
    return None


# ---------------------------------------------------------------------------------------
# the bundled corpus
# ---------------------------------------------------------------------------------------

def test_bundled_corpus_has_29_paragraphs(corpus):
    assert isinstance(corpus, Corpus) and isinstance(corpus, tuple)
    assert len(corpus) == 29
    assert all(isinstance(p, Paragraph) for p in corpus)
    assert len({p.id for p in corpus}) == 29
    assert corpus[0].province == "北京" and corpus[-1].province == "新疆"
    assert all(p.year == 2016 for p in corpus)


def test_bundled_corpus_equals_the_repository_file(corpus):
    if not DATA_FILE.is_file():
        pytest.skip("not running from a source tree")
    assert load_corpus(DATA_FILE) == corpus
    assert load_corpus(str(DATA_FILE)) == corpus


def test_every_label_is_a_taxonomy_id_in_taxonomy_order(corpus):
    order = {t: i for i, t in enumerate(THEME_IDS)}
    for p in corpus:
        assert p.labels, p.id
        assert set(p.labels) <= set(THEME_IDS)
        assert list(p.labels) == sorted(p.labels, key=order.__getitem__)
        for s in p.sentences:
            assert set(s.labels) <= set(THEME_IDS)
            assert list(s.labels) == sorted(s.labels, key=order.__getitem__)


def test_paragraph_labels_are_the_union_of_sentence_labels(corpus):
    for p in corpus:
        assert set(p.labels) == {t for s in p.sentences for t in s.labels}, p.id


def test_sentences_join_to_the_text_with_correct_offsets(corpus):
    for p in corpus:
        assert "".join(s.text for s in p.sentences) == p.text
        for s in p.sentences:
            assert p.text[s.start:s.end] == s.text
        assert p.sentences[0].start == 0 and p.sentences[-1].end == len(p.text)


def test_sentences_are_the_splitter_spans_of_the_raw_text(corpus):
    for p in corpus:
        pieces = [p.text[a:b] for a, b in _sentence_spans(p.text)]
        assert [s.text for s in p.sentences] == pieces, p.id


def test_texts_equal_the_seed_lines(corpus):
    seed = _seed_file()
    if seed is None:
        pytest.skip("shared/seed/provincial_reports_2016.txt not available")
    lines = seed.read_text("utf-8").splitlines()
    assert len(lines) == len(corpus)
    for p, line in zip(corpus, lines):
        assert p.text == line, p.id


def test_province_evidence(corpus):
    for p in corpus:
        assert p.province
        assert p.province_evidence in {"explicit", "inferred"}
        assert (p.province_evidence == "explicit") == (p.province in p.text), p.id
    assert {p.province_evidence for p in corpus} == {"explicit", "inferred"}


def test_convenience_properties(corpus):
    assert corpus.texts == [p.text for p in corpus]
    assert corpus.labels == [p.labels for p in corpus]
    assert corpus.groups == [p.province for p in corpus]
    sents = corpus.sentences()
    assert len(sents) == sum(len(p.sentences) for p in corpus)
    assert all(isinstance(s, Sentence) for _, s in sents)
    assert repr(corpus) == "<Corpus of 29 paragraphs>"


def test_records_are_immutable(corpus):
    with pytest.raises(dataclasses.FrozenInstanceError):
        corpus[0].text = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        corpus[0].sentences[0].labels = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        corpus[0] = corpus[1]  # type: ignore[index]


def test_to_dict_round_trips_through_the_loader(corpus, tmp_path):
    path = tmp_path / "copy.jsonl"
    path.write_text("\n".join(json.dumps(p.to_dict(), ensure_ascii=False) for p in corpus),
                    encoding="utf-8")
    assert load_corpus(path) == corpus


def test_to_frame(corpus):
    pd = pytest.importorskip("pandas")
    with pytest.warns(FutureWarning, match=r"Corpus.to_pandas\(\) is deprecated.*to_frame"):
        assert corpus.to_pandas().equals(corpus.to_frame())
    assert "2016-01" in corpus._repr_html_()
    df = corpus.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 29
    assert list(df["id"]) == [p.id for p in corpus]
    assert list(df["n_sentences"]) == [len(p.sentences) for p in corpus]
    assert {"id", "province", "province_evidence", "year", "text", "labels"} <= set(df.columns)


def test_group_falls_back_to_id_when_province_unknown(tmp_path):
    rec = {"id": "x-1", "text": "网信办。", "sentences": [{"text": "网信办。", "labels": []}]}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    c = load_corpus(path)
    assert c.groups == ["x-1"]
    assert c[0].province is None and c[0].year is None and c[0].labels == ()


# ---------------------------------------------------------------------------------------
# malformed files
# ---------------------------------------------------------------------------------------

GOOD = {
    "id": "t-1", "province": "北京", "province_evidence": "explicit", "year": 2016,
    "text": "北京开展净网行动。建设融媒体中心。",
    "sentences": [
        {"text": "北京开展净网行动。", "labels": ["content_governance"]},
        {"text": "建设融媒体中心。", "labels": ["media_convergence"]},
    ],
    "labels": ["media_convergence", "content_governance"],
}


def _with(**changes):
    rec = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is _DELETE:
            rec.pop(key)
        else:
            rec[key] = value
    return json.dumps(rec, ensure_ascii=False)


_DELETE = object()

BAD_LINES = {
    "invalid_json": '{"id": "t-2", "text": "网信办。",',
    "not_an_object": '["网信办。"]',
    "missing_text": _with(text=_DELETE),
    "empty_text": _with(text="  "),
    "text_not_str": _with(text=3),
    "missing_sentences": _with(sentences=_DELETE),
    "empty_sentences": _with(sentences=[]),
    "sentence_without_text": _with(sentences=[{"labels": []}]),
    "sentence_labels_not_list": _with(sentences=[
        {"text": "北京开展净网行动。", "labels": "content_governance"},
        {"text": "建设融媒体中心。", "labels": ["media_convergence"]}]),
    "sentences_do_not_join": _with(sentences=[
        {"text": "北京开展净网行动。", "labels": ["content_governance"]},
        {"text": "建设融媒体。", "labels": ["media_convergence"]}]),
    "unknown_sentence_label": _with(sentences=[
        {"text": "北京开展净网行动。", "labels": ["content_governance", "cyber_stuff"]},
        {"text": "建设融媒体中心。", "labels": ["media_convergence"]}]),
    "labels_not_union_missing": _with(labels=["content_governance"]),
    "labels_not_union_extra": _with(labels=["media_convergence", "content_governance",
                                            "security"]),
    "unknown_paragraph_label": _with(labels=["media_convergence", "content_governance",
                                             "cyber_stuff"]),
    "labels_not_a_list": _with(labels=5),
    "year_not_a_number": _with(year="二〇一六"),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_malformed_line_raises_with_file_and_line(tmp_path, case):
    path = tmp_path / f"bad_{case}.jsonl"
    # a good line, a blank line (still counted), then the bad one on line 3
    path.write_text(_with() + "\n\n" + BAD_LINES[case] + "\n", encoding="utf-8")
    with pytest.raises(CorpusFormatError) as info:
        load_corpus(path)
    msg = str(info.value)
    assert path.name in msg
    assert "line 3" in msg
    assert isinstance(info.value, ValueError)


def test_good_line_alone_loads(tmp_path):
    path = tmp_path / "good.jsonl"
    path.write_text(_with() + "\n", encoding="utf-8")
    (p,) = load_corpus(path)
    assert p.labels == ("media_convergence", "content_governance")
    assert [s.start for s in p.sentences] == [0, 9]


def test_paragraph_labels_are_optional(tmp_path):
    path = tmp_path / "nolabels.jsonl"
    path.write_text(_with(labels=_DELETE), encoding="utf-8")
    assert load_corpus(path)[0].labels == ("media_convergence", "content_governance")


def test_first_line_error_reports_line_1(tmp_path):
    path = tmp_path / "first.jsonl"
    path.write_text("not json\n" + _with(), encoding="utf-8")
    with pytest.raises(CorpusFormatError, match=r"first\.jsonl.*line 1\b"):
        load_corpus(path)


def test_non_utf8_file_raises_corpus_format_error(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(_with().encode("gb18030"))
    with pytest.raises(CorpusFormatError, match="latin1.jsonl"):
        load_corpus(path)


def test_missing_file_raises_oserror_naming_it(tmp_path):
    path = tmp_path / "absent.jsonl"
    with pytest.raises(OSError, match="absent.jsonl"):
        load_corpus(path)


def test_empty_file_gives_empty_corpus(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert load_corpus(path) == ()
