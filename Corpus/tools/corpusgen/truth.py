"""The truth of a document: the template's structure, the field ids, the numbers drawn for each document.

Every document starts from a *truth*: a dict field id (fields.tsv) -> number drawn from a seeded random
generator, built so that all the template's identities hold, then for some documents "mutated" so that
the printed numbers break a rule on purpose.  The truth is what gets printed, and the expected JSON is
written from the truth (expected_json), never from running nianbao: see the package's docstring.
"""
import json, os, random

from . import FIELDS_TSV

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


def load_field_ids(path=FIELDS_TSV):
    """Field ids per template, from the repository's fields.tsv (Pipelines/), None where it is missing: what
    --check compares the structure above with."""
    if not os.path.exists(path):
        return None
    out = {"2021": [], "2019": []}
    with open(path, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            fid, _sec, tpls = line.split("\t")[:3]
            for t in tpls.split(","):
                out[t].append(fid)
    return out


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
    """Same computation as the shared identities.py (../shared/tools/); returns [{"rule", "where"}] grouped by rule."""
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
# Documents
# ----------------------------------------------------------------------------------------------------
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


# ----------------------------------------------------------------------------------------------------
# Expected files: the truth, as the golden tests read it
# ----------------------------------------------------------------------------------------------------
def expected_json(spec):
    if spec.unreadable:
        d = {"source": spec.name + ".pdf", "template": None, "year": None, "issuer": None,
             "fields": {k: None for k in field_ids("2021")}, "violations": [], "unreadable": True}
    else:
        d = {"source": spec.name + ".pdf", "template": spec.template, "year": spec.year,
             "issuer": spec.opts.get("issuer", spec.body), "fields": dict(spec.truth), "violations": spec.violations}
    return json.dumps(d, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
