"""Older model-file versions keep loading: a committed version-1 model (cyberreport 0.1)
is upgraded on load and predicts exactly as the current default model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import cyberreport as cr

V1 = Path(__file__).parent / "data" / "model_v1"


def test_a_version_1_model_loads_and_predicts_identically():
    """The expected figures were computed by cyberreport 0.1.0 (commit 4036fb0) loading the
    same folder."""
    import json

    expected = json.loads((V1.parent / "model_v1_expected.json").read_text("utf-8"))
    old = cr.load_model(V1)
    assert old.metadata_["upgraded_from"] == 1
    assert old.classes_ == list(cr.THEME_IDS)
    assert old.cv == 5 and old.unit == "sentence"
    np.testing.assert_array_equal(old.predict_proba(expected["texts"]), expected["proba"])
    assert [list(x) for x in old.predict(expected["texts"])] == expected["labels"]
    with pytest.raises(ValueError, match="no relevance model"):
        old.relevance(["网信办"])


def test_a_loaded_old_model_saves_in_the_current_format(tmp_path, corpus):
    old = cr.load_model(V1)
    old.save(tmp_path / "m")
    new = cr.load_model(tmp_path / "m")
    assert new.metadata_["format_version"] == 2 and "upgraded_from" not in new.metadata_
    np.testing.assert_array_equal(new.predict_proba(corpus.texts), old.predict_proba(corpus.texts))


def test_a_newer_version_is_refused_with_advice(tmp_path):
    import json
    import shutil

    from cyberreport._modelfile import _sha256_bytes

    d = tmp_path / "m"
    shutil.copytree(V1, d)
    meta = json.loads((d / "model.json").read_text("utf-8"))
    meta["format_version"] = 99
    (d / "model.json").write_text(json.dumps(meta), "utf-8")
    sums = (d / "SHA256SUMS").read_text("utf-8").splitlines()
    sums = [(_sha256_bytes((d / "model.json").read_bytes()) + "  model.json")
            if line.endswith("model.json") else line for line in sums]
    (d / "SHA256SUMS").write_text("\n".join(sums) + "\n", "utf-8")
    with pytest.raises(cr.ModelFormatError, match="newer than this cyberreport reads"):
        cr.load_model(d)


def test_load_model_paths(tmp_path):
    f = tmp_path / "file"
    f.write_text("x", "utf-8")
    with pytest.raises(cr.ModelFormatError, match="is a file"):
        cr.load_model(f)
    with pytest.raises(ValueError, match="empty string"):
        cr.load_model("")
