"""Topic quality: coherence, diversity, stability across seeds and alignment with the
labelled themes, for a fitted topic model."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .._texts import check_texts, text_of
from ..corpus import Paragraph
from ..taxonomy import THEME_IDS
from ..text import split_sentences
from ._measures import ari, npmi_coherence, topic_diversity, weighted_nmi
from ._model import TopicModel

__all__ = ["TopicQuality", "topic_quality", "format_topic_theme"]


@dataclass
class TopicQuality:
    """The quality measures of a topic model (see :func:`topic_quality`).

    Attributes
    ----------
    npmi : float
        Mean NPMI coherence of the topics' top terms.
    npmi_per_topic : list of float
    diversity : float
        Unique share of the top terms of all topics.
    stability : float
        Mean adjusted Rand index of the sentence assignments across seeds.
    stability_per_seed : list of float
    nmi : float or None
        Normalised mutual information between sentence topics and labelled themes
        (``None`` when the texts carry no theme labels).
    topic_theme : ndarray or None
        Topic × theme table: number of labelled sentences of each topic that carry
        each theme (a sentence counts under each of its themes).
    topic_ids, theme_ids : list
        Row and column names of ``topic_theme`` (topic ``-1``: no known term).
    n_sentences : int
    top_n : int
    """

    npmi: float
    npmi_per_topic: list[float]
    diversity: float
    stability: float
    stability_per_seed: list[float]
    nmi: float | None = None
    topic_theme: np.ndarray | None = None
    topic_ids: list[int] = field(default_factory=list)
    theme_ids: list[str] = field(default_factory=list)
    n_sentences: int = 0
    top_n: int = 10

    def to_dict(self) -> dict:
        """JSON-ready representation."""
        d = {
            "npmi": self.npmi,
            "npmi_per_topic": list(self.npmi_per_topic),
            "diversity": self.diversity,
            "stability": self.stability,
            "stability_per_seed": list(self.stability_per_seed),
            "nmi": self.nmi,
            "n_sentences": self.n_sentences,
            "top_n": self.top_n,
        }
        if self.topic_theme is not None:
            d["topic_theme"] = {
                str(t): {th: int(v) for th, v in zip(self.theme_ids, row)}
                for t, row in zip(self.topic_ids, self.topic_theme)
            }
        return d

    def format_table(self) -> str:
        """The topic × theme table as aligned text."""
        if self.topic_theme is None:
            return "(no theme labels)"
        return format_topic_theme(self.topic_theme, self.topic_ids, self.theme_ids)

    def format(self) -> str:
        """A short text report."""
        lines = [
            f"NPMI coherence (top-{self.top_n})  {self.npmi:.3f}",
            f"topic diversity (top-{self.top_n}) {self.diversity:.3f}",
            f"stability (ARI, {len(self.stability_per_seed)} seeds) {self.stability:.3f}",
        ]
        if self.nmi is not None:
            lines.append(f"NMI topic vs theme       {self.nmi:.3f}")
            lines.append("")
            lines.append(self.format_table())
        return "\n".join(lines)


def format_topic_theme(table, topic_ids, theme_ids, names: dict | None = None) -> str:
    """Aligned text of a topic × theme count table (columns: theme ids shortened)."""
    short = [th[:6] for th in theme_ids]
    width = max(4, *(len(s) for s in short)) + 1
    head = "topic".ljust(7) + "".join(s.rjust(width) for s in short) + "  total"
    lines = [head]
    for t, row in zip(topic_ids, table):
        name = str(t) if names is None else f"{t} {names.get(t, '')}"
        lines.append(name[:7].ljust(7) + "".join(f"{int(v):>{width}d}" for v in row)
                     + f"  {int(np.sum(row)):>5d}")
    return "\n".join(lines)


def _reference_sentences(texts) -> tuple[list[str], list[tuple[str, ...]] | None]:
    """Sentences of ``texts`` and, when all are labelled corpus paragraphs, their
    theme labels."""
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a sequence of strings, got a single str; wrap it in a list")
    items = list(texts)
    if items and all(isinstance(x, Paragraph) for x in items):
        sents = [s.text for p in items for s in p.sentences]
        labels = [s.labels for p in items for s in p.sentences]
        keep = [i for i, s in enumerate(sents) if s.strip()]
        return [sents[i] for i in keep], [labels[i] for i in keep]
    plain = [text_of(x) for x in check_texts(items, "texts")]
    return [s for t in plain for s in split_sentences(t) if s.strip()], None


def topic_quality(model: TopicModel, texts, *, n_seeds: int = 5, top_n: int = 10) -> TopicQuality:
    """Measure a fitted :class:`TopicModel` on reference ``texts``.

    * **NPMI coherence** of each topic's top ``top_n`` terms, from their co-occurrence
      within the sentences of ``texts`` (see :func:`npmi_coherence`), averaged.
    * **Diversity**: unique share of the top ``top_n`` terms of all topics.
    * **Stability**: the model's parameters, with ``n_topics`` fixed to the model's
      ``n_topics_``, are fitted on ``texts`` with ``random_state`` and with
      ``random_state + 1 … + n_seeds``; the mean adjusted Rand index between the
      sentence assignments (:meth:`TopicModel.predict` of every sentence) of each
      extra seed and those of the model's own seed.
    * **Alignment with the themes**, when ``texts`` are labelled corpus paragraphs: the
      topic × theme table of the sentences (a sentence counts under each of its
      themes) and the NMI between a sentence's topic and its themes (each of a
      sentence's ``m`` themes weighs ``1/m``).

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    texts : sequence of str or of :class:`~cyberreport.Paragraph`
        Reference texts; labelled paragraphs (e.g. ``load_corpus()``) add the theme
        alignment.
    n_seeds : int, default=5
    top_n : int, default=10

    Returns
    -------
    TopicQuality

    Examples
    --------
    >>> import cyberreport as cr
    >>> corpus = cr.load_corpus()
    >>> tm = cr.TopicModel(n_topics=8).fit(corpus.texts)
    >>> q = cr.topic_quality(tm, corpus, n_seeds=2)
    >>> 0 <= q.stability <= 1 and q.nmi is not None
    True
    """
    if not isinstance(model, TopicModel):
        raise TypeError(f"model must be a fitted TopicModel, got {type(model).__name__}")
    model._check_fitted()
    for name, v in (("n_seeds", n_seeds), ("top_n", top_n)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be a positive int, got {v!r}")
    sentences, labels = _reference_sentences(texts)
    if not sentences:
        raise ValueError("texts has no sentence to measure the topics on")
    tops = model.topic_terms(top_n)
    per_topic = npmi_coherence(tops, sentences)
    valid = [v for v in per_topic if not math.isnan(v)]
    npmi = float(np.mean(valid)) if valid else float("nan")
    div = topic_diversity(tops)

    fit_texts = [text_of(x) for x in texts]
    base = model._clone(n_topics=model.n_topics_).fit(fit_texts)
    base_assign = base.predict(sentences)
    aris = []
    for s in range(1, n_seeds + 1):
        other = model._clone(n_topics=model.n_topics_, random_state=model.random_state + s)
        aris.append(ari(base_assign, other.fit(fit_texts).predict(sentences)))
    q = TopicQuality(npmi=npmi, npmi_per_topic=per_topic, diversity=div,
                     stability=float(np.mean(aris)), stability_per_seed=aris,
                     n_sentences=len(sentences), top_n=top_n)
    if labels is not None:
        assign = model.predict(sentences)
        q.topic_ids, q.theme_ids, q.topic_theme, q.nmi = _alignment(assign, labels, THEME_IDS,
                                                                    model.n_topics_)
    return q


def _alignment(assign, labels, theme_ids, n_topics):
    """Topic × theme counts and the weighted NMI (see :func:`topic_quality`)."""
    topic_ids = list(range(n_topics)) + ([-1] if (np.asarray(assign) == -1).any() else [])
    row = {t: i for i, t in enumerate(topic_ids)}
    col = {t: j for j, t in enumerate(theme_ids)}
    counts = np.zeros((len(topic_ids), len(theme_ids)), dtype=int)
    weighted = np.zeros(counts.shape)
    for a, labs in zip(assign, labels):
        labs = [x for x in labs if x in col]
        for lab in labs:
            counts[row[int(a)], col[lab]] += 1
            weighted[row[int(a)], col[lab]] += 1.0 / len(labs)
    return topic_ids, list(theme_ids), counts, weighted_nmi(weighted)
