"""The schema of a model file: every field of ``model.json`` checked for its type and
range before a model is built from it, so that a tampered or damaged file fails with a
:class:`~cyberreport.ModelFormatError` naming the file and the field, never with an
error deep inside the code (or a model that silently predicts nothing, everything, or
slowly).

What is checked, for each estimator: the parameters (with the estimator's own
constraints, as its constructor and ``fit`` check them), and every field of the fitted
state — strings are strings without lone surrogates, numbers are finite and in range,
lists have the length of the arrays, lexicon patterns are safe (see
:func:`~cyberreport.features._lexicon.pattern_problem`), nothing is nested deeper than the
format nests it.
"""

from __future__ import annotations

import math

from ..exceptions import InvalidParameterError, ModelFormatError

__all__ = ["check_theme_classifier", "check_topic_model"]

MAX_NGRAM = 10
MAX_WEIGHT = 1e6
MAX_DEPTH = 32
MAX_ITEMS = 10_000_000


class _Field:
    """A field of model.json being checked, for messages: ``field state.thresholds[3]``."""

    def __init__(self, folder, path: str = ""):
        self.folder, self.path = folder, path

    def __truediv__(self, key) -> "_Field":
        part = f"[{key}]" if isinstance(key, int) else (f".{key}" if self.path else str(key))
        return _Field(self.folder, self.path + part)

    def fail(self, message: str):
        raise ModelFormatError(f"{self.folder}/model.json: field {self.path or '(top)'}: {message}")


def _type(v) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "an integer", float: "a number", type(None): "null"}.get(type(v), type(v).__name__)


def _str(f: _Field, v, *, empty: bool = False, max_len: int = 1_000_000) -> str:
    if not isinstance(v, str):
        f.fail(f"must be a string, got {_type(v)}")
    if not v and not empty:
        f.fail("must not be empty")
    if len(v) > max_len:
        f.fail(f"longer than {max_len:,} characters")
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        f.fail("has a lone surrogate (such as \\ud800), which is not a character")
    return v


def _bool(f: _Field, v) -> bool:
    if not isinstance(v, bool):
        f.fail(f"must be true or false, got {_type(v)}")
    return v


def _int(f: _Field, v, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        f.fail(f"must be an integer, got {_type(v)}")
    if not lo <= v <= hi:
        f.fail(f"must be an integer in [{lo}, {hi}], got {v if abs(v) < 10**12 else 'a huge number'}")
    return v


def _num(f: _Field, v, lo: float, hi: float) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        f.fail(f"must be a number, got {_type(v)}")
    try:
        x = float(v)
    except OverflowError:
        f.fail("is a number too large to use")
    if not math.isfinite(x) or not lo <= x <= hi:
        f.fail(f"must be a finite number in [{lo:g}, {hi:g}], got {x!r}")
    return x


def _list(f: _Field, v, *, max_len: int = MAX_ITEMS) -> list:
    if not isinstance(v, list):
        f.fail(f"must be an array, got {_type(v)}")
    if len(v) > max_len:
        f.fail(f"has more than {max_len:,} items")
    return v


def _obj(f: _Field, v) -> dict:
    if not isinstance(v, dict):
        f.fail(f"must be an object, got {_type(v)}")
    return v


def _strings(f: _Field, v, *, unique: bool = False, max_len: int = 1_000_000) -> list:
    items = _list(f, v)
    for i, s in enumerate(items):
        _str(f / i, s, max_len=max_len)
    if unique and len(set(items)) != len(items):
        f.fail("has duplicates")
    return items


def _json_data(f: _Field, v, depth: int = 0) -> None:
    """Free-form data (metrics): JSON values nested at most MAX_DEPTH deep."""
    if depth > MAX_DEPTH:
        f.fail(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(v, dict):
        for k, x in v.items():
            _json_data(f / _str(f, k, empty=True), x, depth + 1)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            _json_data(f / i, x, depth + 1)
    elif isinstance(v, str):
        _str(f, v, empty=True)
    elif not (v is None or isinstance(v, (bool, int, float))):
        f.fail(f"unexpected {_type(v)}")


def _params(f: _Field, params: dict, estimator) -> None:
    """The estimator's parameters, with its own constraints."""
    from .._validation import check_value

    for name, value in params.items():
        _str(f / "(name)", name)
        if isinstance(value, float) and not math.isfinite(value):
            (f / name).fail(f"must be a finite number, got {value!r}")
        if name in estimator._parameter_constraints:
            try:
                check_value(name, value, estimator._parameter_constraints[name])
            except InvalidParameterError as exc:
                (f / name).fail(str(exc))


# -- the theme classifier ------------------------------------------------------------
def _ngram_range(f: _Field, v) -> None:
    r = _list(f, v, max_len=3)
    if len(r) != 2:
        f.fail(f"must be [min_n, max_n], got {len(r)} numbers")
    lo, hi = (_int(f / i, x, 1, MAX_NGRAM) for i, x in enumerate(r))
    if lo > hi:
        f.fail(f"min_n {lo} is above max_n {hi}")


def _tokenizer(f: _Field, t) -> None:
    _obj(f, t)
    cfg = _obj(f / "config", t.get("config"))
    for key in ("stopwords", "keep_punct", "keep_titles", "hmm"):
        _bool(f / "config" / key, cfg.get(key))
    if cfg.get("numbers") not in ("keep", "fold", "drop"):
        (f / "config" / "numbers").fail(f"must be 'keep', 'fold' or 'drop', got {cfg.get('numbers')!r}")
    for key in ("extra_words", "extra_stopwords"):
        _strings(f / "config" / key, cfg.get(key, []), max_len=1000)
    words = _list(f / "words", t.get("words"))
    for i, pair in enumerate(words):
        g = f / "words" / i
        if not isinstance(pair, list) or len(pair) != 2:
            g.fail("must be [word, tag or null]")
        _str(g / 0, pair[0], max_len=1000)
        if pair[1] is not None:
            _str(g / 1, pair[1], max_len=100)
    _strings(f / "stopwords", t.get("stopwords"), max_len=1000)


def _lexicon(f: _Field, lex) -> None:
    from ..features._lexicon import pattern_problem

    _obj(f, lex)
    for key, terms in lex.items():
        g = f / _str(f, key, max_len=200)
        if key.endswith("/pattern"):
            for i, p in enumerate(_list(g, terms, max_len=1000)):
                problem = pattern_problem(p)
                if problem is not None:
                    (g / i).fail(f"unsafe pattern: {problem}")
        else:
            _strings(g, terms, max_len=1000)


def _vectorizer(f: _Field, vec, n_features: int) -> None:
    from ..features._vectorizer import BLOCKS

    _obj(f, vec)
    _ngram_range(f / "char_ngram_range", vec.get("char_ngram_range"))
    _bool(f / "use_words", vec.get("use_words"))
    weights = _obj(f / "block_weights", vec.get("block_weights"))
    for k, w in weights.items():
        if k not in BLOCKS:
            (f / "block_weights").fail(f"unknown block {k!r} (expected {', '.join(BLOCKS)})")
        _num(f / "block_weights" / k, w, 0.0, MAX_WEIGHT)
    _int(f / "min_df", vec.get("min_df", 1), 0, 2**31)
    _num(f / "weak_weight", vec.get("weak_weight", 0.5), 0.0, MAX_WEIGHT)
    _lexicon(f / "lexicon", vec.get("lexicon") or {})
    feats = _strings(f / "features", vec.get("features"), unique=True, max_len=10_000)
    if not feats:
        (f / "features").fail("is empty: a model has at least one feature")
    for i, name in enumerate(feats):
        if name[:2] not in {b + ":" for b in BLOCKS}:
            (f / "features" / i).fail(f"must start with one of {', '.join(b + ':' for b in BLOCKS)}, "
                                      f"got {name[:20]!r}")
    _tokenizer(f / "tokenizer", vec.get("tokenizer"))


def check_theme_classifier(folder, meta: dict, arrays: dict) -> None:
    """Check a ThemeClassifier's model.json (format 2) against its schema and arrays."""
    from ..classifier import ThemeClassifier

    f = _Field(folder)
    params = _obj(f / "params", meta.get("params"))
    _params(f / "params", params, ThemeClassifier)
    if "char_ngram_range" in params:
        _ngram_range(f / "params" / "char_ngram_range", params["char_ngram_range"])
    for key in ("labels",):
        if params.get(key) is not None:
            _strings(f / "params" / key, params[key], unique=True, max_len=1000)
    if params.get("label_descriptions") is not None:
        for k, v in _obj(f / "params" / "label_descriptions", params["label_descriptions"]).items():
            _str(f / "params" / "label_descriptions" / _str(f, k, max_len=1000), v, empty=True)
    s = f / "state"
    state = _obj(s, meta.get("state"))
    classes = _strings(s / "classes", state.get("classes"), unique=True, max_len=1000)
    if not classes:
        (s / "classes").fail("is empty: a model has at least one label")
    thresholds = _list(s / "thresholds", state.get("thresholds"))
    if len(thresholds) != len(classes):
        (s / "thresholds").fail(f"has {len(thresholds)} thresholds for {len(classes)} labels")
    for i, t in enumerate(thresholds):
        _num(s / "thresholds" / i, t, 0.0, 1.0)
    _bool(s / "multilabel", state.get("multilabel"))
    if state.get("unit") not in ("sentence", "text"):
        (s / "unit").fail(f"must be 'sentence' or 'text', got {state.get('unit')!r}")
    _bool(s / "relevance", state.get("relevance", False))
    _vectorizer(s / "vectorizer", state.get("vectorizer"), len(classes))
    training = state.get("training")
    if training is not None:
        _obj(s / "training", training)
        if training.get("sha256") is not None:
            _str(s / "training" / "sha256", training["sha256"], max_len=128)
    if state.get("metrics") is not None:
        _json_data(s / "metrics", _obj(s / "metrics", state["metrics"]))


# -- the topic model ---------------------------------------------------------------------
def check_topic_model(folder, meta: dict, arrays: dict) -> None:
    """Check a TopicModel's model.json (format 2) against its schema."""
    from ..topics import TopicModel

    f = _Field(folder)
    _params(f / "params", _obj(f / "params", meta.get("params")), TopicModel)
    s = f / "state"
    state = _obj(s, meta.get("state"))
    if state.get("unit") not in ("sentence", "text"):
        (s / "unit").fail(f"must be 'sentence' or 'text', got {state.get('unit')!r}")
    k = _int(s / "n_topics", state.get("n_topics"), 1, 100_000)
    vocab = _strings(s / "vocabulary", state.get("vocabulary"), unique=True, max_len=10_000)
    if not vocab:
        (s / "vocabulary").fail("is empty")
    _strings(s / "units", state.get("units"))
    topics = _list(s / "topics", state.get("topics"))
    if len(topics) != k:
        (s / "topics").fail(f"has {len(topics)} topics, n_topics is {k}")
    for i, t in enumerate(topics):
        g = s / "topics" / i
        _obj(g, t)
        _int(g / "id", t.get("id"), -1, 100_000)
        _str(g / "label", t.get("label"), empty=True, max_len=10_000)
        _int(g / "size", t.get("size"), 0, 2**62)
        for j, pair in enumerate(_list(g / "terms", t.get("terms"))):
            if not isinstance(pair, list) or len(pair) != 2:
                (g / "terms" / j).fail("must be [term, weight]")
            _str(g / "terms" / j / 0, pair[0], max_len=10_000)
            _num(g / "terms" / j / 1, pair[1], -MAX_WEIGHT, MAX_WEIGHT)
        _strings(g / "representative", t.get("representative"))
    if state.get("auto_scores") is not None:
        _json_data(s / "auto_scores", state["auto_scores"])
    _tokenizer(s / "tokenizer", state.get("tokenizer"))

