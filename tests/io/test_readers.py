"""The one input layer: every reader gives the same records for the same file, whatever
the entry point (CLI on the terminal or into a file, streaming, the report, training, the
corpus loader)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.cli import main
from cyberreport.exceptions import InputError
from cyberreport.io import detect_format, iter_records

JSONL_LINES = [{"id": "a", "text": "开展网络安全检查。"}, {"id": "b", "text": "建设县级融媒体中心。"}]


def _write_lines(path: Path, objs) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")
    return path


@pytest.mark.parametrize("name", ["x.txt", "x.jsonl", "x.data", "x"])
def test_json_lines_are_read_as_json_whatever_the_name_and_the_output(tmp_path, capsys, name):
    """0.1 read a .txt of JSON lines as JSON on the terminal but as raw text with -o."""
    src = _write_lines(tmp_path / name, JSONL_LINES)
    assert main(["classify", str(src), "--format", "jsonl"]) == 0
    on_terminal = [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()]
    out = tmp_path / "out.jsonl"
    assert main(["classify", str(src), "-o", str(out)]) == 0
    into_file = [json.loads(x)["id"] for x in out.read_text("utf-8").splitlines()]
    assert on_terminal == into_file == ["a", "b"]


def test_a_bad_id_is_rejected_on_every_path(tmp_path, capsys):
    """0.1 accepted ``"id": [1, 2]`` on standard output and rejected it with -o."""
    src = _write_lines(tmp_path / "x.jsonl", [{"id": [1, 2], "text": "开展网络安全检查。"},
                                             *JSONL_LINES])
    assert main(["classify", str(src), "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(x)["id"] for x in captured.out.splitlines()] == ["a", "b"]
    assert "line 1" in captured.err and "an array" in captured.err
    out = tmp_path / "o.jsonl"
    assert main(["classify", str(src), "-o", str(out)]) == 0
    assert [json.loads(x)["id"] for x in out.read_text("utf-8").splitlines()] == ["a", "b"]
    rejects = Path(str(out) + ".rejects.jsonl").read_text("utf-8")
    assert '"line": 1' in rejects and "an array" in rejects


def test_csv_is_read_by_header_everywhere(tmp_path, capsys):
    """0.1 classified the header ``id,text`` as a text and glued ids to texts."""
    src = tmp_path / "x.csv"
    src.write_text("id,text,province\nr1,开展网络安全检查。,浙江\nr2,\"建设县级融媒体中心,推进融合。\",江苏\n",
                   "utf-8")
    recs = list(iter_records(src))
    assert [(r.id, r.province) for r in recs] == [("r1", "浙江"), ("r2", "江苏")]
    assert recs[1].text == "建设县级融媒体中心,推进融合。"
    assert main(["classify", str(src), "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["r1", "r2"]
    texts, groups = __import__("cyberreport.report._inputs", fromlist=["x"]).texts_and_groups(src)
    assert groups == ["浙江", "江苏"]


def test_tsv_and_text_field_option(tmp_path):
    src = tmp_path / "x.tsv"
    src.write_text("doc\tbody\n7\t开展网络安全检查。\n", "utf-8")
    (rec,) = iter_records(src, text_field="body", id_field="doc")
    assert (rec.id, rec.text) == ("7", "开展网络安全检查。")
    with pytest.raises(InputError, match=r"x\.tsv, line 1: .*no column 'text'.*'doc', 'body'"):
        list(iter_records(src))


def test_excel(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    path = tmp_path / "x.xlsx"
    pd.DataFrame({"id": ["r1", "r2"], "text": ["开展网络安全检查。", "建设县级融媒体中心。"],
                  "year": [2018, 2019]}).to_excel(path, index=False)
    recs = list(iter_records(path))
    assert [(r.id, r.year, r.line) for r in recs] == [("r1", 2018, 2), ("r2", 2019, 3)]


def test_folder_of_texts_takes_province_and_year_from_names(tmp_path):
    (tmp_path / "2018_浙江.txt").write_text("开展网络安全检查。\n第二行。", "utf-8")
    (tmp_path / "notes.md").write_text("not read", "utf-8")
    (rec,) = iter_records(tmp_path)
    assert rec.id == "2018_浙江" and rec.year == 2018 and rec.text.startswith("开展")


def test_several_inputs_in_order(tmp_path):
    a = _write_lines(tmp_path / "a.jsonl", JSONL_LINES[:1])
    b = tmp_path / "b.txt"
    b.write_text("受理网民举报。\n", "utf-8")
    assert [r.id for r in iter_records([a, b])] == ["a", "1"]


def test_byte_order_mark_and_line_breaks(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps(JSONL_LINES[0]).encode() + b"\r\n"
                    + json.dumps({"id": "c", "text": "甲\r乙"}).encode() + b"\n")
    recs = list(iter_records(src))
    assert [r.id for r in recs] == ["a", "c"]  # the BOM does not spoil the first record
    lines = tmp_path / "y.txt"
    lines.write_bytes("第一\r第一续\n第二\n".encode())
    assert [r.text for r in iter_records(lines)] == ["第一\r第一续", "第二"]  # only \n ends a line


def test_utf16_is_a_clear_error(tmp_path):
    src = tmp_path / "x.txt"
    src.write_bytes("开展网络安全检查\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        list(iter_records(src))


def test_line_separator_u2028_inside_a_json_string(tmp_path):
    rec = {"id": "p", "text": "甲\u2028乙。", "sentences": [{"text": "甲\u2028乙。", "labels": []}]}
    src = _write_lines(tmp_path / "c.jsonl", [rec])
    assert cr.load_corpus(src)[0].text == "甲\u2028乙。"
    assert [r.text for r in iter_records(src)] == ["甲\u2028乙。"]


def test_longest_record_is_bounded_with_the_line_named(tmp_path):
    src = tmp_path / "x.txt"
    src.write_bytes(b"short\n" + b"x" * 5000 + b"\nafter\n")
    with pytest.raises(InputError, match=r"x\.txt, line 2: .*longer than 1,000 bytes"):
        list(iter_records(src, max_record_bytes=1000))
    assert len(list(iter_records(src, max_record_bytes=10_000))) == 3


def test_detect_format():
    assert detect_format("a.jsonl") == "jsonl" and detect_format("a.csv") == "csv"
    assert detect_format("a.tsv") == "tsv" and detect_format("a.xlsx") == "xlsx"
    assert detect_format("a.txt", b'{"text": "x"}') == "jsonl"
    assert detect_format("a.txt", b"{not json") == "lines"
    with pytest.raises(InputError, match="xls"):
        detect_format("a.xls")


def test_standard_input_sniffing_keeps_every_record(tmp_path):
    """Format sniffing must not consume a pipe (0.1 lost records of ``<(...)``)."""
    data = "".join(json.dumps({"id": str(i), "text": f"第{i}条。"}, ensure_ascii=False) + "\n"
                   for i in range(50))
    code = ("import sys, cyberreport as cr\n"
            "print(len([r for r in cr.iter_records('-')]))\n")
    out = subprocess.run([sys.executable, "-c", code], input=data.encode(), capture_output=True,
                         timeout=120, env={k: v for k, v in os.environ.items()
                                           if not k.startswith("PYTEST")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode().strip() == "50"


def test_training_reads_the_same_records(tmp_path):
    src = tmp_path / "d.csv"
    src.write_text("text,labels\n开展网络安全检查,security\n", "utf-8")
    assert cr.read_labelled(src).labels == [("security",)]
