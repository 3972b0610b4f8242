"""One progress mechanism: a tqdm bar on long operations, off when asked, when piped or
with CYBERREPORT_PROGRESS=0, and a plain counter when tqdm is missing."""

from __future__ import annotations

import builtins
import sys

import pytest

from cyberreport import _progress
from cyberreport._progress import progress_bar, progress_enabled, progress_steps

TEXTS = ["开展网络安全检查。", "建设县级融媒体中心。"] * 50


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function",
                                    "relevance", "classify_many"])
def test_prediction_methods_show_a_bar_when_asked(model, capsys, method):
    getattr(model, method)(TEXTS, progress=True)
    err = capsys.readouterr().err
    assert "/100 [" in err and "text/s" in err  # the bar counts texts out of the total
    getattr(model, method)(TEXTS, progress=False)
    assert capsys.readouterr().err == ""
    getattr(model, method)(TEXTS)  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("value,expected", [("0", False), ("off", False), ("no", False)])
def test_environment_turns_progress_off(monkeypatch, value, expected):
    monkeypatch.setenv("CYBERREPORT_PROGRESS", value)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert progress_enabled(None) is expected
    assert progress_enabled(True) is True  # an explicit argument wins


def test_on_by_default_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CYBERREPORT_PROGRESS", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert progress_enabled(None) is True


def test_without_tqdm_a_plain_counter(monkeypatch, capsys):
    real = builtins.__import__

    def no_tqdm(name, *a, **k):
        if name.startswith("tqdm"):
            raise ImportError("no tqdm")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    with progress_bar(10, desc="work", unit="text", progress=True) as bar:
        assert isinstance(bar, _progress._Line)
        bar.last = -1.0
        bar.update(10)
    err = capsys.readouterr().err
    assert "work: 10/10 text" in err and err.endswith("\n")


def test_steps(capsys):
    steps = progress_steps(True, "training")
    steps.say("fitting")
    steps.done()
    assert "training: fitting" in capsys.readouterr().err


def test_topic_fit_and_assignment_show_progress_when_asked(corpus, capsys):
    from cyberreport.topics import TopicModel

    tm = TopicModel(sample_size=50).fit(corpus.texts, progress=True)
    err = capsys.readouterr().err
    for step in ("topics: units", "features of 90 units", "neighbour graph of 50 units",
                 "trying k = 7 of 2..7", "assigning 90 units", "topics: terms"):
        assert step in err
    TopicModel(n_topics=3).fit(corpus.texts)  # stderr is not a terminal under pytest
    tm.predict(TEXTS)
    assert capsys.readouterr().err == ""
    tm.predict(TEXTS, progress=True)
    assert "/100 [" in capsys.readouterr().err
    tm.transform(TEXTS, progress=False)
    assert capsys.readouterr().err == ""
