"""Tests for the constructed sample corpus data/sample/ and its planted structure."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.analysis import bootstrap_share_difference
from cyberreport.text import sentence_spans

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in
            (SAMPLE / "multiyear.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def key():
    return json.loads((SAMPLE / "planted.json").read_text("utf-8"))


def test_shape(records):
    cells = Counter((r["province"], r["year"]) for r in records)
    assert len({p for p, _ in cells}) == 6
    assert {y for _, y in cells} == {2018, 2019, 2020, 2021, 2022}
    assert len(cells) == 30 and all(6 <= n <= 10 for n in cells.values())
    assert all(2 <= len(r["sentences"]) <= 5 for r in records)
    assert len({r["id"] for r in records}) == len(records)


def test_loads_as_a_corpus_and_sentences_are_cut_by_sentence_spans(records):
    corpus = cr.load_corpus(SAMPLE / "multiyear.jsonl")
    assert len(corpus) == len(records)
    for r in records:
        assert [r["text"][a:b] for a, b in sentence_spans(r["text"])] == \
            [s["text"] for s in r["sentences"]]
        assert set(r["labels"]) == {t for s in r["sentences"] for t in s["labels"]}
        assert set(r["planted"]) == {"reuse", "shifts"}


def test_the_readme_says_it_is_constructed():
    text = (SAMPLE / "README.md").read_text("utf-8")
    assert "constructed" in text and "never" in text.lower()


def _group(records, theme, province, year):
    rs = [r for r in records if r["province"] == province and r["year"] == year]
    return ([sum(theme in s["labels"] for s in r["sentences"]) for r in rs],
            [len(r["sentences"]) for r in rs])


def test_planted_shifts_are_in_the_labels_with_intervals_excluding_zero(records, key):
    assert len([s for s in key["shifts"] if s["direction"] != "level"]) >= 3
    for s in key["shifts"]:
        ha, ta = _group(records, s["theme"], s["province"], s["to_year"])
        hb, tb = _group(records, s["theme"], s["province"], s["from_year"])
        d = bootstrap_share_difference(ha, ta, hb, tb)
        share = {int(y): v["share"] for y, v in s["share"].items()}
        assert share[s["to_year"]] == pytest.approx(sum(ha) / sum(ta), abs=1e-4)
        if s["direction"] == "up":
            assert d.low > 0 and d.estimate > 0.25
        elif s["direction"] == "down":
            assert d.high < 0 and d.estimate < -0.25
        else:
            assert min(share.values()) > 0.3
            assert max(s["share_in_other_provinces"].values()) < 0.15


def test_planted_reuse_offsets_point_at_the_passages(records, key):
    by_id = {r["id"]: r for r in records}
    assert len(key["reuse"]) >= 8
    for item in key["reuse"]:
        assert 20 <= item["length"] <= 120
        assert len(item["occurrences"]) >= 2
        for o in item["occurrences"]:
            rec = by_id[o["id"]]
            span = rec["text"][o["start"]:o["end"]]
            assert item["id"] in rec["planted"]["reuse"]
            if o["edited"]:
                assert span != item["passage"] and len(span) >= len(item["passage"]) - 2
            else:
                assert span == item["passage"]
    kinds = {item["kind"] for item in key["reuse"]}
    assert {"template", "repeated_next_year", "edited_copy"} <= kinds


def test_shipped_as_package_data():
    ref = resources.files("cyberreport._data").joinpath("sample")
    assert ref.joinpath("multiyear.jsonl").is_file()
    assert ref.joinpath("planted.json").is_file()
