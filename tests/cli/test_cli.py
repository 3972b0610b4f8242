"""Tests for the ``cyberreport`` command line (cyberreport.cli)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cyberreport as cr
from cyberreport.classifier import ThemeClassifier
from cyberreport.cli import main
from cyberreport.taxonomy import THEME_IDS

TEXTS = [
    "开展关键信息基础设施网络安全检查。",
    "建设县级融媒体中心。",
    "今天天气晴朗。",
]


@pytest.fixture
def txt_file(tmp_path) -> Path:
    p = tmp_path / "texts.txt"
    p.write_text("\n".join(TEXTS) + "\n", "utf-8")
    return p


@pytest.fixture
def jsonl_file(tmp_path) -> Path:
    p = tmp_path / "texts.jsonl"
    p.write_text(
        "".join(
            json.dumps({"id": f"doc-{i}", "text": t}, ensure_ascii=False) + "\n"
            for i, t in enumerate(TEXTS)
        ),
        "utf-8",
    )
    return p


def _jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _run(capsys, argv) -> tuple[int, str, str]:
    code = main(argv)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


# ---------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------

def test_classify_txt_file_jsonl(capsys, txt_file, model):
    code, out, err = _run(capsys, ["classify", str(txt_file), "--format", "jsonl"])
    assert code == 0, err
    rows = _jsonl(out)
    assert len(rows) == len(out.splitlines()) == 3
    expected = model.predict(TEXTS)
    for i, (row, text) in enumerate(zip(rows, TEXTS)):
        assert set(row) == {"id", "labels", "scores", "relevance", "text"}
        assert 0 <= row["relevance"] <= 1
        assert row["id"] == str(i + 1)
        assert row["text"] == text
        assert tuple(row["labels"]) == expected[i]
        assert set(row["scores"]) == set(THEME_IDS)
        assert all(0.0 <= v <= 1.0 for v in row["scores"].values())
    assert "security" in rows[0]["labels"]
    assert "media_convergence" in rows[1]["labels"]
    assert rows[2]["labels"] == []


def test_default_format_is_jsonl_when_not_a_terminal(capsys, txt_file):
    code, out, _ = _run(capsys, ["classify", str(txt_file)])
    assert code == 0
    assert len(_jsonl(out)) == 3


def test_blank_lines_are_skipped_and_ids_are_line_numbers(capsys, tmp_path):
    p = tmp_path / "gaps.txt"
    p.write_text(f"{TEXTS[0]}\n\n   \n{TEXTS[1]}\r\n", "utf-8")
    code, out, _ = _run(capsys, ["classify", str(p), "--format", "jsonl"])
    assert code == 0
    rows = _jsonl(out)
    assert [r["id"] for r in rows] == ["1", "4"]
    assert rows[1]["text"] == TEXTS[1]


def test_classify_jsonl_file_with_ids(capsys, jsonl_file):
    code, out, _ = _run(capsys, ["classify", str(jsonl_file), "--format", "jsonl"])
    assert code == 0
    rows = _jsonl(out)
    assert [r["id"] for r in rows] == ["doc-0", "doc-1", "doc-2"]
    assert [r["text"] for r in rows] == TEXTS


def test_classify_jsonl_without_ids_uses_line_numbers(capsys, tmp_path):
    p = tmp_path / "noid.jsonl"
    p.write_text(json.dumps({"text": TEXTS[0]}, ensure_ascii=False) + "\n", "utf-8")
    code, out, _ = _run(capsys, ["classify", str(p), "--format", "jsonl"])
    assert code == 0
    assert _jsonl(out)[0]["id"] == "1"


def test_classify_jsonl_other_field(capsys, tmp_path):
    p = tmp_path / "body.jsonl"
    p.write_text(json.dumps({"id": 7, "body": TEXTS[1]}, ensure_ascii=False) + "\n", "utf-8")
    code, out, _ = _run(capsys, ["classify", str(p), "--field", "body", "--format", "jsonl"])
    assert code == 0
    (row,) = _jsonl(out)
    assert row["id"] == "7" and "media_convergence" in row["labels"]


def test_classify_folder_of_txt_files(capsys, tmp_path, model):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in zip(["b", "a", "c"], TEXTS):
        (folder / f"{name}.txt").write_text(text + "\n第二行。\n", "utf-8")
    (folder / "ignored.md").write_text("not a text", "utf-8")
    code, out, _ = _run(capsys, ["classify", str(folder), "--format", "jsonl"])
    assert code == 0
    rows = _jsonl(out)
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["b"]["text"] == TEXTS[0] + "\n第二行。"
    assert "security" in by_id["b"]["labels"]


def test_classify_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(TEXTS) + "\n"))
    code, out, _ = _run(capsys, ["classify", "-", "--format", "jsonl"])
    assert code == 0
    rows = _jsonl(out)
    assert [r["text"] for r in rows] == TEXTS


def test_classify_stdin_is_the_default(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXTS[0] + "\n"))
    code, out, _ = _run(capsys, ["classify", "--format", "jsonl"])
    assert code == 0
    assert "security" in _jsonl(out)[0]["labels"]


def test_jsonl_on_stdin_is_detected(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"id": "x", "text": TEXTS[1]}) + "\n"))
    code, out, _ = _run(capsys, ["classify", "-", "--format", "jsonl"])
    assert code == 0
    (row,) = _jsonl(out)
    assert row["id"] == "x" and row["text"] == TEXTS[1]


# ---------------------------------------------------------------------------------------
# output formats and options
# ---------------------------------------------------------------------------------------

def test_csv_format(capsys, txt_file, model):
    code, out, _ = _run(capsys, ["classify", str(txt_file), "--format", "csv"])
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    assert header[:2] == ["id", "labels"] and header[-1] == "text"
    for theme in THEME_IDS:
        assert theme in header
    assert len(rows) == 1 + 3
    assert all(len(r) == len(header) for r in rows)
    body = [dict(zip(header, r)) for r in rows[1:]]
    assert body[0]["text"] == TEXTS[0]
    assert "security" in body[0]["labels"].split(";")
    for r in body:
        for theme in THEME_IDS:
            assert 0.0 <= float(r[theme]) <= 1.0


def test_table_format(capsys, txt_file):
    """One card per text: id and short theme names, then the start of the text."""
    code, out, _ = _run(capsys, ["classify", str(txt_file), "--format", "table"])
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 * 3
    assert lines[0].split() == ["1", "网络安全"]
    assert lines[1].strip().startswith(TEXTS[0][:10])
    assert lines[2].split()[0] == "2" and "媒体融合" in lines[2]
    assert lines[4].split() == ["3", "（无主题）"]
    code, out, _ = _run(capsys, ["classify", str(txt_file), "--format", "table", "--lang", "en"])
    assert out.splitlines()[0].split() == ["1", "cybersecurity"]


@pytest.mark.parametrize("cols", [60, 80, 120])
def test_table_fits_the_width(capsys, txt_file, monkeypatch, cols):
    from cyberreport._display import width

    monkeypatch.setenv("COLUMNS", str(cols))
    long = txt_file.parent / "long.txt"
    long.write_text("开展关键信息基础设施网络安全检查，" * 30 + "\n", "utf-8")
    code, out, _ = _run(capsys, ["classify", str(long), "--format", "table", "--explain"])
    assert code == 0 and max(width(line) for line in out.splitlines()) <= cols


def test_table_explain_adds_evidence_lines(capsys, txt_file):
    code, out, _ = _run(capsys, ["classify", str(txt_file), "--format", "table", "--explain"])
    assert code == 0
    lines = out.splitlines()
    assert len(lines) > 2 * 3
    ev = [ln for ln in lines if ln.startswith("        网络安全 ")]
    assert ev and "[0:" not in ev[0]
    code, out, _ = _run(capsys, ["classify", str(txt_file), "--format", "table", "--explain",
                                 "--offsets"])
    assert any("网络安全" in ln and "[0:" in ln for ln in out.splitlines()[2:])


def test_several_inputs(capsys, txt_file, jsonl_file, tmp_path):
    code, out, _ = _run(capsys, ["classify", str(txt_file), str(jsonl_file), "--format", "jsonl"])
    assert code == 0
    assert len(_jsonl(out)) == 3 + len(_jsonl(jsonl_file.read_text("utf-8")))
    dest = tmp_path / "both.jsonl"
    code, _, _ = _run(capsys, ["classify", str(txt_file), str(jsonl_file), "-o", str(dest)])
    assert code == 0 and len(_jsonl(dest.read_text("utf-8"))) == len(_jsonl(out))
    code, _, err = _run(capsys, ["classify", str(txt_file), str(jsonl_file), "-o", str(dest),
                                 "--resume"])
    assert code == 2 and "one input" in err


def test_explain_adds_evidence(capsys, txt_file, model):
    code, out, _ = _run(capsys, ["classify", str(txt_file), "--format", "jsonl", "--explain"])
    assert code == 0
    rows = _jsonl(out)
    for row in rows:
        assert "evidence" in row
        assert set(row["evidence"]) == set(row["labels"])
        norm = cr.normalize(row["text"])
        for evs in row["evidence"].values():
            assert evs
            for e in evs:
                assert norm[e["start"]:e["end"]] == e["sentence"]
                assert isinstance(e["terms"], list)
    assert rows[0]["evidence"]["security"][0]["terms"]
    _, plain, _ = _run(capsys, ["classify", str(txt_file), "--format", "jsonl"])
    assert all("evidence" not in r for r in _jsonl(plain))


def test_threshold_option(capsys, txt_file):
    _, strict, _ = _run(capsys, ["classify", str(txt_file), "--format", "jsonl", "--threshold", "0.99"])
    _, loose, _ = _run(capsys, ["classify", str(txt_file), "--format", "jsonl", "--threshold", "0.01"])
    strict_rows, loose_rows = _jsonl(strict), _jsonl(loose)
    for s, lo in zip(strict_rows, loose_rows):
        assert set(s["labels"]) <= set(lo["labels"])
        assert all(s["scores"][lab] >= 0.99 for lab in s["labels"])
        assert all(lo["scores"][lab] >= 0.01 for lab in lo["labels"])
    assert sum(len(r["labels"]) for r in loose_rows) > sum(len(r["labels"]) for r in strict_rows)


@pytest.mark.parametrize("value", ["1.5", "0", "1", "-0.2", "abc"])
def test_invalid_threshold_is_an_argparse_error(capsys, txt_file, value):
    with pytest.raises(SystemExit) as exc:
        main(["classify", str(txt_file), "--threshold", value])
    assert exc.value.code == 2
    assert "threshold" in capsys.readouterr().err


def test_model_option(capsys, tmp_path, txt_file):
    X = ["苹果很甜。", "香蕉很长。", "苹果和香蕉。", "今天下雨。"] * 3
    y = [["a"], ["b"], ["a", "b"], []] * 3
    mdir = tmp_path / "fruit-model"
    ThemeClassifier(threshold=0.5).fit(X, y).save(mdir)
    src = tmp_path / "fruit.txt"
    src.write_text("苹果很甜。\n香蕉很长。\n", "utf-8")
    code, out, _ = _run(capsys, ["classify", str(src), "--model", str(mdir), "--format", "jsonl"])
    assert code == 0
    rows = _jsonl(out)
    assert [r["labels"] for r in rows] == [["a"], ["b"]]
    assert set(rows[0]["scores"]) == {"a", "b"}
    code, out, _ = _run(capsys, ["classify", str(src), "--model", str(mdir), "--format", "csv"])
    assert code == 0
    assert out.splitlines()[0].split(",") == ["id", "labels", "a", "b", "text"]


def test_bad_model_directory(capsys, tmp_path, txt_file):
    code, out, err = _run(capsys, ["classify", str(txt_file), "--model", str(tmp_path / "nope")])
    assert code == 2
    assert "nope" in err and err.startswith("cyberreport: error:")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_output_file(capsys, tmp_path, txt_file, fmt):
    dest = tmp_path / f"out.{fmt}"
    code, out, _ = _run(capsys, ["classify", str(txt_file), "--format", fmt, "-o", str(dest)])
    assert code == 0
    assert out == ""
    content = dest.read_text("utf-8")
    if fmt == "jsonl":
        assert len(_jsonl(content)) == 3
    elif fmt == "csv":
        assert len(content.splitlines()) == 4
    else:
        assert len(content.splitlines()) == 2 * 3


def test_output_file_defaults_to_jsonl(capsys, tmp_path, txt_file):
    dest = tmp_path / "out"
    assert main(["classify", str(txt_file), "--output", str(dest)]) == 0
    assert len(_jsonl(dest.read_text("utf-8"))) == 3


# ---------------------------------------------------------------------------------------
# input errors
# ---------------------------------------------------------------------------------------

def test_missing_file(capsys, tmp_path):
    missing = tmp_path / "does-not-exist.txt"
    code, out, err = _run(capsys, ["classify", str(missing)])
    assert code == 2
    assert str(missing) in err
    assert out == ""


def test_invalid_json_line(capsys, tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps({"text": TEXTS[0]}) + "\n" + '{"text": "oops' + "\n", "utf-8")
    code, out, err = _run(capsys, ["classify", str(p), "--format", "jsonl"])
    assert code == 0 and len(_jsonl(out)) == 1  # the good line is classified
    assert str(p) in err and "line 2" in err and "rejected" in err


@pytest.mark.parametrize(
    "line", ['{"id": 1}', '{"text": 5}', '["a list"]', '{"body": "文本"}'],
)
def test_jsonl_line_without_text_field(capsys, tmp_path, line):
    p = tmp_path / "notext.jsonl"
    p.write_text("\n" + json.dumps({"text": TEXTS[0]}) + "\n" + line + "\n", "utf-8")
    code, out, err = _run(capsys, ["classify", str(p), "--format", "jsonl"])
    assert code == 0 and len(_jsonl(out)) == 1  # the good line is classified
    assert str(p) in err and "line 3" in err and "rejected" in err


def test_missing_text_field_names_the_field(capsys, tmp_path):
    p = tmp_path / "notext.jsonl"
    p.write_text('{"id": 1}\n', "utf-8")
    code, _, err = _run(capsys, ["classify", str(p)])
    assert code == 2
    assert "'text'" in err and "line 1" in err


def test_folder_without_txt_files(capsys, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    code, _, err = _run(capsys, ["classify", str(folder)])
    assert code == 2 and str(folder) in err


def test_non_utf8_file(capsys, tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("开展网络安全检查".encode("gbk"))
    code, _, err = _run(capsys, ["classify", str(p)])
    assert code == 2 and str(p) in err and "UTF-8" in err


# ---------------------------------------------------------------------------------------
# other commands
# ---------------------------------------------------------------------------------------

def test_themes_lists_13_ids(capsys):
    code, out, _ = _run(capsys, ["themes"])
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 13
    assert [ln.split()[0] for ln in lines] == list(THEME_IDS)


def test_keywords_prints_json_lines(capsys, txt_file):
    code, out, _ = _run(capsys, ["keywords", str(txt_file), "-k", "3"])
    assert code == 0
    rows = _jsonl(out)
    assert len(rows) == len(out.splitlines()) == 3
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    for r in rows:
        assert set(r) == {"id", "keywords"}
        assert len(r["keywords"]) <= 3
        for term, weight in r["keywords"]:
            assert isinstance(term, str) and term
            assert isinstance(weight, (int, float))
    assert rows[0]["keywords"]


def test_keywords_missing_file(capsys, tmp_path):
    code, _, err = _run(capsys, ["keywords", str(tmp_path / "nope.txt")])
    assert code == 2 and "nope.txt" in err


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert cr.__version__ in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["no-such-command"], ["classify", "--format", "xml"]])
def test_usage_errors(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err  # one line (issue 12) ...
    assert "error:" in err and "--help" in err  # ... that says where the usage is


# ---------------------------------------------------------------------------------------
# as a real process
# ---------------------------------------------------------------------------------------

def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def test_module_subprocess_classifies_stdin(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "cyberreport.cli", "classify", "-", "--format", "jsonl"],
        input="\n".join(TEXTS) + "\n", capture_output=True, text=True, encoding="utf-8",
        cwd=tmp_path, env=_env(), timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rows = _jsonl(proc.stdout)
    assert [r["text"] for r in rows] == TEXTS
    assert "security" in rows[0]["labels"]


def test_console_script_subprocess(tmp_path):
    script = Path(sys.executable).parent / ("cyberreport.exe" if os.name == "nt" else "cyberreport")
    if not script.exists():
        pytest.skip(f"no console script at {script}")
    proc = subprocess.run(
        [str(script), "themes"], capture_output=True, text=True, encoding="utf-8",
        cwd=tmp_path, env=_env(), timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert [ln.split()[0] for ln in proc.stdout.splitlines()] == list(THEME_IDS)
    missing = subprocess.run(
        [str(script), "classify", str(tmp_path / "missing.txt")], capture_output=True,
        text=True, encoding="utf-8", cwd=tmp_path, env=_env(), timeout=120,
    )
    assert missing.returncode == 2
    assert "missing.txt" in missing.stderr
