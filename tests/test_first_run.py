"""A new user's first run, as the README tells it, on a machine without the optional
extras (no pandas, matplotlib, Dask, openpyxl) and without a CJK font: the quick start's
main command prints a table that fits 80 columns; ``report`` writes a full page or says in
one line which extra it needs, leaving nothing half-written.

The extras are hidden from the subprocesses by a ``sitecustomize`` that makes their
import fail, as it would in a fresh ``pip install .`` environment.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from cyberreport._display import width

ROOT = Path(__file__).resolve().parents[1]
HIDDEN = ("pandas", "matplotlib", "dask", "distributed", "openpyxl", "pyarrow")

_SITE = f'''
import importlib.abc, sys
class _NoExtras(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {HIDDEN!r}:
            raise ImportError(f"No module named {{name!r}} (hidden by the first-run test)")
        return None
sys.meta_path.insert(0, _NoExtras())
'''


@pytest.fixture()
def bare_env(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_SITE, "utf-8")
    env = dict(os.environ, PYTHONPATH=str(site), COLUMNS="80", CYBERREPORT_PROGRESS="0")
    env.pop("CYBERREPORT_CJK_FONT", None)
    return env


def _quick_start_command() -> list[str]:
    """The cyberreport part of the README's first quick-start command."""
    readme = (ROOT / "README.md").read_text("utf-8")
    quick = readme.split("## Quick start", 1)[1]
    cmd = re.search(r"```bash\n(.*?)\n```", quick, re.S).group(1).strip()
    install, run = cmd.split("&&")
    assert install.strip() == "pip install ."  # no extras: what a new user installs
    args = shlex.split(run)
    assert args[0] == "cyberreport"
    return [sys.executable, "-m", "cyberreport", *args[1:]]


def test_the_extras_are_really_hidden(bare_env):
    r = subprocess.run([sys.executable, "-c", "import pandas"], env=bare_env,
                       capture_output=True, text=True)
    assert r.returncode != 0 and "hidden by the first-run test" in r.stderr


def test_quick_start_table_fits_80_columns(bare_env):
    r = subprocess.run(_quick_start_command(), cwd=ROOT, env=bare_env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert max(width(line) for line in lines) <= 80
    records = [line for line in lines if re.match(r"2016-\d\d ", line)]
    assert len(records) == 29
    assert "网络安全" in r.stdout and "[0:" not in r.stdout  # Chinese names, no raw offsets
    assert r.stderr == ""


def test_report_without_the_plot_extra_is_one_line_and_writes_nothing(bare_env, tmp_path):
    out = tmp_path / "report"
    r = subprocess.run([sys.executable, "-m", "cyberreport", "report",
                        str(ROOT / "data" / "provincial_reports_2016.jsonl"), "-o", str(out)],
                       env=bare_env, capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "cyberreport[plot]" in err[0], r.stderr
    assert not out.exists()


def test_keywords_and_themes_on_a_first_run(bare_env):
    r = subprocess.run([sys.executable, "-m", "cyberreport", "themes"], env=bare_env,
                       capture_output=True, text=True)
    assert r.returncode == 0
    assert all(re.search(r"\S  +\S", line) for line in r.stdout.splitlines())
    assert "媒体融合与新闻网站建设  Media" in r.stdout  # a gap between the two names
