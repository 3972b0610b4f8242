"""The two baselines every evaluation reports: cue-word matching and the naive
jieba + TF-IDF + logistic-regression pipeline a user would write."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from ..taxonomy import THEME_IDS, THEMES
from ..text import normalize

__all__ = ["CueMatcher", "NaivePipeline", "naive_tokens"]


class CueMatcher:
    """Baseline: predict a theme when one of its taxonomy cue words occurs in the text.

    Examples
    --------
    >>> CueMatcher().predict(["开展网络安全检查"])
    [('security',)]
    """

    def __init__(self, cues: dict[str, Sequence[str]] | None = None):
        self.cues = cues

    def fit(self, X=None, y=None) -> "CueMatcher":
        cues = self.cues or {t.id: t.cues for t in THEMES}
        self.classes_ = list(cues)
        self.cues_ = {k: tuple(v) for k, v in cues.items()}
        return self

    def predict(self, X) -> list[tuple[str, ...]]:
        if not hasattr(self, "cues_"):
            self.fit()

        out = []
        for text in X:
            t = normalize(text)
            out.append(tuple(c for c in self.classes_ if any(w in t for w in self.cues_[c])))
        return out


def naive_tokens(texts) -> list[list[str]]:
    """``jieba.lcut`` of each text: what the naive pipeline's vectorizer sees, computed
    once for every fold of a cross-validation."""
    import jieba

    jieba.setLogLevel(60)
    return [jieba.lcut(t) for t in texts]


def _as_is(tokens):
    return tokens


class NaivePipeline:
    """Baseline: ``TfidfVectorizer(tokenizer=jieba.lcut)`` + one-vs-rest logistic
    regression, trained on whole paragraphs (what a user would write themselves).

    With ``pretokenized=True`` ``fit`` and ``predict`` take the texts' ``jieba.lcut``
    token lists (:func:`naive_tokens`) instead of the texts: the same features, without
    cutting the same texts again in every fold.  The regressions run with one BLAS
    thread: lbfgs on these small problems gains nothing from more, and on a loaded
    machine the extra threads only spin.
    """

    def __init__(self, classes: Sequence[str] | None = None, pretokenized: bool = False):
        self.classes = classes
        self.pretokenized = pretokenized

    def fit(self, X, y) -> "NaivePipeline":
        import jieba
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import MultiLabelBinarizer

        from .._parallel import blas_threads

        jieba.setLogLevel(60)
        classes = self.classes
        if classes is None:
            seen = {lab for labs in y for lab in labs}
            classes = list(THEME_IDS) if seen <= set(THEME_IDS) else sorted(seen)
        self.mlb_ = MultiLabelBinarizer(classes=list(classes))
        Y = self.mlb_.fit_transform(y)
        vectorizer = (TfidfVectorizer(analyzer=_as_is) if self.pretokenized else
                      TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None,
                                      lowercase=False))
        self.pipe_ = make_pipeline(
            vectorizer, OneVsRestClassifier(LogisticRegression(max_iter=1000)),
        )
        with warnings.catch_warnings(), blas_threads(1):
            warnings.simplefilter("ignore")  # labels with no positive example in a fold
            self.pipe_.fit(list(X), Y)
        return self

    def predict(self, X) -> list[tuple[str, ...]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            P = self.pipe_.predict(list(X))
        return [tuple(c for c, v in zip(self.mlb_.classes_, row) if v) for row in P]
