"""The theme classifier (``features -> model -> predictions``): :class:`ThemeClassifier`.

It learns from *sentences*: a paragraph carries a theme when one of its sentences
supports it, so the model scores every sentence and a document's score for a theme is
its best sentence's.  Few-shot data is stretched with prior knowledge from the taxonomy:
the theme lexicon's terms and the taxonomy's definitions enter training as short,
down-weighted examples of their theme, and lexicon hits are features whose weights are
learned.  Per-theme decision thresholds are chosen by cross-validation inside ``fit``.

Prediction needs numpy only (scikit-learn is imported by ``fit``), which keeps
``cyberreport.load_model().predict(...)`` quick to start.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from numbers import Integral, Real

import numpy as np

from .._deprecation import renamed_kwargs, renamed_value
from .._texts import check_texts, text_of
from .._validation import Interval, Options, ParamsMixin
from ..corpus import Paragraph
from ..exceptions import NotFittedError
from ..features._lexicon import MARKER_PREFIX, lexicon_theme, theme_lexicon
from ..taxonomy import THEME_IDS
from ._fitting import fit_for, oof_thresholds
from ._predicting import PredictionMixin
from ._state import from_state, get_state
from ._targets import choose_classes, label_sets_of

__all__ = ["ThemeClassifier"]

_UNIT_RENAMES = {"document": "text", "paragraph": "text"}
_THRESHOLD = [None, Interval(Real, 0, 1, "neither")]


class ThemeClassifier(PredictionMixin, ParamsMixin):
    """Multi-label work-theme classifier built for few-shot data.

    Parameters
    ----------
    C : float, default=4.0
        Inverse regularisation strength of the per-theme logistic regressions.
    char_ngram_range : tuple of int, default=(1, 3)
        Character n-gram sizes of the ``c:`` feature block.
    use_words : bool, default=True
        Add the domain tokenizer's words as features.
    use_lexicon : bool, default=True
        Add theme-lexicon hits as features.
    lexicon_weight : float, default=1.0
        Scale of the lexicon features.  A larger scale makes the same coefficient cost
        less regularisation, i.e. trusts the lexicon more relative to n-grams.
    prior_weight : float, default=0.3
        Sample weight of the prior examples (lexicon terms and definition terms);
        ``0`` trains on the labelled data alone.
    class_weight : {"balanced", None}, default="balanced"
        Class weighting of each per-theme regression.
    threshold : "cv" or float, default="cv"
        ``"cv"`` chooses each theme's decision threshold by grouped cross-validation
        inside ``fit``; a float in (0, 1) uses that threshold for every theme.
    cv : int, default=5
        Folds of the threshold cross-validation (``cv_folds`` in 0.1).
    labels : sequence of str, optional
        The label set (``classes_``).  By default the taxonomy's 13 theme ids when all
        given labels are theme ids, else the sorted labels seen in ``y``.
    unit : {"sentence", "text"}, default="sentence"
        What the model scores: every sentence (a text's score for a class is its best
        sentence's — right for themes that one statement supports), or the whole text
        (right for labels of the text as a whole, such as a news category; ``"document"``
        in 0.1).
    multilabel : "auto" or bool, default="auto"
        ``False`` predicts exactly one class per text (the most probable); ``True`` every
        class above its threshold; ``"auto"`` decides from ``y`` in ``fit`` (single-label
        when every training text has exactly one label).
    label_descriptions : dict, optional
        Label -> short description (e.g. its Chinese name), used as prior training
        examples for labels outside the taxonomy (weighted by ``prior_weight``).
    min_df : "auto" or int, default="auto"
        A feature of labelled training units enters the vocabulary when at least this
        many of them have it; ``"auto"``: 1 below 500 labelled texts (few-shot data
        needs every n-gram), 3 from there (rare n-grams of large sets do not recur).
    negative_min_df : int, default=30
        A feature seen only in training units without a label (texts outside 网信 work)
        enters the vocabulary when at least this many of them have it.
    use_relevance : "auto" or bool, default="auto"
        Learn whether a sentence reports 网信 work at all (training units without a label
        are its negatives: give texts outside 网信 work with an empty label list) and
        gate every theme by it, so that a theme needs a relevant sentence as evidence.
        ``"auto"``: for multi-label taxonomy themes.
    random_state : int, default=0
        Seed of the cross-validation split and the solver.
    threshold_beta : float, default=1.0
        With ``threshold="cv"``, the thresholds maximise out-of-fold F-beta: ``1`` is F1,
        below 1 favours precision (fewer themes, each more often right), above 1 recall.

    Attributes
    ----------
    classes_ : list of str
        Theme ids, in taxonomy order for the built-in label set.
    thresholds_ : ndarray of shape (n_classes,)
        Decision threshold of each class.
    coef_ : ndarray of shape (n_features, n_classes)
    intercept_ : ndarray of shape (n_classes,)
    vectorizer_ : SentenceVectorizer
    multilabel_ : bool
    n_features_ : int
    training_hash_ : str
        SHA-256 of the training data (texts and labels).

    Examples
    --------
    >>> import cyberreport as cr
    >>> clf = cr.ThemeClassifier().fit(cr.load_corpus())     # sentence labels are used
    >>> clf.predict(["开展关键信息基础设施网络安全检查"])
    [('security',)]
    """

    _parameter_constraints = {
        "C": [Interval(Real, 0, None, "neither")],
        "use_words": ["boolean"],
        "use_lexicon": ["boolean"],
        "lexicon_weight": [Interval(Real, 0, None, "left")],
        "prior_weight": [Interval(Real, 0, None, "left")],
        "class_weight": [Options(("balanced",)), None],
        "threshold": [Options(("cv",)), Interval(Real, 0, 1, "neither")],
        "cv": [Interval(Integral, 2, None, "left")],
        "threshold_beta": [Interval(Real, 0, None, "neither")],
        "unit": [Options(("sentence", "text", "document", "paragraph"))],
        "multilabel": [Options(("auto", True, False))],
        "label_descriptions": [None, "mapping"],
        "use_relevance": [Options(("auto", True, False))],
        "negative_min_df": [Interval(Integral, 1, None, "left")],
        "min_df": [Options(("auto",)), Interval(Integral, 1, None, "left")],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        C: float = 4.0,
        char_ngram_range: tuple[int, int] = (1, 3),
        use_words: bool = True,
        use_lexicon: bool = True,
        lexicon_weight: float = 1.0,
        prior_weight: float = 0.3,
        class_weight: str | None = "balanced",
        threshold: str | float = "cv",
        cv: int = 5,
        labels: Sequence[str] | None = None,
        unit: str = "sentence",
        multilabel: str | bool = "auto",
        label_descriptions: dict[str, str] | None = None,
        use_relevance: str | bool = "auto",
        min_df: str | int = "auto",
        negative_min_df: int = 30,
        random_state: int = 0,
        threshold_beta: float = 1.0,
        **deprecated,
    ):
        cv = renamed_kwargs("ThemeClassifier", deprecated, {"cv_folds": "cv"}).get("cv", cv)
        self.C = C
        self.char_ngram_range = char_ngram_range
        self.use_words = use_words
        self.use_lexicon = use_lexicon
        self.lexicon_weight = lexicon_weight
        self.prior_weight = prior_weight
        self.class_weight = class_weight
        self.threshold = threshold
        self.cv = cv
        self.labels = labels
        self.unit = unit
        self.multilabel = multilabel
        self.label_descriptions = label_descriptions
        self.use_relevance = use_relevance
        self.min_df = min_df
        self.negative_min_df = negative_min_df
        self.random_state = random_state
        self.threshold_beta = threshold_beta

    # -- scikit-learn protocol ----------------------------------------------------
    def __sklearn_tags__(self):
        from sklearn.utils import InputTags, Tags, TargetTags

        return Tags(
            estimator_type=None,
            target_tags=TargetTags(required=True, multi_output=True),
            input_tags=InputTags(string=True, two_d_array=False),
            non_deterministic=False,
        )

    def _validate_params(self) -> None:
        super()._validate_params()
        r = self.char_ngram_range
        if (not isinstance(r, (tuple, list)) or len(r) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10
                           for v in r) or r[0] > r[1]):
            raise ValueError("char_ngram_range must be (min_n, max_n) with 0 <= min_n <= "
                             f"max_n <= 10, got {r!r}")
        d = self.label_descriptions
        if d is not None and not all(isinstance(k, str) and isinstance(v, str)
                                     for k, v in d.items()):
            raise ValueError("label_descriptions must be a dict of str -> str")

    # -- training -------------------------------------------------------------------
    def fit(self, X, y=None) -> "ThemeClassifier":
        """Fit the classifier.

        Parameters
        ----------
        X : sequence of str, of :class:`~cyberreport.Paragraph` or of Record
            Texts, or labelled corpus paragraphs (then their sentence labels are learned
            from directly).
        y : sequence of label lists, or indicator matrix of shape (n, n_classes)
            The labels of each text; optional when ``X`` holds labelled paragraphs.

        Returns
        -------
        self
        """
        self._validate_params()
        unit = renamed_value("unit", self.unit, _UNIT_RENAMES, owner="ThemeClassifier")
        items = check_texts(X)
        if not items:
            raise ValueError("cannot fit on an empty X")
        label_sets = label_sets_of(items, y, self.labels)
        classes = choose_classes(label_sets, self.labels)
        taxonomy_themes = set(classes) <= set(THEME_IDS)
        lexicon = {k: v for k, v in theme_lexicon().items()
                   if lexicon_theme(k) in classes
                   or (taxonomy_themes and k.startswith(MARKER_PREFIX))}
        self.classes_ = classes
        self.unit_ = unit
        self.multilabel_ = (
            any(len(set(labs)) != 1 for labs in label_sets)
            if self.multilabel == "auto" else bool(self.multilabel)
        )
        gated = (self.multilabel_ and taxonomy_themes
                 if self.use_relevance == "auto" else bool(self.use_relevance))
        self.scorer_ = fit_for(self, items, label_sets, classes, lexicon, unit, gated)
        if self.threshold == "cv" and self.multilabel_:
            self.thresholds_, self.cv_doc_scores_ = oof_thresholds(
                self, items, label_sets, classes, lexicon, unit, gated)
        else:  # a fixed threshold, or single-label (argmax) prediction
            t = 0.5 if self.threshold == "cv" else float(self.threshold)
            self.thresholds_ = np.full(len(classes), t)
        self.n_features_ = len(self.scorer_.vectorizer.features_)
        self.training_hash_ = _training_hash(items, label_sets)
        return self

    # -- fitted state -----------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "scorer_"):
            raise NotFittedError(
                "this ThemeClassifier is not fitted yet; call fit() or use "
                "cyberreport.load_model()"
            )

    @property
    def coef_(self) -> np.ndarray:
        """Coefficients of the themes, shape (n_features, n_classes)."""
        self._check_fitted()
        return self.scorer_.coef[:, :self.scorer_.n_classes]

    @property
    def intercept_(self) -> np.ndarray:
        """Intercepts of the themes, shape (n_classes,)."""
        self._check_fitted()
        return self.scorer_.intercept[:self.scorer_.n_classes]

    @property
    def vectorizer_(self):
        self._check_fitted()
        return self.scorer_.vectorizer

    # -- persistence ------------------------------------------------------------------
    def save(self, path) -> None:
        """Save the fitted model to folder ``path`` atomically (see
        :func:`cyberreport.load_model` for the format)."""
        from .._modelfile import save_estimator

        self._check_fitted()
        save_estimator(self, path)

    def _get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """The fitted state as JSON-ready data and named arrays (the model-file protocol)."""
        self._check_fitted()
        return get_state(self)

    @classmethod
    def _from_state(cls, params: dict, state: dict, arrays: dict) -> "ThemeClassifier":
        """A fitted model from :meth:`_get_state`'s data (validated by the loader)."""
        return from_state(cls, params, state, arrays)


def _training_hash(items, label_sets) -> str:
    h = hashlib.sha256()
    for x, labs in zip(items, label_sets):
        if isinstance(x, Paragraph):
            h.update(b"P" + x.text.encode("utf-8"))
            for s in x.sentences:
                h.update(b"S" + s.text.encode("utf-8") + ("|".join(s.labels)).encode())
        else:
            h.update(b"T" + text_of(x).encode("utf-8"))
        h.update(b"L" + "|".join(sorted(labs)).encode("utf-8"))
    return h.hexdigest()
