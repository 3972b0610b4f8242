"""A model saved under one scikit-learn version loads and predicts identically under
another (slow: builds a second virtual environment; CI runs it).

Deselect it during development with ``pytest -m "not slow"``."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import numpy as np
import pytest

import cyberreport as cr

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _other_sklearn() -> str:
    import sklearn

    major, minor = (int(x) for x in sklearn.__version__.split(".")[:2])
    # the previous minor release (or the next one when we are at x.0)
    return f"{major}.{minor - 1}.*" if minor > 0 else f"{major}.{minor + 1}.*"


def test_model_loads_identically_under_another_sklearn(tmp_path):
    import sklearn

    corpus = cr.load_corpus()
    model = cr.ThemeClassifier(threshold=0.5).fit(corpus)
    model_dir = tmp_path / "model"
    model.save(model_dir)
    texts = corpus.texts + ["加强关键信息基础设施安全保护", "建设县级融媒体中心"]
    expected = model.predict_proba(texts)
    (tmp_path / "texts.txt").write_text("\n".join(texts), encoding="utf-8")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    want = _other_sklearn()
    import scipy

    # Only scikit-learn differs: numpy and scipy are pinned to this environment's versions.
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", f"scikit-learn=={want}",
         f"numpy=={np.__version__}", f"scipy=={scipy.__version__}", "joblib", "jieba", "rjieba"],
        check=True, timeout=900,
    )
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", str(ROOT)],
                   check=True, timeout=900)
    script = (
        "import sys, numpy as np, sklearn, cyberreport as cr\n"
        "texts = open(sys.argv[2], encoding='utf-8').read().split('\\n')\n"
        "m = cr.load_model(sys.argv[1])\n"
        "np.save(sys.argv[3], m.predict_proba(texts))\n"
        "print(sklearn.__version__)\n"
    )
    out = subprocess.run(
        [str(py), "-c", script, str(model_dir), str(tmp_path / "texts.txt"), str(tmp_path / "p.npy")],
        check=True, capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    other_version = out.stdout.strip().splitlines()[-1]
    assert other_version.split(".")[:2] != sklearn.__version__.split(".")[:2], other_version
    got = np.load(tmp_path / "p.npy", allow_pickle=False)
    assert np.array_equal(got, expected), float(np.max(np.abs(got - expected)))
