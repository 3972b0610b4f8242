"""Tokens: the domain tokenizer for 网信 texts and its word lists (``text -> tokens``).

Examples
--------
>>> from cyberreport.tokenize import Tokenizer
>>> Tokenizer().cut("网信办推进“两微一端”建设")
['网信办', '两微一端', '建设']
"""

from ._tokenizer import Tokenizer
from ._wordlists import domain_words, generic_words, stopwords

__all__ = ["Tokenizer", "domain_words", "stopwords"]
