"""Features: the theme lexicon, the sentence vectorizer of the classifier, the one TF-IDF
definition, and keywords (``tokens -> features``).

Examples
--------
>>> from cyberreport.features import keywords
>>> [t for t, _ in keywords("建设县级融媒体中心，推进媒体融合", top_n=2)]
['县级', '融媒体中心']
"""

from ._keywords import Keywords, keywords

__all__ = ["keywords", "Keywords"]
