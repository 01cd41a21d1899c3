"""The documents: the committed corpus (Corpus/pdf_*.pdf and Corpus/ocr_*.pdf, what each exercises) and
the benchmark's random ones (--bench N)."""
import random

from .truth import OUTCOME_PREFIXES_2021, SEED, Spec

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
        S("pdf_28_garbled_fonts", "2021", 2023, "汉中市人民政府", "汉中市", "city", "small", 28,
          o(D, prose=0), post=[("garble",)],
          note="OCR: renders correctly but its fonts (Ghostscript's Type 1C) lost their ToUnicode maps; text extracts as "
               "control/Latin-1 mojibake, so the pages must be read as images"),
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
    return specs + ocr_specs()


# ----------------------------------------------------------------------------------------------------
# The OCR documents: scans (corpusgen/scan.py), tables pasted as pictures, fonts without ToUnicode
# ----------------------------------------------------------------------------------------------------
def scan(dpi, mode, **kw):
    """A post-processing step: the document scanned at dpi in mode ("gray", "rgb", "bw"); the other
    settings (scan.py's docstring lists them) default to a light office scan: paper 242, print at 45 (a
    little contrast lost), the optics' blur, faint noise, a little uneven light, JPEG quality 42."""
    prof = {"dpi": dpi, "mode": mode, "paper": 242, "ink": 45, "blur": round(0.75 * dpi / 200, 2), "noise": 2.0,
            "grain": 1.5, "illum": 0.04, "jpeg": 42}
    if mode == "rgb":
        prof.update(paper=(245, 242, 234), ink=(48, 46, 46))
    prof.update(kw)
    return ("ocrscan", prof)


WPS = {"body_pt": 14, "line": "150%", "margins": (2.54, 2.54, 3.18, 3.18)}        # WPS-like: 14 pt, 1.5 lines
DENSE = {"body_pt": 12, "line": "150%", "t2_pt": 9, "t3_pt": 9, "margins": (2.54, 2.54, 3.18, 3.18)}


def ocr_specs():
    S = Spec

    def o(*dicts, **kw):
        out = {}
        for d in dicts:
            out.update(d)
        out.update(kw)
        return out
    return [
        S("ocr_01_scan300_gray", "2021", 2022, "运城市盐湖区人民政府", "运城市盐湖区", "county", "small", 101,
          o(DENSE, prose=0), post=[scan(300, "gray", paper=243, ink=42, jpeg=40, specks={"pepper": 30, "dust": 1})],
          note="OCR: scan at 300 dpi, 8-bit gray JPEG, light scanner noise, paper 243 not white, ruled tables, 2021 template"),
        S("ocr_02_scan200_color_jpeg", "2021", 2023, "洛阳市人民政府", "洛阳市", "city", "large", 102,
          o(DENSE, prose=0, sep=True), post=[scan(200, "rgb", paper=(248, 240, 216), ink=(56, 48, 44), illum=0.12,
                                                             noise=2.5, jpeg=58)],
          note="OCR: colour scan at 200 dpi (yellowish paper, uneven illumination), JPEG quality 58 with visible "
               "artefacts; city, thousands separators (2,711)"),
        S("ocr_03_scan150_blur", "2021", 2021, "株洲市生态环境局", None, "dept", "tiny", 103,
          o(DENSE, prose=1, body_pt=13), post=[scan(150, "gray", paper=238, ink=42, blur=1.1, jpeg=60)],
          note="OCR: scan at only 150 dpi, gray, mildly blurred (Gaussian 1.1 px); department, nearly all zeros"),
        S("ocr_04_scan200_specks_skew", "2021", 2024, "芜湖市镜湖区人民政府", "芜湖市镜湖区", "county", "small", 104,
          o(DENSE, prose=1), post=[scan(200, "gray", paper=240, skew=2.0, specks={"pepper": 500, "salt": 250, "dust": 9},
                                          punch=True)],
          note="OCR: scan at 200 dpi gray, skewed +2.0° (counter-clockwise), salt-and-pepper specks, dust blobs and "
               "hairs, two punch-hole shadows in the left margin"),
        S("ocr_05_scan300_bw_skew", "2021", 2022, "邯郸市人民政府", "邯郸市", "city", "medium", 105,
          o(DENSE, prose=0), post=[scan(300, "bw", paper=236, ink=25, blur=1.0, noise=12, threshold=140, skew=-1.3)],
          note="OCR: office scanner black & white (1-bit, CCITT G4) at 300 dpi, skewed -1.3° (clockwise), ragged "
               "thresholded edges; pdf_27 is the same at 85 dpi, too coarse to read"),
        S("ocr_06_scan_sideways", "2021", 2023, "赣州市章贡区人民政府", "赣州市章贡区", "county", "small", 106,
          o(DENSE, prose=1), post=[scan(200, "gray", rotate90=True)],
          note="OCR: paper fed sideways: every page image turned 90° counter-clockwise on a landscape A4 page "
               "(text runs bottom to top, no /Rotate), 200 dpi gray"),
        S("ocr_07_scan_seal_masthead", "2021", 2022, "衡阳市人民政府", "衡阳市", "city", "medium", 107,
          o(DENSE, prose=0, masthead="衡阳市人民政府"),
          post=[scan(200, "rgb", paper=(246, 243, 235), jpeg=52, seal={"text": "衡阳市人民政府"})],
          note="OCR: colour scan at 200 dpi with a red header (红头: the issuer in large red characters over a red "
               "rule) and a red official seal (ring, star, issuer along the arc; semi-transparent, uneven ink) "
               "stamped over table 三's numbers"),
        S("ocr_08_scan_tpl2019", "2019", 2020, "淄博市张店区人民政府", "淄博市张店区", "county", "small", 108,
          o(DENSE, prose=1), post=[scan(200, "gray", paper=241)],
          note="OCR: scan of a 2019-template report (国办公开办函〔2019〕60号: table 二 with 第（九）项, （六）其他处理 one "
               "row), year 2020, 200 dpi gray"),
        S("ocr_09_scan_traditional", "2021", 2023, "吕梁市人民政府", "吕梁市", "city", "medium", 109,
          o(DENSE, prose=0, trad=True, serif="Noto Serif CJK TC", sans="Noto Sans CJK TC"),
          post=[scan(300, "gray", paper=244, ink=42, jpeg=40)],
          note="OCR: scan of a report in traditional characters (總計, 辦理結果, 政府信息公開) at 300 dpi gray; issuer "
               "given in simplified, as pdf_13"),
        S("ocr_10_table3_picture", "2021", 2022, "济南市历下区人民政府", "济南市历下区", "county", "medium", 110,
          o(prose=1, t3_pt=9.5, table_pictures={"tables": ["t3"], "dpi": 200, "format": "png"}),
          note="OCR: text PDF whose table 三 is a picture (PNG, 200 dpi, cut from the same report's text rendering) "
               "under the heading 三、… in the text layer; tables 二 and 四 are text"),
        S("ocr_11_table_pictures_jpeg", "2021", 2023, "保定市教育局", None, "dept", "small", 111,
          o(WPS, prose=1, t3_pt=9.5, table_pictures={"tables": ["t2", "t3", "t4"], "dpi": 150, "format": "jpeg",
                                                      "quality": 70, "noise": 3, "paper": 246, "ink": 30, "blur": 0.5}),
          note="OCR: text PDF with tables 二, 三 and 四 all pasted as pictures (JPEG, 150 dpi, a little noise); "
               "headings and prose are text"),
        S("ocr_12_garbled_type1", "2021", 2024, "九江市人民政府", "九江市", "city", "small", 112,
          o(WPS, prose=1), post=[("garble",)],
          note="OCR: LibreOffice's own Type 1 fonts (builtin encoding) without their ToUnicode maps: renders "
               "correctly, text extracts as control-character mojibake (pdf_28: the same with Ghostscript's fonts)"),
        S("ocr_13_scan_viol_row_total", "2021", 2023, "蚌埠市禹会区人民政府", "蚌埠市禹会区", "county", "medium", 113,
          o(DENSE, prose=1), mutate=m_row_total, post=[scan(200, "gray", paper=240)],
          note="OCR: scan (200 dpi gray) of a report whose own numbers break row_total (two 总计 cells off by one, as "
               "pdf_20): the violation must be reported, not read away"),
        S("ocr_14_scan300_norules", "2021", 2022, "南阳市卧龙区人民政府", "南阳市卧龙区", "county", "small", 114,
          o(DENSE, prose=0, ruled=False, repeat_header=False), post=[scan(300, "gray", paper=242, jpeg=40)],
          note="OCR: scan (300 dpi gray) of a report whose tables have no ruling lines (as pdf_08): no grid to cut "
               "cells by"),
        S("ocr_15_scan_blank_back", "2021", 2021, "开封市人民政府", "开封市", "city", "small", 115,
          o(DENSE, prose=0), post=[scan(200, "gray", paper=241, blank_after=1)],
          note="OCR: scan (200 dpi gray) with an empty back side after page 1: a page of bare paper, noise, a speck "
               "or two and a faint show-through of the front; the report must still be read"),
        S("ocr_16_scan250_color_staple", "2021", 2023, "沧州市运河区人民政府", "沧州市运河区", "county", "small", 116,
          o(DENSE, prose=0), post=[scan(250, "rgb", skew=-0.7, staple=True, jpeg=48)],
          note="OCR: colour scan at 250 dpi, skewed -0.7°, a staple and the shadow of the lifted corner top left"),
        S("ocr_17_scan_split_header", "2021", 2022, "湘潭市岳塘区人民政府", "湘潭市岳塘区", "county", "medium", 117,
          o(prose=0, repeat_header=True, footer="dash"), post=[scan(200, "gray", paper=242)],
          note="OCR: scan (200 dpi gray) of table 三 split across two pages with its three header rows repeated on "
               "the second"),
    ]


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
