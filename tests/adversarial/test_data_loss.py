"""Issue 12, data loss: no command or function destroys an input or a folder it was not
meant to write, two runs never mix in one output, and training on nothing fails."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
import warnings
from pathlib import Path

import pytest

import cyberreport as cr
from _adv import REF, TEXTS, assert_user_error, cli, cli_cmd, cli_env, kw, write_jsonl

LABELLED = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]),
            ("基金净值回升", ["finance"]), ("球队赢得比赛", ["sports"]),
            ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]


def _snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _labelled_file(path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for t, labs in LABELLED:
            f.write(json.dumps({"text": t, "labels": labs}, ensure_ascii=False) + "\n")
    return path


# -- folders that are not models ---------------------------------------------------------
def test_d01_train_o_into_the_data_folder_keeps_every_file(tmp_path):
    folder = tmp_path / "my-data"
    folder.mkdir()
    _labelled_file(folder / "labelled.jsonl")
    (folder / "notes.txt").write_text("my notes\n", encoding="utf-8")
    before = _snapshot(folder)
    r = cli("train", folder / "labelled.jsonl", "-o", folder, "--no-base", "--cv", "0")
    assert _snapshot(folder) == before
    assert_user_error(r, str(folder))


def test_d02_save_into_a_folder_with_other_files_refuses(small_model, tmp_path):
    model, _ = small_model
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"irreplaceable")
    (folder / "sub").mkdir()
    (folder / "sub" / "data.csv").write_text("a,b\n", encoding="utf-8")
    before = _snapshot(folder)
    with pytest.raises(Exception) as exc:
        model.save(folder)
    assert str(folder) in str(exc.value)
    assert _snapshot(folder) == before


def test_d02b_report_into_a_folder_with_other_files_refuses(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    (folder / "notes.txt").write_text("my notes\n", encoding="utf-8")
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS)
    before = _snapshot(folder)
    r = cli("report", src, "-o", folder, timeout=120)
    assert _snapshot(folder) == before
    assert_user_error(r, str(folder))


def test_d02c_report_over_its_own_input_refuses(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    src = folder / "topic_info.csv"  # an input named like one of the report's files
    src.write_text("id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(TEXTS)),
                   encoding="utf-8")
    before = src.read_bytes()
    r = cli("report", src, "-o", folder, timeout=120)
    assert src.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["topic_info.csv"]
    assert_user_error(r, str(src))


@pytest.mark.skipif(REF, reason="0.1 has no check_report_folder")
def test_d02d_a_folder_holding_an_earlier_report_is_accepted(tmp_path):
    from cyberreport.report._write import REPORT_FILES, check_report_folder

    for name in REPORT_FILES:
        (tmp_path / name).write_text("old", encoding="utf-8")
    check_report_folder(tmp_path, None)
    check_report_folder(tmp_path / "new", str(tmp_path / "topic_info.txt"))


# -- two writers, resume with other settings ------------------------------------------
def test_d03_a_second_writer_of_the_same_output_is_refused(tmp_path):
    # the first run reads a pipe that this test keeps open, so it is still writing
    # (and holds the output) when the second run starts
    out = tmp_path / "out.jsonl"
    other = write_jsonl(tmp_path / "other.jsonl", TEXTS)
    p1 = subprocess.Popen(cli_cmd("classify", "-", "-o", out), env=cli_env(),
                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    try:
        p1.stdin.write("".join(t + "\n" for t in TEXTS).encode())
        p1.stdin.flush()
        deadline = time.monotonic() + 120
        while not out.exists() and time.monotonic() < deadline and p1.poll() is None:
            time.sleep(0.01)
        time.sleep(0.5)
        assert p1.poll() is None
        r2 = cli("classify", other, "-o", out)
        p1.stdin.write("".join(t + "\n" for t in TEXTS).encode())
        p1.stdin.close()
        p1.wait(timeout=300)
    finally:
        if p1.poll() is None:
            p1.kill()
            p1.wait()
    assert p1.returncode == 0, p1.stderr.read()
    assert_user_error(r2, str(out))
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["text"] for r in rows] == TEXTS * 2
    assert [r["id"] for r in rows] == [str(i) for i in range(1, 11)]


@pytest.fixture
def half_done(tmp_path, small_model):
    """An output half written by a run with the small model, threshold 0.5, no evidence."""
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS * 4)
    out = tmp_path / "out.jsonl"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cr.classify_file(src, out, model=small_model[1], threshold=0.5, progress=False)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:7]))
    return src, out


@pytest.mark.parametrize("change", ["model", "threshold", "explain"])
def test_d04_d05_d06_resume_refuses_other_settings(half_done, small_model, change):
    src, out = half_done
    args = {"model": small_model[1], "threshold": 0.5, "explain": False}
    args.update({"model": {"model": None}, "threshold": {"threshold": 0.3},
                 "explain": {"explain": True}}[change])
    before = out.read_bytes()
    with pytest.raises(ValueError, match="resume|another|setting|model|threshold|explain"):
        cr.classify_file(src, out, resume=True, progress=False, **args)
    assert out.read_bytes() == before


# -- outputs that are inputs -------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_d07_d08_formatted_output_onto_the_input_is_refused(tmp_path, fmt):
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS)
    before = src.read_bytes()
    r = cli("classify", src, "--format", fmt, "-o", src)
    assert src.read_bytes() == before
    assert_user_error(r, str(src))


def test_d09_rejects_onto_the_input_is_refused(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", TEXTS)
    with open(src, "a", encoding="utf-8") as f:
        f.write("not json\n")
    before = src.read_bytes()
    r = cli("classify", src, "-o", tmp_path / "out.jsonl", "--rejects", src)
    assert src.read_bytes() == before
    assert_user_error(r, str(src))


def test_d10_a_pipe_from_the_output_file_is_refused(tmp_path):
    src = write_jsonl(tmp_path / "f.jsonl", TEXTS * 3000)  # more than a pipe holds
    before = src.read_bytes()
    cmd = " ".join(f"'{c}'" for c in cli_cmd("classify", "-", "-o", src))
    r = subprocess.run(f"cat '{src}' | {cmd}", shell=True, capture_output=True, text=True,
                       env=cli_env(), timeout=300)
    assert src.read_bytes() == before
    assert_user_error(r, str(src))


def test_d10b_standard_input_redirected_from_the_output_file_is_refused(tmp_path):
    src = write_jsonl(tmp_path / "f.jsonl", TEXTS)
    before = src.read_bytes()
    with open(src, "rb") as f:
        r = cli("classify", "-", "-o", src, stdin=f)
    assert src.read_bytes() == before
    assert_user_error(r, str(src))


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_d11_process_substitution_keeps_every_record(tmp_path):
    out = tmp_path / "out.jsonl"
    texts = "\\n".join(TEXTS)
    cmd = " ".join(f"'{c}'" for c in cli_cmd("classify"))
    r = subprocess.run(["bash", "-c", f"{cmd} <(printf '{texts}\\n') -o '{out}'"],
                       capture_output=True, text=True, env=cli_env(), timeout=300)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["text"] for r in rows] == TEXTS


# -- training on nothing ------------------------------------------------------------------
def test_d12_train_whose_records_are_all_unusable_fails(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"txt": "网络安全", "labels": ["security"]}\nnot json\n[1, 2]\n',
                    encoding="utf-8")
    out = tmp_path / "model"
    r = cli("train", data, "-o", out, "--cv", "0")
    assert not out.exists()
    assert_user_error(r, str(data))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(cr.DataError):
            cr.train(str(data), cv=0, progress=False)


def test_d13_no_base_with_only_empty_labels_fails(tmp_path):
    data = tmp_path / "empty-labels.jsonl"
    data.write_text("".join(json.dumps({"text": t, "labels": []}, ensure_ascii=False) + "\n"
                            for t, _ in LABELLED), encoding="utf-8")
    out = tmp_path / "model"
    r = cli("train", data, "-o", out, "--no-base", "--cv", "0")
    assert not out.exists()
    assert_user_error(r, "label")
    with pytest.raises(cr.DataError, match="label"):
        cr.train(str(data), base=False, cv=0, progress=False)
