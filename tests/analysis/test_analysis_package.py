"""The cyberreport.analysis package: public names, import cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cyberreport.analysis as analysis


def test_public_names():
    assert set(analysis.__all__) == {
        "Profile", "profile", "similar", "log_odds", "dirichlet_prior", "LogOdds", "bootstrap_share",
        "bootstrap_share_difference", "ShareEstimate", "ShareDifference", "find_reuse",
        "reuse_matrix", "ReusedPassage", "ReuseMatrix", "theme_shares", "topic_shares",
        "compare"}
    for name in analysis.__all__:
        obj = getattr(analysis, name)
        assert obj.__doc__ and "Examples" in obj.__doc__, name


def test_importing_and_finding_reuse_loads_no_ml_stack():
    code = ("import sys, json\n"
            "import cyberreport.analysis as a\n"
            "a.find_reuse(['各地要切实增强全社会网络安全意识和防护能力。'] * 2)\n"
            "a.log_odds([1, 2], [2, 1])\n"
            "print(json.dumps([m for m in ('sklearn', 'scipy', 'jieba', 'pandas')"
            " if m in sys.modules]))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
