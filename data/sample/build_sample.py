"""Build the constructed sample corpus ``data/sample/multiyear.jsonl`` and its key
``data/sample/planted.json``.

Usage::

    python data/sample/build_sample.py [--seed 7] [--check]

Every sentence is assembled from the hand-written phrase bank below (the cyberreport
developers' own words, in the register of provincial 网信 work summaries), one theme
frame at a time, so each sentence's theme labels are known by construction.  Fixed
pieces of the frames are kept shorter than 20 characters and separated by varying
pieces (places, numbers, alternatives), so that two sentences share a passage of 20
characters only where one was planted; ``--check`` verifies that with
``cyberreport.analysis.find_reuse`` (and the planted theme shares with the labels).

Planted structure (see ``data/sample/README.md``):

* theme shares that shift over the years in given provinces (广东 content_governance
  rising, 四川 digital_inclusion falling, 江苏 security rising) and one that is high
  throughout (贵州 digital_economy);
* reused passages: templates copied by several provinces, a province repeating last
  year's sentence, copies with a small edit.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent

YEARS = [2018, 2019, 2020, 2021, 2022]
PROVINCES = {
    "广东": ["广州", "深圳", "佛山", "东莞", "珠海", "汕头", "湛江", "韶关"],
    "贵州": ["贵阳", "遵义", "六盘水", "安顺", "毕节", "铜仁", "黔东南州", "黔南州"],
    "四川": ["成都", "绵阳", "德阳", "宜宾", "南充", "泸州", "凉山州", "甘孜州"],
    "江苏": ["南京", "苏州", "无锡", "常州", "南通", "徐州", "扬州", "盐城"],
    "浙江": ["杭州", "宁波", "温州", "绍兴", "嘉兴", "金华", "台州", "湖州"],
    "河南": ["郑州", "洛阳", "开封", "新乡", "南阳", "信阳", "周口", "安阳"],
}
CODES = {"广东": "gd", "贵州": "gz", "四川": "sc", "江苏": "js", "浙江": "zj", "河南": "hn"}

# ---------------------------------------------------------------------------------------
# the phrase bank: theme -> frames (labels, template)
#   {loc}        a place or body of the province (城市、省网信办、全省 …)
#   {n:a-b}      an integer in [a, b]
#   {x|y|z}      one of the alternatives
#   {event}      the year's main publicity occasion
# ---------------------------------------------------------------------------------------

BANK = {
    "security": [
        (["security"], "{loc}组织{n:20-300}家{关键信息基础设施运营单位|重点行业单位|关键行业企业|党政机关和重点企业}{开展|进行}{网络安全检查|安全大检查|安全专项检查}，{督促整改|推动整改|限期整改|逐项整改}{发现的|排查出的|存在的}{隐患|问题|风险隐患}{n:30-900}{处|个|项}。"),
        (["security"], "{loc}{举办|组织|承办}{网络安全宣传周|网络安全宣传月|网络安全主题宣传}活动，{围绕|聚焦|突出}{个人信息保护|防范电信网络诈骗|数据安全|青少年网络安全|金融网络安全}{设置|开设|安排}{主题日|专场活动|分论坛}{n:3-12}个。"),
        (["security"], "{loc}{开展|组织|举行}{网络安全应急演练|攻防演练|应急处置演练}{n:2-20}{次|场|轮}，{检验|提升|锻炼}{重要信息系统|政务网络|重点行业|关键信息基础设施}的{应急处置|协同处置|监测预警|快速响应}能力。"),
        (["security"], "{loc}{建成|上线|升级}{网络安全态势感知平台|网络安全监测平台|安全监测预警系统}，{接入|覆盖|纳入}{n:50-900}个{重要网站|政务网站|重要信息系统|重点网站和系统}。"),
        (["security"], "{loc}{落实|推进|深化}{等级保护制度|网络安全等级保护|等保2.0标准}，{完成|推动}{n:100-2000}个{信息系统|重要系统|政务系统}的{定级备案|测评整改|定级测评}。"),
        (["security"], "{loc}{处置|妥善处置|及时处置}{网络攻击|网页篡改|勒索病毒|数据泄露}事件{n:10-600}起，{修复|通报|督促修复}{高危漏洞|安全漏洞|系统漏洞}{n:20-900}个。"),
        (["security"], "{loc}{面向|走进}{n:5-60}所{高校|中小学|职业院校}和{n:10-200}个{社区|企业|乡镇}{开展|组织}网络安全{知识普及|宣讲|进校园活动}。"),
        (["security"], "{loc}{强化|加强|健全}数据安全{监测|管理|保护}，对{n:20-300}{个|家}{重点平台|数据处理者|重点企业}{开展|组织}{风险评估|安全评估|合规检查}。"),
    ],
    "content_governance": [
        (["content_governance"], "{loc}{开展|部署|推进|组织开展}“清朗·{饭圈乱象整治|未成年人网络环境整治|网络水军整治|流量造假整治|算法滥用治理|直播乱象整治}”{专项行动|系列行动|整治行动}，{清理|处置|删除|集中清理}{违法和不良信息|有害信息|违规信息|违法违规信息}{n:1000-90000}条。"),
        (["content_governance"], "{loc}依法约谈{属地网站平台|网站负责人|问题平台|属地商业网站}{n:3-60}家，{关闭|处置|封禁|依法关闭}{违规账号|违法违规账号|问题账号|违规公众号}{n:100-9000}个。"),
        (["content_governance"], "{loc}对{属地|辖区|本地}{直播|短视频|自媒体|论坛|网络社区}平台{开展|进行}{集中整治|专项整治|集中排查|全面排查}，{责令|督促|要求}{n:3-50}家平台{限期整改|立即整改|全面整改}。"),
        (["content_governance"], "{loc}{联合公安机关|会同文化执法部门|联合市场监管部门|会同有关部门}{查处|依法查处|办理}{网络谣言|网络赌博|网络色情|侵权盗版|网络诈骗引流}{案件|违法案件}{n:10-300}{起|件}。"),
        (["content_governance"], "{loc}{落实|压实|强化}{属地管理责任|网站属地管理|属地管理}，{完成|开展|组织}{n:100-5000}家{网站|网站平台|互联网站}{年检|年度检查|备案核查}和{台账更新|台账管理|信息登记}。"),
        (["content_governance"], "{loc}{集中清理|依法删除|全面清理|及时处置}{涉未成年人|网络谣言类|低俗色情类|涉赌涉诈|历史虚无主义}有害信息{n:1000-90000}条，{封禁|关停|处置|依法关闭}{问题账号|违规账号|恶意账号}{n:100-9000}个。"),
        (["content_governance"], "{loc}{推进|加强|深化}{网络执法规范化建设|网络执法队伍建设|网信执法工作}，{全年|年内|当年}{作出|依法作出|办理}{行政处罚|执法处罚|处罚决定}{n:5-90}{件|起|项}。"),
        (["content_governance"], "{loc}{督促|推动|指导}{n:10-200}家{平台|网站平台|重点平台}{落实|压实|履行}{信息内容管理主体责任|主体责任|内容审核责任}，{清理|下架|处置}{违规直播间|违规短视频|违规小程序|违规应用}{n:100-9000}个。"),
    ],
    "digital_economy": [
        (["digital_economy"], "{loc}{培育|引进|集聚}{大数据企业|数字经济企业|软件和信息服务企业}{n:20-500}家，{大数据|数字经济|软件}{产业规模|产业收入|主营业务收入}{达到|突破|超过}{n:100-3000}亿元。"),
        (["digital_economy"], "{loc}{建设|规划建设|认定}{n:2-15}个{数字经济产业园|软件产业园|大数据产业园|数字经济集聚区}，{推动|促进|加快}{制造业与互联网融合发展|产业数字化转型|数字产业集群发展}。"),
        (["digital_economy"], "{loc}{推进|加快|深化}工业互联网{标识解析|平台|安全体系}建设，{n:50-900}家{企业|工业企业|中小企业}{上云用数|上云上平台|完成数字化改造}。"),
        (["digital_economy"], "{loc}{举办|承办|组织}{数字经济|大数据产业|工业互联网|软件产业}{峰会|博览会|对接会|创新大赛}，{现场|会上|会期}{签约|集中签约}{项目|合作项目}{n:10-120}个。"),
        (["digital_economy"], "{loc}{加快|推动|推进}{数据中心集群|算力中心|数据中心}建设，{新增|建成|投运}{标准机架|服务器机架}{n:1000-50000}{个|架}。"),
        (["digital_economy"], "{loc}{推动|支持|促进}{农村电商|跨境电商|直播电商|社交电商}{发展|加快发展|规范发展}，{网络零售额|电商交易额|线上销售额}{同比增长|增长|提高}{n:5-40}%。"),
        (["digital_economy"], "{loc}{实施|推进|启动}“{互联网+|大数据+|数字+|智能+}{制造|农业|旅游|物流|医疗}”{行动|工程|专项}，{带动|推动|促成}{n:20-400}个项目落地。"),
        (["digital_economy"], "{loc}{建设|设立|运营}{数据交易平台|数据交易中心|数据交易所|数据要素平台}，{累计|全年|当年}{交易额|成交额}{达|超过|突破}{n:2-90}亿元。"),
    ],
    "e_government": [
        (["e_government"], "{loc}{推进|深化|推动}{政务服务“一网通办”|“一网通办”改革|政务服务网上办}，{n:300-3000}项{事项|政务服务事项|审批事项}{实现|做到}{网上办理|全程网办|网上可办}。"),
        (["e_government"], "{loc}政务{微博|微信|新媒体|短视频}矩阵{持续扩容|不断壮大|规范运行}，{n:100-3000}个{账号|政务账号|政务新媒体}{及时发布|准确发布|主动发布}{权威信息|政务信息|政策解读}。"),
        (["e_government"], "{loc}{上线|推出|升级}{政务服务移动端|政务服务APP|掌上办事平台}，{n:100-2000}项{高频事项|民生事项|便民服务}{实现|做到}{掌上办|指尖办|移动办理}。"),
        (["e_government"], "{loc}{推动|推进|加快}{政务数据共享|数据共享交换|政务信息资源共享}，{n:20-90}个{部门|单位}的{n:100-5000}类数据{接入|汇聚到|归集到}{共享平台|数据平台|共享交换平台}。"),
        (["e_government"], "{loc}{组织|推动|引导}{领导干部|党政机关}通过网络{了解民意|回应关切|走群众路线|倾听民声}，{网上回复|办理|答复}{群众留言|网民留言|网民诉求}{n:1000-90000}条。"),
        (["e_government"], "{loc}{建设|完善|升级}{数字政府一体化平台|政务云平台|数字政府基础平台}，{整合|迁移|接入}{n:50-900}个{部门业务系统|政务信息系统|业务系统}。"),
    ],
    "media_convergence": [
        (["media_convergence"], "{loc}{n:5-40}个县级融媒体中心{挂牌运行|建成投用|完成建设|全面运行}，{实现|推进|做到}{“一次采集、多元发布”|内容共享和统一管理|移动优先、一体发展}。"),
        (["media_convergence"], "{loc}{党报|广播电视台|重点新闻网站|主流媒体}{新闻客户端|移动客户端|新闻APP}{下载量|用户数|装机量}{突破|达到|超过}{n:100-3000}万。"),
        (["media_convergence"], "{loc}{推动|支持|指导}{省级|市级|主流}媒体{建设|搭建|升级}“中央厨房”，{n:10-90}家{媒体|县级媒体|新闻单位}{接入|入驻|对接}{技术平台|省级平台|云平台}。"),
        (["media_convergence"], "{loc}{重点新闻网站|新闻网站|主要新闻网站}{改版升级|完成移动端改版|完成全新改版}，{日均访问量|日均浏览量|移动端流量}{增长|提升|提高}{n:10-80}%。"),
        (["media_convergence"], "{loc}{报社|电视台|广播电视台|日报社}{组建|成立|设立}{新媒体中心|融媒体工作室|视频部}，{开设|运营|入驻}{短视频账号|新媒体账号|第三方平台账号}{n:10-200}个。"),
        (["media_convergence"], "{loc}{审批|核准|许可}{新闻网站|互联网新闻信息服务单位|新闻信息服务单位}{n:2-30}家，{规范|加强|推动}{新闻网站建设管理|新闻网站发展|网站规范运营}。"),
    ],
    "propaganda": [
        (["propaganda"], "{loc}{围绕|聚焦|结合}{event}{开展|组织|推出}{网上主题宣传|网上宣传|主题宣传活动}，{推出|刊发|制作}{专题专栏|短视频作品|网评文章|图解产品}{n:20-900}{个|篇|部|件}。"),
        (["propaganda"], "{loc}{组建|壮大|培训}{网评员队伍|网络评论队伍|网评骨干}{n:100-3000}人，{撰写|推送|刊发}{评论文章|网评作品|评论稿件}{n:100-9000}篇。"),
        (["propaganda"], "{loc}{加强|强化|做好}{网络舆情监测研判|舆情监测|网上舆情研判}，{及时|第一时间|主动}{澄清|回应|处置}{网上不实信息|不实传言|网络谣言}{n:10-500}条。"),
        (["propaganda"], "{loc}{开展|组织|举办}网络正能量{作品征集|宣传活动|精品推选|传播活动}，{吸引|带动|引导}网民{参与|互动|点赞转发}{n:10-900}万人次。"),
        (["propaganda", "institution_building"], "{loc}{建立|制定|完善}{重大决策|突发事件|重要活动}{网络舆情|网上舆论}{风险评估|会商研判|应对处置}机制，{年内|全年|当年}{研判|评估|会商}{n:10-200}次。"),
        (["propaganda"], "{loc}{组织|协调|动员}{n:10-90}家{网站平台|重点网站|商业平台}{开展|参与}{辟谣|正面宣传|主题宣传}联动，{转发|推送|置顶}{权威信息|权威发布|主流声音}{n:1000-90000}条。"),
    ],
    "online_culture": [
        (["online_culture"], "{loc}{举办|承办|组织}{网络文化节|网络文化周|网络文化季}，{评选|推出|展播}{优秀网络文化作品|网络文艺精品|网络文化精品}{n:20-300}{件|部|个}。"),
        (["online_culture"], "{loc}{开展|深化|组织}“争做中国好网民”{主题活动|系列活动|宣传活动}，{覆盖|吸引|带动}{网民|青少年网民|各界网民}{n:10-900}万人次。"),
        (["online_culture"], "{loc}{举办|组织|承办}网络{微视频|文学|摄影|短视频|动漫}{大赛|征集活动|评选}，{收到|征集|收集}{参赛作品|作品|原创作品}{n:100-9000}件。"),
        (["online_culture"], "{loc}{依托|围绕|结合}{传统节日|春节和中秋|重要节庆}开展“网络中国节”{活动|系列活动}，{n:10-90}家{网站|网站平台|网络媒体}{同步参与|联动推出|共同参与}。"),
        (["online_culture"], "{loc}{建设|命名|认定}网络文明{实践基地|实践阵地|示范点}{n:5-90}个，{培育|打造|推出}{网络文化品牌|网络文明品牌|特色文化品牌}。"),
    ],
    "social_governance": [
        (["social_governance"], "{loc}{受理|处置|接收}{网民举报|违法和不良信息举报|网络举报}{n:1000-900000}件，{办结率|处置率|核查率}{达到|超过|保持在}{n:90-99}%。"),
        (["social_governance"], "{loc}{组建|发展|壮大}{网络志愿者队伍|网络文明志愿者|网络监督员队伍}{n:100-9000}人，{参与|开展|协助}网络生态{监督|巡查|治理}。"),
        (["social_governance"], "{loc}{登记|培育|发展}{网络社会组织|网络行业组织|互联网社会组织}{n:5-90}家，{推动|促进|引导}{行业自律|多方共治|协同共治}。"),
        (["social_governance"], "{loc}{成立|指导成立|组建}互联网{行业|企业|新媒体}{联合会|协会|联盟}，{吸纳|发展|吸收}{会员单位|成员单位}{n:20-300}家。"),
        (["social_governance"], "{loc}{开通|设立|上线}{涉未成年人|涉企|涉诈|涉疫}{有害信息举报专区|举报专区|举报入口}，{全年|当年|年内}{收到|受理|接到}{线索|举报线索}{n:1000-90000}条。"),
    ],
    "institution_building": [
        (["institution_building"], "{loc}{印发|出台|制定}{网信工作责任制实施细则|年度网信工作要点|网信工作督查办法|网信工作规则}，{明确|细化|部署}{n:10-60}项{重点任务|工作任务|具体措施}。"),
        (["institution_building"], "{loc}{市|县|市县}两级网信机构{全部|基本|已经}{建立|组建到位|设立完成}，{n:5-150}个{县区|县（市、区）|区县}{设立|成立}网信办。"),
        (["institution_building"], "{loc}{建立|完善|健全}{网信工作联席会议机制|网信工作协调机制|部门会商机制}，{全年|年内|当年}{召开|组织}{会议|专题会议|协调会}{n:2-12}次。"),
        (["institution_building"], "{loc}{成立|组建|设立}{网信系统党委|网信系统党组|网信领域党工委}，{推进|加强|深化}{网信领域党的建设|行业党建|互联网企业党建}。"),
        (["institution_building"], "{loc}将网信工作纳入{年度绩效考核|领导班子考核|目标管理考核}，{制定|出台|细化}{考核指标|评价指标|考核细则}{n:5-40}项。"),
    ],
    "digital_inclusion": [
        (["informatization", "digital_inclusion"], "{loc}{推进|深化|实施}网络扶贫，{n:100-5000}个贫困村{接通|实现|通上}{光纤宽带|4G网络|宽带网络}。"),
        (["digital_inclusion"], "{loc}{组织|动员|引导}{互联网企业|电商平台|网络企业}{结对帮扶|对口帮扶|定点帮扶}{n:5-60}个贫困县，{开展|组织|推出}{电商直播助农|消费扶贫|农产品上行}。"),
        (["digital_inclusion"], "{loc}{开展|组织|举办}{网络扶贫直播带货|消费扶贫直播|扶贫产品网上推介}，{帮助|助力|带动}贫困户{销售|卖出|推销}{农产品|特色农产品|土特产品}{n:100-9000}万元。"),
        (["digital_inclusion"], "{loc}{建设|布设|建成}{n:100-3000}个{电商扶贫服务站点|村级电商服务站|扶贫网店}，{带动|帮助|助力}{n:1000-90000}户贫困户{增收|稳定增收|脱贫}。"),
        (["digital_inclusion"], "{loc}{推进|实施|深化}{网络扶智工程|教育信息化扶贫|远程教育扶贫}，为{n:100-2000}所{贫困地区学校|乡村学校|贫困村学校}{接入|开通|配送}{远程教育资源|优质课程|在线课堂}。"),
        (["digital_inclusion"], "{loc}{完善|建设|推广}面向贫困群众的{网上就业服务|网上医疗服务|网上社保服务|信息服务平台}，{惠及|服务|覆盖}{n:1-90}万{贫困群众|困难群众|人}。"),
    ],
    "talent_education": [
        (["security", "talent_education"], "{loc}{n:2-12}所高校{开设|增设|设立}{网络空间安全专业|网络安全专业|密码科学专业}，{在校生|招生规模|专业学生}{达到|超过|突破}{n:300-9000}人。"),
        (["talent_education"], "{loc}{举办|开办|组织}{网信干部|网信系统|基层网信}{业务培训班|专题培训班|能力提升班}{n:3-30}期，{培训|轮训|覆盖}{n:200-5000}人次。"),
        (["talent_education"], "{loc}{建设|认定|挂牌}网信人才{培训基地|实训基地|培养基地}{n:2-20}个，{引进|培养|培训}{专业人才|技术人才|骨干人才}{n:50-900}名。"),
        (["talent_education"], "{loc}{联合|依托|会同}{高校|科研院所|重点高校}{成立|组建|共建}{网络空间研究院|网络治理研究中心|网信智库}，{开展|承担|完成}{课题研究|专题研究|调研课题}{n:5-60}项。"),
    ],
    "international": [
        (["international"], "{loc}{举办|承办|主办}{数字丝绸之路|跨境数据|国际网络|数字合作}{论坛|合作论坛|对话会}，{n:10-60}个{国家和地区|国家|国家和国际组织}的代表{参会|出席|参加交流}。"),
        (["international", "informatization"], "{loc}{推动|推进|加快}{国际通信出入口|国际数据专用通道|国际互联网数据通道}建设，{开通|新增|扩容}国际{带宽|通道带宽}{n:10-900}G。"),
        (["international", "digital_economy"], "{loc}与{东盟国家|“一带一路”沿线国家|南亚国家|中亚国家}{开展|深化|推进}数字经济合作，{签约|达成|落地}{项目|合作项目}{n:5-60}个。"),
        (["international"], "{loc}{组织|推荐|带领}{n:5-40}家企业{参加|参展|亮相}世界互联网大会，{展示|发布|推介}{新技术|新产品|创新成果}。"),
    ],
    "informatization": [
        (["informatization"], "{loc}{新建|开通|建成}{5G|4G}基站{n:1000-90000}个，{实现|推进|基本实现}{城区|乡镇|重点区域}{网络全覆盖|连续覆盖|深度覆盖}。"),
        (["informatization"], "{loc}{推进|加快|实施}{千兆光网建设|光纤网络升级|宽带网络提速}，{n:100-9000}个{行政村|自然村|村庄}{通光纤|通宽带|接入千兆网络}。"),
        (["informatization"], "{loc}{推进|加快|深化}{新型智慧城市建设|智慧城市建设|城市数字化建设}，{建成|上线|投用}{城市运行管理平台|城市大脑|城市运行中心}。"),
        (["informatization"], "{loc}{加快|推进|实施}“数字{乡村|城市|社区}”建设，{n:20-300}个{乡镇|社区|街道}{完成|实现}{信息化改造|数字化改造|智慧化升级}。"),
        (["informatization"], "{loc}{固定宽带用户|光纤宽带用户|家庭宽带用户}{达到|突破|超过}{n:100-3000}万户，{平均|家庭|户均}接入速率{n:100-900}兆。"),
    ],
}
THEMES = list(BANK)

EVENTS = {
    2018: ["纪念改革开放40周年", "宣传贯彻党的十九大精神"],
    2019: ["庆祝新中国成立70周年", "“不忘初心、牢记使命”主题教育"],
    2020: ["决胜全面建成小康社会", "抗击新冠肺炎疫情"],
    2021: ["庆祝中国共产党成立100周年", "党史学习教育"],
    2022: ["迎接宣传贯彻党的二十大", "喜迎党的二十大"],
}

# Planted shifts: (id, province, theme, target share of the province-year's sentences
# by year, direction)
SHIFTS = [
    ("S1", "广东", "content_governance", {2018: 0.10, 2019: 0.20, 2020: 0.30, 2021: 0.40, 2022: 0.50}, "up"),
    ("S2", "四川", "digital_inclusion", {2018: 0.40, 2019: 0.35, 2020: 0.25, 2021: 0.10, 2022: 0.05}, "down"),
    ("S3", "江苏", "security", {2018: 0.10, 2019: 0.18, 2020: 0.27, 2021: 0.36, 2022: 0.45}, "up"),
    ("S4", "贵州", "digital_economy", {y: 0.40 for y in YEARS}, "level"),
]

# Planted reuse: (id, kind, labels, text, occurrences [(province, year)], edited copies
# {(province, year): text})
REUSE = [
    ("R1", "template", ["propaganda"],
     "各地网信部门要把维护网络意识形态安全作为首要任务，层层压实属地管理责任，确保网上舆论环境持续向好。",
     [("广东", 2019), ("江苏", 2019), ("浙江", 2019), ("河南", 2019), ("四川", 2019)], {}),
    ("R2", "template", ["propaganda", "content_governance"],
     "疫情防控期间，各级网信部门加强涉疫网络舆情监测，及时发布权威信息，依法打击编造传播谣言的行为。",
     [("广东", 2020), ("贵州", 2020), ("四川", 2020), ("江苏", 2020), ("浙江", 2020), ("河南", 2020)], {}),
    ("R3", "repeated_next_year", ["e_government"],
     "杭州市持续深化“最多跑一次”改革，推动更多政务服务事项实现网上办、掌上办、一次办。",
     [("浙江", 2020), ("浙江", 2021)], {}),
    ("R4", "repeated_next_year", [],
     "全省网信系统坚持以人民为中心的发展思想，把网信工作同全省经济社会发展大局紧密结合起来。",
     [("河南", 2018), ("河南", 2019)], {}),
    ("R5", "edited_copy", ["content_governance", "institution_building"],
     "推动建立网络生态治理工作协调机制，统筹网信、公安、通信管理等部门力量，形成齐抓共管的工作格局。",
     [("江苏", 2020), ("广东", 2021)],
     {("广东", 2021): "推动建立网络综合治理工作协调机制，统筹网信、公安、通信管理等部门力量，形成齐抓共管的工作格局。"}),
    ("R6", "copied_passage", ["e_government", "digital_economy"],
     "建立健全数据资源目录体系和共享交换机制，推动公共数据在依法合规的前提下有序开放，鼓励企业和科研机构开发利用政务数据资源，培育一批数据服务企业，让数据要素在市场中充分流动、释放价值。",
     [("贵州", 2022), ("四川", 2022)], {}),
    ("R7", "copied_passage", [],
     "网络空间是亿万民众共同的精神家园，需要大家共同守护。",
     [("浙江", 2018), ("江苏", 2022)], {}),
    ("R8", "edited_copy", ["media_convergence"],
     "全省建成县级融媒体中心一百零八个，实现县级媒体资源整合和移动传播全覆盖。",
     [("河南", 2021), ("河南", 2022)],
     {("河南", 2022): "全省建成县级融媒体中心一百零九个，实现县级媒体资源整合和移动传播全覆盖。"}),
    ("R9", "edited_copy", ["digital_economy"],
     "推动互联网企业履行社会责任，引导平台企业在助力乡村振兴、服务中小企业等方面发挥更大作用。",
     [("广东", 2018), ("贵州", 2019)],
     {("贵州", 2019): "推动互联网企业履行社会责任、引导平台企业在助力乡村振兴、服务中小企业等方面发挥更大作用。"}),
]

OPENERS = ["{year}年，", "今年以来，", "{year}年以来，", ""]
CONNECTORS = ["同时，", "此外，", "与此同时，", ""]


GRAM = 14


def _grams(text: str) -> set:
    from cyberreport.analysis._reuse_index import _translate

    c = _translate(text)
    return {c[i:i + GRAM] for i in range(len(c) - GRAM + 1)}


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def loc(self, province: str) -> str:
        rng = self.rng
        city = rng.choice(PROVINCES[province])
        suffix = "" if city.endswith("州") and len(city) >= 3 else "市"
        forms = [f"{province}省", f"{province}省网信办", "全省", "省委网信办", f"{city}{suffix}",
                 f"{city}{suffix}网信办", "各地"]
        return rng.choices(forms, weights=[2, 2, 3, 2, 4, 2, 1])[0]

    def fill(self, template: str, province: str, year: int) -> str:
        rng = self.rng

        def sub(m: re.Match) -> str:
            body = m.group(1)
            if body == "loc":
                return self.loc(province)
            if body == "event":
                return rng.choice(EVENTS[year])
            if body.startswith("n:"):
                lo, hi = map(int, body[2:].split("-"))
                return str(rng.randint(lo, hi))
            return rng.choice(body.split("|"))

        return re.sub(r"\{([^{}]+)\}", sub, template)

    def sentence(self, theme: str, province: str, year: int, used: set) -> tuple[str, list[str]]:
        """A sentence of ``theme`` sharing no GRAM-character run with ``used`` (the
        canonical GRAM-grams of the text written so far), which it then joins."""
        for _ in range(200):
            labels, template = self.rng.choice(BANK[theme])
            text = self.fill(template, province, year)
            grams = _grams(text)
            if not grams & used:
                used |= grams
                return text, list(labels)
        raise RuntimeError(f"no fresh sentence for {theme} ({province} {year}); enlarge the bank")


def background_weights(province: str, year: int) -> dict[str, float]:
    """Theme weights of sentences that are not planted."""
    w = {t: 1.0 for t in THEMES}
    w["digital_inclusion"] = 0.8 if year <= 2020 else 0.15   # poverty relief ends in 2020
    w["international"] = 0.5
    w["talent_education"] = 0.6
    for _sid, prov, theme, _shares, _d in SHIFTS:
        if prov == province:
            w[theme] = 0.0        # planted themes come only from the plan
        else:
            w[theme] = min(w[theme], 0.6)
    return w


def build(seed: int) -> tuple[list[dict], dict]:
    wr = Writer(seed)
    rng = wr.rng
    records = []
    reuse_at: dict[tuple, list] = {}
    for rid, _kind, _labels, _text, occ, _edits in REUSE:
        for key in occ:
            reuse_at.setdefault(key, []).append(rid)
    reuse_by_id = {r[0]: r for r in REUSE}
    used: set = set()
    for r in REUSE:                 # planted passages are never written by chance
        used |= _grams(r[3])
        for e in r[5].values():
            used |= _grams(e)
    for province in PROVINCES:
        for year in YEARS:
            n_par = rng.randint(6, 10)
            # reused passages go into distinct random paragraphs, which then get 1-4
            # sentences of their own (2-5 in all)
            rids = reuse_at.get((province, year), [])
            hosts = rng.sample(range(n_par), len(rids)) if rids else []
            sizes = [rng.randint(1, 4) if p in hosts else rng.randint(2, 5)
                     for p in range(n_par)]
            total = sum(sizes) + len(reuse_at.get((province, year), []))
            plan: list[tuple[str, list[str]] | None] = []
            shifts_here = [s for s in SHIFTS if s[1] == province]
            planted_count = {}
            for sid, _p, theme, shares, _d in shifts_here:
                k = round(shares[year] * total)
                planted_count[sid] = k
                plan += [(theme, sid)] * k
            weights = background_weights(province, year)
            themes, ws = zip(*weights.items())
            while len(plan) < sum(sizes):
                plan.append((rng.choices(themes, ws)[0], None))
            plan = plan[: sum(sizes)]
            rng.shuffle(plan)
            pos = 0
            for p in range(n_par):
                sents: list[dict] = []
                shift_ids: set = set()
                for theme, sid in plan[pos: pos + sizes[p]]:
                    text, labels = wr.sentence(theme, province, year, used)
                    sents.append({"text": text, "labels": labels})
                    if sid:
                        shift_ids.add(sid)
                pos += sizes[p]
                reuse_ids = [rid for rid, h in zip(rids, hosts) if h == p]
                for rid in reuse_ids:
                    _rid, _kind, labels, text, _occ, edits = reuse_by_id[rid]
                    text = edits.get((province, year), text)
                    sents.insert(rng.randint(0, len(sents)), {"text": text, "labels": list(labels)})
                # an opener on the first sentence, a connector on a later one
                opener = rng.choice(OPENERS).format(year=year)
                if opener and sents[0]["text"] not in [r[3] for r in REUSE] and not any(
                        sents[0]["text"] == e for r in REUSE for e in r[5].values()):
                    sents[0]["text"] = opener + sents[0]["text"]
                if len(sents) > 2:
                    i = rng.randint(1, len(sents) - 1)
                    if not _is_reuse(sents[i]["text"]):
                        sents[i]["text"] = rng.choice(CONNECTORS) + sents[i]["text"]
                records.append({
                    "id": f"{CODES[province]}-{year}-{p + 1:02d}",
                    "province": province,
                    "year": year,
                    "text": "".join(s["text"] for s in sents),
                    "sentences": sents,
                    "labels": _ordered({t for s in sents for t in s["labels"]}),
                    "planted": {"reuse": reuse_ids,
                                "shifts": sorted(shift_ids)},
                })
    return records, _key(records)


def _is_reuse(text: str) -> bool:
    return any(text == r[3] or text in r[5].values() for r in REUSE)


def _ordered(labels: set) -> list[str]:
    order = ["security", "informatization", "digital_economy", "e_government",
             "media_convergence", "propaganda", "online_culture", "content_governance",
             "social_governance", "institution_building", "digital_inclusion",
             "talent_education", "international"]
    return [t for t in order if t in labels]


def _key(records: list[dict]) -> dict:
    """planted.json: the shifts with their realised shares, the reused passages with
    their offsets."""
    shifts = []
    for sid, province, theme, shares, direction in SHIFTS:
        realised = {}
        for year in YEARS:
            sents = [s for r in records if r["province"] == province and r["year"] == year
                     for s in r["sentences"]]
            hits = sum(theme in s["labels"] for s in sents)
            realised[str(year)] = {"sentences": len(sents), "with_theme": hits,
                                   "share": round(hits / len(sents), 4)}
        others = {}
        for year in YEARS:
            sents = [s for r in records if r["province"] != province and r["year"] == year
                     for s in r["sentences"]]
            others[str(year)] = round(sum(theme in s["labels"] for s in sents) / len(sents), 4)
        shifts.append({"id": sid, "province": province, "theme": theme,
                       "direction": direction, "from_year": YEARS[0], "to_year": YEARS[-1],
                       "target_share": {str(y): v for y, v in shares.items()},
                       "share": realised, "share_in_other_provinces": others})
    reuse = []
    for rid, kind, labels, text, occ, edits in REUSE:
        occurrences = []
        for province, year in occ:
            body = edits.get((province, year), text)
            for r in records:
                if r["province"] == province and r["year"] == year and rid in r["planted"]["reuse"]:
                    start = r["text"].index(body)
                    occurrences.append({"id": r["id"], "province": province, "year": year,
                                        "start": start, "end": start + len(body),
                                        "edited": body != text})
        reuse.append({"id": rid, "kind": kind, "passage": text, "length": len(text),
                      "labels": labels, "occurrences": occurrences,
                      **({"edits": {f"{p} {y}": t for (p, y), t in edits.items()}} if edits else {})})
    return {"about": "Planted structure of data/sample/multiyear.jsonl (a constructed corpus; "
                     "see data/sample/README.md).",
            "shifts": shifts, "reuse": reuse}


def check(records: list[dict], key: dict) -> list[str]:
    """Problems: sentence cutting, unplanted shared passages, missed planted ones."""
    from cyberreport.analysis import find_reuse
    from cyberreport.text import sentence_spans

    problems = []
    for r in records:
        spans = sentence_spans(r["text"])
        if [r["text"][a:b] for a, b in spans] != [s["text"] for s in r["sentences"]]:
            problems.append(f"{r['id']}: sentences do not match sentence_spans")
    planted_pairs = set()
    for item in key["reuse"]:
        ids = [o["id"] for o in item["occurrences"]]
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                planted_pairs.add(tuple(sorted((ids[i], ids[j]))))
    found = find_reuse([(r["text"]) for r in records], max_df=None)
    ids = [r["id"] for r in records]
    reported = {tuple(sorted((ids[int(p.id_a)], ids[int(p.id_b)]))) for p in found}
    for pair in sorted(reported - planted_pairs):
        ps = [p.passage for p in found
              if tuple(sorted((ids[int(p.id_a)], ids[int(p.id_b)]))) == pair]
        problems.append(f"unplanted shared passage {pair}: {ps}")
    for pair in sorted(planted_pairs - reported):
        problems.append(f"planted pair not found {pair}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    records, key = build(args.seed)
    if args.check:
        problems = check(records, key)
        for p in problems:
            print(p)
        if problems:
            return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "multiyear.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    (OUT / "planted.json").write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n",
                                      "utf-8")
    n_sent = sum(len(r["sentences"]) for r in records)
    print(f"{len(records)} paragraphs, {n_sent} sentences -> {OUT}")
    for s in key["shifts"]:
        print(s["id"], s["province"], s["theme"],
              " ".join(f"{y}:{v['share']:.2f}" for y, v in s["share"].items()),
              "| others", " ".join(f"{v:.2f}" for v in s["share_in_other_provinces"].values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
