#!/usr/bin/env python3
"""Generates synthetic 政府信息公开工作年度报告 PDFs plus their ground truth (expected JSON).

    make_corpus.py                      # (re)write the committed corpus: Corpus/pdf_*.pdf, Corpus/expected/pdf_*.json
    make_corpus.py --only NAME ...      # only some corpus documents (names without .pdf)
    make_corpus.py --list               # what each corpus document exercises
    make_corpus.py --check [--no-build] # read every corpus PDF back and compare it with its expected file
    make_corpus.py --bench N --out DIR  # N random valid text-layer reports: DIR/*.pdf, DIR/expected/*.json
    make_corpus.py --bench N --out DIR --check --no-build   # verify a benchmark set

Python 3 standard library only.  Needs the command-line tools of the Debian packages listed in
.ci/corpus-packages.txt: LibreOffice Writer (soffice), fonts-noto-cjk, qpdf, poppler-utils, img2pdf, ghostscript.

How it works.  Every document starts from a *truth*: a dict field id (fields.tsv) -> number drawn from a
seeded random generator, built so that all the template's identities hold, then for some documents
"mutated" so that the printed numbers break a rule on purpose.  The truth is what gets printed, and the
expected JSON is written from the truth, never from running nianbao.  Each report is rendered as a flat
ODF text document (.fodt; a Word/WPS-like layout: A4, GB/T 9704-ish margins, 仿宋/黑体-like Noto CJK fonts,
ruled tables with merged cells, footers with page numbers, optional landscape pages), and the .fodt files
are converted with `soffice --headless --convert-to pdf`, up to 200 files per LibreOffice run.  FODT rather
than HTML because LibreOffice's HTML import has no page styles (landscape pages, footers with page numbers,
repeated table header rows).  Part of the corpus is then re-distilled through Ghostscript (Type1C fonts
with a custom encoding instead of LibreOffice's Type 1 fonts: a second producer, and ~30 % smaller).
qpdf / poppler / img2pdf make the rotated, sideways, encrypted, truncated, scanned and garbled variants.
Dates, /ID and /DocChecksum are normalised, so reruns give byte-identical files on the same machine
set-up (checked with LibreOffice 7.4, Ghostscript 10.0, qpdf 11.3 on Debian 12; Ghostscript's subset-font
name prefixes change when the set of installed fonts changes, which changes the distilled files' bytes
but not their content).

--check reads each PDF back with `pdftotext -layout` (the numeric cells of tables 二, 三, 四 in reading
order, rebuilt from the expected JSON on disk and the document's formatting options) and with
`pdftotext -bbox` (each table 三 number's column, from the x position of the header words), and
recomputes the declared violations (also with /work/shared/tools/identities.py when present).

Body names are real-sounding; ALL NUMBERS ARE SYNTHETIC.
"""
import argparse, glob, hashlib, json, os, random, re, shutil, subprocess, sys, tempfile, time
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
SEED = 20240611

# ----------------------------------------------------------------------------------------------------
# Template structure
# ----------------------------------------------------------------------------------------------------
COLS = ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"]
APPL = COLS[:6]
ORG = COLS[1:6]

# table 三 rows: (field prefix, group label or None, label)
DENIED = [("state_secret", "1.属于国家秘密"), ("law_prohibited", "2.其他法律行政法规禁止公开"),
          ("security_stability", "3.危及“三安全一稳定”"), ("third_party_rights", "4.保护第三方合法权益"),
          ("internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"),
          ("enforcement_case", "7.属于行政执法案卷"), ("admin_query", "8.属于行政查询事项")]
UNAVAIL = [("not_held", "1.本机关不掌握相关政府信息"), ("needs_creation", "2.没有现成信息需要另行制作"),
           ("unclear", "3.补正后申请内容仍不明确")]
NOTPROC = [("complaint", "1.信访举报投诉类申请"), ("repeated", "2.重复申请"), ("publication", "3.要求提供公开出版物"),
           ("excessive", "4.无正当理由大量反复申请"), ("confirmation", "5.要求行政机关确认或重新出具已获取信息")]
OTHERH = [("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
          ("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
          ("other", "3.其他")]
L_NEW = "一、本年新收政府信息公开申请数量"
L_CARRY = "二、上年结转政府信息公开申请数量"
L_RESULT = "三、本年度办理结果"
L_GRANTED = "（一）予以公开"
L_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
L_DENIED = "（三）不予公开"
L_UNAVAIL = "（四）无法提供"
L_NOTPROC = "（五）不予处理"
L_OTHERH = "（六）其他处理"
L_RTOTAL = "（七）总计"
L_FORWARD = "四、结转下年度继续办理"
L_TOPLEFT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
COL_LABELS = {"natural": "自然人", "commercial": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织",
              "legal": "法律服务机构", "other": "其他", "total": "总计"}


def t3_rows(collapsed_other):
    """Canonical rows of table 三: list of (prefix, group_key, group_label, label)."""
    rows = [("apps.new_received", None, None, L_NEW), ("apps.carried_over", None, None, L_CARRY),
            ("apps.granted", "res", None, L_GRANTED), ("apps.partially_granted", "res", None, L_PARTIAL)]
    rows += [("apps.denied." + k, "denied", L_DENIED, l) for k, l in DENIED]
    rows += [("apps.unavailable." + k, "unavailable", L_UNAVAIL, l) for k, l in UNAVAIL]
    rows += [("apps.not_processed." + k, "not_processed", L_NOTPROC, l) for k, l in NOTPROC]
    if collapsed_other:
        rows += [("apps.other_handling", "res", None, L_OTHERH)]
    else:
        rows += [("apps.other_handling." + k, "other_handling", L_OTHERH, l) for k, l in OTHERH]
    rows += [("apps.results_total", "res", None, L_RTOTAL), ("apps.carried_forward", None, None, L_FORWARD)]
    return rows


OUTCOME_PREFIXES_2021 = [r[0] for r in t3_rows(False)[2:-2]]
OUTCOME_PREFIXES_2019 = [r[0] for r in t3_rows(True)[2:-2]]
REVIEW_GROUPS = ["review", "suit_direct", "suit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]
REVIEW_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def load_field_ids():
    """Field ids per template, from fields.tsv when it is reachable, else from the structure above."""
    for p in ("/work/shared/spec/fields.tsv", os.path.join(CORPUS, "..", "spec", "fields.tsv")):
        if os.path.exists(p):
            out = {"2021": [], "2019": []}
            with open(p, encoding="utf-8") as fh:
                next(fh)
                for line in fh:
                    fid, _sec, tpls = line.split("\t")[:3]
                    for t in tpls.split(","):
                        out[t].append(fid)
            return out
    return None


def field_ids(template, collapsed_other=False):
    """The fields a document prints (the expected file lists exactly these)."""
    if template == "2021":
        act = ["active.rules.issued", "active.rules.repealed", "active.rules.in_force", "active.normative.issued",
               "active.normative.repealed", "active.normative.in_force", "active.licensing.decisions",
               "active.penalty.decisions", "active.coercion.decisions", "active.fees.amount"]
    else:
        act = ["active.rules.made", "active.rules.published", "active.rules.total_public", "active.normative.made",
               "active.normative.published", "active.normative.total_public"]
        for k in ("licensing", "other_services", "penalty", "coercion"):
            act += [f"active.{k}.prev_items", f"active.{k}.change", f"active.{k}.decisions"]
        act += ["active.fees.prev_items", "active.fees.change", "active.procurement.items", "active.procurement.amount"]
    rows = t3_rows(collapsed_other or template == "2019")
    apps = [f"{p}.{c}" for p, *_ in rows for c in COLS]
    rev = [f"{g}.{c}" for g in REVIEW_GROUPS for c in REVIEW_COLS]
    return act + apps + rev


# ----------------------------------------------------------------------------------------------------
# Truth generation
# ----------------------------------------------------------------------------------------------------
SCALES = {"tiny": (0, 6), "small": (4, 40), "medium": (40, 400), "large": (400, 3500), "xlarge": (2500, 4000)}
OUTCOME_WEIGHTS = {
    "apps.granted": 34, "apps.partially_granted": 9,
    "apps.denied.state_secret": 0.4, "apps.denied.law_prohibited": 0.6, "apps.denied.security_stability": 0.3,
    "apps.denied.third_party_rights": 2.5, "apps.denied.internal_affairs": 1.5, "apps.denied.process_info": 2,
    "apps.denied.enforcement_case": 1.5, "apps.denied.admin_query": 1.2,
    "apps.unavailable.not_held": 24, "apps.unavailable.needs_creation": 4, "apps.unavailable.unclear": 2.5,
    "apps.not_processed.complaint": 3, "apps.not_processed.repeated": 2.5, "apps.not_processed.publication": 0.8,
    "apps.not_processed.excessive": 0.8, "apps.not_processed.confirmation": 0.8,
    "apps.other_handling.no_correction": 3, "apps.other_handling.unpaid_fee": 0.3, "apps.other_handling.other": 3,
    "apps.other_handling": 6,
}


def lognum(rng, lo, hi):
    """A log-uniform integer in [lo, hi] (0 allowed via lo=0)."""
    if hi <= 0:
        return 0
    import math
    v = math.exp(rng.uniform(math.log(max(lo, 1)), math.log(hi + 1)))
    return max(lo, min(hi, int(v)))


def gen_apps(rng, scale, collapsed):
    lo, hi = SCALES[scale]
    f = {}
    base = lognum(rng, lo, hi) if hi else 0
    share = {"natural": rng.uniform(0.55, 0.97)}
    rest = 1 - share["natural"]
    w = {"commercial": rng.uniform(0.3, 1), "research": rng.choice([0, 0, 0, 0.05]),
         "nonprofit": rng.choice([0, 0, 0, 0.06]), "legal": rng.choice([0, 0, 0.2, 0.3]), "other": rng.choice([0, 0.1, 0.3])}
    ws = sum(w.values())
    for c in ORG:
        share[c] = rest * w[c] / ws
    prefixes = OUTCOME_PREFIXES_2019 if collapsed else OUTCOME_PREFIXES_2021
    weights = [OUTCOME_WEIGHTS[p] * rng.uniform(0.3, 1.7) for p in prefixes]
    # sparser bodies use fewer outcome kinds
    if scale in ("tiny", "small"):
        weights = [x if rng.random() < 0.45 or p in ("apps.granted", "apps.unavailable.not_held") else 0
                   for p, x in zip(prefixes, weights)]
    for c in APPL:
        new = int(round(base * share[c]))
        if c != "natural" and new == 0 and rng.random() < 0.15 and base > 0:
            new = 1
        carry = 0 if rng.random() < 0.55 else rng.randint(0, max(1, new // 8))
        avail = new + carry
        fwd = 0 if rng.random() < 0.5 else rng.randint(0, max(0, avail // 7))
        done = avail - fwd
        f[f"apps.new_received.{c}"] = new
        f[f"apps.carried_over.{c}"] = carry
        f[f"apps.carried_forward.{c}"] = fwd
        f[f"apps.results_total.{c}"] = done
        counts = dict.fromkeys(prefixes, 0)
        for p in rng.choices(prefixes, weights=weights, k=done):
            counts[p] += 1
        for p in prefixes:
            f[f"{p}.{c}"] = counts[p]
    for p in {k.rsplit(".", 1)[0] for k in f}:
        f[f"{p}.total"] = sum(f[f"{p}.{c}"] for c in APPL)
    return f


def gen_review(rng, scale):
    f = {}
    hi = {"tiny": 1, "small": 3, "medium": 8, "large": 40, "xlarge": 60}[scale]
    for g in REVIEW_GROUPS:
        h = hi if g == "review" else max(1, hi // 2)
        vals = [0 if rng.random() < 0.45 else rng.randint(0, h) for _ in range(4)]
        for c, v in zip(REVIEW_COLS, vals):
            f[f"{g}.{c}"] = v
        f[f"{g}.total"] = sum(vals)
    return f


def money(rng, hi):
    if rng.random() < 0.35:
        return 0
    return round(rng.uniform(0.1, 1) * lognum(rng, 1, hi) + rng.randint(0, 99) / 100, 2)


def gen_active(rng, template, level):
    f = {}
    big = {"city": 1.0, "county": 0.3, "dept": 0.15, "zone": 0.1}[level]
    if template == "2021":
        if level == "city":
            f["active.rules.issued"] = rng.randint(0, 5)
            f["active.rules.repealed"] = rng.randint(0, 3)
            f["active.rules.in_force"] = rng.randint(12, 90)
        else:
            f["active.rules.issued"] = f["active.rules.repealed"] = f["active.rules.in_force"] = 0
        f["active.normative.issued"] = lognum(rng, 0, int(80 * big) + 3)
        f["active.normative.repealed"] = lognum(rng, 0, int(60 * big) + 2) if rng.random() < 0.6 else 0
        f["active.normative.in_force"] = f["active.normative.issued"] + lognum(rng, 0, int(1500 * big) + 10)
        f["active.licensing.decisions"] = lognum(rng, int(3000 * big), int(300000 * big)) if rng.random() < 0.85 else 0
        f["active.penalty.decisions"] = lognum(rng, int(500 * big), int(200000 * big)) if rng.random() < 0.8 else 0
        f["active.coercion.decisions"] = lognum(rng, 0, int(12000 * big)) if rng.random() < 0.6 else 0
        f["active.fees.amount"] = money(rng, int(100000 * big) + 10)
    else:
        for k, hi in (("rules", 8 if level == "city" else 0), ("normative", int(60 * big) + 3)):
            made = lognum(rng, 0, hi) if hi else 0
            f[f"active.{k}.made"] = made
            f[f"active.{k}.published"] = made - (rng.randint(0, made // 5) if made > 4 else 0)
            f[f"active.{k}.total_public"] = (made + lognum(rng, 0, hi * 12)) if hi else 0
        for k, hi in (("licensing", 400), ("other_services", 300), ("penalty", 3000), ("coercion", 80)):
            prev = lognum(rng, 0, int(hi * big) + 5)
            f[f"active.{k}.prev_items"] = prev
            f[f"active.{k}.change"] = 0 if rng.random() < 0.5 else rng.randint(-min(prev, 12), 15)
            f[f"active.{k}.decisions"] = lognum(rng, 0, int(hi * 100 * big)) if rng.random() < 0.8 else 0
        f["active.fees.prev_items"] = rng.randint(0, int(30 * big) + 2)
        f["active.fees.change"] = 0 if rng.random() < 0.6 else rng.randint(-min(3, f["active.fees.prev_items"]), 2)
        f["active.procurement.items"] = lognum(rng, 0, int(600 * big) + 5)
        f["active.procurement.amount"] = money(rng, int(80000 * big) + 50) if f["active.procurement.items"] else 0
    return f


def make_truth(rng, template, level, scale, collapsed=False):
    f = {}
    f.update(gen_active(rng, template, level))
    f.update(gen_apps(rng, scale, collapsed or template == "2019"))
    f.update(gen_review(rng, scale))
    ids = field_ids(template, collapsed)
    assert set(ids) == set(f), (set(ids) ^ set(f))
    return {k: f[k] for k in ids}


def identity_violations(f):
    """Same computation as /work/shared/tools/identities.py; returns [{"rule", "where"}] grouped by rule."""
    g = lambda k: f.get(k) or 0
    out = []
    for c in COLS:
        if g(f"apps.new_received.{c}") + g(f"apps.carried_over.{c}") != g(f"apps.results_total.{c}") + g(f"apps.carried_forward.{c}"):
            out.append(("balance", c))
        other = [k for k in f if k.startswith("apps.other_handling") and k.endswith("." + c)]
        outc = [p for p in OUTCOME_PREFIXES_2021 if not p.startswith("apps.other_handling")]
        if sum(g(f"{r}.{c}") for r in outc) + sum(g(k) for k in other) != g(f"apps.results_total.{c}"):
            out.append(("outcome_sum", c))
    rows = {k.rsplit(".", 1)[0] for k in f if k.startswith("apps.")}
    for r in sorted(rows):
        if sum(g(f"{r}.{c}") for c in COLS[:6]) != g(f"{r}.total"):
            out.append(("row_total", r))
    for grp in REVIEW_GROUPS:
        if sum(g(f"{grp}.{c}") for c in ("upheld", "corrected", "other", "pending")) != g(f"{grp}.total"):
            out.append((grp + "_total", grp))
    grouped = {}
    for rule, where in out:
        grouped.setdefault(rule, []).append(where)
    return [{"rule": r, "where": w} for r, w in grouped.items()]


# ----------------------------------------------------------------------------------------------------
# Number formatting (shared by the renderer and by --check, which rebuilds the printed cells from the
# expected JSON on disk)
# ----------------------------------------------------------------------------------------------------
FW = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


def fmt_num(v, spec, table, fid=""):
    """How the document prints value v in a cell of `table` ('t2', 't3', 't4')."""
    o = spec.opts
    zero = o.get("zero", {}).get(table, "0") if isinstance(o.get("zero"), dict) else o.get("zero", "0")
    if v == 0 and fid in o.get("zero_as_digit", ()):
        zero = "0"
    if v == 0:
        if zero == "0" and fid.endswith(".amount") and o.get("money_zero"):
            return o["money_zero"]
        return {"0": "0", "blank": "", "dash": "—", "slash": "/", "hyphen": "-"}[zero]
    if fid.endswith(".amount"):
        if fid == "active.procurement.amount" and o.get("procurement_yuan"):
            s = f"{int(round(v * 10000)):,}" if o.get("sep") else str(int(round(v * 10000)))
            return s + "元"
        s = f"{v:,.2f}" if o.get("sep") else f"{v:.2f}"
        if o.get("units") and table == "t2":
            s += "万元"
        return s
    s = f"{v:,}" if (o.get("sep") and abs(v) >= 1000 and table in o.get("sep_tables", ("t2", "t3", "t4"))) else str(v)
    if fid.endswith(".change") and v > 0 and o.get("plus_sign"):
        s = "+" + s
    if o.get("units") and table == "t2" and not fid.endswith(".change"):
        s += "件" if ("rules" in fid or "normative" in fid) else ""
    if table in o.get("fullwidth", ()):
        s = s.translate(FW)
    return s


# ----------------------------------------------------------------------------------------------------
# Simplified -> traditional (only the characters used by the texts below)
# ----------------------------------------------------------------------------------------------------
S2T_PAIRS = (  # the pairs the texts below need (checked by hand); other characters stay as they are
    "万萬 与與 专專 业業 严嚴 丰豐 临臨 为為 举舉 义義 乡鄉 书書 仓倉 众眾 优優 会會 体體 关關 兴興 内內 决決 况況 减減 几幾 "
    "则則 删刪 办辦 务務 动動 区區 华華 协協 单單 卫衛 厅廳 压壓 县縣 参參 发發 号號 吕呂 员員 团團 围圍 国國 图圖 场場 坚堅 "
    "壶壺 处處 复復 够夠 头頭 娄婁 宁寧 宝寶 实實 审審 对對 导導 寿壽 将將 属屬 岚嵐 岛島 广廣 庄莊 应應 废廢 开開 强強 归歸 "
    "当當 录錄 态態 总總 户戶 执執 护護 报報 拟擬 挥揮 据據 数數 断斷 无無 时時 晋晉 术術 机機 权權 条條 构構 标標 栏欄 档檔 "
    "检檢 楼樓 汉漢 沟溝 没沒 沧滄 泽澤 济濟 潍濰 灵靈 点點 烦煩 环環 现現 电電 畅暢 监監 码碼 确確 种種 称稱 稳穩 签簽 简簡 "
    "类類 纠糾 红紅 纳納 线線 组組 织織 经經 结結 绕繞 统統 继繼 绩績 续續 维維 综綜 编編 缴繳 网網 罚罰 联聯 芜蕪 获獲 补補 "
    "见見 规規 视視 计計 认認 训訓 议議 记記 许許 讼訟 设設 访訪 识識 诉訴 试試 话話 询詢 请請 读讀 调調 谈談 财財 责責 质質 "
    "购購 贵貴 费費 资資 赣贛 转轉 载載 较較 输輸 达達 过過 运運 这這 进進 遥遙 郑鄭 郸鄲 针針 铜銅 长長 门門 问問 阅閱 阳陽 "
    "陈陳 页頁 项項 顺順 预預 领領 频頻 题題 额額 鸡雞 齐齊"
)
S2T = {}
for pair in S2T_PAIRS.split():
    if len(pair) == 2 and pair[0] != pair[1]:
        S2T.setdefault(pair[0], pair[1])
# like the naive converters of real sites (seed 002: 屬于, 補正后, 規范性文件), keep these as they are
for ch in "于里后干系征面板台制准范松余谷只表并才致了":
    S2T.pop(ch, None)
S2T = {k: v for k, v in S2T.items() if k != v}
T2S = {v: k for k, v in S2T.items()}
T2S.update({"於": "于", "裏": "里", "後": "后", "製": "制", "係": "系", "準": "准", "範": "范", "幾": "几",
            "萬": "万", "臺": "台"})


def to_trad(s):
    return "".join(S2T.get(ch, ch) for ch in s)


def to_simp(s):
    return "".join(T2S.get(ch, ch) for ch in s)


# ----------------------------------------------------------------------------------------------------
# Prose
# ----------------------------------------------------------------------------------------------------
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


class Spec:
    """One document: what it says (truth) and how it says it (opts)."""

    def __init__(self, name, template="2021", year=2022, body="", short=None, level="county", scale="small",
                 seed=0, opts=None, mutate=None, post=(), unreadable=False, note=""):
        self.name, self.template, self.year, self.body = name, template, year, body
        self.short = short or body
        self.level, self.scale, self.note = level, scale, note
        self.opts = dict(opts or {})
        self.post = list(post)
        self.unreadable = unreadable
        rng = random.Random(f"{SEED}:{name}:{seed}")
        self.rng = rng
        self.collapsed = self.template == "2019" or self.opts.get("collapsed_other", False)
        self.truth = make_truth(rng, template, level, scale, self.opts.get("collapsed_other", False))
        for k, v in self.opts.get("set", {}).items():
            self.truth[k] = v
        if self.opts.get("set"):
            fix_totals(self.truth, self.opts.get("keep", ()))
        if mutate:
            mutate(self.truth)
        self.violations = identity_violations(self.truth)
        self.pub_month = 1 if rng.random() < 0.85 else 2
        self.pub_day = rng.randint(8, 28)
        self.figs = {
            "n_pub": rng.randint(120, 9000), "n_policy": rng.randint(5, 200), "n_interp": rng.randint(3, 60),
            "n_key": rng.randint(20, 900), "n_media": rng.randint(100, 5000), "n_train": rng.randint(1, 12),
            "n_people": rng.randint(20, 600), "n_jianyi": rng.randint(0, 90), "n_tian": rng.randint(0, 120),
            "fee_notices": rng.randint(1, 5), "fee_yuan": rng.choice([50, 100, 150, 300, 1200]),
        }


def fix_totals(f, keep=()):
    """Re-derive the totals after overriding some cells (opts['set']); `keep` lists cells left as set."""
    for p in {k.rsplit(".", 1)[0] for k in f if k.startswith("apps.")}:
        if f"{p}.total" not in keep:
            f[f"{p}.total"] = sum(f[f"{p}.{c}"] for c in APPL)
    for g in REVIEW_GROUPS:
        if f"{g}.total" not in keep:
            f[f"{g}.total"] = sum(f[f"{g}.{c}"] for c in REVIEW_COLS[:4])


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


# ----------------------------------------------------------------------------------------------------
# Table layouts (shared by the renderer and by --check)
# ----------------------------------------------------------------------------------------------------
def t2_layout(spec):
    """Table 二 as rows of cells; a cell is ('h', text, colspan) for headings or ('v', field, colspan)."""
    if spec.template == "2021":
        return [
            [("sec", "第二十条第（一）项", 4)],
            [("h", "信息内容", 1), ("h", "本年制发件数", 1), ("h", "本年废止件数", 1), ("h", "现行有效件数", 1)],
            [("h", "规章", 1), ("v", "active.rules.issued", 1), ("v", "active.rules.repealed", 1), ("v", "active.rules.in_force", 1)],
            [("h", "行政规范性文件", 1), ("v", "active.normative.issued", 1), ("v", "active.normative.repealed", 1),
             ("v", "active.normative.in_force", 1)],
            [("sec", "第二十条第（五）项", 4)],
            [("h", "信息内容", 1), ("h", "本年处理决定数量", 3)],
            [("h", "行政许可", 1), ("v", "active.licensing.decisions", 3)],
            [("sec", "第二十条第（六）项", 4)],
            [("h", "信息内容", 1), ("h", "本年处理决定数量", 3)],
            [("h", "行政处罚", 1), ("v", "active.penalty.decisions", 3)],
            [("h", "行政强制", 1), ("v", "active.coercion.decisions", 3)],
            [("sec", "第二十条第（八）项", 4)],
            [("h", "信息内容", 1), ("h", "本年收费金额（单位：万元）", 3)],
            [("h", "行政事业性收费", 1), ("v", "active.fees.amount", 3)],
        ]
    amount_h = "采购总金额" if spec.opts.get("procurement_yuan") else "采购总金额（万元）"
    rows = [
        [("sec", "第二十条第（一）项", 4)],
        [("h", "信息内容", 1), ("h", "本年新制作数量", 1), ("h", "本年新公开数量", 1), ("h", "对外公开总数量", 1)],
        [("h", "规章", 1)] + [("v", f"active.rules.{k}", 1) for k in ("made", "published", "total_public")],
        [("h", "规范性文件", 1)] + [("v", f"active.normative.{k}", 1) for k in ("made", "published", "total_public")],
        [("sec", "第二十条第（五）项", 4)],
        [("h", "信息内容", 1), ("h", "上一年项目数量", 1), ("h", "本年增/减", 1), ("h", "处理决定数量", 1)],
        [("h", "行政许可", 1)] + [("v", f"active.licensing.{k}", 1) for k in ("prev_items", "change", "decisions")],
        [("h", "其他对外管理服务事项", 1)] + [("v", f"active.other_services.{k}", 1) for k in ("prev_items", "change", "decisions")],
        [("sec", "第二十条第（六）项", 4)],
        [("h", "信息内容", 1), ("h", "上一年项目数量", 1), ("h", "本年增/减", 1), ("h", "处理决定数量", 1)],
        [("h", "行政处罚", 1)] + [("v", f"active.penalty.{k}", 1) for k in ("prev_items", "change", "decisions")],
        [("h", "行政强制", 1)] + [("v", f"active.coercion.{k}", 1) for k in ("prev_items", "change", "decisions")],
        [("sec", "第二十条第（八）项", 4)],
        [("h", "信息内容", 1), ("h", "上一年项目数量", 1), ("h", "本年增/减", 2)],
        [("h", "行政事业性收费", 1), ("v", "active.fees.prev_items", 1), ("v", "active.fees.change", 2)],
        [("sec", "第二十条第（九）项", 4)],
        [("h", "信息内容", 1), ("h", "采购项目数量", 1), ("h", amount_h, 2)],
        [("h", "政府集中采购", 1), ("v", "active.procurement.items", 1), ("v", "active.procurement.amount", 2)],
    ]
    return rows


def t3_value_cols(spec):
    """Column keys of table 三 in printed order ('subtotal' = the optional 小计 of 法人或其他组织)."""
    return ["natural"] + ORG + (["subtotal"] if spec.opts.get("subtotal") else []) + ["total"]


def t3_cell_value(f, prefix, col):
    if col == "subtotal":
        return sum(f[f"{prefix}.{c}"] for c in ORG)
    return f[f"{prefix}.{col}"]


def t4_fields():
    return [f"{g}.{c}" for g in REVIEW_GROUPS for c in REVIEW_COLS]


def printed_tokens(spec, f):
    """The numeric cells the document prints, table by table, in reading order (row-major)."""
    out = {"t2": [], "t3": [], "t4": []}
    for row in t2_layout(spec):
        out["t2"].append([fmt_num(f[x], spec, "t2", x) for kind, x, _cs in row if kind == "v"])
    for prefix, *_ in t3_rows(spec.collapsed):
        out["t3"].append([fmt_num(t3_cell_value(f, prefix, c), spec, "t3", f"{prefix}.{c}") for c in t3_value_cols(spec)])
    out["t4"].append([fmt_num(f[x], spec, "t4", x) for x in t4_fields()])
    for k in out:
        out[k] = [[t for t in r if t != ""] for r in out[k]]
        out[k] = [r for r in out[k] if r]
    return out


# ----------------------------------------------------------------------------------------------------
# FODT writer
# ----------------------------------------------------------------------------------------------------
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def font_props(family, pt, bold=False):
    w = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (f'style:font-name="{family}" style:font-name-asian="{family}" fo:font-size="{pt}pt" '
            f'style:font-size-asian="{pt}pt" fo:language="zh" fo:country="CN" style:language-asian="zh" '
            f'style:country-asian="CN"{w}')


class Doc:
    def __init__(self, spec):
        self.spec = spec
        o = spec.opts
        self.serif = o.get("serif", "Noto Serif CJK SC")
        self.sans = o.get("sans", "Noto Sans CJK SC")
        self.body_pt = o.get("body_pt", 16)
        self.auto = {}
        self.body = []
        self.ntables = 0
        self.landscape_all = o.get("landscape") == "all"
        pw, ph = (29.7, 21.0) if self.landscape_all else (21.0, 29.7)
        m = o.get("margins", (3.7, 3.5, 2.8, 2.6))  # top, bottom, left, right (GB/T 9704-ish)
        self.content_w = pw - m[2] - m[3]
        self.land_content_w = 29.7 - 2.5 - 2.5
        self.margins = m
        self.page = (pw, ph)
        self._para_styles()

    # ---- styles
    def add(self, name, xml):
        self.auto.setdefault(name, xml)
        return name

    def pstyle(self, name, align="justify", pt=None, family=None, bold=False, indent=0, before=0, after=0,
               line=None, extra="", master=None, color=None):
        pt = pt or self.body_pt
        family = family or "serif"
        fam = self.serif if family == "serif" else self.sans
        lh = f' fo:line-height="{line}"' if line else ""
        mp = f' style:master-page-name="{master}"' if master else ""
        col = f' fo:color="{color}"' if color else ""
        return self.add(name, (
            f'<style:style style:name="{name}" style:family="paragraph"{mp}>'
            f'<style:paragraph-properties fo:text-align="{align}" fo:text-indent="{indent}pt" '
            f'fo:margin-top="{before}pt" fo:margin-bottom="{after}pt"{lh} {extra}/>'
            f'<style:text-properties {font_props(fam, pt, bold)}{col}/></style:style>'))

    def _para_styles(self):
        o, b = self.spec.opts, self.body_pt
        line = o.get("line", "28.9pt")
        self.pstyle("Title", "center", o.get("title_pt", 22), "serif", True, after=12, line="125%")
        self.pstyle("Sub", "center", b, "serif", after=6, line=line)
        self.pstyle("Body", "justify", b, "serif", indent=2 * b, line=line)
        self.pstyle("H1", "justify", b, "sans", indent=2 * b, line=line)
        self.pstyle("H2", "justify", b, "sans", indent=2 * b, line=line)
        self.pstyle("Sign", "end", b, "serif", line=line, extra='fo:margin-right="32pt"')
        self.pstyle("SignTop", "end", b, "serif", before=2 * b, line=line, extra='fo:margin-right="32pt"')
        self.pstyle("Footer", "center", 14, "serif")
        self.pstyle("Header", "center", 10.5, "serif", extra='fo:border-bottom="0.5pt solid #000000" fo:padding-bottom="2pt"')
        self.pstyle("Mast", "center", 34, "serif", True, line="110%", color="#e60012", after=24,
                    extra='fo:border-bottom="2.25pt solid #e60012" fo:padding-bottom="8pt"')
        self.add("Spaced", '<style:style style:name="Spaced" style:family="text"><style:text-properties fo:letter-spacing="0.35cm"/></style:style>')
        self.add("gr_seal", '<style:style style:name="gr_seal" style:family="graphic"><style:graphic-properties '
                 'draw:stroke="solid" svg:stroke-color="#e60012" svg:stroke-width="0.09cm" draw:fill="none" '
                 'style:wrap="run-through" style:run-through="foreground" draw:opacity="85%" '
                 'style:vertical-pos="from-top" style:horizontal-pos="from-left"/></style:style>')
        self.add("gr_star", '<style:style style:name="gr_star" style:family="graphic"><style:graphic-properties '
                 'draw:stroke="none" draw:fill="solid" draw:fill-color="#e60012" style:wrap="run-through" '
                 'style:run-through="foreground" style:vertical-pos="from-top" style:horizontal-pos="from-left"/></style:style>')

    # ---- body
    def p(self, style, text, spaced_parts=()):
        t = escape(self.conv(text))
        for sp in spaced_parts:
            t = t.replace(escape(self.conv(sp)), f'<text:span text:style-name="Spaced">{escape(self.conv(sp))}</text:span>')
        self.body.append(f'<text:p text:style-name="{style}">{t}</text:p>')

    def conv(self, s):
        return to_trad(s) if self.spec.opts.get("trad") else s

    def seal(self, signer):
        """The issuer line with a round red seal (vector ring + star, no text) drawn over it and the date."""
        t = escape(self.conv(signer))
        self.body.append(
            '<text:p text:style-name="SignTop">'
            '<draw:ellipse draw:style-name="gr_seal" draw:name="seal" text:anchor-type="paragraph" '
            'svg:x="8.6cm" svg:y="-0.9cm" svg:width="4.2cm" svg:height="4.2cm" draw:z-index="5"/>'
            '<draw:polygon draw:style-name="gr_star" draw:name="star" text:anchor-type="paragraph" '
            'svg:x="10.1cm" svg:y="0.25cm" svg:width="1.2cm" svg:height="1.2cm" svg:viewBox="0 0 1000 1000" '
            'draw:points="500,0 617,338 975,345 690,561 793,904 500,700 206,904 309,561 24,345 382,338" draw:z-index="6"/>' + t + '</text:p>')

    def table(self, widths, rows, pt=10.5, ruled=True, header_rows=0, repeat=False, name=None, align="center",
              tstyle_extra="", keep_together=False, label_cols=1, cell_pad="0.05cm"):
        """rows: list of lists of dicts {t, cs, rs, align, spaced}; emitted with covered cells like ODF wants."""
        self.ntables += 1
        name = name or f"Tab{self.ntables}"
        tw = sum(widths)
        kwn = 'fo:keep-with-next="always" ' if keep_together else ""
        self.add(name, f'<style:style style:name="{name}" style:family="table"><style:table-properties '
                       f'style:width="{tw:.3f}cm" table:align="{align}" fo:margin-top="4pt" fo:margin-bottom="8pt" '
                       f'{kwn}{tstyle_extra}/></style:style>')
        border = 'fo:border="0.5pt solid #000000"' if ruled else 'fo:border="none"'
        cs = self.add(f"Cell{'R' if ruled else 'N'}", f'<style:style style:name="Cell{"R" if ruled else "N"}" style:family="table-cell">'
                      f'<style:table-cell-properties {border} fo:padding="{cell_pad}" style:vertical-align="middle"/></style:style>')
        pc = self.pstyle(f"TC{pt}", "center", pt, "serif", line="115%")
        pl = self.pstyle(f"TL{pt}", "start", pt, "serif", line="115%")
        pj = self.pstyle(f"TJ{pt}", "justify", pt, "serif", line="115%")
        # 分散对齐 (distributed): every line, the last included, stretched to the cell's width
        pd = self.pstyle(f"TD{pt}", "justify", pt, "serif", line="115%", extra='fo:text-align-last="justify"')
        out = [f'<table:table table:name="{name}" table:style-name="{name}">']
        for i, w in enumerate(widths):
            cn = self.add(f"{name}.C{i}", f'<style:style style:name="{name}.C{i}" style:family="table-column">'
                                          f'<style:table-column-properties style:column-width="{w:.3f}cm"/></style:style>')
            out.append(f'<table:table-column table:style-name="{cn}"/>')
        if not keep_together:
            rowst = None
        else:
            rowst = self.add("RowKeep", '<style:style style:name="RowKeep" style:family="table-row"><style:table-row-properties fo:keep-together="always"/></style:style>')
        occ = set()
        n = len(widths)
        for r, row in enumerate(rows):
            if header_rows and repeat and r == 0:
                out.append("<table:table-header-rows>")
            out.append("<table:table-row>")
            cells = iter(row)
            for c in range(n):
                if (r, c) in occ:
                    continue_cell = True
                else:
                    continue_cell = False
                if continue_cell:
                    out.append("<table:covered-table-cell/>")
                    continue
                cell = next(cells)
                csp, rsp = cell.get("cs", 1), cell.get("rs", 1)
                for dr in range(rsp):
                    for dc in range(csp):
                        if dr or dc:
                            occ.add((r + dr, c + dc))
                attrs = ""
                if csp > 1:
                    attrs += f' table:number-columns-spanned="{csp}"'
                if rsp > 1:
                    attrs += f' table:number-rows-spanned="{rsp}"'
                ps = {"c": pc, "l": pl, "j": pj, "d": pd}[cell.get("align", "c")]
                paras = []
                for line in str(cell.get("t", "")).split("\n"):
                    t = escape(self.conv(line))
                    if cell.get("spaced") and t:
                        t = f'<text:span text:style-name="Spaced">{t}</text:span>'
                    paras.append(f'<text:p text:style-name="{ps}">{t}</text:p>')
                out.append(f'<table:table-cell table:style-name="{cs}"{attrs} office:value-type="string">{"".join(paras)}</table:table-cell>')
            rest = list(cells)
            assert not rest, (name, r, rest)
            out.append("</table:table-row>")
            if header_rows and repeat and r == header_rows - 1:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        self.body.append("".join(out))

    # ---- document
    def xml(self):
        o = self.spec.opts
        pw, ph = self.page
        mt, mb, ml, mr = self.margins
        footer = o.get("footer", "dash")
        if footer == "dash":
            ft = '- <text:page-number text:select-page="current">1</text:page-number> -'
        elif footer == "emdash":
            ft = '— <text:page-number text:select-page="current">1</text:page-number> —'
        elif footer == "page_of":
            ft = (self.conv("第") + ' <text:page-number text:select-page="current">1</text:page-number> ' + self.conv("页 共")
                  + ' <text:page-count>1</text:page-count> ' + self.conv("页"))
        elif footer == "plain":
            ft = '<text:page-number text:select-page="current">1</text:page-number>'
        else:
            ft = None
        hdr = o.get("running_header")
        hdr_xml = f'<style:header><text:p text:style-name="Header">{escape(self.conv(hdr))}</text:p></style:header>' if hdr else ""
        ftr_xml = f'<style:footer><text:p text:style-name="Footer">{ft}</text:p></style:footer>' if ft else ""
        fs = '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>'
        hs = '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>'

        def layout(name, w, h, orient, mtop, mbot, mleft, mright):
            return (f'<style:page-layout style:name="{name}"><style:page-layout-properties fo:page-width="{w}cm" '
                    f'fo:page-height="{h}cm" style:print-orientation="{orient}" fo:margin-top="{mtop}cm" '
                    f'fo:margin-bottom="{mbot}cm" fo:margin-left="{mleft}cm" fo:margin-right="{mright}cm"/>'
                    f'{hs if hdr else ""}{fs if ft else ""}</style:page-layout>')
        fb = max(mb - 1.2, 0.8) if ft else mb
        ht = max(mt - 1.2, 0.8) if hdr else mt
        pl = layout("PL1", pw, ph, "landscape" if self.landscape_all else "portrait", ht, fb, ml, mr)
        pl += layout("PL2", 29.7, 21.0, "landscape", 2.2 if not hdr else 1.2, 1.5, 2.5, 2.5)
        styles = "".join(self.auto.values())
        fonts = (f'<style:font-face style:name="{self.serif}" svg:font-family="&apos;{self.serif}&apos;" style:font-family-generic="roman"/>'
                 f'<style:font-face style:name="{self.sans}" svg:font-family="&apos;{self.sans}&apos;" style:font-family-generic="swiss"/>')
        masters = (f'<style:master-page style:name="Standard" style:page-layout-name="PL1">{hdr_xml}{ftr_xml}</style:master-page>'
                   f'<style:master-page style:name="Landscape" style:page-layout-name="PL2">{hdr_xml}{ftr_xml}</style:master-page>')
        title = escape(self.conv(o.get("doc_title", f"{self.spec.short}{self.spec.year}年政府信息公开工作年度报告")))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
                f'<office:meta><dc:title>{title}</dc:title><meta:creation-date>{self.spec.year + 1}-01-05T09:00:00</meta:creation-date></office:meta>'
                f'<office:font-face-decls>{fonts}</office:font-face-decls>'
                '<office:styles><style:default-style style:family="paragraph"><style:paragraph-properties '
                'style:punctuation-wrap="hanging" style:line-break="strict" style:writing-mode="lr-tb"/>'
                f'<style:text-properties {font_props(self.serif, self.body_pt)}/></style:default-style>'
                '<style:default-style style:family="table-cell"><style:table-cell-properties style:vertical-align="middle"/></style:default-style>'
                '</office:styles>'
                f'<office:automatic-styles>{pl}{styles}</office:automatic-styles>'
                f'<office:master-styles>{masters}</office:master-styles>'
                f'<office:body><office:text>{"".join(self.body)}</office:text></office:body></office:document>')


# ----------------------------------------------------------------------------------------------------
# Report composition
# ----------------------------------------------------------------------------------------------------
def cell(t, cs=1, rs=1, align="c", spaced=False):
    return {"t": t, "cs": cs, "rs": rs, "align": align, "spaced": spaced}


def lab(spec, s):
    for a, b in spec.opts.get("label_variants", {}).items():
        s = s.replace(a, b)
    return s


def build_t2(doc, spec):
    o = spec.opts
    pt = o.get("t2_pt", 10.5)
    W = doc.content_w
    w0 = o.get("t2_first_w", 4.4)
    widths = [w0] + [(W - w0 - 0.2) / 3] * 3
    rows = []
    for row in t2_layout(spec):
        out = []
        for kind, x, cs in row:
            if kind == "sec":
                out.append(cell(lab(spec, x), cs, align="l"))
            elif kind == "h":
                out.append(cell(lab(spec, x), cs, align="c"))
            else:
                out.append(cell(fmt_num(spec.truth[x], spec, "t2", x), cs))
        rows.append(out)
    if o.get("t2_split"):
        # four (five) small tables, each under its own heading paragraph
        cur = None
        for row in rows:
            if len(row) == 1 and row[0]["cs"] == 4:
                if cur:
                    doc.table(widths, cur, pt, o.get("ruled", True))
                doc.p("TabHead", row[0]["t"])
                cur = []
            else:
                cur.append(row)
        doc.table(widths, cur, pt, o.get("ruled", True))
    else:
        doc.table(widths, rows, pt, o.get("ruled", True))


NUMBERING = re.compile(r"^(（[一二三四五六七]）|[一二三四]、|\d+[.、])")


def space_out(label, sep):
    """A label typed with `sep` between every character after its item number: 2.其 他 法 律 ……"""
    m = NUMBERING.match(label)
    head = m.group(0) if m else ""
    return head + sep.join(label[len(head):])


def spaced_label(spec, prefix, label):
    """(text, align) of a table 三 row label under the `spaced_labels` option: a row listed in `rows`
    typed with its separator, a row listed in `distributed` set 分散对齐 across its cell."""
    sl = spec.opts.get("spaced_labels") or {}
    if prefix in sl.get("rows", ()):
        return space_out(label, sl.get("sep", " ")), "l"
    if prefix in sl.get("distributed", ()):
        return label, "d"
    return label, "l"


def build_t3(doc, spec):
    o, f = spec.opts, spec.truth
    vcols = t3_value_cols(spec)
    n = len(vcols)
    W = doc.land_content_w if o.get("landscape") == "all" else doc.content_w
    wa, wb, wl = o.get("t3_a_w", 0.75), o.get("t3_b_w", 1.25), o.get("t3_label_w", 4.4)
    wn = (W - wa - wb - wl - 0.1) / n
    widths = [wa, wb, wl] + [wn] * n
    pt = o.get("t3_pt", 10.5)
    sp = o.get("spaced")
    sl = o.get("spaced_labels") or {}
    nat = "自　然　人" if sp else "自然人"
    tot = "总　计" if sp else "总计"
    if sl.get("headers"):   # the two header cells typed with the labels' separator ("letter": letter-spaced too)
        nat, tot = space_out("自然人", sl.get("sep", " ")), space_out("总计", sl.get("sep", " "))
    hsp = sl.get("headers") == "letter"
    hdr = [
        [cell(L_TOPLEFT, 3, 3, "j"), cell("申请人情况", n, spaced=bool(sp))],
        [cell(nat, rs=2, spaced=hsp), cell("法人或其他组织", len(ORG) + (1 if "subtotal" in vcols else 0)), cell(tot, rs=2, spaced=hsp)],
        [cell(lab(spec, COL_LABELS[c])) for c in ORG] + ([cell("小计")] if "subtotal" in vcols else []),
    ]
    rows = t3_rows(spec.collapsed)
    nres = len(rows) - 3
    body = []
    seen = set()
    for prefix, grp, glabel, label in rows:
        vals = [cell(fmt_num(t3_cell_value(f, prefix, c), spec, "t3", f"{prefix}.{c}")) for c in vcols]
        row = []
        text, align = spaced_label(spec, prefix, lab(spec, label))
        if grp is None:
            row.append(cell(text, 3, align=align))
        else:
            if prefix == "apps.granted":
                row.append(cell(L_RESULT, rs=nres))
            if grp == "res":
                row.append(cell(text, 2, align=align))
            else:
                if grp not in seen:
                    seen.add(grp)
                    row.append(cell(glabel, rs=sum(1 for r in rows if r[1] == grp)))
                row.append(cell(text, align=align))
        body.append(row + vals)
    doc.table(widths, hdr + body, pt, o.get("ruled", True), header_rows=3, repeat=o.get("repeat_header", True))


def build_t4(doc, spec, landscape):
    o, f = spec.opts, spec.truth
    W = doc.land_content_w if landscape else doc.content_w
    widths = [W / 15 - 0.005] * 15
    pt = o.get("t4_pt", 10.5 if landscape else 9)
    rl = [lab(spec, x) for x in REVIEW_LABELS]
    sl = o.get("spaced_labels") or {}
    if sl.get("headers"):   # 总 计 typed with the separator (the cells are too narrow to letter-space)
        rl = [space_out(x, sl.get("sep", " ")) if x == "总计" else x for x in rl]
    rows = [
        [cell("行政复议", 5), cell("行政诉讼", 10)],
        [cell(x, rs=2) for x in rl] + [cell("未经复议直接起诉", 5), cell("复议后起诉", 5)],
        [cell(x) for x in rl] * 2,
        [cell(fmt_num(f[x], spec, "t4", x)) for x in t4_fields()],
    ]
    doc.table(widths, rows, pt, o.get("ruled", True))


def compose(spec):
    o = spec.opts
    doc = Doc(spec)
    b = doc.body_pt
    line = o.get("line", "28.9pt")
    doc.pstyle("H1Break", "justify", b, "sans", indent=2 * b, line=line, extra='fo:break-before="page"')
    doc.pstyle("H1Land", "justify", b, "sans", indent=2 * b, line=line, master="Landscape")
    doc.pstyle("H1Std", "justify", b, "sans", indent=2 * b, line=line, master="Standard")
    doc.pstyle("TabHead", "start", 12, "sans", before=4, after=2)
    rng = random.Random(f"{SEED}:prose:{spec.name}")
    v = prose_values(spec)
    y = spec.year
    if o.get("masthead"):
        doc.p("Mast", o["masthead"])
    if o.get("title_lines", 1) == 2:
        doc.p("Title", spec.short)
        doc.p("Title", f"{y}年政府信息公开工作年度报告")
    else:
        doc.p("Title", o.get("doc_title", f"{spec.short}{y}年政府信息公开工作年度报告"))
    if spec.template == "2021":
        cite = ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
                "（国办公开办函〔2021〕30号）")
    else:
        cite = ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式（试行）〉的通知》"
                "（国办公开办函〔2019〕60号）")
    h4 = o.get("h4", "四、政府信息公开行政复议、行政诉讼情况")
    h5 = o.get("h5", "五、存在的主要问题及改进情况")
    intro = f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{cite}要求编制。"
    if o.get("prose", 2) >= 2:
        intro += (f"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、{h4[2:-2]}情况、"
                  f"{h5[2:]}、其他需要报告的事项。")
    intro += f"本报告所列数据统计期限自{y}年1月1日起至{y}年12月31日止。"
    doc.p("Body", intro)
    doc.p("H1", "一、总体情况")
    nper = o.get("prose", 2)
    topics = list(OVERVIEW_TOPICS)
    if nper <= 1:   # short reports: the two topics with figures plus one or two others (none for prose=0)
        extra = rng.sample(topics[2:], rng.choice([1, 2]) if nper else 0)
        topics = [t for t in topics if t in topics[:2] or t in extra]
    for i, (topic, paras) in enumerate(topics):
        doc.p("H2", f"（{'一二三四五'[i]}）{topic}")
        k = max(1, min(len(paras), nper if topic != "依申请公开" else max(nper, 1)))
        chosen = paras[:1] + rng.sample(paras[1:], k - 1) if topic in ("主动公开", "依申请公开") else rng.sample(paras, k)
        for para in chosen:
            doc.p("Body", para.format(**v))
    doc.p("H1", "二、主动公开政府信息情况")
    build_t2(doc, spec)
    doc.p("H1Break" if o.get("t3_newpage") else "H1", "三、收到和处理政府信息公开申请情况")
    build_t3(doc, spec)
    land4 = o.get("landscape") in ("sec4", "all")
    doc.p("H1Land" if o.get("landscape") == "sec4" else "H1", h4)
    build_t4(doc, spec, land4)
    doc.p("H1Std" if o.get("landscape") == "sec4" else "H1", h5)
    for para in PROBLEMS[:max(1, min(3, nper + (nper > 1)))]:
        doc.p("Body", para.format(**v))
    doc.p("H1", "六、其他需要报告的事项")
    others = [OTHER_MATTERS[0] if rng.random() < 0.7 else OTHER_MATTERS[1]] + OTHER_MATTERS[2:1 + nper]
    for para in others:
        doc.p("Body", para.format(**v))
    if o.get("seal"):
        doc.seal(o.get("signer", spec.body))
    else:
        doc.p("SignTop", o.get("signer", spec.body))
    doc.p("Sign", pub_date(spec))
    return doc.xml()



# ----------------------------------------------------------------------------------------------------
# PDF tools
# ----------------------------------------------------------------------------------------------------
def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode not in (0, 3):  # qpdf exits 3 on warnings
        raise RuntimeError(f"{cmd[0]} failed ({r.returncode}): {r.stderr.decode(errors='replace')[:500]}")
    return r


def soffice_convert(fodts, outdir, profile, chunk=200):
    """Convert many .fodt files to PDF, batching up to `chunk` files per LibreOffice run (one run pays the
    ~2 s start-up; a single run over 1,000 files was seen to stop converting after ~700).  Files a crash
    left behind are retried with a fresh profile."""
    todo = list(fodts)
    for attempt in range(4):
        if not todo:
            break
        prof = profile if attempt == 0 else f"{profile}_retry{attempt}"
        for i in range(0, len(todo), chunk):
            part = todo[i:i + chunk]
            cmd = ["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{prof}",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir] + part
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                proc.wait(timeout=120 + 10 * len(part))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)   # soffice starts soffice.bin in the same (new) session
                proc.wait()
        todo = [f for f in todo if not os.path.exists(os.path.join(outdir, os.path.basename(f)[:-5] + ".pdf"))]
    if todo:
        raise RuntimeError(f"LibreOffice did not convert {len(todo)} files, e.g. {todo[0]}")


def normalise_pdf(path, key):
    """Fixed dates and /ID (same byte lengths, so the xref stays valid): reruns give identical files."""
    d = open(path, "rb").read()
    d = re.sub(rb"(/(?:CreationDate|ModDate)\(D:)(\d{14})", lambda m: m.group(1) + key["date"].encode(), d)
    h = hashlib.md5(key["name"].encode()).hexdigest().upper().encode()
    d = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>",
               lambda m: m.group(0).replace(m.group(1), h).replace(m.group(2), h), d)
    d = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + b"0" * 32, d)
    d = d.replace(b"/DocChecksum /" + b"0" * 32, b"/DocChecksum /" + hashlib.md5(d).hexdigest().upper().encode())
    open(path, "wb").write(d)


def page_info(path):
    """[(width, height, rotate)] per page, from pdfinfo."""
    out = run(["pdfinfo", "-f", "1", "-l", "999", path]).stdout.decode()
    sizes = [(float(a), float(b)) for a, b in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]
    rots = [int(x) for x in re.findall(r"Page\s+\d+ rot:\s+(\d+)", out)]
    return [(w, h, r) for (w, h), r in zip(sizes, rots)]


def pdftext(path, layout=True, first=None, last=None):
    cmd = ["pdftotext"] + (["-layout"] if layout else []) + (["-f", str(first), "-l", str(last)] if first else []) + [path, "-"]
    return subprocess.run(cmd, capture_output=True).stdout.decode("utf-8", errors="replace")


def find_page(path, needle):
    for i, pg in enumerate(pdftext(path).split("\f"), 1):
        if needle in re.sub(r"\s+", "", to_simp(pg)):
            return i
    raise RuntimeError(f"{needle} not found in {path}")


def landscape_pages(path):
    return [i for i, (w, h, r) in enumerate(page_info(path), 1) if w > h]


def qpdf(*args):
    """qpdf with a content-derived /ID, so that reruns give identical bytes."""
    extra = ["--static-id", "--static-aes-iv"] if "--encrypt" in args else ["--deterministic-id"]
    run(["qpdf"] + extra + list(args))


def distill(pdf, out):
    """Re-distil through Ghostscript: Type1C (CFF) fonts with a custom encoding, like many real PDFs."""
    run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dAutoRotatePages=/None",
         "-dOmitInfoDate", "-dOmitID", "-dOmitXMP", "-dCompatibilityLevel=1.6", f"-sOutputFile={out}", pdf])


def post_process(spec, pdf, tmp):
    steps = ([("distill",)] if spec.opts.get("distill") else []) + spec.post
    for step in steps:
        kind = step[0]
        t = os.path.join(tmp, spec.name + ".step.pdf")
        if kind == "distill":
            distill(pdf, t)
        elif kind == "rotate":                    # a page stored with /Rotate 90: shows sideways
            n = find_page(pdf, step[1])
            qpdf(pdf, f"--rotate=+90:{n}", t)
            spec.meta["rotated_page"] = n
        elif kind == "landscape_as_portrait":   # landscape page stored portrait + /Rotate 90, shows upright
            n = landscape_pages(pdf)[0]
            t1 = t + ".1"
            qpdf(pdf, f"--rotate=-90:{n}", t1)
            qpdf(t1, "--flatten-rotation", t + ".2")
            qpdf(t + ".2", f"--rotate=+90:{n}", t)
            os.remove(t1), os.remove(t + ".2")
            spec.meta["rotated_page"] = n
        elif kind == "sideways":                # landscape table drawn sideways on a portrait page, no /Rotate
            n = landscape_pages(pdf)[0]
            qpdf(pdf, f"--rotate=+90:{n}", t + ".1")
            qpdf(t + ".1", "--flatten-rotation", t)
            os.remove(t + ".1")
            spec.meta["sideways_page"] = n
        elif kind == "encrypt":                 # AES-128 (R4), user password needed to open; R4 so reruns are identical
            qpdf("--encrypt", "nb-user-7319", "nb-owner-7319", "128", "--use-aes=y", "--", pdf, t)
        elif kind == "truncate":                # download cut off half-way
            d = open(pdf, "rb").read()
            open(t, "wb").write(d[: len(d) // 2])
        elif kind == "garble":                  # no ToUnicode: text extracts as Latin-1 mojibake
            q = t + ".qdf"
            qpdf("--qdf", "--object-streams=disable", pdf, q)
            d = open(q, "rb").read()
            d, n = re.subn(rb"/ToUnicode \d+ 0 R", b"", d)
            assert n > 0
            open(q, "wb").write(d)
            fixed = run(["fix-qdf", q]).stdout
            open(q, "wb").write(fixed)
            qpdf("--object-streams=generate", "--compress-streams=y", "--recompress-flate", q, t)
            os.remove(q)
        elif kind == "scan":                    # image-only: rasterised pages wrapped by img2pdf
            pre = os.path.join(tmp, spec.name + "_scan")
            # black-and-white office-scanner style (1-bit), which also keeps the file small
            run(["pdftoppm", "-r", str(step[1] if len(step) > 1 else 96), "-mono", "-png", pdf, pre])
            imgs = sorted(glob.glob(pre + "*.png"))
            run(["img2pdf", "--pagesize", "A4", "--creationdate", f"{spec.year + 1}-01-20T09:00:00",
                 "--moddate", f"{spec.year + 1}-01-20T09:00:00", "-o", t + ".1"] + imgs)
            d = open(t + ".1", "rb").read()    # img2pdf's /ID is random: drop it, qpdf derives one from the content
            open(t + ".1", "wb").write(re.sub(rb"/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]", lambda m: b" " * len(m.group(0)), d))
            qpdf(t + ".1", t)
            os.remove(t + ".1")
            for im in imgs:
                os.remove(im)
        else:
            raise ValueError(kind)
        shutil.move(t, pdf)


NOT_A_PDF = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>404 页面不存在</title>
<style>body{font-family:"Microsoft YaHei",sans-serif;text-align:center;color:#666}h1{font-size:72px;color:#c00}</style>
</head>
<body>
<h1>404</h1>
<p>抱歉，您访问的页面不存在或已被删除！</p>
<p>请检查您输入的网址是否正确，或 <a href="/">返回首页</a>。</p>
<p>主办单位：{office}　网站标识码：{code}</p>
</body>
</html>
"""


# ----------------------------------------------------------------------------------------------------
# Expected files
# ----------------------------------------------------------------------------------------------------
def expected_json(spec):
    if spec.unreadable:
        d = {"source": spec.name + ".pdf", "template": None, "year": None, "issuer": None,
             "fields": {k: None for k in field_ids("2021")}, "violations": [], "unreadable": True}
    else:
        d = {"source": spec.name + ".pdf", "template": spec.template, "year": spec.year,
             "issuer": spec.opts.get("issuer", spec.body), "fields": dict(spec.truth), "violations": spec.violations}
    return json.dumps(d, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def build(specs, outdir, expdir, keep_tmp=False, jobs=1):
    os.makedirs(outdir, exist_ok=True)
    os.makedirs(expdir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nianbao_corpus_")
    profile = os.path.join(tmp, "lo_profile")
    try:
        fodts = []
        for s in specs:
            s.meta = {}
            if s.opts.get("not_pdf"):
                continue
            p = os.path.join(tmp, s.name + ".fodt")
            with open(p, "w", encoding="utf-8") as fh:
                fh.write(compose(s))
            fodts.append(p)
        t0 = time.time()
        if jobs > 1 and len(fodts) > 1:
            import concurrent.futures as cf
            parts = [fodts[i::jobs] for i in range(jobs)]
            with cf.ThreadPoolExecutor(jobs) as ex:
                list(ex.map(lambda ip: soffice_convert(ip[1], tmp, profile + str(ip[0])), enumerate(parts)))
        else:
            soffice_convert(fodts, tmp, profile)
        t_lo = time.time() - t0
        for s in specs:
            dst = os.path.join(outdir, s.name + ".pdf")
            if s.opts.get("not_pdf"):
                open(dst, "w", encoding="utf-8").write(
                    NOT_A_PDF.replace("{office}", s.body + "办公室").replace("{code}", str(1400000000 + s.rng.randint(1, 99999))))
            else:
                src = os.path.join(tmp, s.name + ".pdf")
                normalise_pdf(src, {"date": f"{s.year + 1}01{s.pub_day:02d}090000", "name": s.name})
                post_process(s, src, tmp)
                shutil.move(src, dst)
            with open(os.path.join(expdir, s.name + ".json"), "w", encoding="utf-8") as fh:
                fh.write(expected_json(s))
        return t_lo
    finally:
        if not keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print("kept", tmp)


# ----------------------------------------------------------------------------------------------------
# The committed corpus
# ----------------------------------------------------------------------------------------------------
def m_review_total(f):
    # the 洪泽区 2023 pattern: 行政复议 10 + 1 printed with 总计 0
    f.update({"review.upheld": 10, "review.corrected": 1, "review.other": 0, "review.pending": 0, "review.total": 0})


def m_row_total(f):
    # two 总计 cells off by one in opposite directions: only row_total breaks (columns still add up)
    rows = [p for p in OUTCOME_PREFIXES_2021 if p != "apps.granted" and f.get(f"{p}.total", 0) > 0]
    other = max(rows, key=lambda p: f[f"{p}.total"])
    f["apps.granted.total"] += 1
    f[f"{other}.total"] -= 1


def m_outcome_balance(f):
    # （七）总计 × 自然人 printed with two digits swapped: outcome_sum, balance and row_total break
    v = f["apps.results_total.natural"]
    s = str(v)
    w = int(s[::-1]) if len(s) > 1 and s != s[::-1] and s[-1] != "0" else v + 10
    f["apps.results_total.natural"] = w


def m_no_appeals(f):
    # no 行政复议 and no 行政诉讼 at all: table 四's data row all zeros (printed blank: an empty row)
    for k in f:
        if k.startswith(("review.", "suit_")):
            f[k] = 0


def m_no_requests(f):
    # no request received, none carried over, no appeal: tables 三 and 四 all zeros (printed blank)
    for k in f:
        if k.startswith(("apps.", "review.", "suit_")):
            f[k] = 0


# Row labels typed with a space between every character, 分散对齐 labels, and the 自然人 / 总计 headers
# spaced: each form leaves gaps between the characters of one cell.
SPACED_LABELS = {
    "sep": " ", "headers": "letter",
    "rows": ["apps.denied.law_prohibited", "apps.denied.admin_query", "apps.unavailable.not_held"],
    "distributed": ["apps.granted", "apps.results_total", "apps.not_processed.repeated", "apps.other_handling.other"],
}
SPACED_LABELS_IDEO = {
    "sep": "　", "headers": "typed",
    "rows": ["apps.denied.law_prohibited", "apps.not_processed.repeated", "apps.other_handling.other", "apps.results_total"],
    "distributed": ["apps.granted", "apps.carried_over"],
}


VARIANT_LABELS = {"本年废止件数": "本年度止件数", "属于行政执法案卷": "属于行政执法案件", "社会公益组织": "社会团体",
                  "1.": "1、", "2.": "2、", "3.": "3、", "4.": "4、", "5.": "5、", "6.": "6、", "7.": "7、", "8.": "8、",
                  "其他法律行政法规禁止公开": "其他法律行政止公开"}


def corpus_specs():
    S = Spec
    D = {"distill": True}   # re-distilled through Ghostscript (Type1C fonts); the others are LibreOffice's own Type 1

    def o(*dicts, **kw):
        out = {}
        for d in dicts:
            out.update(d)
        out.update(kw)
        return out
    specs = [
        S("pdf_01_ruled_basic", "2021", 2022, "平遥县人民政府", "平遥县", "county", "small", 1,
          o(prose=1), note="ruled tables with merged cells (rowspan/colspan), county, small numbers, many zeros"),
        S("pdf_02_ruled_city_thousands", "2021", 2023, "宁波市人民政府", "宁波市", "city", "xlarge", 2,
          o(D, prose=1, sep=True, t3_pt=9.5),
          note="city, large numbers with thousands separators (2,711) in tables 二 and 三"),
        S("pdf_03_ruled_dept_onepage", "2021", 2021, "苏州市生态环境局", None, "dept", "tiny", 3,
          o(D, prose=1, t3_newpage=True, t3_pt=9, footer="plain"),
          note="department, 2021, nearly all zeros; table 三 alone on one page; footer is a bare page number"),
        S("pdf_04_ruled_masthead_seal", "2021", 2024, "长治市潞州区人民政府", "长治市潞州区", "county", "medium", 4,
          o(D, prose=1, masthead="长治市潞州区人民政府办公室", seal=True, cn_date=True,
            signer="长治市潞州区人民政府办公室", title_lines=2),
          note="2024, red masthead (红头), red seal drawn over issuer and date, date in Chinese numerals, two-line title"),
        S("pdf_05_zone_small_tables_units", "2021", 2022, "贵阳经济技术开发区管理委员会", "贵阳经济技术开发区", "zone", "small", 5,
          o(D, prose=1, t2_split=True, units=True, fullwidth=("t4",), set={"active.fees.amount": 4.66},
            h4="四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", h5="五、政府信息公开工作存在的主要问题及改进情况",
            margins=(2.54, 2.54, 3.18, 3.18), body_pt=14, line="150%"),
          note="table 二 as separate small tables, units in cells (12件, 4.66万元), full-width digits in table 四, long headings 四/五, WPS margins"),
        S("pdf_06_split_repeat_header", "2021", 2023, "太原市小店区人民政府", "太原市小店区", "county", "medium", 6,
          o(D, prose=1, repeat_header=True, running_header="太原市小店区2023年政府信息公开工作年度报告", footer="dash"),
          note="table 三 split across two pages, header rows repeated, running header, footer - N -"),
        S("pdf_07_split_no_repeat", "2021", 2022, "大同市人民政府", "大同市", "city", "large", 7,
          o(D, prose=1, repeat_header=False, sep=True, footer="emdash"),
          note="table 三 split across two pages WITHOUT repeated header, footer — N —, thousands separators"),
        S("pdf_08_norules", "2021", 2023, "晋中市榆次区人民政府", "晋中市榆次区", "county", "medium", 8,
          o(D, prose=2, ruled=False, footer="page_of", repeat_header=False),
          note="all tables without rules (border=0), table 三 split, footer 第 N 页 共 M 页"),
        S("pdf_09_landscape_sec4", "2021", 2023, "忻州市人民政府", "忻州市", "city", "medium", 9,
          o(prose=1, landscape="sec4"),
          note="section 四 with the 15-column table on a landscape page (mixed page orientation)"),
        S("pdf_10_landscape_stored_rotated", "2021", 2022, "阳泉市人民政府", "阳泉市", "city", "small", 10,
          o(D, prose=1, landscape="sec4"), post=[("landscape_as_portrait",)],
          note="landscape section 四 page stored as a portrait MediaBox + /Rotate 90 (content drawn rotated, shows upright)"),
        S("pdf_11_rotate90_page", "2021", 2024, "朔州市朔城区人民政府", "朔州市朔城区", "county", "small", 11,
          o(D, prose=1), post=[("rotate", "三、收到和处理政府信息公开申请情况")],
          note="the page where table 三 starts carries /Rotate 90 (qpdf --rotate=+90:N; shows sideways)"),
        S("pdf_12_sideways_table", "2021", 2023, "晋城市泽州县人民政府", "泽州县", "county", "small", 12,
          o(D, prose=1, landscape="sec4"), post=[("sideways",)],
          note="wide table 四 drawn sideways on a portrait page (rotation baked into the content, no /Rotate)"),
        S("pdf_13_traditional", "2021", 2022, "临汾市人民政府", "临汾市", "city", "medium", 13,
          o(D, prose=1, trad=True, serif="Noto Serif CJK TC", sans="Noto Sans CJK TC"),
          note="traditional characters throughout (臨汾市, 總計, 辦理結果); issuer given in simplified as in seed 002"),
        S("pdf_14_tpl2019_y2019", "2019", 2019, "杭州市西湖区人民政府", "杭州市西湖区", "county", "medium", 14,
          o(D, prose=1),
          note="2019 template (国办公开办函〔2019〕60号), year 2019: table 二 with 第（九）项 政府集中采购, （六）其他处理 one row"),
        S("pdf_15_tpl2019_y2020_yuan", "2019", 2020, "南京市江宁区人民政府", "南京市江宁区", "county", "medium", 15,
          o(D, prose=1, procurement_yuan=True, plus_sign=True, sep=True,
            set={"active.licensing.change": -3, "active.penalty.change": 5, "active.procurement.items": 37,
                 "active.procurement.amount": 251.63}),
          note="2019 template, year 2020, 本年增/减 printed +5 and -3, 采购总金额 printed in 元 (2,516,300元 = 251.63 万元)"),
        S("pdf_16_variant_labels", "2021", 2022, "孝义市人民政府", "孝义市", "county", "small", 16,
          o(prose=1, label_variants=VARIANT_LABELS, spaced=True, t3_label_w=2.9, t2_first_w=2.6),
          note="variant labels (本年度止件数, 行政执法案件, 社会团体, 其他法律行政止公开, 1、), narrow wrapped label cells, 自　然　人, letter-spaced 申请人情况"),
        S("pdf_17_blank_zeros", "2021", 2023, "汾阳市人民政府", "汾阳市", "county", "small", 17,
          o(D, prose=1, zero={"t2": "0", "t3": "blank", "t4": "blank"}),
          note="zeros printed as empty cells in tables 三 and 四"),
        S("pdf_18_dash_zeros", "2021", 2021, "介休市人民政府", "介休市", "county", "small", 18,
          o(D, prose=1, zero={"t2": "hyphen", "t3": "dash", "t4": "slash"}),
          note="zeros printed as — (table 三), - (table 二) and / (table 四)"),
        S("pdf_19_viol_review_total", "2021", 2023, "洪洞县人民政府", "洪洞县", "county", "small", 19,
          o(prose=1), mutate=m_review_total,
          note="violation: 行政复议 10 + 1 printed with 总计 0 (review_total)"),
        S("pdf_20_viol_row_total", "2021", 2022, "襄汾县人民政府", "襄汾县", "county", "medium", 20,
          o(D, prose=1), mutate=m_row_total,
          note="violation: two 总计 cells off by one in opposite directions (row_total only)"),
        S("pdf_21_viol_outcome_balance", "2021", 2021, "霍州市人民政府", "霍州市", "county", "medium", 21,
          o(D, prose=1), mutate=m_outcome_balance,
          note="violation: （七）总计 × 自然人 printed with two digits swapped (outcome_sum, balance, row_total)"),
        S("pdf_22_subtotal_column", "2021", 2022, "榆林市人民政府", "榆林市", "city", "medium", 22,
          o(D, prose=1, subtotal=True),
          note="eighth column 小计 of 法人或其他组织 in table 三 (no field of its own)"),
        S("pdf_23_other_handling_one_row", "2021", 2023, "延安市宝塔区人民政府", "延安市宝塔区", "county", "small", 23,
          o(D, prose=1, collapsed_other=True),
          note="2021 template but （六）其他处理 printed as one row (fields apps.other_handling.*)"),
        S("pdf_24_unreadable_encrypted", "2021", 2022, "铜川市人民政府", "铜川市", "city", "tiny", 24,
          o(D, prose=1), post=[("encrypt",)], unreadable=True,
          note="unreadable: AES-128 encrypted with a user password (qpdf --encrypt)"),
        S("pdf_25_unreadable_truncated", "2021", 2023, "渭南市人民政府", "渭南市", "city", "tiny", 25,
          o(D, prose=1), post=[("truncate",)], unreadable=True,
          note="unreadable: download cut off after half of its bytes (no xref, no trailer)"),
        S("pdf_26_unreadable_not_pdf", "2021", 2022, "商洛市人民政府", "商洛市", "city", "tiny", 26,
          o(not_pdf=True), unreadable=True,
          note="unreadable: an HTML 404 page saved under a .pdf name"),
        S("pdf_27_unreadable_scan", "2021", 2022, "宝鸡市陈仓区人民政府", "宝鸡市陈仓区", "county", "tiny", 27,
          o(prose=1), post=[("scan", 85)], unreadable=True,
          note="unreadable: image-only scan (pdftoppm -mono at 85 dpi, wrapped by img2pdf), no text layer"),
        S("pdf_28_unreadable_garbled", "2021", 2023, "汉中市人民政府", "汉中市", "city", "small", 28,
          o(D, prose=1), post=[("garble",)], unreadable=True,
          note="unreadable: renders correctly but its fonts lost their ToUnicode maps; text extracts as control/Latin-1 mojibake"),
        S("pdf_29_norules_blank_rows", "2021", 2022, "灵石县人民政府", "灵石县", "county", "small", 29,
          o(D, prose=1, ruled=False, repeat_header=False, zero={"t2": "0", "t3": "blank", "t4": "blank"}),
          mutate=m_no_appeals,
          note="tables without rules, zeros printed blank: table 三 rows printed as a label only, table 四 an empty data row"),
        S("pdf_30_blank_tables", "2021", 2023, "交城县人民政府", "交城县", "county", "tiny", 30,
          o(D, prose=1, zero={"t2": "0", "t3": "blank", "t4": "blank"}), mutate=m_no_requests,
          note="ruled, no request and no appeal: table 三 all blank, table 四 header and an empty data row"),
        S("pdf_31_norules_blank_tables", "2021", 2022, "石楼县人民政府", "石楼县", "county", "tiny", 31,
          o(D, prose=1, ruled=False, zero={"t2": "0", "t3": "blank", "t4": "blank"}), mutate=m_no_requests,
          note="tables without rules, no request and no appeal: tables 三 and 四 printed blank (labels and headers only)"),
        S("pdf_32_norules_spaced_labels", "2021", 2023, "文水县人民政府", "文水县", "county", "small", 32,
          o(D, prose=1, ruled=False, spaced_labels=SPACED_LABELS),
          note="tables without rules, labels typed with a space between characters (其 他 法 律 …), 自 然 人 and 总 计 letter-spaced, (七)总计, 2.重复申请, 3.其他 分散对齐 (wide gaps)"),
        S("pdf_33_norules_spaced_blank", "2021", 2024, "中阳县人民政府", "中阳县", "county", "small", 33,
          o(D, prose=1, ruled=False, repeat_header=False, spaced_labels=SPACED_LABELS_IDEO,
            zero={"t2": "0", "t3": "blank", "t4": "blank"}),
          note="tables without rules, zeros printed blank, labels typed with an ideographic space between characters (总　计, 自　然　人), (一)予以公开 分散对齐"),
        S("pdf_34_ruled_spaced_labels", "2021", 2022, "方山县人民政府", "方山县", "county", "small", 34,
          o(D, prose=1, spaced_labels=SPACED_LABELS, zero={"t2": "0", "t3": "blank", "t4": "0"}),
          note="ruled tables, labels with wide gaps between characters (as pdf_32), zeros in table 三 printed blank"),
    ]
    return specs


# ----------------------------------------------------------------------------------------------------
# Benchmark documents
# ----------------------------------------------------------------------------------------------------
BENCH_BODIES = [
    ("{}人民政府", "county"), ("{}人民政府", "city"), ("{}教育局", "dept"), ("{}卫生健康委员会", "dept"),
    ("{}自然资源局", "dept"), ("{}住房和城乡建设局", "dept"), ("{}市场监督管理局", "dept"), ("{}人力资源和社会保障局", "dept"),
]
BENCH_PLACES = ["太原市", "大同市", "朔州市", "忻州市", "阳泉市", "吕梁市", "晋中市", "长治市", "晋城市", "临汾市", "运城市",
                "西安市", "宝鸡市", "咸阳市", "渭南市", "延安市", "汉中市", "榆林市", "安康市", "商洛市", "郑州市", "洛阳市",
                "开封市", "南阳市", "合肥市", "芜湖市", "蚌埠市", "淮南市", "济南市", "青岛市", "淄博市", "潍坊市", "石家庄市",
                "保定市", "邯郸市", "沧州市", "南昌市", "赣州市", "九江市", "长沙市", "株洲市", "湘潭市", "衡阳市"]
BENCH_COUNTIES = ["小店区", "迎泽区", "清徐县", "阳曲县", "娄烦县", "平定县", "盂县", "寿阳县", "昔阳县", "和顺县", "左权县",
                  "祁县", "太谷区", "灵石县", "交城县", "文水县", "汾阳市", "孝义市", "岚县", "兴县", "临县", "柳林县", "石楼县",
                  "中阳县", "方山县", "长子县", "屯留区", "襄垣县", "黎城县", "壶关县", "沁县", "沁源县", "武乡县", "高平市",
                  "阳城县", "沁水县", "陵川县", "蒲县", "隰县", "吉县", "乡宁县", "大宁县", "永和县", "汾西县", "霍州市"]


def bench_specs(n, seed=SEED):
    rng = random.Random(f"bench:{seed}")
    out = []
    for i in range(n):
        tpl = "2019" if rng.random() < 0.15 else "2021"
        year = rng.choice([2019, 2020]) if tpl == "2019" else rng.choice([2021, 2022, 2023, 2024])
        pattern, level = rng.choice(BENCH_BODIES)
        place = rng.choice(BENCH_PLACES)
        if level == "county":
            place = place + rng.choice(BENCH_COUNTIES)
        body = pattern.format(place)
        short = body if level == "dept" else place
        scale = rng.choice(["tiny", "small", "small", "medium", "medium", "large"] if level != "dept" else ["tiny", "small", "medium"])
        zero = rng.choice(["0"] * 6 + ["blank", "dash"])
        o = {
            "prose": rng.choice([0, 1, 1, 2, 2, 3]),
            "ruled": rng.random() < 0.85,
            "repeat_header": rng.random() < 0.6,
            "sep": rng.random() < 0.3,
            "footer": rng.choice(["dash", "dash", "emdash", "page_of", "plain"]),
            "zero": {"t2": "0", "t3": zero, "t4": zero},
            "subtotal": rng.random() < 0.08,
            "t2_split": rng.random() < 0.25,
            "t3_newpage": rng.random() < 0.2,
            "cn_date": rng.random() < 0.2,
        }
        if o["t3_newpage"]:
            o["t3_pt"] = 9
        if rng.random() < 0.1:
            o["landscape"] = "sec4"
            o["prose"] = min(o["prose"], 1)
        if o["t3_newpage"]:
            o["prose"] = min(o["prose"], 2)
        if rng.random() < 0.3:   # WPS-style body: 14 pt, 1.5 lines, 2.54/3.18 cm margins
            o.update(body_pt=14, line="150%", margins=(2.54, 2.54, 3.18, 3.18))
        if rng.random() < 0.05:
            o["spaced"] = True
        if tpl == "2021" and rng.random() < 0.05:
            o["collapsed_other"] = True
        if rng.random() < 0.15:
            o["title_lines"] = 2
        if rng.random() < 0.2:
            o["h4"] = "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"
        out.append(Spec(f"bench_{i:05d}", tpl, year, body, short, level, scale, i, o,
                        note="bench"))
    return out


# ----------------------------------------------------------------------------------------------------
# Reading the documents back (--check)
# ----------------------------------------------------------------------------------------------------
# never ending in . or , : "1." is an item number (1.属于国家秘密 set 分散对齐 parts it from its label)
NUM_TOKEN = re.compile(r"^[+\-－]?[0-9０-９](?:[0-9０-９,，.．]*[0-9０-９])?(件|万元|元)?$")
ZERO_TOKENS = {"—", "-", "/", "－"}
PAGE_NO = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页\s*共\s*\d+\s*页|\d+)\s*$")
H2 = re.compile(r"^\s*二、\s*主动公开")
H3 = re.compile(r"^\s*三、\s*收到和处理")
H4 = re.compile(r"^\s*四、.*(行政复议|行政诉讼)")
H5 = re.compile(r"^\s*五、")


def layout_lines(text, header=None):
    """Lines of pdftotext -layout output without footer page numbers and running headers."""
    lines = []
    for page in text.split("\f"):
        pl = [to_simp(l) for l in page.split("\n")]
        nonempty = [i for i, l in enumerate(pl) if l.strip()]
        if nonempty and PAGE_NO.match(pl[nonempty[-1]]):
            pl[nonempty[-1]] = ""
        if header and nonempty and re.sub(r"\s+", "", pl[nonempty[0]]) == to_simp(header):
            pl[nonempty[0]] = ""
        lines += pl
    return lines


UNITS = {"件", "万元", "元"}


def numeric_rows(lines):
    rows = []
    for l in lines:
        raw = l.split()
        toks = []
        for t in raw:
            if t in UNITS and toks and NUM_TOKEN.match(toks[-1]) and toks[-1][-1] not in "件元":
                toks[-1] += t          # LibreOffice puts CJK/Latin autospace between 12 and 件
            elif NUM_TOKEN.match(t) or t in ZERO_TOKENS:
                toks.append(t)
        if toks:
            rows.append(toks)
    return rows


def read_tables(text, header=None):
    """{'t2','t3','t4'} -> list of numeric rows (tokens) found between the section headings."""
    lines = layout_lines(text, header)
    idx = {}
    for i, l in enumerate(lines):
        for k, rx in (("h2", H2), ("h3", H3), ("h4", H4), ("h5", H5)):
            if k not in idx and rx.match(l):
                idx[k] = i
    missing = [k for k in ("h2", "h3", "h4", "h5") if k not in idx]
    if missing:
        return None, f"headings not found: {missing}"
    return {"t2": numeric_rows(lines[idx["h2"] + 1:idx["h3"]]), "t3": numeric_rows(lines[idx["h3"] + 1:idx["h4"]]),
            "t4": numeric_rows(lines[idx["h4"] + 1:idx["h5"]])}, None


def flat(rows):
    return [t for r in rows for t in r]


HEADER_KEYS = [("natural", "自"), ("commercial", "商"), ("research", "科"), ("nonprofit", "社"), ("legal", "法律"),
               ("other", "其他"), ("subtotal", "小计"), ("total", "总")]


def bbox_words(pdf):
    """[(page, x_center, y_center, text)] from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True).stdout.decode("utf-8", "replace")
    words, page = [], 0
    for line in out.split("\n"):
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            t = m.group(5).replace("&amp;", "&")
            words.append((page, (x0 + x1) / 2, (y0 + y1) / 2, to_simp(t)))
    # drop footers (page numbers) and running headers: the bottom-most / top-most line of each page
    drop = set()
    for pg in {w[0] for w in words}:
        pw = [w for w in words if w[0] == pg]
        for edge in (max(w[2] for w in pw), min(w[2] for w in pw)):
            line = [w for w in pw if abs(w[2] - edge) < 3]
            text = "".join(w[3] for w in sorted(line, key=lambda w: w[1]))
            if PAGE_NO.match(" ".join(w[3] for w in sorted(line, key=lambda w: w[1]))) or "年度报告" in text:
                drop.update(line)
    return [w for w in words if w not in drop]


def t3_cells_by_position(spec, pdf):
    """Table 三 read geometrically: [(column, token)] in reading order, the column taken from the header word
    nearest in x.  Independent of token order, so it proves that blank cells leave the others in place."""
    words = bbox_words(pdf)
    cols = t3_value_cols(spec)
    hp = next((w for w in words if w[3] == "申请人情况" or w[3] == "申"), None)
    first_row = next((w for w in words if "本年新收" in w[3] and hp and (w[0], w[2]) > (hp[0], hp[2])), None)
    end = next((w for w in words if "结转下年度继续办理" in w[3] and w[3].startswith("四")), None)
    if not hp or not first_row or not end:
        return None
    centers = {}
    for w in words:
        if w[0] != hp[0] or not (hp[2] - 2 < w[2] < first_row[2] - 4) or w[1] < first_row[1] + 50:
            continue
        for col, key in HEADER_KEYS:
            if col in cols and col not in centers and w[3].startswith(key):
                centers[col] = w[1]
    if set(centers) != set(cols):
        return None
    out = []
    body = [w for w in words if (w[0], w[2]) >= (first_row[0], first_row[2] - 3) and (w[0], w[2]) <= (end[0], end[2] + 3)]
    body.sort(key=lambda w: (w[0], round(w[2]), w[1]))
    for page, x, y, t in body:
        if (NUM_TOKEN.match(t) or t in ZERO_TOKENS) and x > min(centers.values()) - 25:
            col = min(centers, key=lambda c: abs(centers[c] - x))
            out.append((col, t))
    return out


def want_t3_cells(spec, f):
    out = []
    for prefix, *_ in t3_rows(spec.collapsed):
        for c in t3_value_cols(spec):
            t = fmt_num(t3_cell_value(f, prefix, c), spec, "t3", f"{prefix}.{c}")
            if t:
                out.append((c, t))
    return out


def check_doc(spec, pdf, exp_path, identities=None):
    """Returns (problems, info)."""
    probs, info = [], {}
    exp = json.load(open(exp_path, encoding="utf-8"))
    if spec.unreadable:
        if not exp.get("unreadable") or any(v is not None for v in exp["fields"].values()):
            probs.append("unreadable document without unreadable:true / null fields")
        head = open(pdf, "rb").read(1024)
        r = subprocess.run(["pdftotext", pdf, "-"], capture_output=True)
        txt = r.stdout.decode("utf-8", "replace")
        info["pdftotext_rc"] = r.returncode
        info["text_chars"] = len(txt.strip())
        info["has_report_words"] = any(w in txt for w in ("政府信息公开", "本年新收", "行政复议"))
        if info["has_report_words"]:
            probs.append("unreadable document still yields readable report text")
        if spec.opts.get("not_pdf") and head.startswith(b"%PDF"):
            probs.append("not-a-PDF starts with %PDF")
        if "scan" in [s[0] for s in spec.post]:
            fonts = run(["pdffonts", pdf]).stdout.decode().strip().split("\n")
            info["fonts"] = len(fonts) - 2
            imgs = run(["pdfimages", "-list", pdf]).stdout.decode().strip().split("\n")
            info["images"] = len(imgs) - 2
            if info["fonts"] != 0 or info["images"] < 1:
                probs.append("scan has fonts or no images")
        if "garble" in [s[0] for s in spec.post]:
            info["sample"] = re.sub(r"\s+", " ", txt)[:60]
        return probs, info
    # 1. the expected file is the generator's truth, with the field set of its template
    if exp["fields"] != spec.truth:
        probs.append("expected fields differ from the generator's truth (non-deterministic?)")
    if set(exp["fields"]) != set(field_ids(spec.template, spec.opts.get("collapsed_other", False))):
        probs.append("field set is not the template's")
    want_v = identity_violations(exp["fields"])
    if exp["violations"] != want_v:
        probs.append(f"declared violations {exp['violations']} != computed {want_v}")
    if identities:
        r = subprocess.run([sys.executable, identities, exp_path], capture_output=True, text=True).stdout
        m = re.search(r"\[(.*)\] declared: \[(.*)\]", r)
        got = sorted(set(re.findall(r"\('(\w+)'", m.group(1))))
        decl = sorted(set(re.findall(r"'(\w+)'", m.group(2))))
        info["identities.py"] = got
        if got != decl:
            probs.append(f"identities.py finds {got}, declared {decl}")
    # 2. numbers printed in the PDF, read back with pdftotext -layout, against the expected file
    want = printed_tokens(spec, exp["fields"])
    text = pdftext(pdf)
    tabs, err = read_tables(text, spec.opts.get("running_header"))
    how = "as stored"
    if tabs is None or any(flat(tabs[k]) != flat(want[k]) for k in want):
        # rotated content: read a de-rotated copy (what a viewer shows after turning the page)
        kinds = [s[0] for s in spec.post]
        n = spec.meta.get("rotated_page") if "rotate" in kinds else spec.meta.get("sideways_page")
        if n:
            with tempfile.TemporaryDirectory() as td:
                fixed = os.path.join(td, "r.pdf")
                qpdf(pdf, f"--rotate=-90:{n}", fixed)
                tabs, err = read_tables(pdftext(fixed), spec.opts.get("running_header"))
                how = f"after turning page {n} by -90"
    if tabs is None:
        probs.append(err)
        return probs, info
    for k in ("t2", "t3", "t4"):
        if flat(tabs[k]) != flat(want[k]):
            a, b = flat(tabs[k]), flat(want[k])
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            probs.append(f"{k}: printed tokens differ at #{i}: pdf {a[i:i + 8]} vs expected {b[i:i + 8]} ({how})")
        elif tabs[k] != want[k]:
            info.setdefault("row_layout_differs", []).append(k)
    info["read"] = how
    info["tokens"] = sum(len(flat(want[k])) for k in want)
    if not spec.post:
        pos = t3_cells_by_position(spec, pdf)
        if pos is None:
            info["columns"] = "not checked"
        elif pos != want_t3_cells(spec, exp["fields"]):
            w = want_t3_cells(spec, exp["fields"])
            i = next((i for i, (x, y) in enumerate(zip(pos, w)) if x != y), min(len(pos), len(w)))
            probs.append(f"t3 columns by position differ at #{i}: pdf {pos[i:i + 4]} vs expected {w[i:i + 4]}")
        else:
            info["columns"] = "ok"
    # 3. a few words of the document
    norm = re.sub(r"\s+", "", to_simp(text))
    for w in ([spec.short] + [f"{spec.year}年1月1日"] + (["国办公开办函〔2019〕60号"] if spec.template == "2019" else ["国办公开办函〔2021〕30号"])):
        if w not in norm:
            probs.append(f"text lacks {w!r}")
    # 4. layout facts
    pages = page_info(pdf)
    info["pages"] = len(pages)
    info["landscape"] = [i for i, (w, h, r) in enumerate(pages, 1) if w > h]
    info["rotate"] = {i: r for i, (w, h, r) in enumerate(pages, 1) if r}
    per_page = [re.sub(r"\s+", "", to_simp(p)) for p in text.split("\f")]
    first = next((i for i, p in enumerate(per_page, 1) if "本年新收" in p), None)
    last = next((i for i, p in enumerate(per_page, 1) if "四、结转下年度继续办理" in p), None)
    info["t3_pages"] = (first, last)
    info["t3_header_copies"] = sum(p.count("申请人情况") for p in per_page)
    return probs, info


# ----------------------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------------------
def check_all(specs, outdir, expdir, verbose=True):
    ident = "/work/shared/tools/identities.py"
    ident = ident if os.path.exists(ident) else None
    bad = 0
    tsv = load_field_ids()
    if tsv:
        for t in ("2021", "2019"):
            if set(tsv[t]) != set(field_ids(t)):
                print(f"FAIL field ids of template {t} differ from fields.tsv", file=sys.stderr)
                bad += 1
    # the meta that post-processing recorded (which page got turned) is recomputed from the PDFs
    for s in specs:
        pdf = os.path.join(outdir, s.name + ".pdf")
        s.meta = getattr(s, "meta", {}) or {}
        kinds = [p[0] for p in s.post]
        if not s.unreadable and ("rotate" in kinds or "landscape_as_portrait" in kinds):
            s.meta["rotated_page"] = next((i for i, (w, h, r) in enumerate(page_info(pdf), 1) if r), None)
        if "sideways" in kinds:
            s.meta["sideways_page"] = (landscape_pages_from_text(pdf) or [None])[0]
        probs, info = check_doc(s, pdf, os.path.join(expdir, s.name + ".json"), ident)
        bad += bool(probs)
        if verbose or probs:
            size = os.path.getsize(pdf)
            print(f"{'FAIL' if probs else 'ok  '} {s.name}.pdf {size // 1024}KB {json.dumps(info, ensure_ascii=False)}")
            for p in probs:
                print("     ", p)
    return bad


def landscape_pages_from_text(pdf):
    """Pages whose text runs sideways (the `sideways` variant): pdftotext -layout gives many one-char lines."""
    out = []
    for i, pg in enumerate(pdftext(pdf).split("\f"), 1):
        ls = [l.strip() for l in pg.split("\n") if l.strip()]
        if ls and sum(len(l) <= 2 for l in ls) > 0.6 * len(ls):
            out.append(i)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="output directory (default: the Corpus directory next to tools/)")
    ap.add_argument("--bench", type=int, metavar="N", help="write N random benchmark documents instead of the corpus")
    ap.add_argument("--only", nargs="*", help="corpus documents to (re)build")
    ap.add_argument("--check", action="store_true", help="read the PDFs back and compare with the expected files")
    ap.add_argument("--no-build", action="store_true", help="with --check: only check")
    ap.add_argument("--jobs", type=int, default=1, help="parallel LibreOffice processes (default 1)")
    ap.add_argument("--keep-tmp", action="store_true", help="keep the .fodt sources and the LibreOffice profile")
    ap.add_argument("--list", action="store_true", help="list the corpus documents and what each exercises")
    a = ap.parse_args()
    if a.list:
        for s in corpus_specs():
            print(f"{s.name}.pdf\t{s.template} {s.year}\t{s.note}")
        return
    if a.bench:
        if not a.out:
            ap.error("--bench needs --out DIR")
        specs = bench_specs(a.bench)
        outdir, expdir = a.out, os.path.join(a.out, "expected")
    else:
        specs = corpus_specs()
        if a.only:
            specs = [s for s in specs if s.name in a.only or s.name + ".pdf" in a.only]
        outdir = a.out or CORPUS
        expdir = os.path.join(outdir, "expected")
    if not a.no_build:
        t0 = time.time()
        t_lo = build(specs, outdir, expdir, a.keep_tmp, a.jobs)
        dt = time.time() - t0
        total = sum(os.path.getsize(os.path.join(outdir, s.name + ".pdf")) for s in specs)
        print(f"wrote {len(specs)} documents ({total / 1e6:.2f} MB) to {outdir} in {dt:.1f} s "
              f"(LibreOffice {t_lo:.1f} s)", file=sys.stderr)
    if a.check:
        bad = check_all(specs, outdir, expdir, verbose=not a.bench)
        print(f"check: {len(specs) - bad}/{len(specs)} documents agree with their expected files", file=sys.stderr)
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
