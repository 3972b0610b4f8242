"""The default model's training data: the bundled labelled sets, the bundled off-domain
paragraphs' training split and the public data sets' training texts (never their test
parts)."""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

__all__ = ["TRAINING_SETS", "datasets_dir", "offdomain_split", "nlpcc_split", "fewclue_texts",
           "external_negatives", "training_data"]

#: The bundled labelled sets the default model learns from (``data/README.md``).
TRAINING_SETS = ("corpus", "dev", "contrastive_train", "realdev", "train", "train_sentences")
#: Texts outside 网信 work from the public data sets, per source.
N_NLPCC, N_TNEWS = 10_000, 3_000


def datasets_dir() -> Path | None:
    """``CYBERREPORT_DATASETS`` or ``../shared/datasets`` beside the source tree, if there."""
    env = os.environ.get("CYBERREPORT_DATASETS")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "datasets"
    return path if path.is_dir() else None


def offdomain_split(pid: str) -> str:
    """The fixed split of an off-domain paragraph: ``"dev"`` (30%) or ``"train"``."""
    return "dev" if int(hashlib.sha256(pid.encode()).hexdigest(), 16) % 10 < 3 else "train"


def nlpcc_split(root: Path):
    """NLPCC 2017 headlines split as ``benchmarks/bench_retrain.py`` splits them:
    ``(train texts, train labels, test texts, test labels)`` (stratified, seed 0)."""
    from sklearn.model_selection import train_test_split

    path = root / "nlpcc2017_headlines" / "headlines.tsv"
    rows = [line.rstrip("\n").split("\t", 1) for line in path.open(encoding="utf-8")]
    X, y = [r[1] for r in rows], [r[0] for r in rows]
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    return Xtr, ytr, Xte, yte


def fewclue_texts(root: Path, task: str, part: str) -> list[str]:
    path = root / "fewclue" / task / f"{part}.json"
    if not path.exists():
        return []
    key = "sentence" if task == "tnews" else "content"
    return [json.loads(line)[key] for line in path.open(encoding="utf-8")]


def external_negatives(root: Path | None) -> tuple[list[str], dict]:
    """Training texts of the public data sets (never their test parts), seeded samples."""
    if root is None:
        return [], {}
    rng = random.Random(0)
    out, used = [], {}
    if (root / "nlpcc2017_headlines" / "headlines.tsv").exists():
        Xtr = nlpcc_split(root)[0]
        sample = rng.sample(Xtr, min(N_NLPCC, len(Xtr)))
        out += sample
        used["NLPCC 2017 training headlines"] = len(sample)
    tnews = fewclue_texts(root, "tnews", "train_few_all") + fewclue_texts(root, "tnews", "unlabeled")
    if tnews:
        sample = rng.sample(tnews, min(N_TNEWS, len(tnews)))
        out += sample
        used["TNEWS training and unlabelled headlines"] = len(sample)
    return out, used


def training_data(root: Path | None = None, *, exclude: tuple[str, ...] = ()):
    """``(items, label lists, sources)``: the bundled labelled sets, the off-domain
    paragraphs' training split, and the public data sets' training texts."""
    from .corpus import load_corpus

    items, y, sources = [], [], {}
    for name in TRAINING_SETS:
        if name in exclude:
            continue
        try:
            c = load_corpus(bundled=name)
        except (FileNotFoundError, ValueError):
            continue
        items += list(c)
        y += [p.labels for p in c]
        sources[name] = len(c)
    off = [p for p in load_corpus(bundled="offdomain") if offdomain_split(p.id) == "train"]
    items += off
    y += [() for _ in off]
    sources["offdomain (train split)"] = len(off)
    neg, used = external_negatives(root)
    items += neg
    y += [() for _ in neg]
    sources.update(used)
    return items, y, sources
