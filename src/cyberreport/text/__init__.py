"""Text in: normalisation and sentences (the first steps of ``text -> normalize -> sentences``).

Both are pure functions of a ``str``; neither raises on one.
"""

from ._normalize import normalize
from ._sentences import sentence_spans, split_sentences

__all__ = ["normalize", "split_sentences", "sentence_spans"]
