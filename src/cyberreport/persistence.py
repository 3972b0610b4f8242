"""Model files that never execute code when loaded.

A model is a directory:

``model.json``
    Format name and version; cyberreport, scikit-learn and numpy versions at save time;
    the label set (``classes``); the estimator's parameters; the decision thresholds;
    the tokenizer's configuration with its full dictionary and stop-word list (as data);
    the feature list and theme lexicon of the vectorizer; a SHA-256 hash of the training
    data; the cross-validated metrics when known.
``coef.npy``, ``intercept.npy``, ``idf.npy``
    NumPy arrays (float64), read with ``allow_pickle=False``.
``SHA256SUMS``
    The SHA-256 checksum of every other file, in ``sha256sum`` format.  Checked before
    any other file is parsed.
``MODEL_CARD.md`` (optional)
    Human-readable description; covered by the checksums when present.

Loading runs no code from the files: JSON is parsed, arrays are read as raw numbers,
and anything unexpected raises :class:`ModelFormatError`.  Saving writes a complete
directory next to the destination and renames it into place, so an interrupted save
never leaves a half-written model where the old one was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from contextlib import ExitStack
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["save_model", "load_model", "ModelFormatError", "FORMAT_VERSION"]

FORMAT_NAME = "cyberreport-model"
FORMAT_VERSION = 1
_ARRAYS = ("coef", "intercept", "idf")
_SUMS = "SHA256SUMS"


class ModelFormatError(Exception):
    """A model directory that is missing, incomplete, corrupted, tampered with, or of an
    unknown format version."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"numpy": np.__version__}
    for dist in ("cyberreport", "scikit-learn"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = None
    return out


def save_model(model, path, *, metrics: dict | None = None, model_card: str | None = None) -> Path:
    """Save a fitted :class:`~cyberreport.ThemeClassifier` to directory ``path``.

    Parameters
    ----------
    model : ThemeClassifier
        A fitted model.
    path : str or Path
        Destination directory; replaced atomically if it exists.
    metrics : dict, optional
        Cross-validated metrics to record (JSON-ready).
    model_card : str, optional
        Markdown text written as ``MODEL_CARD.md``.

    Returns
    -------
    Path
        The model directory.

    Examples
    --------
    >>> model.save("my-model")            # doctest: +SKIP
    >>> cr.load_model("my-model")         # doctest: +SKIP
    """
    model._check_fitted()
    dest = Path(path)
    if dest.exists() and not dest.is_dir():
        raise NotADirectoryError(f"cannot save a model to {str(dest)!r}: it is a file")
    dest.parent.mkdir(parents=True, exist_ok=True)
    vec = model.vectorizer_
    vconfig, varrays = vec.get_state()
    tok = vec.tokenizer
    meta = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "versions": _versions(),
        "classes": list(model.classes_),
        "params": _jsonable(model.get_params()),
        "thresholds": [float(t) for t in model.thresholds_],
        "multilabel": bool(getattr(model, "multilabel_", True)),
        "tokenizer": {
            "config": tok.get_config(),
            "words": [[w, t] for w, t in tok._word_list()],
            "stopwords": sorted(tok._stop_set()),
        },
        "vectorizer": vconfig,
        "training": {"sha256": getattr(model, "training_hash_", None)},
        "metrics": _jsonable(metrics if metrics is not None else getattr(model, "metrics_", None)),
        "arrays": {},
    }
    arrays = {"coef": model.coef_, "intercept": model.intercept_, "idf": varrays["idf"]}
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp creates 0700; a model is a normal folder
    old = None
    try:
        for name, arr in arrays.items():
            arr = np.ascontiguousarray(arr, dtype=np.float64)
            np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
            meta["arrays"][name] = list(arr.shape)
        (tmp / "model.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=False) + "\n", "utf-8"
        )
        if model_card is not None:
            (tmp / "MODEL_CARD.md").write_text(model_card, "utf-8")
        files = sorted(p.name for p in tmp.iterdir())
        sums = "".join(f"{_sha256(tmp / n)}  {n}\n" for n in files)
        (tmp / _SUMS).write_text(sums, "utf-8")
        for p in tmp.iterdir():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
            old.rmdir()
            os.replace(dest, old)
        os.replace(tmp, dest)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        if old is not None and old.exists() and not dest.exists():
            os.replace(old, dest)  # the new model did not get into place: put the old back
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def _jsonable(obj):
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return float(obj)
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    return repr(obj)


def _read_sums(folder: Path) -> dict[str, str]:
    sums_path = folder / _SUMS
    if not sums_path.is_file():
        raise ModelFormatError(f"{folder}: missing file {_SUMS}")
    sums = {}
    for lineno, line in enumerate(sums_path.read_text("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 64:
            raise ModelFormatError(f"{sums_path}, line {lineno}: malformed checksum line")
        name = parts[1].lstrip("*")
        if "/" in name or "\\" in name or name.startswith("."):
            raise ModelFormatError(f"{sums_path}, line {lineno}: unexpected file name {name!r}")
        sums[name] = parts[0]
    return sums


def _load_dir(folder: Path):
    from .classifier import ThemeClassifier
    from .features import SentenceVectorizer
    from .tokenize import Tokenizer

    if not folder.is_dir():
        raise ModelFormatError(f"{folder}: not a model directory (it does not exist)")
    sums = _read_sums(folder)
    required = {"model.json"} | {f"{a}.npy" for a in _ARRAYS}
    for name in sorted(required | set(sums)):
        p = folder / name
        if not p.is_file():
            raise ModelFormatError(f"{folder}: missing file {name}")
        if name not in sums:
            raise ModelFormatError(f"{folder}: file {name} has no checksum in {_SUMS}")
        if _sha256(p) != sums[name]:
            raise ModelFormatError(
                f"{folder}: checksum mismatch for {name} (the file is corrupted or was changed)"
            )
    try:
        meta = json.loads((folder / "model.json").read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFormatError(f"{folder}/model.json: not valid JSON ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise ModelFormatError(f"{folder}/model.json: not a cyberreport model file")
    version = meta.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelFormatError(
            f"{folder}/model.json: unknown format version {version!r} "
            f"(this cyberreport reads version {FORMAT_VERSION})"
        )
    arrays = {}
    for name in _ARRAYS:
        p = folder / f"{name}.npy"
        try:
            arr = np.load(p, allow_pickle=False)
        except Exception as exc:  # truncated, not an .npy file, or object arrays
            raise ModelFormatError(f"{p}: not a readable numeric array ({exc})") from exc
        if arr.dtype != np.float64:
            raise ModelFormatError(f"{p}: expected float64 values, found {arr.dtype}")
        if not np.all(np.isfinite(arr)):
            raise ModelFormatError(f"{p}: contains non-finite values")
        arrays[name] = arr
    try:
        classes = [str(c) for c in meta["classes"]]
        thresholds = np.asarray(meta["thresholds"], dtype=np.float64)
        vconf = meta["vectorizer"]
        features = vconf["features"]
        tconf = meta["tokenizer"]
        params = meta["params"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFormatError(f"{folder}/model.json: missing or malformed field ({exc})") from exc
    k, n = len(classes), len(features)
    checks = [
        (arrays["coef"].shape == (n, k), f"coef.npy has shape {arrays['coef'].shape}, expected ({n}, {k}) for {n} features and {k} labels"),
        (arrays["intercept"].shape == (k,), f"intercept.npy has shape {arrays['intercept'].shape}, expected ({k},) for {k} labels"),
        (arrays["idf"].shape == (n,), f"idf.npy has shape {arrays['idf'].shape}, expected ({n},)"),
        (thresholds.shape == (k,), f"{len(thresholds)} thresholds for {k} labels"),
        (len(set(classes)) == k and k > 0, "the label set is empty or has duplicates"),
    ]
    for ok, msg in checks:
        if not ok:
            raise ModelFormatError(f"{folder}: label set does not match the arrays: {msg}")
    try:
        cfg = tconf["config"]
        tok = Tokenizer(
            stopwords=cfg["stopwords"], numbers=cfg["numbers"], keep_punct=cfg["keep_punct"],
            keep_titles=cfg["keep_titles"], hmm=cfg["hmm"],
        )
        tok._words = tuple((str(w), None if t is None else str(t)) for w, t in tconf["words"])
        tok._stop = frozenset(str(w) for w in tconf["stopwords"])
        vec = SentenceVectorizer.from_state(vconf, {"idf": arrays["idf"]}, tok)
        init_params = {p: params[p] for p in ThemeClassifier._get_param_names() if p in params}
        if isinstance(init_params.get("char_ngram_range"), list):
            init_params["char_ngram_range"] = tuple(init_params["char_ngram_range"])
        model = ThemeClassifier(**init_params)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFormatError(f"{folder}/model.json: malformed configuration ({exc})") from exc
    model.classes_ = classes
    model.vectorizer_ = vec
    model.coef_ = arrays["coef"]
    model.intercept_ = arrays["intercept"]
    model.thresholds_ = thresholds
    model.multilabel_ = bool(meta.get("multilabel", True))
    model.n_features_ = n
    model.training_hash_ = meta.get("training", {}).get("sha256")
    model.metrics_ = meta.get("metrics")
    model.metadata_ = {k: meta[k] for k in ("format_version", "created", "versions") if k in meta}
    return model


def load_model(path=None):
    """Load a theme model; by default the one bundled with cyberreport.

    Parameters
    ----------
    path : str or Path, optional
        A model directory written by :meth:`ThemeClassifier.save`.  ``None`` loads the
        default model shipped inside the package (no network).

    Returns
    -------
    ThemeClassifier
        A fitted model.

    Raises
    ------
    ModelFormatError
        If a file is missing, truncated or corrupted, a checksum does not match, the
        format version is unknown, or the label set does not match the arrays.

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
            return _load_dir(Path(folder))
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    return _load_dir(Path(path))
