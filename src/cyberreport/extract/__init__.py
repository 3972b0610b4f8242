"""Structured extraction: the figures (quantities) and named things of a 网信 text.

Phase 1 holds the number layer — :func:`parse_number` for one numeral and
:func:`find_quantities` for the figures of a text — and the resources the extractors
use (``resources/indicators.json``, ``resources/gazetteer.json``).
"""

from ._numbers import QUALIFIERS, Quantity, find_quantities, parse_number

__all__ = ["Quantity", "QUALIFIERS", "parse_number", "find_quantities"]
