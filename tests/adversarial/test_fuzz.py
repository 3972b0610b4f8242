"""Issue 12: the coverage-guided fuzz targets of ``tests/fuzz`` (the record parser and the
model loader) run briefly, with a fixed seed, when atheris is installed; longer runs are
``python tests/fuzz/fuzz_records.py -max_total_time=600`` and the like."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from _adv import cli_env

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


@pytest.mark.parametrize("target,runs", [("fuzz_records.py", 1000), ("fuzz_model.py", 200)])
def test_f01_fuzz_target_finds_nothing_in_a_short_run(target, runs, tmp_path):
    pytest.importorskip("atheris")
    r = subprocess.run([sys.executable, str(FUZZ / target), f"-runs={runs}", "-seed=1",
                        "-timeout=30", f"-artifact_prefix={tmp_path}/"],
                       capture_output=True, text=True, errors="replace", timeout=600,
                       cwd=tmp_path, env=cli_env())
    assert r.returncode == 0, r.stderr[-3000:]
    assert f"Done {runs} runs" in r.stderr, r.stderr[-2000:]
