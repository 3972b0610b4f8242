"""Tests for cyberreport.places: normalize_province, find_places, infer_province."""

from __future__ import annotations

import doctest
import json
import pickle
import re
from importlib import resources
from pathlib import Path

import pytest

import cyberreport.places as places_pkg
from cyberreport.places import (PlaceMatch, ProvinceGuess, find_places, infer_province,
                                normalize_province)
from cyberreport.places import _infer
from cyberreport.places._data import gazetteer

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------------------
# normalize_province
# ---------------------------------------------------------------------------------------

NORMALIZE = [
    ("浙江省", "浙江"), ("浙江", "浙江"), ("浙", "浙江"),
    ("内蒙古自治区", "内蒙古"), ("内蒙古", "内蒙古"), ("内蒙", "内蒙古"), ("蒙", "内蒙古"),
    ("广西壮族自治区", "广西"), ("广西", "广西"), ("广西自治区", "广西"), ("桂", "广西"),
    ("新疆维吾尔自治区", "新疆"), ("新", "新疆"),
    ("宁夏回族自治区", "宁夏"), ("宁", "宁夏"),
    ("西藏自治区", "西藏"), ("藏", "西藏"),
    ("香港特别行政区", "香港"), ("香港特区", "香港"), ("澳门特别行政区", "澳门"),
    ("北京市", "北京"), ("京", "北京"), ("上海市", "上海"), ("沪", "上海"),
    ("重庆市", "重庆"), ("渝", "重庆"), ("天津市", "天津"), ("津", "天津"),
    ("粤", "广东"), ("川", "四川"), ("蜀", "四川"), ("黔", "贵州"), ("贵", "贵州"),
    ("滇", "云南"), ("云", "云南"), ("陇", "甘肃"), ("甘", "甘肃"), ("晋", "山西"),
    ("冀", "河北"), ("豫", "河南"), ("鄂", "湖北"), ("湘", "湖南"), ("赣", "江西"),
    ("皖", "安徽"), ("闽", "福建"), ("鲁", "山东"), ("苏", "江苏"), ("辽", "辽宁"),
    ("吉", "吉林"), ("黑", "黑龙江"), ("琼", "海南"), ("青", "青海"), ("陕", "陕西"),
    ("秦", "陕西"), ("黑龙江省", "黑龙江"), ("台湾省", "台湾"),
    (" 浙江省 ", "浙江"), ("浙江\u3000省", "浙江"),     # spaces are ignored
    # never inside words, never places below province level, never national words
    ("浙里办", None), ("粤省事", None), ("苏州", None), ("杭州", None), ("浙江省杭州市", None),
    ("中央", None), ("国家", None), ("全国", None), ("中国", None), ("", None),
    ("江", None), ("西", None), ("Zhejiang", None),
]


@pytest.mark.parametrize("name,expected", NORMALIZE)
def test_normalize_province(name, expected):
    assert normalize_province(name) == expected


def test_every_province_full_and_short_name_normalises_to_itself():
    g = gazetteer()
    assert len(g.provinces) == 34
    for canon, spellings in g.province_names.items():
        assert normalize_province(canon) == canon
        for s in spellings:
            assert normalize_province(s) == canon


@pytest.mark.parametrize("bad", [None, 3, b"\xe6\xb5\x99", ["浙江"]])
def test_normalize_province_rejects_non_strings_naming_the_argument(bad):
    with pytest.raises(TypeError, match="name must be a str"):
        normalize_province(bad)


# ---------------------------------------------------------------------------------------
# find_places
# ---------------------------------------------------------------------------------------

FOUND = [
    ("在杭州召开", [("杭州", "city", ("浙江",))]),
    ("杭州市网信办", [("杭州市", "city", ("浙江",))]),
    ("阿坝州九寨沟县发生地震", [("阿坝", "city", ("四川",)), ("九寨沟县", "county", ("四川",))]),
    ("黔东南苗族侗族自治州", [("黔东南苗族侗族自治州", "city", ("贵州",))]),
    ("建设长江云平台", [("长江云", "landmark", ("湖北",))]),
    ("第五届世界互联网大会在乌镇举行", [("乌镇", "landmark", ("浙江",))]),
    ("安徽和县", [("安徽", "province", ("安徽",)), ("和县", "county", ("安徽",))]),
    ("西安电子科技大学", [("西安", "city", ("陕西",))]),          # the city, not 西安区 (吉林)
    ("北京市朝阳区", [("北京市", "province", ("北京",)), ("朝阳区", "county", ("北京",))]),
    ("朝阳区", [("朝阳区", "county", ("北京", "吉林"))]),            # 北京 and 长春
    ("杭州市西湖区", [("杭州市", "city", ("浙江",)), ("西湖区", "county", ("浙江",))]),
    ("莱芜市", [("莱芜市", "city", ("山东",))]),                    # a former name
    ("东方市", [("东方市", "county", ("海南",))]),
    ("通道侗族自治县", [("通道侗族自治县", "county", ("湖南",))]),
    ("ＡＢＣ杭州", [("杭州", "city", ("浙江",))]),                  # offsets after normalising
]


@pytest.mark.parametrize("text,expected", FOUND)
def test_find_places(text, expected):
    assert [(m.name, m.kind, m.provinces) for m in find_places(text)] == expected


NOT_PLACES = [
    "身穿中山装的代表",            # 中山 inside a word
    "实现长治久安",                # 长治
    "大城市和中小城市",            # 大城 (a county of 河北)
    "东方红",                      # 东方 without 市
    "建设国际通信通道",            # 通道 without 县
    "平安中国建设",                # 平安
    "发展朝阳产业",                # 朝阳 is also a common word
    "创新和发展",                  # 新和 (a county of 新疆)
    "推进政务云和数据共享",        # 云和 (a county of 浙江)
    "面向南亚东南亚辐射中心",      # 亚东 (a county of 西藏)
    "建设电子商务进农村综合示范县",  # 范县 (a county of 河南)
    "提高县级融媒体中心建设水平",  # 高县 (a county of 四川)
    "协会理事会",                  # 会理 across two words
    "确保资金平衡",                # 金平
    "扩大化",                      # 大化
    "中央网信办召开全国网信工作会议",
    "国家网络安全宣传周",
    "合作共赢",                    # 合作 (a city of 甘肃) only as 合作市
    "城区和郊区",                  # generic names are never places
]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_common_words_are_not_places(text):
    assert find_places(text) == []


def test_offsets_refer_to_the_normalised_text():
    from cyberreport.text import normalize

    text = "网信办，\u3000在杭州市召开。Ｘ西安"
    norm = normalize(text)
    for m in find_places(text):
        assert norm[m.start:m.end] == m.name


def test_taxonomy_prose_names_no_division():
    # the taxonomy's definitions: long government prose about 网信 work, no places
    raw = json.loads(resources.files("cyberreport.resources").joinpath("taxonomy.json")
                     .read_text("utf-8"))
    text = json.dumps(raw, ensure_ascii=False)
    divisions = [m for m in find_places(text) if m.kind in ("city", "county")]
    assert divisions == []


def test_find_places_rejects_non_strings():
    with pytest.raises(TypeError, match="text must be a str"):
        find_places(None)


# ---------------------------------------------------------------------------------------
# infer_province
# ---------------------------------------------------------------------------------------

ANSWERS = [
    ("杭州市网信办开展网络安全检查", "浙江", "places"),
    ("建设全省统一的长江云“政务+新闻+服务”平台", "湖北", "places"),
    ("积极开展西安等新型智慧城市建设", "陕西", "places"),
    ("在建成国内首个“全光网省”的基础上", "四川", "places"),
    ("浙江省网信办组织干部赴西安学习", "浙江", "province_name"),
    ("广州、深圳、佛山三地联合开展执法", "广东", "places"),
    ("北京市朝阳区", "北京", "province_name"),
    ("朝阳区和通州区联合开展网络安全检查", "北京", "places"),   # both ambiguous, both in 北京
]


@pytest.mark.parametrize("text,province,basis", ANSWERS)
def test_infer_province_answers(text, province, basis):
    g = infer_province(text)
    assert (g.province, g.basis) == (province, basis)
    assert 0 < g.confidence <= 1
    assert g.places and g.reason


ABSTAIN = [
    ("开展“净网”专项行动，关闭违法违规网站", "no_evidence"),
    ("中央网信办部署全国网络安全检查", "no_evidence"),
    ("国家网络安全宣传周开幕", "no_evidence"),
    ("杭州和南京两地联合举办论坛", "conflict"),               # two provinces
    ("北京和上海", "conflict"),
    ("朝阳区网信办开展检查", "conflict"),                    # 北京 or 吉林 (长春)
    ("浙江省与江苏省签署合作协议", "conflict"),
]


@pytest.mark.parametrize("text,basis", ABSTAIN)
def test_infer_province_abstains(text, basis):
    g = infer_province(text)
    assert g.province is None
    assert g.basis == basis
    assert g.confidence == 0.0
    assert g.reason.startswith("abstained")


def test_min_ratio_controls_how_clear_the_evidence_must_be():
    text = "郑州市网信办在郑州举办论坛，西安市代表参加"   # 郑州 2, 西安 1
    assert infer_province(text).province == "河南"
    assert infer_province(text, min_ratio=3.0).province is None


@pytest.mark.parametrize("bad", [1, 0.5, "2", True, float("nan")])
def test_min_ratio_is_validated(bad):
    with pytest.raises((TypeError, ValueError), match="min_ratio"):
        infer_province("杭州", min_ratio=bad)


def test_guess_is_frozen_json_ready_and_picklable():
    g = infer_province("杭州市西湖区网信办")
    d = g.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert pickle.loads(pickle.dumps(g)) == g
    with pytest.raises(AttributeError):
        g.province = "江苏"
    with pytest.raises(TypeError):
        g.scores["江苏"] = 1.0
    assert isinstance(g.places[0], PlaceMatch)
    assert isinstance(g, ProvinceGuess)


# ---------------------------------------------------------------------------------------
# the bundled texts with province names removed (what benchmarks/bench_places.py does)
# ---------------------------------------------------------------------------------------

def _removal() -> re.Pattern:
    g = gazetteer()
    words = set(g.aliases) - {a for abbrs in g.abbreviations.values() for a in abbrs}
    for name in g.landmarks:
        if any(a in name for p in g.names[name].provinces for a in g.abbreviations[p]):
            words.add(name)
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("rid,province", [("2016-16", "湖北"), ("2016-21", "四川"),
                                           ("2016-25", "陕西")])
def test_seed_paragraphs_without_their_province_name_come_out_right(rid, province):
    rec = {r["id"]: r for r in _records(ROOT / "data" / "provincial_reports_2016.jsonl")}[rid]
    assert rec["province_evidence"] == "inferred" and rec["province"] == province
    stripped = _removal().sub("", rec["text"])
    assert infer_province(stripped).province == province


@pytest.mark.parametrize("rid,province", [("2016-12", "福建"), ("2016-19", "广西")])
def test_inferred_seed_paragraphs_without_any_place_abstain(rid, province):
    """The other two inferred paragraphs name no place at all (their province comes from
    the order of the seed): the honest answer is an abstention, not a guess."""
    rec = {r["id"]: r for r in _records(ROOT / "data" / "provincial_reports_2016.jsonl")}[rid]
    assert rec["province_evidence"] == "inferred" and rec["province"] == province
    guess = infer_province(rec["text"])
    assert (guess.province, guess.basis, guess.places) == (None, "no_evidence", ())


def _bundled() -> list[dict]:
    return [r for path in [ROOT / "data" / "provincial_reports_2016.jsonl",
                           ROOT / "data" / "dev" / "dev_2017_2022.jsonl",
                           ROOT / "data" / "eval" / "provincial_2017_2021.jsonl"]
            for r in _records(path)]


def _without_places(text: str) -> str:
    """``text`` with every place name find_places sees cut out (repeated: a cut can join
    two fragments into a new name)."""
    from cyberreport import normalize

    text = normalize(text)
    for _ in range(5):
        found = find_places(text)
        if not found:
            return text
        kept, last = [], 0
        for m in found:
            kept.append(text[last:m.start])
            last = m.end
        text = "".join(kept + [text[last:]])
    return text


@pytest.mark.parametrize("rec", _bundled(), ids=lambda r: r["id"])
def test_abstains_when_no_place_is_left(rec):
    """With its province names and every other place name removed, no bundled text may
    get a province: what is left points nowhere."""
    guess = infer_province(_without_places(rec["text"]))
    assert guess.province is None and guess.basis == "no_evidence", guess.reason


def test_accuracy_of_answers_on_the_bundled_texts_without_province_names():
    pattern = _removal()
    answered = right = 0
    for path in [ROOT / "data" / "provincial_reports_2016.jsonl",
                 ROOT / "data" / "dev" / "dev_2017_2022.jsonl",
                 ROOT / "data" / "eval" / "provincial_2017_2021.jsonl"]:
        for rec in _records(path):
            stripped = pattern.sub("", rec["text"])
            for spelling in gazetteer().province_names[rec["province"]]:
                assert spelling not in stripped
            guess = infer_province(stripped)
            if guess.province is not None:
                answered += 1
                right += guess.province == rec["province"]
    assert answered >= 30
    assert right / answered >= 0.95


# ---------------------------------------------------------------------------------------
# the data file, packaging, import cost, doctests
# ---------------------------------------------------------------------------------------

def test_divisions_file_covers_every_mainland_province_with_sources():
    raw = json.loads(resources.files("cyberreport.resources").joinpath("divisions.json")
                     .read_text("utf-8"))
    assert {s["licence"] for s in raw["sources"]} >= {"WTFPL"}
    provinces_with_cities = {row[3] for row in raw["divisions"] if row[2] == "city"}
    mainland = set(gazetteer().provinces) - {"台湾", "香港", "澳门"}
    assert mainland - {"北京", "天津", "上海", "重庆"} <= provinces_with_cities
    counties = {row[3] for row in raw["divisions"] if row[2] == "county"}
    assert mainland <= counties
    assert len(raw["divisions"]) > 3000
    assert all(len(lm) == 3 and lm[1] for lm in raw["landmarks"])


def test_places_needs_only_the_standard_library(modules_loaded_by):
    code = "import cyberreport.places as p\np.infer_province('杭州市网信办')"
    assert modules_loaded_by(code, ("sklearn", "scipy", "jieba", "rjieba", "pandas")) == []


@pytest.mark.parametrize("mod", [places_pkg, _infer])
def test_doctests(mod):
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
