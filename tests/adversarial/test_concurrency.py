"""Issue 12, concurrency and kills: a model folder read while it is saved gives the
complete old or the complete new model; a save killed at any step leaves a model and,
after the next save, no litter; ``add_words`` racing ``cut`` never loses a word."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import cyberreport as cr
from _adv import REF, cli_env

DATA = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]),
        ("基金净值回升", ["finance"]), ("球队赢得比赛", ["sports"]),
        ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]


def _tiny(C: float):
    X, y = zip(*DATA)
    return cr.ThemeClassifier(threshold=0.5, C=C, char_ngram_range=(1, 2)).fit(list(X), list(y))


def _signature(model) -> tuple:
    """What identifies a model: its C and a digest of its coefficients and thresholds."""
    coef = np.ascontiguousarray(model.coef_, dtype=np.float64)
    return (model.get_params()["C"],
            hashlib.sha256(coef.tobytes() + np.asarray(model.thresholds_).tobytes()).hexdigest())


@pytest.fixture(scope="module")
def two_models(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two")
    a, b = _tiny(1.0), _tiny(3.0)
    a.save(tmp / "a")
    b.save(tmp / "b")
    return tmp, _signature(cr.load_model(tmp / "a")), _signature(cr.load_model(tmp / "b"))


_WRITER = r"""
import sys, cyberreport as cr
a, b = cr.load_model(sys.argv[1]), cr.load_model(sys.argv[2])
dest, rounds = sys.argv[3], int(sys.argv[4])
for i in range(rounds):
    (b if i % 2 else a).save(dest)
print("done", flush=True)
"""


@pytest.mark.slow
def test_m14_m15_m16_load_during_save_is_the_old_or_the_new_model(two_models, tmp_path):
    tmp, sig_a, sig_b = two_models
    assert sig_a != sig_b and sig_a[0] != sig_b[0]
    dest = tmp_path / "model"
    cr.load_model(tmp / "a").save(dest)
    rounds = 300  # benchmarks/bench_hardening.py saveload runs the 1,000
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp / "a"), str(tmp / "b"),
                               str(dest), str(rounds)], env=cli_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    loads, errors, mixed, seen = 0, [], [], set()
    try:
        while loads < rounds or writer.poll() is None:
            try:
                sig = _signature(cr.load_model(dest))
            except Exception as exc:  # noqa: BLE001 - every error is a finding
                errors.append(f"{type(exc).__name__}: {exc}")
            else:
                if sig not in (sig_a, sig_b):
                    mixed.append(sig)
                seen.add(sig)
            loads += 1
            if writer.poll() is not None and loads >= rounds:
                break
    finally:
        if writer.poll() is None:
            writer.kill()
        out, err = writer.communicate()
    assert writer.returncode == 0, err[-2000:]
    assert errors == [], f"{len(errors)} of {loads} loads failed, e.g. {errors[:3]}"
    assert mixed == [], f"{len(mixed)} of {loads} loads mixed the two models"
    assert loads >= rounds
    assert seen == {sig_a, sig_b}, "the loads never met the save (test too weak)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


# -- a save killed at any step ------------------------------------------------------------
_KILLED_SAVE = r"""
import os, shutil, signal, sys
import cyberreport as cr
import cyberreport.{module} as mf
b = cr.load_model(sys.argv[1])
dest, kill_at = sys.argv[2], int(sys.argv[3])
if sys.argv[4] == "no-exchange" and hasattr(mf, "_EXCHANGE"):
    mf._EXCHANGE = None
calls = [0]
def step(fn):
    def wrapper(*a, **k):
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        calls[0] += 1
        return fn(*a, **k)
    return wrapper
os.replace = step(os.replace)
os.rename = step(os.rename)
os.fsync = step(os.fsync)
shutil.rmtree = step(shutil.rmtree)
if hasattr(mf, "_exchange"):
    mf._exchange = step(mf._exchange)
b.save(dest)
print("finished", calls[0])
"""


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["exchange", "no-exchange"])
def test_m17_m18_a_save_killed_at_any_step_leaves_a_model_and_no_litter(two_models, tmp_path,
                                                                         mode):
    tmp, sig_a, sig_b = two_models
    script = _KILLED_SAVE.replace("{module}", "persistence" if REF else "_modelfile")
    kills = 0
    for kill_at in range(40):
        parent = tmp_path / f"k{kill_at}"
        parent.mkdir()
        dest = parent / "model"
        cr.load_model(tmp / "a").save(dest)
        r = subprocess.run([sys.executable, "-c", script, str(tmp / "b"), str(dest),
                            str(kill_at), mode], capture_output=True, text=True,
                           env=cli_env(), timeout=120)
        if r.returncode == 0:
            assert "finished" in r.stdout
            assert _signature(cr.load_model(dest)) == sig_b
            break
        assert r.returncode == -signal.SIGKILL, r.stderr[-2000:]
        kills += 1
        # the old or the new model is there, complete
        assert _signature(cr.load_model(dest)) in (sig_a, sig_b), kill_at
        # the next save leaves nothing but the model
        cr.load_model(tmp / "a").save(dest)
        assert sorted(p.name for p in parent.iterdir()) == ["model"], (kill_at, list(parent.iterdir()))
        assert _signature(cr.load_model(dest)) == sig_a
    else:
        pytest.fail("the save never finished")
    assert kills >= 3, kills


# -- add_words racing cut ------------------------------------------------------------------
def test_w16_add_words_between_the_stop_set_and_its_cache_is_not_lost():
    # "我们" is a stop-word; an added word is never a stop-word.  Add it at the worst
    # moment: after a concurrent cut has read the word list for its stop-word set and
    # before that set is stored.
    tok = cr.Tokenizer()
    assert "我们" not in tok.cut("我们的网络")
    real = tok._word_list
    fired = []

    def racing_word_list():
        words = real()
        if not fired and sys._getframe(1).f_code.co_name == "_stop_set":
            fired.append(1)
            tok._word_list = real
            t = threading.Thread(target=tok.add_words, args=(["我们"],))
            t.start()
            t.join(2)
        return words

    tok._stop = None
    tok._word_list = racing_word_list
    tok._stop_set()  # the racing cut's stop-word set
    assert fired
    assert "我们" in tok.cut("我们的网络"), "the added word was dropped for good"


@pytest.mark.slow
def test_w16b_add_words_racing_cut_many_times():
    lost = 0
    for run in range(150):
        tok = cr.Tokenizer()
        tok.cut("网络")
        word = "我们"
        start = threading.Barrier(2)

        def cutter():
            start.wait()
            for _ in range(20):
                tok._stop = None
                tok.cut("我们的网络")

        t = threading.Thread(target=cutter)
        t.start()
        start.wait()
        tok.add_words([word])
        t.join()
        if word not in tok.cut("我们的网络"):
            lost += 1
    assert lost == 0, f"an added word was lost in {lost} of 150 runs"
