"""The two baselines every evaluation reports: cue-word matching and the naive
jieba + TF-IDF + logistic-regression pipeline a user would write."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from ..taxonomy import THEME_IDS, THEMES
from ..text import normalize

__all__ = ["CueMatcher", "NaivePipeline"]


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


class NaivePipeline:
    """Baseline: ``TfidfVectorizer(tokenizer=jieba.lcut)`` + one-vs-rest logistic
    regression, trained on whole paragraphs (what a user would write themselves)."""

    def __init__(self, classes: Sequence[str] | None = None):
        self.classes = classes

    def fit(self, X, y) -> "NaivePipeline":
        import jieba
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import MultiLabelBinarizer

        jieba.setLogLevel(60)
        classes = self.classes
        if classes is None:
            seen = {lab for labs in y for lab in labs}
            classes = list(THEME_IDS) if seen <= set(THEME_IDS) else sorted(seen)
        self.mlb_ = MultiLabelBinarizer(classes=list(classes))
        Y = self.mlb_.fit_transform(y)
        self.pipe_ = make_pipeline(
            TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None, lowercase=False),
            OneVsRestClassifier(LogisticRegression(max_iter=1000)),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # labels with no positive example in a fold
            self.pipe_.fit(list(X), Y)
        return self

    def predict(self, X) -> list[tuple[str, ...]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            P = self.pipe_.predict(list(X))
        return [tuple(c for c, v in zip(self.mlb_.classes_, row) if v) for row in P]
