"""Places: province names and abbreviations, and the province a text is about.

:func:`normalize_province` gives the canonical name of a province-level unit
(浙江省/浙江/浙 → 浙江); :func:`find_places` finds the provinces, prefecture-level cities,
county-level divisions and landmarks a text names; :func:`infer_province` decides which
province the text is about, or abstains.  Standard library only; the gazetteer ships as
``cyberreport/resources/divisions.json`` (sources and licences: ``docs/places.md``).

Examples
--------
>>> from cyberreport.places import infer_province, normalize_province
>>> normalize_province("内蒙古自治区")
'内蒙古'
>>> infer_province("西安市推进新型智慧城市建设").province
'陕西'
"""

from ._infer import PlaceMatch, ProvinceGuess, find_places, infer_province, normalize_province

__all__ = ["normalize_province", "find_places", "infer_province", "PlaceMatch", "ProvinceGuess"]
