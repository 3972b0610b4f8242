"""The annotated corpus: labelled sentences and paragraphs, and the loader of the
bundled sets (the 2016 corpus, the development and the evaluation set).

Examples
--------
>>> from cyberreport.corpus import load_corpus
>>> len(load_corpus())
29
"""

from ._load import load_corpus
from ._types import Corpus, Paragraph, Sentence

__all__ = ["Sentence", "Paragraph", "Corpus", "load_corpus"]
