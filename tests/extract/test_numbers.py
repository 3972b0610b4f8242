"""Tests of the number layer: parse_number, find_quantities and the figure rules."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberreport.extract import QUALIFIERS, Quantity, find_quantities, parse_number
from cyberreport.extract import _numbers

# --------------------------------------------------------------------------------------
# A reference writer of Chinese numerals (the standard written form)
# --------------------------------------------------------------------------------------

_DIG = "零一二三四五六七八九"


def _section(n: int, first: bool, liang: bool) -> str:
    """A number below 10,000 in Chinese; ``first``: the number's leading section."""
    out, zero = "", False
    for d, u in zip((n // 1000, n // 100 % 10, n // 10 % 10, n % 10), ("千", "百", "十", "")):
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out, zero = out + "零", False
        digit = "两" if liang and d == 2 and u in ("千", "百") else _DIG[d]
        out += digit + u
    if first and out.startswith("一十"):
        out = out[1:]                     # 十五, 十万, 十亿
    return out


def to_chinese(n: int, liang: bool = False) -> str:
    """``n`` in [0, 10**12) as written Chinese numerals (两 for 2 before 百千万亿 if ``liang``)."""
    if n == 0:
        return "零"
    yi, wan, rest = n // 10**8, n // 10**4 % 10**4, n % 10**4
    s = ""
    for part, unit in ((yi, "亿"), (wan, "万")):
        if part:
            if s and part < 1000:
                s += "零"
            sec = _section(part, not s, liang)
            if liang and sec == "二":
                sec = "两"
            s += sec + unit
        elif s and not s.endswith("零") and (unit == "万" and rest):
            s += "零"
    if rest:
        if s and rest < 1000 and not s.endswith("零"):
            s += "零"
        s += _section(rest, not s, liang)
    return s


@pytest.mark.parametrize("n, s", [
    (0, "零"), (10, "十"), (15, "十五"), (20, "二十"), (105, "一百零五"), (110, "一百一十"),
    (1005, "一千零五"), (1020, "一千零二十"), (10005, "一万零五"), (100000, "十万"),
    (108000, "十万八千"), (760000, "七十六万"), (100000300, "一亿零三百"),
    (105000000, "一亿零五百万"), (100010000, "一亿零一万"), (32000005, "三千二百万零五"),
])
def test_reference_writer(n, s):
    assert to_chinese(n) == s


# --------------------------------------------------------------------------------------
# parse_number
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("s, value", [
    # Arabic, separators, decimals, full width
    ("3500", 3500), ("3,500", 3500), ("1,234,567.5", 1234567.5), ("0.5", 0.5),
    ("３５００", 3500), ("１２．５", 12.5), ("３，５００", 3500), (" 42 ", 42),
    # Chinese
    ("七十六万", 760000), ("三千", 3000), ("一百二十", 120), ("两亿", 2 * 10**8),
    ("十", 10), ("十五", 15), ("一十五", 15), ("二十", 20), ("百", 100), ("万", 10**4),
    ("一千零五", 1005), ("两千三百万", 23000000), ("一亿零三百", 100000300),
    ("十万八千", 108000), ("三千二百万零五", 32000005), ("一千两百", 1200), ("零", 0),
    ("一万五", 15000), ("三千二", 3200), ("一百二", 120), ("三亿五", 350000000),
    ("三点五", 3.5), ("十三点五万", 135000), ("二〇一六", 2016), ("一二三", 123),
    # mixed
    ("1.2万", 12000), ("3千", 3000), ("5.6亿", 5.6e8), ("3万5千", 35000), ("35万", 350000),
    ("3千2百", 3200), ("1万亿", 10**12), ("3.5万亿", 3.5e12), ("三万亿", 3 * 10**12),
    ("一万二千亿", 1.2e12), ("1.1万", 11000), ("1,200万", 12000000), ("1万500", 10500),
    ("12000万", 1.2e8), ("1,200,000万", 1.2e10), ("1万零十一", 10011), ("3亿零十五", 300000015),
])
def test_parse_number(s, value):
    assert parse_number(s) == value


@pytest.mark.parametrize("s", [
    "", "  ", "abc", "十三五", "十四五", "三千余", "十几", "98%", "百分之九十八", "亿万",
    "万万", "1万一", "3五", "一千零", "零五十", "35百", "十百", "一二十五", "3..5",
    "5G", "一点", "点五",
])
def test_parse_number_rejects(s):
    assert parse_number(s) is None


def test_parse_number_type_error_names_the_argument():
    with pytest.raises(TypeError, match="^s must be a str, got int"):
        parse_number(5)


@settings(max_examples=2000, deadline=None)
@given(st.integers(0, 10**12 - 1), st.booleans())
def test_every_chinese_numeral_parses_back(n, liang):
    assert parse_number(to_chinese(n, liang)) == n


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 10**12 - 1))
def test_arabic_with_separators_parses_back(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n).translate({ord("0") + i: 0xFF10 + i for i in range(10)})) == n


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 9999), st.integers(0, 99), st.sampled_from(["万", "亿", "千", "百", "万亿"]))
def test_arabic_number_with_multiplier(whole, cents, mult):
    if mult in ("千", "百"):
        whole = whole % 10 or 1                # 3千, 5百: one digit before 千 and 百
    s = f"{whole}.{cents:02d}{mult}" if cents else f"{whole}{mult}"
    factor = {"万": 10**4, "亿": 10**8, "千": 1000, "百": 100, "万亿": 10**12}[mult]
    expected = (whole * 100 + cents) * factor / 100
    assert parse_number(s) == pytest.approx(expected, rel=1e-15)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9999))
def test_arabic_and_chinese_units_mixed(a, b, w):
    assert parse_number(f"{a}千{b}百") == a * 1000 + b * 100
    assert parse_number(f"{a}万{b}千") == a * 10**4 + b * 1000
    assert parse_number(f"{w}万{a}千") == w * 10**4 + a * 1000
    assert parse_number(f"{a}亿{w}万") == a * 10**8 + w * 10**4


def test_cross_check_with_cn2an():
    cn2an = pytest.importorskip("cn2an")
    import random
    rng = random.Random(0)
    for _ in range(3000):
        n = rng.randrange(10**12)
        s = to_chinese(n)
        assert cn2an.cn2an(s, "normal") == parse_number(s) == n, s
    for s in ["1.2万", "3千", "5.6亿", "3万5千", "35万", "１２３"]:
        assert float(cn2an.cn2an(s, "smart")) == parse_number(s), s


# --------------------------------------------------------------------------------------
# find_quantities: figures
# --------------------------------------------------------------------------------------

def _q(text):
    return [(q.raw, q.value, q.value_max, q.unit, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize("text, expected", [
    # the examples
    ("删除违法违规信息76万多条", [("76万多条", 760000, None, "条", "over")]),
    ("受理网民举报800多万件", [("800多万件", 8e6, None, "件", "over")]),
    ("关闭违规网站1.2万个", [("1.2万个", 12000, None, "个", "exact")]),
    ("政务微博达到3000个", [("3000个", 3000, None, "个", "exact")]),
    ("培训干部五千余人次", [("五千余人次", 5000, None, "人次", "over")]),
    ("总投资12亿元", [("12亿元", 1.2e9, None, "元", "exact")]),
    ("行政村光纤通达率98%", [("98%", 98, None, "%", "exact")]),
    # Arabic forms
    ("受理举报3,500件", [("3,500件", 3500, None, "件", "exact")]),
    ("投资1,234,567.5元", [("1,234,567.5元", 1234567.5, None, "元", "exact")]),
    ("关闭网站３５００个", [("３５００个", 3500, None, "个", "exact")]),
    ("关闭网站３，５００个", [("３，５００个", 3500, None, "个", "exact")]),
    ("增长１２．５％", [("１２．５％", 12.5, None, "%", "exact")]),
    # Chinese numerals
    ("删除七十六万条", [("七十六万条", 760000, None, "条", "exact")]),
    ("培训三千余人", [("三千余人", 3000, None, "人", "over")]),
    ("建成一百二十个站点", [("一百二十个", 120, None, "个", "exact")]),
    ("用户两亿", [("两亿", 2e8, None, "", "exact")]),
    ("举办百余场", [("百余场", 100, None, "场", "over")]),
    ("近百家网站", [("近百家", 100, None, "家", "nearly")]),
    ("十几个部门", [("十几个", 10, None, "个", "over")]),
    ("二十几家", [("二十几家", 20, None, "家", "over")]),
    ("几十家单位", [("几十家", 10, None, "家", "over")]),
    ("十几万条", [("十几万条", 100000, None, "条", "over")]),
    ("吸引数万人次", [("数万人次", 10000, None, "人次", "over")]),
    ("数十万网民", [("数十万", 100000, None, "", "over")]),
    ("上千人参加", [("上千人", 1000, None, "人", "over")]),
    ("万余名志愿者", [("万余名", 10000, None, "名", "over")]),
    ("开展十余次专项行动", [("十余次", 10, None, "次", "over")]),
    ("一万五千人", [("一万五千人", 15000, None, "人", "exact")]),
    ("一万五人", [("一万五人", 15000, None, "人", "exact")]),
    # mixed
    ("3千人", [("3千人", 3000, None, "人", "exact")]),
    ("5.6亿元", [("5.6亿元", 5.6e8, None, "元", "exact")]),
    ("3万5千册", [("3万5千册", 35000, None, "册", "exact")]),
    ("3千2百人", [("3千2百人", 3200, None, "人", "exact")]),
    ("产值1万亿元", [("1万亿元", 1e12, None, "元", "exact")]),
    ("粉丝1000余万", [("1000余万", 1e7, None, "", "over")]),
    ("处置5678万9012条", [("5678万9012条", 56789012, None, "条", "exact")]),
    ("处置1万零三百条", [("1万零三百条", 10300, None, "条", "exact")]),
    ("处置3亿零500万条", [("3亿零500万条", 305000000, None, "条", "exact")]),
    ("增长1.2万2021年", [("1.2万", 12000, None, "", "exact")]),
    ("建成1万一体化站点", [("1万", 10000, None, "", "exact")]),
    ("带动50余万农户增收", [("50余万", 500000, None, "", "over")]),
    ("回应达3.4万余次", [("3.4万余次", 34000, None, "次", "over")]),
    # ranges
    ("3至5万人", [("3至5万人", 30000, 50000, "人", "exact")]),
    ("3-5万人", [("3-5万人", 30000, 50000, "人", "exact")]),
    ("3~5万人", [("3~5万人", 30000, 50000, "人", "exact")]),
    ("3～5万人", [("3～5万人", 30000, 50000, "人", "exact")]),
    ("三到五万人", [("三到五万人", 30000, 50000, "人", "exact")]),
    ("3万至5万人", [("3万至5万人", 30000, 50000, "人", "exact")]),
    ("3万元至5万元", [("3万元至5万元", 30000, 50000, "元", "exact")]),
    ("10至15万元", [("10至15万元", 100000, 150000, "元", "exact")]),
    ("1000至5万元", [("1000至5万元", 1000, 50000, "元", "exact")]),
    ("20%-30%", [("20%-30%", 20, 30, "%", "exact")]),
    ("20-30%", [("20-30%", 20, 30, "%", "exact")]),
    ("两三万人", [("两三万人", 20000, 30000, "人", "exact")]),
    ("七八百家", [("七八百家", 700, 800, "家", "exact")]),
    ("约3至5万人", [("约3至5万人", 30000, 50000, "人", "about")]),
    # percentages
    ("百分之九十八的行政村", [("百分之九十八", 98, None, "%", "exact")]),
    ("百分之三点五", [("百分之三点五", 3.5, None, "%", "exact")]),
    ("百分之百", [("百分之百", 100, None, "%", "exact")]),
    ("九成网民", [("九成", 90, None, "%", "exact")]),
    ("两成", [("两成", 20, None, "%", "exact")]),
    ("近三成的", [("近三成", 30, None, "%", "nearly")]),
    ("八成以上", [("八成以上", 80, None, "%", "over")]),
    ("提高3.2个百分点", [("3.2个百分点", 3.2, None, "个百分点", "exact")]),
    ("下降三个百分点", [("三个百分点", 3, None, "个百分点", "exact")]),
    ("增长15.6%", [("15.6%", 15.6, None, "%", "exact")]),
    ("98%以上", [("98%以上", 98, None, "%", "over")]),
    ("不到10%", [("不到10%", 10, None, "%", "nearly")]),
    ("增长3倍", [("3倍", 3, None, "倍", "exact")]),
    ("增长两倍", [("两倍", 2, None, "倍", "exact")]),
    ("增长1倍多", [("1倍多", 1, None, "倍", "over")]),
    # 家 before 属地 and 园区 is a measure word (not 家属, 家园); 3家庭 has none
    ("全区30779家属地网站纳入管理", [("30779家", 30779, None, "家", "exact")]),
    ("入驻5家园区", [("5家", 5, None, "家", "exact")]),
    ("300万家庭", [("300万", 3e6, None, "", "exact")]),
    # qualifiers
    ("封停近5000个违规账号", [("近5000个", 5000, None, "个", "nearly")]),
    ("将近300家", [("将近300家", 300, None, "家", "nearly")]),
    ("接近300家", [("接近300家", 300, None, "家", "nearly")]),
    ("近乎300家", [("近乎300家", 300, None, "家", "nearly")]),
    ("不足300家", [("不足300家", 300, None, "家", "nearly")]),
    ("300家以内", [("300家以内", 300, None, "家", "nearly")]),
    ("约300家", [("约300家", 300, None, "家", "about")]),
    ("大约300家", [("大约300家", 300, None, "家", "about")]),
    ("300家左右", [("300家左右", 300, None, "家", "about")]),
    ("300家上下。", [("300家上下", 300, None, "家", "about")]),
    ("十来个", [("十来个", 10, None, "个", "about")]),
    ("超300家", [("超300家", 300, None, "家", "over")]),
    ("超过300家", [("超过300家", 300, None, "家", "over")]),
    ("逾300家", [("逾300家", 300, None, "家", "over")]),
    ("逾千人", [("逾千人", 1000, None, "人", "over")]),
    ("300家以上", [("300家以上", 300, None, "家", "over")]),
    ("300多家", [("300多家", 300, None, "家", "over")]),
    ("1000多元", [("1000多元", 1000, None, "元", "over")]),
    ("约2万余条", [("约2万余条", 20000, None, "条", "over")]),
    ("约1000人左右", [("约1000人左右", 1000, None, "人", "about")]),
    ("超过1000万", [("超过1000万", 1e7, None, "", "over")]),
    ("阅读量10万+。", [("10万+", 100000, None, "", "over")]),
    ("1000+家企业", [("1000+家", 1000, None, "家", "over")]),
    ("十余万元", [("十余万元", 100000, None, "元", "over")]),
    ("上百万元", [("上百万元", 1e6, None, "元", "over")]),
    ("占比超五成", [("超五成", 50, None, "%", "over")]),
    ("四五十家", [("四五十家", 40, 50, "家", "exact")]),
    # measure words and their neighbours
    ("全区1600多家政务微信公众号", [("1600多家", 1600, None, "家", "over")]),
    ("30余种类型", [("30余种", 30, None, "种", "over")]),
    ("走进14个市", [("14个", 14, None, "个", "exact")]),
    ("4所院校", [("4所", 4, None, "所", "exact")]),
    ("移交线索30多件", [("30多件", 30, None, "件", "over")]),
    ("删除违法违规信息76万多条(次)", [("76万多条", 760000, None, "条", "over")]),
    ("5G基站3万个", [("3万个", 30000, None, "个", "exact")]),
    ("光缆100千米", [("100千米", 100, None, "千米", "exact")]),
    ("签约100亿元", [("100亿元", 1e10, None, "元", "exact")]),
    ("3000条", [("3000条", 3000, None, "条", "exact")]),
    ("为1000名校长", [("1000名", 1000, None, "名", "exact")]),
    ("300部门", []),
])
def test_find_quantities(text, expected):
    assert _q(text) == expected


@pytest.mark.parametrize("text", [
    # years and dates
    "2016年", "2016年3月", "3月5日", "2016年3月5日", "二〇一六年", "上半年", "2016年度",
    "2018—2020年", "2016-2020年", "2016至2020年", "近3年", "20余年", "3个多月", "2016全年",
    "净网2017", "2016-03-05", "2016/3/5", "十二月", "截至2021年底",
    # ordinals, article numbers, rankings
    "第三届", "第1季度", "第十二条", "第二批", "第3次", "前10名", "前三强", "十九届五中全会",
    "一季度",
    # plans and names with digits
    "十三五", "十四五", "“十三五”", "十三五规划", "5G", "4G", "IPv6", "12345热线", "12321",
    "12377举报中心", "3D打印", "G20峰会", "315晚会", "“122”工程", "\"3+X\"", "6+1平台",
    "7×24小时", "5·12", "V2.0版", "2.0版", "100M宽带", "www.12377.cn",
    # phone numbers and times
    "0851-86831234", "电话13812345678", "14:30", "8时30分", "上午9点", "70周年",
    # 一 and small Chinese numbers in words
    "一批", "一系列", "一体化", "进一步", "一是", "统一", "一网通办", "一县一网", "同一",
    "两微一端", "三级", "两个", "一带一路", "双随机", "三级工作体系", "四个全面", "两个维护",
    "三类网站", "四级矩阵", "一成不变", "一流网络安全学院", "二十四节气", "三分之一以上",
    "二十届三中全会", "十一期间", "九一八", "百家号", "千家万户", "打造千亿元级产业", "1+N",
    "2021年1-10月", "1—10月", "COVID-19",
    # bare 百/千/万/亿 and set phrases
    "百万网民", "千万", "千亿级", "百亿级产业", "亿万网民", "万一", "百度", "千方百计",
    "成千上万", "成百上千", "十万火急", "微信十条", "账号十条", "千人计划", "百兆宽带",
    "网上百万网民", "十分重要", "十大工程", "百强",
    # bare numbers without unit
    "2016河北优秀案例", "用户总数1335", "人数万余",
    # titles
    "《北京市信息化“十三五”时期发展规划》", "《广东省“数字政府”建设总体规划（2018—2020年）》",
])
def test_no_figure(text):
    assert find_quantities(text) == []


def test_offsets_index_the_text_as_given():
    text = "2016年全年封停属地直播网站近5000个违规账号,办理“扫黄打非”大案要案200余件,受理社会举报800多万条。"
    qs = find_quantities(text)
    assert [q.raw for q in qs] == ["近5000个", "200余件", "800多万条"]
    for q in qs:
        assert text[q.start:q.end] == q.raw


def test_quantity_record():
    q = find_quantities("约谈网站8家")[0]
    assert isinstance(q, Quantity)
    assert q.to_dict() == {"raw": "8家", "start": 4, "end": 6, "value": 8.0,
                           "value_max": None, "unit": "家", "qualifier": "exact"}
    with pytest.raises(AttributeError):
        q.value = 9  # frozen
    assert QUALIFIERS == ("over", "nearly", "about", "exact")


def test_find_quantities_type_error_and_empty():
    with pytest.raises(TypeError, match="^text must be a str, got NoneType"):
        find_quantities(None)
    assert find_quantities("") == []


def test_a_paragraph_of_the_2016_corpus():
    text = ("开展“净网”“护苗”“剑网”“扫黄打非”等专项行动20多次,处理违法违规账号39万多个,删除违法违规"
            "信息76万多条(次),移交公安机关办案线索30多件,震慑了不法分子、净化了网络环境。制定实施《湖南省"
            "网络志愿者招募管理办法》,实施网络举报“千人计划”,清理各类互联网违法和不良信息举报10万多条(次)。")
    assert [(q.raw, q.value) for q in find_quantities(text)] == [
        ("20多次", 20), ("39万多个", 390000), ("76万多条", 760000), ("30多件", 30),
        ("10万多条", 100000)]


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

@settings(max_examples=500, deadline=None)
@given(st.integers(0, 10**12 - 1), st.booleans(), st.sampled_from(["个", "条", "人次", "元"]))
def test_chinese_numeral_with_a_measure_word_is_one_figure(n, liang, unit):
    text = "全年共处置" + to_chinese(n, liang) + unit + "。"
    qs = find_quantities(text)
    if n < 10:
        assert qs == []        # 一个, 两条: small Chinese numbers are words, not figures
    else:
        assert [(q.value, q.unit, q.qualifier) for q in qs] == [(n, unit, "exact")]
        assert qs[0].raw == to_chinese(n, liang) + unit


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**9), st.sampled_from(["", "余", "多"]),
       st.sampled_from(["", "万", "亿"]), st.sampled_from(["条", "家", "人次"]))
def test_arabic_figure(n, qual, mult, unit):
    text = f"删除违法信息{n:,}{qual}{mult}{unit},关闭网站。" if n % 2 else \
        f"删除违法信息{n}{mult}{qual}{unit},关闭网站。"
    qs = find_quantities(text)
    factor = {"": 1, "万": 10**4, "亿": 10**8}[mult]
    assert len(qs) == 1
    assert qs[0].value == n * factor
    assert qs[0].unit == unit
    assert qs[0].qualifier == ("over" if qual else "exact")


_YEARS = st.integers(1949, 2100)
_NON_FIGURES = st.one_of(
    _YEARS.map(lambda y: f"{y}年"),
    _YEARS.map(lambda y: "".join("〇一二三四五六七八九"[int(c)] for c in str(y)) + "年"),
    st.tuples(_YEARS, st.integers(1, 12), st.integers(1, 31)).map(
        lambda t: f"{t[0]}年{t[1]}月{t[2]}日"),
    st.tuples(st.integers(1, 12), st.integers(1, 31)).map(lambda t: f"{t[0]}月{t[1]}日"),
    st.tuples(_YEARS, st.integers(1, 12)).map(lambda t: f"{t[0]}年{t[1]}月"),
    st.tuples(_YEARS, st.integers(1, 12), st.integers(1, 31)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.tuples(_YEARS, st.integers(1, 10)).map(lambda t: f"{t[0]}—{t[0] + t[1]}年"),
    st.integers(1, 12).map(lambda m: to_chinese(m) + "月"),
    st.tuples(st.integers(1, 200), st.sampled_from(["届", "次", "批", "条", "季度", "个", "名", "期"]),
              st.booleans()).map(lambda t: "第" + (to_chinese(t[0]) if t[2] else str(t[0])) + t[1]),
    st.sampled_from(["十一五", "十二五", "十三五", "十四五", "十五五"]).flatmap(
        lambda p: st.sampled_from([p, f"“{p}”", f"{p}规划", f"{p}时期", f"“{p}”规划"])),
    st.tuples(st.sampled_from(["5G", "4G", "3G", "IPv6", "3D", "G20", "H5", "4K", "8K", "Win10"]),
              st.sampled_from(["", "网络", "基站建设", "峰会", "技术"])).map("".join),
    st.tuples(st.sampled_from(["12345", "12321", "12377", "12315", "110", "315"]),
              st.sampled_from(["热线", "举报中心", "平台", "晚会", ""])).map("".join),
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]}:{t[1]:02d}"),
    st.integers(1, 100).map(lambda n: f"{n}周年"),
)


@settings(max_examples=1000, deadline=None)
@given(_NON_FIGURES, st.sampled_from(["{}", "在{}期间", "{}，全省开展工作。", "截至{}，"]))
def test_no_figure_in_dates_ordinals_plans_and_names(phrase, frame):
    text = frame.format(phrase)
    assert find_quantities(text) == [], text


_ALPHABET = "0123456789０１２３,.，%％一二两三四五六七八九十百千万亿零〇几余多近约超第年月个条人次成至到-~“”《》点分之G "


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_figures_are_well_formed_on_any_text(text):
    qs = find_quantities(text)
    last = 0
    for q in qs:
        assert last <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.raw
        assert q.qualifier in QUALIFIERS
        assert q.value_max is None or q.value_max > q.value
        last = q.end
    parse_number(text)  # never raises


def test_doctests():
    result = doctest.testmod(_numbers, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
