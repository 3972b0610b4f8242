"""Retraining on the user's own labelled data.

:func:`read_labelled` reads and validates labelled data (JSONL, CSV, a folder of them, or
``(text, labels)`` pairs) and says, with file name and line, what it skipped and why;
:func:`train` fits a :class:`~cyberreport.ThemeClassifier` on it (with or without the
bundled corpus) and cross-validates it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Paragraph, _parse_record
from .taxonomy import THEME_IDS
from .text import normalize

__all__ = [
    "train", "TrainResult", "read_labelled", "LabelledData", "DataIssue", "DataError",
    "FewExamplesWarning",
]

MIN_EXAMPLES = 3


class DataError(ValueError):
    """Labelled data that cannot be used; the message names the file and line."""


class FewExamplesWarning(UserWarning):
    """A label has too few examples to be learned reliably."""


@dataclass(frozen=True)
class DataIssue:
    """A problem found in the input: where, and what (and what was done about it)."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}, line {self.line}"
        return f"{where}: {self.message}"


@dataclass
class LabelledData:
    """Validated labelled data.

    Attributes
    ----------
    items : list of str or Paragraph
        The texts (a :class:`~cyberreport.Paragraph` when the record carries sentence
        labels).
    labels : list of tuple of str
    origins : list of (source, line)
        Where each item came from.
    skipped : list of DataIssue
        Every record that was not used, with the reason.
    notes : list of DataIssue
        Things done to the data that did not drop information (exact duplicates kept once).
    """

    items: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    origins: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def texts(self) -> list[str]:
        return [x if isinstance(x, str) else x.text for x in self.items]

    def summary(self) -> str:
        lines = [f"{len(self.items)} labelled texts used"]
        if self.notes:
            lines.append(f"{len(self.notes)} notes:")
            lines += [f"  {n}" for n in self.notes]
        if self.skipped:
            lines.append(f"{len(self.skipped)} records skipped:")
            lines += [f"  {s}" for s in self.skipped]
        return "\n".join(lines)


# -- reading ------------------------------------------------------------------------
def _labels_value(value, source, line, issues, split_str: bool):
    if isinstance(value, str) and split_str:
        return tuple(v.strip() for v in value.split(";") if v.strip())
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        issues.append(DataIssue(
            source, line,
            f"labels must be a list of strings, got {type(value).__name__} {value!r:.60}; record skipped",
        ))
        return None
    return tuple(v.strip() for v in value if v.strip())


def _check_text(text, source, line, issues, field_name):
    if not isinstance(text, str):
        what = "missing" if text is None else f"not a string ({type(text).__name__})"
        issues.append(DataIssue(source, line, f"field {field_name!r} is {what}; record skipped"))
        return None
    if not normalize(text):
        issues.append(DataIssue(source, line, "empty text; record skipped"))
        return None
    return text


def _read_jsonl(path: str, text_field: str, labels_field: str, out: list, issues: list):
    try:
        stream = open(path, encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot open ({exc.strerror})") from None
    with stream:
        try:
            for lineno, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    issues.append(DataIssue(path, lineno, f"invalid JSON ({exc.msg} at column {exc.colno}); record skipped"))
                    continue
                if not isinstance(obj, dict):
                    issues.append(DataIssue(path, lineno, f"expected a JSON object, got {type(obj).__name__}; record skipped"))
                    continue
                if isinstance(obj.get("sentences"), list):  # corpus schema, sentence labels
                    seen = {
                        lab for st in obj["sentences"] if isinstance(st, dict)
                        for lab in (st.get("labels") or []) if isinstance(lab, str)
                    }
                    try:
                        rec = _parse_record(obj, path, lineno, seen)
                    except ValueError as exc:
                        issues.append(DataIssue(path, lineno, f"{str(exc).split(': ', 1)[-1]}; record skipped"))
                        continue
                    out.append((rec, rec.labels, path, lineno))
                    continue
                text = _check_text(obj.get(text_field), path, lineno, issues, text_field)
                if text is None:
                    continue
                if labels_field not in obj:
                    issues.append(DataIssue(path, lineno, f"missing field {labels_field!r}; record skipped"))
                    continue
                labs = _labels_value(obj[labels_field], path, lineno, issues, split_str=False)
                if labs is None:
                    continue
                out.append((text, labs, path, lineno))
        except UnicodeDecodeError:
            raise DataError(f"{path}: not UTF-8 text") from None


def _read_csv(path: str, text_field: str, labels_field: str, out: list, issues: list):
    try:
        raw = Path(path).read_text("utf-8-sig")
    except OSError as exc:
        raise DataError(f"{path}: cannot open ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    reader = csv.reader(io.StringIO(raw, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(f"{path}: empty CSV file") from None
    except csv.Error as exc:
        raise DataError(f"{path}, line 1: malformed CSV header ({exc})") from None
    names = [h.strip() for h in header]
    missing = [f for f in (text_field, labels_field) if f not in names]
    if missing:
        raise DataError(
            f"{path}, line 1: CSV header has no column {', '.join(map(repr, missing))} "
            f"(columns: {', '.join(names)})"
        )
    ti, li = names.index(text_field), names.index(labels_field)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            issues.append(DataIssue(path, start, f"malformed CSV row ({exc}); record skipped"))
            continue
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(names):
            issues.append(DataIssue(
                path, start,
                f"malformed CSV row: {len(row)} fields, the header has {len(names)}; record skipped",
            ))
            continue
        text = _check_text(row[ti], path, start, issues, text_field)
        if text is None:
            continue
        labs = _labels_value(row[li], path, start, issues, split_str=True)
        out.append((text, labs, path, start))


def read_labelled(
    data,
    *,
    text_field: str = "text",
    labels_field: str = "labels",
    on_error: str = "skip",
) -> LabelledData:
    """Read and validate labelled data.

    Parameters
    ----------
    data : str, Path, or sequence of (text, labels) pairs
        A JSONL file (objects with ``text`` and ``labels`` — a list of label strings — or
        records in the corpus schema with sentence labels), a CSV file (a ``text`` column
        and a ``labels`` column of ``;``-separated labels), a folder of such files, or
        pairs whose labels are a list of strings or a ``;``-separated string.
    text_field, labels_field : str
        Field (column) names.
    on_error : {"skip", "raise"}, default="skip"
        ``"skip"`` leaves out bad records and lists them in ``skipped``; ``"raise"`` raises
        :class:`DataError` at the first one.

    Returns
    -------
    LabelledData

    Raises
    ------
    DataError
        For an unreadable file, a CSV without the needed columns, or (with
        ``on_error="raise"``) any bad record; the message names the file and line.

    Examples
    --------
    >>> d = read_labelled([("加强关键信息基础设施保护", ["security"])])
    >>> d.labels
    [('security',)]
    """
    if on_error not in ("skip", "raise"):
        raise ValueError(f"on_error must be 'skip' or 'raise', got {on_error!r}")
    raw: list = []
    issues: list = []
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".jsonl", ".csv"))
            if not files:
                raise DataError(f"{path}: folder has no .jsonl or .csv files")
        elif path.exists():
            files = [path]
        else:
            raise DataError(f"{path}: no such file or folder")
        for f in files:
            if f.suffix.lower() == ".csv":
                _read_csv(str(f), text_field, labels_field, raw, issues)
            elif f.suffix.lower() in (".jsonl", ".ndjson", ".json"):
                _read_jsonl(str(f), text_field, labels_field, raw, issues)
            else:
                raise DataError(f"{f}: unknown file type (expected .jsonl or .csv)")
    else:
        if isinstance(data, (bytes, str)):
            raise TypeError("data must be a path or a sequence of (text, labels) pairs")
        try:
            pairs = list(data)
        except TypeError:
            raise TypeError(
                f"data must be a path or a sequence of (text, labels) pairs, got {type(data).__name__}"
            ) from None
        for i, pair in enumerate(pairs):
            src = "data"
            if isinstance(pair, Paragraph):
                raw.append((pair, pair.labels, src, i))
                continue
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                issues.append(DataIssue(src, i, f"item {i} is not a (text, labels) pair; skipped"))
                continue
            text = _check_text(pair[0], src, i, issues, "text")
            if text is None:
                continue
            labs = _labels_value(pair[1], src, i, issues, split_str=True)
            if labs is None:
                continue
            raw.append((text, labs, src, i))
    if issues and on_error == "raise":
        raise DataError(str(issues[0]))
    return _deduplicate(raw, issues)


def _deduplicate(raw, issues) -> LabelledData:
    """Exact duplicates (same normalised text, same labels) are kept once and noted;
    duplicates with conflicting labels are all left out and reported."""
    out = LabelledData(skipped=list(issues))
    by_text: dict[str, list[int]] = {}
    for i, (item, labs, src, line) in enumerate(raw):
        key = normalize(item if isinstance(item, str) else item.text)
        by_text.setdefault(key, []).append(i)
    drop = set()
    for key, idxs in by_text.items():
        if len(idxs) < 2:
            continue
        label_sets = {frozenset(raw[i][1]) for i in idxs}
        where = ", ".join(_where(raw[i][2], raw[i][3]) for i in idxs)
        if len(label_sets) > 1:
            for i in idxs:
                drop.add(i)
                variants = "; ".join(sorted("|".join(sorted(s)) or "(none)" for s in label_sets))
                out.skipped.append(DataIssue(
                    raw[i][2], raw[i][3],
                    f"the same text appears with conflicting labels ({variants}) at {where}; "
                    "all copies skipped — fix the labels",
                ))
        else:
            for i in idxs[1:]:
                drop.add(i)
            out.notes.append(DataIssue(
                raw[idxs[0]][2], raw[idxs[0]][3],
                f"the same text with the same labels appears {len(idxs)} times ({where}); kept once",
            ))
    for i, (item, labs, src, line) in enumerate(raw):
        if i not in drop:
            out.items.append(item)
            out.labels.append(tuple(dict.fromkeys(labs)))
            out.origins.append((src, line))
    return out


def _where(src, line) -> str:
    return f"{src}:{line}" if line is not None else src


# -- training -----------------------------------------------------------------------
@dataclass
class TrainResult:
    """What :func:`train` produced.

    Attributes
    ----------
    model : ThemeClassifier
        Fitted on all the data.
    report : CVReport or None
        Cross-validated figures of the same configuration (``None`` if ``cv`` was 0).
    data : LabelledData
        The user's validated data (what was used, skipped and noted).
    n_base : int
        Bundled-corpus paragraphs added (0 when ``base=False``).
    label_counts : dict
        Label -> number of training texts carrying it.
    params : dict
        The estimator parameters used.
    """

    model: object
    report: object
    data: LabelledData
    n_base: int
    label_counts: dict
    params: dict
    n_pseudo: int = 0

    def __str__(self) -> str:
        lines = [
            f"trained on {len(self.data) + self.n_base} texts "
            f"({len(self.data)} yours, {self.n_base} from the bundled corpus"
            + (f", {self.n_pseudo} pseudo-labelled" if self.n_pseudo else "") + ")",
            "labels: " + ", ".join(f"{k} ({v})" for k, v in self.label_counts.items()),
        ]
        if self.data.skipped or self.data.notes:
            lines.append(self.data.summary())
        if self.report is not None:
            lines.append("")
            lines.append(self.report.format())
        return "\n".join(lines)


def _default_params(base: bool, classes: Sequence[str], n: int) -> dict:
    """The configuration to fit: the default model's for taxonomy themes; for a custom
    label set (measured in ``benchmarks/bench_retrain.py``), whole-text scoring without
    the taxonomy lexicon on character 1–2-grams with ``C=10`` and the label names as
    prior examples weighted like a labelled text, plus the domain tokenizer's words
    beyond 5,000 texts (with fewer, word features over-fit a few examples per class)."""
    if base or set(classes) <= set(THEME_IDS):
        return {}
    return {
        "unit": "document", "use_lexicon": False, "C": 10.0, "char_ngram_range": (1, 2),
        "prior_weight": 1.0, "use_words": n > 5000,
    }


def _check_params(params, estimator) -> dict:
    """``params`` as a new dict, or a clear error when it is not a mapping of the
    estimator's parameter names."""
    from collections.abc import Mapping
    from inspect import signature

    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise TypeError(
            f"params must be a dict of {estimator.__name__} parameters, got {type(params).__name__}"
        )
    allowed = set(signature(estimator).parameters)
    unknown = sorted((k for k in params if k not in allowed), key=repr)
    if unknown:
        raise ValueError(
            f"params has unknown keys {unknown}; expected {estimator.__name__} parameters "
            f"among {sorted(allowed)}"
        )
    return dict(params)


def _say(progress: bool, msg: str) -> None:
    if progress:
        sys.stderr.write(f"\r\033[K{msg}")
        sys.stderr.flush()


def train(
    data,
    *,
    labels: Sequence[str] | None = None,
    base: bool = True,
    random_state: int = 0,
    params: dict | None = None,
    label_descriptions: dict[str, str] | None = None,
    unlabeled: Iterable[str] | None = None,
    cv: int | None = 5,
    n_jobs: int | None = None,
    on_error: str = "skip",
    progress: bool | None = None,
) -> TrainResult:
    """Train a theme model on your labelled data and report how good it is.

    Parameters
    ----------
    data : str, Path or sequence of (text, labels) pairs
        See :func:`read_labelled`.
    labels : sequence of str, optional
        The label set.  With ``base=True`` it must be taxonomy ids (the default is all
        13); with ``base=False`` it is inferred from the data when not given.
    base : bool, default=True
        Add the bundled 2016 corpus (with its sentence labels) to your data.  With
        ``base=True`` every label must be a taxonomy id.
    random_state : int, default=0
    params : dict, optional
        :class:`~cyberreport.ThemeClassifier` parameters that replace the defaults
        one by one (``params={"C": 3}`` changes ``C`` only).  ``labels``,
        ``label_descriptions`` and ``random_state`` are ``train``'s own arguments; in
        ``params`` they may only repeat them.  The defaults: the default
        model's configuration for taxonomy themes; for a custom label set, whole-text
        scoring without the taxonomy lexicon, with settings by data size (see
        ``docs/retraining.md``).
    label_descriptions : dict, optional
        Label -> short description (e.g. a Chinese name for an English label id), used
        as prior knowledge for labels outside the taxonomy.
    unlabeled : iterable of str, optional
        Unlabelled texts for one round of self-training (single-label data only): among
        the most confident fifth of these texts, the most confident predictions of each
        class (up to 100 per class) are added as training examples and the model is
        fitted again.
    cv : int or None, default=5
        Folds of the cross-validated report (grouped by province for corpus records);
        ``None`` or ``0`` skips it.
    n_jobs : int, optional
        Parallel processes for the cross-validation.
    on_error : {"skip", "raise"}, default="skip"
        What to do with bad records (see :func:`read_labelled`).
    progress : bool, optional
        Show progress on stderr; by default only when stderr is a terminal.

    Returns
    -------
    TrainResult

    Raises
    ------
    DataError
        Unreadable data, or with ``base=True`` labels that are not taxonomy ids (the
        message names them and the lines they came from).
    TypeError
        If ``params`` is not a mapping.
    ValueError
        If ``params`` has a key that is not a :class:`~cyberreport.ThemeClassifier`
        parameter, or sets ``labels``, ``label_descriptions`` or ``random_state`` to a
        value other than ``train``'s own (``params=result.params`` of an earlier run is
        fine).

    Warns
    -----
    FewExamplesWarning
        For each label with fewer than 3 training texts.

    Examples
    --------
    >>> result = train([("开展网络安全检查", ["security"])] * 1, cv=None)   # doctest: +SKIP
    >>> result.model.predict(["开展网络安全宣传周活动"])                    # doctest: +SKIP
    """
    import numpy as np

    from .classifier import ThemeClassifier
    from .corpus import load_corpus
    from .evaluation import cross_validate

    params = _check_params(params, ThemeClassifier)
    if progress is None:
        progress = sys.stderr.isatty()
    _say(progress, "reading data")
    user = read_labelled(data, on_error=on_error)
    if not len(user) and not base:
        raise DataError("no usable labelled texts" + (":\n" + user.summary() if user.skipped else ""))
    # -- the label set
    if base:
        classes = list(labels) if labels is not None else list(THEME_IDS)
        bad_set = [c for c in classes if c not in THEME_IDS]
        if bad_set:
            raise DataError(f"with base=True the labels must be taxonomy ids; not ids: {bad_set}")
    else:
        classes = list(labels) if labels is not None else sorted({l for ls in user.labels for l in ls})
    valid = set(classes)
    unknown: dict[str, list[str]] = {}
    for labs, (src, line) in zip(user.labels, user.origins):
        for lab in labs:
            if lab not in valid:
                unknown.setdefault(lab, []).append(_where(src, line))
    if unknown:
        detail = "; ".join(
            f"{lab!r} ({', '.join(w[:5])}{' …' if len(w) > 5 else ''})" for lab, w in sorted(unknown.items())
        )
        hint = (" Use base=False (--no-base) to train a custom label set." if base else
                f" The label set is: {', '.join(classes)}.")
        raise DataError(f"unknown labels: {detail}.{hint}")
    # -- the training set
    items = list(user.items)
    y = list(user.labels)
    groups = [f"user:{i}" for i in range(len(items))]
    n_base = 0
    if base:
        corpus = load_corpus()
        items += list(corpus)
        y += [p.labels for p in corpus]
        groups += corpus.groups
        n_base = len(corpus)
    counts = {c: sum(c in ls for ls in y) for c in classes}
    for c, n in counts.items():
        if n < MIN_EXAMPLES:
            warnings.warn(
                f"label {c!r} has only {n} training text{'s' if n != 1 else ''}; "
                f"it needs at least {MIN_EXAMPLES} to be learned reliably",
                FewExamplesWarning, stacklevel=2,
            )
    descriptions = dict(label_descriptions) if label_descriptions else None
    for key, value in (("labels", classes), ("label_descriptions", descriptions),
                       ("random_state", random_state)):
        # train's own arguments; a params dict from an earlier run may repeat them
        given = params.pop(key, None)
        if given is not None and (list(given) if key == "labels" else given) != value:
            raise ValueError(
                f"params[{key!r}] is {given!r} but train uses {key}={value!r}; "
                f"pass {key} as train's own argument"
            )
    chosen = dict(_default_params(base, classes, len(items)), **params)
    if descriptions:
        chosen["label_descriptions"] = descriptions
    chosen = dict(chosen, labels=classes, random_state=random_state)
    # -- fit, optionally self-train
    _say(progress, f"fitting on {len(items)} texts")
    model = ThemeClassifier(**chosen).fit(items, y)
    n_pseudo = 0
    if unlabeled is not None:
        if model.multilabel_:
            warnings.warn("unlabeled texts are used for single-label data only; ignored", stacklevel=2)
        else:
            pool = [t for t in unlabeled if isinstance(t, str) and normalize(t)]
            if pool:
                _say(progress, f"self-training on {len(pool)} unlabelled texts")
                proba = model.predict_proba(pool)
                best, conf = proba.argmax(1), proba.max(1)
                # Only the most confident fifth of the pool is eligible, at most 100 texts
                # per class: a small or hard pool adds few, uncertain texts add none.
                cut = np.quantile(conf, 0.8)
                add_x, add_y = [], []
                for j, c in enumerate(model.classes_):
                    idx = np.where((best == j) & (conf >= cut))[0]
                    idx = idx[np.argsort(-conf[idx], kind="stable")][:100]
                    add_x += [pool[i] for i in idx]
                    add_y += [(c,)] * len(idx)
                n_pseudo = len(add_x)
                model = ThemeClassifier(**chosen).fit(items + add_x, y + add_y)
    # -- cross-validated report of the same configuration
    report = None
    if cv:
        n_groups = len(set(groups))
        folds = min(int(cv), n_groups)
        if folds >= 2:
            _say(progress, f"cross-validating ({folds} folds)")
            report = cross_validate(
                ThemeClassifier(**chosen), items, y, groups=groups, n_folds=folds,
                n_jobs=n_jobs, random_state=random_state,
            )
            model.metrics_ = {"cross_validation": report.to_dict()}
    _say(progress, "")
    if progress:
        sys.stderr.write("\r\033[K")
    return TrainResult(model, report, user, n_base, counts, chosen, n_pseudo)
