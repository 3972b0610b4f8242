"""Features: the theme lexicon, the sentence vectorizer of the classifier, the one TF-IDF
definition, and keywords (``tokens -> features``).

Examples
--------
>>> from cyberreport.features import keywords
>>> [t for t, _ in keywords("建设县级融媒体中心，推进媒体融合", top_n=2)]
['县级融媒体中心', '媒体融合']
"""

from ._keywords import Keywords, keywords
from ._lexicon import lexicon_matcher, lexicon_theme, pattern_matchers, theme_lexicon
from ._tfidf import smooth_idf, sublinear_tf
from ._vectorizer import BLOCKS, SentenceVectorizer

__all__ = ["keywords", "Keywords", "SentenceVectorizer", "BLOCKS", "theme_lexicon",
           "lexicon_theme", "lexicon_matcher", "pattern_matchers", "smooth_idf",
           "sublinear_tf"]
