"""Shared fixtures of the test suite, and the namespace of the docstring examples."""

from __future__ import annotations

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
