"""Structured extraction: the figures (quantities) and named things of a 网信 text.

- :func:`extract_figures` finds the figures of a text as :class:`Figure` records (value,
  unit, qualifier, span, sentence, verb, counted noun, indicator and theme);
- :func:`extract_mentions` finds the named campaigns, laws and rules, bodies, platforms,
  events and programmes of the gazetteer as :class:`Mention` records;
- :func:`figures_table` and :func:`mentions_table` sum and count them by group
  (province, year …) with the ids and offsets of every number;
- the number layer below them: :func:`parse_number` for one numeral and
  :func:`find_quantities` for the figures of a text as :class:`Quantity` records.

The resources are ``resources/indicators.json`` and ``resources/gazetteer.json``; what
counts as a figure or a mention is defined by ``data/figures/GUIDELINES.md``.
"""

from ._figures import Figure, extract_figures
from ._mentions import MENTION_KINDS, Mention, extract_mentions
from ._numbers import QUALIFIERS, Quantity, find_quantities, parse_number
from ._tables import figures_table, mentions_table

__all__ = ["extract_figures", "Figure", "extract_mentions", "Mention", "MENTION_KINDS",
           "Quantity", "QUALIFIERS", "parse_number", "find_quantities", "figures_table",
           "mentions_table"]
