"""Loading and saving models: the registry of estimators, the checks of their state, and
the public ``load_model``/``save_model``."""

from __future__ import annotations

import os
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

import numpy as np

from .._modelfile import FORMAT_VERSION, read_dir, save_estimator
from ..exceptions import ModelFormatError
from ._schema import check_theme_classifier, check_topic_model
from ._upgrade import upgrade

__all__ = ["load_model", "save_model"]


def _estimators() -> dict:
    from ..classifier import ThemeClassifier
    from ..topics import TopicModel

    return {"ThemeClassifier": ThemeClassifier, "TopicModel": TopicModel}


def _check_theme_classifier(folder, state: dict, arrays: dict) -> None:
    try:
        classes = [str(c) for c in state["classes"]]
        thresholds = np.asarray(state["thresholds"], dtype=np.float64)
        features = state["vectorizer"]["features"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFormatError(f"{folder}/model.json: missing or malformed field ({exc})") from None
    for name in ("coef", "intercept", "idf"):
        if name not in arrays:
            raise ModelFormatError(f"{folder}: missing file {name}.npy")
    k, n = len(classes), len(features)
    c = k + int(bool(state.get("relevance", False)))  # the relevance model's column
    checks = [
        (arrays["coef"].shape == (n, c), f"coef.npy has shape {arrays['coef'].shape}, expected ({n}, {c}) for {n} features and {k} labels"),
        (arrays["intercept"].shape == (c,), f"intercept.npy has shape {arrays['intercept'].shape}, expected ({c},) for {k} labels"),
        (arrays["idf"].shape == (n,), f"idf.npy has shape {arrays['idf'].shape}, expected ({n},)"),
        (thresholds.shape == (k,), f"{len(thresholds)} thresholds for {k} labels"),
        (len(set(classes)) == k and k > 0, "the label set is empty or has duplicates"),
    ]
    for ok, msg in checks:
        if not ok:
            raise ModelFormatError(f"{folder}: label set does not match the arrays: {msg}")


def _check_classifier(folder, meta: dict, arrays: dict) -> None:
    check_theme_classifier(folder, meta, arrays)
    _check_theme_classifier(folder, meta["state"], arrays)


_CHECKS = {"ThemeClassifier": _check_classifier, "TopicModel": check_topic_model}


def load_dir(folder: Path):
    """The estimator saved in ``folder`` (any format version this cyberreport knows)."""
    meta, arrays, _ = read_dir(folder)
    meta = upgrade(meta, FORMAT_VERSION, f"{folder}/model.json")
    name = meta.get("estimator")
    estimators = _estimators()
    if not isinstance(name, str) or name not in estimators:
        raise ModelFormatError(f"{folder}/model.json: unknown estimator {name!r} "
                               f"(expected one of {', '.join(estimators)})")
    params, state = meta.get("params"), meta.get("state")
    if not isinstance(params, dict) or not isinstance(state, dict):
        raise ModelFormatError(f"{folder}/model.json: 'params' and 'state' must be objects")
    _CHECKS[name](folder, meta, arrays)  # every field, before any work
    try:
        model = estimators[name]._from_state(params, state, arrays)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ModelFormatError(f"{folder}/model.json: malformed configuration ({exc!r})") from None
    model.metadata_ = {k: meta[k] for k in ("format_version", "created", "versions",
                                            "upgraded_from") if k in meta}
    return model


def load_model(path=None):
    """Load a saved model; by default the theme model bundled with cyberreport.

    Parameters
    ----------
    path : str or Path, optional
        A model folder written by ``save`` (a :class:`~cyberreport.ThemeClassifier` or a
        :class:`~cyberreport.TopicModel`), of this or an older format version.  ``None``
        loads the default theme model shipped inside the package (no network).

    Returns
    -------
    ThemeClassifier or TopicModel
        A fitted estimator.

    Raises
    ------
    ModelFormatError
        If a file is missing, truncated or corrupted, a checksum does not match, the
        format version is unknown, a field is malformed, or the label set does not match
        the arrays; the message names the file and the field.

    Examples
    --------
    >>> import cyberreport as cr
    >>> model = cr.load_model()
    >>> model.predict(["加强关键信息基础设施安全保护"])
    [('security',)]
    """
    if path is None:
        with ExitStack() as stack:
            ref = resources.files("cyberreport._models").joinpath("default")
            folder = stack.enter_context(resources.as_file(ref))
            return load_dir(Path(folder))
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    if os.fspath(path) == "":
        raise ValueError("path must name a model folder, got an empty string")
    return load_dir(Path(path))


def save_model(model, path, *, metrics: dict | None = None,
               model_card: str | None = None) -> Path:
    """Save a fitted estimator to folder ``path``, atomically.

    Parameters
    ----------
    model : ThemeClassifier or TopicModel
        A fitted estimator.
    path : str or Path
        Destination folder: a new or empty folder, or one holding a cyberreport model
        (replaced atomically).  A folder holding anything else is refused and left as
        it is.
    metrics : dict, optional
        Cross-validated metrics to record (JSON-ready).
    model_card : str, optional
        Markdown text written as ``MODEL_CARD.md``.

    Returns
    -------
    Path
        The model folder.

    Raises
    ------
    FileExistsError
        ``path`` is a folder with other files in it.
    NotADirectoryError
        ``path`` is a file.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = os.path.join(tempfile.mkdtemp(), "my-model")
    >>> save_model(model, folder).name
    'my-model'
    >>> load_model(folder).predict(["开展网络安全宣传周活动"]) == model.predict(["开展网络安全宣传周活动"])
    True
    """
    model._check_fitted()
    return save_estimator(model, path, metrics=metrics, model_card=model_card)
