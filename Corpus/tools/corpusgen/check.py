"""Reading the documents back (--check).

Each PDF is read with `pdftotext -layout` (the numeric cells of tables 二, 三, 四 in reading order, rebuilt
from the expected JSON on disk and the document's formatting options) and with `pdftotext -bbox` (each
table 三 number's column, from the x position of the header words); the declared violations are
recomputed, also with the shared identities.py when it is present.  An OCR document (a scan, a garbled
text layer, tables pasted as pictures) cannot be read back that way: ocr_problems checks what can be
checked without OCR, and printed_problems read its text PDF back before it was made (render.assert_printed).
"""
import json, os, re, subprocess, sys, tempfile

from . import IDENTITIES
from .cells import fmt_num, printed_tokens, t3_cell_value, t3_value_cols
from .chinese import to_simp
from .pdftools import page_info, pdftext, qpdf, run
from .truth import field_ids, identity_violations, load_field_ids, t3_rows

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
    kinds = [x[0] for x in spec.post]
    if "ocrscan" in kinds or "garble" in kinds or spec.opts.get("table_pictures"):
        # OCR documents: pdftotext cannot read their numbers back (their text PDF was read back before it
        # was scanned, garbled or cut into pictures: render.assert_printed); what can be checked is here
        probs += ocr_problems(spec, pdf, exp["fields"], info)
        return probs, info
    # 2. numbers printed in the PDF, read back with pdftotext -layout, against the expected file
    more, info, text, ok = printed_problems(spec, pdf, exp["fields"], geometry=not spec.post, info=info)
    probs += more
    if not ok:
        return probs, info
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


def printed_problems(spec, pdf, fields, geometry=True, info=None, pictured=()):
    """The numeric cells of tables 二, 三, 四 read back from a text PDF with pdftotext -layout and compared
    with `fields` as the document prints them (and, with geometry, each table 三 number's column from its x
    position).  Tables in `pictured` are pictures: nothing of theirs may be in the text.  Returns
    (problems, info, text, readable)."""
    info = {} if info is None else info
    probs = []
    want = printed_tokens(spec, fields)
    for k in pictured:
        want[k] = []
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
        return probs, info, text, False
    for k in ("t2", "t3", "t4"):
        if flat(tabs[k]) != flat(want[k]):
            a, b = flat(tabs[k]), flat(want[k])
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            probs.append(f"{k}: printed tokens differ at #{i}: pdf {a[i:i + 8]} vs expected {b[i:i + 8]} ({how})")
        elif tabs[k] != want[k]:
            info.setdefault("row_layout_differs", []).append(k)
    info["read"] = how
    info["tokens"] = sum(len(flat(want[k])) for k in want)
    if geometry and "t3" not in pictured:
        pos = t3_cells_by_position(spec, pdf)
        if pos is None:
            info["columns"] = "not checked"
        elif pos != want_t3_cells(spec, fields):
            w = want_t3_cells(spec, fields)
            i = next((i for i, (x, y) in enumerate(zip(pos, w)) if x != y), min(len(pos), len(w)))
            probs.append(f"t3 columns by position differ at #{i}: pdf {pos[i:i + 4]} vs expected {w[i:i + 4]}")
        else:
            info["columns"] = "ok"
    return probs, info, text, True


def image_list(pdf):
    """[{page, width, height, color, bpc, enc, xppi, yppi}] from pdfimages -list."""
    out = []
    for line in run(["pdfimages", "-list", pdf]).stdout.decode().strip().split("\n")[2:]:
        f = line.split()
        out.append({"page": int(f[0]), "width": int(f[3]), "height": int(f[4]), "color": f[5], "bpc": int(f[7]),
                    "enc": f[8], "xppi": int(f[12]), "yppi": int(f[13])})
    return out


def font_list(pdf):
    """[(name, type, emb, uni)] from pdffonts."""
    out = []
    for line in run(["pdffonts", pdf]).stdout.decode().strip().split("\n")[2:]:
        f = line.split()
        out.append((f[0], " ".join(f[1:-6]), f[-5], f[-3]))
    return out


REPORT_WORDS = ("政府信息公开", "本年新收", "行政复议", "申请人情况")
TABLE_WORDS = {"t2": "第二十条第", "t3": "申请人情况", "t4": "结果维持"}
A4_PT = (595.3, 841.9)


def ocr_problems(spec, pdf, fields, info):
    """What can be checked of a document only OCR reads: a scan has no font and no text, one image a
    page at the profile's resolution and colour, A4 pages (landscape when fed sideways); a garbled
    document's fonts are embedded without ToUnicode and its text holds no report word; a document with
    tables pasted as pictures prints its headings and other tables as text, no word or number of the
    pictured tables, and holds their pictures."""
    probs = []
    steps = dict((s[0], s[1] if len(s) > 1 else None) for s in spec.post)
    pages = page_info(pdf)
    info["pages"] = len(pages)
    text = pdftext(pdf)
    if "ocrscan" in steps:
        prof = steps["ocrscan"]
        fonts, imgs = font_list(pdf), image_list(pdf)
        info["fonts"] = len(fonts)
        info["text_chars"] = len(text.strip())
        if fonts or text.strip():
            probs.append("scan has fonts or text")
        land = bool(prof.get("rotate90"))
        want_size = (A4_PT[1], A4_PT[0]) if land else A4_PT
        if any(abs(w - want_size[0]) > 1 or abs(h - want_size[1]) > 1 or r for w, h, r in pages):
            probs.append(f"pages are not A4 {'landscape' if land else 'portrait'} without /Rotate: {pages[:2]}")
        w_px = round(21.0 / 2.54 * prof["dpi"]), round(29.7 / 2.54 * prof["dpi"])
        if land:
            w_px = w_px[::-1]
        color, bpc, enc = {"gray": ("gray", 8, "jpeg"), "rgb": ("rgb", 8, "jpeg"), "bw": ("gray", 1, "ccitt")}[prof["mode"]]
        if [i["page"] for i in imgs] != list(range(1, len(pages) + 1)):
            probs.append("not one image a page")
        for i in imgs:
            if (i["width"], i["height"]) != w_px or abs(i["xppi"] - prof["dpi"]) > 1 or abs(i["yppi"] - prof["dpi"]) > 1:
                probs.append(f"page {i['page']}: image {i['width']}x{i['height']} at {i['xppi']}x{i['yppi']} ppi, "
                             f"want {w_px[0]}x{w_px[1]} at {prof['dpi']}")
            if (i["color"], i["bpc"], i["enc"]) != (color, bpc, enc):
                probs.append(f"page {i['page']}: image {i['color']}/{i['bpc']} bit/{i['enc']}, want {color}/{bpc}/{enc}")
        info["images"] = f"{len(imgs)} x {imgs[0]['width']}x{imgs[0]['height']} {imgs[0]['color']}/{imgs[0]['bpc']}/{imgs[0]['enc']} " \
                         f"{imgs[0]['xppi']} ppi" if imgs else 0
        if spec.meta.get("scan") and spec.meta["scan"]["pages"] != len(pages):
            probs.append(f"{len(pages)} pages, the scan made {spec.meta['scan']['pages']}")
    if "garble" in steps:
        fonts = font_list(pdf)
        info["fonts"] = len(fonts)
        info["sample"] = re.sub(r"\s+", " ", text)[:40]
        if not fonts or any(f[2] != "yes" or f[3] != "no" for f in fonts):
            probs.append(f"garbled fonts not all embedded without ToUnicode: {fonts}")
        if any(w in text for w in REPORT_WORDS):
            probs.append("garbled document still yields readable report text")
    if spec.opts.get("table_pictures"):
        cfg = spec.opts["table_pictures"]
        pictured = tuple(cfg["tables"])
        more, info, text, ok = printed_problems(spec, pdf, fields, geometry=False, info=info, pictured=pictured)
        probs += more
        norm = re.sub(r"\s+", "", to_simp(text))
        for t in pictured:
            if TABLE_WORDS[t] in norm:
                probs.append(f"{t} is a picture but its words {TABLE_WORDS[t]!r} are in the text layer")
        for w in [spec.short, f"{spec.year}年1月1日"]:
            if w not in norm:
                probs.append(f"text lacks {w!r}")
        imgs = image_list(pdf)
        enc = "jpeg" if cfg.get("format") == "jpeg" else "image"
        info["images"] = [f"p{i['page']} {i['width']}x{i['height']} {i['enc']} {i['xppi']} ppi" for i in imgs]
        if len([i for i in imgs if i["enc"] == enc and i["xppi"] >= cfg.get("dpi", 200) - 1]) != len(pictured):
            probs.append(f"want {len(pictured)} {enc} pictures at >= {cfg.get('dpi', 200)} ppi, found {info['images']}")
    info["violations"] = [x["rule"] for x in identity_violations(fields)]
    return probs

# ----------------------------------------------------------------------------------------------------
# All documents
# ----------------------------------------------------------------------------------------------------
def check_all(specs, outdir, expdir, verbose=True, identities=IDENTITIES):
    """Checks every document; the number that disagree.  `identities`: the shared identities.py, used
    where the file exists."""
    ident = identities if identities and os.path.exists(identities) else None
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
