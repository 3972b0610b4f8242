"""Tests of extract_mentions: aliases, longest match, context rules, offsets, records."""

from __future__ import annotations

import dataclasses
import doctest
import importlib.resources
import json
import re
from pathlib import Path

import pytest

from cyberreport.extract import MENTION_KINDS, Mention, extract_mentions
from cyberreport.extract import _mention_rules, _mentions

ROOT = Path(__file__).resolve().parents[2]
GUIDELINES = ROOT / "data" / "figures" / "GUIDELINES.md"


def _gazetteer():
    return json.loads(importlib.resources.files("cyberreport.resources")
                      .joinpath("gazetteer.json").read_text("utf-8"))["entries"]


def _pairs(text):
    return [(m.surface, m.entity) for m in extract_mentions(text)]


# --------------------------------------------------------------------------------------
# Every name and alias, and aliases naming one thing
# --------------------------------------------------------------------------------------

# Names that are ordinary words as well: found only in context (tested below).
_IN_CONTEXT_ONLY = {"秋风", "固边", "清源", "清朗", "护网", "中办", "国办"}


def _surfaces():
    for e in _gazetteer():
        for s in [e["name_zh"], *e["aliases"]]:
            if s not in _IN_CONTEXT_ONLY:
                yield s, e["id"], e["kind"]


@pytest.mark.parametrize("surface, entity, kind", list(_surfaces()))
def test_every_surface_is_found_on_its_own(surface, entity, kind):
    text = "我们要，" + surface + "，等等"
    start = text.index(surface)
    got = [m for m in extract_mentions(text) if m.start < start + len(surface) and m.end > start]
    assert [(m.entity, m.kind) for m in got] == [(entity, kind)]
    m = got[0]
    # quotes around the whole name are not part of the mention
    assert m.surface == surface.strip("“”") if surface.startswith("“") and surface.endswith("”") \
        else m.surface == surface


@pytest.mark.parametrize("surfaces, entity", [
    (["《中华人民共和国网络安全法》", "网络安全法", "网安法"], "cybersecurity_law"),
    (["2019清朗", "清朗·春节网络环境整治", "“清朗”系列专项行动", "清朗系列专项行动", "“清朗”"], "qinglang"),
    (["中央网信办", "国家网信办", "国家互联网信息办公室", "中央网络安全和信息化委员会办公室"], "cac"),
    (["网信办", "省委网信办", "市网信办", "自治区网信办"], "cyberspace_office_local"),
    (["哔哩哔哩", "B站", "bilibili", "Bilibili"], "bilibili"),
    (["数博会", "中国国际大数据产业博览会", "贵阳数博会"], "big_data_expo"),
    (["“净网”", "净网行动", "净网2017", "扫黄打非·净网"], "jingwang"),
    (["微信十条", "《即时通信工具公众信息服务发展管理暂行规定》"], "instant_messaging_provisions"),
])
def test_aliases_name_one_entry(surfaces, entity):
    for s in surfaces:
        assert [e for _, e in _pairs("落实" + s + "。")] == [entity], s


# --------------------------------------------------------------------------------------
# Spans: longest first, no years, ordinals, places, quotes
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("中央网信办印发通知", [("中央网信办", "cac")]),
    ("落实“微信十条”", [("微信十条", "instant_messaging_provisions")]),
    ("开通微信公众号", [("微信公众号", "wechat_official_accounts")]),
    ("数字中国建设峰会在福州开幕", [("数字中国建设峰会", "digital_china_summit")]),
    ("建设数字中国", [("数字中国", "digital_china")]),
    ("中国—东盟信息港论坛", [("中国—东盟信息港论坛", "asean_info_harbour_forum")]),
    ("依托中国—东盟信息港", [("中国—东盟信息港", "china_asean_info_harbour")]),
    ("中国互联网违法和不良信息举报中心", [("中国互联网违法和不良信息举报中心", "china_reporting_centre")]),
    ("省互联网违法和不良信息举报平台", [("互联网违法和不良信息举报平台", "reporting_centre_local")]),
    ("网络扶贫“双百”计划", [("网络扶贫“双百”计划", "shuangbai")]),
    # years, ordinals and places are outside the span
    ("开展“净网2017”专项行动", [("净网", "jingwang")]),
    ("举办2016辽宁网络安全宣传周", [("网络安全宣传周", "cybersecurity_week")]),
    ("第四届世界互联网大会在浙江乌镇开幕", [("世界互联网大会", "wic")]),
    ("浙江省网信办", [("省网信办", "cyberspace_office_local")]),
    ("黑龙江网信办率先开展", [("网信办", "cyberspace_office_local")]),
    ("长沙市网信办", [("市网信办", "cyberspace_office_local")]),
    ("宁夏回族自治区网信办", [("自治区网信办", "cyberspace_office_local")]),
    # the office of a commission is the office
    ("县委网络安全和信息化委员会办公室", [("网络安全和信息化委员会办公室", "cyberspace_office_local")]),
    ("区委网信委办公室", [("网信委办公室", "cyberspace_office_local")]),
    ("中央网信委办公室", [("中央网信委办公室", "cac")]),
    ("市委网络安全和信息化委员会", [("市委网络安全和信息化委员会", "cyberspace_commission_local")]),
    ("杭州市互联网信息办公室", [("市互联网信息办公室", "cyberspace_office_local")]),
    ("国家互联网信息办公室", [("国家互联网信息办公室", "cac")]),
    # names inside compound nouns count
    ("政务微博、微信账号", [("微博", "weibo"), ("微信", "wechat")]),
    ("以微信群建设为抓手", [("微信", "wechat")]),
    ("网信办主任办公会", [("网信办", "cyberspace_office_local")]),
    ("QQ群和抖音号", [("QQ", "qq"), ("抖音号", "douyin")]),
    # quotes stay outside
    ("办理“扫黄打非”大案要案", [("扫黄打非", "saohuang_dafei")]),
    ("打造“北京时间”品牌", [("北京时间", "beijing_time")]),
    ("宣传贯彻《网络安全法》", [("网络安全法", "cybersecurity_law")]),
])
def test_spans(text, expected):
    assert _pairs(text) == expected


def test_mentions_do_not_overlap_and_are_sorted():
    text = ("中央网信办（国家网信办）违法和不良信息举报中心联合微信公众平台、微信视频号、新浪微博，"
            "在中国—东盟信息港论坛上发布《中华人民共和国网络安全法》解读。")
    ms = extract_mentions(text)
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    assert [m.entity for m in ms] == ["china_reporting_centre", "wechat_official_accounts",
                                      "wechat_channels", "weibo", "asean_info_harbour_forum",
                                      "cybersecurity_law"]


# --------------------------------------------------------------------------------------
# Context rules for ambiguous names (guideline 2; docs/extraction.md)
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # 清朗: the campaign, not the adjective
    ("推动网络空间进一步清朗", []),
    ("营造清朗网络空间", []),
    ("打造网络“清朗空间”", []),
    ("风清气正、清朗的网络空间", []),
    ("开展“清朗”专项行动", [("清朗", "qinglang")]),
    ("部署2020清朗·春节网络环境整治", [("清朗·春节网络环境整治", "qinglang")]),
    ("开展2021清朗行动", [("清朗行动", "qinglang")]),
    ("开展2022年清朗系列专项行动", [("清朗系列专项行动", "qinglang")]),
    ("开展净网、护苗、清朗等专项行动", [("净网", "jingwang"), ("护苗", "humiao"), ("清朗", "qinglang")]),
    ("深入开展净网行动、清朗网络空间", [("净网行动", "jingwang")]),
    # 秋风, 清源, 固边, 护网
    ("秋风送爽", []),
    ("开展“秋风2019”专项行动", [("秋风", "qiufeng")]),
    ("开展秋风行动", [("秋风行动", "qiufeng")]),
    ("扫黄打非·秋风", [("扫黄打非·秋风", "qiufeng")]),
    ("正本清源", []),
    ("“清源”“固边”等专项行动", [("清源", "qingyuan"), ("固边", "gubian")]),
    ("净网、护苗、秋风、清源、固边等专项行动",
     [("净网", "jingwang"), ("护苗", "humiao"), ("秋风", "qiufeng"), ("清源", "qingyuan"),
      ("固边", "gubian")]),
    ("巩固边防", []),
    ("守护网络安全，维护网络秩序，呵护网民", []),
    ("参加护网2020行动", [("护网", "huwang")]),
    ("组织护网演练", [("护网", "huwang")]),
    ("开展“护网”行动", [("护网", "huwang")]),
    # 北京时间: the platform, not the time
    ("北京时间2019年10月20日", []),
    ("北京时间今天凌晨", []),
    ("北京时间客户端上线", [("北京时间", "beijing_time")]),
    # a name inside a longer word
    ("学习网络安全法律法规", []),
    ("网络安全法治宣传", []),
    ("贯彻网络安全法，落实网络安全法规定", [("网络安全法", "cybersecurity_law")] * 2),
    ("大数据安全法规", []),
    ("亮剑网络谣言", []),
    ("洁净网络空间", []),
    ("开展剑网2019专项行动", [("剑网", "jianwang")]),
    ("公安部门和教育部门", []),
    ("公安部网安局", [("公安部网安局", "mps_cyber_bureau")]),
    ("工信部印发", [("工信部", "miit")]),
    ("集中办理，全国办理", []),
    ("中办、国办印发", [("中办", "general_office_cpc"), ("国办", "general_office_state_council")]),
    ("国办发〔2018〕号", [("国办", "general_office_state_council")]),
    ("北京东路", []),
    ("京东集团", [("京东", "jd")]),
    ("钉钉子精神", []),
    ("人民网上办事", []),
    ("人民网报道", [("人民网", "people_cn")]),
    ("央视频道", []),
    ("短视频号", []),
    ("天津云计算中心", []),
    ("“津云”客户端", [("津云", "jinyun")]),
    ("新浪潮", []),
    ("省扫黄打非办", []),
    ("全国扫黄打非办", [("全国扫黄打非办", "saohuang_dafei_office")]),
    ("AB站", []),
    # generic words are never mentions
    ("客户端、平台、APP、网站、新媒体、网信部门、两微一端、专项行动、宣传周", []),
])
def test_context_rules(text, expected):
    assert _pairs(text) == expected


# --------------------------------------------------------------------------------------
# Offsets into un-normalised text
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, entity", [
    ("ＱＱ空间", "ＱＱ", "qq"),
    ("中国(贵阳)国际大数据博览会", "中国(贵阳)国际大数据博览会", "big_data_expo"),
    ("中国－东盟博览会", "中国－东盟博览会", "china_asean_expo"),
    ("中国-东盟信息港", "中国-东盟信息港", "china_asean_info_harbour"),
    ("扫黄打非•净网", "扫黄打非•净网", "jingwang"),
    ("ｃｎｎｉｃ发布报告", "ｃｎｎｉｃ", "cnnic"),
    ("  \n　开通Ｂ站账号", "Ｂ站", "bilibili"),
    ("APP违法违规收集使用个人信息专项治理", "APP违法违规收集使用个人信息专项治理", "app_personal_info"),
])
def test_offsets_index_the_text_as_given(text, surface, entity):
    (m,) = extract_mentions(text)
    assert (m.surface, m.entity) == (surface, entity)
    assert text[m.start:m.end] == m.surface


def test_guideline_worked_examples():
    g = GUIDELINES.read_text("utf-8")
    section = g[g.index("## 4. Worked examples"):g.index("## 5.")]
    checked = 0
    for row in section.splitlines():
        if not row.startswith("| ") or row.startswith("| text"):
            continue
        cols = [c.strip() for c in row.strip("|").split("|")]
        text, col = "，".join(cols[0].split(" / ")), cols[2]
        expected = ([] if col.startswith(("—", "none"))
                    else re.findall(r"(\S+) \(([a-z0-9_]+)\)", col))
        assert _pairs(text) == expected, text
        checked += 1
    assert checked >= 10


def test_guideline_schema_example():
    g = GUIDELINES.read_text("utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", g, re.S).group(1))
    text = json.loads((ROOT / "data" / "provincial_reports_2016.jsonl")
                      .read_text("utf-8").splitlines()[0])["text"]
    got = {(m.start, m.end): m for m in extract_mentions(text)}
    for gold in example["mentions"]:
        m = got[(gold["start"], gold["end"])]
        assert (m.kind, m.entity, m.surface) == (gold["kind"], gold["entity"], gold["surface"])
    # the abridged line also names 微博 and 微信
    assert {"weibo", "wechat"} <= {m.entity for m in got.values()}


@pytest.mark.parametrize("record_id, expected", [
    ("2016-17", ["jingwang", "humiao", "jianwang", "saohuang_dafei"]),
    ("2016-27", ["weibo", "wechat_official_accounts", "instant_messaging_provisions",
                 "account_name_provisions", "reporting_centre_local"]),
    ("2016-03", ["shanghai_rumour_platform"]),         # and not the adjective 清朗
    ("2016-12", ["one_county_one_site", "cyberspace_commission_local"]),   # not “清朗空间”
])
def test_corpus_paragraphs(record_id, expected):
    for line in (ROOT / "data" / "provincial_reports_2016.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        if rec["id"] == record_id:
            assert [m.entity for m in extract_mentions(rec["text"])] == expected
            return
    raise AssertionError(record_id)


def test_corpus_and_dev_records_are_well_formed():
    kinds = {e["id"]: e["kind"] for e in _gazetteer()}
    for name in ("provincial_reports_2016.jsonl", "dev/dev_2017_2022.jsonl"):
        for line in (ROOT / "data" / name).read_text("utf-8").splitlines():
            t = json.loads(line)["text"]
            for m in extract_mentions(t):
                assert t[m.start:m.end] == m.surface
                assert kinds[m.entity] == m.kind and m.kind in MENTION_KINDS


# --------------------------------------------------------------------------------------
# Records, errors, the matcher
# --------------------------------------------------------------------------------------

def test_mention_record():
    m = extract_mentions("贯彻落实《网安法》")[0]
    assert m.to_dict() == {"kind": "law_or_rule", "entity": "cybersecurity_law",
                           "name_zh": "网络安全法", "name_en": "Cybersecurity Law of the PRC",
                           "surface": "网安法", "start": 5, "end": 8}
    assert list(m.to_dict()) == [f.name for f in dataclasses.fields(Mention)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 0


@pytest.mark.parametrize("bad", [None, b"\xe5\xbe\xae\xe5\x8d\x9a", 3, ["微博"]])
def test_type_errors_name_the_argument(bad):
    with pytest.raises(TypeError, match="text"):
        extract_mentions(bad)


def test_empty_text():
    assert extract_mentions("") == []


def test_the_matcher_is_built_once():
    assert _mentions._matcher() is _mentions._matcher()


def test_fold_keeps_length():
    s = "ＡＢＣ（）－—·•ａ１"
    assert len(_mention_rules.fold(s)) == len(s)


def test_long_text_is_fast():
    import time
    text = "开展净网行动，" * 20000 + "清朗" * 20000
    start = time.perf_counter()
    assert len(extract_mentions(text)) == 20000
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("module", [_mentions])
def test_doctests(module):
    assert doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
