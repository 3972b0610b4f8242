"""One training set-up for :func:`train`, :func:`find_label_issues` and the command line:
the label set, the user's data merged with the bundled corpus, and the default
configuration for the data at hand."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..exceptions import DataError, FewExamplesWarning
from ..taxonomy import THEME_IDS
from ._labelled import LabelledData, read_labelled

__all__ = ["TrainingSet", "prepare", "default_params", "check_params", "MIN_EXAMPLES"]

MIN_EXAMPLES = 3


@dataclass(frozen=True)
class TrainingSet:
    """What a model is fitted on.

    Attributes
    ----------
    user : LabelledData
        The user's validated data.
    items, y, groups : list
        Texts (or corpus paragraphs), their label tuples and their cross-validation
        groups: the user's first, then the bundled corpus's (grouped by province).
    classes : list of str
        The label set.
    n_base : int
        Bundled-corpus paragraphs added.
    """

    user: LabelledData
    items: list
    y: list
    groups: list
    classes: list
    n_base: int

    @property
    def custom(self) -> bool:
        """True for a label set outside the taxonomy."""
        return not set(self.classes) <= set(THEME_IDS)

    def label_counts(self) -> dict:
        """Label -> number of training texts carrying it."""
        return {c: sum(c in ls for ls in self.y) for c in self.classes}


def _where(src, line) -> str:
    return f"{src}:{line}" if line is not None else src


def prepare(data, *, labels: Sequence[str] | None = None, base: bool = True,
            on_error: str = "skip", min_texts: int = 1, stacklevel: int = 2) -> TrainingSet:
    """Read ``data`` (see :func:`read_labelled`), decide the label set, check every label
    against it (naming the lines of unknown ones), add the bundled corpus when ``base``,
    and warn (:class:`~cyberreport.exceptions.FewExamplesWarning`) for labels with fewer
    than 3 texts.

    Raises
    ------
    DataError
        No usable texts of the user's (when ``base=False``, or fewer than
        ``min_texts``), labels outside the label set, or with ``base=True`` labels that are
        not taxonomy ids.
    """
    from ..corpus import load_corpus

    user = read_labelled(data, on_error=on_error)
    where = f"{os.fspath(data)}: " if isinstance(data, (str, os.PathLike)) else ""
    first = f" (first problem: {user.skipped[0]})" if user.skipped else ""
    if len(user) < max(min_texts, 1):
        # never a model of the bundled corpus alone when the user's data is unusable
        raise DataError(f"{where}no usable labelled texts{first}" if not len(user) else
                        f"{where}{len(user)} usable labelled text(s); at least {min_texts} "
                        f"are needed{first}")
    if base:
        classes = list(labels) if labels is not None else list(THEME_IDS)
        bad_set = [c for c in classes if c not in THEME_IDS]
        if bad_set:
            raise DataError(f"with base=True the labels must be taxonomy ids; not ids: {bad_set}")
    else:
        classes = (list(labels) if labels is not None
                   else sorted({lab for ls in user.labels for lab in ls}))
        if not classes:
            raise DataError(f"{where}the data has no labels: every text's label list is empty"
                            + (" (and labels= is empty)" if labels is not None else "")
                            + first)
        if len({frozenset(ls) for ls in user.labels}) < 2:
            raise DataError(
                f"{where}every usable text has the same labels ({', '.join(user.labels[0])}): "
                f"there is nothing to tell apart; add texts with other labels, or without a "
                f"label{first}")
    valid = set(classes)
    unknown: dict[str, list[str]] = {}
    for labs, (src, line) in zip(user.labels, user.origins):
        for lab in labs:
            if lab not in valid:
                unknown.setdefault(lab, []).append(_where(src, line))
    if unknown:
        detail = "; ".join(
            f"{lab!r} ({', '.join(w[:5])}{' …' if len(w) > 5 else ''})"
            for lab, w in sorted(unknown.items())
        )
        hint = (" Use base=False (--no-base) to train a custom label set." if base else
                f" The label set is: {', '.join(classes)}.")
        raise DataError(f"unknown labels: {detail}.{hint}")
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
    ts = TrainingSet(user, items, y, groups, classes, n_base)
    for c, n in ts.label_counts().items():
        if n < MIN_EXAMPLES:
            warnings.warn(
                f"label {c!r} has only {n} training text{'s' if n != 1 else ''}; "
                f"it needs at least {MIN_EXAMPLES} to be learned reliably",
                FewExamplesWarning, stacklevel=stacklevel + 1,
            )
    return ts


def default_params(ts: TrainingSet) -> dict:
    """The configuration to fit, the one place it is decided: the default model's for
    taxonomy themes; for a custom label set (measured in ``benchmarks/bench_retrain.py``),
    whole-text scoring without the taxonomy lexicon on character 1–2-grams with ``C=10``
    and the label names as prior examples weighted like a labelled text, plus the domain
    tokenizer's words beyond 5,000 texts (with fewer, word features over-fit a few
    examples per class)."""
    if ts.n_base or not ts.custom:
        return {}
    return {
        "unit": "text", "use_lexicon": False, "C": 10.0, "char_ngram_range": (1, 2),
        "prior_weight": 1.0, "use_words": len(ts.items) > 5000, "min_df": 1,
    }


def check_params(params, estimator) -> dict:
    """``params`` as a new dict, or a clear error when it is not a mapping of the
    estimator's parameter names."""
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
