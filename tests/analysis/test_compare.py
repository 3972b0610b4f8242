"""compare: what sets one group apart (terms, themes, topics), and the planted shifts of
the constructed corpus recovered with their direction and an interval excluding zero."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.exceptions import InvalidParameterError

ROOT = Path(__file__).resolve().parents[2]
KEY = json.loads((ROOT / "data" / "sample" / "planted.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def terms_gd(records):
    return cr.compare(records, "广东", as_frame=False)


# ---------------------------------------------------------------------------------------
# the planted shifts (acceptance)
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("labels", ["given", "model"])
@pytest.mark.parametrize("unit", ["sentence", "text"])
@pytest.mark.parametrize("shift", KEY["shifts"], ids=lambda s: s["id"])
def test_every_planted_shift_is_found_with_its_direction(records, model, shift, unit, labels):
    """The last two years against the first two, in the province of the shift: the
    interval of the difference excludes zero on the planted side; the level theme (S4)
    shows no shift."""
    mine = [r for r in records if r.province == shift["province"]]
    rows = cr.compare(mine, [2021, 2022], [2018, 2019], by="year", features="themes",
                      unit=unit, labels=labels, model=model, as_frame=False)
    (row,) = [r for r in rows if r["theme"] == shift["theme"]]
    if shift["direction"] == "up":
        assert row["significant"] and row["low"] > 0 and row["difference"] > 0.15
    elif shift["direction"] == "down":
        assert row["significant"] and row["high"] < 0 and row["difference"] < -0.15
    else:
        assert not row["significant"] and abs(row["difference"]) < 0.1


@pytest.mark.parametrize("labels", ["given", "model"])
@pytest.mark.parametrize("shift", [s for s in KEY["shifts"] if s["direction"] == "level"],
                         ids=lambda s: s["id"])
def test_a_planted_high_share_is_over_represented_against_the_rest(records, model, shift,
                                                                    labels):
    rows = cr.compare(records, shift["province"], features="themes", labels=labels,
                      model=model, as_frame=False)
    assert rows[0]["theme"] == shift["theme"]
    assert rows[0]["significant"] and rows[0]["low"] > 0.15 and rows[0]["z"] > 1.96


# ---------------------------------------------------------------------------------------
# terms
# ---------------------------------------------------------------------------------------

def _direct(ya, yb, alpha, a0, na, nb):
    """Monroe, Colaresi & Quinn (2008), eq. 22 and the variance of eq. 20, written out."""
    delta = (math.log((ya + alpha) / (na + a0 - ya - alpha))
             - math.log((yb + alpha) / (nb + a0 - yb - alpha)))
    return delta, delta / math.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))


def test_terms_equal_the_published_formula_with_the_collection_as_prior(records, terms_gd):
    from cyberreport.topics._features import is_term

    tok = cr.Tokenizer(numbers="drop")
    counts = [Counter(t for t in tok.cut(r.text) if is_term(t)) for r in records]
    ca, cb, bg = Counter(), Counter(), Counter()
    for r, c in zip(records, counts):
        (ca if r.province == "广东" else cb).update(c)
        bg.update(c)
    na, nb, a0 = sum(ca.values()), sum(cb.values()), sum(bg.values())
    assert len(terms_gd) == len(bg)
    for row in terms_gd[:15] + terms_gd[-15:]:
        t = row["term"]
        assert (row["count_a"], row["count_b"]) == (ca[t], cb[t])
        delta, z = _direct(ca[t], cb[t], bg[t], a0, na, nb)
        assert row["log_odds"] == pytest.approx(delta, rel=1e-9)
        assert row["z"] == pytest.approx(z, rel=1e-9)


def test_terms_are_sorted_by_z(terms_gd):
    zs = [r["z"] for r in terms_gd]
    assert zs == sorted(zs, reverse=True)
    assert terms_gd[0]["count_a"] > 0 and terms_gd[-1]["count_b"] > 0


@pytest.mark.parametrize("spelling", ["广东", "广东省", "粤", ["广东"], ("广东省",)])
def test_a_province_in_any_spelling(records, terms_gd, spelling):
    assert cr.compare(records, spelling, as_frame=False) == terms_gd


@pytest.mark.parametrize("a, b", [(2022, 2018), ("2022", "2018"), ([2022], [2018])])
def test_years_as_numbers_or_text(records, a, b):
    rows = cr.compare(records, a, b, by="year", as_frame=False, top_n=3)
    assert len(rows) == 6
    ref = cr.compare(records, 2022, 2018, by="year", as_frame=False, top_n=3)
    assert rows == ref


def test_an_explicit_group_b_leaves_the_others_out(records):
    rows = cr.compare(records, "广东", "四川", as_frame=False)
    n_a = sum(r["count_a"] for r in rows)
    n_b = sum(r["count_b"] for r in rows)
    rest = cr.compare(records, "广东", as_frame=False)
    assert n_a == sum(r["count_a"] for r in rest)
    assert n_b < sum(r["count_b"] for r in rest)


@pytest.mark.parametrize("top_n", [1, 5, 20])
def test_top_n_keeps_both_ends(terms_gd, records, top_n):
    rows = cr.compare(records, "广东", top_n=top_n, as_frame=False)
    assert rows == terms_gd[:top_n] + terms_gd[-top_n:]


def test_min_count(records, terms_gd):
    rows = cr.compare(records, "广东", min_count=5, as_frame=False)
    assert all(r["count_a"] + r["count_b"] >= 5 for r in rows)
    assert len(rows) < len(terms_gd)


@pytest.mark.parametrize("a, b, match", [
    ("西藏", "rest", r"group_a='西藏' matches no record: 'province' takes the values"),
    ("广东", "西藏", r"group_b='西藏' matches no record"),
    ("广东", "广东", "group_b='广东' matches no record"),
])
def test_groups_that_match_nothing(records, a, b, match):
    with pytest.raises(ValueError, match=match):
        cr.compare(records, a, b)


@pytest.mark.parametrize("kwargs, match", [
    ({"features": "words"}, "features must be one of 'terms', 'themes', 'topics'"),
    ({"min_count": 0}, "min_count must be an int >= 1"),
    ({"top_n": 0}, "top_n must be None or an int >= 1"),
    ({"by": ""}, "by must be a non-empty str"),
    ({"prior_total": -1}, "prior_total must be None or a positive number"),
    ({"unit": "paragraph"}, "unit must be one of"),
])
def test_parameters_are_validated_by_name(records, kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        cr.compare(records, "广东", **kwargs)


# ---------------------------------------------------------------------------------------
# themes and topics
# ---------------------------------------------------------------------------------------

def test_theme_rows(records, model):
    rows = cr.compare(records, "江苏", features="themes", model=model, as_frame=False)
    assert {r["theme"] for r in rows} == set(model.classes_)
    for r in rows:
        assert r["share_a"] == pytest.approx(r["count_a"] / r["n_a"])
        assert r["difference"] == pytest.approx(r["share_a"] - r["share_b"])
        assert r["low"] <= r["difference"] <= r["high"]
        assert r["significant"] == (r["low"] > 0 or r["high"] < 0)


def test_topics(records):
    tm = cr.TopicModel(n_topics=4, random_state=0)
    rows = cr.compare(records, "贵州", features="topics", topic_model=tm, as_frame=False)
    assert len(rows) == 4 and {"topic", "label", "z", "significant"} <= set(rows[0])
    assert sorted(r["topic"] for r in rows) == [0, 1, 2, 3]


def test_as_frame(records):
    pd = pytest.importorskip("pandas")
    df = cr.compare(records, "广东", top_n=3)
    assert isinstance(df, pd.DataFrame) and list(df.columns) == [
        "term", "count_a", "count_b", "log_odds", "z"]
