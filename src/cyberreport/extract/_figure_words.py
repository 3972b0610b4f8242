"""Word lists of the figure rules (qualifier words, measure words, non-figure words, marks)
and the spans they protect (quotations, titles, set phrases)."""

from __future__ import annotations

import re

__all__: list[str] = []

# Prefix qualifiers, longest first, with the characters that, written before them,
# make them part of another word (预约, 签约; 附近, 最近).
_PREFIX = [
    ("不低于", "over"), ("不少于", "over"), ("至少", "over"),
    ("不超过", "nearly"), ("最高", "nearly"), ("最多", "nearly"), ("至多", "nearly"),
    ("超过了", "over"), ("超过", "over"), ("超", "over"), ("逾", "over"),
    ("将近", "nearly"), ("接近", "nearly"), ("近乎", "nearly"), ("不到", "nearly"),
    ("不足", "nearly"), ("近", "nearly"),
    ("大约", "about"), ("大概", "about"), ("约为", "about"), ("约有", "about"),
    ("约达", "about"), ("约", "about"),
]
_PREFIX_BLOCK = {
    "近": set("附最就亲靠临邻贴走拉远将接"),
    "约": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "约为": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "约有": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "约达": set("预签合相公节制契邀特违履条婚赴失守誓践解"),
    "超": set("赶高"),
}
# 上百, 上千, 上万: "over" — unless 上 ends a word (网上, 线上, 以上 …).
_SHANG_BLOCK = set("网线以之加马身会台世基晚早路面北向往天地本事手头楼镇村市县省区山")
# 数十, 数百, 数万: "over" — unless 数 ends a word (人数, 总数, 次数 …).
_SHU_BLOCK = set("人总次户件个指点倍基参少多半无算函岁级位系常变正负整奇偶实虚复分家条字票台场页"
                 "天年册本期单双定礼路招度步读")

# Non-figure words right after a number: time, age, rank, level, version, floor.
_NON_FIGURE_RE = re.compile(
    r"(?:个)?(?:多|余|半)?(?:月|小时|工作日|季度|星期|钟头)"
    r"|(?:多|余)?(?:课时|学时|年|日|号|时|点|分钟|分|秒|周年|周岁|岁|天|周|世纪|届|级|版|代|楼|层|度)"
)

# Measure words and units, longest first.  ``_UNIT_BLOCK`` lists the characters that,
# written after a measure word, make it part of another word (个人, 条例, 部门 …).
_UNITS = sorted("""
个百分点 百分点 人次 家次 件次 条次 个次 户次 批次 场次 架次 车次
平方公里 平方米 公里 千米 千克 千瓦时 千瓦 兆瓦 美元 欧元 元 倍 % ‰
个 条 件 家 次 人 名 位 户 项 场 期 篇 部 种 类 所 座 台 套 款 批 轮 起 宗 例 单 份 册
本 张 幅 首 集 档 则 支 队 组 处 间 栋 门 堂 节 课 块 辆 艘 架 根 颗 帖 封 通 笔 吨 亩 米
""".split(), key=len, reverse=True)
_UNIT_BLOCK = {
    "个": "别", "条": "件例款约码目理文", "家": "庭乡园族属风务",
    "次": "要序日年生级", "人": "民才工口员群类格身们性物士文心力事社脸",
    "名": "单称义誉牌录额片字", "位": "置于数", "户": "口外籍型主",
    "场": "景所地馆合面域", "期": "间刊待限货望末初中", "篇": "章幅",
    "部": "门署分长委队件位落", "种": "子植族养", "类": "型别似",
    "所": "有在属以谓得需长", "座": "谈位", "台": "湾账阶风上下州", "套": "餐路",
    "款": "项", "批": "准示评复发转", "轮": "流胎", "起": "草来点步源诉到初始航",
    "宗": "旨教", "例": "如外会", "单": "位独元一纯据", "份": "额子",
    "本": "地土次身届年着部级市省县区村溪", "张": "贴家掖", "幅": "度",
    "首": "页个次届席都批发先要脑长创", "集": "团中体群成聚市", "档": "案次",
    "支": "持付撑部援出柱", "队": "伍员", "组": "织建成合长团", "处": "理置罚室长于分",
    "门": "户槛类", "节": "目日点约能气", "课": "程题", "根": "据本", "封": "停堵闭禁锁",
    "通": "过信道知报达讯用畅化辽州", "笔": "记者", "元": "素旦年宇",
}
# Words that a blocked pair starts but that still read as measure word + noun: 30779家属地网站
# (家 + 属地, not 家属), 5家园区 (家 + 园区, not 家园).
_UNIT_UNBLOCK = {"家": ("属地", "园区")}
# Measure words outside the closed list of S1 (guideline R6): kept as the unit, as written,
# only when the number has another signal (万/亿, a qualifier, %): 80万标箱, 254亿斤.
_EXTRA_UNITS = sorted("""
标箱 标准箱 公斤 立方米 千公顷 公顷 斤 路 列 头 只 棵 株 盏 双 件套 平米
""".split(), key=len, reverse=True)
_EXTRA_UNIT_BLOCK = {"路": "灯线径面口段网况由演上子", "列": "入为出举车席", "头": "条版部等号",
                     "只": "是要有能需", "双": "方向边重百拥", "株": "洲"}
_PCT_UNITS = {"%", "‰", "个百分点", "百分点"}
# 成 as per-ten ("九成" = 90 %), unless it starts a word (成立, 成员, 一成不变 …).
_CHENG_BLOCK = set("立员为功果本效熟绩都交型长就品分年人全不套批片群熟像")
_POST = [("以上", "over"), ("左右", "about"), ("上下", "about"), ("以下", "nearly"),
         ("以内", "nearly")]
_RANGE_SEP = set("至到-~～—–〜")
# A character before or after the number that makes it part of a code, formula, time
# or address (3+X, 7×24, 5·12, 14:30, www.12377.cn).
_GLUE = set("+×*·/#@_＋")
_IDIOMS = ("微信十条", "账号十条", "国十条", "新十条", "十万火急", "十万个为什么",
           "成千上万", "成百上千", "千千万万")
_QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』", "‘": "’", "〈": "〉"}
_QUOTE_MAX = 50
_SENT_END = set("。！？!?")
_RANK_RE = re.compile("名|强|位")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks and book-title marks (names, titles, slogans)."""
    spans = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close = _QUOTES.get(ch)
        if close is None and ch == '"':
            close = '"'
        if close is not None:
            j = i + 1
            while j < n and j - i <= _QUOTE_MAX and text[j] != close and text[j] not in _SENT_END:
                j += 1
            if j < n and text[j] == close and j - i <= _QUOTE_MAX:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


_IDIOM_RE = re.compile("|".join(sorted(_IDIOMS, key=len, reverse=True)))


def _idiom_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _IDIOM_RE.finditer(text)]
