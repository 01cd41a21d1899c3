"""What a document's tables print: number formats and table layouts, shared by the renderer and by
--check (which rebuilds the printed cells from the expected JSON on disk)."""
from .truth import ORG, REVIEW_COLS, REVIEW_GROUPS, t3_rows

# ----------------------------------------------------------------------------------------------------
# Number formatting
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
# Table layouts
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
