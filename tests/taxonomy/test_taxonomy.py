"""Tests for cyberreport.taxonomy: THEMES, THEME_IDS, get_theme, UnknownThemeError."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import cyberreport
from cyberreport.taxonomy import (
    TAXONOMY_VERSION, THEME_IDS, THEMES, Theme, UnknownThemeError, get_theme,
)

# The table of /work/shared/taxonomy.md (version 1), in order.
EXPECTED = [
    ("security", "网络安全", "Cybersecurity"),
    ("informatization", "信息化与信息基础设施", "Informatization and digital infrastructure"),
    ("digital_economy", "数字经济与大数据", "Digital economy and big data"),
    ("e_government", "数字政务与政务新媒体", "E-government and government new media"),
    ("media_convergence", "媒体融合与新闻网站建设", "Media convergence and news outlets"),
    ("propaganda", "网上宣传与舆论引导", "Online publicity and opinion guidance"),
    ("online_culture", "网络文化建设", "Online culture"),
    ("content_governance", "网络内容治理与执法", "Content governance and enforcement"),
    ("social_governance", "举报受理与社会共治", "Public reporting and social co-governance"),
    ("institution_building", "体制机制与规划制度", "Institutions, planning and rules"),
    ("digital_inclusion", "网络扶贫与惠民服务", "Poverty alleviation and public benefit online"),
    ("talent_education", "人才培养与网络教育", "Talent and education"),
    ("international", "国际交流合作", "International exchange and cooperation"),
]
EXPECTED_IDS = [e[0] for e in EXPECTED]


def _shared_dir() -> Path | None:
    repo = Path(__file__).resolve().parents[2]
    for cand in (repo.parent / "shared", Path("/work/shared")):
        if cand.is_dir():
            return cand
    return None


def _spec_table() -> list[tuple[str, str, str]]:
    shared = _shared_dir()
    spec = shared / "taxonomy.md" if shared else None
    if spec is None or not spec.is_file():
        pytest.skip("shared/taxonomy.md not available")
    rows = []
    for line in spec.read_text("utf-8").splitlines():
        m = re.match(r"^\|\s*(\d+)\s*\|\s*`([a-z_]+)`\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$", line)
        if m:
            assert int(m.group(1)) == len(rows) + 1, line
            rows.append((m.group(2), m.group(3), m.group(4)))
    assert rows, "no table rows found in taxonomy.md"
    return rows


def test_thirteen_themes_in_taxonomy_order():
    assert len(THEMES) == 13
    assert list(THEME_IDS) == EXPECTED_IDS
    assert [t.id for t in THEMES] == EXPECTED_IDS
    assert [(t.id, t.name_zh, t.name_en) for t in THEMES] == EXPECTED


def test_ids_and_names_match_the_shared_spec_table():
    assert _spec_table() == [(t.id, t.name_zh, t.name_en) for t in THEMES]


def test_ids_are_unique_identifiers():
    assert len(set(THEME_IDS)) == 13
    assert all(re.fullmatch(r"[a-z][a-z_]*", i) for i in THEME_IDS)


def test_version_and_record_fields():
    assert TAXONOMY_VERSION == 1
    for t in THEMES:
        assert isinstance(t, Theme)
        assert t.version == TAXONOMY_VERSION
        assert t.definition and isinstance(t.definition, str)
        assert isinstance(t.cues, tuple) and t.cues and all(isinstance(c, str) for c in t.cues)
        assert isinstance(t.boundary, str)


@pytest.mark.parametrize("theme_id, cue", [
    ("security", "关键信息基础设施"), ("security", "态势感知"),
    ("media_convergence", "中央厨房"), ("content_governance", "清朗"),
    ("institution_building", "网信办"), ("international", "一带一路"),
    ("digital_economy", "互联网+"), ("digital_inclusion", "扶贫"),
])
def test_cues_come_from_the_spec(theme_id, cue):
    assert cue in get_theme(theme_id).cues


@pytest.mark.parametrize("field", ["id", "name_zh", "name_en", "definition", "cues",
                                   "boundary", "version"])
def test_theme_records_are_immutable(field):
    theme = THEMES[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(theme, field, "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(theme, field)
    assert get_theme("security").id == "security"


def test_theme_collections_are_immutable():
    assert isinstance(THEMES, tuple) and isinstance(THEME_IDS, tuple)
    with pytest.raises(TypeError):
        THEMES[0] = THEMES[1]  # type: ignore[index]
    with pytest.raises(AttributeError):
        THEMES[0].cues.append("x")  # type: ignore[attr-defined]


def test_themes_are_hashable_and_comparable():
    assert len(set(THEMES)) == 13
    assert get_theme("security") == THEMES[0]
    assert "security" in repr(THEMES[0])


@pytest.mark.parametrize("theme_id", EXPECTED_IDS)
def test_get_theme_known(theme_id):
    theme = get_theme(theme_id)
    assert theme.id == theme_id
    assert theme is THEMES[EXPECTED_IDS.index(theme_id)]


@pytest.mark.parametrize("bad", ["securty", "Security", "", " security", "网络安全", "cyber"])
def test_get_theme_unknown_raises_with_helpful_message(bad):
    with pytest.raises(UnknownThemeError) as info:
        get_theme(bad)
    err = info.value
    assert isinstance(err, KeyError)
    assert isinstance(err, ValueError)
    msg = str(err)
    assert repr(bad) in msg
    for theme_id in EXPECTED_IDS:
        assert theme_id in msg
    assert not msg.startswith('"')  # not KeyError's quoted repr


def test_unknown_theme_error_catchable_as_key_error():
    try:
        get_theme("nope")
    except KeyError as exc:
        assert "nope" in str(exc)
    else:  # pragma: no cover
        pytest.fail("no KeyError")


@pytest.mark.parametrize("bad", [None, 1, b"security", ["security"]])
def test_get_theme_non_str_raises_type_error(bad):
    with pytest.raises(TypeError, match="theme_id"):
        get_theme(bad)


def test_package_exports_the_taxonomy():
    assert cyberreport.THEMES is THEMES
    assert cyberreport.get_theme is get_theme
    assert cyberreport.UnknownThemeError is UnknownThemeError
