"""Tests for cyberreport.classify_file and ``cyberreport classify FILE -o OUT``:
ids kept, rejects reported with their line numbers, parallel = serial, and resuming
after an interruption (including SIGKILL) gives the uninterrupted output."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.cli import main
from cyberreport import RejectedLinesWarning, ResumeError, classify_file


def _texts(n: int, seed: int = 0, max_sentences: int = 4) -> list[str]:
    sents = [s.text for p in cr.load_corpus() for s in p.sentences]
    rng = random.Random(seed)
    return ["".join(rng.sample(sents, rng.randint(1, max_sentences))) for _ in range(n)]


def _write_jsonl(path: Path, texts, ids=True) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            obj = {"id": f"doc-{i}", "text": t} if ids else {"text": t}
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def _read(path) -> list[dict]:
    return [json.loads(x) for x in Path(path).read_text("utf-8").splitlines()]


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RejectedLinesWarning)
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    d = tmp_path_factory.mktemp("small")
    return _write_jsonl(d / "in.jsonl", _texts(300))


# ---------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------

def test_output_keeps_ids_and_matches_predict(small, tmp_path, model):
    out = tmp_path / "out.jsonl"
    s = classify_file(small, out, model=model, progress=False)
    recs = _read(out)
    inp = _read(small)
    assert [r["id"] for r in recs] == [r["id"] for r in inp]
    assert [r["text"] for r in recs] == [r["text"] for r in inp]
    pred = model.predict([r["text"] for r in inp])
    assert [tuple(r["labels"]) for r in recs] == pred
    proba = model.predict_proba([r["text"] for r in inp])
    assert [list(r["scores"].values()) for r in recs] == \
        [[round(v, 4) for v in row] for row in proba.tolist()]
    assert list(recs[0]) == ["id", "labels", "scores", "relevance", "text"]
    np.testing.assert_allclose([r["relevance"] for r in recs], model.relevance([r["text"] for r in inp]), atol=5e-5)
    assert (s.n_read, s.n_written, s.n_rejected, s.n_skipped_resumed) == (300, 300, 0, 0)
    assert not os.path.exists(str(out) + ".rejects.jsonl")


def test_parallel_and_chunks_write_the_same_bytes(small, tmp_path, model):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    classify_file(small, a, model=model)
    classify_file(small, b, model=model, n_jobs=2, chunk_size=37)
    assert a.read_bytes() == b.read_bytes()


def test_same_bytes_as_the_cli_stdout_path(small, tmp_path, capsys):
    """-o FILE (streamed) writes what `--format jsonl` writes to standard output."""
    for extra in ([], ["--explain", "--threshold", "0.3"]):
        out = tmp_path / "o.jsonl"
        assert main(["classify", str(small), "-o", str(out), *extra]) == 0
        assert main(["classify", str(small), "--format", "jsonl", *extra]) == 0
        assert capsys.readouterr().out == out.read_text("utf-8")


def test_txt_input_ids_are_line_numbers_and_blank_lines_are_skipped(tmp_path, model):
    src = tmp_path / "in.txt"
    src.write_text("开展网络安全检查。\n\n  \n建设县级融媒体中心。\n\u3000\n今天天气晴朗。", "utf-8")
    s = classify_file(src, tmp_path / "out.jsonl", model=model)
    recs = _read(tmp_path / "out.jsonl")
    assert [r["id"] for r in recs] == ["1", "4", "6"]
    assert recs[1]["labels"] == ["media_convergence"]
    assert (s.n_written, s.n_blank) == (3, 3)


def test_jsonl_without_ids_uses_line_numbers(tmp_path, model):
    src = _write_jsonl(tmp_path / "in.jsonl", _texts(5), ids=False)
    classify_file(src, tmp_path / "o.jsonl", model=model)
    assert [r["id"] for r in _read(tmp_path / "o.jsonl")] == ["1", "2", "3", "4", "5"]


def test_custom_fields_and_numeric_ids(tmp_path, model):
    src = tmp_path / "in.jsonl"
    src.write_text('{"doc": 7, "body": "开展网络安全检查。"}\n{"doc": "x", "body": ""}\n', "utf-8")
    classify_file(src, tmp_path / "o.jsonl", model=model, text_field="body", id_field="doc",
                  keep_text=False)
    recs = _read(tmp_path / "o.jsonl")
    assert [r["id"] for r in recs] == ["7", "x"] and "text" not in recs[0]
    assert recs[1]["labels"] == [] and set(recs[1]["scores"].values()) == {0.0}


# ---------------------------------------------------------------------------------------
# rejects
# ---------------------------------------------------------------------------------------

BAD = [
    (b"{bad json", "invalid JSON"),
    (b'{"id": 5}', "missing field 'text'"),
    (b'{"text": 3}', "field 'text' must be a string, got a number"),
    (b"[1, 2]", "expected a JSON object, got an array"),
    (b'{"text": "\xff\xfe"}', "not UTF-8 text"),
    (b'{"id": [1], "text": "ok"}', "field 'id' must be a string or a number, got an array"),
    (b'{"id": null, "text": "ok"}', "got null"),
    (b'{"text": "\\ud800 lone"}', "lone surrogate"),
]


def _with_bad_lines(path: Path, texts) -> tuple[Path, list[int]]:
    lines, bad_at = [], []
    for i, t in enumerate(texts):
        lines.append(json.dumps({"id": f"doc-{i}", "text": t}, ensure_ascii=False).encode())
        if i % 40 == 3 and len(bad_at) < len(BAD):
            lines.append(BAD[len(bad_at)][0])
            bad_at.append(len(lines))
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, bad_at


def test_rejects_are_written_with_line_numbers_and_counted(tmp_path, model):
    src, bad_at = _with_bad_lines(tmp_path / "in.jsonl", _texts(300))
    out = tmp_path / "out.jsonl"
    with pytest.warns(RejectedLinesWarning, match=rf"8 line\(s\) of .*line {bad_at[0]}: invalid JSON"):
        s = classify_file(src, out, model=model, chunk_size=50)
    rejects = _read(str(out) + ".rejects.jsonl")
    assert [r["line"] for r in rejects] == bad_at
    for r, (raw, reason) in zip(rejects, BAD):
        assert reason in r["error"]
        assert r["raw"] == raw.decode("utf-8", errors="replace")
    assert (s.n_read, s.n_written, s.n_rejected) == (308, 300, 8)
    assert [ln for ln, _ in s.reject_examples] == bad_at
    assert [r["id"] for r in _read(out)] == [f"doc-{i}" for i in range(300)]
    # parallel: the same files
    out2 = tmp_path / "out2.jsonl"
    _quiet(classify_file, src, out2, model=model, n_jobs=2, chunk_size=50,
           rejects=tmp_path / "rej.jsonl")
    assert out2.read_bytes() == out.read_bytes()
    assert (tmp_path / "rej.jsonl").read_bytes() == Path(str(out) + ".rejects.jsonl").read_bytes()


def test_cli_reports_rejects_on_stderr(tmp_path, capsys):
    src, bad_at = _with_bad_lines(tmp_path / "in.jsonl", _texts(60))
    out = tmp_path / "out.jsonl"
    assert main(["classify", str(src), "-o", str(out), "--rejects", str(tmp_path / "r.jsonl")]) == 0
    err = capsys.readouterr().err
    assert f"2 input line(s) rejected (line {bad_at[0]}: invalid JSON" in err
    assert str(tmp_path / "r.jsonl") in err
    assert len(_read(tmp_path / "r.jsonl")) == 2


def test_a_fresh_run_replaces_old_output_and_rejects(tmp_path, model):
    src, _ = _with_bad_lines(tmp_path / "in.jsonl", _texts(10))
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", "utf-8")
    Path(str(out) + ".rejects.jsonl").write_text("old\n", "utf-8")
    _write_jsonl(src, _texts(10))  # now without bad lines
    classify_file(src, out, model=model)
    assert len(_read(out)) == 10
    assert not os.path.exists(str(out) + ".rejects.jsonl")


# ---------------------------------------------------------------------------------------
# resume
# ---------------------------------------------------------------------------------------

def test_resume_from_any_cut_point_gives_the_uninterrupted_output(tmp_path, model):
    src, _ = _with_bad_lines(tmp_path / "in.jsonl", _texts(200))
    full, full_rej = tmp_path / "full.jsonl", tmp_path / "full.rej"
    _quiet(classify_file, src, full, model=model, rejects=full_rej, chunk_size=30)
    data, rej = full.read_bytes(), full_rej.read_bytes()
    rng = random.Random(0)
    cuts = [0, 1, len(data) // 2, len(data) - 1, len(data)] + rng.sample(range(len(data)), 6)
    for cut in cuts:
        out, out_rej = tmp_path / "part.jsonl", tmp_path / "part.rej"
        out.write_bytes(data[:cut])  # an interrupted run: maybe half a record at the end
        out_rej.write_bytes(rej[:rng.randrange(len(rej) + 1)] if cut else b"")
        s = _quiet(classify_file, src, out, model=model, rejects=out_rej, resume=True,
                   chunk_size=30)
        assert out.read_bytes() == data, cut
        assert out_rej.read_bytes() == rej, cut
        done = data[:cut].count(b"\n")
        assert s.n_skipped_resumed == done and s.n_written == 200 - done


def test_resume_of_a_finished_run_changes_nothing(small, tmp_path, model):
    out = tmp_path / "out.jsonl"
    classify_file(small, out, model=model)
    before = out.read_bytes()
    s = classify_file(small, out, model=model, resume=True)
    assert out.read_bytes() == before
    assert (s.n_written, s.n_skipped_resumed) == (0, 300)


def test_resume_without_an_output_starts_fresh(small, tmp_path, model):
    s = classify_file(small, tmp_path / "new.jsonl", model=model, resume=True)
    assert (s.n_written, s.n_skipped_resumed) == (300, 0)


def test_resume_against_another_inputs_output_is_an_error(small, tmp_path, model, capsys):
    other = _write_jsonl(tmp_path / "other.jsonl", _texts(50, seed=9))
    out = tmp_path / "out.jsonl"
    classify_file(other, out, model=model)
    before = out.read_bytes()
    with pytest.raises(ResumeError, match=r"out.jsonl, line 1: .*belongs to another input"):
        classify_file(small, out, model=model, resume=True)
    assert out.read_bytes() == before  # nothing written
    # same ids, other texts: caught by the text check
    _write_jsonl(other, _texts(50, seed=10))
    with pytest.raises(ResumeError, match="text does not match"):
        classify_file(other, out, model=model, resume=True)
    # more records than the input
    short = _write_jsonl(tmp_path / "short.jsonl", _texts(20, seed=9))
    with pytest.raises(ResumeError, match="more records"):
        classify_file(short, out, model=model, resume=True)
    # not an output of classify_file
    junk = tmp_path / "junk.jsonl"
    junk.write_text("hello\n", "utf-8")
    with pytest.raises(ResumeError, match="not a record"):
        classify_file(small, junk, model=model, resume=True)
    assert main(["classify", str(small), "-o", str(out), "--resume"]) == 2
    assert "belongs to another input" in capsys.readouterr().err


def test_cli_resume_needs_a_streamed_output(small, capsys):
    assert main(["classify", str(small), "--resume", "--format", "jsonl"]) == 2
    assert "--resume applies to" in capsys.readouterr().err


def test_bad_arguments(small, tmp_path, model):
    with pytest.raises(FileNotFoundError, match="no_such"):
        classify_file(tmp_path / "no_such.jsonl", tmp_path / "o.jsonl", model=model)
    with pytest.raises(ValueError, match="input file itself"):
        classify_file(small, small, model=model)
    with pytest.raises(ValueError, match="threshold"):
        classify_file(small, tmp_path / "o.jsonl", model=model, threshold=1.5)
    with pytest.raises(ValueError, match="standard input"):
        classify_file("-", tmp_path / "o.jsonl", model=model, resume=True)


def test_standard_input(small, tmp_path):
    out = tmp_path / "o.jsonl"
    r = subprocess.run([sys.executable, "-m", "cyberreport.cli", "classify", "-", "-o", str(out)],
                       input=small.read_bytes(), capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert [x["id"] for x in _read(out)] == [x["id"] for x in _read(small)]


def test_progress_is_shown_only_when_asked_or_on_a_terminal(small, tmp_path, model, capsys):
    classify_file(small, tmp_path / "o.jsonl", model=model)
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest
    classify_file(small, tmp_path / "o.jsonl", model=model, progress=True)
    err = capsys.readouterr().err
    assert "\r" in err and "300 records" in err and "100%" in err


# ---------------------------------------------------------------------------------------
# kill -9, then --resume
# ---------------------------------------------------------------------------------------

def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def test_sigkill_then_resume_gives_every_id_once_and_the_uninterrupted_output(tmp_path, model):
    n = 20_000
    src = _write_jsonl(tmp_path / "big.jsonl", _texts(n, seed=3, max_sentences=3))
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "cyberreport.cli", "classify", str(src), "-o", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while _count_lines(out) < 2000 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = _count_lines(out)
    assert 0 < done < n
    r = subprocess.run(cmd + ["--resume"], capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert b"already there" in r.stderr
    ids = [x["id"] for x in _read(out)]
    assert ids == [f"doc-{i}" for i in range(n)]  # every id once, in order
    expected = tmp_path / "expected.jsonl"
    classify_file(src, expected, model=model)
    assert out.read_bytes() == expected.read_bytes()
