"""The number rule of the tokenizer: which tokens are a number (with its thousands groups
and measure words), shared by ``Tokenizer.cut`` and the token-id fast path."""

from __future__ import annotations

import re

__all__ = ["NUM_TOKEN", "has_digit", "number_runs"]

NUM_TOKEN = "<NUM>"
_QUANTITY = "万亿千百余多个家条件次名人年月日号起项所户村座台套"
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_NUMBER_RE = re.compile(rf"^[0-9]+(?:[.,][0-9]+)*%?[{_QUANTITY}]*$")
# A measure-word fragment that jieba cuts off after a number ("11000" + "余条").
_QUANTITY_RE = re.compile(rf"^[{_QUANTITY}]+$")
# A number written with thousands separators reaches us as several tokens ("3", ",",
# "500"): a head of one to three digits, then "," and a group of three digits, repeated
# (only the last group may carry decimals, "%" or measure words).
_HEAD_RE = re.compile(r"^[0-9]{1,3}$")
_GROUP_RE = re.compile(rf"^[0-9]{{3}}(?:\.[0-9]+)?%?[{_QUANTITY}]*$")


def number_end(toks, i: int) -> int:
    """The index after the number that starts at ``toks[i]``, its thousands groups
    included (``["3", ",", "500", "个"]`` at 0 -> 3)."""
    j = i + 1
    if _HEAD_RE.match(toks[i]):
        n = len(toks)
        while j + 1 < n and toks[j] == "," and _GROUP_RE.match(toks[j + 1]):
            j += 2
            if len(toks[j - 1]) != 3:  # decimals, % or a measure word end the number
                break
    return j

is_number = _NUMBER_RE.match
"""A match if the token is a number (digits first: ``2016``, ``3.4万``, ``177家``)."""
is_quantity = _QUANTITY_RE.match
"""A match if the token is only measure words (what jieba cuts off after a number)."""
has_digit = _ASCII_DIGIT_RE.search
"""A match if the text has an ASCII digit (else no number rule can apply)."""


def number_runs(toks, starting=None) -> list[tuple[int, int]]:
    """``(start, end)`` token ranges of the numbers in ``toks``: a number token (it starts
    with a digit: ``2016``, ``3.4万``, ``177家``), its thousands groups (``3`` ``,``
    ``500``) and the measure words cut off after it (``11000`` ``余条``).

    ``starting`` may list the indices of the tokens that start with a digit, when the
    caller knows them; by default they are found here.

    Examples
    --------
    >>> number_runs(["删除", "11000", "余条", "信息"])
    [(1, 3)]
    """
    if starting is None:
        starting = [i for i, t in enumerate(toks) if "0" <= t[:1] <= "9"]
    n = len(toks)
    runs = []
    done = 0  # tokens before this index belong to a number already found
    for i in starting:
        if i >= done and is_number(toks[i]):
            j = number_end(toks, i)
            while j < n and is_quantity(toks[j]):
                j += 1
            runs.append((i, j))
            done = j
    return runs
