"""The blind held-out paragraphs (``data/heldout/fresh.jsonl``): valid labels, normalised
texts, readable as labelled data, and disjoint from every set the default model learns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.taxonomy import THEME_IDS
from cyberreport.text import normalize, sentence_spans

FRESH = Path(__file__).resolve().parents[2] / "data" / "heldout" / "fresh.jsonl"
TRAINED_ON = ("corpus", "dev", "contrastive_train", "realdev", "train", "train_sentences",
              "offdomain")


@pytest.fixture(scope="module")
def rows():
    return [json.loads(line) for line in FRESH.read_text(encoding="utf-8").splitlines()]


def test_records_follow_the_schema(rows):
    assert len(rows) == 141
    assert [r["id"] for r in rows] == [f"fr-{i:03d}" for i in range(1, 142)]
    for r in rows:
        assert set(r) == {"id", "genre", "text", "labels", "rationale", "source_url"}
        assert r["labels"] == [t for t in THEME_IDS if t in r["labels"]], r["id"]
        assert set(r["labels"]) <= set(THEME_IDS), r["id"]
        assert r["text"] == normalize(r["text"]) and r["text"], r["id"]
        assert re.match(r"https?://", r["source_url"]), r["id"]
        assert bool(r["labels"]) == (r["genre"] not in ("offdomain_news", "gov_work_report"))


def test_read_as_labelled_data(rows):
    data = cr.read_labelled(FRESH)
    assert len(data) == len(rows) and not data.skipped
    assert [list(ls) for ls in data.labels] == [r["labels"] for r in rows]


def test_no_sentence_of_a_training_set(rows):
    """Held out: no sentence of 15 characters or more occurs in a set the default model
    is trained on."""
    seen = {s.text for name in TRAINED_ON for p in cr.load_corpus(bundled=name)
            for s in p.sentences}
    shared = [r["text"][a:b] for r in rows for a, b in sentence_spans(r["text"])
              if b - a >= 15 and r["text"][a:b] in seen]
    assert shared == []
