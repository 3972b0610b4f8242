"""Group profiles: how much of each province's (or any group's) text is about each
theme and each topic, and which groups are alike.

:func:`profile` builds a :class:`Profile` with two tables, one row per group:

* **themes** — the share of the group's sentences that the theme classifier
  (``cyberreport.load_model()`` by default) tags with each theme; a sentence counts for
  every theme predicted for it, so a row can sum to more (or less) than 1;
* **topics** — the share of the group's sentences in each topic of a
  :class:`~cyberreport.TopicModel` (fitted on the texts unless one is given); sentences
  without any known term (topic ``-1``) count in the denominator only.

:func:`similar` ranks the other groups by cosine similarity of their rows.

Examples
--------
>>> import cyberreport as cr
>>> prof = cr.profile(topic_model=False)     # the bundled corpus, by province
>>> len(cr.similar(prof, "浙江", top_n=3))
3
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .._deprecation import renamed_param
from ..corpus import Paragraph, load_corpus
from .._texts import check_texts
from ..text import split_sentences

__all__ = ["Profile", "profile", "similar"]


@dataclass
class Profile:
    """Group × theme and group × topic tables (see :func:`profile`).

    Attributes
    ----------
    groups : list of str
        Row names, in order of first appearance.
    themes : list of str
        Theme ids (the classifier's classes), the columns of ``theme_shares``.
    theme_shares : ndarray of shape (n_groups, n_themes)
        Share of each group's sentences tagged with each theme.
    topics : list of int
        Topic ids, the columns of ``topic_shares``.
    topic_labels : list of str
        Short label of each topic.
    topic_shares : ndarray of shape (n_groups, n_topics)
        Share of each group's sentences in each topic.
    n_sentences : ndarray of int
        Sentences per group.
    topic_model : TopicModel or None
        The model behind ``topic_shares``.

    Examples
    --------
    >>> prof.theme_shares.shape[0] == len(prof.groups)
    True
    """

    groups: list[str]
    themes: list[str]
    theme_shares: np.ndarray
    topics: list[int] = field(default_factory=list)
    topic_labels: list[str] = field(default_factory=list)
    topic_shares: np.ndarray | None = None
    n_sentences: np.ndarray | None = None
    topic_model: object = None

    def _table(self, which: str):
        if which == "themes":
            return self.themes, self.theme_shares
        if which == "topics":
            if self.topic_shares is None:
                raise ValueError("this Profile has no topic table")
            return [f"topic_{t}" for t in self.topics], self.topic_shares
        raise ValueError(f"table must be 'themes' or 'topics', got {which!r}")

    def _rows(self, which: str) -> tuple[list[str], list[dict]]:
        cols, values = self._table(which)
        rows = [
            {"group": g, "n_sentences": int(self.n_sentences[i]),
             **{c: float(values[i, j]) for j, c in enumerate(cols)}}
            for i, g in enumerate(self.groups)
        ]
        return ["group", "n_sentences", *cols], rows

    def to_frame(self, which: str = "themes"):
        """One table as a pandas DataFrame indexed by group (needs the ``pandas`` extra).

        Parameters
        ----------
        which : {"themes", "topics"}

        Examples
        --------
        >>> int(prof.to_frame("themes").loc["北京", "n_sentences"])
        4
        """
        from .._frames import to_frame

        cols, rows = self._rows(which)
        return to_frame(cols, rows, "Profile.to_frame()", "group")

    def to_dict(self, which: str = "themes") -> list[dict]:
        """One table as a list of dicts (one per group), JSON-ready.

        Examples
        --------
        >>> prof.to_dict("themes")[0]["group"]
        '北京'
        """
        return self._rows(which)[1]

    def _repr_html_(self) -> str:
        from .._frames import html_table

        cols, rows = self._rows("themes")
        return html_table(cols, rows, caption=repr(self))

    def table(self, which: str = "themes", as_frame: bool | None = None):
        """Deprecated since 0.2 (removed in 0.4): :meth:`to_frame` or :meth:`to_dict`."""
        from .._deprecation import warn_deprecated

        warn_deprecated("Profile.table() is deprecated since cyberreport 0.2 and will be "
                        "removed in 0.4; use .to_frame(which) (a DataFrame) or "
                        ".to_dict(which) (a list of dicts) instead")
        if as_frame is False:
            return self.to_dict(which)
        from .._optional import import_pandas

        if import_pandas("Profile.table(as_frame=True)", required=bool(as_frame)) is None:
            return self.to_dict(which)
        return self.to_frame(which)

    def to_csv(self, path, which: str = "themes") -> None:
        """Write one table as CSV (UTF-8): ``group, n_sentences, <columns>``, shares
        with 6 decimals."""
        import csv

        from ..io._writers import safe_cell

        cols, values = self._table(which)
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["group", "n_sentences", *map(safe_cell, cols)])
            for i, g in enumerate(self.groups):  # group names come from the user's data
                w.writerow([safe_cell(g), int(self.n_sentences[i]),
                            *(f"{v:.6f}" for v in values[i])])

    def __repr__(self) -> str:
        n_topics = 0 if self.topic_shares is None else self.topic_shares.shape[1]
        return (f"<Profile of {len(self.groups)} groups: {len(self.themes)} themes, "
                f"{n_topics} topics>")


def _inputs(texts, groups) -> tuple[list[str], list[list[str]], list[str]]:
    """(texts, sentences of each text, group of each text)."""
    if texts is None:
        if groups is not None:
            raise ValueError("groups was given without texts; give both, or neither to "
                             "profile the bundled corpus by province")
        texts = load_corpus()
    items = check_texts(texts, "texts")
    if not items:
        raise ValueError("texts is empty")
    plain, sents, auto_groups = [], [], []
    for i, x in enumerate(items):
        if isinstance(x, Paragraph):
            plain.append(x.text)
            sents.append([s.text.strip() for s in x.sentences if s.text.strip()])
            auto_groups.append(x.province or x.id)
        else:
            t = x if isinstance(x, str) else x.text
            plain.append(t)
            sents.append([s.strip() for s in split_sentences(t) if s.strip()])
            auto_groups.append(None if isinstance(x, str) else (x.province or x.id))
    if groups is None:
        if any(g is None for g in auto_groups):
            raise ValueError("groups is required when texts are strings: give one group "
                             "name (e.g. a province) per text")
        groups = auto_groups
    else:
        if isinstance(groups, (str, bytes)):
            raise TypeError("groups must be a sequence with one group name per text, got a str")
        groups = list(groups.tolist() if hasattr(groups, "tolist") else groups)
        if len(groups) != len(items):
            raise ValueError(f"groups must have one entry per text: got {len(groups)} groups "
                             f"for {len(items)} texts")
        for i, g in enumerate(groups):
            if g is None:
                raise ValueError(f"groups[{i}] is None; every text needs a group name")
        groups = [str(g) for g in groups]
    if not any(sents):
        raise ValueError("all texts are empty: there is no sentence to profile")
    return plain, sents, groups


def profile(texts=None, groups: Sequence[str] | None = None, *, model=None,
            topic_model=None) -> Profile:
    """Theme and topic profiles of groups of texts (by default: the bundled corpus by
    province).

    Parameters
    ----------
    texts : sequence of str or of :class:`~cyberreport.Paragraph`, optional
        The texts; ``None`` uses the bundled corpus (``load_corpus()``).
    groups : sequence of str, optional
        The group (e.g. province) of each text; optional for corpus paragraphs, which
        give their province (or their id when the province is unknown).
    model : ThemeClassifier, optional
        The classifier for the theme table; default ``cyberreport.load_model()``.
    topic_model : TopicModel, optional
        A topic model; fitted on ``texts`` when not fitted yet, and a
        ``TopicModel()`` (``n_topics="auto"``) is fitted when ``None``.  ``False``
        leaves the topic table out.

    Returns
    -------
    Profile

    Raises
    ------
    ValueError
        If ``texts`` is empty or all empty, or ``groups`` is missing or of the wrong
        length.

    Examples
    --------
    >>> import cyberreport as cr
    >>> prof = cr.profile(["开展网络安全检查。", "建设县级融媒体中心。"], ["甲", "乙"],
    ...                   topic_model=False)
    >>> prof.theme_shares.shape
    (2, 13)
    """
    plain, sents, groups = _inputs(texts, groups)
    order = list(dict.fromkeys(groups))
    row = {g: i for i, g in enumerate(order)}
    flat = [s for ss in sents for s in ss]
    owner = np.array([row[g] for g, ss in zip(groups, sents) for _ in ss], dtype=int)
    n_sent = np.bincount(owner, minlength=len(order))
    denom = np.maximum(n_sent, 1)[:, None].astype(float)

    if model is None:
        from ..persistence import load_model

        model = load_model()
    themes = list(model.classes_)
    col = {t: j for j, t in enumerate(themes)}
    predicted = model.predict(flat)
    theme_counts = np.zeros((len(order), len(themes)))
    for i, labs in zip(owner, predicted):
        for lab in labs:
            theme_counts[i, col[lab]] += 1
    prof = Profile(groups=order, themes=themes, theme_shares=theme_counts / denom,
                   n_sentences=n_sent)

    if topic_model is not False:
        from ..topics import TopicModel

        if topic_model is None:
            topic_model = TopicModel()
        elif not isinstance(topic_model, TopicModel):
            raise TypeError(f"topic_model must be a TopicModel, False or None, got "
                            f"{type(topic_model).__name__}")
        if not hasattr(topic_model, "topics_"):
            topic_model.fit(plain)
        assign = topic_model.predict(flat)
        k = topic_model.n_topics_
        counts = np.zeros((len(order), k))
        for i, a in zip(owner, assign):
            if a >= 0:
                counts[i, a] += 1
        prof.topics = [t.id for t in topic_model.topics_]
        prof.topic_labels = [t.label for t in topic_model.topics_]
        prof.topic_shares = counts / denom
        prof.topic_model = topic_model
    return prof


def _cosine_rows(M: np.ndarray, i: int) -> np.ndarray:
    norms = np.sqrt((M ** 2).sum(axis=1))
    dots = M @ M[i]
    with np.errstate(invalid="ignore", divide="ignore"):
        sims = dots / (norms * norms[i])
    return np.nan_to_num(sims, nan=0.0)


@renamed_param("k", "top_n")
def similar(profile: Profile, group: str, top_n: int = 5, *, by: str = "themes"
            ) -> list[tuple[str, float]]:
    """The ``k`` groups most similar to ``group``, by cosine similarity of their rows.

    Parameters
    ----------
    profile : Profile
    group : str
        A group name of the profile (e.g. ``"浙江"``).
    top_n : int, default=5
        How many groups to return (fewer when the profile has fewer other groups;
        ``k`` in 0.1).
    by : {"themes", "topics", "both"}, default="themes"
        Compare the theme shares, the topic shares, or both tables side by side.

    Returns
    -------
    list of (str, float)
        ``(group, similarity)``, most similar first; ties in group-name order.

    Raises
    ------
    KeyError
        If ``group`` is not in the profile; the message lists the valid names.

    Examples
    --------
    >>> [g for g, _ in similar(prof, "浙江", top_n=2)] != []
    True
    """
    if not isinstance(profile, Profile):
        raise TypeError(f"profile must be a Profile (from cyberreport.profile), got "
                        f"{type(profile).__name__}")
    if group not in profile.groups:
        raise KeyError(f"unknown group {group!r}; valid groups are: "
                       f"{', '.join(profile.groups)}")
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ValueError(f"top_n must be a positive int, got {top_n!r}")
    if by == "themes":
        M = profile.theme_shares
    elif by in ("topics", "both"):
        if profile.topic_shares is None:
            raise ValueError(f"by={by!r} needs a topic table, and this profile has no topic "
                             "table (made with topic_model=False)")
        M = profile.topic_shares if by == "topics" else np.hstack(
            [profile.theme_shares, profile.topic_shares])
    else:
        raise ValueError(f"by must be 'themes', 'topics' or 'both', got {by!r}")
    i = profile.groups.index(group)
    sims = _cosine_rows(np.asarray(M, float), i)
    others = [j for j in range(len(profile.groups)) if j != i]
    others.sort(key=lambda j: (-round(float(sims[j]), 12), profile.groups[j]))
    return [(profile.groups[j], float(sims[j])) for j in others[:top_n]]
