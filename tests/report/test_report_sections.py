"""The report's comparative sections (trends, what sets each group apart, text reuse),
several inputs, and a report without matplotlib (stops before writing)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "multiyear.jsonl"
KEY = json.loads((ROOT / "data" / "sample" / "planted.json").read_text("utf-8"))
PROVINCES = ("广东", "四川", "江苏")


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """Three provinces of the sample corpus, in two files (JSONL and CSV)."""
    d = tmp_path_factory.mktemp("three")
    recs = [r for r in cr.iter_records(SAMPLE) if r.province in PROVINCES]
    a, b = d / "a.jsonl", d / "b.csv"
    half = len(recs) // 2
    a.write_text("".join(json.dumps({"id": r.id, "text": r.text, "province": r.province,
                                     "year": r.year}, ensure_ascii=False) + "\n"
                         for r in recs[:half]), "utf-8")
    with open(b, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "province", "year"])
        w.writerows([[r.id, r.text, r.province, r.year] for r in recs[half:]])
    return a, b, recs


@pytest.fixture(scope="module")
def report(three, tmp_path_factory):
    a, b, _ = three
    out = tmp_path_factory.mktemp("rep") / "out"
    assert main(["report", str(a), str(b), "-o", str(out), "--by", "province,year",
                 "--n-topics", "4"]) == 0
    return out


def test_the_sections_and_their_files(report):
    names = {p.name for p in report.iterdir()}
    for name in ("theme_shares.csv", "theme_changes.csv", "compare_themes.csv",
                 "compare_terms.csv", "reuse_passages.csv", "reuse_matrix.csv"):
        assert name in names, name
    page = (report / "index.html").read_text("utf-8")
    for heading in ("主题趋势 Trends", "What sets each group apart", "文本复用 Text reuse"):
        assert heading in page
    if "trends.png" in names:
        assert "compare_1.png" in names and "compare_3.png" in names


@pytest.mark.parametrize("shift", [s for s in KEY["shifts"] if s["province"] in PROVINCES],
                         ids=lambda s: s["id"])
def test_planted_shifts_are_among_the_significant_changes(report, shift):
    rows = {(r["province"], r["theme"]): r for r in _csv(report / "theme_changes.csv")}
    r = rows[(shift["province"], shift["theme"])]
    change = float(r["change"])
    assert (change > 0) == (shift["direction"] == "up")
    assert float(r["low"]) > 0 or float(r["high"]) < 0


def test_theme_shares_table_covers_every_province_and_year(report):
    rows = _csv(report / "theme_shares.csv")
    assert {(r["province"], int(r["year"])) for r in rows} == {
        (p, y) for p in PROVINCES for y in range(2018, 2023)}
    assert all(float(r["low"]) <= float(r["share"]) <= float(r["high"]) for r in rows)


def test_reuse_passages_are_the_planted_ones(report, three):
    *_, recs = three
    ids = {r.id for r in recs}
    planted = set()
    for item in KEY["reuse"]:
        occ = [o["id"] for o in item["occurrences"] if o["id"] in ids]
        planted |= {tuple(sorted((x, y))) for i, x in enumerate(occ) for y in occ[i + 1:]}
    rows = _csv(report / "reuse_passages.csv")
    assert {tuple(sorted((r["id_a"], r["id_b"]))) for r in rows} == planted
    matrix = _csv(report / "reuse_matrix.csv")
    assert [r["province"] for r in matrix] == sorted(PROVINCES)


def test_compare_tables_name_every_province(report):
    themes = _csv(report / "compare_themes.csv")
    assert {r["province"] for r in themes} == set(PROVINCES)
    gd = {r["theme"]: r for r in themes if r["province"] == "广东"}
    assert gd["content_governance"]["significant"] == "True"
    terms = _csv(report / "compare_terms.csv")
    assert [r["term"] for r in terms if r["province"] == "广东"][0] == "广东省"


def test_one_year_and_one_text_per_group_say_so(tmp_path):
    rep = cr.write_report(None, tmp_path / "r", n_topics=4)
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert "fewer than two years" in page and "No group has 3 texts or more" in page
    assert "reuse_passages.csv" in rep.files


def test_report_without_matplotlib_stops_before_writing(tmp_path, three):
    """Without matplotlib the report stops before any work, naming the plot extra (the
    pictures are part of the report; see tests/test_first_run.py for the CLI)."""
    a, _b, _ = three
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "from cyberreport.report import write_report\n"
            f"rep = write_report({str(a)!r}, {str(tmp_path / 'r')!r}, by='province,year', "
            "n_topics=3)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=600)
    assert out.returncode != 0
    assert "cyberreport[plot]" in out.stderr.strip().splitlines()[-1], out.stderr
    assert not (tmp_path / "r").exists()
