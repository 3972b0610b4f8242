"""Word lists for reading a figure's clause: verbs, nouns that contain verbs, function words."""

from __future__ import annotations

import importlib.resources
import json
from functools import lru_cache

__all__: list[str] = []

# Nouns the inventory does not list but that name the same counted things (a reader
# fits them the same way).  They only widen the object test; ranking is unchanged.
EXTRA_OBJECTS = {
    "information_removed": ("帖子", "有害内容", "违法内容", "图片", "音视频", "短视频", "视频", "弹窗",
                            "链接"),
    "accounts_closed": ("账户", "主播", "微信群", "QQ群", "讨论组"),
    "websites_closed": ("论坛", "网页", "域名", "网址"),
    "apps_removed": ("软件",),
    "cases_handled": ("案件",),
    "security_incidents": ("攻击", "恶意程序", "僵尸网络", "后门", "钓鱼", "预警信息"),
    "culture_events": ("精品",),
    "coverage_rate": ("接入率", "开通率", "联网率", "覆盖比例", "通宽带比例", "通光纤率", "光纤化率"),
    "security_inspections": ("安全检查", "检查", "排查", "检测", "测评", "评估", "自查", "抽查"),
    "gov_accounts": ("政务抖音", "政务头条", "政务快手", "政务APP", "政务App"),
    "internet_users": ("网民人数", "网民数", "宽带接入用户", "接入用户", "上网用户", "移动电话用户",
                       "手机网民", "IPv6活跃用户", "IPv6用户"),
    "output_revenue": ("收入", "营业额", "成交额", "交易总额", "总产值", "经济总量", "利润"),
    "enterprises": ("公司",),
    "publicity_items": ("文章", "图文", "微视频", "视频", "海报", "漫画", "动漫", "节目", "产品"),
    "rules_issued": ("意见", "方案", "细则", "措施", "条例"),
    "events_held": ("研讨会", "座谈会", "发布会", "报告会", "比赛", "竞赛", "展览"),
    "people_trained": ("骨干", "工作者", "党员", "教师", "群众", "农民"),
    "trainings_held": ("研讨班", "轮训班", "专题班"),
    "reads_views": ("观看量", "曝光量", "阅读", "点击", "浏览", "播放", "访问", "观看"),
    "service_sites": ("站点", "服务点", "信息社"),
    "schools_programmes": ("学院", "专业"),
    "beneficiaries": ("贫困家庭", "困难群众"),
    "commentators": ("网评员",),
}
# Verbs that govern a count in 网信 reports (the inventory's verbs are added at load time).
_VERBS = """
受理 接收 收到 接到 处置 核查 办结 处理 清理 转办 交办 督办 核实 删除 查删 清除 屏蔽 拦截 删帖
关闭 封停 注销 封禁 关停 禁言 取缔 查处 封堵 下架 约谈 侦办 查办 立案 移送 罚没 处罚 警告 通报
移交 转交 纳入 纳入管理 备案 年检 登记 建档 开展 组织 部署 招募 组建 注册 动员 成立 培育 开通
建成 开设 入驻 认证 整合 回应 回复 答复 发布 接入 上线 审批 许可 推出 下载 建立 挂牌 拥有 吸引
新增 点击 浏览 播放 转发 传播 刊发 转载 制作 推送 辟谣 澄清 举办 策划 承办 主办 协办 参与 参加
惠及 培养 轮训 参训 征集 展播 发现 修复 监测到 排查 检测 测评 保障 接通 实现 通达 普及 提升
新建 铺设 敷设 投入 拨付 安排 融资 签约 引进 集聚 落地 认定 实施 启动 突破 完成 增长 同比增长
提高 上升 增加 下降 降低 减少 制定 出台 印发 下发 修订 设立 带动 帮扶 增收 脱贫 开办 入选 来自
签署 参会 签订 达成 查封 清查 巡查 监看 研判 上报 报送 编发 召开 举行 开发 研发 打造 推动 推进
指导 支持 扶持 资助 奖励 表彰 命名 评出 推荐 遴选 选树 发放 赠送 捐赠 募集 筹集 解决 化解 回访
采纳 收集 收录 上传 发送 编印 印制 制发 出版 拍摄 创作 生产 播出 设置 吸纳 涵盖 涉及 包含 包括
走进 抽查 曝光 查获 破获 抓获 打掉 捣毁 刑拘 判处 收缴 追缴 挽回 冻结 劝阻 预警 阻断 截获 查杀
发出 下达 签发 公布 公开 播发 刊播 观看 收看 订阅 参观 参展 汇聚 落户 入库 改造 升级 联通 运行
争取 招引 孵化 拉动 创造 提供 聘请 选派 派出 邀请 接待 会见 走访 调研 督促 责令 暂停 清退 注册
下线 完善 保留 保持 维持 获得 荣获 赢得 取得 具备 上榜 入围 当选 参赛 参评 申报 申请 报名 投稿 配备 配置 撰写 编写 采写 制播 评选出 推选出 选出 筛选出 排查出 查出 梳理出 遴选出 征集到
覆盖 建设 检查 评估 整改 监测 存在 作为 形成 发动 联系 打击 整治 约见 警示 推广 培训 投资
罚款 举报 评选 关注 宣讲 访问 阅读 合作 交流 管理 发展 发挥 涌现 办理 开放 共享 获得 获批
""".split()

# Words that are nouns as often as verbs: a dual word is part of the object when a verb
# stands before it with only nouns between (开展培训12场, 组织网络安全检查300家次) and
# the verb itself otherwise (培训3200人次, 检查网站120家).
DUAL = frozenset("""
培训 投资 罚款 举报 评选 关注 宣讲 评论 管理 发展 建设 检查 评估 整改 监测 处罚 合作 交流
演练 改革 访问 阅读 覆盖 打击 整治 保障
""".split())

# Verbs of passing something on: 移交公安机关侦办 … keeps 移交 (the organ acts next).
TRANSFER = frozenset("移交 移送 转交 转办 交办 通报 报送 提交 交由 推送 转送 转递".split())

# Light verbs: the real verb comes after them (对2家网站予以经济处罚, 进行约谈).
LIGHT = frozenset("予以 给予 进行 作出 做出 依法 实施 开展".split())

# Verbs meaning only "amounts to": the action is "" when they stand alone (guideline 1.6).
COPULAS = frozenset("""
达到了 达到 达 达至 为 是 有 共 共有 共计 总计 合计 累计 累计达 计 已有 现有 已达 现已达 高达 多达
均为 分别为 分别达 分别 总共 一共 已 已经 现已 均 都 约为 也 还 又 新 再 了 仅 只有 增至 升至 降至
至 到 总量 数量 总数达 一度 即 已累计 全年 其中 同比 较 比
""".split())

# Words before a verb or figure that are neither the verb nor the object (time, place,
# manner).  Leading ones are dropped from an object, as are the guideline's 各类, 各级,
# 全省, 全部, 一批.
LEADING_DROP = tuple(sorted("""
各类 各级 全省 全部 一批 全市 全区 全州 全县 全国 全年 我省 我市 我区 本省 本市 其中 目前 截至目前 今年以来 同时 此外 另外
共 累计 合计 总计 共计 还 又 已 已经 现已 均 都 并 和 及 与 对 在 将 把 向 为 了 的 等 另 先后 依法
集中 积极 主动 及时 有效 陆续 相继 首次 率先 成功 顺利 全力 深入 大力 持续 不断 进一步 重点
""".split(), key=len, reverse=True))

# Words that end a noun phrase after a figure (it stops before them).
STOPS = frozenset("""
的 了 着 过 在 对 向 把 被 将 从 于 与 和 及 以及 并 或 等 其中 分别 均 都 也 还 又 已 已经 共 累计
合计 总计 共计 达 达到 为 是 有 约 近 超 同比 比 较 全面 全部 基本 全 再 更 最 就 才 仍 正 正在 即
则 而 且 但 如 按 按照 通过 经过 由 给 让 使 得 到 至 之 以 来 后 前 时 每 其 该 此 这
那 所 上年 去年 同期 上一年 前年 往年 用于 用来 进行 予以 给予 作出 依法 及时 有效 集中 陆续 先后 同时 此外 另外 目前 现已 现 已有
共有 人均 平均 进一步 持续 不断 积极 主动 大力 深入 全力 切实 严格 率先 首次 相继 逐步 初步
成功 顺利 正式 统一 直接 专门 共同 联合 依托 围绕 结合 针对 面向 涉及 位列 位居 居 排名 分布
""".split())

# Nouns and other words that contain a verb and must be read whole (forward maximum
# matching reads the longest word): 通信 is not 通, 占领 is not 占, 培训班 is a noun.
_GUARDS = """
通信 通过 通知 交通 畅通 沟通 普通 流通 通道 通讯 通用 互联互通 贯通 打通 融通 通畅 精通 通俗
中小学 中学 小学 中国 中共 等级 等级保护 等保 建档立卡 行政许可 许可事项 时限 中央 服务业 信息技术服务 技术服务 外网 内网 政务外网 电子政务外网 境外 境内 省内 省外 国内 国外
海外 网上 线上 线下 实时 政务服务 服务平台 网上政务服务 政务服务平台 服务中心 公共服务 信息服务 便民服务
通行 通车 通航 通关 疏通 连通 相通 共通 直通车 通讯员 占领 占据 抢占 侵占 占有 占用 培训班 培训会
研讨班 专题班 轮训班 演练 管理办法 管理规定 管理平台 管理机制 管理体系 管理部门 管理人员 建设工作
建设项目 发展规划 工作 情况 能力 水平 体系 机制 制度 平台 中心 部门 单位 人员 企业 网站 网民
信息 举报电话 所有 没有 具有 含有 其中 以上 以下 左右 上下 以内 全省 全市 全区 全国 各类 各级 一批
全部 政务 主题 活动 专项 行动 专项行动 新媒体 客户端 公众号 微信公众号 微博 微信 属地 大数据
互联网 网络 安全 网络安全 违法违规 有害 不良 网信办 网信 干部 群众 项目 资金 基站 光纤 宽带 行政村
贫困村 自然村 通信网络 案件 线索 账号 直播间 频道 栏目 应用 小程序 视频 短视频 作品 报道 稿件 专题
专栏 评论员 志愿者 组织 社会组织 网络社会组织 比例 占比 比重 覆盖率 普及率 通达率 入户率 渗透率
""".split()

# A verb followed by one of these is a noun (办结率, 出版物, 阅读量, 参与者).
NOUN_SUFFIX = frozenset("率量额数者员物品费度")
#: Characters that end a clause.
CLAUSE_END = frozenset("，,；;：:。！？!?\n")
#: Characters after which a Chinese numeral starts a new figure (和 1.1万个 …).
DIGITS = frozenset("0123456789０１２３４５６７８９")
# 通 alone is a verb only before these (2500个行政村通宽带).
TONG_OBJECTS = ("宽带", "光纤", "4G", "5G", "网络", "互联网", "信号", "有线", "光缆")


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset, frozenset, dict, int]:
    """``(verbs, nouns, words, max_len)``: the word lists with the inventory's verbs and nouns.

    ``words`` maps every word to ``"v"`` (verb), ``"d"`` (dual), ``"n"`` (noun or other).
    """
    inv = json.loads(importlib.resources.files("cyberreport.resources")
                     .joinpath("indicators.json").read_text("utf-8"))["indicators"]
    verbs = set(_VERBS)
    nouns = set(_GUARDS)
    for rec in inv:
        verbs.update(a for a in rec["actions"] if a not in COPULAS and len(a) > 1)
        nouns.update(rec["objects"])
        nouns.update(EXTRA_OBJECTS.get(rec["id"], ()))
    nouns -= verbs
    words: dict[str, str] = {}
    for w in nouns:
        words[w] = "n"
    for w in verbs:
        words[w] = "d" if w in DUAL else "v"
    for w in DUAL:
        words[w] = "d"
    for w in COPULAS | STOPS:
        words.setdefault(w, "n")
    verbs |= DUAL
    return frozenset(verbs), frozenset(nouns), words, max(map(len, words))
