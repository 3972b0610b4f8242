"""The theme classifier (``features -> model -> predictions`` in the data flow).

:class:`ThemeClassifier` learns from *sentences*: a paragraph carries a theme when one
of its sentences supports it, so the model scores every sentence and a document's score
for a theme is its best sentence's.  Few-shot data is stretched with prior knowledge
from the taxonomy: the theme lexicon's terms and the taxonomy's definitions enter
training as short, down-weighted examples of their theme, and lexicon hits are features
whose weights are learned.  Per-theme decision thresholds are chosen by cross-validation
inside ``fit``.

Prediction needs numpy only (scikit-learn is imported by ``fit``), which keeps
``cyberreport.load_model().predict(...)`` quick to start.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .features import SentenceVectorizer, lexicon_theme, linear_scores, theme_lexicon
from .taxonomy import THEME_IDS, THEMES, get_theme
from ._validation import ParamsMixin
from ._inputs import as_texts_iterable, check_text_item
from .text import normalize, sentence_spans as _sentence_spans
from .tokenize import Tokenizer

__all__ = ["ThemeClassifier", "Classification", "Evidence"]


# -- input validation ---------------------------------------------------------------
def _check_texts(X, name: str = "X") -> list:
    """Return ``X`` as a list of str (or corpus Paragraphs), or raise a clear error."""
    items = list(as_texts_iterable(X, name))
    for i, x in enumerate(items):
        check_text_item(x, i, name)
    return items


def _split(text: str) -> tuple[str, list[tuple[int, int]]]:
    norm = normalize(text)
    return norm, _sentence_spans(norm)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


# -- outputs --------------------------------------------------------------------------
@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a theme.

    Attributes
    ----------
    sentence : str
    start, end : int
        Character offsets of the sentence in :attr:`Classification.text`.
    score : float
        The sentence's probability for the theme.
    terms : tuple of str
        The terms of the sentence that weighed most for the theme.
    """

    sentence: str
    start: int
    end: int
    score: float
    terms: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "score": round(float(self.score), 6),
            "terms": list(self.terms),
        }


@dataclass(frozen=True)
class Classification:
    """The themes of one text, with scores and evidence.

    Attributes
    ----------
    text : str
        The normalised text that was classified (evidence offsets refer to it).
    labels : tuple of str
        Predicted theme ids, in taxonomy order.
    scores : dict
        Theme id -> probability, for every class of the model.
    evidence : dict
        Predicted theme id -> tuple of :class:`Evidence`, best first.
    """

    text: str
    labels: tuple[str, ...]
    scores: dict[str, float]
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready representation."""
        return {
            "text": self.text,
            "labels": list(self.labels),
            "scores": {k: round(float(v), 6) for k, v in self.scores.items()},
            "evidence": {k: [e.to_dict() for e in v] for k, v in self.evidence.items()},
        }

    def __repr__(self) -> str:
        head = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        lines = [f"Classification({head!r})"]
        if not self.labels:
            lines.append("  (no theme)")
        for lab in self.labels:
            ev = self.evidence.get(lab, ())
            terms = ", ".join(ev[0].terms) if ev else ""
            lines.append(f"  {lab:<22} {self.scores[lab]:.2f}  {terms}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        for lab in self.labels:
            name = _display_name(lab)
            for e in self.evidence.get(lab, ()):
                rows.append(
                    f"<tr><td>{html.escape(name)}</td><td>{self.scores[lab]:.2f}</td>"
                    f"<td>{html.escape(e.sentence)}</td>"
                    f"<td>{html.escape('、'.join(e.terms))}</td></tr>"
                )
        if not rows:
            rows.append("<tr><td colspan='4'>(no theme)</td></tr>")
        return (
            "<table><thead><tr><th>theme</th><th>score</th><th>evidence</th>"
            "<th>terms</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )


def _display_name(label: str) -> str:
    try:
        t = get_theme(label)
    except KeyError:
        return label
    return f"{t.id} ({t.name_zh})"


# -- prior knowledge ------------------------------------------------------------------
_CLAUSE_RE = re.compile(r"[,;:，；：、()（）/]|\band\b|\bor\b")
_HAN_RE = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff+A-Za-z0-9]*")


def _prior_examples(classes: Sequence[str], lexicon: dict[str, Sequence[str]],
                    descriptions: dict[str, str] | None = None):
    """Short training examples from prior knowledge: for taxonomy themes every lexicon
    term and every Chinese term of the theme's definition; for other labels the label's
    description (and the label itself when it is Chinese).  Each is labelled with its
    class."""
    examples: list[tuple[str, str]] = []
    descriptions = descriptions or {}
    for theme in classes:
        if theme not in THEME_IDS:
            for text in (descriptions.get(theme), theme):
                if text and _HAN_RE.search(text):
                    examples.append((normalize(text), theme))
            continue
        terms: list[str] = [
            term for key, v in lexicon.items()
            if lexicon_theme(key) == theme and not key.endswith("/pattern") for term in v
        ]
        if theme in THEME_IDS:
            t = get_theme(theme)
            terms += list(t.cues)
            terms += _HAN_RE.findall(t.definition)
            terms.append(t.name_zh)
        seen = set()
        for term in terms:
            term = normalize(term)
            if len(term) >= 2 and term not in seen:
                seen.add(term)
                examples.append((term, theme))
    return examples


# -- the estimator --------------------------------------------------------------------
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
    cv_folds : int, default=5
        Folds of the threshold cross-validation.
    labels : sequence of str, optional
        The label set (``classes_``).  By default the taxonomy's 13 theme ids when all
        given labels are theme ids, else the sorted labels seen in ``y``.
    unit : {"sentence", "document"}, default="sentence"
        What the model scores: every sentence (a text's score for a class is its best
        sentence's — right for themes that one statement supports), or the whole text
        (right for labels of the text as a whole, such as a news category).
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

    Examples
    --------
    >>> import cyberreport as cr
    >>> corpus = cr.load_corpus()
    >>> clf = cr.ThemeClassifier().fit(corpus)            # sentence labels are used
    >>> clf.predict(["开展关键信息基础设施网络安全检查"])  # doctest: +SKIP
    [('security',)]
    """

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
        cv_folds: int = 5,
        labels: Sequence[str] | None = None,
        unit: str = "sentence",
        multilabel: str | bool = "auto",
        label_descriptions: dict[str, str] | None = None,
        random_state: int = 0,
    ):
        self.C = C
        self.char_ngram_range = char_ngram_range
        self.use_words = use_words
        self.use_lexicon = use_lexicon
        self.lexicon_weight = lexicon_weight
        self.prior_weight = prior_weight
        self.class_weight = class_weight
        self.threshold = threshold
        self.cv_folds = cv_folds
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

    # -- parameter and target validation ------------------------------------------
    def _validate_params(self) -> None:
        if isinstance(self.C, bool) or not isinstance(self.C, (int, float)) or not self.C > 0:
            raise ValueError(f"C must be a positive number, got {self.C!r}")
        r = self.char_ngram_range
        if (
            not isinstance(r, (tuple, list)) or len(r) != 2
            or not all(isinstance(v, int) and v >= 0 for v in r) or r[0] > r[1]
        ):
            raise ValueError(f"char_ngram_range must be (min_n, max_n) with 0 <= min_n <= max_n, got {r!r}")
        if not isinstance(self.lexicon_weight, (int, float)) or self.lexicon_weight < 0:
            raise ValueError(f"lexicon_weight must be a number >= 0, got {self.lexicon_weight!r}")
        if not isinstance(self.prior_weight, (int, float)) or self.prior_weight < 0:
            raise ValueError(f"prior_weight must be a number >= 0, got {self.prior_weight!r}")
        if self.class_weight not in ("balanced", None):
            raise ValueError(f"class_weight must be 'balanced' or None, got {self.class_weight!r}")
        t = self.threshold
        if not (t == "cv" or (isinstance(t, (int, float)) and not isinstance(t, bool) and 0 < t < 1)):
            raise ValueError(f"threshold must be 'cv' or a number in (0, 1), got {t!r}")
        if isinstance(self.cv_folds, bool) or not isinstance(self.cv_folds, int) or self.cv_folds < 2:
            raise ValueError(f"cv_folds must be an int >= 2, got {self.cv_folds!r}")
        if self.unit not in ("sentence", "document"):
            raise ValueError(f"unit must be 'sentence' or 'document', got {self.unit!r}")
        if self.multilabel not in ("auto", True, False):
            raise ValueError(f"multilabel must be 'auto', True or False, got {self.multilabel!r}")
        d = self.label_descriptions
        if d is not None and not (
            isinstance(d, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in d.items())
        ):
            raise ValueError("label_descriptions must be a dict of str -> str")

    def _label_sets(self, items, y) -> list[tuple[str, ...]]:
        from .corpus import Paragraph

        if y is None:
            if not all(isinstance(x, Paragraph) for x in items):
                raise TypeError("y is required unless X holds labelled corpus Paragraphs")
            return [x.labels for x in items]
        if hasattr(y, "toarray"):
            y = y.toarray()
        if isinstance(y, np.ndarray) and y.ndim == 2:
            names = list(self.labels) if self.labels is not None else list(THEME_IDS)
            if y.shape[1] != len(names):
                raise ValueError(
                    f"y is an indicator matrix with {y.shape[1]} columns but the label set "
                    f"has {len(names)} ({', '.join(names)}); pass labels=[...] to name "
                    "the columns"
                )
            if y.shape[0] != len(items):
                raise ValueError(f"X has {len(items)} texts but y has {y.shape[0]} rows")
            return [tuple(n for n, v in zip(names, row) if v) for row in y]
        if isinstance(y, (str, bytes)):
            raise TypeError("y must be a sequence of label lists, got a single string")
        y = list(y)
        if len(y) != len(items):
            raise ValueError(f"X has {len(items)} texts but y has {len(y)} label lists")
        out = []
        for i, labs in enumerate(y):
            if isinstance(labs, str):
                labs = (labs,)
            try:
                labs = tuple(labs)
            except TypeError:
                raise TypeError(
                    f"y[{i}] must be a list of label strings, got {type(labs).__name__}"
                ) from None
            for lab in labs:
                if not isinstance(lab, str):
                    raise TypeError(f"y[{i}] contains {lab!r}; labels must be strings")
            out.append(labs)
        return out

    def _choose_classes(self, label_sets) -> list[str]:
        seen = {lab for labs in label_sets for lab in labs}
        if self.labels is not None:
            classes = list(dict.fromkeys(self.labels))
            unknown = sorted(seen - set(classes))
            if unknown:
                raise ValueError(f"y has labels {unknown} that are not in labels={classes}")
            return classes
        if seen <= set(THEME_IDS):
            return list(THEME_IDS)
        return sorted(seen)

    # -- training -------------------------------------------------------------------
    def _units(self, items, label_sets, classes):
        """Training sentences of the documents: (sentence, label set or None, doc index)."""
        from .corpus import Paragraph

        units = []
        if self.unit == "document":
            for d, (x, labs) in enumerate(zip(items, label_sets)):
                text = normalize(x if isinstance(x, str) else x.text)
                units.append((text, set(labs), d))
            return units
        for d, (x, labs) in enumerate(zip(items, label_sets)):
            if isinstance(x, Paragraph):
                for s in x.sentences:
                    units.append((normalize(s.text), set(s.labels), d))
            else:
                norm, spans = _split(x)
                docset = set(labs)
                for a, b in spans:
                    units.append((norm[a:b], None if docset else set(), d))
        return units

    def _fit_core(self, units, doc_labels, classes, lexicon):
        """Fit vectorizer and regressions on sentence units (+ priors); returns state."""
        from sklearn.linear_model import LogisticRegression

        k = len(classes)
        col = {c: i for i, c in enumerate(classes)}
        texts = [u[0] for u in units]
        Y = np.zeros((len(units), k), dtype=np.int8)
        weights = np.ones(len(units))
        vec = SentenceVectorizer(
            char_ngram_range=tuple(self.char_ngram_range),
            use_words=self.use_words,
            lexicon=lexicon if self.use_lexicon else None,
            block_weights={"L": float(self.lexicon_weight)},
        )
        priors = (
            _prior_examples(classes, lexicon, self.label_descriptions)
            if self.prior_weight > 0 else []
        )
        all_texts = texts + [p[0] for p in priors]
        vec.fit(all_texts)
        X_units = vec.transform(texts)
        # Sentences of documents labelled only at document level: a document label goes
        # to the sentences whose lexicon hits or best score point to it (see _assign).
        pending = [i for i, u in enumerate(units) if u[1] is None]
        for i, u in enumerate(units):
            if u[1] is not None:
                for lab in u[1]:
                    Y[i, col[lab]] = 1
        if pending:
            Y = self._assign(units, pending, doc_labels, classes, col, X_units, vec, Y)
        if priors:
            X_prior = vec.transform([p[0] for p in priors])
            Y_prior = np.zeros((len(priors), k), dtype=np.int8)
            for j, (_, theme) in enumerate(priors):
                Y_prior[j, col[theme]] = 1
            from scipy.sparse import vstack

            X_all = vstack([X_units, X_prior]).tocsr()
            Y_all = np.vstack([Y, Y_prior])
            w_all = np.concatenate([weights, np.full(len(priors), float(self.prior_weight))])
        else:
            X_all, Y_all, w_all = X_units, Y, weights
        coef = np.zeros((X_all.shape[1], k))
        intercept = np.full(k, -10.0)
        for j in range(k):
            yj = Y_all[:, j]
            if yj.min() == yj.max():  # a class with no positive (or no negative) example
                intercept[j] = 10.0 if yj.min() == 1 else -10.0
                continue
            lr = LogisticRegression(
                C=float(self.C),
                class_weight=self.class_weight,
                solver="liblinear",
                dual=True,
                max_iter=1000,
                random_state=self.random_state,
            )
            lr.fit(X_all, yj, sample_weight=w_all)
            coef[:, j] = lr.coef_[0]
            intercept[j] = lr.intercept_[0]
        return vec, coef, intercept

    def _assign(self, units, pending, doc_labels, classes, col, X_units, vec, Y):
        """Give the sentences of document-labelled texts their labels: a document label
        goes to its sentences with a lexicon hit for it, or to all its sentences when
        none has one."""
        lex = vec._matcher
        owners = vec._owners
        by_doc: dict[int, list[int]] = {}
        for i in pending:
            by_doc.setdefault(units[i][2], []).append(i)
        for d, idxs in by_doc.items():
            for lab in doc_labels[d]:
                hits = []
                if lex is not None:
                    for i in idxs:
                        found = lex.finditer(units[i][0])
                        if any(lab == lexicon_theme(k) for m in found for k in owners[m.group()]):
                            hits.append(i)
                for i in hits or idxs:
                    Y[i, col[lab]] = 1
        return Y

    def fit(self, X, y=None) -> "ThemeClassifier":
        """Fit the classifier.

        Parameters
        ----------
        X : sequence of str or of :class:`~cyberreport.Paragraph`
            Texts, or labelled corpus paragraphs (then their sentence labels are
            learned from directly).
        y : sequence of label lists, or indicator matrix of shape (n, n_classes)
            The labels of each text; optional when ``X`` holds labelled paragraphs.

        Returns
        -------
        self
        """
        self._validate_params()
        items = _check_texts(X)
        if not items:
            raise ValueError("cannot fit on an empty X")
        label_sets = self._label_sets(items, y)
        classes = self._choose_classes(label_sets)
        lexicon = {k: v for k, v in theme_lexicon().items() if lexicon_theme(k) in classes}
        units = self._units(items, label_sets, classes)
        doc_labels = [set(labs) for labs in label_sets]
        self.classes_ = classes
        self.multilabel_ = (
            any(len(set(labs)) != 1 for labs in label_sets)
            if self.multilabel == "auto" else bool(self.multilabel)
        )
        self.vectorizer_, self.coef_, self.intercept_ = self._fit_core(
            units, doc_labels, classes, lexicon
        )
        if self.threshold == "cv" and self.multilabel_:
            self.thresholds_ = self._cv_thresholds(items, label_sets, classes, lexicon)
        else:  # a fixed threshold, or single-label (argmax) prediction
            t = 0.5 if self.threshold == "cv" else float(self.threshold)
            self.thresholds_ = np.full(len(classes), t)
        self.n_features_ = len(self.vectorizer_.features_)
        self.training_hash_ = _training_hash(items, label_sets)
        return self

    def _cv_thresholds(self, items, label_sets, classes, lexicon) -> np.ndarray:
        """Per-class thresholds maximising out-of-fold document F1, shrunk toward the
        best single threshold so that rare classes do not over-fit."""
        n = len(items)
        folds = min(self.cv_folds, n)
        k = len(classes)
        if folds < 2:
            return np.full(k, 0.5)
        rng = np.random.RandomState(self.random_state)
        order = rng.permutation(n)
        fold_of = np.empty(n, dtype=int)
        fold_of[order] = np.arange(n) % folds
        oof = np.zeros((n, k))
        for f in range(folds):
            tr = [i for i in range(n) if fold_of[i] != f]
            te = [i for i in range(n) if fold_of[i] == f]
            sub_items = [items[i] for i in tr]
            sub_labels = [label_sets[i] for i in tr]
            units = self._units(sub_items, sub_labels, classes)
            vec, coef, intercept = self._fit_core(
                units, [set(s) for s in sub_labels], classes, lexicon
            )
            texts = [x if isinstance(x, str) else x.text for x in (items[i] for i in te)]
            oof[te] = self._doc_proba(texts, vec, coef, intercept)
        Y = np.array([[c in labs for c in classes] for labs in label_sets], dtype=bool)
        grid = np.round(np.arange(0.05, 0.96, 0.025), 3)
        # Global threshold: best micro-F1 over all classes.
        best_g, best_f = 0.5, -1.0
        for t in grid:
            f1 = _f1(Y, oof >= t)
            if f1 > best_f + 1e-12:
                best_g, best_f = t, f1
        out = np.full(k, best_g)
        for j in range(k):
            if Y[:, j].sum() == 0:
                continue
            scores = [(_f1(Y[:, j:j + 1], oof[:, j:j + 1] >= t), -abs(t - best_g), t) for t in grid]
            best_t = max(scores)[2]
            n_pos = Y[:, j].sum()
            shrink = n_pos / (n_pos + 5.0)  # few positives -> stay near the global value
            out[j] = shrink * best_t + (1 - shrink) * best_g
        self.cv_doc_scores_ = oof
        return out

    # -- prediction -----------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise RuntimeError(
                "this ThemeClassifier is not fitted yet; call fit() or use "
                "cyberreport.load_model()"
            )

    @staticmethod
    def _sentence_scores(sentences, vec, coef, intercept) -> np.ndarray:
        indptr, indices, data = vec.transform_arrays(sentences)
        return linear_scores(indptr, indices, data, coef, intercept)

    def _doc_logits(self, texts, vec=None, coef=None, intercept=None) -> np.ndarray:
        vec = vec or self.vectorizer_
        coef = self.coef_ if coef is None else coef
        intercept = self.intercept_ if intercept is None else intercept
        sents: list[str] = []
        owner: list[int] = []
        whole = getattr(self, "unit", "sentence") == "document"
        for d, t in enumerate(texts):
            norm, spans = _split(t)
            if whole and spans:
                spans = [(0, len(norm))]
            for a, b in spans:
                sents.append(norm[a:b])
                owner.append(d)
        out = np.full((len(texts), coef.shape[1]), -np.inf)
        if sents:
            z = self._sentence_scores(sents, vec, coef, intercept)
            np.maximum.at(out, np.asarray(owner), z)
        return out

    def _doc_proba(self, texts, vec=None, coef=None, intercept=None) -> np.ndarray:
        return _sigmoid(self._doc_logits(texts, vec, coef, intercept))

    def _texts(self, X) -> list[str]:
        return [x if isinstance(x, str) else x.text for x in _check_texts(X)]

    def decision_function(self, X, *, n_jobs: int | None = None,
                          chunk_size: int | None = None) -> np.ndarray:
        """Document scores (log-odds of the best sentence), shape (n, n_classes).

        A text with no sentence (empty, or only whitespace) scores ``-inf``.

        Parameters
        ----------
        X : iterable of str (or of :class:`~cyberreport.Paragraph`)
        n_jobs : int, optional
            Worker processes (joblib); ``None`` or ``1`` computes in this process, ``-1``
            uses all cores.  The result is identical whatever ``n_jobs``.
        chunk_size : int, optional
            Texts per chunk (default 2,000): work memory is bounded by a chunk, and a
            chunk is the unit of work of a worker.  The result does not depend on it.

        Examples
        --------
        >>> model.decision_function(["开展网络安全宣传周活动"] * 3, n_jobs=2).shape   # doctest: +SKIP
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
        >>> model.predict_proba(["开展网络安全宣传周活动"]).shape   # doctest: +SKIP
        (1, 13)
        """
        self._check_fitted()
        from ._batch import doc_proba

        return doc_proba(self, X, n_jobs=n_jobs, chunk_size=chunk_size)

    def predict(self, X, *, n_jobs: int | None = None,
                chunk_size: int | None = None) -> list[tuple[str, ...]]:
        """Predicted themes of each text, as tuples of theme ids in class order.

        ``n_jobs`` and ``chunk_size`` as in :meth:`decision_function`.

        Examples
        --------
        >>> model.predict(["加强关键信息基础设施安全保护"])   # doctest: +SKIP
        [('security',)]
        """
        proba = self.predict_proba(X, n_jobs=n_jobs, chunk_size=chunk_size)
        return self._labels_from_proba(proba)

    def _labels_from_proba(self, proba: np.ndarray, thresholds=None) -> list[tuple[str, ...]]:
        if not getattr(self, "multilabel_", True):
            best = np.argmax(proba, axis=1) if len(proba) else np.zeros(0, int)
            return [
                (self.classes_[j],) if proba[i, j] > 0 else ()
                for i, j in enumerate(best)
            ]
        thresholds = self.thresholds_ if thresholds is None else thresholds
        return [
            tuple(c for c, hit in zip(self.classes_, row) if hit)
            for row in proba >= thresholds
        ]

    def score(self, X, y) -> float:
        """Document-level micro-averaged F1 of ``predict(X)`` against ``y``."""
        label_sets = self._label_sets(_check_texts(X), y)
        pred = self.predict(X)
        Y = np.array([[c in labs for c in self.classes_] for labs in label_sets], dtype=bool)
        P = np.array([[c in labs for c in self.classes_] for labs in pred], dtype=bool)
        return _f1(Y, P)

    def classify(self, text: str, *, threshold: float | None = None, top_terms: int = 5) -> Classification:
        """Classify one text and explain the result.

        Parameters
        ----------
        text : str
        threshold : float, optional
            Use this threshold for every theme instead of the model's own.
        top_terms : int, default=5
            How many weighing terms to report per evidence sentence.

        Returns
        -------
        Classification

        Examples
        --------
        >>> model.classify("开展“净网”专项行动，关闭违法违规网站。")   # doctest: +SKIP
        Classification('开展“净网”专项行动，关闭违法违规网站。')
          content_governance     0.97  净网, 专项行动, 违法违规, 关闭
        """
        self._check_fitted()
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        norm, spans = _split(text)
        k = len(self.classes_)
        thresholds = self.thresholds_ if threshold is None else np.full(k, float(threshold))
        if not spans:
            return Classification(norm, (), {c: 0.0 for c in self.classes_}, {})
        if self.unit == "document":
            spans = [(0, len(norm))]
        sents = [norm[a:b] for a, b in spans]
        indptr, indices, data = self.vectorizer_.transform_arrays(sents)
        z = linear_scores(indptr, indices, data, self.coef_, self.intercept_)
        p = _sigmoid(z)
        doc = p.max(axis=0)
        if threshold is None and not getattr(self, "multilabel_", True):
            labels = self._labels_from_proba(doc[None, :])[0]
        else:
            labels = tuple(c for j, c in enumerate(self.classes_) if doc[j] >= thresholds[j])
        evidence = {}
        for lab in labels:
            j = self.classes_.index(lab)
            order = np.argsort(-p[:, j], kind="stable")
            chosen = [i for i in order if p[i, j] >= thresholds[j]] or [int(order[0])]
            evs = []
            for i in chosen:
                lo, hi = indptr[i], indptr[i + 1]
                terms = self._top_terms(sents[i], indices[lo:hi], data[lo:hi], j, top_terms)
                a, b = spans[i]
                evs.append(Evidence(sents[i], a, b, float(p[i, j]), terms))
            evidence[lab] = tuple(evs)
        scores = {c: float(doc[j]) for j, c in enumerate(self.classes_)}
        return Classification(norm, labels, scores, evidence)

    def _top_terms(self, sentence, idx, val, j, n) -> tuple[str, ...]:
        """Readable terms of a sentence ordered by their contribution to class ``j``."""
        contrib = val * self.coef_[idx, j]
        feats = self.vectorizer_.features_
        # Character n-grams are shown only when they are whole words of the sentence, so
        # that evidence reads as terms, not as fragments that straddle two words.
        words = set(self.vectorizer_.tokenizer.cut(sentence))
        terms: list[str] = []
        for pos in np.argsort(-contrib, kind="stable"):
            if contrib[pos] <= 0 or len(terms) >= n:
                break
            name = feats[idx[pos]]
            if name.startswith("L:"):
                lex = self.vectorizer_._matcher
                owners = self.vectorizer_._owners
                cands = [
                    m.group() for m in lex.finditer(sentence)
                    if any(lexicon_theme(k) == name[2:] for k in owners[m.group()])
                ] if lex else []
            elif name.startswith("c:") and name[2:] not in words:
                continue
            else:
                cands = [name[2:]]
            for term in cands:
                if len(term) < 2 or term == "<NUM>":
                    continue
                if any(term in t for t in terms):
                    continue
                terms = [t for t in terms if t not in term]
                terms.append(term)
        return tuple(terms[:n])

    def classify_many(self, texts, *, threshold: float | None = None, n_jobs: int | None = None,
                      chunk_size: int | None = None) -> list[Classification]:
        """:meth:`classify` for each text of an iterable, in order.

        ``n_jobs`` and ``chunk_size`` as in :meth:`decision_function`.

        Examples
        --------
        >>> [c.labels for c in model.classify_many(["建设县级融媒体中心。"], n_jobs=2)]   # doctest: +SKIP
        [('media_convergence',)]
        """
        self._check_fitted()
        from ._batch import classify_many

        return classify_many(self, texts, threshold=threshold, n_jobs=n_jobs,
                             chunk_size=chunk_size)

    # -- persistence ------------------------------------------------------------------
    def save(self, path) -> None:
        """Save the fitted model to directory ``path`` atomically (see
        :func:`cyberreport.load_model` for the format)."""
        from .persistence import save_model

        save_model(self, path)


def _f1(Y: np.ndarray, P: np.ndarray) -> float:
    tp = np.logical_and(Y, P).sum()
    fp = np.logical_and(~Y, P).sum()
    fn = np.logical_and(Y, ~P).sum()
    denom = 2 * tp + fp + fn
    return float(2 * tp / denom) if denom else 1.0


def _training_hash(items, label_sets) -> str:
    import hashlib

    h = hashlib.sha256()
    for x, labs in zip(items, label_sets):
        if isinstance(x, str):
            h.update(b"T" + x.encode("utf-8"))
        else:
            h.update(b"P" + x.text.encode("utf-8"))
            for s in x.sentences:
                h.update(b"S" + s.text.encode("utf-8") + ("|".join(s.labels)).encode())
        h.update(b"L" + "|".join(sorted(labs)).encode("utf-8"))
    return h.hexdigest()

