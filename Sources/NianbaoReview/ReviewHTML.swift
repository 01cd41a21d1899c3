import Foundation
import NianbaoCore

/// The review site's pages as HTML text: the index of the corpus and a page per report. Plain HTML and
/// CSS; the index sorts and filters its table with a few lines of script, and a report page needs none
/// (a number's evidence is an element shown by CSS `:target` when the number's link is followed).
enum ReviewHTML {
    /// The colour of the box drawn around a number's evidence (the browser test looks for it).
    static let boxColor = "#ff00ff"

    /// A page image's file: named by the input's digest (equal inputs share their images), so that a long
    /// report name never makes a name too long for the file system.
    static func pageFile(_ sha256: String, _ page: Int) -> String { "\(sha256.prefix(24))-p\(page).png" }

    /// `text` with `&`, `<`, `>` and `"` escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A file name as a relative URL.
    static func link(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["#", "?", ":"])) ?? name
    }

    /// An id usable in a fragment: field ids are dotted ASCII.
    static func anchor(_ prefix: String, _ id: String) -> String { prefix + "-" + id }

    static let style = """
        body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:16px;color:#222}
        table{border-collapse:collapse;margin:8px 0 16px}
        th,td{border:1px solid #bbb;padding:2px 6px;font-size:13px}
        th{background:#f2f2f2;font-weight:normal}
        td.v{text-align:right;font-variant-numeric:tabular-nums;min-width:2.5em}
        td.error{background:#f8c6c6}td.warning{background:#fde9b0}td.info{background:#d8e8fb}
        td.v a{color:inherit;text-decoration:none;border-bottom:1px dotted #666}
        td.none{color:#aaa;text-align:center}
        .label{text-align:left;max-width:34em}
        li.error{color:#a00}li.warning{color:#8a5a00}li.info{color:#245}
        pre.text{white-space:pre-wrap;font-size:13px;background:#fafafa;padding:8px;border:1px solid #ddd}
        .ev{display:none;position:fixed;left:0;top:0;right:0;bottom:0;overflow:auto;background:#555;z-index:10;margin:0}
        .ev:target{display:block}
        .ev .page{position:relative;margin:0;padding:0;background:#fff}
        .ev .page img{display:block}
        .ev .box{position:absolute;border:3px solid \(boxColor);box-sizing:border-box}
        .ev .caption{background:#fff;padding:6px 10px;font-size:14px}
        .ev .source{background:#fff;padding:8px;margin:0;font-size:13px;white-space:pre-wrap}
        .ev .source mark{background:\(boxColor);color:#fff}
        .num{text-align:right}
        svg text{font-size:10px;font-family:inherit}
        .charts{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
        .charts figure{margin:0}
        """

    static func document(title: String, body: String, script: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        \(style)
        </style></head>
        <body>
        \(body)\(script.isEmpty ? "" : "\n<script>\n\(script)\n</script>")
        </body>
        </html>

        """
    }

    // MARK: a report

    /// `input` gives the input's bytes, for the lines that evidence by line points at.
    static func reportPage(
        _ report: ReviewSite.Report, images: [Int: PageImages.Image], note: String?,
        input: () -> Result<[UInt8], ReviewSite.Unavailable>
    ) -> String {
        let r = report.result
        var marks: [String: Finding.Severity] = [:]
        for f in r.findings {
            for id in f.fields { marks[id] = min(marks[id] ?? f.severity, f.severity) }
        }
        var body = "<p><a href=\"../index.html\">← all reports</a></p>\n"
        body += "<h1>\(escape(r.issuer ?? "（发布机关未识别）")) \(r.year.map(String.init) ?? "")</h1>\n"
        body +=
            "<p>\(escape(r.source)) · template \(r.template?.rawValue ?? "unknown") · \(r.pages.map { "\($0) pages · " } ?? "")sha256 \(r.sha256.prefix(16))…</p>\n"
        if let unreadable = r.unreadable { body += "<p class=\"error\">unreadable: \(unreadable.rawValue)</p>\n" }
        if let note { body += "<p>\(escape(note))</p>\n" }
        var section = 0
        var overlays = ""
        var sourceLines: Result<[Substring], ReviewSite.Unavailable>?
        for table in TemplateTable.tables(for: r.template, including: Set(r.fields.keys)) {
            if table.section != section {
                section = table.section
                body += "<h2>\(escape(TemplateTable.sectionNames[section] ?? ""))</h2>\n"
            }
            body += formTable(
                table, r, marks: marks,
                hasEvidence: { id in
                    guard let location = r.evidence[id] else { return false }
                    if let page = location.page, location.box != nil { return images[page] != nil }
                    return location.line != nil
                })
        }
        for spec in FieldCatalog.all {
            guard let location = r.evidence[spec.id], let value = r.fields[spec.id] else { continue }
            let caption =
                "<div class=\"caption\"><a href=\"#\(anchor("cell", spec.id))\">← back</a> · \(escape(spec.label)) = <b>\(FieldCoding.format(value))</b> · <code>\(spec.id)</code>"
            if let page = location.page, let box = location.box, let image = images[page] {
                let s = image.scale
                // The number's box in pixels, rounded outwards; the 3-pixel frame lies just outside it.
                let (left, top) = (Int((box.x0 * s).rounded(.down)) - 3, Int((box.y0 * s).rounded(.down)) - 3)
                let width = Int((box.x1 * s).rounded(.up)) + 3 - left
                let height = Int((box.y1 * s).rounded(.up)) + 3 - top
                overlays +=
                    "<div class=\"ev\" id=\"\(anchor("ev", spec.id))\"><div class=\"page\" style=\"width:\(image.width)px;height:\(image.height)px\"><img src=\"../pages/\(pageFile(r.sha256, page))\" width=\"\(image.width)\" height=\"\(image.height)\" alt=\"page \(page)\"><span class=\"box\" style=\"left:\(left)px;top:\(top)px;width:\(width)px;height:\(height)px\"></span></div>\(caption) · page \(page), box \(box.x0), \(box.y0) – \(box.x1), \(box.y1) pt</div></div>\n"
            } else if let line = location.line {
                if sourceLines == nil {
                    switch input() {
                    case .success(let bytes):
                        let text =
                            String(validating: bytes, as: UTF8.self) ?? (try? TextDecoding.decode(bytes).text) ?? ""
                        sourceLines = .success(PlainTextReader.lines(text))
                    case .failure(let why): sourceLines = .failure(why)
                    }
                }
                var shown = ""
                switch sourceLines {
                case .success(let lines) where line >= 1 && line <= lines.count:
                    for n in max(1, line - 3)...min(lines.count, line + 3) {
                        let text = escape(String(lines[n - 1].prefix(5000)))
                        shown += n == line ? "<mark>\(n): \(text)</mark>\n" : "\(n): \(text)\n"
                    }
                case .failure(let why): shown = escape(why.reason) + "\n"
                default: shown = "(the input has no line \(line))\n"
                }
                overlays +=
                    "<div class=\"ev\" id=\"\(anchor("ev", spec.id))\">\(caption) · line \(line) of \(escape(report.path))</div><pre class=\"source\">\(shown)</pre></div>\n"
            }
        }
        body += "<h2 id=\"findings\">Findings (\(r.findings.count))</h2>\n<ul>\n"
        for f in r.findings {
            let cells = f.fields.map { "<a href=\"#\(anchor("cell", $0))\"><code>\(escape($0))</code></a>" }
            body +=
                "<li class=\"\(f.severity.rawValue)\"><b>\(f.severity.rawValue)</b> <code>\(escape(f.rule))</code>\(f.page.map { " (page \($0))" } ?? ""): \(escape(f.message))\(cells.isEmpty ? "" : " — " + cells.joined(separator: ", "))</li>\n"
        }
        body +=
            "</ul>\n<h2 id=\"text\">Cleaned text (NAME.txt)</h2>\n<pre class=\"text\">\(escape(report.text))</pre>\n"
        body += overlays
        return document(title: "\(r.issuer ?? r.source) \(r.year.map(String.init) ?? "")", body: body)
    }

    /// One block of a table as the form prints it: column headings (two rows where columns have a
    /// group heading), then the rows with their values.
    static func formTable(
        _ table: TemplateTable, _ r: ReportResult, marks: [String: Finding.Severity], hasEvidence: (String) -> Bool
    ) -> String {
        var html = "<table class=\"form\">\n<thead>\n"
        let twoRows = table.columns.contains { $0.count > 1 }
        html += "<tr><th rowspan=\"\(twoRows ? 2 : 1)\"></th>"
        var i = 0
        while i < table.columns.count {
            let column = table.columns[i]
            if column.count > 1 {
                var j = i
                while j < table.columns.count, table.columns[j].count > 1, table.columns[j][0] == column[0] { j += 1 }
                html += "<th colspan=\"\(j - i)\">\(escape(column[0]))</th>"
                i = j
            } else {
                html += "<th\(twoRows ? " rowspan=\"2\"" : "")>\(escape(column[0]))</th>"
                i += 1
            }
        }
        html += "</tr>\n"
        if twoRows {
            html +=
                "<tr>"
                + table.columns.filter { $0.count > 1 }.map {
                    "<th>\(escape($0.dropFirst().joined(separator: " / ")))</th>"
                }.joined() + "</tr>\n"
        }
        html += "</thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            let shown = table.shownLabel(index)
            let indent = row.label.count - shown.count
            html +=
                "<tr><td class=\"label\" style=\"padding-left:\(6 + indent * 14)px\">\(escape(shown.joined(separator: " ")))</td>"
            for id in row.fields {
                let mark = marks[id].map { " " + $0.rawValue } ?? ""
                guard let value = r.fields[id] else {
                    html +=
                        "<td class=\"v none\(mark)\" id=\"\(anchor("cell", id))\" title=\"\(id): not printed\">–</td>"
                    continue
                }
                let text = FieldCoding.format(value)
                let shownValue = hasEvidence(id) ? "<a href=\"#\(anchor("ev", id))\">\(text)</a>" : text
                html += "<td class=\"v\(mark)\" id=\"\(anchor("cell", id))\" title=\"\(id)\">\(shownValue)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
