"""Fixtures of the adversarial suite (issue 12); the helpers are in ``_adv.py``."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import cyberreport as cr  # noqa: E402


@pytest.fixture(scope="session")
def small_model(tmp_path_factory):
    """A small model fitted on the bundled corpus, saved: ``(model, folder)``."""
    model = cr.ThemeClassifier(threshold=0.5).fit(cr.load_corpus())
    folder = tmp_path_factory.mktemp("models") / "small"
    model.save(folder)
    return model, folder


@pytest.fixture
def model_copy(small_model, tmp_path):
    """A fresh copy of the small model's folder, to tamper with."""
    dst = tmp_path / "model"
    shutil.copytree(small_model[1], dst)
    return dst


