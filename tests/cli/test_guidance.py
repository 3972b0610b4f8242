"""The command line guides its user (issue 13, items 9 and 10 of its *Why*): every
command has a description and an example, one spelling per flag, tables on a terminal and
JSON lines when piped, usage instead of a silent wait, warnings as one line, theme names
with a gap, CSV files that Excel opens as UTF-8."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

from cyberreport.cli import main

COMMANDS = ["classify", "keywords", "themes", "cv", "train", "evaluate", "label-issues",
            "suggest", "topics", "report"]


def _help(capsys, argv) -> str:
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--help"])
    assert exc.value.code == 0
    return capsys.readouterr().out


def test_every_command_is_described_in_the_overview(capsys):
    out = _help(capsys, [])
    listing = out[out.index("COMMAND\n"):]
    for cmd in COMMANDS:
        m = re.search(rf"^\s+{re.escape(cmd)}\s*\n?\s+(\S.*)$", listing, re.M)
        assert m and len(m.group(1)) > 10, f"{cmd} has no description"
    assert "example: cyberreport" in out


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_help_has_a_description_and_an_example(capsys, cmd):
    out = _help(capsys, [cmd])
    lines = out.splitlines()
    # argparse: usage, blank line, the description, blank line, arguments …
    desc = lines[lines.index("") + 1] if "" in lines else ""
    assert desc and not desc.startswith(("positional", "options")), out[:300]
    assert f"example: cyberreport {cmd}" in out


_OLD_SPELLINGS = {"-k", "--top", "--terms", "--json", "--field", "--text-column", "--folds",
                  "--cv-folds", "--n-folds", "--k"}


def test_one_spelling_per_flag(capsys):
    flags_by_cmd = {}
    for cmd in COMMANDS:
        out = _help(capsys, [cmd])
        flags_by_cmd[cmd] = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", out))
    every = set().union(*flags_by_cmd.values())
    assert not every & _OLD_SPELLINGS
    # a count of results is -n/--top-n everywhere it exists
    for cmd, flags in flags_by_cmd.items():
        if "-n" in flags:
            assert "--top-n" in flags, cmd


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("cmd", ["keywords", "suggest"])
def test_tables_on_a_terminal_and_json_lines_when_piped(capsys, monkeypatch, tmp_path, cmd):
    src = tmp_path / "t.txt"
    src.write_text("开展关键信息基础设施网络安全检查。\n建设县级融媒体中心，推进媒体融合。\n"
                   "开展净网专项行动。\n", "utf-8")
    assert main([cmd, str(src)]) == 0
    piped = capsys.readouterr().out
    assert all(json.loads(line) for line in piped.splitlines())
    term = _Terminal()
    monkeypatch.setattr(sys, "stdout", term)
    assert main([cmd, str(src)]) == 0
    shown = term.getvalue()
    assert shown.strip() and not shown.lstrip().startswith("{")


def test_classify_without_input_on_a_terminal_prints_usage(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Terminal())
    assert main(["classify"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: cyberreport classify") and "pipe texts" in err


def test_csv_with_explain_keeps_the_evidence(capsys, tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("开展关键信息基础设施网络安全检查。\n", "utf-8")
    assert main(["classify", str(src), "--explain", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert header.split(",")[-1] == "evidence"
    assert "security:" in row


def test_csv_files_start_with_a_byte_order_mark(capsys, tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("开展关键信息基础设施网络安全检查。\n", "utf-8")
    out = tmp_path / "out.csv"
    assert main(["classify", str(src), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_bytes().startswith("\ufeff".encode())


def test_warnings_are_one_line_without_source(capsys, tmp_path):
    src = tmp_path / "t.jsonl"
    src.write_text('{"text": "开展网络安全检查。"}\nnot json\n', "utf-8")
    assert main(["classify", str(src), "--format", "jsonl"]) == 0
    err = capsys.readouterr().err
    warned = [line for line in err.splitlines() if line.startswith("cyberreport: warning:")]
    assert len(warned) == 1 and "rejected" in warned[0]
    assert "warnings.warn" not in err and ".py:" not in err


def test_themes_table_keeps_a_gap_between_names(capsys):
    assert main(["themes"]) == 0
    for line in capsys.readouterr().out.splitlines():
        if line.startswith("media_convergence"):
            assert re.search(r"媒体融合与新闻网站建设\s{2,}Media", line), line
            break
    else:
        pytest.fail("no media_convergence line")
