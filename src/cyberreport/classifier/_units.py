"""Training units of the theme classifier: the labelled sentences of the data, the prior
examples from the taxonomy and the lexicon, and how a document's labels reach its
sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..corpus import Paragraph
from ..features._lexicon import lexicon_theme
from ..taxonomy import THEME_IDS, get_theme
from ..text import normalize, sentence_spans

__all__ = ["prior_examples", "training_units", "assign_document_labels"]

_HAN_RE = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff+A-Za-z0-9]*")


def prior_examples(classes: Sequence[str], lexicon: dict[str, Sequence[str]],
                    descriptions: dict[str, str] | None = None):
    """Short training examples from prior knowledge: for taxonomy themes the strong
    lexicon terms (specific to the theme in 网信 texts), the Chinese terms of the
    theme's definition and its Chinese name; for other labels the label's description
    (and the label itself when it is Chinese).  Each is labelled with its class.  Weak
    lexicon terms and the taxonomy's cue words are as common outside the theme as in it
    (boundary decision 2), so they are features, never examples."""
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
            if key == theme for term in v  # the strong tier ("<id>/weak" is the weak one)
        ]
        t = get_theme(theme)
        terms += _HAN_RE.findall(t.definition)
        terms.append(t.name_zh)
        seen = set()
        for term in terms:
            term = normalize(term)
            if len(term) >= 2 and term not in seen:
                seen.add(term)
                examples.append((term, theme))
    return examples




def training_units(items, label_sets, unit: str):
    """Training sentences of the documents: ``(sentence, label set or None, doc index)``.

    A corpus :class:`Paragraph` gives its labelled sentences; a plain text gives its
    sentences with ``None`` (labels still to be assigned from the document's) or an empty
    set when the document has no label.  With ``unit="text"`` every text is one unit.
    """
    units = []
    if unit == "text":
        for d, (x, labs) in enumerate(zip(items, label_sets)):
            text = normalize(x if isinstance(x, str) else x.text)
            units.append((text, set(labs), d))
        return units
    for d, (x, labs) in enumerate(zip(items, label_sets)):
        if isinstance(x, Paragraph):
            for s in x.sentences:
                units.append((normalize(s.text), set(s.labels), d))
        else:
            norm = normalize(x if isinstance(x, str) else x.text)
            docset = set(labs)
            for a, b in sentence_spans(norm):
                units.append((norm[a:b], None if docset else set(), d))
    return units


def assign_document_labels(units, pending, doc_labels, col, vec, Y) -> np.ndarray:
    """Give the sentences of document-labelled texts their labels: a document label goes
    to its sentences with a lexicon hit for it, or to all its sentences when none has
    one."""
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
