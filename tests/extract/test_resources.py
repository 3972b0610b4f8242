"""Tests of the extraction resources (indicators, gazetteer) and of the guideline's examples."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path

import pytest

from cyberreport import THEME_IDS
from cyberreport.extract import find_quantities
from cyberreport.extract import _lexicon, _numbers

ROOT = Path(__file__).resolve().parents[2]
GUIDELINES = ROOT / "data" / "figures" / "GUIDELINES.md"


def _resource(name):
    return json.loads(importlib.resources.files("cyberreport.resources").joinpath(name)
                      .read_text("utf-8"))


@pytest.fixture(scope="module")
def indicators():
    return _resource("indicators.json")["indicators"]


@pytest.fixture(scope="module")
def gazetteer():
    return _resource("gazetteer.json")["entries"]


# --------------------------------------------------------------------------------------
# indicators.json
# --------------------------------------------------------------------------------------

def test_indicator_records_are_well_formed(indicators):
    assert len(indicators) >= 30
    ids = [i["id"] for i in indicators]
    assert len(ids) == len(set(ids))
    assert "other" not in ids
    for i in indicators:
        assert {"id", "name_zh", "name_en", "theme", "actions", "objects", "units"} <= set(i)
        assert set(i) <= {"id", "name_zh", "name_en", "theme", "actions", "objects", "units",
                          "weak_objects", "context"}
        assert set(i.get("weak_objects", ())) <= set(i["objects"]) | {"*"} | set(
            _lexicon.EXTRA_OBJECTS.get(i["id"], ())), i["id"]
        assert all(isinstance(w, str) and w for w in i.get("context", ())), i["id"]
        assert re.fullmatch("[a-z][a-z0-9_]*", i["id"])
        assert i["theme"] in THEME_IDS
        assert i["name_zh"] and i["name_en"].isascii()
        for key in ("actions", "objects", "units"):
            assert i[key] and all(isinstance(x, str) and x for x in i[key])
            assert len(set(i[key])) == len(i[key]), (i["id"], key)


def test_indicator_units_are_units_the_number_layer_reports(indicators):
    known = set(_numbers._UNITS)
    for i in indicators:
        assert set(i["units"]) <= known, (i["id"], set(i["units"]) - known)


@pytest.mark.parametrize("id_", [
    "information_removed", "accounts_closed", "websites_closed", "apps_removed", "interviews",
    "cases_handled", "fines", "reports_received", "reports_handled", "gov_accounts",
    "followers_users", "reads_views", "news_outlets", "news_apps", "trainings_held",
    "people_trained", "events_held", "volunteers", "social_organisations", "investment",
    "enterprises", "projects", "coverage_rate", "villages_connected", "growth_rate",
    "output_revenue", "base_stations",
])
def test_the_issue_s_indicators_are_there(indicators, id_):
    assert id_ in {i["id"] for i in indicators}


def test_every_theme_has_an_indicator(indicators):
    assert {i["theme"] for i in indicators} == set(THEME_IDS)


# --------------------------------------------------------------------------------------
# gazetteer.json
# --------------------------------------------------------------------------------------

KINDS = {"campaign", "law_or_rule", "body", "platform", "event", "programme"}


def test_gazetteer_records_are_well_formed(gazetteer):
    assert len(gazetteer) >= 170
    ids = [e["id"] for e in gazetteer]
    assert len(ids) == len(set(ids))
    assert {e["kind"] for e in gazetteer} == KINDS
    for e in gazetteer:
        assert set(e) == {"id", "kind", "name_zh", "name_en", "aliases"}
        assert re.fullmatch("[a-z0-9][a-z0-9_]*", e["id"])
        assert e["name_zh"] and e["name_en"].isascii()
        assert e["name_zh"] not in e["aliases"]
        assert all(a and a == a.strip() for a in e["aliases"])


def test_every_surface_belongs_to_one_entry(gazetteer):
    seen = {}
    for e in gazetteer:
        for s in [e["name_zh"], *e["aliases"]]:
            assert s not in seen, f"{s!r} in {seen.get(s)} and {e['id']}"
            seen[s] = e["id"]


def _entry_of(gazetteer, surface):
    for e in gazetteer:
        if surface == e["name_zh"] or surface in e["aliases"]:
            return e
    return None


@pytest.mark.parametrize("same", [
    ["网络安全法", "中华人民共和国网络安全法", "网安法"],
    ["清朗", "2019清朗", "清朗·春节网络环境整治", "清朗系列专项行动"],
    ["中央网信办", "国家网信办", "国家互联网信息办公室"],
    ["网信办", "省委网信办"],
    ["微信十条", "即时通信工具公众信息服务发展管理暂行规定"],
    ["账号十条", "互联网用户账号名称管理规定"],
    ["网信委", "网络安全和信息化委员会"],
    ["举报中心", "违法和不良信息举报中心"],
    ["哔哩哔哩", "B站"],
    ["数博会", "中国国际大数据产业博览会"],
])
def test_aliases_name_one_thing(gazetteer, same):
    entries = {_entry_of(gazetteer, s)["id"] for s in same}
    assert len(entries) == 1, entries


def test_local_offices_are_not_the_central_office(gazetteer):
    assert _entry_of(gazetteer, "网信办")["id"] != _entry_of(gazetteer, "中央网信办")["id"]


@pytest.mark.parametrize("surface, kind", [
    ("净网", "campaign"), ("护苗", "campaign"), ("剑网", "campaign"), ("秋风", "campaign"),
    ("扫黄打非", "campaign"), ("珠峰净网", "campaign"),
    ("数据安全法", "law_or_rule"), ("个人信息保护法", "law_or_rule"), ("电子商务法", "law_or_rule"),
    ("互联网信息服务管理办法", "law_or_rule"), ("网络信息内容生态治理规定", "law_or_rule"),
    ("互联网新闻信息服务管理规定", "law_or_rule"), ("儿童个人信息网络保护规定", "law_or_rule"),
    ("关键信息基础设施安全保护条例", "law_or_rule"),
    ("网络社会组织联合会", "body"), ("互联网协会", "body"),
    ("微博", "platform"), ("微信", "platform"), ("抖音", "platform"), ("快手", "platform"),
    ("今日头条", "platform"), ("百度", "platform"), ("小红书", "platform"), ("知乎", "platform"),
    ("微信公众号", "platform"),
    ("网络安全宣传周", "event"), ("世界互联网大会", "event"), ("数字中国建设峰会", "event"),
    ("中国网络文明大会", "event"), ("中国网络媒体论坛", "event"), ("网络诚信宣传日", "event"),
    ("网络扶贫行动计划", "programme"), ("互联网+政务服务", "programme"), ("宽带中国", "programme"),
    ("数字乡村", "programme"), ("东数西算", "programme"), ("县级融媒体中心建设", "programme"),
])
def test_the_issue_s_names_are_there(gazetteer, surface, kind):
    e = _entry_of(gazetteer, surface)
    assert e is not None and e["kind"] == kind


@pytest.mark.parametrize("generic", ["客户端", "平台", "APP", "网站", "新媒体", "网信部门", "两微一端",
                                     "专项行动", "宣传周"])
def test_generic_words_are_not_entries(gazetteer, generic):
    assert _entry_of(gazetteer, generic) is None


# --------------------------------------------------------------------------------------
# The guideline agrees with the code
# --------------------------------------------------------------------------------------

def _section(text, start, end):
    return text[text.index(start):text.index(end)]


def test_guideline_lists_every_measure_word_and_qualifier_word():
    g = GUIDELINES.read_text("utf-8")
    s1 = set(re.findall(r"[\u4e00-\u9fff%‰]+", _section(g, "S1 a measure word", "S2 a multiplier")))
    assert set(_numbers._UNITS) - {"%", "‰", "个百分点", "百分点", "倍"} <= s1
    quals = _section(g, "### 1.5", "### 1.6")
    for word, q in _numbers._PREFIX + _numbers._POST:
        row = next(line for line in quals.splitlines() if line.startswith(f"| `{q}`"))
        assert word in row, (word, q)


def _worked_examples():
    g = GUIDELINES.read_text("utf-8")
    rows = [line for line in _section(g, "## 4. Worked examples", "## 5.").splitlines()
            if line.startswith("| ") and not line.startswith("| text")]
    for row in rows:
        text_col, fig_col = [c.strip() for c in row.strip("|").split("|")][:2]
        text = "，".join(text_col.split(" / "))
        expected = []
        if not fig_col.startswith("none"):
            for part in fig_col.split(" / "):
                raw, rest = part.split(" → ")
                value, value_max, unit, qualifier = [x.strip() for x in rest.split(";")[0].split(",")]
                expected.append((raw.strip(), float(value),
                                 None if value_max == "null" else float(value_max), unit, qualifier))
        yield text, expected


@pytest.mark.parametrize("text, expected", list(_worked_examples()))
def test_guideline_worked_examples(text, expected):
    got = [(q.raw, q.value, q.value_max, q.unit, q.qualifier) for q in find_quantities(text)]
    assert got == expected


def test_guideline_schema_example_indexes_the_2016_corpus():
    g = GUIDELINES.read_text("utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", g, re.S).group(1))
    line = (ROOT / "data" / "provincial_reports_2016.jsonl").read_text("utf-8").splitlines()[0]
    text = json.loads(line)["text"]
    assert json.loads(line)["id"] == example["id"]
    for f in example["figures"]:
        assert text[f["start"]:f["end"]] == f["raw"]
        q = [q for q in find_quantities(text) if q.start == f["start"]][0]
        assert (q.raw, q.end, q.value, q.value_max, q.unit, q.qualifier) == (
            f["raw"], f["end"], f["value"], f["value_max"], f["unit"], f["qualifier"])
    for m in example["mentions"] + example["unlisted"]:
        assert text[m["start"]:m["end"]] == m["surface"]
