"""The report's text besides its tables: overview, problems, other matters, dates in Chinese numerals."""
from .truth import ORG

CN_DIGITS = "〇一二三四五六七八九"


def cn_year(y):
    return "".join(CN_DIGITS[int(d)] for d in str(y))


def cn_small(n):
    if n < 10:
        return "〇一二三四五六七八九"[n]
    if n < 20:
        return "十" + ("" if n == 10 else CN_DIGITS[n % 10])
    return CN_DIGITS[n // 10] + "十" + ("" if n % 10 == 0 else CN_DIGITS[n % 10])


def pub_date(spec):
    y, m, d = spec.year + 1, spec.pub_month, spec.pub_day
    if spec.opts.get("cn_date"):
        return f"{cn_year(y)}年{cn_small(m)}月{cn_small(d)}日"
    return f"{y}年{m}月{d}日"


OVERVIEW_TOPICS = [
    ("主动公开", [
        "{year}年，{short}坚持以公开为常态、不公开为例外，围绕中心工作持续加大主动公开力度。全年通过政府门户网站主动公开政府信息{n_pub}条，其中政策文件{n_policy}件，政策解读{n_interp}篇，及时回应社会关切。",
        "聚焦重点领域信息公开，做好财政预决算、重大建设项目、公共资源配置、社会公益事业等领域信息公开，全年更新“重点领域信息公开”专栏{n_key}条，确保信息发布准确、及时、完整。",
        "严格落实政策文件与解读材料同步组织、同步审签、同步部署要求，采用图文、视频、问答等多种形式开展政策解读，提高解读的针对性和可读性。",
    ]),
    ("依申请公开", [
        "{year}年，{short}共收到政府信息公开申请{new_total}件（其中自然人申请{new_nat}件，法人或其他组织申请{new_org}件），上年结转{carry_total}件。已办结{done_total}件，结转下年度继续办理{fwd_total}件。",
        "严格执行依申请公开登记、审核、办理、答复、归档工作流程，规范答复文书格式，依法保障申请人合法权益，在法定期限内答复率达到100%。",
        "加强与申请人的沟通，对申请内容不明确的，及时一次性告知补正事项；对涉及第三方权益的，依法征求第三方意见。",
    ]),
    ("政府信息管理", [
        "严格落实公文公开属性源头认定制度，拟制公文时明确主动公开、依申请公开、不予公开等属性。对行政规范性文件实行统一登记、统一编号、统一发布，及时清理并公布现行有效的行政规范性文件目录。",
        "健全政府信息发布保密审查机制，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
    ]),
    ("政府信息公开平台建设", [
        "充分发挥政府门户网站第一平台作用，优化调整政府信息公开专栏设置，完善检索、下载等功能。加强政务新媒体管理，全年通过政务新媒体发布信息{n_media}条。",
        "推进政务服务大厅设立政务公开专区，为群众提供政府信息查询、政策咨询、办事引导等服务，实现线上线下融合发展。",
    ]),
    ("监督保障", [
        "将政务公开工作纳入年度绩效考核，定期开展政府网站和政务新媒体检查，对发现的问题及时通报整改。全年组织政务公开业务培训{n_train}次，培训工作人员{n_people}人次。",
        "主动接受社会监督，通过政府网站公布监督举报电话，畅通意见建议渠道，本年度未发生因政府信息公开工作被追究责任的情况。",
    ]),
]
PROBLEMS = [
    "{year}年，{short}政府信息公开工作取得了一定成效，但仍存在一些不足：一是部分单位对政务公开工作重视程度不够，主动公开的广度和深度有待进一步拓展；二是政策解读形式较为单一，解读质量有待提高；三是工作人员业务能力参差不齐，专业化水平有待提升。",
    "针对上述问题，下一步将重点做好以下工作：一是加强组织领导，压实工作责任，推动政务公开工作常态化、规范化；二是丰富解读形式，综合运用图解、视频、访谈等方式，提升政策解读实效；三是加强业务培训，通过集中培训、以会代训等方式提高工作人员业务水平。",
    "持续加强政府网站和政务新媒体日常监管，严格落实信息发布审核制度，确保发布内容准确规范，不断提升政务公开平台的规范化、标准化水平。",
]
OTHER_MATTERS = [
    "（一）收取信息处理费情况。依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。",
    "（一）收取信息处理费情况。本年度共发出收费通知{fee_notices}件，收取信息处理费{fee_yuan}元。",
    "（二）人大代表建议和政协提案办理情况。本年度共承办人大代表建议{n_jianyi}件、政协提案{n_tian}件，均已按期办结，办结率100%。",
    "（三）年度政务公开工作要点落实情况。按照年度政务公开工作要点要求，逐项分解任务、明确责任，各项工作任务均已落实到位。",
    "{short}政府信息公开工作年度报告可在政府门户网站“政府信息公开年报”栏目查阅。如对本报告有疑问，请与{office}联系。",
]


def prose_values(spec):
    f = spec.truth
    v = dict(spec.figs)
    v.update(year=spec.year, short=spec.short, office=spec.office if hasattr(spec, "office") else spec.body + "办公室")
    v["new_total"] = f["apps.new_received.total"]
    v["new_nat"] = f["apps.new_received.natural"]
    v["new_org"] = sum(f[f"apps.new_received.{c}"] for c in ORG)
    v["carry_total"] = f["apps.carried_over.total"]
    v["done_total"] = f["apps.results_total.total"]
    v["fwd_total"] = f["apps.carried_forward.total"]
    return v
