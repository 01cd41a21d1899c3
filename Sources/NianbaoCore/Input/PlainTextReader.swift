/// Layout for text inputs: each line of the text becomes a `Line`, its cells split where the text
/// delimits them: tabs, pipes (`a | b | c`, as markdown and flattened HTML print tables), runs of two or
/// more spaces, or a label followed by space-separated numbers (`规章 0 0 0`).
public enum PlainTextReader {
    public static func read(_ text: String) -> LayoutDocument {
        var lines: [Line] = []
        var page = 1
        var sawFormFeed = false
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
            var s = Substring(raw)
            defer { if !lines.isEmpty { lines[lines.count - 1].sourceLine = number + 1 } }
            // A form feed (pdftotext's page break) starts a new page.
            while let ff = s.firstIndex(of: "\u{0C}") {
                let before = s[..<ff]
                if !before.isEmpty {
                    lines.append(line(String(before), page: page))
                    lines[lines.count - 1].sourceLine = number + 1
                }
                page += 1
                sawFormFeed = true
                s = s[s.index(after: ff)...]
            }
            lines.append(line(String(s), page: sawFormFeed ? page : nil))
        }
        return LayoutDocument(lines: lines, pageCount: sawFormFeed ? page : nil)
    }

    static func line(_ text: String, page: Int?) -> Line {
        if text.contains("\t") {
            return Line(cells: text.split(separator: "\t", omittingEmptySubsequences: false).map { Cell(trim($0)) },
                        kind: .tableRow, page: page)
        }
        if text.contains("|") {
            var parts = text.split(separator: "|", omittingEmptySubsequences: false).map { trim($0) }
            // `| a | b |` and `a | b |`: the outer pipes close cells, they do not open empty ones.
            if parts.first == "", text.first == "|" { parts.removeFirst() }
            if parts.last == "", text.last == "|" || text.hasSuffix("| ") { parts.removeLast() }
            return Line(cells: parts.map { Cell($0) }, kind: .tableRow, page: page)
        }
        if let cells = spaceAligned(text) {
            return Line(cells: cells.map { Cell($0) }, kind: .tableRow, page: page)
        }
        return Line(cells: [Cell(trim(Substring(text)))], kind: .prose, page: page)
    }

    static func trim(_ s: Substring) -> String {
        String(s.drop(while: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" })
            .reversed().drop(while: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" }).reversed())
    }

    /// `行政许可   21908` or `规章 0 0 0`: a label, then one or more numeric tokens, separated by spaces.
    static func spaceAligned(_ text: String) -> [String]? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" }).map(String.init)
        guard tokens.count >= 2 else { return nil }
        var firstNumber = tokens.count
        while firstNumber > 0, NumberReader.isNumericCell(tokens[firstNumber - 1]) { firstNumber -= 1 }
        let numbers = tokens.count - firstNumber
        guard numbers >= 1, firstNumber >= 1 else {
            // A line of numbers only (the data row of table 四).
            return numbers >= 3 && firstNumber == 0 ? tokens : nil
        }
        let label = tokens[..<firstNumber].joined(separator: " ")
        // Prose that happens to end with a number is not a row: a row label is short.
        guard label.count <= 40, !label.contains("。") else { return nil }
        // With a single trailing number, insist on a gap of two spaces (or a tab-like layout).
        if numbers == 1 && !text.contains("  ") && !text.contains("\u{3000}") { return nil }
        return [label] + tokens[firstNumber...]
    }
}
