"""cyberreport — analyse Chinese government texts about cyberspace-affairs (网信) work.

Tokenize texts with a domain dictionary, extract keywords, figures and named things, tag
paragraphs with the 13 work themes of the taxonomy, discover topics, compare groups of
texts, and evaluate or retrain the theme classifier.

Only the names in ``__all__`` are public, plus the modules :mod:`cyberreport.exceptions`
and :mod:`cyberreport.dask`; everything else (other modules and names starting with
``_``) is private.  Heavy parts (the classifier, evaluation, topics) are imported on first
use, so ``import cyberreport`` stays fast and loads no dictionary.

Examples
--------
>>> import cyberreport as cr
>>> len(cr.THEMES)
13
>>> cr.load_model().predict(["加强关键信息基础设施安全保护"])
[('security',)]
"""

from __future__ import annotations

from importlib import import_module

from . import exceptions
from ._about import __version__
from .corpus import Corpus, Paragraph, Sentence, load_corpus
from .exceptions import (CorpusFormatError, DataError, FewExamplesWarning, InputError,
                         InvalidParameterError,
                         ModelFormatError, NotFittedError, RejectedLinesWarning, ResumeError,
                         UnknownThemeError)
from .io import Record, Reject, detect_format, iter_records
from .taxonomy import TAXONOMY_VERSION, THEME_IDS, THEMES, Theme, get_theme
from .text import normalize, sentence_spans, split_sentences
from .tokenize import Tokenizer, domain_words, stopwords

# name -> subpackage or module, imported on first attribute access (PEP 562)
_LAZY = {
    "keywords": "features",
    "Keywords": "features",
    "extract_figures": "extract",
    "Figure": "extract",
    "extract_mentions": "extract",
    "Mention": "extract",
    "MENTION_KINDS": "extract",
    "parse_number": "extract",
    "find_quantities": "extract",
    "Quantity": "extract",
    "QUALIFIERS": "extract",
    "figures_table": "extract",
    "mentions_table": "extract",
    "ThemeClassifier": "classifier",
    "Classification": "classifier",
    "Evidence": "classifier",
    "labels_from_proba": "classifier",
    "load_model": "persistence",
    "save_model": "persistence",
    "cross_validate": "evaluation",
    "evaluate": "evaluation",
    "label_metrics": "evaluation",
    "CVReport": "evaluation",
    "classify_file": "stream",
    "ClassifyFileSummary": "stream",
    "classify_frame": "stream",
    "ResultList": "_frames",
    "train": "training",
    "TrainResult": "training",
    "read_labelled": "training",
    "LabelledData": "training",
    "DataIssue": "training",
    "find_label_issues": "training",
    "LabelIssue": "training",
    "suggest_next": "training",
    "Suggestion": "training",
    "TopicModel": "topics",
    "Topic": "topics",
    "topic_quality": "topics",
    "TopicQuality": "topics",
    "npmi_coherence": "topics",
    "topic_diversity": "topics",
    "profile": "analysis",
    "similar": "analysis",
    "Profile": "analysis",
    "log_odds": "analysis",
    "dirichlet_prior": "analysis",
    "LogOdds": "analysis",
    "bootstrap_share": "analysis",
    "bootstrap_share_difference": "analysis",
    "ShareEstimate": "analysis",
    "ShareDifference": "analysis",
    "find_reuse": "analysis",
    "reuse_matrix": "analysis",
    "ReusedPassage": "analysis",
    "ReuseMatrix": "analysis",
    "theme_shares": "analysis",
    "topic_shares": "analysis",
    "compare": "analysis",
    "normalize_province": "places",
    "find_places": "places",
    "infer_province": "places",
    "PlaceMatch": "places",
    "ProvinceGuess": "places",
    "find_cjk_font": "plots",
    "plot_theme_heatmap": "plots",
    "plot_topic_heatmap": "plots",
    "plot_topics": "plots",
    "trends": "plots",
    "plot_compare": "plots",
    "write_report": "report",
    "Report": "report",
}

__all__ = [
    "__version__",
    "exceptions",
    "THEMES",
    "THEME_IDS",
    "TAXONOMY_VERSION",
    "Theme",
    "get_theme",
    "normalize",
    "split_sentences",
    "sentence_spans",
    "Tokenizer",
    "domain_words",
    "stopwords",
    "Corpus",
    "Paragraph",
    "Sentence",
    "load_corpus",
    "Record",
    "Reject",
    "iter_records",
    "detect_format",
    "CorpusFormatError",
    "DataError",
    "FewExamplesWarning",
    "InputError",
    "InvalidParameterError",
    "ModelFormatError",
    "NotFittedError",
    "RejectedLinesWarning",
    "ResumeError",
    "UnknownThemeError",
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
