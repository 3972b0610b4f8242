"""Issue 12, tracebacks for user error: every mistake on the command line is one
``error:`` line on standard error and a non-zero exit status, and changes no file."""

from __future__ import annotations

import json
import os
import stat
import subprocess

import pytest

from _adv import REF, TEXTS, assert_user_error, cli, cli_cmd, cli_env, read_only, write_jsonl

LABELLED = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]),
            ("基金净值回升", ["finance"]), ("球队赢得比赛", ["sports"]),
            ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]
TOP = "-k" if REF else "-n"  # 0.2 spelling of "how many"


@pytest.fixture
def src(tmp_path):
    return write_jsonl(tmp_path / "in.jsonl", TEXTS)


@pytest.fixture
def labelled(tmp_path):
    p = tmp_path / "labelled.jsonl"
    p.write_text("".join(json.dumps({"text": t, "labels": labs}, ensure_ascii=False) + "\n"
                         for t, labs in LABELLED), encoding="utf-8")
    return p


# -- classify: outputs that cannot be written -------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "table", "jsonl"])
def test_c01_output_into_a_missing_folder(src, tmp_path, fmt):
    out = tmp_path / "no" / "such" / "out.txt"
    r = cli("classify", src, "--format", fmt, "-o", out)
    assert_user_error(r, str(tmp_path / "no"))
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("fmt", ["csv", "table", "jsonl"])
def test_c02_output_into_a_read_only_folder(src, tmp_path, fmt):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        r = cli("classify", src, "--format", fmt, "-o", folder / "out.txt")
    assert_user_error(r, str(folder))
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "table", "jsonl"])
def test_c03_output_onto_a_folder(src, tmp_path, fmt):
    folder = tmp_path / "afolder"
    folder.mkdir()
    r = cli("classify", src, "--format", fmt, "-o", folder)
    assert_user_error(r, str(folder))
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", [
    ["classify", "{src}", "--format", "jsonl"],
    ["classify", "{src}", "--format", "csv"],
    ["classify", "{src}", "--format", "table"],
    ["keywords", "{src}"],
    ["themes"],
], ids=["jsonl", "csv", "table", "keywords", "themes"])
def test_c04_standard_output_to_dev_full(src, args):
    with open("/dev/full", "w") as full:
        r = subprocess.run(cli_cmd(*[a.format(src=src) for a in args]), stdout=full,
                           stderr=subprocess.PIPE, text=True, env=cli_env(), timeout=300)
    assert_user_error(r, "No space left")


@pytest.fixture
def device(tmp_path):
    """``device("full")``: a path to that character device, in a folder of its own when
    running as root (so that a bug that replaces the path, or writes beside it, cannot
    touch the system's ``/dev``)."""
    numbers = {"full": 7, "null": 3}

    def make(name):
        if os.geteuid() != 0:
            return f"/dev/{name}"
        folder = tmp_path / "dev"
        folder.mkdir(exist_ok=True)
        path = folder / name
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, numbers[name]))
        return str(path)
    return make


@pytest.mark.parametrize("fmt", ["csv", "table", "jsonl"])
def test_c04b_output_file_dev_full(src, fmt, device):
    full = device("full")
    before = set(os.listdir(os.path.dirname(full)))
    r = cli("classify", src, "--format", fmt, "-o", full)
    assert_user_error(r, full)
    assert stat.S_ISCHR(os.stat(full).st_mode)  # still the device
    assert set(os.listdir(os.path.dirname(full))) == before


@pytest.mark.parametrize("fmt", ["csv", "table", "jsonl"])
def test_c05_output_to_dev_null_works_and_leaves_its_folder_alone(src, fmt, device):
    null = device("null")
    before = set(os.listdir(os.path.dirname(null)))
    r = cli("classify", src, "--format", fmt, "-o", null)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)  # still the device
    assert set(os.listdir(os.path.dirname(null))) == before  # no settings or temporary file


# -- report -o ---------------------------------------------------------------------------
def test_c06_report_into_an_existing_file(src, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("mine", encoding="utf-8")
    r = cli("report", src, "-o", out)
    assert_user_error(r, str(out))
    assert out.read_text("utf-8") == "mine"


def test_c07_report_into_a_read_only_folder(src, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        r = cli("report", src, "-o", folder / "report")
    assert_user_error(r, str(folder))


# -- train ---------------------------------------------------------------------------------
def test_c08_train_into_a_file_fails_before_training(labelled, tmp_path):
    out = tmp_path / "model.txt"
    out.write_text("mine", encoding="utf-8")
    r = cli("train", labelled, "-o", out, "--no-base", timeout=60)
    assert_user_error(r, str(out))
    assert out.read_text("utf-8") == "mine"
    assert "trained on" not in r.stdout  # refused before the work


def test_c09_train_into_a_read_only_folder_fails_before_training(labelled, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        r = cli("train", labelled, "-o", folder / "model", "--no-base", timeout=60)
    assert_user_error(r, str(folder))
    assert "trained on" not in r.stdout


@pytest.mark.parametrize("where", ["text", "label"])
def test_c10_train_with_a_lone_surrogate(tmp_path, where):
    data = tmp_path / "data.jsonl"
    rows = [{"text": t, "labels": labs} for t, labs in LABELLED]
    if where == "text":
        rows[0]["text"] += "\ud800"
    else:
        rows[0]["labels"] = ["fin\udc80"]
        rows[1]["labels"] = ["fin\udc80"]
        rows[2]["labels"] = ["fin\udc80"]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "model"
    r = cli("train", data, "-o", out, "--no-base", "--cv", "0")
    if r.returncode == 0:
        check = subprocess.run(cli_cmd("classify", "-", "--model", out, "--format", "jsonl"),
                               input="银行利率\n", capture_output=True, text=True,
                               env=cli_env(), timeout=120)
        assert check.returncode == 0, check.stderr
    else:
        assert_user_error(r, str(data))


def test_c11_train_one_class_without_base(tmp_path):
    data = tmp_path / "one.jsonl"
    data.write_text("".join(json.dumps({"text": t, "labels": ["finance"]}, ensure_ascii=False)
                            + "\n" for t, _ in LABELLED), encoding="utf-8")
    out = tmp_path / "model"
    r = cli("train", data, "-o", out, "--no-base", "--cv", "0")
    assert_user_error(r, "finance")
    assert not out.exists()


def test_c12_train_labels_that_name_no_label(labelled, tmp_path):
    r = cli("train", labelled, "-o", tmp_path / "m", "--no-base", "--labels", ",")
    assert_user_error(r, "--labels")


@pytest.mark.parametrize("args", [
    ["train", "{data}", "-o", "{tmp}/m", "--n-jobs", "0"],
    ["train", "{data}", "-o", "{tmp}/m", "--seed", "-1"],
    ["keywords", "{src}", TOP, "0"],
    ["suggest", "{src}", TOP, "0"],
    ["label-issues", "{data}", "--threshold", "2"],
    ["label-issues", "{data}", "--threshold", "nan"],
    ["label-issues", "{data}", "--threshold", "0.2"],
    ["label-issues", "{data}", "--cv", "1"],
    ["label-issues", "{data}", "--cv", "x"],
    ["label-issues", "{data}", "--n-jobs", "0"],
    ["cv", "--n-jobs", "0"],
    ["cv", "--seed", "-1"],
], ids=["train-n-jobs-0", "train-seed-neg", "keywords-top-0", "suggest-top-0",
        "label-issues-threshold-2", "label-issues-threshold-nan",
        "label-issues-threshold-0.2", "label-issues-cv-1", "label-issues-cv-x",
        "label-issues-n-jobs-0", "cv-n-jobs-0", "cv-seed-neg"])
def test_c13_c22_bad_arguments(args, labelled, src, tmp_path):
    r = cli(*[a.format(data=labelled, src=src, tmp=tmp_path) for a in args], timeout=120)
    assert_user_error(r, args[-2])
    assert not (tmp_path / "m").exists()


def test_c19_label_issues_with_one_text(tmp_path):
    data = tmp_path / "one.jsonl"
    data.write_text(json.dumps({"text": "网络安全检查", "labels": ["security"]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    r = cli("label-issues", data)
    assert_user_error(r)


def test_c23_an_unknown_option_is_named():
    r = cli("--bogus")
    assert_user_error(r, "--bogus")
    r = cli("classify", "--bogus")
    assert_user_error(r, "--bogus")


def test_c24_label_issues_top_n_must_be_positive(labelled):
    r = cli("label-issues", labelled, "--top" if REF else "--top-n", "-1")
    assert_user_error(r, "-1")
