"""Rendering: a document's report composed as FODT, converted to PDF by LibreOffice (up to 200 files a
run), part of the corpus re-distilled through Ghostscript (Type1C fonts with a custom encoding instead
of LibreOffice's Type 1 fonts: a second producer, and ~30 % smaller), and qpdf / poppler / img2pdf making
the rotated, sideways, encrypted, truncated, scanned and garbled variants; then its expected file written
from its truth.  Dates, /ID and /DocChecksum are normalised, so reruns give byte-identical files on the
same machine set-up.

The OCR documents: post-processing step ("ocrscan", profile) scans the text PDF as scan.py describes
(gray, colour or 1-bit page images with paper tone, noise, blur, skew, specks, a seal ..., img2pdf);
("garble",) drops the fonts' ToUnicode maps; opts["table_pictures"] pastes tables as pictures: the
tables are first drawn whole on one tall page (compose_tables), cut out (scan.table_pictures) and put
into the report's FODT as draw:image with office:binary-data, converted with a filter that keeps them as
they are.  In each case the text PDF is read back first (assert_printed): what OCR has to read is known
to print exactly the truth."""
import glob, os, random, re, shutil, tempfile, time

from .cells import fmt_num, t2_layout, t3_cell_value, t3_value_cols, t4_fields
from .check import printed_problems
from .fodt import Doc
from .pdftools import KEEP_IMAGES, distill, find_page, landscape_pages, normalise_pdf, qpdf, run, soffice_convert, wrap_images
from .prose import OTHER_MATTERS, OVERVIEW_TOPICS, PROBLEMS, prose_values, pub_date
from .truth import COL_LABELS, L_RESULT, L_TOPLEFT, ORG, REVIEW_LABELS, SEED, expected_json, t3_rows


def scan_pdf(*a, **kw):           # scan.py needs Pillow: imported only when a document is scanned
    from .scan import scan_pdf as sp
    return sp(*a, **kw)

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
    picture(doc, spec, "t2") or build_t2(doc, spec)
    doc.p("H1Break" if o.get("t3_newpage") else "H1", "三、收到和处理政府信息公开申请情况")
    picture(doc, spec, "t3") or build_t3(doc, spec)
    land4 = o.get("landscape") in ("sec4", "all")
    doc.p("H1Land" if o.get("landscape") == "sec4" else "H1", h4)
    picture(doc, spec, "t4") or build_t4(doc, spec, land4)
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


def picture(doc, spec, table):
    """Table `table` pasted as a picture (made by scan.table_pictures from compose_tables' PDF) where the
    document asks for it: True if it was."""
    pic = (spec.meta or {}).get("pictures", {}).get(table)
    if not pic:
        return False
    data, w, h = pic
    limit = doc.content_h - 1.6        # a picture taller than the page is shrunk to fit, as Word does
    if h > limit:
        w, h = w * limit / h, limit
    doc.image(data, w, h, f"{table}_picture")
    return True


def compose_tables(spec):
    """The headings 二 to 五 and tables 二, 三, 四 as the document prints them, on one page 200 cm high:
    what the tables pasted as pictures are cut from (and read back before they are)."""
    o = spec.opts
    doc = Doc(spec, tall=True)
    doc.pstyle("TabHead", "start", 12, "sans", before=4, after=2)
    doc.p("H1", "二、主动公开政府信息情况")
    build_t2(doc, spec)
    doc.p("H1", "三、收到和处理政府信息公开申请情况")
    build_t3(doc, spec)
    doc.p("H1", o.get("h4", "四、政府信息公开行政复议、行政诉讼情况"))
    build_t4(doc, spec, False)
    doc.p("H1", o.get("h5", "五、存在的主要问题及改进情况"))
    return doc.xml()


# ----------------------------------------------------------------------------------------------------
# Variants made from the LibreOffice PDF
# ----------------------------------------------------------------------------------------------------
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
            if not spec.unreadable:
                assert_printed(spec, pdf, "before its fonts lose their ToUnicode maps")
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
            wrap_images(imgs, t, spec.year)    # fixed dates; img2pdf's random /ID replaced by one from the content
            for im in imgs:
                os.remove(im)
        elif kind == "ocrscan":                 # a scan OCR can read: see scan.py (gray, colour, 1-bit, skew, seal, ...)
            assert_printed(spec, pdf, "before it is scanned")
            scan_pdf(spec, pdf, t, tmp, step[1])
        else:
            raise ValueError(kind)
        shutil.move(t, pdf)


def assert_printed(spec, pdf, when):
    """The text PDF a scan or a garbled copy is made from prints exactly the truth (read back as --check
    reads a text PDF): the expected file of a document OCR must read is checked before its text goes."""
    probs = printed_problems(spec, pdf, spec.truth)[0]
    if probs:
        raise RuntimeError(f"{spec.name}: the text PDF {when} does not print its truth: {probs}")


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
# Building documents and their expected files
# ----------------------------------------------------------------------------------------------------
def own_run(spec):
    """Documents converted in a LibreOffice run of their own: the OCR documents that keep LibreOffice's
    Type 1 fonts.  LibreOffice numbers the fonts' /UniqueID across the documents of one run, so a document
    converted in a batch depends on the documents before it (make_corpus.py --only NAME would not give the
    committed bytes); Ghostscript (distill) and the scans drop those fonts.  The older pdf_* documents keep
    the batch, whose order is the corpus's (their committed bytes come from the full build)."""
    kinds = [x[0] for x in spec.post]
    return spec.name.startswith("ocr_") and not spec.opts.get("distill") and (
        bool(spec.opts.get("table_pictures")) or "garble" in kinds)


def build(specs, outdir, expdir, keep_tmp=False, jobs=1):
    os.makedirs(outdir, exist_ok=True)
    os.makedirs(expdir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nianbao_corpus_")
    profile = os.path.join(tmp, "lo_profile")
    try:
        for s in specs:
            s.meta = {}
        t0 = time.time()
        # documents with tables pasted as pictures: their tables drawn whole first, read back, cut out
        pics = [s for s in specs if s.opts.get("table_pictures")]
        if pics:
            aux = []
            for s in pics:
                p = os.path.join(tmp, s.name + ".tables.fodt")
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(compose_tables(s))
                aux.append(p)
            soffice_convert(aux, tmp, profile)
            from .scan import table_pictures
            for s in pics:
                tp = os.path.join(tmp, s.name + ".tables.pdf")
                assert_printed(s, tp, "drawn whole to be cut into pictures")
                s.meta["pictures"] = table_pictures(s, tp, tmp)
        fodts, alone = [], []
        for s in specs:
            if s.opts.get("not_pdf"):
                continue
            p = os.path.join(tmp, s.name + ".fodt")
            with open(p, "w", encoding="utf-8") as fh:
                fh.write(compose(s))
            (alone if own_run(s) else fodts).append((s, p))
        fodts = [p for _s, p in fodts]
        if jobs > 1 and len(fodts) > 1:
            import concurrent.futures as cf
            parts = [fodts[i::jobs] for i in range(jobs)]
            with cf.ThreadPoolExecutor(jobs) as ex:
                list(ex.map(lambda ip: soffice_convert(ip[1], tmp, profile + str(ip[0])), enumerate(parts)))
        elif fodts:
            soffice_convert(fodts, tmp, profile)
        for s, p in alone:   # pictures kept as they are (the default filter re-encodes them as JPEG)
            soffice_convert([p], tmp, profile, pdf_filter=KEEP_IMAGES if s.opts.get("table_pictures") else "pdf:writer_pdf_Export")
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
