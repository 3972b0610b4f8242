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

from .._deprecation import renamed_param, renamed_value, warn_deprecated
from .._texts import check_texts, text_of
from .._validation import Interval, Options, ParamsMixin, check_value
from ..corpus import Paragraph
from ..exceptions import NotFittedError
from ..features._lexicon import lexicon_theme, theme_lexicon
from ._results import Classification
from ._fitting import fit_for, oof_thresholds
from ._state import from_state, get_state
from ._targets import choose_classes, label_sets_of
from ._thresholds import f1, labels_from_proba

__all__ = ["ThemeClassifier"]

_UNIT_RENAMES = {"document": "text", "paragraph": "text"}
_THRESHOLD = [None, Interval(Real, 0, 1, "neither")]


class ThemeClassifier(ParamsMixin):
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
    random_state : int, default=0
        Seed of the cross-validation split and the solver.

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
        "unit": [Options(("sentence", "text", "document", "paragraph"))],
        "multilabel": [Options(("auto", True, False))],
        "label_descriptions": [None, "mapping"],
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
        random_state: int = 0,
        **deprecated,
    ):
        if "cv_folds" in deprecated:
            warn_deprecated("ThemeClassifier(cv_folds=...) is deprecated since cyberreport "
                            "0.2 and will be removed in 0.4; use cv= instead")
            cv = deprecated.pop("cv_folds")
        if deprecated:
            raise TypeError(f"ThemeClassifier() got unexpected keyword argument(s) "
                            f"{', '.join(map(repr, sorted(deprecated)))}")
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
        self.random_state = random_state

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
        lexicon = {k: v for k, v in theme_lexicon().items() if lexicon_theme(k) in classes}
        self.classes_ = classes
        self.unit_ = unit
        self.multilabel_ = (
            any(len(set(labs)) != 1 for labs in label_sets)
            if self.multilabel == "auto" else bool(self.multilabel)
        )
        self.scorer_ = fit_for(self, items, label_sets, classes, lexicon, unit)
        if self.threshold == "cv" and self.multilabel_:
            self.thresholds_, self.cv_doc_scores_ = oof_thresholds(self, items, label_sets,
                                                                 classes, lexicon, unit)
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
        self._check_fitted()
        return self.scorer_.coef

    @property
    def intercept_(self) -> np.ndarray:
        self._check_fitted()
        return self.scorer_.intercept

    @property
    def vectorizer_(self):
        self._check_fitted()
        return self.scorer_.vectorizer

    # -- prediction -----------------------------------------------------------------
    def decision_function(self, X, *, n_jobs: int | None = None,
                          chunk_size: int | None = None) -> np.ndarray:
        """Document scores (log-odds of the best sentence), shape (n, n_classes).

        A text with no sentence (empty, or only whitespace) scores ``-inf``.

        Parameters
        ----------
        X : iterable of str (or of :class:`~cyberreport.Paragraph` or Record)
        n_jobs : int, optional
            Worker processes (joblib); ``None`` or ``1`` computes in this process, ``-1``
            uses all usable cores (more than the usable cores are capped, with a
            warning).  The result is identical whatever ``n_jobs``.
        chunk_size : int, optional
            Texts per chunk (default 2,000): work memory is bounded by a chunk, and a
            chunk is the unit of work of a worker.  The result does not depend on it.

        Examples
        --------
        >>> model.decision_function(["开展网络安全宣传周活动"] * 3, n_jobs=2).shape
        (3, 13)
        """
        self._check_fitted()
        from ._batch import doc_logits

        return doc_logits(self, X, n_jobs=n_jobs, chunk_size=chunk_size)

    def predict_proba(self, X, *, n_jobs: int | None = None,
                      chunk_size: int | None = None) -> np.ndarray:
        """Probability of each theme for each text, shape (n, n_classes).

        ``n_jobs`` and ``chunk_size`` as in :meth:`decision_function`.

        Examples
        --------
        >>> model.predict_proba(["开展网络安全宣传周活动"]).shape
        (1, 13)
        """
        self._check_fitted()
        from ._batch import doc_proba

        return doc_proba(self, X, n_jobs=n_jobs, chunk_size=chunk_size)

    def predict(self, X, *, threshold: float | None = None, n_jobs: int | None = None,
                chunk_size: int | None = None) -> list[tuple[str, ...]]:
        """Predicted themes of each text, as tuples of theme ids in class order.

        ``threshold`` as in :meth:`labels_from_proba`; ``n_jobs`` and ``chunk_size`` as in
        :meth:`decision_function`.

        Examples
        --------
        >>> model.predict(["加强关键信息基础设施安全保护"])
        [('security',)]
        """
        check_value("threshold", threshold, _THRESHOLD)
        proba = self.predict_proba(X, n_jobs=n_jobs, chunk_size=chunk_size)
        return self.labels_from_proba(proba, threshold=threshold)

    def labels_from_proba(self, proba, *, threshold: float | None = None
                          ) -> list[tuple[str, ...]]:
        """The labels of probabilities from :meth:`predict_proba`: the model's rule, used
        by every prediction path (``predict``, ``classify``, streaming, Dask, evaluation).

        Parameters
        ----------
        proba : array of shape (n, n_classes)
        threshold : float in (0, 1), optional
            One threshold for every class instead of the model's own (and instead of
            single-label argmax).

        Examples
        --------
        >>> model.labels_from_proba(model.predict_proba(["开展网络安全宣传周活动"]), threshold=0.99)
        [()]
        """
        self._check_fitted()
        check_value("threshold", threshold, _THRESHOLD)
        proba = np.asarray(proba, dtype=np.float64)
        if proba.ndim != 2 or proba.shape[1] != len(self.classes_):
            raise ValueError(f"proba must have shape (n, {len(self.classes_)}), got "
                             f"{proba.shape}")
        return labels_from_proba(proba, self.classes_, self.thresholds_,
                                 multilabel=self.multilabel_, threshold=threshold)

    def score(self, X, y) -> float:
        """Document-level micro-averaged F1 of ``predict(X)`` against ``y``."""
        label_sets = label_sets_of(check_texts(X), y, self.labels)
        pred = self.predict(X)
        Y = np.array([[c in labs for c in self.classes_] for labs in label_sets], dtype=bool)
        P = np.array([[c in labs for c in self.classes_] for labs in pred], dtype=bool)
        return f1(Y, P)

    @renamed_param("top_terms", "top_n")
    def classify(self, text: str, *, threshold: float | None = None,
                 top_n: int = 5) -> Classification:
        """Classify one text and explain the result.

        Parameters
        ----------
        text : str
        threshold : float in (0, 1), optional
            Use this threshold for every theme instead of the model's own.
        top_n : int, default=5
            How many weighing terms to report per evidence sentence (``top_terms`` in
            0.1).

        Returns
        -------
        Classification

        Examples
        --------
        >>> model.classify("开展“净网”专项行动，关闭违法违规网站。").labels
        ('content_governance',)
        """
        self._check_fitted()
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        return self._explain([text], threshold, top_n)[0]

    def _explain(self, texts, threshold, top_n) -> list[Classification]:
        from ._explain import explain

        check_value("threshold", threshold, _THRESHOLD)
        check_value("top_n", top_n, [Interval(Integral, 0, None, "left")])
        return explain(self.scorer_, texts, self.classes_,
                       lambda proba: self.labels_from_proba(proba, threshold=threshold),
                       threshold=threshold, thresholds=self.thresholds_, top_n=top_n)

    def classify_many(self, texts, *, threshold: float | None = None, top_n: int = 5,
                      n_jobs: int | None = None,
                      chunk_size: int | None = None) -> list[Classification]:
        """:meth:`classify` for each text of an iterable, in order, with the batched
        kernel.

        ``n_jobs`` and ``chunk_size`` as in :meth:`decision_function`.

        Examples
        --------
        >>> [c.labels for c in model.classify_many(["建设县级融媒体中心。"], n_jobs=2)]
        [('media_convergence',)]
        """
        self._check_fitted()
        check_value("threshold", threshold, _THRESHOLD)
        from ._batch import classify_many

        return classify_many(self, texts, threshold=threshold, top_n=top_n, n_jobs=n_jobs,
                             chunk_size=chunk_size)

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
