/// Layout for HTML inputs (a report saved from a web page): paragraphs in reading order, each table as
/// rows of cells on a grid that honours `colspan` and `rowspan`, and site chrome (scripts, navigation,
/// footers, share bars) left out. A table that holds other tables is page layout, not data: its cells
/// are read as blocks.
public enum HTMLReader {
    /// The charset an HTML file declares in its first bytes (`<meta charset=gbk>`), lowercased.
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        guard let r = head.range(of: "charset=") else { return nil }
        let rest = head[r.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        return name.isEmpty ? nil : String(name)
    }

    public static func read(_ html: String) -> LayoutDocument {
        var parser = HTMLParser(html)
        let root = parser.parse()
        var renderer = Renderer()
        renderer.render(root)
        renderer.flush()
        return LayoutDocument(lines: renderer.lines)
    }

    // MARK: - Tree

    final class Node {
        let name: String  // "" for text, "#root" for the root
        var attributes: [String: String]
        var text: String
        var children: [Node] = []
        weak var parent: Node?
        init(name: String, attributes: [String: String] = [:], text: String = "") {
            self.name = name; self.attributes = attributes; self.text = text
        }
        func contains(where predicate: (Node) -> Bool) -> Bool {
            children.contains { predicate($0) || $0.contains(where: predicate) }
        }
    }

    static let voidElements: Set<String> = ["br", "img", "meta", "link", "input", "hr", "col", "area", "base", "wbr", "source", "param", "embed"]
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "noscript", "template", "svg", "iframe"]
    static let skippedElements: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "nav", "footer",
                                               "aside", "form", "select", "button", "head", "object", "canvas"]
    static let blockElements: Set<String> = ["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
                                             "section", "article", "header", "main", "blockquote", "pre", "hr", "dd", "dt", "dl",
                                             "center", "caption", "tbody", "thead", "tfoot", "figure", "address"]
    static let chromeMarkers = ["nav", "footer", "share", "breadcrumb", "crumb", "menu", "sidebar", "toolbar", "copyright"]

    struct HTMLParser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ html: String) { s = Array(html.unicodeScalars) }

        mutating func parse() -> Node {
            let root = Node(name: "#root")
            var stack: [Node] = [root]
            var text = String.UnicodeScalarView()
            func flushText() {
                if !text.isEmpty {
                    let node = Node(name: "", text: decodeEntities(String(text)))
                    node.parent = stack.last
                    stack.last!.children.append(node)
                    text = String.UnicodeScalarView()
                }
            }
            while i < s.count {
                let c = s[i]
                guard c == "<" else { text.append(c); i += 1; continue }
                if starts(with: "<!--") {
                    flushText()
                    i = find("-->", from: i + 4).map { $0 + 3 } ?? s.count
                    continue
                }
                if i + 1 < s.count, s[i + 1] == "!" || s[i + 1] == "?" {
                    flushText()
                    i = find(">", from: i).map { $0 + 1 } ?? s.count
                    continue
                }
                guard i + 1 < s.count, s[i + 1] == "/" || s[i + 1].properties.isAlphabetic else {
                    text.append(c); i += 1; continue
                }
                flushText()
                let (name, attributes, closing, selfClosing) = readTag()
                if name.isEmpty { continue }
                if closing {
                    if let index = stack.lastIndex(where: { $0.name == name }), index > 0 {
                        stack.removeSubrange(index...)
                    }
                    continue
                }
                // Implied end tags.
                let implied: Set<String>
                switch name {
                case "td", "th": implied = ["td", "th"]
                case "tr": implied = ["tr", "td", "th"]
                case "li": implied = ["li"]
                case "p": implied = ["p"]
                case "option": implied = ["option"]
                default: implied = []
                }
                if !implied.isEmpty, let index = stack.lastIndex(where: { implied.contains($0.name) }), index > 0 {
                    let boundary = stack.lastIndex(where: { $0.name == "table" }) ?? 0
                    if index > boundary { stack.removeSubrange(index...) }
                }
                let node = Node(name: name, attributes: attributes)
                node.parent = stack.last
                stack.last!.children.append(node)
                if HTMLReader.rawTextElements.contains(name) && !selfClosing {
                    let end = findClosing(name) ?? s.count
                    node.text = String(String.UnicodeScalarView(s[i..<end]))
                    i = find(">", from: end).map { $0 + 1 } ?? s.count
                    continue
                }
                if !selfClosing && !HTMLReader.voidElements.contains(name) { stack.append(node) }
            }
            flushText()
            return root
        }

        func starts(with prefix: String, at position: Int? = nil) -> Bool {
            var j = position ?? i
            for p in prefix.unicodeScalars {
                guard j < s.count, s[j] == p else { return false }
                j += 1
            }
            return true
        }

        func find(_ needle: String, from start: Int) -> Int? {
            let n = Array(needle.unicodeScalars)
            var j = start
            while j + n.count <= s.count {
                if s[j] == n[0] && Array(s[j..<(j + n.count)]) == n { return j }
                j += 1
            }
            return nil
        }

        func findClosing(_ name: String) -> Int? {
            var j = i
            while let k = find("</", from: j) {
                var m = k + 2
                var tag = ""
                while m < s.count, s[m].properties.isAlphabetic || ("0"..."9").contains(s[m]) {
                    tag.unicodeScalars.append(s[m]); m += 1
                }
                if tag.lowercased() == name { return k }
                j = k + 2
            }
            return nil
        }

        mutating func readTag() -> (String, [String: String], Bool, Bool) {
            i += 1
            var closing = false
            if i < s.count, s[i] == "/" { closing = true; i += 1 }
            var name = ""
            while i < s.count, !s[i].properties.isWhitespace, s[i] != ">", s[i] != "/" {
                name.unicodeScalars.append(s[i]); i += 1
            }
            var attributes: [String: String] = [:]
            var selfClosing = false
            while i < s.count, s[i] != ">" {
                if s[i] == "/" { selfClosing = true; i += 1; continue }
                if s[i].properties.isWhitespace { i += 1; continue }
                var key = ""
                while i < s.count, !s[i].properties.isWhitespace, s[i] != "=", s[i] != ">", s[i] != "/" {
                    key.unicodeScalars.append(s[i]); i += 1
                }
                while i < s.count, s[i].properties.isWhitespace { i += 1 }
                var value = ""
                if i < s.count, s[i] == "=" {
                    i += 1
                    while i < s.count, s[i].properties.isWhitespace { i += 1 }
                    if i < s.count, s[i] == "\"" || s[i] == "'" {
                        let quote = s[i]; i += 1
                        while i < s.count, s[i] != quote { value.unicodeScalars.append(s[i]); i += 1 }
                        i += 1
                    } else {
                        while i < s.count, !s[i].properties.isWhitespace, s[i] != ">" { value.unicodeScalars.append(s[i]); i += 1 }
                    }
                }
                if !key.isEmpty { attributes[key.lowercased()] = decodeEntities(value) }
                selfClosing = false
            }
            i += 1
            return (name.lowercased(), attributes, closing, selfClosing)
        }
    }

    static let namedEntities: [String: String] = [
        "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "middot": "·", "hellip": "…", "times": "×",
        "ensp": " ", "emsp": " ", "thinsp": " ", "yen": "¥", "copy": "©", "reg": "®", "laquo": "«", "raquo": "»",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else {
                out += "&"; rest = after; continue
            }
            let entity = after[..<semi]
            var replacement: String?
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else if entity.hasPrefix("#") {
                replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else {
                replacement = namedEntities[String(entity).lowercased()]
            }
            if let replacement {
                out += replacement
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"; rest = after
            }
        }
        out += rest
        return out
    }

    // MARK: - Rendering

    struct Renderer {
        var lines: [Line] = []
        var buffer = ""

        mutating func flush() {
            let text = collapse(buffer)
            if !text.isEmpty { lines.append(Line(prose: text)) }
            buffer = ""
        }

        func isChrome(_ node: Node) -> Bool {
            if HTMLReader.skippedElements.contains(node.name) { return true }
            let marks = ((node.attributes["class"] ?? "") + " " + (node.attributes["id"] ?? "")).lowercased()
            return !marks.trimmingCharacters(in: .whitespaces).isEmpty
                && HTMLReader.chromeMarkers.contains { marks.contains($0) }
        }

        mutating func render(_ node: Node) {
            if node.name.isEmpty { buffer += node.text; return }
            if isChrome(node) { return }
            if node.name == "table" && !node.contains(where: { $0.name == "table" }) {
                flush()
                lines += HTMLReader.grid(node).map { cells in
                    var line = Line(cells: cells, kind: .tableRow)
                    line.positional = true
                    return line
                }
                return
            }
            let block = HTMLReader.blockElements.contains(node.name) || node.name == "td" || node.name == "th"
            if block { flush() }
            for child in node.children { render(child) }
            if block { flush() }
        }
    }

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

    /// The cell text of a `<td>`: its text with line breaks inside the cell joined (a wrapped label).
    static func cellText(_ node: Node) -> String {
        var parts: [String] = []
        var current = ""
        func walk(_ n: Node) {
            if n.name.isEmpty { current += n.text; return }
            if HTMLReader.skippedElements.contains(n.name) { return }
            let block = n.name == "br" || n.name == "p" || n.name == "div"
            if block { parts.append(current); current = "" }
            n.children.forEach(walk)
            if block { parts.append(current); current = "" }
        }
        node.children.forEach(walk)
        parts.append(current)
        return parts.map { collapse($0) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The rows of a leaf table on a grid: a cell spanning several columns or rows fills each position
    /// it covers, its text at its top-left position and an empty cell elsewhere.
    static func grid(_ table: Node) -> [[Cell]] {
        var rows: [Node] = []
        func collectRows(_ n: Node) {
            for child in n.children {
                if child.name == "tr" { rows.append(child) } else if child.name != "table" { collectRows(child) }
            }
        }
        collectRows(table)
        var occupied: [Int: Set<Int>] = [:]
        var result: [[Cell]] = []
        for (r, row) in rows.enumerated() {
            var cells: [Int: String] = [:]
            var c = 0
            for cell in row.children where cell.name == "td" || cell.name == "th" {
                while occupied[r, default: []].contains(c) { c += 1 }
                let colspan = max(1, min(50, Int(cell.attributes["colspan"] ?? "") ?? 1))
                let rowspan = max(1, min(200, Int(cell.attributes["rowspan"] ?? "") ?? 1))
                cells[c] = cellText(cell)
                for dr in 0..<rowspan {
                    for dc in 0..<colspan { occupied[r + dr, default: []].insert(c + dc) }
                }
                c += colspan
            }
            let width = (occupied[r]?.max() ?? -1) + 1
            // Positions covered by a span from another cell are marked, never read as blank cells.
            let line = (0..<width).map { col in cells[col].map { Cell($0) } ?? Cell("", spanned: true) }
            if line.contains(where: { !$0.spanned }) { result.append(line) }
        }
        return result
    }
}
