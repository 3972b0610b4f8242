"""Shared fixtures of the test suite, and the namespace of the docstring examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import pytest

import cyberreport as cr


@pytest.fixture(scope="session")
def corpus():
    """The bundled 2016 corpus."""
    return cr.load_corpus()


@pytest.fixture(scope="session")
def model():
    """The shipped default theme model (do not change it in a test)."""
    return cr.load_model()


@pytest.fixture(scope="session")
def default_model(model):
    """The shipped default theme model (another name used by the persistence tests)."""
    return model


@pytest.fixture(scope="session")
def fitted(corpus):
    """A ThemeClassifier fitted on the corpus with the default parameters and seed."""
    return cr.ThemeClassifier().fit(corpus)


@pytest.fixture(scope="session")
def records():
    """The constructed multi-year sample corpus (data/sample/multiyear.jsonl) as Records."""
    from pathlib import Path

    return list(cr.iter_records(Path(__file__).resolve().parents[1] / "data" / "sample"
                                / "multiyear.jsonl"))


@pytest.fixture(scope="session")
def corpus_path():
    """The bundled corpus file's path."""
    ref = resources.files("cyberreport._data").joinpath("provincial_reports_2016.jsonl")
    with resources.as_file(ref) as p:
        yield str(p)


@pytest.fixture(scope="session")
def modules_loaded_by():
    """``modules_loaded_by(code, names)``: which of the modules ``names`` a fresh
    interpreter has loaded after running ``code`` (it must succeed)."""

    def run(code: str, names) -> list[str]:
        probe = (f"{code}\nimport sys, json\n"
                 f"print(json.dumps([m for m in {tuple(names)!r} if m in sys.modules]))\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.splitlines()[-1])

    return run
