"""Build ``src/cyberreport/resources/divisions.json`` from public 行政区划 data.

Usage::

    python data/places/build_divisions.py --modood DIR --cpca FILE --jieba-dict FILE [-o OUT]

Inputs (see ``docs/places.md`` for sources and licences):

* ``--modood DIR``: the ``dist/`` folder of modood/Administrative-divisions-of-China
  (``provinces.csv``, ``cities.csv``, ``areas.csv``: the 2023 统计用区划代码 of the
  National Bureau of Statistics; WTFPL);
* ``--cpca FILE``: ``cpca/resources/adcodes.csv`` of DQinYuan/chinese_province_city_area_mapper
  (MIT; data from Vonng/adcode, CC BY 4.0; 2016 codes with 2017 changes): names that no
  longer exist in 2023 (莱芜市, 临安市 …) are added as *former* names;
* ``--jieba-dict FILE``: jieba's ``dict.txt`` (MIT), used only here, to find short names
  that are also common words and common words that contain a short name.

The output is deterministic (sorted), so re-running the script on the same inputs gives
the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

# ---------------------------------------------------------------------------------------
# provinces
# ---------------------------------------------------------------------------------------

# code -> (short name, abbreviations, extra aliases)
PROVINCES = {
    "11": ("北京", ["京"], []),
    "12": ("天津", ["津"], []),
    "13": ("河北", ["冀"], []),
    "14": ("山西", ["晋"], []),
    "15": ("内蒙古", ["蒙"], ["内蒙"]),
    "21": ("辽宁", ["辽"], []),
    "22": ("吉林", ["吉"], []),
    "23": ("黑龙江", ["黑"], []),
    "31": ("上海", ["沪"], []),
    "32": ("江苏", ["苏"], []),
    "33": ("浙江", ["浙"], []),
    "34": ("安徽", ["皖"], []),
    "35": ("福建", ["闽"], []),
    "36": ("江西", ["赣"], []),
    "37": ("山东", ["鲁"], []),
    "41": ("河南", ["豫"], []),
    "42": ("湖北", ["鄂"], []),
    "43": ("湖南", ["湘"], []),
    "44": ("广东", ["粤"], []),
    "45": ("广西", ["桂"], ["广西壮族自治区"]),
    "46": ("海南", ["琼"], []),
    "50": ("重庆", ["渝"], []),
    "51": ("四川", ["川", "蜀"], []),
    "52": ("贵州", ["黔", "贵"], []),
    "53": ("云南", ["滇", "云"], []),
    "54": ("西藏", ["藏"], []),
    "61": ("陕西", ["陕", "秦"], []),
    "62": ("甘肃", ["甘", "陇"], []),
    "63": ("青海", ["青"], []),
    "64": ("宁夏", ["宁"], []),
    "65": ("新疆", ["新"], []),
    "71": ("台湾", ["台"], []),
    "81": ("香港", ["港"], []),
    "82": ("澳门", ["澳"], []),
}
FULL_NAMES = {
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}

# ---------------------------------------------------------------------------------------
# short names
# ---------------------------------------------------------------------------------------

NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_NAT = "(?:" + "|".join(sorted([n + "族" for n in NATIONALITIES] + NATIONALITIES,
                                key=len, reverse=True)) + ")"
_AUTONOMOUS = re.compile(rf"^(.+?){_NAT}+自治(?:州|县|旗)$")
_SUFFIX = re.compile("(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|新区|市|县|区|旗|盟)$")
# Statistical units (development zones …): kept under their full name only.
_NO_SHORT = re.compile("开发区|园区|管理区|示范区|实验区|高新|工业区|管委会|农场|基地|度假区|合作区|"
                       "试验区|经济区|新城$")
# Full names that are ordinary words (山西/安徽/四川 … all have a 城区, 郊区 or 矿区).
GENERIC_FULL = {"城区", "郊区", "矿区", "东区", "西区", "新区", "市中区", "城中区", "城东区",
                "城西区", "城北区", "城南区", "新城区", "老城区", "开发区"}

# Short names that are also common words: they count only with their suffix (东方市, 通道县).
# Chosen by hand from the short names that jieba's dictionary lists as frequent words
# other than place names, plus place-like words that name no one place (江南, 中原 …).
NOT_ALONE = set("""
资源 合作 和平 武功 比如 南部 解放 东方 前进 港口 公安 友好 通道 共和 城中 友谊 平安 中方 凤凰
安定 延长 光明 新兴 运河 万年 东风 红旗 南岸 城北 会同 工农 大名 富裕 清水 前锋 复兴 长子 宏伟
平定 芙蓉 洞口 温泉 石门 向阳 振兴 三元 大方 互助 新华 建平 莲花 平和 名山 黄龙 六合 龙泉 白云
桃源 建华 三门 大观 建安 二七 五峰 台前 金山 双桥 丰满 月湖 文峰 高台 九龙 二道 无为 民权 小店
同心 元宝 宝塔 万安 太白 定远 灯塔 白玉 木兰 天涯 七星 海棠 来宾 博爱 同仁 回民 钟楼 江岸 盘龙
马尾 方正 安居 黑水 龙凤 鼓楼 上党 大通 白杨 麒麟 新民 富民 清流 水城 老城 爱民 玉龙 惠民 新星
永和 太和 平原 长安 江南 江北 南海 东湖 古城 南湖 河口 商城 江山 太平 甘泉 新建 高明 新城 青山
南山 城关 东海 兴国 龙门 路桥 西城 东城 天桥 太湖 西山 河西 牡丹 沿河 滨海 东坡 海港 城西 大城
河东 天心 天元 天台 开化 上高 兴业 三台 路南 市北 市南 鸡冠 扶余 政和 大化 永定 八步 城厢 故城
新河 天河 安宁 泰来 西夏 江汉 中阳 安康 宝山 普陀 铁西 铁东 海州 西安区 朝阳 通州 长寿 
红星 向阳 胜利 团结 光荣 新市 东港 西湖 中原 石林 北塔 南关 宽城 绿园 二道江 船营 昌邑 龙山
龙华 宝安 光山 新化 新宁 新乐 安新 永安 建德 德化 文化 兴安 安国 仁和 永修 崇义 和顺 吉利
""".split())

# Short forms that must not be read inside these words (common words containing a place
# name, and river/lake sides that read as province names).
EXTRA_BLOCKED = """
黄河北 黄河南 长江北 长江南 江西岸 江北岸 江南岸 山东麓 山西麓 湖南岸 湖北岸 河北岸 河南岸
中山装 中山路 中山公园 中山陵 大同小异 世界大同 白山黑水 山南海北 长春藤 平安夜 最大化 扩大化
大城市 东方红 海南岛 西湖龙井 北海道 太原理工 延安精神 井冈山精神 红旗渠
""".split()


def short_name(name: str) -> str | None:
    if name in GENERIC_FULL or _NO_SHORT.search(name):
        return None
    m = _AUTONOMOUS.match(name)
    s = m.group(1) if m else _SUFFIX.sub("", name)
    return s if len(s) >= 2 and s != name else None


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_jieba(path: Path) -> dict[str, tuple[int, str]]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


# jieba tags of proper names: a word with one of these tags that contains a place name is
# (usually) the name of something there (兰州大学, 广州日报) and stays evidence.
PROPER_TAGS = {"ns", "nt", "nz", "nr", "nrt", "nrfg", "j", "eng"}


BIGRAM_MIN_FREQ = 50
JOINERS = set("和与及的在等于对")
COUNTY_BAD_START = set("上中内下里外道称")
COUNTY_BAD_END = set("都里上中下")


def build(modood: Path, cpca: Path, jieba_dict: Path, landmarks: dict) -> dict:
    provinces = []
    for code, (short, abbr, aliases) in PROVINCES.items():
        provinces.append({"code": code, "short": short, "abbr": abbr, "aliases": aliases})
    prov_names = {r["code"]: r["name"] for r in read_csv(modood / "provinces.csv")}
    prov_names.update(FULL_NAMES)
    for p in provinces:
        p["name"] = prov_names[p["code"]]
    short_of = {p["code"]: p["short"] for p in provinces}
    province_words = {p["short"] for p in provinces} | {p["name"] for p in provinces}

    entries: dict[tuple[str, str], dict] = {}

    def add(code: str, name: str, level: str, former: bool) -> None:
        prov = short_of[code[:2]]
        key = (name, prov)
        if key in entries or name in province_words:
            return
        entries[key] = {"code": code[:6], "name": name, "level": level, "province": prov,
                        "former": former}

    for r in read_csv(modood / "cities.csv"):
        if r["name"] in ("市辖区", "县") or "直辖" in r["name"]:
            continue
        add(r["code"].ljust(6, "0"), r["name"], "city", False)
    for r in read_csv(modood / "areas.csv"):
        add(r["code"], r["name"], "county", False)
    current = {e["name"] for e in entries.values()}
    for r in read_csv(cpca):
        code, name = r["adcode"][:6], r["name"]
        if code[2:] == "0000" or name in current or "直辖" in name or name in ("市辖区", "县"):
            continue
        add(code, name, "city" if code[4:] == "00" else "county", True)

    jd = load_jieba(jieba_dict)
    not_alone = NOT_ALONE
    for e in entries.values():
        s = short_name(e["name"])
        if s is None or s in province_words:
            e["short"] = None
            e["alone"] = False
        else:
            e["short"] = s
            e["alone"] = s not in not_alone and not (
                # 创新和发展, 政务云和数据, 网上城市: a short name that ends with a
                # conjunction-like character, or (below city level) starts or ends with
                # a character that often stands alone (上, 中, 都 …), is mostly made of
                # two words
                s[-1] in JOINERS
                or (e["level"] != "city" and (s[0] in JOINERS | COUNTY_BAD_START
                                              or s[-1] in COUNTY_BAD_END)))
        stem = _SUFFIX.sub("", e["name"])
        e["guarded"] = len(stem) == 1         # 和县, 高县: only where they stand as names
        e["generic"] = e["name"] in GENERIC_FULL

    # A short name shared by a prefecture-level city and counties elsewhere (西安: 西安市,
    # and 西安区 in 辽源 and 牡丹江) means the city; the counties keep their full names.
    city_shorts = {e["short"] for e in entries.values() if e["level"] == "city" and e["alone"]}
    for e in entries.values():
        if e["level"] == "county" and e["short"] in city_shorts:
            e["alone"] = False
    alone_shorts = {e["short"] for e in entries.values() if e["alone"]}
    full_names = {e["name"] for e in entries.values()}
    landmark_names = set(landmarks)
    blocked = set(EXTRA_BLOCKED)
    for w, (freq, tag) in jd.items():
        if (len(w) < 3 or len(w) > 6 or tag in PROPER_TAGS or freq < 3 or w in full_names
                or w[-1] in "市县区州旗盟"):
            continue
        for i in range(len(w) - 1):
            for j in range(i + 2, min(len(w), i + 4) + 1):
                s = w[i:j]
                if s not in alone_shorts or s == w:
                    continue
                rest = w[j:]
                # 昆明机场, 深圳晚报: a place and a word -- still about the place.
                if i == 0 and tag not in ("i", "l") and len(rest) >= 2 and rest in jd:
                    continue
                blocked.add(w)
    blocked -= full_names | landmark_names
    # Two-character words that make a short name a piece of two other words (协会|理事
    # has 会理, 资金|平衡 has 金平): a short name preceded by a character that forms one
    # of LEFT with its first character, or followed by one forming one of RIGHT with its
    # last, is not read as a place.
    first = {s[0] for s in alone_shorts}
    last = {s[-1] for s in alone_shorts}
    two = {w: ft for w, ft in jd.items() if len(w) == 2 and ft[0] >= BIGRAM_MIN_FREQ
           and w not in alone_shorts}
    left = sorted(w for w in two if w[1] in first)
    right = sorted(w for w in two if w[0] in last)

    divisions = sorted(entries.values(), key=lambda e: (e["code"], e["name"]))
    rows = []
    for e in divisions:
        flags = "".join(f for f, on in (("a", e["alone"]), ("g", e["guarded"]),
                                          ("f", e["former"]), ("x", e["generic"])) if on)
        rows.append([e["code"], e["name"], e["level"], e["province"], e["short"] or "", flags])
    return {"provinces": provinces, "divisions": rows, "blocked": sorted(blocked),
            "left": "".join(left), "right": "".join(right)}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modood", type=Path, required=True)
    ap.add_argument("--cpca", type=Path, required=True)
    ap.add_argument("--jieba-dict", type=Path, required=True)
    ap.add_argument("--landmarks", type=Path, default=Path(__file__).with_name("landmarks.tsv"))
    ap.add_argument("-o", "--out", type=Path,
                    default=Path(__file__).resolve().parents[2]
                    / "src/cyberreport/resources/divisions.json")
    args = ap.parse_args(argv)
    landmarks = {}
    for line in args.landmarks.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, provs, note = (line.split("\t") + [""])[:3]
            landmarks[name] = [name, provs.split(","), note]
    data = build(args.modood, args.cpca, args.jieba_dict, landmarks)
    landmarks = sorted(landmarks.values())
    data = {
        "version": 1,
        "about": ("Prefecture- and county-level divisions of China (2023 统计用区划代码, "
                  "with former names from the 2016/2017 codes) and hand-compiled landmarks. "
                  "Sources and licences: docs/places.md."),
        "sources": [
            {"name": "modood/Administrative-divisions-of-China", "data": "dist/*.csv (2023)",
             "licence": "WTFPL", "url": "https://github.com/modood/Administrative-divisions-of-China"},
            {"name": "DQinYuan/chinese_province_city_area_mapper (cpca)",
             "data": "cpca/resources/adcodes.csv, from Vonng/adcode",
             "licence": "MIT (cpca); CC BY 4.0 (Vonng/adcode)",
             "url": "https://github.com/DQinYuan/chinese_province_city_area_mapper"},
            {"name": "jieba dict.txt", "data": "word list used to flag common words",
             "licence": "MIT", "url": "https://github.com/fxsjy/jieba"},
        ],
        "columns": ["code", "name", "level", "province", "short", "flags"],
        "flags": {"a": "short name counts on its own", "g": "one-character stem (和县): "
                  "counts only where it stands as a name", "f": "former name",
                  "x": "generic name (城区), never counted"},
        "notes": {"blocked": "common words that contain a short name (中山装, 长治久安)",
                  "left": "two-character words, concatenated: a short name right after "
                          "a character that forms one of them with its first character "
                          "is not a place (协会理事: 会理)",
                  "right": "likewise with its last character and the next one"},
        **data,
        "landmarks": landmarks,
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                        .replace('],[', '],\n[') + "\n", "utf-8")
    print(f"{args.out}: {len(data['divisions'])} divisions, {len(data['blocked'])} blocked "
          f"words, {len(landmarks)} landmarks")


if __name__ == "__main__":
    main()
