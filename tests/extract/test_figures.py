"""Tests of extract_figures: what a figure is, its fields, verb, object and indicator."""

from __future__ import annotations

import dataclasses
import doctest
import importlib.resources
import json
import re
from pathlib import Path

import pytest

from cyberreport.extract import Figure, extract_figures, find_quantities
from cyberreport.extract import _figures, _indicators, _roles
from cyberreport.extract._indicators import assign_indicator, indicator_ids, indicator_theme

ROOT = Path(__file__).resolve().parents[2]
GUIDELINES = ROOT / "data" / "figures" / "GUIDELINES.md"


def _fields(text):
    return [(f.raw, f.value, f.value_max, f.unit, f.qualifier) for f in extract_figures(text)]


def _roles_of(text):
    return [(f.raw, f.action, f.object, f.indicator) for f in extract_figures(text)]


def _indicators_of(text):
    return [(f.raw, f.indicator) for f in extract_figures(text)]


# --------------------------------------------------------------------------------------
# What is a figure (guideline 1.1): each signal, each exclusion
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # S1 a measure word or unit (after 余/多/来)
    ("删除信息300条", [("300条", 300, None, "条", "exact")]),
    ("培训干部1200人次", [("1200人次", 1200, None, "人次", "exact")]),
    ("约谈网站12家次", [("12家次", 12, None, "家次", "exact")]),
    ("铺设光缆3.5公里", [("3.5公里", 3.5, None, "公里", "exact")]),
    ("投入资金300元", [("300元", 300, None, "元", "exact")]),
    ("建成基站20座", [("20座", 20, None, "座", "exact")]),
    ("下架应用15款", [("15款", 15, None, "款", "exact")]),
    ("查处案件8起", [("8起", 8, None, "起", "exact")]),
    ("十来个", [("十来个", 10, None, "个", "about")]),
    # S2 a multiplier
    ("粉丝1000余万", [("1000余万", 1e7, None, "", "over")]),
    ("带动50余万农户增收", [("50余万", 5e5, None, "", "over")]),
    ("用户800多万", [("800多万", 8e6, None, "", "over")]),
    ("网民规模达7.1亿", [("7.1亿", 7.1e8, None, "", "exact")]),
    ("产值1万亿元", [("1万亿元", 1e12, None, "元", "exact")]),
    # S3 a qualifier, vague forms included
    ("十几家", [("十几家", 10, None, "家", "over")]),
    ("几十家", [("几十家", 10, None, "家", "over")]),
    ("数百家", [("数百家", 100, None, "家", "over")]),
    ("上千人", [("上千人", 1000, None, "人", "over")]),
    ("百余场", [("百余场", 100, None, "场", "over")]),
    ("近百家", [("近百家", 100, None, "家", "nearly")]),
    ("万余名", [("万余名", 10000, None, "名", "over")]),
    # S4 percentage forms
    ("通达率98%", [("98%", 98, None, "%", "exact")]),
    ("占比5‰", [("5‰", 5, None, "‰", "exact")]),
    ("百分之九十八的行政村", [("百分之九十八", 98, None, "%", "exact")]),
    ("九成网民", [("九成", 90, None, "%", "exact")]),
    ("提高2.1个百分点", [("2.1个百分点", 2.1, None, "个百分点", "exact")]),
    ("提高2百分点", [("2百分点", 2, None, "百分点", "exact")]),
    ("增长3倍", [("3倍", 3, None, "倍", "exact")]),
    ("增长两倍", [("两倍", 2, None, "倍", "exact")]),
])
def test_each_signal_makes_a_figure(text, expected):
    assert _fields(text) == expected


@pytest.mark.parametrize("text", [
    # N1 time, age, rank, level, version
    "2016年", "3月5日", "近3年", "20余年", "3个多月", "70周年", "三级网信工作体系", "十九届", "2.0版",
    "24小时", "7天", "3个工作日", "第1季度", "18周岁", "5楼", "20世纪",
    # N2 ordinals and rankings
    "第三届", "第十二条", "前10名", "前三强", "位列第二",
    # N3 quotes and titles
    "“十三五”", "“122”工程", '"3+X"', "《“十三五”国家信息化规划》", "《规划（2018—2020年）》",
    "「100条」", "『50家』",
    # N4 Chinese numerals below 10 without multiplier or percentage form
    "一批", "两个", "四个全面", "两微一端", "三次", "五家",
    # N5 digit by digit
    "二〇一六", "一二三",
    # N6 a bare 百/千/万/亿 without a qualifier
    "百万网民", "千万", "千亿级", "亿万网民", "百家号", "千兆光网",
    # N7 letters and code marks
    "5G", "3D", "4K", "IPv6", "3+X", "6+1", "7×24", "5·12", "14:30", "www.12377.cn",
    # N8 a leading zero
    "0851", "010",
    # N9 set phrases
    "微信十条", "账号十条", "国十条", "新十条", "十万火急", "成千上万", "成百上千", "千千万万",
    # no signal: years, names, hotlines, numbers before a noun
    "2016河北", "净网2017", "G20", "12345热线", "12321", "300部门", "31省份", "用户总数1335",
    # fractions are not figures in v1
    "三分之一",
])
def test_non_figures(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("近5000个", "nearly"), ("将近300家", "nearly"), ("接近300家", "nearly"), ("近乎300家", "nearly"),
    ("不到10%", "nearly"), ("不足300家", "nearly"), ("300家以下", "nearly"), ("300家以内", "nearly"),
    ("约300家", "about"), ("大约300家", "about"), ("大概300家", "about"), ("约为300家", "about"),
    ("约有300家", "about"), ("约达300家", "about"), ("300家左右", "about"), ("300家上下。", "about"),
    ("十来个", "about"),
    ("300多家", "over"), ("300余家", "over"), ("超300家", "over"), ("超过300家", "over"),
    ("超过了300家", "over"), ("逾300家", "over"), ("300家以上", "over"), ("10万+。", "over"),
    ("数十家", "over"), ("上百家", "over"), ("二十几个", "over"),
    ("300家", "exact"), ("3至5家", "exact"),
    # the stronger wins: over > nearly > about
    ("约2万余条", "over"), ("约1000人左右", "about"), ("近300余家", "over"),
])
def test_qualifiers(text, expected):
    (f,) = extract_figures(text)
    assert f.qualifier == expected


@pytest.mark.parametrize("text", ["全年共约谈8家", "签约100亿元", "最近30家", "附近20家"])
def test_prefix_words_count_only_right_before_the_number(text):
    assert extract_figures(text)[0].qualifier == "exact"


@pytest.mark.parametrize("text, expected", [
    ("投资3至5亿元", ("3至5亿元", 3e8, 5e8, "元", "exact")),
    ("3-5万人", ("3-5万人", 3e4, 5e4, "人", "exact")),
    ("三到五万人", ("三到五万人", 3e4, 5e4, "人", "exact")),
    ("10至15万元", ("10至15万元", 1e5, 1.5e5, "元", "exact")),
    ("1000至5万元", ("1000至5万元", 1000, 5e4, "元", "exact")),
    ("3万元至5万元", ("3万元至5万元", 3e4, 5e4, "元", "exact")),
    ("20%-30%", ("20%-30%", 20, 30, "%", "exact")),
    ("两三万人", ("两三万人", 2e4, 3e4, "人", "exact")),
    ("七八百家", ("七八百家", 700, 800, "家", "exact")),
    ("约3至5万人", ("约3至5万人", 3e4, 5e4, "人", "about")),
])
def test_ranges(text, expected):
    assert _fields(text) == [expected]


# --------------------------------------------------------------------------------------
# Guideline examples and the schema example
# --------------------------------------------------------------------------------------

def _worked_example_rows():
    g = GUIDELINES.read_text("utf-8")
    section = g[g.index("## 4. Worked examples"):g.index("## 5.")]
    for row in section.splitlines():
        if not row.startswith("| ") or row.startswith("| text"):
            continue
        text_col, fig_col = [c.strip() for c in row.strip("|").split("|")][:2]
        text = "，".join(text_col.split(" / "))
        expected = []
        if not fig_col.startswith("none"):
            for part in fig_col.split(" / "):
                raw, rest = part.split(" → ")
                values, _, ind = rest.partition(";")
                m = re.match(r"\s*([a-z_]+)", ind)
                expected.append((raw.strip(), m.group(1) if m else None))
        yield text, expected


@pytest.mark.parametrize("text, expected", list(_worked_example_rows()))
def test_guideline_worked_examples_with_indicators(text, expected):
    got = extract_figures(text)
    assert [f.raw for f in got] == [raw for raw, _ in expected]
    for f, (_, ind) in zip(got, expected):
        if ind is not None:
            assert f.indicator == ind, (f.raw, f.action, f.object, f.indicator)


@pytest.mark.parametrize("text, action, obj", [
    ("删除违法违规信息76万多条(次)", "删除", "违法违规信息"),
    ("全年共约谈网站8家", "约谈", "网站"),
    ("封停近5000个违规账号", "封停", "违规账号"),
    ("关闭违法违规网站、频道160余家", "关闭", "违法违规网站、频道"),
    ("政务微博达到3000个", "", "政务微博"),
    ("行政村光纤通达率98%以上", "", "行政村光纤通达率"),
])
def test_guideline_actions_and_objects(text, action, obj):
    (f,) = extract_figures(text)
    assert (f.action, f.object) == (action, obj)


def test_guideline_schema_example():
    g = GUIDELINES.read_text("utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", g, re.S).group(1))
    text = json.loads((ROOT / "data" / "provincial_reports_2016.jsonl")
                      .read_text("utf-8").splitlines()[0])["text"]
    got = {f.start: f for f in extract_figures(text)}
    for gold in example["figures"]:
        f = got[gold["start"]]
        assert {k: getattr(f, k) for k in gold} == gold


# --------------------------------------------------------------------------------------
# Verb, object and indicator on report-style sentences
# --------------------------------------------------------------------------------------

ROLE_CASES = [
    # VERB + OBJECT + NUMBER + MEASURE
    ("共处置各类违法违规信息52.3万条", "52.3万条", "处置", "违法违规信息", "information_removed"),
    ("关闭违法违规网站1260家", "1260家", "关闭", "违法违规网站", "websites_closed"),
    ("依法约谈网站平台负责人46人次", "46人次", "约谈", "网站平台负责人", "interviews"),
    ("查处违法违规账号3.2万个", "3.2万个", "查处", "违法违规账号", "accounts_closed"),
    ("受理网民举报12.6万件", "12.6万件", "受理", "网民举报", "reports_received"),
    ("清理各类互联网违法和不良信息举报10万多条(次)", "10万多条", "清理", "互联网违法和不良信息举报",
     "reports_handled"),
    ("移交公安机关办案线索30多件", "30多件", "移交", "公安机关办案线索", "leads_transferred"),
    ("下架违规APP 26款", "26款", "下架", "违规APP", "apps_removed"),
    ("依法查处网络违法犯罪案件356起", "356起", "查处", "网络违法犯罪案件", "cases_handled"),
    ("征集网络正能量作品1.8万件", "1.8万件", "征集", "网络正能量作品", "culture_events"),
    ("举办网信干部培训班15期", "15期", "举办", "网信干部培训班", "trainings_held"),
    ("培训干部1800余人次", "1800余人次", "培训", "干部", "people_trained"),
    ("组织开展网络安全应急演练12次", "12次", "组织开展", "网络安全应急演练", "drills"),
    ("新建5G基站1.2万个", "1.2万个", "新建", "5G基站", "base_stations"),
    ("累计投入资金38.5亿元", "38.5亿元", "投入", "资金", "investment"),
    ("签约项目42个", "42个", "签约", "项目", "projects"),
    ("引进网络安全企业36家", "36家", "引进", "网络安全企业", "enterprises"),
    ("实现营业收入3200亿元", "3200亿元", "实现", "营业收入", "output_revenue"),
    ("推出专题专栏260个", "260个", "推出", "专题专栏", "publicity_items"),
    ("发布辟谣信息1200条", "1200条", "发布", "辟谣信息", "rumours_debunked"),
    ("回应网民留言诉求3800余件", "3800余件", "回应", "网民留言诉求", "gov_responses"),
    ("登记成立网络社会组织共177家", "177家", "登记成立", "网络社会组织", "social_organisations"),
    ("制定下发7个制度文件", "7个", "制定下发", "制度文件", "rules_issued"),
    ("接到举报电话2.1万个", "2.1万个", "接到", "举报电话", "reports_received"),
    ("处理举报线索1.6万条", "1.6万条", "处理", "举报线索", "reports_handled"),
    ("通报漏洞860余个", "860余个", "通报", "漏洞", "security_incidents"),
    ("抽查重要信息系统460个", "460个", "抽查", "重要信息系统", "security_inspections"),
    ("责令整改网站56家", "56家", "责令整改", "网站", "penalties_warnings"),
    ("关停违规公众号230个", "230个", "关停", "违规公众号", "accounts_closed"),
    ("开展扶贫项目1200余个", "1200余个", "开展", "扶贫项目", "projects"),
    ("举办各类宣传活动860场", "860场", "举办", "宣传活动", "events_held"),
    # VERB + NUMBER + MEASURE + OBJECT
    ("封停属地直播网站近5000个违规账号", "近5000个", "封停", "违规账号", "accounts_closed"),
    ("已建立3个县级融媒体中心", "3个", "建立", "县级融媒体中心", "convergence_centres"),
    ("组织开展13项“互联网+”专项行动", "13项", "组织开展", "“互联网+”专项行动", "campaigns_run"),
    ("推动4所院校开设网络安全专业", "4所", "推动", "院校", "schools_programmes"),
    ("惠及9000余个贫困村", "9000余个", "惠及", "贫困村", "beneficiaries"),
    ("直接带动50余万农户增收", "50余万", "带动", "农户", "beneficiaries"),
    ("新增26万户光纤宽带用户", "26万户", "新增", "光纤宽带用户", "internet_users"),
    # OBJECT + 达到/达/共 + NUMBER: the action is ""
    ("全省网民规模达到2650万人", "2650万人", "", "网民规模", "internet_users"),
    ("全省互联网普及率达到62.8%", "62.8%", "", "互联网普及率", "coverage_rate"),
    ("“两微一端”新媒体矩阵粉丝1000余万", "1000余万", "", "“两微一端”新媒体矩阵粉丝",
     "followers_users"),
    ("用户总数现已达1335万", "1335万", "", "用户总数", "followers_users"),
    ("全省政务新媒体总数达到5800个", "5800个", "", "政务新媒体", "gov_accounts"),
    ("全省共有网络社会组织89家", "89家", "", "网络社会组织", "social_organisations"),
    ("全省网评员达到3200名", "3200名", "", "网评员", "commentators"),
    ("总阅读量突破1.5亿次", "1.5亿次", "突破", "总阅读量", "reads_views"),
    ("播放量达12亿次", "12亿次", "", "播放量", "reads_views"),
    ("电子商务交易额达到8600亿元", "8600亿元", "", "电子商务交易额", "output_revenue"),
    ("5G用户数达到1560万户", "1560万户", "", "5G用户数", "internet_users"),
    ("全省共有备案网站8.6万家", "8.6万家", "", "备案网站", "websites_managed"),
    # 共/累计 + VERB
    ("累计建成5G基站3.5万个", "3.5万个", "累计建成", "5G基站", "base_stations"),
    ("共处置党政机关网站网络攻击、篡改2636件", "2636件", "处置", "党政机关网站网络攻击、篡改",
     "security_incidents"),
    # NUMBER + MEASURE + OBJECT + VERB, and 对 … 予以/进行 VERB
    ("2500个行政村通宽带", "2500个", "通", "行政村", "villages_connected"),
    ("全省已有17个市县成立了网信办", "17个", "成立", "市县", "bodies_established"),
    # gold 2016-20: a penalty counted in websites is penalties_warnings (fines count 元)
    ("对2家网站予以经济处罚", "2家", "经济处罚", "网站", "penalties_warnings"),
    ("对15家网站进行约谈", "15家", "约谈", "网站", "interviews"),
    ("对全省320家关键信息基础设施运营单位开展安全检查", "320家", "开展", "关键信息基础设施运营单位",
     "security_inspections"),
    # a dual word after a verb is the object
    ("组织网络安全检查300家次", "300家次", "组织", "网络安全检查", "security_inspections"),
    ("开展培训3200人次", "3200人次", "开展", "培训", "people_trained"),
    # nominalised verb right before the figure
    ("全年政务微博微信回应达3.4万余次", "3.4万余次", "回应", "政务微博微信", "gov_responses"),
    ("投资3至5亿元", "3至5亿元", "投资", "", "investment"),
    # enumerations before 等 (the first verb governs)
    ("组织开展清理政治类有害信息、歪曲党史国史信息等十余次专项行动", "十余次", "组织开展", "专项行动",
     "campaigns_run"),
    ("开展“净网”“护苗”等专项行动20多次", "20多次", "开展", "“净网”“护苗”等专项行动", "campaigns_run"),
    # passive: the noun before 被 … VERB is the agent, not what was counted
    ("其中被中央主要媒体转载860篇", "860篇", "转载", "", "publicity_items"),
    # a verb of passing on keeps the verb after the organ out (移交公安机关侦办 …)
    ("移交公安机关侦办案件线索260条", "260条", "移交", "案件线索", "leads_transferred"),
    ("全年共受理、核查网民举报线索1.5万条", "1.5万条", "受理、核查", "网民举报线索", "reports_received"),
    # a quoted name is one noun; a set phrase is not a verb
    ("“不见面审批”事项达到2.3万项", "2.3万项", "", "“不见面审批”事项", "online_services"),
    ("全省网络举报受理量达到48.6万件", "48.6万件", "", "网络举报受理量", "reports_received"),
    ("组织电商企业培训贫困群众4.2万人次", "4.2万人次", "培训", "贫困群众", "people_trained"),
    ("117个县（市、区）设立网信机构", "117个", "设立", "县", "bodies_established"),
    ("全区已建成县级融媒体中心102个,其中82个已接入自治区级技术平台", "82个", "接入", "",
     "convergence_centres"),
    ("开展等级保护测评1200余次", "1200余次", "测评", "等级保护", "security_inspections"),
    ("关闭、下线违规网站分别为12家和8家", "12家", "关闭、下线", "违规网站", "websites_closed"),
    ("来自80多个国家和地区的1500余名嘉宾参会", "80多个", "来自", "国家和地区", "international_partners"),
    ("签署合作协议18项", "18项", "签署", "合作协议", "agreements_signed"),
    ("组建网络文明志愿服务队伍520支", "520支", "组建", "网络文明志愿服务队伍", "volunteers"),
    ("指导成立市级网络社会组织联合会9个", "9个", "指导成立", "市级网络社会组织联合会",
     "social_organisations"),
    ("推出原创评论作品3万余篇", "3万余篇", "推出", "原创评论作品", "publicity_items"),
    ("实现县级融媒体中心全覆盖（共102个）", "102个", "", "", "convergence_centres"),
    # nothing fits: other
    ("全区2000多所中小学接入宽带网络", "2000多所", "接入", "中小学", "other"),
    ("自2021年3月1日起施行，共9章63条", "63条", "", "章", "other"),
    ("走进省内14个市进行技术讲解", "14个", "走进", "市", "other"),
    ("抓获犯罪嫌疑人1200余名", "1200余名", "抓获", "犯罪嫌疑人", "other"),
    ("发放宣传资料50万份", "50万份", "发放", "宣传资料", "other"),
    ("范围涵盖网络文化、网络公益等30余种类型", "30余种", "涵盖", "类型", "other"),
]


@pytest.mark.parametrize("text, raw, action, obj, indicator", ROLE_CASES)
def test_action_object_indicator(text, raw, action, obj, indicator):
    got = {f.raw: f for f in extract_figures(text)}
    f = got[raw]
    assert (f.action, f.object, f.indicator) == (action, obj, indicator)
    assert f.theme == indicator_theme(indicator)


@pytest.mark.parametrize("text, expected", [
    # coordinated figures share the verb before them
    ("依法关闭网站栏目7个、微信公众号2个",
     [("7个", "依法关闭", "网站栏目", "websites_closed"), ("2个", "依法关闭", "微信公众号", "accounts_closed")]),
    ("包含8100多个政务微信和1.1万个政务微博",
     [("8100多个", "包含", "政务微信", "gov_accounts"), ("1.1万个", "包含", "政务微博", "gov_accounts")]),
    # 3个地市级、18个县级融媒体中心: the first borrows the head noun
    ("现已建立3个地市级、18个县级融媒体中心",
     [("3个", "建立", "地市级融媒体中心", "convergence_centres"),
      ("18个", "建立", "县级融媒体中心", "convergence_centres")]),
    # a clause with no verb shares the verb of the figure before it with the same unit
    ("共处置网络攻击2636件,高危漏洞1976件",
     [("2636件", "处置", "网络攻击", "security_incidents"),
      ("1976件", "处置", "高危漏洞", "security_incidents")]),
    ("受理网民举报12.6万件，办结率100%，其中有效举报9.8万件",
     [("12.6万件", "受理", "网民举报", "reports_received"), ("100%", "", "办结率", "other"),
      ("9.8万件", "受理", "有效举报", "reports_received")]),
    # but not into a clause with its own 达
    ("关闭网站12家，网民规模达4000万人",
     [("12家", "关闭", "网站", "websites_closed"), ("4000万人", "", "网民规模", "internet_users")]),
])
def test_shared_verbs(text, expected):
    assert _roles_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    # rates: villages, other coverage, growth, share (guideline 1.7)
    ("行政村光纤通达率达到100%", "villages_connected"),
    ("贫困村宽带网络覆盖率达到98.5%", "villages_connected"),
    ("4G网络覆盖率达99%", "coverage_rate"),
    ("光纤宽带通达率100%", "coverage_rate"),
    ("互联网普及率达62.5%", "coverage_rate"),
    ("比上年提高3.1个百分点", "growth_rate"),
    ("同比增长15.3%", "growth_rate"),
    ("网民规模同比增长6.5%", "growth_rate"),
    ("年均增长20%以上", "growth_rate"),
    ("增长1倍多", "growth_rate"),
    ("较上年增长近两成", "growth_rate"),
    ("增速达12%", "growth_rate"),
    ("占GDP比重达到38.2%", "share"),
    ("移动端占比达到85%", "share"),
    ("占移动用户比例达35%", "share"),
    ("处置率99.5%", "other"),
    ("办结率达到100%", "other"),
    ("九成网民", "other"),
    ("网上办件量同比增长45%", "growth_rate"),
    ("增速高于全国平均水平5个百分点", "growth_rate"),
    ("互联网普及率提高到65%", "coverage_rate"),
    ("全省贫困村通宽带比例达到99.6%", "villages_connected"),
    ("建档立卡贫困户宽带接入率达到80%", "coverage_rate"),
    ("平均办理时限压缩50%", "growth_rate"),   # a change, as 审批时限平均缩短40% (gold)
    ("政务服务事项网上可办率达到95%", "online_services"),
])
def test_rates(text, expected):
    (f,) = extract_figures(text)
    assert f.indicator == expected


@pytest.mark.parametrize("text, expected", [
    # the object decides first: 举报 fits reports, so 清理 does not make it information removed
    ("清理举报10万多条", "reports_handled"),
    ("受理清除网民举报有害信息约2万余条", "reports_received"),
    # the verb decides among the indicators the object fits
    ("约谈网站8家", "interviews"),
    ("关闭网站8家", "websites_closed"),
    ("审批新闻网站14家", "news_outlets"),
    ("暂停更新网站栏目12个", "penalties_warnings"),
    # no verb: a plain stock is not an enforcement figure
    ("全省共有网站5.6万家", "other"),          # R2: no activity written
    ("违法违规账号39万多个", "accounts_closed"),
    # government accounts (guideline example) and the noun after the number
    ("全区1600多家政务微信公众号建立电子档案", "gov_accounts"),
    ("全省30779家属地网站纳入管理", "websites_managed"),
    # the unit does not fit the noun: the verb with the unit decides
    ("罚款金额合计320万元", "fines"),
    ("涉案金额12亿元", "other"),
    ("注销违规备案网站1800余家", "websites_closed"),
    ("全省共有网站5.6万家，APP 3200余款", "news_apps"),
    ("5G用户超过5000万户", "internet_users"),
    ("IPv6活跃用户达到2100万", "internet_users"),
    ("清理违规短视频2.3万条", "information_removed"),
    ("发布短视频5600余条", "publicity_items"),
    ("吸引网民参与互动1.2亿人次", "participants"),
    ("5G基站总数达到4.8万个，较2020年底增加1.9万个", "base_stations"),
    ("全年共接到网民举报电话1.2万个、网上举报3.4万条", "reports_received"),
    ("关停整合“僵尸”账号2300余个，保留账号4100个", "other"),   # R2
    ("投资2.5亿元建设全省统一的网络安全态势感知平台", "investment"),
    ("签约项目86个，签约金额达1260亿元", "investment"),
    # R3: a domain word of the sentence before places the figure in the domain; without
    # one anywhere, ordinary schools and offline volunteers are other
    ("公布一流网络安全学院建设示范项目高校名单。东南大学等7所高校入选。", "schools_programmes"),
    ("公布首批省级特色学校名单。东南大学等7所高校入选。", "other"),
    ("全市开展消防安全宣传。招募志愿者300名。", "other"),
    ("全市开展网络文明宣传。招募志愿者300名。", "volunteers"),
    ("共检查单位1860家，发现火灾隐患2300余处，督促整改1900余处", "other"),
    # R11: a rate's object runs across 和 (行政村光纤宽带和4G网络通达率)
    ("全省行政村光纤宽带和4G网络通达率均达到100%", "villages_connected"),
])
def test_indicator_rules(text, expected):
    assert extract_figures(text)[-1].indicator == expected


def test_assign_indicator_directly():
    assert assign_indicator("删除", "违法违规信息", "条") == "information_removed"
    assert assign_indicator("", "", "条") == "other"
    assert assign_indicator("培训", "", "人次") == "people_trained"
    assert assign_indicator("", "政务微博", "个") == "gov_accounts"


def test_every_indicator_can_be_reached():
    """Each indicator is chosen for a clause made of its first verb and first noun (in a
    sentence with its first domain word, if it has any)."""
    inv = json.loads(importlib.resources.files("cyberreport.resources")
                     .joinpath("indicators.json").read_text("utf-8"))["indicators"]
    for rec in inv:
        action = next((a for a in rec["actions"] if a not in ("达到",)), "")
        context = rec.get("context", [""])[0]
        got = assign_indicator(action, rec["objects"][0], rec["units"][0], context)
        assert got == rec["id"] or rec["objects"][0] in _other_objects(inv, rec["id"]), (
            rec["id"], got)


def _other_objects(inv, id_):
    """Objects that an earlier indicator also lists (file order may then win)."""
    out = set()
    for rec in inv:
        if rec["id"] == id_:
            break
        out.update(rec["objects"])
    return out


# --------------------------------------------------------------------------------------
# Offsets, sentences, records
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "全年共删除有害信息１２，３００条，处置账号２３５个，通达率９８．５％。",     # full-width
    "制定下发7个制度文件,全年政务微博微信回应达3.4万余次,删除信息3,500条。",    # ASCII commas
    "  \n前面有空白。删除违法违规信息76万多条(次)，移交线索30多件。\n",
    "网络零售额达1200亿元；同比增长18%！培训网信干部3000余人次？",
])
def test_offsets_index_the_text_as_given(text):
    figures = extract_figures(text)
    assert figures
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    for a, b in zip(figures, figures[1:]):
        assert a.end <= b.start
    for f in figures:
        assert text[f.start:f.end] == f.raw
        assert f.raw in f.sentence and f.sentence in text
        assert f.sentence == f.sentence.strip()


def test_full_width_values():
    got = _fields("全年共删除有害信息１２，３００条，处置账号２３５个，通达率９８．５％。")
    assert got == [("１２，３００条", 12300, None, "条", "exact"), ("２３５个", 235, None, "个", "exact"),
                   ("９８．５％", 98.5, None, "%", "exact")]


def test_sentence_is_the_one_the_figure_stands_in():
    text = "关闭网站12家。约谈网站负责人8人次；培训干部300人次！"
    assert [f.sentence for f in extract_figures(text)] == [
        "关闭网站12家。", "约谈网站负责人8人次；", "培训干部300人次！"]


def test_figures_are_the_quantities():
    text = ROOT.joinpath("data", "provincial_reports_2016.jsonl").read_text("utf-8")
    for line in text.splitlines():
        t = json.loads(line)["text"]
        assert [(f.raw, f.start, f.end, f.value, f.value_max, f.unit, f.qualifier)
                for f in extract_figures(t)] == [
            (q.raw, q.start, q.end, q.value, q.value_max, q.unit, q.qualifier)
            for q in find_quantities(t)]


def test_corpus_and_dev_records_are_well_formed():
    ids = set(indicator_ids()) | {"other"}
    for name in ("provincial_reports_2016.jsonl", "dev/dev_2017_2022.jsonl"):
        for line in (ROOT / "data" / name).read_text("utf-8").splitlines():
            t = json.loads(line)["text"]
            for f in extract_figures(t):
                assert f.indicator in ids
                assert f.theme == (None if f.indicator == "other" else indicator_theme(f.indicator))
                assert f.action in f.sentence and f.object.replace("级融媒体中心", "") in t


def test_figure_record():
    f = extract_figures("删除违法违规信息76万多条")[0]
    assert f.to_dict() == {
        "value": 760000.0, "value_max": None, "unit": "条", "qualifier": "over", "raw": "76万多条",
        "start": 8, "end": 13, "sentence": "删除违法违规信息76万多条", "action": "删除",
        "object": "违法违规信息", "indicator": "information_removed", "theme": "content_governance"}
    assert list(f.to_dict()) == [x.name for x in dataclasses.fields(Figure)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1.0
    assert json.loads(json.dumps(f.to_dict())) == f.to_dict()


def test_empty_and_figureless_texts():
    assert extract_figures("") == []
    assert extract_figures("推动网络空间进一步清朗。") == []


@pytest.mark.parametrize("bad", [None, b"\xe5\x88\xa0", 12, ["删除300条"]])
def test_type_errors_name_the_argument(bad):
    with pytest.raises(TypeError, match="text"):
        extract_figures(bad)


def test_deterministic():
    text = ROOT.joinpath("data", "provincial_reports_2016.jsonl").read_text("utf-8")
    assert extract_figures(text) == extract_figures(text)


def test_adversarial_input_grows_linearly():
    """A long list of figures and a run of commas: the work grows with the text, not
    with its square (a ratio of two sizes in one run, best of three, not a wall-clock
    bound that a loaded machine could break)."""
    import time

    def text(n, item):  # a different text each time: no cache can answer
        return "删除" + "、".join(item % i for i in range(1, n)) + "。" + "，" * (2 * n)

    def best(n):
        times = []
        for item in ("信息%d条", "网站%d个", "账号%d个"):
            t = text(n, item)
            start = time.perf_counter()
            found = extract_figures(t)
            times.append(time.perf_counter() - start)
            assert len(found) == n - 1
        return min(times)

    small, large = best(500), best(3000)
    assert large / small < 6 * 3  # linear: ~6x; quadratic: ~36x


@pytest.mark.parametrize("module", [_figures, _indicators, _roles])
def test_doctests(module):
    assert doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


def test_the_examples_of_docs_extraction_md():
    result = doctest.testfile(str(ROOT / "docs" / "extraction.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0
