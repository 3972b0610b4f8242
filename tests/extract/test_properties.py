"""Property tests of the number layer beyond tests/extract/test_numbers.py: Arabic–Chinese
mixes of every integer below 10**12, and no figure in generated product names, versions,
set words with 一, plan names and dates inside whole sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cyberreport.extract import extract_figures, find_quantities, parse_number


def _load_writer():
    """The reference writer of Chinese numerals of test_numbers.py (one definition)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).with_name("test_numbers.py")
    spec = importlib.util.spec_from_file_location("_cr_test_numbers", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.to_chinese


to_chinese = _load_writer()


def _mixed(n: int, liang: bool = False, chinese_rest: bool = False) -> str:
    """``n`` with Arabic sections and Chinese 亿/万 (1234亿5678万9012, 5亿零300, 3万零5)."""
    yi, wan, rest = n // 10**8, n // 10**4 % 10**4, n % 10**4
    if n == 0:
        return "0"
    parts = []
    if yi:
        parts.append(f"{yi}亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(f"{wan}万")
    if rest:
        if (yi or wan) and (rest < 1000 or not wan):
            parts.append("零")
        parts.append(to_chinese(rest, liang) if chinese_rest else str(rest))
    return "".join(parts)


@settings(max_examples=2000, deadline=None)
@given(st.integers(0, 10**12 - 1), st.booleans(), st.booleans())
def test_every_arabic_chinese_mix_parses_back(n, liang, chinese_rest):
    s = _mixed(n, liang, chinese_rest)
    assert parse_number(s) == n, s


@settings(max_examples=500, deadline=None)
@given(st.integers(10, 10**12 - 1), st.sampled_from(["条", "个", "件", "人次", "元"]))
def test_a_mixed_numeral_with_a_measure_word_is_one_figure(n, unit):
    s = _mixed(n)
    text = f"全年共处置{s}{unit}。"
    qs = find_quantities(text)
    assert [(q.raw, q.value, q.unit, q.qualifier) for q in qs] == [(s + unit, n, unit, "exact")]


_PRODUCTS = st.one_of(
    st.tuples(st.sampled_from(["华为Mate", "小米", "荣耀", "iPhone ", "红米Note", "OPPO Reno",
                               "vivo X", "鸿蒙", "Windows ", "麒麟", "骁龙", "Python"]),
              st.integers(1, 999),
              st.sampled_from(["", "手机", "系列", "Pro", "芯片", "系统", "版本"])).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}"),
    st.tuples(st.integers(1, 20), st.integers(0, 9)).map(lambda t: f"V{t[0]}.{t[1]}"),
    st.tuples(st.integers(1, 20), st.integers(0, 9)).map(lambda t: f"{t[0]}.{t[1]}版"),
    st.tuples(st.integers(1, 9), st.sampled_from(["G", "K", "D"])).map(lambda t: f"{t[0]}{t[1]}"),
    st.sampled_from(["一批", "一系列", "一体化", "进一步", "一站式", "一网通办", "一网统管",
                     "两微一端", "三个代表", "四个全面", "五位一体", "一带一路", "一村一品",
                     "一县一网", "七一", "十九大", "二十大", "三农", "双十一"]),
)
_PLANS = st.sampled_from(["十三五", "十四五", "十五五"]).flatmap(
    lambda p: st.sampled_from([f"{p}规划", f"“{p}”", f"{p}时期", f"{p}期间", f"{p}末"]))
_DATES = st.one_of(
    st.tuples(st.integers(1990, 2035), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]}年{t[1]}月{t[2]}日"),
    st.integers(1990, 2035).map(lambda y: f"{y}年底"),
    st.tuples(st.integers(1, 11), st.integers(2, 12)).filter(lambda t: t[0] < t[1]).map(
        lambda t: f"{t[0]}至{t[1]}月"),
    st.integers(1, 4).map(lambda q: f"第{q}季度"),
    st.integers(1, 30).map(lambda n: f"第{to_chinese(n)}届"),
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_PRODUCTS, _PLANS, _DATES),
       st.sampled_from(["{}", "推广{}", "{}正式发布。", "截至{}，各项工作有序推进。",
                        "围绕{}开展工作", "在{}上线"]))
def test_no_figure_in_products_versions_set_words_plans_and_dates(phrase, frame):
    text = frame.format(phrase)
    assert find_quantities(text) == [], text
    assert extract_figures(text) == [], text
