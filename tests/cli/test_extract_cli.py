"""``cyberreport extract``: rows per figure or mention, tables by group, every format,
several inputs, the one error path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cyberreport.cli import main

RECORDS = [
    {"id": "a", "province": "浙江", "year": 2018, "text": "删除违法违规信息76万多条，开展“净网2018”专项行动。"},
    {"id": "b", "province": "浙江", "year": 2018, "text": "删除有害信息1.2万条，落实《网络安全法》。"},
    {"id": "c", "province": "江苏", "year": 2019, "text": "关闭违规网站12个。"},
]


@pytest.fixture
def jsonl(tmp_path) -> Path:
    p = tmp_path / "recs.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), "utf-8")
    return p


def _run(capsys, argv):
    code = main([str(a) for a in argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def _jsonl(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_figures_one_row_each(capsys, jsonl):
    code, out, err = _run(capsys, ["extract", jsonl])
    assert code == 0, err
    rows = _jsonl(out)
    assert [(r["id"], r["raw"], r["indicator"]) for r in rows] == [
        ("a", "76万多条", "information_removed"), ("b", "1.2万条", "information_removed"),
        ("c", "12个", "websites_closed")]
    assert rows[0]["province"] == "浙江" and rows[0]["year"] == 2018
    text = {r["id"]: r["text"] for r in RECORDS}
    for r in rows:
        assert text[r["id"]][r["start"]:r["end"]] == r["raw"]


def test_mentions_one_row_each(capsys, jsonl):
    code, out, _ = _run(capsys, ["extract", jsonl, "--what", "mentions"])
    assert code == 0
    assert [(r["id"], r["entity"]) for r in _jsonl(out)] == [
        ("a", "jingwang"), ("b", "cybersecurity_law")]


@pytest.mark.parametrize("by, keys", [("province", ["province"]),
                                      ("province,year", ["province", "year"]),
                                      ("year", ["year"])])
def test_by_groups(capsys, jsonl, by, keys):
    code, out, _ = _run(capsys, ["extract", jsonl, "--by", by])
    assert code == 0
    rows = _jsonl(out)
    assert list(rows[0])[:len(keys)] == keys
    info = [r for r in rows if r["indicator"] == "information_removed"]
    assert info[0]["value"] == 772000.0
    assert {s["id"] for s in info[0]["sources"]} == {"a", "b"}


@pytest.mark.parametrize("what, by", [("figures", None), ("figures", "province"),
                                      ("mentions", None), ("mentions", "province,year")])
@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_every_format(capsys, jsonl, what, by, fmt):
    argv = ["extract", jsonl, "--what", what, "--format", fmt] + (["--by", by] if by else [])
    code, out, err = _run(capsys, argv)
    assert code == 0, err
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows
        if by:
            assert all(r["sources"] for r in rows)
    elif fmt == "jsonl":
        assert _jsonl(out)
    else:
        assert out.splitlines()[0].split()[0] in ("id", "province")


def test_output_file_csv_with_bom(tmp_path, capsys, jsonl):
    dst = tmp_path / "out.csv"
    code, out, _ = _run(capsys, ["extract", jsonl, "--by", "province", "--format", "csv",
                                 "-o", dst])
    assert code == 0 and out == ""
    text = dst.read_text("utf-8")
    assert text.startswith("\ufeffprovince,indicator")


def test_several_files_and_fields(tmp_path, capsys):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"doc": "x1", "body": "删除违法违规信息1万条"}, ensure_ascii=False)
                 + "\n", "utf-8")
    b = tmp_path / "b.txt"
    b.write_text("关闭违规网站3家\n", "utf-8")
    code, out, err = _run(capsys, ["extract", a, b, "--text-field", "body", "--id-field", "doc"])
    assert code == 0, err
    assert [r["id"] for r in _jsonl(out)][0] == "x1"
    assert len(_jsonl(out)) == 2


def test_rejected_lines_are_listed_not_fatal(tmp_path, capsys):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": "删除违法违规信息1万条"}\nnot json\n', "utf-8")
    code, out, err = _run(capsys, ["extract", p])
    assert code == 0
    assert len(_jsonl(out)) == 1
    assert "1 input line(s) rejected" in err and "line 2" in err


@pytest.mark.parametrize("argv, message", [
    (["extract", "/no/such/file.jsonl"], "no such file"),
    (["extract", "{jsonl}", "--by", ","], "--by needs"),
    (["extract", "{bad}"], "every input line was rejected"),
    (["extract", "{jsonl}", "-o", "{jsonl}"], "is the input file itself"),
])
def test_errors_are_one_line_and_status_2(tmp_path, capsys, jsonl, argv, message):
    bad = tmp_path / "allbad.jsonl"
    bad.write_text("not json\n[1]\n", "utf-8")
    argv = [a.format(jsonl=jsonl, bad=bad) for a in argv]
    code, out, err = _run(capsys, argv)
    assert code == 2
    assert err.startswith("cyberreport: error:") and message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["extract", "x", "--what", "numbers"],
                                  ["extract", "x", "--format", "xml"], ["extract"]])
def test_usage_errors(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
