import Foundation

/// Layout for HTML inputs (a report saved from a web page): paragraphs in reading order, each table as
/// rows of cells on a grid that honours `colspan` and `rowspan`, and site chrome (scripts, navigation,
/// footers, share bars) left out. A table that holds other tables is page layout, not data: its cells
/// are read as blocks.
///
/// The markup is parsed by libxml2's HTML parser (`HTMLParser`), which recovers from what real pages
/// hold (unclosed cells and paragraphs, unquoted attributes, scripts full of `<` and `</div>`); this file
/// is what the project decides on top of the tree.
public enum HTMLReader {
    /// The charset an HTML file declares in its first bytes, lowercased: `<meta charset=gbk>`,
    /// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, or an XML declaration's
    /// `encoding="…"`.
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        // Non-ASCII bytes (GBK text in a <title>) become spaces: only the ASCII declaration matters.
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        for key in ["charset", "encoding"] {
            var rest = Substring(head)
            while let r = rest.range(of: key) {
                rest = rest[r.upperBound...]
                var value = rest.drop(while: { $0 == " " })
                guard value.first == "=" else { continue }
                value = value.dropFirst().drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
                let name = value.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
                if !name.isEmpty { return String(name) }
            }
        }
        return nil
    }

    public static func read(_ html: String) -> LayoutDocument {
        let (tree, truncation) = HTMLParser.parse(html)
        var renderer = Renderer(tree: tree)
        renderer.render()
        var findings: [Finding] = []
        if let truncation {
            findings.append(
                Finding(
                    rule: FindingID.truncated, severity: .warning,
                    message:
                        "the page was read only up to where its reading stopped (\(truncation)); the rest is missing"))
        }
        return LayoutDocument(lines: renderer.lines, findings: findings)
    }

    /// Elements whose content is never text of the report. `form` is not among them: ASP.NET sites wrap
    /// the whole page in one.
    static let skippedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "iframe", "nav", "footer",
        "aside", "select", "button", "textarea", "head", "title", "object", "canvas",
        "xml", "audio", "video", "map",
    ]
    static let blockElements: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
        "section", "article", "header", "main", "blockquote", "pre", "hr", "dd", "dt", "dl",
        "center", "caption", "tbody", "thead", "tfoot", "figure", "address", "td", "th",
    ]
    static let chromeMarkers = [
        "nav", "footer", "share", "breadcrumb", "crumb", "menu", "sidebar", "toolbar", "copyright",
    ]

    /// Containers that are chrome when most of their text is link text.
    static let linkBlocks: Set<String> = [
        "div", "ul", "ol", "dl", "table", "td", "section", "aside", "header", "p", "span",
    ]
    static let linkBlockMinimum = 20
    static let linkShare = 0.6

    /// Per table, how many grid positions beyond its cells spans may fill: `rowspan="100000"` on every
    /// cell must not make millions of positions. A real report's tables (rowspan 22, colspan 10 at most)
    /// stay far below; past it, spans are no longer honoured and each cell is one position.
    static let spanBudgetBase = 20_000
    static let spanBudgetPerCell = 8
    /// The HTML standard's own caps (colspan 1000, rowspan 65534).
    static let maxColspan = 1000
    static let maxRowspan = 65534

    // MARK: - Rendering

    struct Renderer {
        let tree: HTMLTree
        var lines: [Line] = []
        var buffer = ""
        /// For each element: a table somewhere below it (so a table holding it is layout, not data).
        let holdsTable: [Bool]
        /// For each element: the letters and Han characters of text below it, and how many of them are
        /// inside links.
        let textLength: [Int]
        let linkLength: [Int]

        init(tree: HTMLTree) {
            self.tree = tree
            let nodes = tree.nodes
            // Children come after their parents, so one pass from the end reaches every ancestor.
            var holds = [Bool](repeating: false, count: nodes.count)
            for i in nodes.indices.reversed() where i > 0 && (holds[i] || nodes[i].name == "table") {
                holds[nodes[i].parent] = true
            }
            holdsTable = holds
            var inLink = [Bool](repeating: false, count: nodes.count)
            var total = [Int](repeating: 0, count: nodes.count)
            var linked = [Int](repeating: 0, count: nodes.count)
            for i in nodes.indices where i > 0 {
                inLink[i] = nodes[i].name == "a" || (nodes[i].parent > 0 && inLink[nodes[i].parent])
                if nodes[i].isText {
                    // Letters and Han characters only: the dates beside a list of links (`标题</a>2024-10-25`)
                    // say nothing of whose text it is.
                    total[i] = nodes[i].text.unicodeScalars.filter { $0.properties.isAlphabetic }.count
                    if inLink[i] { linked[i] = total[i] }
                }
            }
            for i in nodes.indices.reversed() where i > 0 && nodes[i].parent >= 0 {
                total[nodes[i].parent] += total[i]
                linked[nodes[i].parent] += linked[i]
            }
            textLength = total
            linkLength = linked
        }

        mutating func flush() {
            let text = collapse(buffer)
            if !text.isEmpty { lines.append(Line(prose: text)) }
            buffer = ""
        }

        func isChrome(_ node: HTMLNode, at index: Int) -> Bool {
            if HTMLReader.skippedElements.contains(node.name) { return true }
            if !node.marks.isEmpty && HTMLReader.chromeMarkers.contains(where: { node.marks.contains($0) }) {
                return true
            }
            // A block that is mostly link text (menus, lists of other articles, "related" boxes) is the
            // site's, not the report's: no paragraph or table of a report is mostly links.
            return HTMLReader.linkBlocks.contains(node.name) && textLength[index] >= HTMLReader.linkBlockMinimum
                && Double(linkLength[index]) >= HTMLReader.linkShare * Double(textLength[index])
        }

        /// One prose line per block, in document order; a leaf table as grid rows.
        mutating func render() {
            let nodes = tree.nodes
            // The ends of the block elements we are inside: reaching one closes the block (a flush).
            var blockEnds: [Int] = []
            var i = 1
            while i < nodes.count {
                while let end = blockEnds.last, end <= i {
                    blockEnds.removeLast()
                    flush()
                }
                let node = nodes[i]
                if node.isText {
                    buffer += HTMLReader.visibleText(node.text)
                    i += 1
                    continue
                }
                if isChrome(node, at: i) {
                    i = node.end
                    continue
                }
                if node.name == "table" && !holdsTable[i] {
                    flush()
                    let (stray, rows) = HTMLReader.grid(tree, table: i)
                    lines += stray.map { Line(prose: $0) }
                    lines += rows.map { cells in
                        var line = Line(cells: cells, kind: .tableRow)
                        line.positional = true
                        return line
                    }
                    i = node.end
                    continue
                }
                if HTMLReader.blockElements.contains(node.name) {
                    flush()
                    blockEnds.append(node.end)
                }
                i += 1
            }
            flush()
        }
    }

    /// Text that libxml2 2.9 leaves in a text node but a browser does not show: Word's "downlevel-revealed"
    /// conditionals (`<![if !supportLists]>`, `<![endif]>`: bogus comments up to the next `>`), and
    /// `&nbsp` without its semicolon (or double-escaped as `&amp;nbsp;`, so printed as `&nbsp;`).
    static func visibleText(_ text: String) -> String {
        guard text.utf8.contains(0x26) || text.utf8.contains(0x3C) else { return text }  // & or <
        // One pass over the bytes (the markers are ASCII, so a match never splits a character).
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        func matches(_ pattern: [UInt8], at i: Int) -> Bool {
            i + pattern.count <= bytes.count && bytes[i..<(i + pattern.count)].elementsEqual(pattern)
        }
        let bogus = Array("<![".utf8), nbsp = Array("&nbsp".utf8), space = Array("\u{A0}".utf8)
        // The next `>` at or after a position, found once per stretch (a text of `<![` without any `>`
        // must not be searched to its end from each of them).
        var nextClose: Int? = -1
        func close(after start: Int) -> Int? {
            if let c = nextClose, c >= start { return c }
            if nextClose == nil { return nil }
            nextClose = bytes[start...].firstIndex(of: 0x3E)
            return nextClose
        }
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x3C, matches(bogus, at: i), let close = close(after: i + 3) {
                i = close + 1
            } else if bytes[i] == 0x26, matches(nbsp, at: i) {
                out += space
                i += nbsp.count
                if i < bytes.count, bytes[i] == 0x3B { i += 1 }  // ;
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Prose: runs of white space as one space, trimmed. The ideographic space (U+3000) is kept: cleanup
    /// decides about it (indentation, or a gap inside a label).
    static func collapse(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in text {
            if ch.isWhitespace && ch != "\u{3000}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        return out
    }

    /// The text of a `<td>`: its descendants' texts in order. Chinese is written without spaces, so a
    /// label an editor split over several `<p>`s or `<br>`s (三、本 / 年度办 / 理结果) or mid-word over
    /// `<span>` runs (服<span>务</span>), or wrapped in the source, reads as one word; a space is kept only
    /// where both sides are not Chinese, so that two numbers in one cell (12<br>34) stay two numbers.
    /// White space (`&nbsp;` runs included) between Chinese characters is dropped; elsewhere it is one space.
    static func cellText(_ tree: HTMLTree, cell: Int) -> String {
        enum Gap { case none, space, block }
        var out = ""
        var gap = Gap.none
        var blockEnds: [Int] = []
        let nodes = tree.nodes
        func append(_ ch: Character) {
            if let last = out.last {
                switch gap {
                case .none: break
                case .space:
                    if !(ChineseText.isCJK(last) && ChineseText.isCJK(ch)) { out.append(" ") }
                case .block:
                    if !ChineseText.isCJK(last) && !ChineseText.isCJK(ch) { out.append(" ") }
                }
            }
            gap = .none
            out.append(ch)
        }
        var i = cell + 1
        while i < nodes[cell].end {
            while let end = blockEnds.last, end <= i {
                blockEnds.removeLast()
                gap = .block
            }
            let node = nodes[i]
            if node.isText {
                for ch in visibleText(node.text) {
                    if ch.isWhitespace {
                        if gap == .none { gap = .space }
                    } else {
                        append(ch)
                    }
                }
                i += 1
                continue
            }
            if skippedElements.contains(node.name) {
                i = node.end
                continue
            }
            if blockElements.contains(node.name) {
                gap = .block
                blockEnds.append(node.end)
            }
            i += 1
        }
        return out
    }

    /// The rows of a leaf table on a grid: a cell spanning several columns or rows fills each position
    /// it covers, its text at its top-left position and a `spanned` cell elsewhere. Text inside the table
    /// but in no cell (a browser shows it above the table) is returned as `stray` prose.
    static func grid(_ tree: HTMLTree, table: Int) -> (stray: [String], rows: [[Cell]]) {
        let nodes = tree.nodes
        // Rows in document order, each a list of its cells; a cell outside any <tr> (libxml2 does not
        // invent one) makes a row with its neighbours of the same parent.
        var rows: [[Int]] = []
        var stray: [String] = []
        var rowEnd = -1
        var strayRowParent = -1
        var i = table + 1
        while i < nodes[table].end {
            let node = nodes[i]
            if node.isText {
                let text = collapse(visibleText(node.text))
                if !text.isEmpty { stray.append(text) }
                i += 1
                continue
            }
            if skippedElements.contains(node.name) {
                i = node.end
                continue
            }
            switch node.name {
            case "tr":
                rows.append([])
                rowEnd = node.end
                strayRowParent = -1
                i += 1
            case "td", "th":
                if i < rowEnd {
                    rows[rows.count - 1].append(i)
                } else {
                    if strayRowParent != node.parent {
                        rows.append([])
                        strayRowParent = node.parent
                    }
                    rows[rows.count - 1].append(i)
                }
                i = node.end
            default:
                i += 1
            }
        }

        let cellCount = rows.reduce(0) { $0 + $1.count }
        var budget = spanBudgetBase + spanBudgetPerCell * cellCount
        var spansHonoured = true
        // For each column, the first row no longer covered by a span from above; trimmed after each row
        // so that its last entry covers the next row.
        var coveredUntil: [Int] = []
        var result: [[Cell]] = []
        for (r, row) in rows.enumerated() {
            var line: [Cell] = []
            // Every position not holding a cell's text is paid for from the budget.
            func pad() {
                line.append(Cell("", spanned: true))
                budget -= 1
                if budget <= 0 && spansHonoured {
                    // Out of budget: from here on no span is honoured, and the ones still open end.
                    spansHonoured = false
                    coveredUntil.removeAll()
                }
            }
            func covered(_ c: Int) -> Bool { c < coveredUntil.count && coveredUntil[c] > r }
            for cell in row {
                while covered(line.count) { pad() }
                let c = line.count
                line.append(Cell(cellText(tree, cell: cell)))
                let colspan = spansHonoured ? min(nodes[cell].colspan, maxColspan) : 1
                for _ in 1..<colspan where spansHonoured { pad() }
                let rowspan = spansHonoured ? min(nodes[cell].rowspan, maxRowspan, rows.count - r) : 1
                if rowspan > 1 {
                    let width = line.count - c
                    if coveredUntil.count < c + width {
                        coveredUntil += Array(repeating: 0, count: c + width - coveredUntil.count)
                    }
                    for k in c..<(c + width) { coveredUntil[k] = r + rowspan }
                }
            }
            // Positions covered from above after the row's last cell (and the gaps before them: a short
            // row's missing cells are not blank cells either).
            while line.count < coveredUntil.count && spansHonoured { pad() }
            while let last = coveredUntil.last, last <= r + 1 { coveredUntil.removeLast() }
            // A row made only of positions spanned from above adds nothing.
            if line.contains(where: { !$0.spanned }) { result.append(line) }
        }
        return (stray, result)
    }
}

extension FindingID {
    /// An HTML page whose reading stopped before its end (nesting deeper than 256, more than a million
    /// elements, more than 4 MB of text).
    public static let truncated = "truncated"
}
