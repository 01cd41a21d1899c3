#!/usr/bin/env python3
"""Writes corpus documents in the forms real reports reach a collector in, with their expected files.

    python3 Corpus/tools/make_real_forms.py            # (re)write every document below and its expected JSON
    python3 Corpus/tools/make_real_forms.py --check    # re-read every written document and its expected file
    python3 Corpus/tools/make_real_forms.py --list     # what each document exercises

Python 3 standard library, plus `pdftotext` (poppler-utils) for the third family.

Three families, all under Corpus/ (expected files in Corpus/expected/NAME.json):

1. web_cms_*.html: full reports as government CMS sites serve them: the report in one editor <div>
   (TRS_Editor, Word "save as web page" output, nested page-layout tables) far into a page of menus,
   scripts, styles and footers full of other digits; cells wrapped in <p>/<span>/<font>/<b>, labels split
   over <p> and <span> runs, &nbsp; blanks for zeros, rowspan 22 / colspan 10, no <th>; GB2312, GBK, Big5
   (traditional characters) and UTF-8 pages; one on the 2019 template.
2. crawl_*.txt: a crawler's text of such a page: a header block (标题/发布时间/发布机构/原文链接), the body
   on one or a few lines, and table cells glued with no separator (stray spaces inside numbers and labels).
3. extract_*.txt: `pdftotext -layout` / `-raw` text of committed Corpus/pdf_*.pdf, and one copy with OCR-like
   noise (stray ?/|, full-width digits, 1、, misread characters and labels; no digit value changed).

How the expected values are computed (independently of the Swift code; nianbao is never run here):
- Families 1 and 2 start from a truth: a dict field id -> number drawn by corpusgen.truth.make_truth() with a
  fixed seed (every identity of TEMPLATE.md holds), then some cells set by hand (overrides below, the
  totals re-derived) and, for violation cases, deliberately broken.  The truth is exactly what is printed.
  A blank HTML cell is printed only for a zero, and only where the whole row's zeros are blank (so no
  blank 总计 next to filled cells).
- For crawled texts the expected value of a cell is what the glued-run rules of the brief determine,
  decided here by enumeration (solve_glued): a row's run is cut into exactly its number of cells ('0' or no
  leading zero; a decimal point only in money cells); candidates must satisfy the row's own identity
  (table 三: six applicant columns sum to 总计; table 四: in each group 维持+纠正+其他+尚未审结 = 总计), then
  the column identities across rows of table 三 (balance, outcome_sum) under two readings of the brief
  ("strict": a candidate survives only if some choice of the other rows makes every identity it takes part
  in hold; "lenient": if that leaves nothing, the row's own candidates stay).  One survivor -> its cells;
  several -> the cells they agree on, others null; none -> the only structural split if there is exactly
  one, else all null.  Every row of every crawled text is solved under both readings; the expected file
  keeps a value only where both readings give the printed number, null where either reading leaves a
  cell undetermined or the two differ; a determined value other than the printed one stops the generator.
  Table-三/四 numbers of a crawled text are redrawn (seed suffix, deterministic) until no cell of those
  tables is undetermined; only crawl_city_ambiguous keeps undetermined (table 二) cells.  The summary printed at the end lists
  the rows that needed cross-row identities and the undetermined cells.
- violations: corpusgen.truth.identity_violations() on the printed numbers (and the shared identities.py,
  ../shared/tools/ beside the repository, when present, in --check).
- Family 3: the PDF's own expected JSON with `source` changed; --check reads every number back from the
  text (corpusgen.check.read_tables against corpusgen.cells.printed_tokens).  pdf_17 (blank zeros) is not
  extracted: -raw drops the blank cells, and -layout does not keep the columns of lone numbers.

--check re-reads each written file: HTML is decoded with its declared charset, parsed into table grids
(rowspan/colspan resolved) and every expected number is looked up in its cell; crawled texts are re-cut
into glued runs by locating the labels, re-solved, and compared with the expected file; extracts are read
with corpusgen.check.read_tables.  Violations are recomputed from the numbers read back.

Body names are real-sounding; ALL NUMBERS ARE SYNTHETIC.
"""
import argparse, html, itertools, json, os, random, re, subprocess, sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
EXPECTED = os.path.join(CORPUS, "expected")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
from corpusgen import IDENTITIES, check, chinese, prose, truth, variants  # noqa: E402  (truth generation, field ids, prose, PDF token reader)
from corpusgen.cells import printed_tokens  # noqa: E402

SEED = 20250301
COLS = truth.COLS
APPL = COLS[:6]
ORG = COLS[1:6]
REVIEW_GROUPS = truth.REVIEW_GROUPS
REVIEW_COLS = truth.REVIEW_COLS
T4_FIELDS = [f"{g}.{c}" for g in REVIEW_GROUPS for c in REVIEW_COLS]


# ====================================================================================================
# Truth
# ====================================================================================================
def fix_totals(f):
    for p in {k.rsplit(".", 1)[0] for k in f if k.startswith("apps.")}:
        f[f"{p}.total"] = sum(f[f"{p}.{c}"] for c in APPL)
    for g in REVIEW_GROUPS:
        f[f"{g}.total"] = sum(f[f"{g}.{c}"] for c in REVIEW_COLS[:4])


def set_row(f, prefix, six):
    for c, v in zip(APPL, six):
        f[f"{prefix}.{c}"] = v


def rebalance(f, collapsed):
    """After hand-set outcome rows: results_total = sum of outcomes, carried_forward = new + carry - done
    (per column; raises if that would go negative)."""
    outs = truth.OUTCOME_PREFIXES_2019 if collapsed else truth.OUTCOME_PREFIXES_2021
    for c in APPL:
        done = sum(f[f"{p}.{c}"] for p in outs)
        f[f"apps.results_total.{c}"] = done
        fwd = f[f"apps.new_received.{c}"] + f[f"apps.carried_over.{c}"] - done
        assert fwd >= 0, (c, fwd)
        f[f"apps.carried_forward.{c}"] = fwd
    fix_totals(f)


class Doc:
    def __init__(self, name, kind, template, year, body, short, level, scale, seed, note, collapsed=False,
                 active=None, apps=None, review=None, mutate=None, opts=None, issuer=None):
        self.name, self.kind, self.template, self.year = name, kind, template, year
        self.body, self.short, self.level, self.scale, self.note = body, short, level, scale, note
        self.collapsed = collapsed or template == "2019"
        self.opts = dict(opts or {})
        self.issuer = issuer or body
        rng = random.Random(f"{SEED}:{name}:{seed}")
        self.rng = rng
        t = truth.make_truth(rng, template, level, scale, collapsed and template == "2021")
        t.update(active or {})
        for prefix, six in (apps or {}).items():
            set_row(t, prefix, six)
        if apps:
            rebalance(t, self.collapsed)
        if review:
            for g, four in review.items():
                for c, v in zip(REVIEW_COLS[:4], four):
                    t[f"{g}.{c}"] = v
        fix_totals(t)
        if mutate:
            mutate(t)
        self.truth = t
        self.violations = truth.identity_violations(t)
        self.expected = dict(t)          # crawled texts: undetermined cells become None
        self.expect_findings = []
        self.figs = {
            "n_pub": rng.randint(120, 9000), "n_policy": rng.randint(5, 200), "n_interp": rng.randint(3, 60),
            "n_key": rng.randint(20, 900), "n_media": rng.randint(100, 5000), "n_train": rng.randint(1, 12),
            "n_people": rng.randint(20, 600), "n_jianyi": rng.randint(0, 90), "n_tian": rng.randint(0, 120),
            "fee_notices": rng.randint(1, 5), "fee_yuan": rng.choice([50, 100, 150, 300, 1200]),
        }
        self.pub = (year + 1, 1 if rng.random() < 0.8 else 2, rng.randint(8, 28))
        self.ext = {"web_cms": "html", "crawl": "txt"}[kind]

    @property
    def source(self):
        return f"{self.name}.{self.ext}"


# ====================================================================================================
# Table structure
# ====================================================================================================
def t2_sections(template):
    """[(heading, header cells, [(label, [field ids])])] of table 二."""
    if template == "2021":
        return [
            ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
             [("规章", ["active.rules.issued", "active.rules.repealed", "active.rules.in_force"]),
              ("行政规范性文件", ["active.normative.issued", "active.normative.repealed", "active.normative.in_force"])]),
            ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["active.licensing.decisions"])]),
            ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
             [("行政处罚", ["active.penalty.decisions"]), ("行政强制", ["active.coercion.decisions"])]),
            ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["active.fees.amount"])]),
        ]
    three = lambda k: [f"active.{k}.prev_items", f"active.{k}.change", f"active.{k}.decisions"]
    hdr = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    return [
        ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
         [("规章", ["active.rules.made", "active.rules.published", "active.rules.total_public"]),
          ("规范性文件", ["active.normative.made", "active.normative.published", "active.normative.total_public"])]),
        ("第二十条第（五）项", hdr, [("行政许可", three("licensing")), ("其他对外管理服务事项", three("other_services"))]),
        ("第二十条第（六）项", hdr, [("行政处罚", three("penalty")), ("行政强制", three("coercion"))]),
        ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"],
         [("行政事业性收费", ["active.fees.prev_items", "active.fees.change"])]),
        ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额（万元）"],
         [("政府集中采购", ["active.procurement.items", "active.procurement.amount"])]),
    ]


def t3_rows(collapsed):
    """[(prefix, group label or None, label)] in printed order; group 'res' = directly under 三、本年度办理结果."""
    return [(p, gl if gk not in (None, "res") else ("res" if gk == "res" else None), l)
            for p, gk, gl, l in truth.t3_rows(collapsed)]


def is_money(fid):
    return fid.endswith(".amount")


def fmt(v, fid, sep=False):
    if v is None:
        return ""
    if is_money(fid):
        return "0" if v == 0 else (f"{v:,.2f}" if sep else f"{v:.2f}")
    return f"{v:,}" if sep and abs(v) >= 1000 else str(v)


# ====================================================================================================
# Glued runs: enumeration of the readings (the semantics of the brief, implemented independently)
# ====================================================================================================
INT_RX = re.compile(r"0|[1-9][0-9]*")
MONEY_RX = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def num(piece, money):
    return round(float(piece), 4) if money else int(piece)


def count_splits(run, kinds):
    """Number of structural splits (DP)."""
    from functools import lru_cache

    @lru_cache(None)
    def c(pos, k):
        if k == len(kinds):
            return 1 if pos == len(run) else 0
        rx = MONEY_RX if kinds[k] == "m" else INT_RX
        return sum(c(end, k + 1) for end in range(pos + 1, len(run) + 1) if rx.fullmatch(run[pos:end]))
    return c(0, 0)


def enum_splits(run, kinds, group_ok=None, group=None, limit=200000):
    """All splits (as tuples of numbers); group_ok(tuple of a group's cells) prunes at each group's end."""
    out = []

    def rec(pos, acc):
        if len(out) > limit:
            raise RuntimeError("too many splits")
        k = len(acc)
        if k == len(kinds):
            if pos == len(run):
                out.append(tuple(acc))
            return
        if group and group_ok and k and k % group == 0 and not group_ok(tuple(acc[k - group:k])):
            return
        rx = MONEY_RX if kinds[k] == "m" else INT_RX
        rest = len(kinds) - k - 1
        for end in range(pos + 1, len(run) - rest + 1):
            piece = run[pos:end]
            if rx.fullmatch(piece):
                acc.append(num(piece, kinds[k] == "m"))
                rec(end, acc)
                acc.pop()
    rec(0, [])
    if group and group_ok:
        out = [s for s in out if group_ok(s[-group:])]
    return out


def t3_ok(cells):
    return sum(cells[:6]) == cells[6]


def t4_group_ok(g):
    return sum(g[:4]) == g[4]


def solve_glued(rows):
    """rows: [(row_id, table, run, n_cells, kinds)] with table in t2/t3/t4 and row_id the field prefix
    (t3), the tuple of field ids (t2) or 't4'.  Returns {row_id: {"strict": cells, "lenient": cells,
    "rowonly": n_row_candidates, "structural": n, "survivors": {...}}} where cells is a tuple with None
    for undetermined cells."""
    res = {}
    cands, struct = {}, {}
    for rid, table, run, n, kinds in rows:
        ns = count_splits(run, kinds)
        struct[rid] = ns
        if table == "t3":
            allc = enum_splits(run, kinds) if ns <= 300000 else None
            cands[rid] = [c for c in allc if t3_ok(c)]
        elif table == "t4":
            cands[rid] = enum_splits(run, kinds, group_ok=t4_group_ok, group=5)
        else:
            cands[rid] = enum_splits(run, kinds)
        res[rid] = {"table": table, "structural": ns, "rowonly": len(cands[rid]), "run": run, "n": n, "kinds": kinds}
    only_split = {rid: (enum_splits(run, kinds) if struct[rid] == 1 else None) for rid, table, run, n, kinds in rows}
    # cross-row identities of table 三
    t3 = [rid for rid, table, *_ in rows if table == "t3"]
    surv = {rid: set(cands[rid]) for rid, *_ in rows}
    if t3:
        outc = [r for r in t3 if r not in ("apps.new_received", "apps.carried_over", "apps.results_total",
                                              "apps.carried_forward")]
        idents = []
        for ci in range(7):
            idents.append((f"balance.{ci}", ["apps.new_received", "apps.carried_over", "apps.results_total",
                                             "apps.carried_forward"],
                           lambda A, ci=ci: A["apps.new_received"][ci] + A["apps.carried_over"][ci]
                           == A["apps.results_total"][ci] + A["apps.carried_forward"][ci]))
            idents.append((f"outcome_sum.{ci}", outc + ["apps.results_total"],
                           lambda A, ci=ci: sum(A[r][ci] for r in outc) == A["apps.results_total"][ci]))
        domain = {}
        unknown = set()
        for r in t3:
            if cands[r]:
                domain[r] = cands[r]
            elif struct[r] == 1:
                domain[r] = only_split[r]
            else:
                unknown.add(r)
        idents = [(nm, rs, fn) for nm, rs, fn in idents if not (set(rs) & unknown)]
        involves = {r: [nm for nm, rs, _ in idents if r in rs] for r in t3}
        multi = [r for r in domain if len(domain[r]) > 1]
        size = 1
        for r in multi:
            size *= len(domain[r])
        if size > 3_000_000:
            raise RuntimeError(f"cross-row search too large ({size})")
        fixed = {r: domain[r][0] for r in domain if len(domain[r]) == 1}
        s3 = {r: set() for r in t3}
        for combo in itertools.product(*[domain[r] for r in multi]):
            A = dict(fixed)
            A.update(zip(multi, combo))
            ok = {nm: fn(A) for nm, rs, fn in idents}
            for r in domain:
                if all(ok[nm] for nm in involves[r]):
                    s3[r].add(A[r])
        for r in t3:
            surv[r] = {c for c in s3[r] if c in set(cands[r])} if cands[r] else set()
    for rid, table, run, n, kinds in rows:
        def decide(s):
            if s:
                s = sorted(s)
                return tuple(s[0][i] if all(x[i] == s[0][i] for x in s) else None for i in range(n))
            if struct[rid] == 1:
                return only_split[rid][0]
            return (None,) * n
        strict = decide(surv[rid])
        lenient = decide(surv[rid] or set(cands[rid]))
        res[rid].update(strict=strict, lenient=lenient, survivors=len(surv[rid]))
    return res


# ====================================================================================================
# Prose
# ====================================================================================================
# The figures section 一 quotes: the same as for the PDFs (corpusgen.prose).
prose_values = prose.prose_values


def cite(template):
    if template == "2021":
        return ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
                "（国办公开办函〔2021〕30号）")
    return ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式（试行）〉的通知》"
            "（国办公开办函〔2019〕60号）")


H4 = "四、政府信息公开行政复议、行政诉讼情况"
H5 = "五、存在的主要问题及改进情况"


def blocks(doc):
    """The report as a list of blocks: (kind, text) with kind title/p/h1/h2/t2/t3/t4/sign."""
    rng = random.Random(f"{SEED}:prose:{doc.name}")
    v = prose_values(doc)
    y = doc.year
    out = [("title", doc.opts.get("title", f"{doc.short}{y}年政府信息公开工作年度报告"))]
    out.append(("p", f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{cite(doc.template)}要求，"
                     f"由{doc.body}办公室编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                     f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
                     f"本报告所列数据统计期限自{y}年1月1日起至{y}年12月31日止。"))
    out.append(("h1", "一、总体情况"))
    topics = list(prose.OVERVIEW_TOPICS)
    for i, (topic, paras) in enumerate(topics):
        out.append(("h2", f"（{'一二三四五'[i]}）{topic}"))
        k = rng.choice([1, 2]) if topic not in ("主动公开", "依申请公开") else 2
        chosen = paras[:1] + rng.sample(paras[1:], k - 1) if topic in ("主动公开", "依申请公开") else rng.sample(paras, k)
        for para in chosen:
            out.append(("p", para.format(**v)))
        if topic == "依申请公开" and doc.opts.get("extra_reply"):
            out.append(("p", doc.opts["extra_reply"]))
    out.append(("h1", "二、主动公开政府信息情况"))
    out.append(("t2", None))
    out.append(("h1", "三、收到和处理政府信息公开申请情况"))
    out.append(("t3", None))
    out.append(("h1", doc.opts.get("h4", H4)))
    out.append(("t4", None))
    out.append(("h1", H5))
    for para in prose.PROBLEMS[:rng.choice([2, 3])]:
        out.append(("p", para.format(**v)))
    out.append(("h1", "六、其他需要报告的事项"))
    others = [prose.OTHER_MATTERS[0] if rng.random() < 0.6 else prose.OTHER_MATTERS[1]] + prose.OTHER_MATTERS[2:4]
    for para in others:
        out.append(("p", para.format(**v)))
    py, pm, pd = doc.pub
    out.append(("sign", doc.body + ("办公室" if doc.level != "dept" else "")))
    out.append(("sign", f"{py}年{pm}月{pd}日"))
    return out


# ====================================================================================================
# Family 2: crawled texts
# ====================================================================================================
CRAWL_HEADERS = {
    "colon": "标题:{title}\n发布时间:{date} {time}\n发布机构:{office}\n原文链接:{url}\n",
    "bracket": "【标题】{title}\n【来源】{office}\n【日期】{date}\n【URL】{url}\n【正文】\n",
    "colon_src": "标题：{title}\n来源：{office}\n发布时间：{date} {time}\n原文链接：{url}\n采集时间：{crawl}\n",
}


def item_label(label, numbering):
    """'1.属于国家秘密' -> '1、属于国家秘密' when the document numbers its items with 、."""
    return re.sub(r"^(\d)\.", r"\1、", label) if numbering == "、" else label


def spaced(s, rng, p):
    """Insert a stray space inside s with probability p (never at either end)."""
    if len(s) > 1 and rng.random() < p:
        i = rng.randint(1, len(s) - 1)
        return s[:i] + " " + s[i:]
    return s


def crawl_segments(doc):
    """The text as segments: ('text', s) and ('run', row_id, table, digits, kinds, fids)."""
    o = doc.opts
    rng = random.Random(f"{SEED}:crawl:{doc.name}")
    num_p, lab_p = o.get("space_num", 0.15), o.get("space_label", 0.1)
    numbering = o.get("numbering", ".")
    f = doc.truth
    segs = []
    T = lambda s: segs.append(("text", s))

    def run(rid, table, fids):
        kinds = ["m" if is_money(x) else "i" for x in fids]
        digits = "".join(fmt(f[x], x) for x in fids)
        assert re.fullmatch(r"[0-9.]+", digits), (doc.name, fids, digits)
        shown = spaced(digits, rng, num_p)
        segs.append(("run", rid, table, digits, kinds, list(fids), shown))

    for kind, text in blocks(doc):
        if kind == "t2":
            for heading, header, rows in t2_sections(doc.template):
                T(heading + "".join(spaced(h, rng, lab_p) for h in header))
                for label, fids in rows:
                    T(spaced(label, rng, lab_p))
                    run(tuple(fids), "t2", fids)
        elif kind == "t3":
            T(truth.L_TOPLEFT + "申请人情况自然人法人或其他组织总计"
              + "".join(spaced(truth.COL_LABELS[c], rng, lab_p) for c in ORG))
            seen = set()
            first_res = True
            for prefix, group, label in t3_rows(doc.collapsed):
                lead = ""
                if group is not None and first_res:
                    lead += truth.L_RESULT
                    first_res = False
                if group not in (None, "res") and group not in seen:
                    seen.add(group)
                    lead += group
                T(lead + spaced(item_label(label, numbering), rng, lab_p))
                run(prefix, "t3", [f"{prefix}.{c}" for c in COLS])
        elif kind == "t4":
            T("行政复议行政诉讼" + "".join(truth.REVIEW_LABELS) + "未经复议直接起诉复议后起诉" + "".join(truth.REVIEW_LABELS) * 2)
            run("t4", "t4", T4_FIELDS)
        else:
            T(text)
    return segs


def crawl_text(doc):
    o = doc.opts
    segs = crawl_segments(doc)
    lines_mode = o.get("lines", "one")
    # join: blocks between table parts are glued; a line break where the mode puts one
    parts = []
    for s in segs:
        parts.append(s[1] if s[0] == "text" else s[6])
    body_parts = []
    brk = set()
    if lines_mode == "sections":       # a line per section heading
        brk = {i for i, s in enumerate(segs) if s[0] == "text" and re.match(r"^[一二三四五六]、", s[1])
               and not s[1].startswith(("一、本年", "二、上年", "三、本年度", "四、结转"))}
    elif lines_mode == "paras":        # a line per paragraph, each table on one line
        brk = {i for i, s in enumerate(segs) if s[0] == "text" and (i == 0 or segs[i - 1][0] == "text")}
    for i, p in enumerate(parts):
        if i in brk and i:
            body_parts.append("\n")
        body_parts.append(p)
    body = "".join(body_parts)
    py, pm, pd = doc.pub
    rng = random.Random(f"{SEED}:hdr:{doc.name}")
    hdr = CRAWL_HEADERS[o.get("header", "colon")].format(
        title=o.get("title", f"{doc.short}{doc.year}年政府信息公开工作年度报告"),
        date=f"{py}-{pm:02d}-{pd:02d}", time=f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}",
        office=doc.body + "办公室" if doc.level != "dept" else doc.body, url=o["url"].format(y=py, m=pm, d=pd),
        crawl=f"{py}-{pm + 1:02d}-{rng.randint(1, 28):02d} 03:{rng.randint(10, 59)}:{rng.randint(10, 59)}")
    pre = o.get("pre", "")
    post = o.get("post", "")
    return hdr + pre + body + post + "\n"


def crawl_rows(segs):
    return [(s[1], s[2], s[3], len(s[5]), s[4]) for s in segs if s[0] == "run"]


def solve_doc(doc, rows):
    """Runs the solver, fills doc.expected (None where undetermined), returns a summary dict."""
    sol = solve_glued(rows)
    fids_of = {}
    for rid, table, run, n, kinds in rows:
        fids_of[rid] = (list(rid) if table == "t2" else T4_FIELDS if table == "t4" else [f"{rid}.{c}" for c in COLS])
    summary = {"rows": len(rows), "cross_row": [], "null": [], "disagree": [], "fallback": []}
    for rid, r in sol.items():
        fids = fids_of[rid]
        printed = tuple(doc.truth[x] for x in fids)
        if r["rowonly"] > 1 and r["survivors"] == 1:
            summary["cross_row"].append(rid)
        if r["rowonly"] == 0:
            summary["fallback"].append((rid, r["structural"]))
        for i, x in enumerate(fids):
            a, b = r["strict"][i], r["lenient"][i]
            if a != b:
                summary["disagree"].append(x)
                doc.expected[x] = None
            elif a is None:
                summary["null"].append(x)
                doc.expected[x] = None
            elif a != printed[i]:
                raise SystemExit(f"{doc.name}: {x}: the glued-run rules read {a}, printed {printed[i]}")
    return sol, summary


# ====================================================================================================
# Family 1: HTML pages
# ====================================================================================================
class C:
    """One table cell: role in sec/head/label/num/topleft; text for non-numbers, fid for numbers."""

    def __init__(self, role, text=None, fid=None, rs=1, cs=1):
        self.role, self.text, self.fid, self.rs, self.cs = role, text, fid, rs, cs


def grid_t2(template, form):
    """form 'one': one table with section rows; 'small': a list of small tables (one per section)."""
    tables, cur = [], []
    for heading, header, rows in t2_sections(template):
        ncol = 4
        sec = [C("sec", heading, cs=ncol)]
        hdr = [C("head", header[0])] + ([C("head", h) for h in header[1:]] if len(header) == 4 else
                                          [C("head", h, cs=ncol - len(header) + 1 if i == len(header) - 2 else 1)
                                           for i, h in enumerate(header[1:])])
        body = []
        for label, fids in rows:
            if len(fids) == 3:
                body.append([C("label", label)] + [C("num", fid=x) for x in fids])
            elif len(fids) == 1:
                body.append([C("label", label), C("num", fid=fids[0], cs=3)])
            else:
                body.append([C("label", label), C("num", fid=fids[0]), C("num", fid=fids[1], cs=2)])
        part = [sec, hdr] + body
        if form == "small":
            tables.append(part)
        else:
            cur += part
    return tables if form == "small" else [cur]


def grid_t3(collapsed):
    rows = [[C("topleft", truth.L_TOPLEFT, cs=3, rs=3), C("head", "申请人情况", cs=7)],
            [C("head", "自然人", rs=2), C("head", "法人或其他组织", cs=5), C("head", "总计", rs=2)],
            [C("head", truth.COL_LABELS[c]) for c in ORG]]
    spec = t3_rows(collapsed)
    n_res = sum(1 for _, g, _ in spec if g is not None)
    gsize = {}
    for _, g, _ in spec:
        if g not in (None, "res"):
            gsize[g] = gsize.get(g, 0) + 1
    first_res, seen = True, set()
    for prefix, g, label in spec:
        nums = [C("num", fid=f"{prefix}.{c}") for c in COLS]
        if g is None:
            rows.append([C("label", label, cs=3)] + nums)
            continue
        lead = []
        if first_res:
            lead.append(C("label", truth.L_RESULT, rs=n_res))
            first_res = False
        if g == "res":
            rows.append(lead + [C("label", label, cs=2)] + nums)
        else:
            if g not in seen:
                seen.add(g)
                lead.append(C("label", g, rs=gsize[g]))
            rows.append(lead + [C("label", label)] + nums)
    return rows


def grid_t4():
    return [[C("head", "行政复议", cs=5), C("head", "行政诉讼", cs=10)],
            [C("head", l, rs=2) for l in truth.REVIEW_LABELS] + [C("head", "未经复议直接起诉", cs=5), C("head", "复议后起诉", cs=5)],
            [C("head", l) for l in truth.REVIEW_LABELS] * 2,
            [C("num", fid=x) for x in T4_FIELDS]]


def blank_rows(doc, tables=("t3",)):
    """Field ids printed as blank cells: the zeros of table 三 (whole row's zeros) when the page blanks zeros."""
    out = set()
    if "t3" in tables:
        for prefix, _, _ in t3_rows(doc.collapsed):
            for c in COLS:
                if doc.truth[f"{prefix}.{c}"] == 0:
                    out.add(f"{prefix}.{c}")
    if "rules" in tables:
        ks = [x for x in doc.truth if x.startswith("active.rules.")]
        if all(doc.truth[x] == 0 for x in ks):
            out.update(ks)
    return out


def render_grid(rows, td, table_open, tr=lambda i: "<tr>", close="</tr>"):
    out = [table_open]
    for i, row in enumerate(rows):
        out.append(tr(i) + "".join(td(c) for c in row) + close)
    out.append("</table>")
    return "\n".join(out)


def spans(c):
    a = ""
    if c.rs > 1:
        a += f' rowspan="{c.rs}"'
    if c.cs > 1:
        a += f' colspan="{c.cs}"'
    return a


def spans_bare(c):
    a = ""
    if c.cs > 1:
        a += f" colspan={c.cs}"
    if c.rs > 1:
        a += f" rowspan={c.rs}"
    return a


def filler_links(rng, n, words, prefix="/"):
    out = []
    for i in range(n):
        w = rng.choice(words)
        out.append(f'<li><a href="{prefix}{rng.choice(["zwgk", "zwdt", "bmdt", "xxgk", "zcjd", "hdjl"])}/'
                   f'{rng.randint(100, 999)}/t{rng.randint(20200101, 20241231)}_{rng.randint(100000, 9999999)}.shtml"'
                   f' target="_blank" title="{w}">{w}</a><span class="date">{rng.randint(2021, 2024)}-'
                   f'{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</span></li>')
    return "\n".join(out)


NEWS = ["市政府常务会议研究部署近期重点工作", "全市优化营商环境工作推进会召开", "关于开展2023年度政务公开第三方评估的通知",
        "市长热线受理情况通报", "关于公布政务服务事项清单的公告", "全市安全生产工作会议召开", "政府信息公开指南",
        "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "重点领域信息公开", "财政预决算", "政府采购",
        "人事信息", "规划计划", "统计信息", "应急管理", "行政执法公示", "建议提案办理", "政策解读", "新闻发布会",
        "公共资源配置", "重大建设项目", "社会公益事业", "乡村振兴", "生态环境", "教育", "医疗卫生", "就业创业", "社会救助"]


def big_css(rng, n):
    rules = []
    for i in range(n):
        sel = rng.choice([".nav", ".menu", ".sub", ".list", ".box", ".tab", ".foot", ".head", ".side", ".col"]) + \
            f"{i} " + rng.choice(["li", "a", "span", "ul", "div", "p", "a:hover", "li.on"])
        rules.append(f"{sel}{{margin:{rng.randint(0, 20)}px {rng.randint(0, 20)}px;padding:0 {rng.randint(0, 12)}px;"
                     f"font-size:{rng.choice([12, 13, 14, 16])}px;line-height:{rng.randint(20, 40)}px;"
                     f"color:#{rng.randint(0, 0xFFFFFF):06x};background:url(../images/bg{rng.randint(1, 40)}.png) no-repeat;}}")
    return "\n".join(rules)


def scripts_block(site):
    return f"""<script type="text/javascript">
var _hmt = _hmt || [];
(function() {{
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?3f0a1b2c4d5e6f708192a3b4c5d6e7f8";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
}})();
function setFont(size) {{
  var el = document.getElementById("zoom");
  if (size < 12 || size > 24) {{ return; }}
  el.style.fontSize = size + "px";
}}
var shareHtml = "<div class=\\"bdsharebuttonbox\\"><a href=\\"#\\" class=\\"bds_weixin\\" data-cmd=\\"weixin\\" title=\\"分享到微信\\"></a>"
  + "<a href=\\"#\\" class=\\"bds_tsina\\" data-cmd=\\"tsina\\"></a></div>";
var now = new Date();
var week = ["日", "一", "二", "三", "四", "五", "六"];
document.write('<span class="today">' + now.getFullYear() + '年' + (now.getMonth() + 1) + '月' + now.getDate() + '日 星期' + week[now.getDay()] + '</span>');
if (navigator.userAgent.indexOf("MSIE") > 0 && document.documentMode < 9) {{
  document.write('<div class="ie-tip">您的浏览器版本过低，建议使用IE10.0或以上浏览器，分辨率1366*768</div>');
}}
document.write('<scr' + 'ipt src="/{site}/js/count.js?v=' + Math.random() + '"></scr' + 'ipt>');
</script>"""


def chrome_footer(site_name, office, phone, icp, code, police, visits, addr):
    return f"""<div class="footer">
<div class="links">
<select onchange="window.open(this.value)"><option>----国家部委网站----</option><option value="http://www.gov.cn">中国政府网</option>
<option value="http://www.ndrc.gov.cn">国家发展和改革委员会</option><option value="http://www.moe.gov.cn">教育部</option></select>
<select onchange="window.open(this.value)"><option>----省内市县网站----</option><option>太原市</option><option>大同市</option><option>阳泉市</option></select>
</div>
<div class="foot-info">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sybz/">使用帮助</a> | <a href="/wzsm/">网站声明</a></p>
<p>主办单位：{office}&nbsp;&nbsp;承办单位：{site_name}政务信息中心&nbsp;&nbsp;地址：{addr}</p>
<p>联系电话：{phone}&nbsp;&nbsp;传真：{phone[:-1]}8&nbsp;&nbsp;邮编：0{phone[1:3]}000</p>
<p><a href="https://beian.miit.gov.cn" target="_blank">{icp}</a>&nbsp;&nbsp;网站标识码：{code}&nbsp;&nbsp;
<img src="/images/ga.png" alt="">{police}</p>
<p>您是本站第<span id="count">{visits}</span>位访问者&nbsp;&nbsp;建议使用1366*768分辨率、IE10.0以上浏览器</p>
<p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='https://dcs.conac.cn/js/05/000/0000/60400003/CA050000000604000030003.js' type='text/javascript'%3E%3C/script%3E"));</script></p>
</div></div>"""


def info_index(doc, index_no, doc_no):
    py, pm, pd = doc.pub
    return f"""<table class="xxgk-table" width="100%" border="0" cellspacing="1" cellpadding="0">
<tr><td class="t1">索&nbsp;&nbsp;引&nbsp;&nbsp;号：</td><td>{index_no}</td><td class="t1">信息分类：</td><td>政府信息公开年报</td></tr>
<tr><td class="t1">发布机构：</td><td>{doc.body}办公室</td><td class="t1">成文日期：</td><td>{py}-{pm:02d}-{pd - 2:02d}</td></tr>
<tr><td class="t1">文&nbsp;&nbsp;&nbsp;&nbsp;号：</td><td>{doc_no}</td><td class="t1">发布日期：</td><td>{py}-{pm:02d}-{pd:02d}</td></tr>
<tr><td class="t1">名&nbsp;&nbsp;&nbsp;&nbsp;称：</td><td colspan="3">{doc.short}{doc.year}年政府信息公开工作年度报告</td></tr>
</table>"""


# ---- page 1: TRS CMS, GB2312, city, 2021 template -------------------------------------------------
TRS_P = '<p style="text-align:center;line-height:150%"><span style="font-family:宋体;font-size:14px">{}</span></p>'
TRS_SPLIT = {
    truth.L_RESULT: ["三、本", "年度办", "理结果"],
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": ["（二）部分公开（区分处理的，", "只计这一情形，不计其他情形）"],
    truth.L_TOPLEFT: ["（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）"],
}
TRS_INLINE = {"法律服务机构": "法律服<span>务</span>机构", "社会公益组织": "社会<span>公益</span>组织",
              "1.本机关不掌握相关政府信息": "1.本机关不掌握<span>相关政府信息</span>",
              "行政规范性文件": "行政规范性<span style=\"font-family:宋体\">文件</span>"}
TWO_LINE = {"结果维持": "结果<br/>维持", "结果纠正": "结果<br/>纠正", "其他结果": "其他<br/>结果", "尚未审结": "尚未<br/>审结"}


def render_blocks(doc, tables, styles):
    """The report's blocks in one site's markup.  `styles` maps a block kind to its markup, `{text}` standing
    for the block's text: "table" (default: the table as it is), "title" (default: left out, the site prints
    the title elsewhere), "h1", "h2" (default: as "p"), "sign" and "p"."""
    body = []
    for kind, text in blocks(doc):
        if kind in tables:
            body.append(styles.get("table", "{text}").replace("{text}", tables[kind]))
        elif kind == "title" and "title" not in styles:
            continue
        else:
            style = styles.get(kind) or styles["p"]
            body.append(style.replace("{text}", text))
    return body


def page_trs(doc):
    f = doc.truth
    blanks = blank_rows(doc, ("t3",))
    rng = random.Random(f"{SEED}:page:{doc.name}")

    def content(c):
        if c.role == "num":
            if c.fid in blanks:
                return "<p>&nbsp;</p>"
            return TRS_P.format(fmt(f[c.fid], c.fid))
        t = c.text
        if t in TRS_SPLIT:
            pieces = TRS_SPLIT[t]
            return "".join(TRS_P.format(p + ("&nbsp; &nbsp;" if i < len(pieces) - 1 and t == truth.L_RESULT else ""))
                           for i, p in enumerate(pieces))
        if t in TWO_LINE:
            return TRS_P.format(TWO_LINE[t])
        t = TRS_INLINE.get(t, html.escape(t, quote=False))
        if c.role == "head" and t == "信息内容":
            t += "&nbsp; &nbsp;"
        if c.role == "sec":
            return f'<p style="text-align:left;line-height:150%"><span style="font-family:&#39;黑体&#39;;font-size:14px">{t}</span></p>'
        return TRS_P.format(t)

    def td(c):
        if c.role == "num" and c.fid in blanks:
            return "<td><p>&nbsp;</p></td>"
        w = {"num": ' width="54"', "label": "", "head": "", "sec": "", "topleft": ' width="210"'}[c.role]
        return f'<td{spans(c)}{w} style="border:1px solid #000000;padding:3px" valign="middle">{content(c)}</td>'

    topen = ('<table border="1" cellspacing="0" cellpadding="0" width="100%" align="center" '
             'style="border-collapse:collapse;font-family:&#39;仿宋_GB2312&#39;;font-size:14px">')
    tables = {
        "t2": "\n".join(render_grid(g, td, topen) for g in grid_t2(doc.template, "one")),
        "t3": render_grid(grid_t3(doc.collapsed), td, topen),
        "t4": render_grid(grid_t4(), td, topen),
    }
    body = render_blocks(doc, tables, {
        "h1": '<p style="text-indent:2em;line-height:200%"><strong><span style="font-family:黑体">{text}</span></strong></p>',
        "h2": '<p style="text-indent:2em;line-height:200%"><span style="font-family:楷体_GB2312">{text}</span></p>',
        "sign": '<p style="text-align:right;line-height:200%">{text}</p>',
        "p": '<p style="text-indent:2em;line-height:200%"><span style="font-family:仿宋_GB2312;font-size:16px">{text}</span>&nbsp;</p>',
    })
    report = "\n".join(body)
    nav_words = NEWS
    menus = []
    for top in ["首页", "走进晋城", "政务公开", "政务服务", "互动交流", "数据开放", "专题专栏"]:
        menus.append(f'<li class="nav-item"><a href="/{top}/" class="nav-a">{top}</a><div class="sub-menu"><ul>'
                     + filler_links(rng, 18, nav_words) + "</ul></div></li>")
    dept = "".join(f'<li><a href="http://www.jcgov.gov.cn/bm/{i:03d}/">{d}</a></li>' for i, d in enumerate(
        ["市发展和改革委员会", "市教育局", "市科学技术局", "市工业和信息化局", "市公安局", "市民政局", "市司法局", "市财政局",
         "市人力资源和社会保障局", "市自然资源局", "市生态环境局", "市住房和城乡建设局", "市交通运输局", "市水务局", "市农业农村局",
         "市商务局", "市文化和旅游局", "市卫生健康委员会", "市应急管理局", "市审计局", "市市场监督管理局", "市统计局", "市医疗保障局"] * 3))
    side = filler_links(rng, 60, nav_words)
    pre = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="SiteName" content="晋城市人民政府" />
<meta name="SiteDomain" content="www.jcgov.gov.cn" />
<meta name="SiteIDCode" content="1405000001" />
<meta name="ColumnName" content="政府信息公开年报" />
<meta name="ArticleTitle" content="{doc.short}{doc.year}年政府信息公开工作年度报告" />
<meta name="PubDate" content="{doc.pub[0]}-{doc.pub[1]:02d}-{doc.pub[2]:02d} 09:30" />
<title>{doc.short}{doc.year}年政府信息公开工作年度报告_政府信息公开年报_晋城市人民政府</title>
<link href="/images/common.css" rel="stylesheet" type="text/css" />
<link href="/images/xxgk.css" rel="stylesheet" type="text/css" />
<style type="text/css">
{big_css(rng, 140)}
</style>
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
{scripts_block("jcgov")}
</head>
<body>
<div class="topbar"><div class="w1200"><span class="welcome">欢迎访问晋城市人民政府门户网站！</span>
<script type="text/javascript">var d = new Date(); document.write(d.getFullYear() + "-" + (d.getMonth() + 1) + "-" + d.getDate());</script>
<a href="javascript:void(0)" onclick="setFont(16)">大</a> <a href="javascript:void(0)" onclick="setFont(14)">中</a>
<a href="/wza/" class="wza">无障碍</a> <a href="/yd/">移动版</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="晋城市人民政府" /></div>
<form action="/search/" method="get"><input name="q" type="text" value="请输入关键字" onfocus="if(this.value==&quot;请输入关键字&quot;)this.value=&quot;&quot;" /></form></div>
<div class="nav"><ul>{"".join(menus)}</ul></div>
<div class="w1200 main">
<div class="left-side"><h3>政府信息公开</h3><ul class="side-list">{side}</ul>
<h3>部门信息公开</h3><ul class="dept-list">{dept}</ul></div>
<div class="right-main">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgk/">政府信息公开</a> &gt; <a href="/zwgk/xxgk/nb/">政府信息公开年报</a></div>
{info_index(doc, "11140500012345678X/" + str(doc.pub[0]) + "-00" + str(rng.randint(100, 999)), "无")}
<div class="article">
<h1 class="art-title">{doc.short}{doc.year}年政府信息公开工作年度报告</h1>
<div class="art-info">来源：{doc.body}办公室&nbsp;&nbsp;发布时间：{doc.pub[0]}-{doc.pub[1]:02d}-{doc.pub[2]:02d}&nbsp;&nbsp;浏览次数：<span id="hits">{rng.randint(300, 3000)}</span>
&nbsp;&nbsp;【字体：<a href="javascript:setFont(16)">大</a> <a href="javascript:setFont(14)">中</a> <a href="javascript:setFont(12)">小</a>】</div>
<div class="art-con" id="zoom">
"""
    # pad the chrome so the editor div starts about 50 KB into the page
    pad_rng = random.Random(f"{SEED}:pad:{doc.name}")
    while len(pre.encode("gb2312")) < 50000:
        pre = pre.replace('<div class="right-main">', '<div class="hot-list"><ul>' + filler_links(pad_rng, 20, nav_words)
                          + '</ul></div>\n<div class="right-main">', 1)
    editor = f"""<div class=TRS_Editor><style type="text/css">
.TRS_Editor P{{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}}.TRS_Editor DIV{{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}}.TRS_Editor TD{{margin-top:0px;margin-bottom:0px;line-height:1.8;font-family:宋体;font-size:12pt;}}.TRS_Editor TH{{margin-top:0px;margin-bottom:0px;line-height:1.8;font-family:宋体;font-size:12pt;}}
</style>
<div class=TRS_Editor>
{report}
</div></div>
"""
    post = f"""</div>
<div class="art-tools"><script type="text/javascript">document.write(shareHtml);</script>
<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h4>相关信息</h4><ul>{filler_links(rng, 8, ["晋城市2021年政府信息公开工作年度报告", "晋城市2020年政府信息公开工作年度报告", "晋城市2019年政府信息公开工作年度报告"])}</ul></div>
</div></div></div>
{chrome_footer("晋城市", "晋城市人民政府办公室", "0356-2196071", "晋ICP备05003731号", "1405000001", "晋公网安备 14050202000123号", "23584117", "晋城市凤台东街2299号")}
</body>
</html>
"""
    return pre + editor + post, "gb2312"


# ---- page 2: Word "save as web page" pasted into a CMS layout table, GBK, county -----------------
WORD_TD = ("<td width={w}{sp} valign=center style='width:{wpt}pt;border:solid windowtext 1.0pt;"
           "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:{h}pt'>")


def word_p(inner, align="center"):
    return (f"<p class=MsoNormal align={align} style='text-align:{align};line-height:15.0pt;mso-line-height-rule:exactly'>"
            f"{inner}</p>")


def word_text(t, size="10.5"):
    """Chinese text with the digits and Latin in <span lang=EN-US> runs, as Word writes them."""
    parts = re.split(r"([0-9A-Za-z.]+)", t)
    out = []
    for p in parts:
        if not p:
            continue
        if re.fullmatch(r"[0-9A-Za-z.]+", p):
            out.append(f"<span lang=EN-US style='font-size:{size}pt;font-family:\"Times New Roman\";"
                       f"mso-fareast-font-family:仿宋_GB2312'>{p}</span>")
        else:
            out.append(f"<span style='font-size:{size}pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>"
                       f"{html.escape(p, quote=False)}</span>")
    return "".join(out)


def word_list_label(label):
    """'3.危及…' with the item number as Word exports a numbered list paragraph."""
    m = re.match(r"^(\d)\.(.*)$", label)
    if not m:
        return word_text(label)
    return ("<!--[if !supportLists]--><span lang=EN-US style='font-size:10.5pt;font-family:\"Times New Roman\";"
            "mso-fareast-font-family:\"Times New Roman\"'><span style='mso-list:Ignore'>" + m.group(1)
            + ".<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span></span><!--[endif]-->"
            + word_text(m.group(2)))


WORD_HEAD = """<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Normal</w:View>
  <w:Zoom>0</w:Zoom>
  <w:TrackMoves/>
  <w:TrackFormatting/>
  <w:PunctuationKerning/>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
  <w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery>
  <w:DisplayVerticalDrawingGridEvery>2</w:DisplayVerticalDrawingGridEvery>
  <w:ValidateAgainstSchemas/>
  <w:Compatibility>
   <w:SpaceForUL/>
   <w:BalanceSingleByteDoubleByteWidth/>
   <w:DoNotLeaveBackslashAlone/>
   <w:UseFELayout/>
  </w:Compatibility>
  <m:mathPr><m:mathFont m:val="Cambria Math"/><m:brkBin m:val="before"/></m:mathPr>
 </w:WordDocument>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:LatentStyles DefLockedState="false" DefUnhideWhenUsed="true" DefSemiHidden="true" DefQFormat="false" DefPriority="99" LatentStyleCount="267">
  <w:LsdException Locked="false" Priority="0" SemiHidden="false" UnhideWhenUsed="false" QFormat="true" Name="Normal"/>
  <w:LsdException Locked="false" Priority="59" SemiHidden="false" UnhideWhenUsed="false" Name="Table Grid"/>
 </w:LatentStyles>
</xml><![endif]--><style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-alt:SimSun;
	mso-font-charset:134;
	mso-generic-font-family:auto;
	mso-font-pitch:variable;
	mso-font-signature:3 680460288 22 0 262145 0;}
@font-face
	{font-family:仿宋_GB2312;
	mso-font-charset:134;
	mso-generic-font-family:modern;
	mso-font-pitch:fixed;
	mso-font-signature:1 135135232 16 0 262144 0;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	mso-style-qformat:yes;
	mso-style-parent:"";
	margin:0cm;
	margin-bottom:.0001pt;
	text-align:justify;
	text-justify:inter-ideograph;
	mso-pagination:none;
	font-size:10.5pt;
	mso-bidi-font-size:12.0pt;
	font-family:"Times New Roman","serif";
	mso-fareast-font-family:宋体;
	mso-font-kerning:1.0pt;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;
	mso-header-margin:42.55pt;
	mso-footer-margin:49.6pt;
	mso-paper-source:0;
	layout-grid:15.6pt;}
div.WordSection1
	{page:WordSection1;}
 /* List Definitions */
 @list l0
	{mso-list-id:1043015771;
	mso-list-type:hybrid;
	mso-list-template-ids:-1612089578 67698703 67698713 67698715 67698703 67698713 67698715 67698703 67698713 67698715;}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
	{mso-style-name:普通表格;
	mso-tstyle-rowband-size:0;
	mso-tstyle-colband-size:0;
	mso-style-noshow:yes;
	mso-padding-alt:0cm 5.4pt 0cm 5.4pt;
	font-size:10.0pt;
	font-family:"Times New Roman","serif";}
</style>
<![endif]-->"""


def page_word(doc):
    f = doc.truth
    rng = random.Random(f"{SEED}:page:{doc.name}")
    blanks = blank_rows(doc, ("rules",))
    irow = itertools.count()

    def content(c):
        if c.role == "num":
            if c.fid in blanks:
                return word_p("<span lang=EN-US style='font-size:10.5pt'><o:p>&nbsp;</o:p></span>")
            return word_p(word_text(fmt(f[c.fid], c.fid, sep=True)) + "<span lang=EN-US><o:p></o:p></span>")
        t = c.text
        if c.role == "label" and re.match(r"^\d\.", t):
            return word_p(word_list_label(t) + "<span lang=EN-US><o:p></o:p></span>", "left")
        if t in TWO_LINE:
            a, b = TWO_LINE[t].split("<br/>")
            return word_p(word_text(a)) + word_p(word_text(b) + "<span lang=EN-US><o:p></o:p></span>")
        if c.role == "sec":
            return word_p("<b style='mso-bidi-font-weight:normal'>" + word_text(t) + "</b><span lang=EN-US><o:p></o:p></span>", "left")
        return word_p(word_text(t) + "<span lang=EN-US><o:p></o:p></span>")

    def td(c):
        w = {"num": 48, "label": 160, "head": 60, "sec": 560, "topleft": 230}[c.role]
        return WORD_TD.format(w=w, sp=spans_bare(c), wpt=w * 0.75, h="15.75") + content(c) + "</td>"

    def tr(i):
        n = next(irow)
        return f"<tr style='mso-yfti-irow:{n};{'mso-yfti-firstrow:yes;' if i == 0 else ''}height:15.75pt'>"

    topen = ("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=568 style='width:426.1pt;"
             "border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;"
             "mso-padding-alt:0cm 5.4pt 0cm 5.4pt;mso-border-insideh:.5pt solid windowtext;mso-border-insidev:.5pt solid windowtext'>")
    tables = {
        "t2": "\n".join(render_grid(g, td, topen, tr) for g in grid_t2(doc.template, "small")),
        "t3": render_grid(grid_t3(doc.collapsed), td, topen, tr),
        "t4": render_grid(grid_t4(), td, topen, tr),
    }
    body = []
    for kind, text in blocks(doc):
        if kind in tables:
            body.append("<div align=center>\n" + tables[kind] + "\n</div>")
            body.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
        elif kind == "title":
            body.append("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;mso-line-height-rule:exactly'>"
                        "<span style='font-size:22.0pt;font-family:方正小标宋简体;mso-hansi-font-family:\"Times New Roman\"'>"
                        + text + "</span><span lang=EN-US style='font-size:22.0pt'><o:p></o:p></span></p>")
        elif kind in ("h1", "h2"):
            fam = "黑体" if kind == "h1" else "楷体_GB2312"
            body.append(f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
                        f"mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:{fam}'>{text}</span>"
                        "<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>")
        elif kind == "sign":
            body.append("<p class=MsoNormal align=right style='text-align:right;line-height:28.0pt;mso-line-height-rule:exactly'>"
                        + word_text(text, "16.0") + "<span lang=EN-US><o:p></o:p></span></p>")
        else:
            body.append("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
                        "mso-line-height-rule:exactly'>" + word_text(text, "16.0") + "<span lang=EN-US><o:p></o:p></span></p>")
    word = WORD_HEAD + "\n<div class=WordSection1 style='layout-grid:15.6pt'>\n" + "\n".join(body) + "\n</div>"
    side = filler_links(rng, 30, NEWS)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{doc.short}{doc.year}年政府信息公开工作年度报告</title>
<meta name="keywords" content="政府信息公开,年度报告,{doc.short}">
<link rel="stylesheet" type="text/css" href="/templates/default/css/style.css">
<style type="text/css">
body {{ margin:0; font-size:12px; }}
.content td {{ font-size:14px; line-height:28px; }}
</style>
{scripts_block("pingshun")}
</head>
<body topmargin="0" leftmargin="0">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td height="120" background="/templates/default/images/top.jpg">&nbsp;</td></tr>
  <tr><td height="36" class="nav"><a href="/">网站首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a> | <a href="/zjps/">走进平顺</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="230" valign="top" class="left"><ul>{side}</ul>
      <p>信息公开咨询电话：0355-8898123</p></td>
    <td width="10">&nbsp;</td>
    <td valign="top">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="weizhi">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk/">政务公开</a> &gt;&gt; 年度报告</td></tr>
        <tr><td align="center" class="title"><b>{doc.short}{doc.year}年政府信息公开工作年度报告</b></td></tr>
        <tr><td align="center" class="info">发布时间：{doc.pub[0]}年{doc.pub[1]}月{doc.pub[2]}日 &nbsp; 来源：{doc.body}办公室 &nbsp; 点击数：{rng.randint(100, 2000)}</td></tr>
        <tr><td class="content" id="zoom">
{word}
        </td></tr>
      </table>
    </td>
  </tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">
  <tr><td align="center">版权所有：{doc.body} &nbsp; 主办：{doc.body}办公室 &nbsp; 电话：0355-8898100</td></tr>
  <tr><td align="center">晋ICP备10004562号-1 &nbsp; 网站标识码：1404250001 &nbsp; 晋公网安备 14042502000031号</td></tr>
  <tr><td align="center">访问统计：<script language="javascript" src="/count/count.asp?id=1"></script>126,853</td></tr>
</table>
</body>
</html>
"""
    return page, "gbk"


# ---- page 3: traditional characters, Big5 ---------------------------------------------------------
TRAD_PHRASES = [("答复", "答覆"), ("反复", "反覆"), ("联系", "聯繫"), ("发布", "發佈"), ("公布", "公佈")]
TRAD_CHARS = (  # simplified -> traditional for the characters of these pages that corpusgen.chinese.S2T lacks
    "里裏 尧堯 鸣鳴 讯訊 级級 极極 双雙 须須 杂雜 样樣 层層 范範 于於 后後 台臺 并並 余餘 间間 识識 门門 众眾 个個 们們 "
    "营營 镇鎮 谈談 细細 划劃 热熱 邮郵 传傳 览覽 浏瀏 贯貫 彻徹 习習 宽寬 岗崗 紧緊 扩擴 节節 显顯 谐諧 闻聞 馈饋 觉覺 "
    "渐漸 历歷 产產 车車 连連 际際 让讓 乐樂 邻鄰 测測 两兩 东東 闭閉 别別 势勢 约約 帮幫 声聲 积積 准準 "
    "营營 济濟 条條 钟鐘 储儲 复復 团團 务務 权權 据據 录錄 档檔 归歸 养養 卫衛 兴興 义義 题題 够夠 齐齊 单單 较較 "
    "员員 参參 绕繞 压壓 实實 点點 优優 华華 张張 检檢 将將 绩績 畅暢 与與 坚堅 围圍 则則 导導 图圖 贵貴 问問 号號 "
    "时時 称稱 编編 综綜 载載 阅閱 监監 责責 术術 断斷 续續 缴繳 纳納 继繼 获獲 逾逾 当當 无無 访訪 执執 询詢 护護 稳穩 "
    "类類 过過 处處 决決 现現 废廢 额額 费費 强強 罚罰 许許 总總 结結 维維 纠糾 讼訟 诉訴 议議 项項 数數 统統 计計 "
    "属屬 线線 话話 电電 栏欄 专專 设設 标標 领領 织織 组組 认認 确確 读讀 频頻 视視 乡鄉 县縣 调調 协協 环環 经經 "
    "办辦 补補 报報 举舉 长長 开開 为為 这這 关關 进進 对對 应應 广廣 态態 动動 户戶 区區 质質 严嚴 发發 审審 规規 网網 "
    "书書 劳勞 预預 资資 财財 会會 体體 业業 机機 构構 请請 转轉 没沒 获獲 卷卷 邻鄰 简簡 汉漢 阳陽 运運 达達 "
    "论論 览覽 页頁 启啟 码碼 备備 晋晉 储儲 搜搜 索索 浏瀏 览覽 辞辭 职職 聘聘 才才 场場 价價 税稅 贸貿 易易 "
    "农農 业業 渔漁 药藥 医醫 疗療 险險 灾災 疫疫 宁寧 观觀 欢歡 迎迎 问問 题題 馆館 闲閒 际際 轻輕 输輸 绍紹 "
)


MY_S2T = dict(chinese.S2T)
for _pair in TRAD_CHARS.split():
    if _pair[0] != _pair[1]:
        MY_S2T[_pair[0]] = _pair[1]
MY_T2S = {v: k for k, v in MY_S2T.items()}
MY_T2S.update({"覆": "复", "佈": "布", "繫": "系", "於": "于", "裏": "里", "後": "后", "製": "制"})


def to_big5_trad(s):
    for a, b in TRAD_PHRASES:
        s = s.replace(a, b)
    return "".join(MY_S2T.get(ch, ch) for ch in s)


def to_simp(s):
    return "".join(MY_T2S.get(ch, ch) for ch in s)


def page_big5(doc):
    f = doc.truth
    rng = random.Random(f"{SEED}:page:{doc.name}")

    def content(c):
        if c.role == "num":
            return f'<p align="center"><span style="font-size:12pt">{fmt(f[c.fid], c.fid)}</span></p>'
        t = html.escape(c.text, quote=False)
        if c.text in TWO_LINE:
            t = TWO_LINE[c.text]
        return f'<p align="center">{t}</p>' if c.role != "sec" else f'<p align="left"><b>{t}</b></p>'

    def td(c):
        return f'<td{spans(c)} style="border:solid windowtext 1.0pt;padding:0cm 5.4pt">{content(c)}</td>'

    topen = '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none" align="center">'
    tables = {
        "t2": "\n".join(render_grid(g, td, topen) for g in grid_t2(doc.template, "small")),
        "t3": render_grid(grid_t3(doc.collapsed), td, topen),
        "t4": render_grid(grid_t4(), td, topen),
    }
    body = render_blocks(doc, tables, {
        "title": '<p align="center"><b><span style="font-size:18pt">{text}</span></b></p>',
        "h1": '<p style="text-indent:2em"><b>{text}</b></p>',
        "sign": '<p align="right">{text}</p>',
        "p": '<p style="text-indent:2em">{text}</p>',
    })
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=big5">
<title>{doc.short}{doc.year}年政府信息公开工作年度报告-临汾市人民政府门户网站</title>
<style type="text/css">
.fanti a {{ color:#900; }}
.detail td {{ font-size:14px; }}
</style>
<script type="text/javascript">
var isTrad = true;
function switchLang() {{ if (isTrad) {{ location.href = location.href.replace("/big5/", "/"); }} }}
document.write("<a href=\\"javascript:switchLang()\\" class=\\"fanti\\">简体版</a>");
</script>
</head>
<body>
<div class="top">臨汾市人民政府門戶網站 <a href="javascript:switchLang()">简体</a> | 繁體 | <a href="/wza/">無障礙瀏覽</a></div>
<div class="nav"><a href="/">首頁</a> <a href="/zwgk/">政務公開</a> <a href="/zwfw/">政務服務</a> <a href="/hdjl/">互動交流</a></div>
<div class="position">當前位置：首頁 &gt; 政務公開 &gt; 政府信息公開年報</div>
<div class="detail">
<h2>{doc.short}{doc.year}年政府信息公開工作年度報告</h2>
<div class="info">發佈時間：{doc.pub[0]}-{doc.pub[1]:02d}-{doc.pub[2]:02d}　來源：{doc.body}辦公室　瀏覽次數：{rng.randint(100, 900)}</div>
<div id="zoom">
{chr(10).join(body)}
</div>
</div>
<div class="share">分享到:</div>
<div class="footer">
<p>主辦單位:山西省臨汾市人民政府辦公室 · 版權所有</p>
<p>承辦單位:臨汾市政府信息化中心　聯繫電話：0357-2021456</p>
<p>晉ICP備05003731號 網站標識碼:1410000039　晉公網安備 14100202000112號</p>
<p>涉密文件嚴禁上網</p>
<p>臨汾市人民政府門戶網站提示:使用大于1366*768分辨率/IE10.0或以上瀏覽器可以獲得最佳瀏覽效果!</p>
</div>
</body>
</html>
"""
    # encoded as cp950 (Big5 with the ETEN extensions, as Windows writes it): 裏 is F9D8, outside strict Big5
    # but inside the WHATWG big5 index browsers use for charset=big5
    return to_big5_trad(page), "cp950"


# ---- page 4: UTF-8, 2019 template -----------------------------------------------------------------
def page_utf8_2019(doc):
    f = doc.truth
    rng = random.Random(f"{SEED}:page:{doc.name}")

    def content(c):
        if c.role == "num":
            v = fmt(f[c.fid], c.fid, sep=True)
            return f'<span style="font-family:&#39;Times New Roman&#39;;font-size:16px">{v}</span>'
        t = html.escape(c.text, quote=False)
        if c.text in TWO_LINE:
            t = TWO_LINE[c.text]
        if c.role in ("head", "sec"):
            return f'<strong><span style="font-family:&#39;黑体&#39;">{t}</span></strong>'
        return f'<span style="font-family:&#39;仿宋_GB2312&#39;">{t}</span>'

    def td(c):
        al = "left" if c.role in ("label", "sec") else "center"
        return f'<td{spans(c)} style="border:1px solid #333;text-align:{al};vertical-align:middle;padding:2px 4px">{content(c)}</td>'

    topen = '<table width="100%" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:0 auto">\n<tbody>'
    tables = {
        "t2": render_grid(grid_t2(doc.template, "one")[0], td, topen).replace("</table>", "</tbody></table>"),
        "t3": render_grid(grid_t3(doc.collapsed), td, topen).replace("</table>", "</tbody></table>"),
        "t4": render_grid(grid_t4(), td, topen).replace("</table>", "</tbody></table>"),
    }
    body = render_blocks(doc, tables, {
        "table": '<div class="table-wrap" style="overflow-x:auto">{text}</div>',
        "h1": '<p style="text-indent:2em"><strong>{text}</strong></p>',
        "h2": '<p style="text-indent:2em"><span style="font-family:&#39;楷体&#39;">{text}</span></p>',
        "sign": '<p style="text-align:right">{text}</p>',
        "p": '<p style="text-indent:2em">{text}</p>',
    })
    related = filler_links(rng, 10, NEWS)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{doc.short}{doc.year}年政府信息公开工作年度报告 - {doc.body}</title>
<link rel="stylesheet" href="/static/css/article.css?v=20200115">
<script>
  window.__INITIAL_STATE__ = {{"channel":"xxgknb","id":"{rng.randint(10 ** 7, 10 ** 8)}","pv":{rng.randint(100, 9000)},"tpl":"<div class=\\"art\\"></div>"}};
  function fontZoom(n) {{ var z = document.getElementById('zoom'); if (n > 0 && n < 30) z.style.fontSize = n + 'px'; }}
</script>
</head>
<body>
<header class="site-header"><div class="container"><a class="logo" href="/">{doc.body}</a>
<nav><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a></nav></div></header>
<main class="container">
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <span>政府信息公开年报</span></div>
<article>
<h1 class="article-title">{doc.short}{doc.year}年政府信息公开工作年度报告</h1>
<div class="meta"><span>发布日期：{doc.pub[0]}-{doc.pub[1]:02d}-{doc.pub[2]:02d}</span><span>信息来源：{doc.body}办公室</span><span>阅读量：<i id="pv">{rng.randint(100, 5000)}</i></span></div>
<div class="article-content" id="zoom">
{chr(10).join(body)}
</div>
</article>
<aside><h3>相关阅读</h3><ul>{related}</ul></aside>
</main>
<footer><p>主办单位：{doc.body}办公室　联系电话：0553-5841234</p>
<p>皖ICP备05001888号-2　网站标识码：3402070003　皖公网安备 34020702000456号</p>
<p>Copyright © 2019-2021 All Rights Reserved</p></footer>
</body>
</html>
"""
    return page, "utf-8"


# ---- page 5: department, nested layout tables, <font>/<b>/<strong>, blanks, UTF-8 (http-equiv) ----
def page_nested(doc):
    f = doc.truth
    rng = random.Random(f"{SEED}:page:{doc.name}")
    blanks = blank_rows(doc, ("t3", "rules"))

    def content(c):
        if c.role == "num":
            if c.fid in blanks:
                return "<p>&nbsp;</p>"
            v = fmt(f[c.fid], c.fid)
            if c.fid.endswith(".total"):
                return f'<p align="center"><b><font face="仿宋_GB2312" size="3">{v}</font></b></p>'
            return f'<p align="center"><font face="仿宋_GB2312" size="3">{v}</font></p>'
        t = html.escape(c.text, quote=False)
        if c.text in TWO_LINE:
            t = TWO_LINE[c.text]
        if c.role in ("head", "topleft"):
            return f'<p align="center"><strong><font face="黑体" size="2">{t}</font></strong></p>'
        if c.role == "sec":
            return f'<p><b><font face="黑体" size="3">{t}</font></b></p>'
        return f'<p><font face="仿宋_GB2312" size="3">{t}</font></p>' if c.text != truth.L_RESULT else (
            '<p><font face="仿宋_GB2312" size="3"><span>三、本</span><span>年度办</span><span>理结果</span></font></p>')

    def td(c):
        return f'<td{spans(c)} style="border:1px solid #000;font-family:&#39;仿宋_GB2312&#39;">{content(c)}</td>'

    topen = '<table border="1" cellspacing="0" cellpadding="4" bordercolor="#000000" style="border-collapse:collapse" width="96%" align="center">'
    tables = {
        "t2": "\n".join(render_grid(g, td, topen) for g in grid_t2(doc.template, "small")),
        "t3": render_grid(grid_t3(doc.collapsed), td, topen),
        "t4": render_grid(grid_t4(), td, topen),
    }
    body = render_blocks(doc, tables, {
        "h1": '<p style="text-indent:2em"><font face="黑体" size="4">{text}</font></p>',
        "sign": '<p align="right"><font face="仿宋_GB2312" size="4">{text}</font></p>',
        "p": '<p style="text-indent:2em"><font face="仿宋_GB2312" size="4">{text}</font></p>',
    })
    left = filler_links(rng, 16, NEWS)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{doc.short}{doc.year}年政府信息公开工作年度报告</title>
<style>
td {{ font-size:12px; color:#333; }}
.bt {{ font-size:20px; font-weight:bold; color:#c00; }}
</style>
<script language="JavaScript">
function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}
var tip = '<font color="red">本页面内容仅供参考，以正式文件为准</font>';
</script>
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td><img src="/images/banner.jpg" width="980" height="150"></td></tr>
<tr><td bgcolor="#1a5fa8" height="32"><font color="#ffffff">首页 | 机构概况 | 政务公开 | 政策法规 | 办事指南 | 公众参与</font></td></tr>
</table>
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr>
<td width="220" valign="top" bgcolor="#f3f7fb"><table width="100%" border="0"><tr><td><b>信息公开目录</b></td></tr>
<tr><td><ul>{left}</ul></td></tr></table></td>
<td width="760" valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td height="30">当前位置：首页 &gt;&gt; 政务公开 &gt;&gt; 政府信息公开年报</td></tr>
<tr><td align="center" class="bt">{doc.short}{doc.year}年政府信息公开工作年度报告</td></tr>
<tr><td align="center">发布日期：{doc.pub[0]}-{doc.pub[1]:02d}-{doc.pub[2]:02d}&nbsp;&nbsp;&nbsp;&nbsp;文章来源：本站&nbsp;&nbsp;&nbsp;&nbsp;【<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</td></tr>
<tr><td id="zoom" style="padding:10px 20px;font-size:14px;line-height:2">
<table width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td>
{chr(10).join(body)}
</td></tr></table>
</td></tr>
</table>
</td>
</tr>
</table>
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center" bgcolor="#eeeeee">
<tr><td align="center" height="80">主办：{doc.body}　地址：晋中市榆次区迎宾西街8号　电话：0354-3035266<br>
晋ICP备13002468号　网站标识码：1407000022　更新日期：{doc.pub[0]}年{doc.pub[1]}月{doc.pub[2]}日</td></tr>
</table>
</body>
</html>
"""
    return page, "utf-8"


PAGES = {"trs": page_trs, "word": page_word, "big5": page_big5, "utf8_2019": page_utf8_2019, "nested": page_nested}


# ====================================================================================================
# The documents
# ====================================================================================================
def docs_web():
    D = Doc
    return [
        D("web_cms_trs_gb2312", "web_cms", "2021", 2022, "晋城市人民政府", "晋城市", "city", "large", 1,
          "TRS CMS page (GB2312 via http-equiv): report in an unquoted class=TRS_Editor div ~50 KB into a page of menus, "
          "inline scripts (< and \" in JS strings, document.write of HTML), a big <style>, an 索引号/发布日期 table and a footer "
          "of phone/ICP/网站标识码/visit-counter digits; cells as <p style=...><span style=...>; 三、本/年度办/理结果 over three <p> with "
          "&nbsp; &nbsp;; 服<span>务</span>; blank <td><p>&nbsp;</p></td> for every zero of table 三; 结果<br/>纠正; rowspan 22, colspan 10; "
          "&#39; in style attributes; table 二 as one table with section rows; no <th>",
          opts={"page": "trs"}),
        D("web_cms_word_gbk", "web_cms", "2021", 2023, "平顺县人民政府", "平顺县", "county", "small", 2,
          "Word 'save as web page' output (class=MsoNormal, mso- styles, <o:p>, <!--[if gte mso 9]><xml>, "
          "<!--[if !supportLists]--> item numbers 1. in table 三's labels, <span lang=EN-US> digits) pasted into a CMS page "
          "built from nested layout tables (GBK); table 二 as four small tables with 规章 blank (<o:p>&nbsp;</o:p>) = 0",
          opts={"page": "word"}),
        D("web_cms_big5_trad", "web_cms", "2021", 2023, "临汾市尧都区人民政府", "临汾市尧都区", "county", "medium", 3,
          "Big5 page in traditional characters (臨汾市堯都區, 總計, 無正當理由大量反覆申請, 答覆, 裏); issuer expected in simplified",
          opts={"page": "big5", "extra_reply": "对申请人提出的政府信息公开申请，全部在法定期限里予以答复，未发生逾期答复情况。"},
          issuer="临汾市尧都区人民政府"),
        D("web_cms_utf8_2019", "web_cms", "2019", 2020, "芜湖市鸠江区人民政府", "芜湖市鸠江区", "county", "medium", 4,
          "UTF-8 (<meta charset=\"utf-8\">) article page, 2019 template (year 2020): table 二 as one table with 第（九）项 "
          "政府集中采购, 本年增/减 printed -3, thousands separators, <strong> header cells, &#39; in attributes, <tbody>",
          active={"active.licensing.change": -3, "active.penalty.change": 4, "active.fees.change": -1},
          opts={"page": "utf8_2019"}),
        D("web_cms_nested_font_utf8", "web_cms", "2021", 2022, "晋中市自然资源局", "晋中市自然资源局", "dept", "small", 5,
          "department page of nested layout tables (report three tables deep), cells with <font face size>, <b>, <strong>; "
          "blank cells for the zeros of table 三 and of 规章; 结果<br/>纠正; table 二 as four small tables; UTF-8 via http-equiv",
          opts={"page": "nested"}),
    ]


def m_row_total_new(f):
    # 一、本年新收 × 总计 printed one too high: row_total (that row) and balance (总计 column)
    f["apps.new_received.total"] += 1


def m_review(f):
    # 行政复议 2 + 1 printed with 总计 2
    f.update({"review.upheld": 2, "review.corrected": 1, "review.other": 0, "review.pending": 0, "review.total": 2})


def docs_crawl():
    D = Doc
    return [
        D("crawl_county_oneline", "crawl", "2021", 2022, "陵川县人民政府", "陵川县", "county", "small", 11,
          "crawler text, whole body on ONE line after a 标题/发布时间/发布机构/原文链接 header; county, small numbers; "
          "every table cell glued; stray spaces inside numbers and labels",
          active={"active.normative.issued": 5, "active.normative.repealed": 0, "active.normative.in_force": 8},
          opts={"lines": "one", "header": "colon", "url": "http://www.lingchuan.gov.cn/zwgk/zfxxgk/ndbg/{y}{m:02d}/t{y}{m:02d}{d:02d}_1716301.shtml"}),
        D("crawl_city_ambiguous", "crawl", "2021", 2023, "长治市人民政府", "长治市", "city", "large", 12,
          "crawler text, a line per section; city, hundreds to thousands; the 规章 row glued as 0345 (0|3|45 or 0|34|5) and "
          "the 行政规范性文件 row with several readings: those cells expected null with a glued_cells warning; table 三 rows "
          "unique by the row and column identities",
          active={"active.rules.issued": 0, "active.rules.repealed": 3, "active.rules.in_force": 45,
                  "active.normative.issued": 26, "active.normative.repealed": 4, "active.normative.in_force": 312},
          opts={"lines": "sections", "header": "colon_src", "url": "https://www.changzhi.gov.cn/zwgk/zfxxgkml/ndbg/{y}{m:02d}/t{y}{m:02d}{d:02d}_2417705.shtml",
                "space_num": 0.25, "ambiguous": True}),
        D("crawl_2019_dept", "crawl", "2019", 2020, "阳城县市场监督管理局", "阳城县市场监督管理局", "dept", "small", 13,
          "crawler text ([标题] header), 2019 template: （六）其他处理 one row, table 二 with 上一年项目数量/本年增减/处理决定数量 and "
          "政府集中采购 (4 | 0.86 万元), items numbered 1、2、; a line per paragraph, each table on one line",
          active={"active.rules.made": 0, "active.rules.published": 0, "active.rules.total_public": 0,
                  "active.normative.made": 2, "active.normative.published": 2, "active.normative.total_public": 9,
                  "active.licensing.prev_items": 0, "active.licensing.change": 0, "active.licensing.decisions": 0,
                  "active.other_services.prev_items": 3, "active.other_services.change": 1, "active.other_services.decisions": 7,
                  "active.penalty.prev_items": 0, "active.penalty.change": 0, "active.penalty.decisions": 1850,
                  "active.coercion.prev_items": 0, "active.coercion.change": 0, "active.coercion.decisions": 64,
                  "active.fees.prev_items": 2, "active.fees.change": 0,
                  "active.procurement.items": 4, "active.procurement.amount": 0.86},
          opts={"lines": "paras", "header": "bracket", "numbering": "、",
                "url": "http://www.yczf.gov.cn/zwgk/bmxxgk/scjgj/{y}{m:02d}/t{y}{m:02d}{d:02d}_88213.html"}),
        D("crawl_violation_county", "crawl", "2021", 2021, "沁水县人民政府", "沁水县", "county", "tiny", 14,
          "crawler text on one line; the report's own numbers break row_total and balance (一、本年新收 总计 printed one too "
          "high: 3100106 read 3|1|0|0|1|0|6, its only split) and review_total (行政复议 2 1 0 0 2, table 四 15 single digits): the split must not fix them",
          mutate=lambda f: (m_row_total_new(f), m_review(f)),
          opts={"lines": "one", "header": "colon", "url": "http://www.qinshui.gov.cn/zwgk/zfxxgk/ndbg/{y}{m:02d}/t{y}{m:02d}{d:02d}_1601.shtml"}),
        D("crawl_district_crossrow", "crawl", "2021", 2022, "太原市万柏林区人民政府", "太原市万柏林区", "county", "medium", 15,
          "crawler text, a few long lines; district, tens; one row of table 三 has two readings by its own identity and is "
          "decided by the column identities (balance/outcome_sum); 规章 000 and 规范性文件 0|0|37",
          active={"active.normative.issued": 0, "active.normative.repealed": 0, "active.normative.in_force": 37},
          opts={"lines": "sections", "header": "colon", "crossrow": True,
                "url": "http://www.wanbailin.gov.cn/zfxxgk/ndbg/{y}{m:02d}/t{y}{m:02d}{d:02d}_1188532.shtml"}),
        D("crawl_county_spaces", "crawl", "2021", 2023, "襄垣县人民政府", "襄垣县", "county", "small", 16,
          "crawler text with many stray spaces inside numbers and labels (社会公益 组织, 230 000023 style), chrome words "
          "(字号：大 中 小 / 分享到) around the body, a line per paragraph",
          active={"active.normative.issued": 4, "active.normative.repealed": 1, "active.normative.in_force": 9},
          opts={"lines": "paras", "header": "colon_src", "space_num": 0.6, "space_label": 0.35,
                "pre": "【字号：大 中 小】【打印】【关闭】\n", "post": "\n分享到：微信 微博 QQ空间\n扫一扫在手机打开当前页",
                "url": "http://www.xiangyuan.gov.cn/xxgk/ndbg/{y}{m:02d}/t{y}{m:02d}{d:02d}_1903317.shtml"}),
    ]


# (pdf name, modes).  pdf_17 (zeros printed as blank cells) is left out in both modes: -raw drops the
# blank cells, and -layout keeps no column positions a reader could rely on (measured: the same column's
# numbers stand 10 and more characters apart from one row to the next, depending on the label beside
# them), so which column a lone number stands in is not in the text at all.
EXTRACTS = [
    ("pdf_06_split_repeat_header", ("layout", "raw")),
    ("pdf_07_split_no_repeat", ("layout", "raw")),
    ("pdf_08_norules", ("layout", "raw")),
    ("pdf_09_landscape_sec4", ("layout", "raw")),
    ("pdf_14_tpl2019_y2019", ("layout", "raw")),
    ("pdf_16_variant_labels", ("layout", "raw")),
]
OCR_SOURCE = "pdf_06_split_repeat_header"


# ====================================================================================================
# Writing
# ====================================================================================================
def expected_doc(source, template, year, issuer, fields, violations, findings=None):
    d = {"source": source, "template": template, "year": year, "issuer": issuer, "fields": fields,
         "violations": violations}
    if findings:
        d["expect_findings"] = findings
    return json.dumps(d, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write_expected(name, text):
    with open(os.path.join(EXPECTED, name + ".json"), "w", encoding="utf-8") as fh:
        fh.write(text)


def check_field_set(doc, fields):
    want = set(truth.field_ids(doc.template, doc.collapsed and doc.template == "2021"))
    assert set(fields) == want, (doc.name, set(fields) ^ want)


def tune_crawl(doc):
    """Crawled docs must be uniquely determined except where the doc is meant to be ambiguous; the
    table-三/四 numbers are redrawn (seed suffix) until that holds, deterministically."""
    base = doc
    for attempt in range(200):
        d = base if attempt == 0 else rebuild(base, attempt)
        segs = crawl_segments(d)
        rows = crawl_rows(segs)
        sol, summ = solve_doc(d, rows)
        t34_null = [x for x in summ["null"] + summ["disagree"] if not x.startswith("active.")]
        t2_null = [x for x in summ["null"] + summ["disagree"] if x.startswith("active.")]
        ok = not t34_null and (bool(t2_null) == bool(d.opts.get("ambiguous")))
        if d.opts.get("crossrow") and not summ["cross_row"]:
            ok = False
        if ok:
            return d, segs, sol, summ
    raise SystemExit(f"{doc.name}: no seed gave the wanted determinacy")


REBUILD_ARGS = {}


def rebuild(doc, attempt):
    a = REBUILD_ARGS[doc.name]
    kw = dict(a["kw"])
    return Doc(a["name"], a["kind"], a["template"], a["year"], a["body"], a["short"], a["level"], a["scale"],
               f"{a['seed']}.{attempt}", a["note"], **kw)


def remember_args(fn):
    """Wrap Doc so the crawl docs can be redrawn with another seed."""
    def wrapped(*args, **kw):
        names = ["name", "kind", "template", "year", "body", "short", "level", "scale", "seed", "note"]
        a = dict(zip(names, args))
        a["kw"] = kw
        REBUILD_ARGS[a["name"]] = a
        return fn(*args, **kw)
    return wrapped


def build_crawl(doc):
    if doc.opts.get("crossrow"):
        doc = force_crossrow(doc)
    doc, segs, sol, summ = tune_crawl(doc)
    text = crawl_text(doc)
    with open(os.path.join(CORPUS, doc.source), "w", encoding="utf-8") as fh:
        fh.write(text)
    fields = {k: doc.expected[k] for k in doc.truth}
    check_field_set(doc, fields)
    findings = [{"rule": "glued_cells", "severity": "warning" if any(v is None for v in fields.values()) else "info"}]
    write_expected(doc.name, expected_doc(doc.source, doc.template, doc.year, doc.issuer, fields, doc.violations, findings))
    return doc, summ


def force_crossrow(doc):
    """Make one outcome row of table 三 have two readings by its own identity, decided by the columns:
    自然人 1 and 商业企业 10 with 总计 11 (run 110000011) also reads 11 | 0 | … | 11.  Every row of table 三
    is then fixed by hand (from the drawn truth), so redraws only change table 四."""
    a = REBUILD_ARGS[doc.name]
    kw = dict(a["kw"])
    f = doc.truth
    row = "apps.denied.third_party_rights"
    six = [1, 10, 0, 0, 0, 0]
    apps = {p: [f[f"{p}.{c}"] for c in APPL] for p in truth.OUTCOME_PREFIXES_2021}
    apps[row] = six
    old = [f[f"{row}.{c}"] for c in APPL]
    apps["apps.new_received"] = [f[f"apps.new_received.{c}"] - o + s for c, o, s in zip(APPL, old, six)]
    apps["apps.carried_over"] = [f[f"apps.carried_over.{c}"] for c in APPL]
    kw["apps"] = apps
    a["kw"] = kw
    return Doc(a["name"], a["kind"], a["template"], a["year"], a["body"], a["short"], a["level"], a["scale"],
               a["seed"], a["note"], **kw)


def build_web(doc):
    page, enc = PAGES[doc.opts["page"]](doc)
    data = page.encode(enc)   # strict: every character must exist in the declared charset
    with open(os.path.join(CORPUS, doc.source), "wb") as fh:
        fh.write(data)
    fields = dict(doc.truth)
    check_field_set(doc, fields)
    write_expected(doc.name, expected_doc(doc.source, doc.template, doc.year, doc.issuer, fields, doc.violations))
    i = max(page.find("一、总体情况"), page.find("一、總體情況"))
    return len(data), len(page[:i].encode(enc))


def pdftotext(pdf, mode):
    r = subprocess.run(["pdftotext", "-" + mode, pdf, "-"], capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def build_extracts():
    out = []
    for name, modes in EXTRACTS:
        exp = json.load(open(os.path.join(EXPECTED, name + ".json"), encoding="utf-8"))
        for mode in modes:
            text = pdftotext(os.path.join(CORPUS, name + ".pdf"), mode)
            stem = f"extract_{mode}_{name}"
            with open(os.path.join(CORPUS, stem + ".txt"), "w", encoding="utf-8") as fh:
                fh.write(text)
            e = dict(exp)
            e["source"] = stem + ".txt"
            write_expected(stem, json.dumps(e, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
            out.append(stem)
    # OCR-like noise on one -layout text
    exp = json.load(open(os.path.join(EXPECTED, OCR_SOURCE + ".json"), encoding="utf-8"))
    text = ocr_noise(pdftotext(os.path.join(CORPUS, OCR_SOURCE + ".pdf"), "layout"))
    stem = f"extract_ocrnoise_{OCR_SOURCE}"
    with open(os.path.join(CORPUS, stem + ".txt"), "w", encoding="utf-8") as fh:
        fh.write(text)
    e = dict(exp)
    e["source"] = stem + ".txt"
    write_expected(stem, json.dumps(e, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    out.append(stem)
    return out


FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
PROSE_MISREADS = [("已", "己"), ("未", "末"), ("日", "曰"), ("人", "入"), ("工作", "エ作"), ("政务", "政努"), ("公开", "公幵")]


def ocr_noise(text):
    """OCR-like noise on a -layout text; changes no digit value (checked in --check).  Every change keeps
    the number of characters of the line, so the columns stay where they were."""
    rng = random.Random(f"{SEED}:ocr")
    out = []
    in_tables = False
    for line in text.split("\n"):
        s = line
        if re.match(r"\s*二、\s*主动公开", s):
            in_tables = True
        elif re.match(r"\s*五、", s):
            in_tables = False
        if in_tables:
            # labels misread as in TEMPLATE.md
            s = s.replace("属于行政执法案卷", "属于行政执法案件").replace("社会公", "社会团").replace("益组织", "体  ")
            s = re.sub(r"(?<![0-9])([1-8])\.(?=[\u4e00-\u9fff])", r"\1、", s)
            if rng.random() < 0.5:
                s = s.replace("（二）", "(二)").replace("（五）", "(五)")

            def cell(m):
                v, r = m.group(0), rng.random()
                if r < 0.07:
                    return v.translate(FW_DIGITS)
                return v
            s = re.sub(r"(?<![0-9,])[0-9][0-9,]*(?![0-9,])", cell, s)
            # a stray ? right after a number, or a | before one, each in place of a space
            chars = list(s)
            for mm in re.finditer(r"(?<=[0-9０-９]) (?= )", s):
                if rng.random() < 0.06:
                    chars[mm.start()] = "?"
            for mm in re.finditer(r"(?<= ) (?=[0-9０-９])", s):
                if rng.random() < 0.05:
                    chars[mm.start()] = "|"
            s = "".join(chars)
        else:
            for a, b in PROSE_MISREADS:
                if a in s and rng.random() < 0.3:
                    s = s.replace(a, b, 1)
            s = s.replace("〔2021〕", "[2021]")
        out.append(s)
    return "\n".join(out)


# ====================================================================================================
# --check
# ====================================================================================================
class Grid(HTMLParser):
    """Table grids of an HTML page (every table, nested ones on their own), cells as text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.stack, self.visible, self.skip = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "table":
            self.stack.append({"rows": []})
        elif not self.stack:
            return
        elif tag == "tr":
            self.stack[-1]["rows"].append([])
        elif tag in ("td", "th"):
            if not self.stack[-1]["rows"]:
                self.stack[-1]["rows"].append([])
            self.stack[-1]["rows"][-1].append({"text": "", "rs": int(a.get("rowspan") or 1), "cs": int(a.get("colspan") or 1)})
        elif tag in ("br", "p"):
            self.data("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        if tag == "table" and self.stack:
            self.tables.append(self.stack.pop())

    def data(self, d):
        if self.stack and self.stack[-1]["rows"] and self.stack[-1]["rows"][-1]:
            self.stack[-1]["rows"][-1][-1]["text"] += d

    def handle_data(self, d):
        if not self.skip:
            self.visible.append(d)
        self.data(d)


def to_grid(t):
    grid, occ = [], {}
    for r, row in enumerate(t["rows"]):
        c = 0
        line = []
        for cell in row:
            while (r, c) in occ:
                line.append(occ[(r, c)])
                c += 1
            for dr in range(cell["rs"]):
                for dc in range(cell["cs"]):
                    occ[(r + dr, c + dc)] = cell
            for _ in range(cell["cs"]):
                line.append(cell)
            c += cell["cs"]
        while (r, c) in occ:
            line.append(occ[(r, c)])
            c += 1
        grid.append(line)
    return grid


def norm(s):
    return re.sub(r"[\s\u00a0\u3000]+", "", to_simp(s))


def cell_value(cell, fid):
    t = norm(cell["text"]).replace(",", "")
    if t == "":
        return 0
    return float(t) if is_money(fid) else int(t)


def uniq(line):
    out = []
    for c in line:
        if not out or out[-1] is not c:
            out.append(c)
    return out


def read_html(path):
    raw = open(path, "rb").read()
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    enc = m.group(1).decode().lower() if m else "utf-8"
    text = raw.decode({"gb2312": "gb2312", "gbk": "gbk", "big5": "big5hkscs"}.get(enc, "utf-8"))
    g = Grid()
    g.feed(text)
    got = {}
    for t in g.tables:
        grid = to_grid(t)
        flat = norm("".join(c["text"] for line in grid for c in uniq(line)))
        if "本年新收" in flat and "申请人情况" in flat:
            for line in grid:
                u = uniq(line)
                if len(u) >= 8:
                    label = norm(u[-8]["text"])
                    got.setdefault("t3", {})[label] = u[-7:]
        elif "行政复议" in flat and "复议后起诉" in flat:
            got["t4"] = uniq(grid[-1])
        else:
            for line in grid:
                u = uniq(line)
                if u and norm(u[0]["text"]) in T2_LABELS and len(u) > 1:
                    got.setdefault("t2", {})[norm(u[0]["text"])] = u[1:]
    return got, "".join(g.visible)


T2_LABELS = {"规章", "行政规范性文件", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"}


def check_html(doc, exp):
    probs = []
    got, text = read_html(os.path.join(CORPUS, doc.source))
    f = exp["fields"]
    read = {}
    for heading, header, rows in t2_sections(doc.template):
        for label, fids in rows:
            cells = got.get("t2", {}).get(label)
            if cells is None or len(cells) != len(fids):
                probs.append(f"table 二 row {label}: {None if cells is None else len(cells)} cells")
                continue
            for x, c in zip(fids, cells):
                read[x] = cell_value(c, x)
    for prefix, _, label in t3_rows(doc.collapsed):
        cells = got.get("t3", {}).get(norm(label))
        if cells is None:
            probs.append(f"table 三 row {label} not found")
            continue
        for c, cell in zip(COLS, cells):
            read[f"{prefix}.{c}"] = cell_value(cell, "")
    cells = got.get("t4") or []
    if len(cells) != 15:
        probs.append(f"table 四: {len(cells)} cells")
    for x, c in zip(T4_FIELDS, cells):
        read[x] = cell_value(c, "")
    for k, v in f.items():
        if read.get(k) != v:
            probs.append(f"{k}: page {read.get(k)} expected {v}")
    if set(read) != set(f):
        probs.append(f"fields read {len(read)} vs expected {len(f)}")
    if truth.identity_violations(read) != exp["violations"]:
        probs.append(f"violations {truth.identity_violations(read)} != declared {exp['violations']}")
    words = [chinese.to_simp(doc.short), f"{doc.year}年1月1日"]
    for w in words:
        if w not in norm(text):
            probs.append(f"text lacks {w}")
    return probs


def recut(doc, text):
    """Re-cut a crawled text into glued runs by locating the known labels (independent of the writer's
    segment list): a row's run is what stands between the end of its label and the start of the next
    row's label (item number included, so "2.其他…" leaves the 2 out), up to the first character that is
    not a digit, a decimal point or white space; what follows it (a group label, a heading) must hold no
    digit.  Returns [(row_id, table, digits, n, kinds)]."""
    anchors = []   # (row_id, table, fids, label)
    numbering = doc.opts.get("numbering", ".")
    for heading, header, t2rows in t2_sections(doc.template):
        for label, fids in t2rows:
            anchors.append((tuple(fids), "t2", fids, label))
    for prefix, g, label in t3_rows(doc.collapsed):
        anchors.append((prefix, "t3", [f"{prefix}.{c}" for c in COLS], item_label(label, numbering)))
    anchors.append(("t4", "t4", T4_FIELDS, "复议后起诉" + "".join(truth.REVIEW_LABELS) * 2))

    def pat(s):
        return re.compile(r"\s*".join(re.escape(ch) for ch in s))
    start = text.index("二、主动公开政府信息情况")
    spans_ = []
    pos = start
    for rid, table, fids, label in anchors:
        m = pat(label).search(text, pos)
        if not m:
            raise ValueError(f"label {label} not found")
        spans_.append((m.start(), m.end()))
        pos = m.end()
    end5 = text.index("五、存在的主要问题", pos)
    rows = []
    for i, (rid, table, fids, label) in enumerate(anchors):
        lo = spans_[i][1]
        hi = spans_[i + 1][0] if i + 1 < len(anchors) else end5
        region = text[lo:hi]
        m = re.match(r"[0-9.\s]*", region)
        rest = region[m.end():]
        if re.search(r"[0-9]", rest):
            raise ValueError(f"digits after the run of {rid}: {rest[:40]!r}")
        digits = re.sub(r"\s", "", m.group(0))
        kinds = ["m" if is_money(x) else "i" for x in fids]
        rows.append((rid, table, digits, len(fids), kinds))
    return rows


def check_crawl(doc, exp):
    probs = []
    text = open(os.path.join(CORPUS, doc.source), encoding="utf-8").read()
    try:
        rows = recut(doc, text)
    except ValueError as e:
        return [str(e)]
    want_runs = {r[0]: r[2] for r in crawl_rows(crawl_segments(doc))}
    for rid, table, digits, n, kinds in rows:
        if want_runs.get(rid) != digits:
            probs.append(f"run of {rid}: text {digits!r}, truth {want_runs.get(rid)!r}")
    sol = solve_glued(rows)
    read = {}
    for rid, table, digits, n, kinds in rows:
        fids = list(rid) if table == "t2" else T4_FIELDS if table == "t4" else [f"{rid}.{c}" for c in COLS]
        r = sol[rid]
        for i, x in enumerate(fids):
            read[x] = r["strict"][i] if r["strict"][i] == r["lenient"][i] else None
    for k, v in exp["fields"].items():
        if read.get(k) != v:
            probs.append(f"{k}: re-solved {read.get(k)} expected {v}")
    if truth.identity_violations(doc.truth) != exp["violations"]:
        probs.append("violations differ")
    # the printed numbers re-read with the truth: every run is the concatenation of the printed cells
    return probs


def check_extract(stem, pdfname, exp):
    probs = []
    text = open(os.path.join(CORPUS, stem + ".txt"), encoding="utf-8").read()
    if "ocrnoise" in stem:
        text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace("?", " ").replace("|", " ")
    specs = {s.name: s for s in variants.corpus_specs()}
    s = specs[pdfname]
    want = printed_tokens(s, exp["fields"])
    tabs, err = check.read_tables(text, s.opts.get("running_header"))
    if tabs is None:
        return [err]
    for k in want:
        if check.flat(tabs[k]) != check.flat(want[k]):
            probs.append(f"{k}: tokens differ")
    pdf_exp = json.load(open(os.path.join(EXPECTED, pdfname + ".json"), encoding="utf-8"))
    if {k: v for k, v in pdf_exp.items() if k != "source"} != {k: v for k, v in exp.items() if k != "source"}:
        probs.append("expected differs from the PDF's expected file")
    if truth.identity_violations(exp["fields"]) != exp["violations"]:
        probs.append("violations differ")
    return probs


def identities_py(paths):
    p = IDENTITIES
    if not os.path.exists(p):
        return []
    r = subprocess.run([sys.executable, p] + paths, capture_output=True, text=True).stdout
    bad = []
    for line in r.splitlines():
        m = re.match(r"(\S+) \[(.*)\] declared: \[(.*)\]", line)
        if m and sorted(set(re.findall(r"\('(\w+)'", m.group(2)))) != sorted(set(re.findall(r"'(\w+)'", m.group(3)))):
            bad.append(line)
    return bad


# ====================================================================================================
# Main
# ====================================================================================================
def all_docs():
    global Doc
    real = Doc
    Doc = remember_args(real)
    try:
        web = docs_web()
        crawl = docs_crawl()
    finally:
        Doc = real
    return web, crawl


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    web, crawl = all_docs()
    if args.list:
        for d in web + crawl:
            print(f"{d.source}: {d.note}")
        for name, modes in EXTRACTS:
            for m in modes:
                print(f"extract_{m}_{name}.txt: pdftotext -{m} of {name}.pdf")
        print(f"extract_ocrnoise_{OCR_SOURCE}.txt: OCR-like noise on the -layout text of {OCR_SOURCE}.pdf")
        return
    if args.check:
        bad = 0
        paths = []
        for d in web:
            exp = json.load(open(os.path.join(EXPECTED, d.name + ".json"), encoding="utf-8"))
            p = check_html(d, exp)
            print(("FAIL " if p else "ok   ") + d.source + ("" if not p else ": " + "; ".join(p[:6])))
            bad += bool(p)
            paths.append(os.path.join(EXPECTED, d.name + ".json"))
        for d in crawl:
            if d.opts.get("crossrow"):
                d = force_crossrow(d)
            d = tune_crawl(d)[0]
            exp = json.load(open(os.path.join(EXPECTED, d.name + ".json"), encoding="utf-8"))
            p = check_crawl(d, exp)
            nnull = sum(v is None for v in exp["fields"].values())
            print(("FAIL " if p else "ok   ") + d.source + f" (null cells {nnull})" + ("" if not p else ": " + "; ".join(p[:6])))
            bad += bool(p)
            paths.append(os.path.join(EXPECTED, d.name + ".json"))
        for name, modes in EXTRACTS:
            for m in list(modes) + (["ocrnoise"] if name == OCR_SOURCE else []):
                stem = f"extract_{m}_{name}"
                exp = json.load(open(os.path.join(EXPECTED, stem + ".json"), encoding="utf-8"))
                p = check_extract(stem, name, exp)
                print(("FAIL " if p else "ok   ") + stem + ".txt" + ("" if not p else ": " + "; ".join(p[:6])))
                bad += bool(p)
                paths.append(os.path.join(EXPECTED, stem + ".json"))
        for line in identities_py(paths):
            print("FAIL identities.py:", line)
            bad += 1
        print("FAILED" if bad else "all documents check")
        sys.exit(1 if bad else 0)
    os.makedirs(EXPECTED, exist_ok=True)
    for d in web:
        size, off = build_web(d)
        print(f"wrote {d.source} ({size} bytes, report's 一、总体情况 at byte {off})")
    print("glued-run check (rows: total / decided only with the column identities / undetermined cells):")
    for d in crawl:
        d2, summ = build_crawl(d)
        print(f"wrote {d2.source}: {summ['rows']} glued rows; cross-row decided {summ['cross_row'] or '-'}; "
              f"undetermined {summ['null'] + summ['disagree'] or '-'}; no own-identity reading (fallback) "
              f"{summ['fallback'] or '-'}; violations {[v['rule'] for v in d2.violations] or '-'}")
    for stem in build_extracts():
        print(f"wrote {stem}.txt")


if __name__ == "__main__":
    main()
