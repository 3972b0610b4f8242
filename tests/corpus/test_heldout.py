"""The blind held-out paragraphs (``data/heldout/fresh.jsonl``): valid labels, normalised
texts, readable as labelled data, and disjoint from every other bundled set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.taxonomy import THEME_IDS
from cyberreport.text import normalize, sentence_spans

FRESH = Path(__file__).resolve().parents[2] / "data" / "heldout" / "fresh.jsonl"
OTHER_SETS = ("corpus", "dev", "contrastive_train", "realdev", "train", "train_sentences",
              "offdomain", "eval", "contrastive_test", "mixed", "sample")


@pytest.fixture(scope="module")
def rows():
    lines = FRESH.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_records_follow_the_schema(rows):
    assert len(rows) == 141
    assert [r["id"] for r in rows] == [f"fr-{i:03d}" for i in range(1, 142)]
    for r in rows:
        assert set(r) == {"id", "genre", "text", "labels", "rationale", "source_url"}
        # taxonomy ids, in taxonomy order, each once
        assert r["labels"] == [t for t in THEME_IDS if t in r["labels"]], r["id"]
        assert r["text"] == normalize(r["text"]) and r["text"], r["id"]
        assert re.match(r"https?://", r["source_url"]), r["id"]
        assert bool(r["labels"]) == (r["genre"] not in ("offdomain_news", "gov_work_report")), \
            r["id"]


def test_read_as_labelled_data(rows):
    data = cr.read_labelled(FRESH)
    assert len(data) == len(rows) and not data.skipped
    assert [list(ls) for ls in data.labels] == [r["labels"] for r in rows]


def test_no_sentence_of_another_set(rows):
    """Held out: no sentence of 15 characters or more occurs in another bundled set (those
    the default model is trained on, and those only measured)."""
    seen = {s.text for name in OTHER_SETS for p in cr.load_corpus(bundled=name)
            for s in p.sentences}
    shared = [r["text"][a:b] for r in rows for a, b in sentence_spans(r["text"])
              if b - a >= 15 and r["text"][a:b] in seen]
    assert shared == []
