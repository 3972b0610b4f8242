"""English labels for pictures drawn without a font that has Chinese glyphs: theme and
province names in English, other Chinese labels replaced by a short Latin stand-in, so
that a picture never shows empty boxes."""

from __future__ import annotations

import re

__all__ = ["has_cjk", "english_label", "english_labels", "PROVINCES_EN"]

_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
                     r"\U00020000-\U0002fa1f]")

#: The 34 provincial-level units, short Chinese name -> English name.
PROVINCES_EN = {
    "北京": "Beijing", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi",
    "内蒙古": "Inner Mongolia", "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang",
    "上海": "Shanghai", "江苏": "Jiangsu", "浙江": "Zhejiang", "安徽": "Anhui",
    "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan",
    "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "广西": "Guangxi",
    "海南": "Hainan", "重庆": "Chongqing", "四川": "Sichuan", "贵州": "Guizhou",
    "云南": "Yunnan", "西藏": "Tibet", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang", "香港": "Hong Kong",
    "澳门": "Macao", "台湾": "Taiwan",
}
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def has_cjk(s: str) -> bool:
    """Whether ``s`` holds a character that needs a CJK font.

    Examples
    --------
    >>> has_cjk("网信 2016"), has_cjk("security 2016")
    (True, False)
    """
    return bool(_CJK_RE.search(s))


def english_label(label: str, *, stand_in: str) -> str:
    """``label`` readable without a CJK font: unchanged when it has no Chinese, a theme's
    or a province's English name when it is one (also with a year or a suffix such as
    省/自治区), else ``stand_in``.

    Examples
    --------
    >>> english_label("浙江省", stand_in="group 1")
    'Zhejiang'
    >>> english_label("广东 2018", stand_in="group 2")
    'Guangdong 2018'
    >>> english_label("网络安全", stand_in="theme 1")
    'Cybersecurity'
    >>> english_label("关键信息基础设施", stand_in="term 3")
    'term 3'
    """
    if not has_cjk(label):
        return label
    from .taxonomy import THEMES

    for t in THEMES:
        if label in (t.name_zh, t.id):
            return t.name_en
    parts = label.split()
    out = []
    for part in parts:
        if not has_cjk(part):
            out.append(part)
            continue
        key = part
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and key[:-len(suffix)] in PROVINCES_EN:
                key = key[:-len(suffix)]
                break
        if key not in PROVINCES_EN:
            return stand_in
        out.append(PROVINCES_EN[key])
    return " ".join(out)


def english_labels(labels, kind: str) -> list[str]:
    """:func:`english_label` of each label, with ``"<kind> <position>"`` (from 1) as the
    stand-in.

    Examples
    --------
    >>> english_labels(["北京", "某地", "total"], "group")
    ['Beijing', 'group 2', 'total']
    """
    return [english_label(str(x), stand_in=f"{kind} {i}") for i, x in enumerate(labels, 1)]
