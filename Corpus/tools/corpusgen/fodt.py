"""A flat ODF text document (.fodt) writer: a Word/WPS-like layout (A4, GB/T 9704-ish margins,
仿宋/黑体-like Noto CJK fonts, ruled tables with merged cells, footers with page numbers, optional landscape
pages).  FODT rather than HTML because LibreOffice's HTML import has no page styles (landscape pages,
footers with page numbers, repeated table header rows)."""
import base64
from xml.sax.saxutils import escape

from .chinese import to_trad

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
    def __init__(self, spec, tall=False):
        """tall: one page 200 cm high, no header or footer (the tables drawn whole, to be cut out as pictures)."""
        self.spec = spec
        self.tall = tall
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
        self.page = (pw, 200.0) if tall else (pw, ph)
        self.content_h = ph - m[0] - m[1]
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

    def image(self, data, w_cm, h_cm, name):
        """A picture (PNG or JPEG bytes) in a centred paragraph of its own, anchored as a character, its
        bytes inside the document (office:binary-data): a table pasted as a picture."""
        self.pstyle("ImgPara", "center", 10.5, "serif", before=2, after=4, line="100%")
        self.add("fr_img", '<style:style style:name="fr_img" style:family="graphic"><style:graphic-properties '
                 'style:wrap="none" style:vertical-pos="top" style:vertical-rel="baseline" fo:border="none" '
                 'fo:padding="0cm" style:mirror="none"/></style:style>')
        b64 = base64.b64encode(data).decode("ascii")
        self.body.append(
            f'<text:p text:style-name="ImgPara"><draw:frame draw:style-name="fr_img" draw:name="{name}" '
            f'text:anchor-type="as-char" svg:width="{w_cm:.3f}cm" svg:height="{h_cm:.3f}cm" draw:z-index="0">'
            f'<draw:image><office:binary-data>{b64}</office:binary-data></draw:image></draw:frame></text:p>')

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
        footer = o.get("footer", "dash") if not self.tall else None
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
        hdr = o.get("running_header") if not self.tall else None
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
