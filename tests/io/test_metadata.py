"""Records carry their metadata (id, text, province, year, date, source, other fields)
from every format, and province names are normalised (浙江省/浙江/浙 -> 浙江) the same way
everywhere: fields, columns and file names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cyberreport.io import Record, iter_records

SPELLINGS = [("浙江省", "浙江"), ("浙江", "浙江"), ("浙", "浙江"), (" 浙江省 ", "浙江"),
             ("广西壮族自治区", "广西"), ("广西", "广西"), ("内蒙古自治区", "内蒙古"),
             ("内蒙", "内蒙古"), ("北京市", "北京"), ("新疆维吾尔自治区", "新疆"),
             ("粤", "广东"), ("ＧＤ", "ＧＤ"), ("杭州", "杭州"), ("省网信办", "省网信办")]


@pytest.mark.parametrize("written, expected", SPELLINGS)
def test_province_field_of_jsonl_is_normalised(tmp_path, written, expected):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "开展网络安全检查。", "province": written,
                                "year": 2019}, ensure_ascii=False) + "\n", "utf-8")
    (rec,) = iter_records(path)
    # a name that is not a province is kept as written (stripped)
    assert rec.province == expected.strip()


@pytest.mark.parametrize("written, expected", SPELLINGS[:10])
@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_province_column_of_csv_and_tsv_is_normalised(tmp_path, written, expected, fmt, sep):
    path = tmp_path / f"x.{fmt}"
    path.write_text(sep.join(["id", "text", "province", "year", "date", "genre"]) + "\n"
                    + sep.join(["r1", "开展网络安全检查。", written.strip(), "2020",
                                "2020-12-31", "summary"]) + "\n", "utf-8")
    (rec,) = iter_records(path)
    assert (rec.id, rec.province, rec.year, rec.date) == ("r1", expected, 2020, "2020-12-31")
    assert dict(rec.fields) == {"genre": "summary"}
    assert rec.source == str(path) and rec.line == 2


@pytest.mark.parametrize("name, province, year", [
    ("2018_浙江", "浙江", 2018),
    ("2018_浙江省", "浙江", 2018),
    ("浙江省-2019年", "浙江", 2019),
    ("2020 广西壮族自治区", "广西", 2020),
    ("内蒙古_2021", "内蒙古", 2021),
    ("2022_粤", "广东", 2022),
    ("北京市.2017", "北京", 2017),
    ("2016", None, 2016),
    ("浙江", "浙江", None),
    ("工作总结_2019", None, 2019),
    ("report", None, None),
    ("2018_杭州", None, 2018),   # a city is not a province: no guess from a file name
])
def test_folder_of_txt_takes_province_and_year_from_file_names(tmp_path, name, province,
                                                               year):
    (tmp_path / f"{name}.txt").write_text("开展网络安全检查。\n第二行。", "utf-8")
    (rec,) = iter_records(tmp_path)
    assert (rec.id, rec.province, rec.year) == (name, province, year)
    assert rec.text.startswith("开展网络安全检查") and rec.source.endswith(f"{name}.txt")


def test_every_record_field_is_carried(tmp_path):
    path = tmp_path / "x.jsonl"
    obj = {"id": 7, "text": "建设县级融媒体中心。", "province": "四川省", "year": "2021",
           "date": "2021-06-30", "source_name": "年鉴", "labels": ["media_convergence"]}
    path.write_text(json.dumps(obj, ensure_ascii=False) + "\n", "utf-8")
    (rec,) = iter_records(path)
    assert isinstance(rec, Record)
    assert (rec.id, rec.text, rec.province, rec.year, rec.date, rec.line) == (
        "7", "建设县级融媒体中心。", "四川", 2021, "2021-06-30", 1)
    assert dict(rec.fields) == {"source_name": "年鉴", "labels": ["media_convergence"]}
    assert rec.get("province") == "四川" and rec.get("labels") == ["media_convergence"]


def test_sample_corpus_reads_with_its_metadata():
    root = Path(__file__).resolve().parents[2]
    recs = list(iter_records(root / "data" / "sample" / "multiyear.jsonl"))
    assert len(recs) == 255
    assert {r.province for r in recs} == {"广东", "贵州", "四川", "江苏", "浙江", "河南"}
    assert {r.year for r in recs} == {2018, 2019, 2020, 2021, 2022}
