"""How often common 网信 terms come out at the analyst's grain (issue 14, item 5).

Usage::

    python benchmarks/bench_grain.py [--verbose]

Each pair is a term an analyst counts (清朗, 网信办, 十四五 …) and a sentence of its own
that uses it, often inside a longer compound (清朗系列专项行动, 省委网信办, 十四五规划).
A term is "at the analyst's grain" when it is one of the sentence's tokens. Reported for
``Tokenizer()`` (granularity="term", the default), ``Tokenizer(granularity="compound")``
(0.1's behaviour) and plain ``jieba.lcut``; stop-words are kept so that no term is lost to
the stop-word list.

Two sets, written by the team for this benchmark: DEV (50 pairs) was written first and
used while the compound list ``resources/compounds.txt`` was made; HELD_OUT (45 pairs) was
written afterwards and measured without changing anything for it.
"""

from __future__ import annotations

import argparse
import sys

DEV = [
    ('清朗', '全市深入开展清朗系列专项行动，整治网络乱象。'),
    ('护苗', '各地持续推进护苗行动，净化少年儿童网络环境。'),
    ('净网', '扫黄打非办公室部署开展净网专项行动。'),
    ('剑网', '版权部门联合开展剑网行动，打击网络侵权盗版。'),
    ('网络扶贫', '省里印发网络扶贫行动计划，推动贫困地区宽带覆盖。'),
    ('十四五', '编制全省信息化发展十四五规划，明确重点任务。'),
    ('十三五', '十三五期间全省信息化水平明显提升。'),
    ('态势感知', '建成全省网络安全态势感知平台并投入运行。'),
    ('网信办', '省委网信办召开全省网络安全工作会议。'),
    ('网信委', '市委网信委审议通过年度工作要点。'),
    ('融媒体中心', '全省县级融媒体中心实现全覆盖。'),
    ('互联网+', '大力推进互联网+政务服务，群众办事更加便捷。'),
    ('大数据', '建设省级大数据中心，推动数据资源共享。'),
    ('好网民', '组织开展争做中国好网民主题活动。'),
    ('正能量', '推出一批网络正能量精品，传播主流价值。'),
    ('网络安全', '全面加强网络安全保障能力建设。'),
    ('网络安全宣传周', '2019年国家网络安全宣传周在天津举办。'),
    ('等级保护', '全面落实网络安全等级保护制度。'),
    ('关键信息基础设施', '加强关键信息基础设施保护，防范重大风险。'),
    ('数字政府', '加快数字政府建设，提升政务服务效能。'),
    ('数字经济', '数字经济核心产业增加值持续增长。'),
    ('数字乡村', '开展国家数字乡村试点，推动乡村振兴。'),
    ('一网通办', '推行政务服务一网通办，实现高频事项掌上办。'),
    ('政务服务', '全省政务服务平台注册用户突破千万。'),
    ('政务新媒体', '规范政务新媒体运营，清理僵尸账号。'),
    ('两微一端', '打造两微一端新媒体传播矩阵。'),
    ('网评员', '组建市县两级网评员队伍，开展网上舆论引导。'),
    ('舆情', '加强网络舆情监测，及时回应社会关切。'),
    ('辟谣', '上线辟谣平台，及时澄清网络谣言。'),
    ('网络谣言', '依法打击编造传播网络谣言行为。'),
    ('有害信息', '清理各类有害信息，维护清朗网络空间。'),
    ('约谈', '对问题突出的平台进行集体约谈。'),
    ('属地管理', '压实属地管理责任，强化平台主体责任。'),
    ('实名制', '落实网络实名制要求，规范账号注册。'),
    ('短视频', '开展短视频平台专项整治，规范直播带货。'),
    ('自媒体', '加强自媒体账号管理，打击违规行为。'),
    ('网络文明', '举办中国网络文明大会，弘扬网络文明新风。'),
    ('网络生态', '持续优化网络生态，营造风清气正网络空间。'),
    ('意识形态', '严格落实网络意识形态工作责任制。'),
    ('媒体融合', '推动媒体融合向纵深发展，做强新型主流媒体。'),
    ('工业互联网', '培育工业互联网平台，推动企业上云用数赋智。'),
    ('5G', '累计建成5G基站超过十万个。'),
    ('一带一路', '深化一带一路数字经济国际合作。'),
    ('世界互联网大会', '第六届世界互联网大会在乌镇开幕。'),
    ('网络强国', '坚定不移建设网络强国。'),
    ('新基建', '加快推进新基建项目落地。'),
    ('网络社会组织', '成立网络社会组织联合会，发挥行业自律作用。'),
    ('违规账号', '依法处置违规账号一批。'),
    ('电子政务', '完善电子政务外网，支撑部门业务协同。'),
    ('网络安全法', '深入学习贯彻网络安全法，提升全民安全意识。'),
]

HELD_OUT = [
    ('清朗', '网信部门启动2023年清朗·春节网络环境整治。'),
    ('清朗', '围绕清朗专项行动部署，集中整治饭圈乱象。'),
    ('护苗', '护苗2021专项行动取得阶段性成效。'),
    ('净网', '净网2019集中行动查办一批案件。'),
    ('网络扶贫', '全县网络扶贫工作成效显著。'),
    ('十四五', '十四五时期是数字化转型的关键期。'),
    ('态势感知', '构建网络安全态势感知体系，提升监测预警能力。'),
    ('网信办', '市网信办联合公安机关开展专项检查。'),
    ('网信办', '国家网信办发布网络安全审查办法。'),
    ('融媒体中心', '市级融媒体中心挂牌成立。'),
    ('互联网+', '实施互联网+农产品出村进城工程。'),
    ('大数据', '利用大数据技术提升城市治理水平。'),
    ('大数据', '国家大数据综合试验区建设稳步推进。'),
    ('好网民', '评选表彰一批荆楚好网民。'),
    ('网络安全', '开展网络安全检查，排查安全隐患。'),
    ('网络安全', '培养网络安全人才，壮大网络安全产业。'),
    ('数字政府', '数字政府改革建设走在全国前列。'),
    ('网络文明', '开展网络文明进社区活动。'),
    ('网络谣言', '网络谣言治理取得新进展。'),
    ('舆情', '建立网络舆情应对处置机制。'),
    ('政务服务', '政务服务事项网上可办率达到98%。'),
    ('新媒体', '加强新媒体矩阵建设，扩大传播覆盖面。'),
    ('客户端', '新闻客户端下载量突破百万。'),
    ('新闻网站', '重点新闻网站转载本地稿件。'),
    ('实名制', '全面推行网络实名制管理。'),
    ('意识形态', '牢牢掌握网络意识形态工作领导权。'),
    ('等级保护', '开展等级保护测评，督促整改问题。'),
    ('关键信息基础设施', '摸清关键信息基础设施底数。'),
    ('违法违规', '依法关闭违法违规网站一批。'),
    ('辟谣', '开设辟谣专栏，发布权威信息。'),
    ('一带一路', '举办一带一路网络文化交流活动。'),
    ('数字乡村', '推进数字乡村建设，发展农村电商。'),
    ('5G', '5G网络实现乡镇以上全覆盖。'),
    ('工业互联网', '工业互联网标识解析二级节点上线运行。'),
    ('人工智能', '推动人工智能与实体经济深度融合。'),
    ('网评员', '网评员积极发声，引导网上舆论。'),
    ('正能量', '唱响网上主旋律，传播网络正能量。'),
    ('网信委', '省委网信委第一次全体会议召开。'),
    ('短视频', '短视频平台清理低俗内容。'),
    ('个人信息', '加强个人信息保护，打击数据黑产。'),
    ('网络生态', '网络生态治理能力持续提升。'),
    ('政务新媒体', '政务新媒体账号规范运营。'),
    ('互联网企业', '引导互联网企业履行社会责任。'),
    ('电子商务', '发展跨境电子商务，拓展海外市场。'),
    ('网络强国', '网络强国建设迈出坚实步伐。'),
]


def share(cut, pairs, verbose=False, name=""):
    ok = 0
    for term, sentence in pairs:
        toks = cut(sentence)
        if term in toks:
            ok += 1
        elif verbose:
            print(f"  {name}: {term} not a token of {'/'.join(toks)}")
    return ok / len(pairs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list the misses")
    args = ap.parse_args(argv)
    from cyberreport import Tokenizer

    cutters = {
        "Tokenizer() (term)": Tokenizer(stopwords=False).cut,
        "Tokenizer(granularity='compound')": Tokenizer(stopwords=False, granularity="compound").cut,
    }
    try:
        import jieba

        jieba.setLogLevel(60)
        cutters["jieba.lcut"] = jieba.lcut
    except ImportError:
        pass
    terms = {t for t, _ in DEV + HELD_OUT}
    print(f"{len(DEV)} + {len(HELD_OUT)} sentences, {len(terms)} distinct terms")
    print(f"{'':36s} {'DEV':>6s} {'HELD_OUT':>9s} {'all':>6s}")
    for name, cut in cutters.items():
        a = share(cut, DEV, args.verbose, name)
        b = share(cut, HELD_OUT, args.verbose, name)
        c = share(cut, DEV + HELD_OUT)
        print(f"{name:36s} {a:6.3f} {b:9.3f} {c:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
