"""cyberreport — analyse Chinese government texts about cyberspace-affairs (网信) work.

Tokenize texts with a domain dictionary, extract keywords, tag paragraphs with the 13 work
themes of the taxonomy, and evaluate or retrain the theme classifier.

Only the names in ``__all__`` are public.  Heavy modules (the classifier, evaluation)
are imported on first use, so ``import cyberreport`` stays fast and loads no dictionary.

Examples
--------
>>> import cyberreport as cr
>>> len(cr.THEMES)
13
>>> cr.load_model().predict(["加强关键信息基础设施安全保护"])   # doctest: +SKIP
[('security',)]
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version as _version

from .corpus import Corpus, CorpusFormatError, Paragraph, Sentence, load_corpus
from .taxonomy import TAXONOMY_VERSION, THEME_IDS, THEMES, Theme, UnknownThemeError, get_theme
from .text import normalize, split_sentences
from .tokenize import Tokenizer

try:
    __version__ = _version("cyberreport")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

# name -> module, imported on first attribute access (PEP 562)
_LAZY = {
    "keywords": "keywords",
    "ThemeClassifier": "classifier",
    "Classification": "classifier",
    "Evidence": "classifier",
    "load_model": "persistence",
    "ModelFormatError": "persistence",
    "cross_validate": "evaluation",
    "CVReport": "evaluation",
    "classify_file": "stream",
    "train": "training",
    "TrainResult": "training",
    "read_labelled": "training",
    "DataError": "training",
    "FewExamplesWarning": "training",
    "find_label_issues": "label_quality",
    "suggest_next": "label_quality",
    "TopicModel": "topics",
    "topic_quality": "topics",
    "profile": "profiles",
    "similar": "profiles",
    "Profile": "profiles",
    "plot_theme_heatmap": "plots",
    "plot_topics": "plots",
}

__all__ = [
    "__version__",
    "THEMES",
    "THEME_IDS",
    "TAXONOMY_VERSION",
    "Theme",
    "UnknownThemeError",
    "get_theme",
    "normalize",
    "split_sentences",
    "Tokenizer",
    "Corpus",
    "CorpusFormatError",
    "Paragraph",
    "Sentence",
    "load_corpus",
    *_LAZY,
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cyberreport' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
