"""The gold files of ``data/figures/`` (schema of GUIDELINES.md part 3) and the extractor's
scores against them (the acceptance floors of issue 14; eval is only measured)."""

from __future__ import annotations

import importlib.resources
import json
import math
import re
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.extract._scoring import score_extraction

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "data" / "figures"
SETS = {"corpus": "corpus", "dev": "dev", "eval": "eval", "realdev": "realdev",
        "mixed_report": "mixed"}
FIGURE_KEYS = ["raw", "start", "end", "value", "value_max", "unit", "qualifier", "action",
               "object", "indicator"]
MENTION_KEYS = ["kind", "entity", "start", "end", "surface"]
COUNTS = {"corpus": (49, 60), "dev": (0, 67), "eval": (4, 110), "realdev": (405, 118),
          "mixed_report": (65, 6)}


def _resource(name):
    return json.loads(importlib.resources.files("cyberreport.resources").joinpath(name)
                      .read_text("utf-8"))


def _gold(name):
    return [json.loads(line) for line in (GOLD / f"{name}.jsonl").read_text("utf-8")
            .splitlines() if line.strip()]


@pytest.fixture(scope="module")
def resources():
    ind = {i["id"] for i in _resource("indicators.json")["indicators"]} | {"other"}
    gaz = {e["id"]: e for e in _resource("gazetteer.json")["entries"]}
    return ind, gaz


@pytest.mark.parametrize("name", SETS)
def test_gold_file_follows_the_schema(name, resources):
    indicators, gazetteer = resources
    corpus = cr.load_corpus(bundled=SETS[name])
    gold = _gold(name)
    assert [p.id for p in corpus] == [g["id"] for g in gold]
    n_fig = n_men = 0
    for para, rec in zip(corpus, gold):
        assert set(rec) <= {"id", "figures", "mentions", "unlisted"}
        last_end = -1
        for f in rec["figures"]:
            n_fig += 1
            assert list(f) == FIGURE_KEYS
            assert para.text[f["start"]:f["end"]] == f["raw"], (rec["id"], f)
            assert f["start"] >= last_end, (rec["id"], f["raw"])  # sorted, no overlap
            last_end = f["end"]
            assert f["indicator"] in indicators
            assert f["qualifier"] in {"over", "nearly", "about", "exact"}
            assert isinstance(f["value"], (int, float)) and math.isfinite(f["value"])
            assert f["value_max"] is None or f["value_max"] > f["value"]
        last_end = -1
        for m in rec["mentions"]:
            n_men += 1
            assert list(m) == MENTION_KEYS
            assert para.text[m["start"]:m["end"]] == m["surface"], (rec["id"], m)
            assert m["start"] >= last_end
            last_end = m["end"]
            entry = gazetteer[m["entity"]]
            assert m["kind"] == entry["kind"]
            names = {entry["name_zh"], *entry["aliases"]}
            surface = re.sub(r"（[^）]*）|\([^)]*\)", "", m["surface"])  # R9
            assert m["surface"] in names or m["surface"].strip("“”《》") in names \
                or surface in names, m
        for u in rec.get("unlisted", ()):
            assert para.text[u["start"]:u["end"]] == u["surface"]
    assert (n_fig, n_men) == COUNTS[name]


# Floors a change must keep (measured values are in docs/extraction.md); eval's are the
# issue's acceptance figures, the others sit a little under what the extractor reaches.
FLOORS = {
    #               fig P, fig R, indicator, mention P, mention R
    "corpus":       (0.97, 0.95, 0.90, 0.95, 0.95),
    "dev":          (None, None, None, 0.95, 0.95),
    "eval":         (0.97, 0.95, 0.90, 0.95, 0.90),
    "realdev":      (0.97, 0.95, 0.85, 0.95, 0.95),
    "mixed_report": (0.95, 0.95, 0.85, 0.95, 0.95),
}


@pytest.mark.parametrize("name", SETS)
def test_extraction_scores_stay_above_the_floors(name):
    corpus = cr.load_corpus(bundled=SETS[name])
    gold = {g["id"]: g for g in _gold(name)}
    s = score_extraction((p.id, p.text, gold[p.id]) for p in corpus)
    got = (s.figure_precision, s.figure_recall, s.indicator_accuracy, s.mention_precision,
           s.mention_recall)
    for label, value, floor in zip(("figure P", "figure R", "indicator", "mention P",
                                    "mention R"), got, FLOORS[name]):
        if floor is not None:
            assert value >= floor, f"{name} {label} {value:.3f} < {floor}"


def test_heldout_paragraphs_score_above_the_unseen_text_floors(resources):
    """data/figures/heldout.jsonl: 22 report paragraphs written after the rules, scored once
    before any change for them (P 1.000, R 1.000); the issue's floors for unseen text are
    value, unit and qualifier at precision >= 0.95 and recall >= 0.90."""
    from cyberreport.extract._scoring import _match, _same_figure

    indicators, _ = resources
    pred = gold = matched = correct = 0
    for line in (GOLD / "heldout.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        for f in rec["figures"]:
            assert rec["text"][f["start"]:f["end"]] == f["raw"]
        found = cr.extract_figures(rec["text"])
        pred, gold = pred + len(found), gold + len(rec["figures"])
        pairs = _match(found, rec["figures"], _same_figure)
        matched += len(pairs)
        correct += sum(found[p].indicator == rec["figures"][g]["indicator"] for p, g in pairs)
        for f in rec["figures"]:
            assert f["indicator"] in indicators
    assert gold == 74
    assert matched / pred >= 0.95 and matched / gold >= 0.90, (pred, gold, matched)
    assert correct / matched >= 0.90, (correct, matched)      # 71/74 when written
