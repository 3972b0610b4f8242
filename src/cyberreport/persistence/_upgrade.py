"""Older model-file versions, upgraded on load to the current one (never refused because
they are old)."""

from __future__ import annotations

from ..exceptions import ModelFormatError

__all__ = ["upgrade"]


def _v1_to_v2(meta: dict) -> dict:
    """Version 1 (cyberreport 0.1): a ThemeClassifier whose tokenizer and vectorizer sat at
    the top level, with the 0.1 parameter names (``cv_folds``, ``unit="document"``)."""
    params = dict(meta.get("params") or {})
    if "cv_folds" in params:
        params["cv"] = params.pop("cv_folds")
    if params.get("unit") in ("document", "paragraph"):
        params["unit"] = "text"
    vectorizer = dict(meta["vectorizer"])
    vectorizer["tokenizer"] = meta["tokenizer"]
    state = {
        "classes": meta["classes"],
        "thresholds": meta["thresholds"],
        "multilabel": meta.get("multilabel", True),
        "unit": params.get("unit", "sentence"),
        "vectorizer": vectorizer,
        "training": meta.get("training") or {},
        "metrics": meta.get("metrics"),
    }
    out = {k: meta[k] for k in ("format", "created", "versions", "arrays") if k in meta}
    out.update(format_version=2, estimator="ThemeClassifier", params=params, state=state,
               upgraded_from=1)
    return out


_STEPS = {1: _v1_to_v2}


def upgrade(meta: dict, current: int, where: str) -> dict:
    """``meta`` brought to format version ``current`` step by step."""
    version = meta.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ModelFormatError(f"{where}: unknown format version {version!r} (not a number)")
    if version > current:
        raise ModelFormatError(
            f"{where}: format version {version} is newer than this cyberreport reads "
            f"({current}); upgrade cyberreport")
    while version < current:
        step = _STEPS.get(version)
        if step is None:
            raise ModelFormatError(f"{where}: unknown format version {version!r}")
        try:
            meta = step(meta)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelFormatError(
                f"{where}: malformed version-{version} model file ({exc!r})") from None
        version = meta["format_version"]
    return meta
