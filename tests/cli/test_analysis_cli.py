"""The ``trends``, ``compare`` and ``reuse`` commands: several files and folders through one
input layer, the table formats, -o, and the one error path."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "multiyear.jsonl"


def _jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The sample corpus as a folder of .txt files named like 2018_广东省_3.txt."""
    d = tmp_path_factory.mktemp("txt")
    for r in cr.iter_records(SAMPLE):
        n = r.id.rsplit("-", 1)[1]
        (d / f"{r.year}_{r.province}省_{n}.txt").write_text(r.text, "utf-8")
    return d


@pytest.fixture(scope="module")
def halves(tmp_path_factory):
    """The sample corpus in two files (a JSONL file and a CSV file) whose ids repeat."""
    d = tmp_path_factory.mktemp("halves")
    recs = list(cr.iter_records(SAMPLE))
    a, b = d / "a.jsonl", d / "b.csv"
    a.write_text("".join(json.dumps({"id": str(i), "text": r.text, "province": r.province,
                                     "year": r.year}, ensure_ascii=False) + "\n"
                         for i, r in enumerate(recs[:120])), "utf-8")
    with open(b, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "province", "year"])
        for i, r in enumerate(recs[120:]):
            w.writerow([str(i), r.text, r.province + "省", r.year])
    return a, b


def test_trends_jsonl_equals_the_library(capsys):
    assert main(["trends", str(SAMPLE), "--labels", "given", "--n-boot", "200",
                 "--format", "jsonl"]) == 0
    rows = _jsonl(capsys.readouterr().out)
    want = cr.theme_shares(list(cr.iter_records(SAMPLE)), labels="given", n_boot=200,
                           as_frame=False)
    assert len(rows) == len(want)
    for got, w in zip(rows, want):
        assert got["province"] == w["province"] and got["year"] == w["year"]
        assert got["share"] == pytest.approx(w["share"], abs=1e-6)
        assert got["low"] == pytest.approx(w["low"], abs=1e-6)


def test_trends_from_a_folder_reads_province_and_year_from_names(folder, capsys):
    assert main(["trends", str(folder), "--themes", "security", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert {(r["province"], r["year"]) for r in rows} == {
        (p, str(y)) for p in ("广东", "贵州", "四川", "江苏", "浙江", "河南")
        for y in range(2018, 2023)}
    assert {r["theme"] for r in rows} == {"security"}


def test_trends_picture_and_output_file(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out, pic = tmp_path / "t.csv", tmp_path / "t.png"
    assert main(["trends", str(SAMPLE), "--labels", "given", "--n-boot", "100",
                 "--themes", "security,digital_economy", "--format", "csv", "-o", str(out),
                 "--plot", str(pic)]) == 0
    assert out.read_text("utf-8").startswith("\ufeffprovince,year,theme,share")
    assert pic.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_several_files_with_repeated_ids(halves, capsys):
    a, b = halves
    assert main(["compare", str(a), str(b), "-a", "广东", "-n", "5", "--format",
                 "jsonl"]) == 0
    rows = _jsonl(capsys.readouterr().out)
    assert len(rows) == 10 and rows[0]["term"] == "广东省"
    assert rows[0]["z"] > rows[-1]["z"]


def test_compare_themes_between_years(capsys):
    assert main(["compare", str(SAMPLE), "--by", "year", "-a", "2021,2022", "-b",
                 "2018,2019", "--features", "themes", "--labels", "given",
                 "--format", "jsonl"]) == 0
    rows = _jsonl(capsys.readouterr().out)
    assert {r["theme"] for r in rows} >= {"security", "content_governance"}
    assert all(set(r) >= {"share_a", "share_b", "low", "high", "significant"} for r in rows)


def test_compare_table_on_the_terminal_layout(capsys):
    assert main(["compare", str(SAMPLE), "-a", "贵州", "-n", "3", "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["term", "count_a", "count_b", "log_odds", "z"]
    assert len(lines) == 7


def test_reuse_finds_the_planted_pairs_across_files(halves, capsys):
    a, b = halves
    assert main(["reuse", str(a), str(b), "--format", "jsonl"]) == 0
    rows = _jsonl(capsys.readouterr().out)
    key = json.loads((ROOT / "data" / "sample" / "planted.json").read_text("utf-8"))
    n_pairs = sum(len(i["occurrences"]) * (len(i["occurrences"]) - 1) // 2
                  for i in key["reuse"])
    assert len({(r["id_a"], r["id_b"]) for r in rows}) == n_pairs == 32
    assert all(r["id_a"].startswith(("a.jsonl:", "b.csv:")) for r in rows)
    assert {r["province_a"] for r in rows} <= {"广东", "贵州", "四川", "江苏", "浙江", "河南"}


def test_reuse_matrix(capsys):
    assert main(["reuse", str(SAMPLE), "--matrix", "--value", "pairs", "--format",
                 "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [r["province"] for r in rows] == sorted(r["province"] for r in rows)
    total = sum(int(v) for r in rows for k, v in r.items() if k != "province")
    diag = sum(int(r[r["province"]]) for r in rows)
    assert (total + diag) // 2 == 32


@pytest.mark.parametrize("argv, message", [
    (["trends", "nope.jsonl"], "nope.jsonl: no such file or folder"),
    (["compare", str(SAMPLE), "-a", "西藏"], "group_a='西藏' matches no record"),
    (["trends", str(SAMPLE), "--themes", "nope"], "--themes: unknown theme(s) nope"),
    (["reuse", str(SAMPLE), "--max-df", "1"], "max_df must be None or an int >= 2"),
    (["reuse", str(SAMPLE), "-o", str(SAMPLE)], "is the input file itself"),
    (["compare", str(SAMPLE), "-a", "广东", "--plot", "x.txt"], "must end in .png"),
])
def test_one_error_path(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("cyberreport: error: ") and message in err
    assert err.count("\n") == 1


def test_rejected_lines_are_listed_and_do_not_stop_the_run(tmp_path, capsys):
    p = tmp_path / "x.jsonl"
    good = [{"id": str(i), "text": t, "province": "浙江", "year": 2020 + i % 2}
            for i, t in enumerate(["开展网络安全检查。", "建设县级融媒体中心。"] * 3)]
    p.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in good)
                 + "{broken\n", "utf-8")
    assert main(["trends", str(p), "--n-boot", "100", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert "1 input line(s) rejected" in captured.err and "line 7" in captured.err
    assert _jsonl(captured.out)
