"""The namespace of the docstring examples (``pytest --doctest-modules``): names they use
without defining, and a scratch folder as the working directory."""

from __future__ import annotations

import pytest

collect_ignore = ["cyberreport/cli/__main__.py"]


@pytest.fixture(scope="session")
def _doc_objects():
    import cyberreport as cr

    corpus = cr.load_corpus()
    model = cr.load_model()
    tm = cr.TopicModel(n_topics=6, random_state=0).fit(corpus.texts)
    prof = cr.profile(corpus, model=model, topic_model=tm)
    return {"cr": cr, "corpus": corpus, "model": model, "tm": tm, "prof": prof,
            "texts": corpus.texts[:5]}


@pytest.fixture(autouse=True)
def _doctest_setup(request, tmp_path, monkeypatch):
    if request.node.__class__.__name__ != "DoctestItem":
        return
    request.getfixturevalue("doctest_namespace").update(request.getfixturevalue("_doc_objects"))
    monkeypatch.chdir(tmp_path)
