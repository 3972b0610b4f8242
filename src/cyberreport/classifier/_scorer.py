"""The scoring kernel of the theme classifier: its fitted state (vectorizer, coefficients,
intercepts) as plain data, fitting it, and scoring the sentences and texts of a batch.

Memory per text is bounded: a unit (a sentence, or a whole text with ``unit="text"``) of
more than :data:`MAX_UNIT_CHARS` characters is scored as pieces of that length, and the
units of a batch are scored in groups of at most :data:`GROUP_CHARS` characters, so that
a text of fifty million characters on one line takes the memory of a few groups, not
of the text's features.  A text's score is the maximum over its units, so the grouping
changes no number; only a "sentence" longer than :data:`MAX_UNIT_CHARS` (no real one is)
is scored in pieces.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..features._vectorizer import SentenceVectorizer
from ..text import normalize, sentence_spans
from ..text._sentences import iter_spans
from ._units import assign_document_labels, prior_examples

__all__ = ["SentenceScorer", "fit_scorer", "linear_scores", "sigmoid", "split",
           "MAX_UNIT_CHARS", "GROUP_CHARS", "unit_spans"]

#: The longest unit scored as one (characters); a longer one is scored in pieces.
MAX_UNIT_CHARS = 100_000
#: The characters of the units scored together (one feature extraction).
GROUP_CHARS = 250_000


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function, without overflow warnings."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def split(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The normalised text and its sentence spans."""
    norm = normalize(text)
    return norm, sentence_spans(norm)


def unit_spans(norm: str, unit: str):
    """The spans of the scoring units of a normalised text, one at a time: its sentences
    (or the whole text with ``unit="text"``), each cut into pieces of at most
    :data:`MAX_UNIT_CHARS` characters."""
    spans = ([(0, len(norm))] if norm else []) if unit == "text" else iter_spans(norm)
    for a, b in spans:
        while b - a > MAX_UNIT_CHARS:
            yield a, a + MAX_UNIT_CHARS
            a += MAX_UNIT_CHARS
        yield a, b


def linear_scores(indptr, indices, data, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """``X @ coef + intercept`` for CSR components, with numpy only.

    ``coef`` has shape ``(n_features, n_classes)``.
    """
    n_rows = len(indptr) - 1
    out = np.tile(intercept, (n_rows, 1))
    if len(indices):
        nonempty = np.flatnonzero(np.diff(indptr))
        starts = indptr[:-1][nonempty]
        # Per class, gather its coefficients for every entry (from a transposed copy,
        # with contiguous rows, for large inputs; directly for a sentence or two) and
        # add them up row by row.
        by_class = np.ascontiguousarray(coef.T) if 4 * len(indices) > coef.size else None
        for k in range(coef.shape[1]):
            w = by_class[k][indices] if by_class is not None else coef[indices, k]
            w *= data
            out[nonempty, k] += np.add.reduceat(w, starts)
    return out


@dataclass(frozen=True)
class SentenceScorer:
    """Fitted state of a theme classifier, as plain data.

    ``unit="sentence"`` scores every sentence and a text's score for a class is its best
    sentence's; ``unit="text"`` scores the whole text as one unit.  With ``relevance``,
    the last column of ``coef`` is a model of whether a unit reports 网信 work at all, and
    a unit's probability for each theme is gated by it: ``p(theme) * p(relevant)``, so that
    a theme needs a relevant sentence as evidence.
    """

    vectorizer: SentenceVectorizer
    coef: np.ndarray
    intercept: np.ndarray
    unit: str = "sentence"
    relevance: bool = False
    gate_mode: str = "product"

    @property
    def n_classes(self) -> int:
        return self.coef.shape[1] - int(self.relevance)

    def units(self, texts) -> tuple[list[str], list[int], list]:
        """The scoring units of ``texts``: unit texts, the text each belongs to, and per
        text its normalised form and unit spans (all at once: for short texts)."""
        sents: list[str] = []
        owner: list[int] = []
        splits = []
        for d, t in enumerate(texts):
            norm = normalize(t)
            spans = list(unit_spans(norm, self.unit))
            splits.append((norm, spans))
            for a, b in spans:
                sents.append(norm[a:b])
                owner.append(d)
        return sents, owner, splits

    def unit_groups(self, texts, norms=None):
        """The scoring units of ``texts`` in groups of at most :data:`GROUP_CHARS`
        characters (a longer unit alone): ``(units, owners, spans)`` per group, where
        ``owners[i]`` is the index of the text of ``units[i]`` and ``spans[i]`` its span
        in that text's normalised form (``norms``, computed when not given)."""
        sents: list[str] = []
        owner: list[int] = []
        spans: list[tuple[int, int]] = []
        size = 0
        for d, t in enumerate(texts):
            norm = normalize(t) if norms is None else norms[d]
            for a, b in unit_spans(norm, self.unit):
                if sents and size + (b - a) > GROUP_CHARS:
                    yield sents, owner, spans
                    sents, owner, spans, size = [], [], [], 0
                sents.append(norm[a:b])
                owner.append(d)
                spans.append((a, b))
                size += b - a
        if sents:
            yield sents, owner, spans

    def unit_logits(self, sentences) -> np.ndarray:
        """Raw log-odds of every column for each unit, shape (n_units, n_columns)."""
        indptr, indices, data = self.vectorizer.transform_arrays(sentences)
        return linear_scores(indptr, indices, data, self.coef, self.intercept)

    def gate(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """``(theme probabilities, relevance)`` of units from their raw log-odds."""
        k = self.n_classes
        p = sigmoid(z[:, :k])
        if not self.relevance:
            return p, None
        r = sigmoid(z[:, k])
        if self.gate_mode == "hard":
            return np.where(r[:, None] >= 0.5, p, p * r[:, None]), r
        if self.gate_mode == "sqrt":
            return p * np.sqrt(r)[:, None], r
        return p * r[:, None], r

    def _doc_max(self, texts):
        k = self.n_classes
        proba = np.zeros((len(texts), k))
        rel = np.zeros(len(texts))
        has = np.zeros(len(texts), dtype=bool)
        for sents, owner, _ in self.unit_groups(texts):
            p, r = self.gate(self.unit_logits(sents))
            idx = np.asarray(owner)
            np.maximum.at(proba, idx, p)
            if r is not None:
                np.maximum.at(rel, idx, r)
            has[idx] = True
        return proba, rel, has

    def doc_logits(self, texts) -> np.ndarray:
        """Log-odds of each text (its best unit's), shape (n, n_classes); ``-inf`` for a
        text with no sentence."""
        if not self.relevance:  # the maximum of the log-odds, exactly
            out = np.full((len(texts), self.n_classes), -np.inf)
            for sents, owner, _ in self.unit_groups(texts):
                z = self.unit_logits(sents)
                np.maximum.at(out, np.asarray(owner), z)
            return out
        proba, _, has = self._doc_max(texts)
        with np.errstate(divide="ignore"):
            out = np.log(proba) - np.log1p(-np.minimum(proba, 1 - 1e-16))
        out[~has] = -np.inf
        return out

    def doc_proba(self, texts) -> np.ndarray:
        """Probability of each theme for each text (its best unit's), shape (n, n_classes)."""
        if not self.relevance:
            return sigmoid(self.doc_logits(texts))
        return self._doc_max(texts)[0]

    def doc_proba_relevance(self, texts) -> tuple[np.ndarray, np.ndarray | None]:
        """:meth:`doc_proba` and :meth:`doc_relevance` (``None`` without a relevance
        model) from one pass over the texts."""
        if not self.relevance:
            return self.doc_proba(texts), None
        proba, rel, _ = self._doc_max(texts)
        return proba, rel

    def doc_relevance(self, texts) -> np.ndarray:
        """Probability that each text reports 网信 work (its most relevant unit's); 0 for a
        text with no sentence."""
        if not self.relevance:
            raise ValueError("this model has no relevance model (relevance=False)")
        return self._doc_max(texts)[1]


def fit_scorer(units, doc_labels, classes, lexicon, *, char_ngram_range, use_words,
               use_lexicon, lexicon_weight, prior_weight, class_weight, C, random_state,
               label_descriptions=None, unit="sentence", relevance=False,
               negative_min_df: int = 1, min_df: int = 1) -> SentenceScorer:
    """Fit the vectorizer and one logistic regression per class on the training units
    (plus the prior examples), as :class:`SentenceScorer`.

    With ``relevance``, one more regression learns "the unit reports 网信 work" (units with
    a label are its positives, units without one its negatives) and each theme's
    regression learns from the relevant units only: a unit's probability for a theme is
    then P(theme | relevant) * P(relevant)."""
    from sklearn.linear_model import LogisticRegression

    k = len(classes)
    col = {c: i for i, c in enumerate(classes)}
    texts = [u[0] for u in units]
    Y = np.zeros((len(units), k), dtype=np.int8)
    weights = np.ones(len(units))
    vec = SentenceVectorizer(
        char_ngram_range=tuple(char_ngram_range),
        use_words=use_words,
        lexicon=lexicon if use_lexicon else None,
        block_weights={"L": float(lexicon_weight)},
        min_df=negative_min_df,
    )
    priors = prior_examples(classes, lexicon, label_descriptions) if prior_weight > 0 else []
    # every feature of a labelled unit or a prior is kept; those only seen in units
    # without a label (negatives) need negative_min_df of them
    keep = [u[1] is None or bool(u[1]) for u in units] + [True] * len(priors)
    vec.fit(texts + [p[0] for p in priors], keep=keep, keep_min_df=min_df)
    X_units = vec.transform(texts)
    # Sentences of documents labelled only at document level: a document label goes to
    # the sentences whose lexicon hits point to it (see assign_document_labels).
    pending = [i for i, u in enumerate(units) if u[1] is None]
    for i, u in enumerate(units):
        if u[1] is not None:
            for lab in u[1]:
                Y[i, col[lab]] = 1
    if pending:
        Y = assign_document_labels(units, pending, doc_labels, col, vec, Y)
    if priors:
        from scipy.sparse import vstack

        X_prior = vec.transform([p[0] for p in priors])
        Y_prior = np.zeros((len(priors), k), dtype=np.int8)
        for j, (_, theme) in enumerate(priors):
            Y_prior[j, col[theme]] = 1
        X_all = vstack([X_units, X_prior]).tocsr()
        Y_all = np.vstack([Y, Y_prior])
        w_all = np.concatenate([weights, np.full(len(priors), float(prior_weight))])
    else:
        X_all, Y_all, w_all = X_units, Y, weights
    columns = [Y_all[:, j] for j in range(k)]
    relevant = Y_all.sum(axis=1) > 0
    if relevance:
        columns.append(relevant.astype(np.int8))
    coef = np.zeros((X_all.shape[1], len(columns)))
    intercept = np.full(len(columns), -10.0)
    X_rel, w_rel = (X_all[relevant], w_all[relevant]) if relevance else (X_all, w_all)
    for j, yj in enumerate(columns):
        # with a relevance model, P(theme | relevant): themes learn from relevant units
        X_j, w_j = (X_rel, w_rel) if j < k else (X_all, w_all)
        if relevance and j < k:
            yj = yj[relevant]
        if yj.min() == yj.max():  # a class with no positive (or no negative) example
            intercept[j] = 10.0 if yj.min() == 1 else -10.0
            continue
        lr = LogisticRegression(C=float(C), class_weight=class_weight, solver="liblinear",
                                dual=True, max_iter=1000, random_state=random_state)
        lr.fit(X_j, yj, sample_weight=w_j)
        coef[:, j] = lr.coef_[0]
        intercept[j] = lr.intercept_[0]
    return SentenceScorer(vec, coef, intercept, unit, relevance)
