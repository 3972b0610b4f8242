"""Package-level tests: version, public names, import cost, bundled data."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import importlib.util
import json
import os
import subprocess
import sys

import pytest

import cyberreport


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


def test_version_matches_the_installed_metadata():
    assert cyberreport.__version__ == importlib.metadata.version("cyberreport")
    assert cyberreport.__version__ != "0+unknown"


def _lazy_module_missing(name: str) -> str | None:
    module = getattr(cyberreport, "_LAZY", {}).get(name)
    if module and importlib.util.find_spec(f"cyberreport.{module}") is None:
        return f"cyberreport.{module}"
    return None


@pytest.mark.parametrize("name", cyberreport.__all__)
def test_every_public_name_is_an_attribute(name):
    missing = _lazy_module_missing(name)
    if missing:
        pytest.skip(f"{name} lives in {missing}, which is not written yet")
    assert getattr(cyberreport, name) is not None
    assert name in dir(cyberreport)


def test_all_has_no_duplicates():
    assert len(set(cyberreport.__all__)) == len(cyberreport.__all__)


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        cyberreport.no_such_name  # noqa: B018


HEAVY = ("sklearn", "scipy", "jieba", "rjieba")


def test_import_loads_no_heavy_module():
    code = (
        "import sys, json, cyberreport\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_env(), timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_foundation_use_loads_no_ml_stack():
    # corpus, taxonomy, text and tokenize are usable without scikit-learn or scipy
    code = (
        "import sys, json, cyberreport as cr\n"
        "cr.load_corpus(); cr.get_theme('security'); cr.split_sentences('网信办。好')\n"
        "cr.Tokenizer().cut('网信办'); cr.keywords('网信办开展净网行动')\n"
        "print(json.dumps([m for m in ('sklearn', 'scipy') if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_env(), timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_bundled_data_is_importable():
    """``cyberreport._data`` must be importable in every kind of install.

    If this fails with ModuleNotFoundError in an editable install, it is setuptools'
    known limitation with package-dir-mapped subpackages that have no ``__init__.py``
    (pypa/setuptools#4248, #4943): add ``__init__.py`` to data/ and models/, or install
    with ``--config-settings editable_mode=strict``.
    """
    files = importlib.resources.files("cyberreport._data")
    assert files.joinpath("provincial_reports_2016.jsonl").is_file()


def test_resources_are_shipped():
    res = importlib.resources.files("cyberreport.resources")
    for name in ("taxonomy.json", "domain_dict.txt", "stopwords.txt"):
        assert res.joinpath(name).is_file(), name
