"""figures_table and mentions_table: grouping, summing only where units agree, sources,
inputs of every kind, output with and without pandas, errors naming the argument."""

from __future__ import annotations

import pytest

import cyberreport as cr
from cyberreport import Record
from cyberreport.exceptions import InvalidParameterError


def _recs():
    return [
        Record("a", "删除违法违规信息76万多条，关闭违规网站12个。", province="浙江", year=2018),
        Record("b", "删除有害信息1.2万条，关闭违规网站3家。", province="浙江", year=2018),
        Record("c", "删除违法违规信息5000条，行政村光纤通达率98%。", province="浙江", year=2019),
        Record("d", "删除违法违规信息2万条，行政村光纤通达率99%。", province="江苏", year=2019),
    ]


def test_sums_only_where_indicator_and_unit_agree():
    rows = cr.figures_table(_recs(), as_frame=False)
    by_key = {(r["province"], r["year"], r["indicator"], r["unit"]): r for r in rows}
    assert by_key[("浙江", 2018, "information_removed", "条")]["value"] == 772000.0
    assert by_key[("浙江", 2018, "information_removed", "条")]["n_texts"] == 2
    # 12个 and 3家 stay apart
    assert by_key[("浙江", 2018, "websites_closed", "个")]["value"] == 12.0
    assert by_key[("浙江", 2018, "websites_closed", "家")]["value"] == 3.0
    assert by_key[("浙江", 2019, "information_removed", "条")]["value"] == 5000.0


def test_rates_are_never_summed():
    rows = cr.figures_table(_recs(), by=None, as_frame=False)
    rates = [r for r in rows if r["unit"] == "%"]
    assert sorted(r["value"] for r in rates) == [98.0, 99.0]
    assert all(r["n_figures"] == 1 for r in rates)


@pytest.mark.parametrize("by, keys", [
    (None, []), ((), []), ("province", ["province"]), ("province,year", ["province", "year"]),
    (("year",), ["year"]), (["province", "year"], ["province", "year"]), (("id",), ["id"]),
])
def test_by_columns(by, keys):
    rows = cr.figures_table(_recs(), by=by, as_frame=False)
    assert rows and list(rows[0])[:len(keys)] == keys
    assert list(rows[0])[len(keys)] == "indicator"


def test_sources_give_ids_and_offsets_of_every_number():
    recs = _recs()
    texts = {r.id: r.text for r in recs}
    for row in cr.figures_table(recs, as_frame=False):
        assert len(row["sources"]) == row["n_figures"]
        assert sum(s["value"] for s in row["sources"]) == pytest.approx(row["value"])
        for s in row["sources"]:
            assert texts[s["id"]][s["start"]:s["end"]] == s["raw"]


@pytest.mark.parametrize("make", [
    lambda recs: [r.text for r in recs],                     # texts
    lambda recs: (r for r in recs),                          # a generator of Records
    lambda recs: recs,                                       # a list of Records
])
def test_inputs_of_every_kind(make):
    rows = cr.figures_table(make(_recs()), by=None, as_frame=False)
    info = [r for r in rows if r["indicator"] == "information_removed"]
    assert info[0]["value"] == 772000.0 + 5000.0 + 20000.0


def test_corpus_paragraphs_give_province_and_year():
    corpus = cr.load_corpus()
    rows = cr.figures_table(corpus, as_frame=False)
    provinces = {p.province for p in corpus}
    assert {r["province"] for r in rows} <= provinces
    assert {r["year"] for r in rows} == {2016}
    n = sum(len(cr.extract_figures(p.text)) for p in corpus)
    assert sum(r["n_figures"] for r in rows) == n


def test_texts_have_no_group_values_and_their_position_as_id():
    rows = cr.figures_table(["删除违法违规信息1万条", "无数字", "删除有害信息2万条"], as_frame=False)
    assert rows[0]["province"] is None and rows[0]["year"] is None
    assert [s["id"] for s in rows[0]["sources"]] == ["0", "2"]


def test_include_other():
    texts = ["新建高标准农田290万亩", "删除违法违规信息1万条"]
    all_rows = cr.figures_table(texts, by=None, as_frame=False)
    rows = cr.figures_table(texts, by=None, as_frame=False, include_other=False)
    assert {r["indicator"] for r in all_rows} == {"other", "information_removed"}
    assert {r["indicator"] for r in rows} == {"information_removed"}
    other = next(r for r in all_rows if r["indicator"] == "other")
    assert other["object"] == "高标准农田"


def test_qualifiers_and_ranges():
    rows = cr.figures_table(["投资3至5亿元", "投资约2亿元", "投资1亿多元"], by=None,
                            as_frame=False)
    (row,) = rows
    assert row["indicator"] == "investment"
    assert row["value"] == 6e8 and row["value_max"] == 8e8
    assert row["qualifier"] == "mixed"


def test_as_frame_gives_a_dataframe():
    pd = pytest.importorskip("pandas")
    df = cr.figures_table(_recs())
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns[:3]) == ["province", "year", "indicator"]
    mf = cr.mentions_table(["开展净网行动", "落实网络安全法"], by=None, as_frame=True)
    assert isinstance(mf, pd.DataFrame) and len(mf) == 2


def test_without_pandas_a_list_of_dicts(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # "import pandas" raises ImportError
    assert isinstance(cr.figures_table(_recs()), list)
    assert isinstance(cr.mentions_table(_recs()), list)
    with pytest.raises(ImportError, match=r"cyberreport\[pandas\]"):
        cr.figures_table(_recs(), as_frame=True)


def test_mentions_table_counts_entities_by_group():
    recs = [Record("a", "开展“净网2018”“护苗”专项行动，落实《网络安全法》。", province="浙江", year=2018),
            Record("b", "深入推进净网行动，宣传网安法。", province="浙江", year=2018),
            Record("c", "举办网络安全宣传周。", province="江苏", year=2018)]
    rows = cr.mentions_table(recs, by="province", as_frame=False)
    got = {(r["province"], r["entity"]): (r["n_mentions"], r["n_texts"]) for r in rows}
    assert got[("浙江", "jingwang")] == (2, 2)
    assert got[("浙江", "cybersecurity_law")] == (2, 2)
    assert got[("浙江", "humiao")] == (1, 1)
    assert ("江苏", "cybersecurity_week") in got
    law = next(r for r in rows if r["entity"] == "cybersecurity_law")
    assert law["surfaces"] == ["网络安全法", "网安法"]
    texts = {r.id: r.text for r in recs}
    for r in rows:
        for s in r["sources"]:
            assert texts[s["id"]][s["start"]:s["end"]] == s["surface"]


@pytest.mark.parametrize("kinds, expected", [
    ("campaign", {"jingwang"}), (["law_or_rule"], {"cybersecurity_law"}),
    (("campaign", "law_or_rule"), {"jingwang", "cybersecurity_law"}),
])
def test_mentions_table_kinds(kinds, expected):
    rows = cr.mentions_table(["开展净网行动，落实网络安全法，开通微博"], by=None, kinds=kinds,
                             as_frame=False)
    assert {r["entity"] for r in rows} == expected


@pytest.mark.parametrize("func", [cr.figures_table, cr.mentions_table])
@pytest.mark.parametrize("records, match", [
    ("删除信息1万条", "single str"),
    ([None], r"records\[0\] must be a str"),
    (["ok", 3], r"records\[1\] must be a str"),
    (5, "records must be a sequence"),
])
def test_bad_records_name_the_argument(func, records, match):
    with pytest.raises(TypeError, match=match):
        func(records)


@pytest.mark.parametrize("func", [cr.figures_table, cr.mentions_table])
@pytest.mark.parametrize("kwargs, name", [
    ({"by": 3}, "by"), ({"by": ("province", "province")}, "by"), ({"by": ("", )}, "by"),
    ({"as_frame": "yes"}, "as_frame"),
])
def test_bad_parameters_name_the_argument(func, kwargs, name):
    with pytest.raises(InvalidParameterError, match=f"^{name} must be"):
        func(["删除信息1万条"], **kwargs)


def test_bad_kinds():
    with pytest.raises(InvalidParameterError, match="^kinds must be one of"):
        cr.mentions_table(["开展净网行动"], kinds=["campaigns"])
