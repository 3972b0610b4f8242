"""Tests for cyberreport.persistence: round trips, the shipped model, atomic saving, and
a loader that rejects every damaged or hostile model directory without running code."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import stat
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

import cyberreport as cr
from cyberreport import _modelfile as persistence
from cyberreport.classifier import ThemeClassifier
from cyberreport import ModelFormatError, load_model, save_model

FILES = ("model.json", "coef.npy", "intercept.npy", "idf.npy", "SHA256SUMS")


@pytest.fixture(scope="module")
def default_dir(tmp_path_factory) -> Path:
    """A copy of the installed default model directory (never modified)."""
    out = tmp_path_factory.mktemp("default") / "default"
    ref = resources.files("cyberreport._models").joinpath("default")
    with resources.as_file(ref) as folder:
        shutil.copytree(folder, out)
    return out


@pytest.fixture
def model_dir(default_dir, tmp_path) -> Path:
    """A fresh, writable copy of the default model for a test to damage."""
    out = tmp_path / "model"
    shutil.copytree(default_dir, out)
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _update_sum(folder: Path, name: str) -> None:
    """Rewrite ``name``'s line of SHA256SUMS so the checksum check passes."""
    sums = folder / "SHA256SUMS"
    lines = []
    for line in sums.read_text("utf-8").splitlines():
        digest, fname = line.split()
        if fname == name:
            digest = _sha(folder / name)
        lines.append(f"{digest}  {fname}")
    sums.write_text("\n".join(lines) + "\n", "utf-8")


def _edit_json(folder: Path, edit) -> None:
    p = folder / "model.json"
    meta = json.loads(p.read_text("utf-8"))
    edit(meta)
    p.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    _update_sum(folder, "model.json")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------------------------------
# round trips and the shipped model
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["fitted", "default"])
def test_save_load_round_trip_is_bit_identical(request, corpus, tmp_path, which):
    model = request.getfixturevalue("fitted" if which == "fitted" else "default_model")
    out = tmp_path / "m"
    assert save_model(model, out) == out
    loaded = load_model(out)
    texts = corpus.texts + [s.text for p in corpus for s in p.sentences]
    assert np.array_equal(model.predict_proba(texts), loaded.predict_proba(texts))
    assert model.predict(texts) == loaded.predict(texts)
    assert loaded.classes_ == model.classes_
    assert np.array_equal(loaded.thresholds_, model.thresholds_)
    assert loaded.get_params() == model.get_params()
    assert loaded.training_hash_ == model.training_hash_
    c1, c2 = model.classify(corpus.texts[0]), loaded.classify(corpus.texts[0])
    assert c1 == c2


def test_save_method_and_str_path(fitted, corpus, tmp_path):
    fitted.save(str(tmp_path / "m"))
    loaded = cr.load_model(str(tmp_path / "m"))
    assert np.array_equal(fitted.predict_proba(corpus.texts[:3]), loaded.predict_proba(corpus.texts[:3]))


def test_saved_files(fitted, tmp_path):
    out = save_model(fitted, tmp_path / "m", metrics={"x": np.float64(0.5)}, model_card="# card\n")
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES + ("MODEL_CARD.md",))
    meta = json.loads((out / "model.json").read_text("utf-8"))
    assert meta["format"] == "cyberreport-model" and meta["format_version"] == 2
    assert meta["estimator"] == "ThemeClassifier"
    assert meta["state"]["classes"] == list(cr.THEME_IDS)
    assert meta["state"]["metrics"] == {"x": 0.5}
    for line in (out / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = line.split()
        assert _sha(out / name) == digest
    assert load_model(out).metrics_ == {"x": 0.5}


def test_custom_label_model_round_trip(tmp_path):
    X = ["苹果很甜。", "香蕉很长。", "苹果和香蕉。", "今天下雨。"] * 3
    y = [["a"], ["b"], ["a", "b"], []] * 3
    m = ThemeClassifier(threshold=0.5, char_ngram_range=(1, 2)).fit(X, y)
    loaded = load_model(save_model(m, tmp_path / "m"))
    assert loaded.classes_ == ["a", "b"]
    assert loaded.char_ngram_range == (1, 2)
    assert np.array_equal(m.predict_proba(X), loaded.predict_proba(X))


def test_default_model_loads(default_model, corpus):
    assert isinstance(default_model, ThemeClassifier)
    assert default_model.classes_ == list(cr.THEME_IDS)
    assert len(default_model.predict(corpus.texts)) == 29


def test_installed_default_directory_loads_by_path(default_model, corpus):
    ref = resources.files("cyberreport._models").joinpath("default")
    with resources.as_file(ref) as folder:
        assert (Path(folder) / "SHA256SUMS").is_file()
        by_path = load_model(folder)
    assert np.array_equal(by_path.predict_proba(corpus.texts), default_model.predict_proba(corpus.texts))


def test_installed_default_checksums_cover_every_file():
    ref = resources.files("cyberreport._models").joinpath("default")
    with resources.as_file(ref) as folder:
        folder = Path(folder)
        listed = {}
        for line in (folder / "SHA256SUMS").read_text("utf-8").splitlines():
            digest, name = line.split()
            listed[name] = digest
        present = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("_")}
        present.discard("SHA256SUMS")
        present = {n for n in present if not n.endswith((".py", ".pyc"))}
        assert present == set(listed)
        for name, digest in listed.items():
            assert _sha(folder / name) == digest


def test_load_model_rejects_non_path():
    with pytest.raises(TypeError, match="path"):
        load_model(42)


# ---------------------------------------------------------------------------------------
# atomic saving
# ---------------------------------------------------------------------------------------

def _leftovers(parent: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name not in keep)


def test_save_over_existing_model_replaces_it_fully(fitted, default_model, corpus, tmp_path):
    out = tmp_path / "m"
    save_model(default_model, out, model_card="# old card\n")
    save_model(fitted, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    loaded = load_model(out)
    assert np.array_equal(loaded.predict_proba(corpus.texts), fitted.predict_proba(corpus.texts))
    assert _leftovers(tmp_path, {"m"}) == []


def test_save_over_a_file_raises(fitted, tmp_path):
    target = tmp_path / "file"
    target.write_text("not a model", "utf-8")
    with pytest.raises(NotADirectoryError):
        save_model(fitted, target)
    assert target.read_text("utf-8") == "not a model"


def test_save_creates_missing_parents(fitted, tmp_path):
    out = save_model(fitted, tmp_path / "a" / "b" / "m")
    assert load_model(out).classes_ == list(cr.THEME_IDS)


def _fail_on_second_call(real):
    """``real``, except that its second call raises (the first file has been written)."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full (simulated)")
        return real(*args, **kwargs)

    return wrapper


class _FailingJson:
    """Stands in for the json module inside persistence; dumps fails."""

    def __getattr__(self, name):
        return getattr(json, name)

    @staticmethod
    def dumps(*args, **kwargs):
        raise OSError("disk full (simulated)")


@pytest.mark.parametrize("failure", ["np.save", "json.dumps", "final rename", "fsync"])
def test_failed_save_leaves_old_model_intact(
    fitted, default_model, corpus, tmp_path, monkeypatch, failure
):
    out = tmp_path / "m"
    save_model(default_model, out)
    before = _tree(out)
    if failure == "np.save":
        monkeypatch.setattr(persistence.np, "save", _fail_on_second_call(np.save))
    elif failure == "json.dumps":
        monkeypatch.setattr(persistence, "json", _FailingJson())
    elif failure == "fsync":
        monkeypatch.setattr(persistence.os, "fsync", _fail_on_second_call(os.fsync))
    else:  # the swap of the new folder into place fails (atomic exchange, or the second
        # of two renames where the system has no exchange)
        def fail(*args):
            raise OSError("simulated failure")

        monkeypatch.setattr(persistence, "_exchange", fail)
    with pytest.raises(OSError, match="simulated"):
        save_model(fitted, out)
    monkeypatch.undo()
    assert _tree(out) == before
    loaded = load_model(out)
    assert np.array_equal(loaded.predict_proba(corpus.texts), default_model.predict_proba(corpus.texts))
    assert _leftovers(tmp_path, {"m"}) == []


def test_failed_first_save_leaves_nothing(fitted, tmp_path, monkeypatch):
    monkeypatch.setattr(persistence.np, "save", _fail_on_second_call(np.save))
    with pytest.raises(OSError, match="simulated"):
        save_model(fitted, tmp_path / "m")
    assert list(tmp_path.iterdir()) == []


def test_saved_directory_has_normal_permissions(fitted, tmp_path):
    umask = os.umask(0o022)
    try:
        out = save_model(fitted, tmp_path / "m")
    finally:
        os.umask(umask)
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode == 0o755, oct(mode)
    for p in out.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, (p.name, oct(p.stat().st_mode))


# ---------------------------------------------------------------------------------------
# the loader rejects damaged models
# ---------------------------------------------------------------------------------------

def test_the_test_copy_is_valid(model_dir):
    load_model(model_dir)


def test_missing_directory(tmp_path):
    with pytest.raises(ModelFormatError, match="does not exist"):
        load_model(tmp_path / "nope")


def test_path_is_a_file(tmp_path):
    f = tmp_path / "f"
    f.write_text("x")
    with pytest.raises(ModelFormatError):
        load_model(f)


@pytest.mark.parametrize("name", FILES)
def test_missing_file(model_dir, name):
    (model_dir / name).unlink()
    with pytest.raises(ModelFormatError, match=name.replace(".", r"\.")):
        load_model(model_dir)


def test_truncated_array_with_matching_checksum(model_dir):
    p = model_dir / "coef.npy"
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    _update_sum(model_dir, "coef.npy")
    with pytest.raises(ModelFormatError, match="coef.npy"):
        load_model(model_dir)


@pytest.mark.parametrize("name", ["coef.npy", "intercept.npy", "idf.npy", "model.json"])
def test_checksum_mismatch(model_dir, name):
    p = model_dir / name
    data = bytearray(p.read_bytes())
    data[-2] ^= 0x01
    p.write_bytes(bytes(data))
    with pytest.raises(ModelFormatError, match=rf"checksum mismatch for {name}"):
        load_model(model_dir)


def test_file_without_checksum(model_dir):
    sums = model_dir / "SHA256SUMS"
    kept = [ln for ln in sums.read_text("utf-8").splitlines() if not ln.endswith("idf.npy")]
    sums.write_text("\n".join(kept) + "\n", "utf-8")
    with pytest.raises(ModelFormatError, match="idf.npy"):
        load_model(model_dir)


@pytest.mark.parametrize("line", ["garbage", "0" * 64 + "  ../evil.npy", "abc  coef.npy"])
def test_malformed_sums_file(model_dir, line):
    with open(model_dir / "SHA256SUMS", "a", encoding="utf-8") as f:
        f.write(line + "\n")
    with pytest.raises(ModelFormatError, match="SHA256SUMS"):
        load_model(model_dir)


@pytest.mark.parametrize("version", [99, 0, "1", None])
def test_unknown_format_version(model_dir, version):
    _edit_json(model_dir, lambda m: m.__setitem__("format_version", version))
    with pytest.raises(ModelFormatError, match="format version"):
        load_model(model_dir)


def test_not_a_cyberreport_model(model_dir):
    _edit_json(model_dir, lambda m: m.__setitem__("format", "something-else"))
    with pytest.raises(ModelFormatError, match="not a cyberreport model"):
        load_model(model_dir)


def test_invalid_json_with_matching_checksum(model_dir):
    (model_dir / "model.json").write_text("{not json", "utf-8")
    _update_sum(model_dir, "model.json")
    with pytest.raises(ModelFormatError, match="not valid JSON"):
        load_model(model_dir)


def test_label_set_does_not_match_arrays(model_dir):
    _edit_json(model_dir, lambda m: m["state"]["classes"].pop())
    with pytest.raises(ModelFormatError, match="label"):
        load_model(model_dir)


def test_duplicate_labels(model_dir):
    def edit(m):
        m["state"]["classes"][-1] = m["state"]["classes"][0]

    _edit_json(model_dir, edit)
    with pytest.raises(ModelFormatError, match="duplicates"):
        load_model(model_dir)


def test_missing_field(model_dir):
    _edit_json(model_dir, lambda m: m["state"].pop("thresholds"))
    with pytest.raises(ModelFormatError, match="thresholds"):
        load_model(model_dir)


def test_wrong_dtype_array(model_dir):
    np.save(model_dir / "intercept.npy", np.zeros(13, dtype=np.float32), allow_pickle=False)
    _update_sum(model_dir, "intercept.npy")
    with pytest.raises(ModelFormatError, match="float64"):
        load_model(model_dir)


def test_non_finite_array(model_dir):
    arr = np.load(model_dir / "intercept.npy")
    arr[0] = np.nan
    np.save(model_dir / "intercept.npy", arr, allow_pickle=False)
    _update_sum(model_dir, "intercept.npy")
    with pytest.raises(ModelFormatError, match="non-finite"):
        load_model(model_dir)


def test_malformed_params(model_dir):
    _edit_json(model_dir, lambda m: m["params"].__setitem__("threshold", [1, 2]))
    # a model whose parameters are nonsense still must not load silently into a
    # different configuration: either the params are rejected or kept as data
    try:
        m = load_model(model_dir)
    except ModelFormatError:
        return
    assert m.threshold == [1, 2]


# ---------------------------------------------------------------------------------------
# hostile files: no code runs
# ---------------------------------------------------------------------------------------

class _Evil:
    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _evil_pickle(marker: Path) -> bytes:
    payload = pickle.dumps(_Evil(marker))
    # sanity check: the payload really does create the marker when unpickled
    probe = marker.with_name(marker.name + ".probe")
    pickle.loads(pickle.dumps(_Evil(probe))).close()
    assert probe.exists()
    probe.unlink()
    return payload


@pytest.mark.parametrize("update_checksum", [False, True], ids=["stale-checksum", "valid-checksum"])
@pytest.mark.parametrize("target", ["coef.npy", "idf.npy"])
def test_pickle_in_place_of_an_array_runs_no_code(model_dir, tmp_path, update_checksum, target):
    marker = tmp_path / "MARKER"
    (model_dir / target).write_bytes(_evil_pickle(marker))
    if update_checksum:
        _update_sum(model_dir, target)
    with pytest.raises(ModelFormatError, match=target):
        load_model(model_dir)
    assert not marker.exists()


def test_object_array_npy_runs_no_code(model_dir, tmp_path):
    marker = tmp_path / "MARKER"
    _evil_pickle(marker)
    arr = np.empty(3, dtype=object)
    arr[:] = [_Evil(marker), _Evil(marker), 1.0]
    np.save(model_dir / "coef.npy", arr, allow_pickle=True)
    _update_sum(model_dir, "coef.npy")
    with pytest.raises(ModelFormatError, match="coef.npy"):
        load_model(model_dir)
    assert not marker.exists()


def test_pickle_in_place_of_model_json_runs_no_code(model_dir, tmp_path):
    marker = tmp_path / "MARKER"
    (model_dir / "model.json").write_bytes(_evil_pickle(marker))
    _update_sum(model_dir, "model.json")
    with pytest.raises(ModelFormatError, match="model.json"):
        load_model(model_dir)
    assert not marker.exists()


