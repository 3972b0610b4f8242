"""Helpers of the adversarial suite (issue 12): the command line as a real process, a
small fitted model, model-file tampering, read-only folders, and the 0.1 spellings.

The suite also runs against the 0.1 reference install (commit 4036fb0), to show that
each test fails there; ``tests/adversarial/before_after.py`` does that and prints the
table of ``docs/hardening.md``.  Where 0.2 renamed an argument, ``REF`` picks the old
spelling so that a test fails on 0.1 for the finding, not for the name.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cyberreport as cr

#: True when the suite runs against the 0.1 reference install.
REF = cr.__version__.startswith("0.1")

_MAIN = "import sys; from cyberreport.cli import main; sys.exit(main(sys.argv[1:]))"


def cli_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def cli_cmd(*args) -> list[str]:
    """The command line of ``cyberreport ARGS`` run by this interpreter."""
    return [sys.executable, "-c", _MAIN, *map(str, args)]


def cli(*args, input=None, timeout=600, cwd=None, env=None, stdin=None):
    """``cyberreport ARGS`` as a real process; ``CompletedProcess`` with text output."""
    kw = {"input": input} if stdin is None else {"stdin": stdin}
    return subprocess.run(cli_cmd(*args), capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout, cwd=cwd, env=env or cli_env(),
                          **kw)


def assert_user_error(r, *words):
    """A user error: non-zero exit status (not a signal), no traceback, one line on
    standard error that says ``error:`` and contains ``words``."""
    err = r.stderr.strip()
    assert r.returncode > 0, (r.returncode, r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "error:" in ln]
    assert len(errors) == 1 and len(lines) == 1, r.stderr[-2000:]
    for w in words:
        assert w in err, (w, err)


def write_jsonl(path, texts, ids=True) -> Path:
    path = Path(path)
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            obj = {"id": f"d{i}", "text": t} if ids else {"text": t}
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


TEXTS = ["加强关键信息基础设施安全保护。", "建设县级融媒体中心。", "今天天气很好。",
         "推进电子政务一网通办。", "开展网络安全宣传周活动。"]


# -- model files -----------------------------------------------------------------------
def state_of(meta: dict) -> dict:
    """The fitted state of a model.json (format 2: ``state``; format 1: the top level)."""
    return meta["state"] if "state" in meta else meta


def vectorizer_of(meta: dict) -> dict:
    return state_of(meta)["vectorizer"]


def tokenizer_of(meta: dict) -> dict:
    return vectorizer_of(meta)["tokenizer"] if "tokenizer" in vectorizer_of(meta) else meta["tokenizer"]


def rewrite_sums(folder: Path) -> None:
    """Recompute ``SHA256SUMS`` so that only the loader's own checks can object."""
    import hashlib

    names = sorted(p.name for p in folder.iterdir() if p.name != "SHA256SUMS")
    lines = [f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in names]
    (folder / "SHA256SUMS").write_text("".join(lines))


def tamper(folder: Path, change, *, raw: str | None = None) -> Path:
    """Change ``model.json`` with ``change(meta)`` (or replace it by ``raw``) and fix the
    checksums, as an attacker would."""
    p = folder / "model.json"
    if raw is None:
        meta = json.loads(p.read_text("utf-8"))
        change(meta)
        raw = json.dumps(meta)  # a lone surrogate as the escape \ud800 (valid JSON)
    p.write_text(raw, encoding="utf-8", errors="surrogatepass")
    rewrite_sums(folder)
    return folder


# -- read-only places ------------------------------------------------------------------
@contextlib.contextmanager
def read_only(path: Path):
    """``path`` made unwritable, also for root (``chattr +i``), restored afterwards."""
    path = Path(path)
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr: cannot make a read-only folder")
        r = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if r.returncode != 0:
            pytest.skip(f"chattr +i failed: {r.stderr!r}")
        try:
            yield path
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield path
        finally:
            path.chmod(mode)


def kw(new: str, old: str, value) -> dict:
    """A keyword argument in this install's spelling (0.2 renamed some)."""
    return {old if REF else new: value}
