"""The tokenizer's fast path for feature extraction: token ids of many texts in one
backend call."""

from __future__ import annotations

import re
from itertools import chain, repeat

import numpy as np

from ..text import normalize
from ._numbers import NUM_TOKEN, has_digit, number_runs
from ._segmenter import JIEBA_BLOCK_RE, cut_around

__all__ = ["TokenIdCutter", "BATCH_SEP"]

# Joins the texts of TokenIdCutter.batch: a private-use character that normalisation
# leaves alone, that is neither whitespace nor a "Chinese" neighbour for the punctuation
# rule, and that the backend always cuts off as a token of its own.
BATCH_SEP = "\ue000"
_WORD_CHAR_RE = re.compile(r"[\w\u3400-\u9fff+#]")


class TokenIdCutter:
    """``cutter(text)`` equals ``[ids[t] for t in tokenizer.cut(text) if t in ids]`` (for
    ids >= 0, such as feature indices); ``cutter.batch(texts)`` gives the same ids for
    many texts at once as ``(counts, flat)``: ``counts[i]`` ids of text ``i``, then all
    of them concatenated.

    For tokenizers that keep neither titles nor punctuation, the backend's tokens are
    looked up in ``ids`` filtered once by the stop-word and punctuation rules of
    ``cut``, and the number rule runs only where there is an ASCII digit; ``batch``
    normalises and cuts the texts joined by ``BATCH_SEP`` in one backend call (texts that
    contain it are cut one by one).  Other tokenizers go through ``cut``.  The cutter
    holds no backend (it asks the tokenizer on each call) and follows the tokenizer's
    added words and stop-words.  Not meant to be pickled.

    Examples
    --------
    >>> from cyberreport.tokenize import Tokenizer
    >>> tok = Tokenizer(numbers="fold", keep_titles=False)
    >>> cutter = TokenIdCutter(tok, {"网信办": 0, "<NUM>": 1})
    >>> cutter("网信办删除信息300条")
    [0, 1]
    """

    def __init__(self, tokenizer, ids: dict[str, int]):
        self.tokenizer = tokenizer
        self.ids = ids
        self.fast = not (tokenizer.keep_titles or tokenizer.keep_punct)
        self.num_id = ids.get(NUM_TOKEN) if tokenizer.numbers == "fold" else None
        self._made_for = (None, None)  # (word list, stop set) the state below is for
        self._cut = None
        self._keep: dict[str, int] = {}

    def _refresh(self) -> None:
        tok = self.tokenizer
        words = tok._word_list()
        stop = tok._stop_set()
        if self._made_for[0] is words and self._made_for[1] is stop:
            return
        base_cut = tok._cutter(words)
        glued = tok._glued_re(words)
        if glued is None:
            self._cut = base_cut
        else:
            # A word the backend cannot keep whole has a character outside its blocks; a
            # text with none of those characters has none of them.
            marks = re.compile("[" + "".join(sorted({
                re.escape(c) for w, _ in words if not JIEBA_BLOCK_RE.fullmatch(w)
                for c in w if not JIEBA_BLOCK_RE.match(c)
            })) + "]").search

            def cut(part, _cut=base_cut, _glued=glued, _marks=marks):
                if _marks(part) is None:
                    return _cut(part)
                return cut_around(_glued, _cut, part)

            self._cut = cut
        keep = {
            t: i for t, i in self.ids.items()
            if t not in stop and (t.isalnum() or _WORD_CHAR_RE.search(t))
        }
        keep[BATCH_SEP] = -2
        self._keep = keep
        self._made_for = (words, stop)

    def _numbers(self, toks, found, text, missing, starting=None) -> None:
        """The number rule of ``cut`` in id space: a number becomes ``<NUM>`` or nothing,
        and so do its thousands groups and measure words."""
        if self.tokenizer.numbers == "keep" or not has_digit(text):
            return
        num = missing if self.num_id is None else self.num_id
        for i, j in number_runs(toks, starting):
            found[i] = num
            for k in range(i + 1, j):
                found[k] = missing

    def __call__(self, text: str) -> list[int]:
        if not self.fast:
            ids = self.ids
            return [i for i in map(ids.get, self.tokenizer.cut(text)) if i is not None]
        text = normalize(text)
        if not text:
            return []
        self._refresh()
        toks = self._cut(text)
        found = list(map(self._keep.get, toks))
        self._numbers(toks, found, text, None)
        return [i for i in found if i is not None and i >= 0]

    def batch(self, texts) -> tuple[np.ndarray, np.ndarray]:
        texts = list(texts)
        if not self.fast or not texts or any(BATCH_SEP in t for t in texts):
            return _flatten([self(t) for t in texts])
        text = normalize(BATCH_SEP.join(texts))
        self._refresh()
        toks = self._cut(text)
        found = np.fromiter(map(self._keep.get, toks, repeat(-1)), dtype=np.int64,
                            count=len(toks))
        starting = None
        if self.tokenizer.numbers != "keep" and has_digit(text):
            # the tokens that start with a digit, from the digits' positions
            ends = np.cumsum(np.fromiter(map(len, toks), dtype=np.int64, count=len(toks)))
            if len(ends) and ends[-1] == len(text):  # the tokens tile the text
                cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
                digits = np.flatnonzero((cp >= 48) & (cp <= 57))
                first = np.concatenate(([0], ends[:-1]))
                at = np.searchsorted(first, digits)
                ok = at < len(first)
                at = at[ok]
                starting = np.unique(at[first[at] == digits[ok]]).tolist()
        self._numbers(toks, found, text, -1, starting)
        sep = found == -2
        if int(sep.sum()) != len(texts) - 1:  # (never seen) one by one, to be sure
            return _flatten([self(t) for t in texts])
        row = np.cumsum(sep)
        kept = found >= 0
        return np.bincount(row[kept], minlength=len(texts)), found[kept]


def _flatten(per_text: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    counts = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
    flat = np.fromiter(chain.from_iterable(per_text), dtype=np.int64, count=int(counts.sum()))
    return counts, flat
