"""theme_shares and topic_shares: tidy tables of shares with bootstrap intervals."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.exceptions import InvalidParameterError

ROOT = Path(__file__).resolve().parents[2]
KEY = json.loads((ROOT / "data" / "sample" / "planted.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def given(records):
    return cr.theme_shares(records, labels="given", n_boot=500, as_frame=False)


@pytest.fixture(scope="module")
def predicted(records, model):
    return cr.theme_shares(records, model=model, n_boot=500, as_frame=False)


def test_table_shape_and_columns(given, predicted, model):
    for rows in (given, predicted):
        assert list(rows[0]) == ["province", "year", "theme", "share", "low", "high", "count",
                                 "n", "n_texts"]
    assert len(predicted) == 6 * 5 * len(model.classes_)
    keys = [(r["province"], r["year"]) for r in predicted[:: len(model.classes_)]]
    assert keys == sorted(keys)


@pytest.mark.parametrize("i", range(0, 390, 7))
def test_each_row_is_consistent(predicted, i):
    r = predicted[i]
    assert r["share"] == pytest.approx(r["count"] / r["n"])
    assert 0 <= r["low"] <= r["share"] + 1e-12 <= r["high"] + 2e-12 <= 1 + 2e-12
    assert 6 <= r["n_texts"] <= 10 and r["n"] >= 2 * r["n_texts"]


@pytest.mark.parametrize("shift", KEY["shifts"], ids=lambda s: s["id"])
@pytest.mark.parametrize("year", [2018, 2019, 2020, 2021, 2022])
def test_given_labels_reproduce_the_planted_shares(given, shift, year):
    (row,) = [r for r in given if r["province"] == shift["province"] and r["year"] == year
              and r["theme"] == shift["theme"]]
    planted = shift["share"][str(year)]
    assert (row["count"], row["n"]) == (planted["with_theme"], planted["sentences"])
    assert row["share"] == pytest.approx(planted["share"], abs=1e-4)


def test_seeded_and_repeatable(records):
    a = cr.theme_shares(records[:40], labels="given", n_boot=300, as_frame=False)
    b = cr.theme_shares(records[:40], labels="given", n_boot=300, as_frame=False)
    c = cr.theme_shares(records[:40], labels="given", n_boot=300, random_state=1,
                        as_frame=False)
    assert a == b
    assert [r["share"] for r in a] == [r["share"] for r in c]
    assert [(r["low"], r["high"]) for r in a] != [(r["low"], r["high"]) for r in c]


def test_unit_text_counts_texts(records, model):
    rows = cr.theme_shares(records, by="province", unit="text", labels="given", n_boot=200,
                           as_frame=False)
    for r in rows:
        texts = [x for x in records if x.province == r["province"]]
        assert r["n"] == r["n_texts"] == len(texts)
        assert r["count"] == sum(r["theme"] in x.fields["labels"] for x in texts)


def test_agrees_with_profile(corpus, model):
    prof = cr.profile(corpus, model=model, topic_model=False)
    rows = cr.theme_shares(corpus, by="province", model=model, n_boot=100, as_frame=False)
    for r in rows:
        i = prof.groups.index(r["province"])
        j = prof.themes.index(r["theme"])
        assert r["share"] == pytest.approx(prof.theme_shares[i, j])
        assert r["n"] == prof.n_sentences[i]


@pytest.mark.parametrize("by, n_groups", [(None, 1), ((), 1), ("province", 6), ("year", 5),
                                          ("province,year", 30), (["year"], 5),
                                          (("year", "province"), 30)])
def test_by(records, by, n_groups):
    rows = cr.theme_shares(records, by=by, labels="given", n_boot=100, as_frame=False)
    themes = {r["theme"] for r in rows}
    assert len(rows) == n_groups * len(themes)


def test_missing_group_values_come_last(model):
    recs = [cr.Record("a", "开展网络安全检查。", year=2020), cr.Record("b", "受理网民举报。"),
            cr.Record("c", "建设县级融媒体中心。", year=2019)]
    rows = cr.theme_shares(recs, by="year", model=model, n_boot=100, as_frame=False)
    years = list(dict.fromkeys(r["year"] for r in rows))
    assert years == [2019, 2020, None]


def test_dicts_and_paragraphs_are_records_too(corpus, model):
    dicts = [{"text": p.text, "province": p.province} for p in corpus]
    a = cr.theme_shares(dicts, by="province", model=model, n_boot=100, as_frame=False)
    b = cr.theme_shares(corpus, by="province", model=model, n_boot=100, as_frame=False)
    assert [r["count"] for r in a] == [r["count"] for r in b]


def test_as_frame_rule(records):
    pd = pytest.importorskip("pandas")
    df = cr.theme_shares(records[:30], labels="given", n_boot=100)
    assert isinstance(df, pd.DataFrame) and "share" in df.columns
    assert isinstance(cr.theme_shares(records[:30], labels="given", n_boot=100,
                                      as_frame=False), list)


@pytest.mark.parametrize("kwargs, match", [
    ({"unit": "paragraph"}, "unit must be one of 'sentence', 'text', got 'paragraph'"),
    ({"by": 3}, "by must be a field name"),
    ({"labels": "gold"}, "labels must be one of 'model', 'given'"),
    ({"level": 95}, r"level must be a number in \(0, 1\)"),
    ({"n_boot": 10}, "n_boot must be an int >= 100"),
    ({"random_state": -1}, "random_state must be"),
    ({"as_frame": "yes"}, "as_frame must be None or True or False"),
])
def test_parameters_are_validated_by_name(records, kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        cr.theme_shares(records[:5], **{"labels": "given", **kwargs})


@pytest.mark.parametrize("bad, match", [
    ("开展网络安全检查。", "records must be a sequence"),
    (["开展网络安全检查。"], r"records\[0\] is a str"),
    ([cr.Record("a", "x。"), 3], r"records\[1\] must be a Record"),
    ([], "records is empty"),
])
def test_bad_records(bad, match):
    with pytest.raises((TypeError, ValueError), match=match):
        cr.theme_shares(bad, labels="given")


def test_given_labels_need_the_field():
    with pytest.raises(ValueError, match=r"records\[0\] has no 'sentences' field"):
        cr.theme_shares([cr.Record("a", "开展网络安全检查。", province="浙江")], labels="given")


def test_topic_shares(records, tm):
    rows = cr.topic_shares(records, by="province", model=tm, n_boot=200, as_frame=False)
    assert list(rows[0])[:3] == ["province", "topic", "label"]
    assert len(rows) == 6 * tm.n_topics_
    for p in {r["province"] for r in rows}:
        mine = [r for r in rows if r["province"] == p]
        assert len({r["n"] for r in mine}) == 1
        assert sum(r["count"] for r in mine) <= mine[0]["n"]
        assert sum(r["share"] for r in mine) <= 1 + 1e-9
        assert all(r["low"] <= r["share"] <= r["high"] for r in mine)


def test_topic_shares_by_text_gives_each_text_one_topic(corpus, tm):
    rows = cr.topic_shares(corpus, by=None, unit="text", model=tm, n_boot=100,
                           as_frame=False)
    assigned = (tm.predict(corpus.texts) >= 0).sum()
    assert sum(r["count"] for r in rows) == assigned
    assert all(r["n"] == len(corpus) for r in rows)


def test_topic_shares_fits_an_unfitted_model(corpus):
    tm = cr.TopicModel(n_topics=3)
    rows = cr.topic_shares(corpus, by=None, model=tm, n_boot=100, as_frame=False)
    assert hasattr(tm, "topics_") and len(rows) == 3
    assert not any(math.isnan(r["share"]) for r in rows)


def test_topic_shares_rejects_a_classifier(corpus, model):
    with pytest.raises(TypeError, match="model must be a TopicModel"):
        cr.topic_shares(corpus, model=model)


@pytest.fixture(scope="module")
def tm(corpus):
    return cr.TopicModel(n_topics=5, random_state=0).fit(corpus.texts)


def test_interval_width_shrinks_with_more_texts():
    rng = np.random.default_rng(0)
    widths = []
    for n in (10, 40, 160):
        recs = [{"text": "x", "sentences": [{"text": "s", "labels": ["security"] if
                                              rng.random() < 0.3 else []}
                                             for _ in range(4)]} for _ in range(n)]
        (row,) = [r for r in cr.theme_shares(recs, by=None, labels="given", n_boot=500,
                                             as_frame=False) if r["theme"] == "security"]
        widths.append(row["high"] - row["low"])
    assert widths[0] > widths[1] > widths[2]


def test_intervals_of_theme_shares_reach_their_nominal_coverage():
    """End to end through theme_shares: groups of 20-120 texts of 2-8 sentences, the theme's
    rate varying between texts (Beta around a true share of 0.1-0.5); >= 93% of the 95%
    intervals cover the true share (300 simulated groups, 1,000 resamples each)."""
    rng = np.random.default_rng(7)
    covered = 0
    n_sets = 300
    for _ in range(n_sets):
        p = rng.uniform(0.1, 0.5)
        n_texts = int(rng.integers(20, 121))
        sizes = rng.integers(2, 9, size=n_texts)
        rates = rng.beta(8 * p, 8 * (1 - p), size=n_texts)
        recs = [{"text": "x", "sentences": [
            {"text": "s", "labels": ["security"] if rng.random() < r else []}
            for _ in range(int(k))]} for r, k in zip(rates, sizes)]
        rows = cr.theme_shares(recs, by=None, labels="given", n_boot=1000,
                               random_state=int(rng.integers(2**31)), as_frame=False)
        row = [r for r in rows if r["theme"] == "security"]
        # the true share of sentences is p (sizes independent of rates)
        covered += bool(row) and row[0]["low"] <= p <= row[0]["high"]
    print(f"coverage {covered / n_sets:.3f}")
    assert covered / n_sets >= 0.93, covered / n_sets
