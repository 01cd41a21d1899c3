/// Layout for text inputs: each line of the text becomes a `Line`, its cells split where the text
/// delimits them: tabs, pipes (`a | b | c`, as markdown and flattened HTML print tables), runs of two or
/// more spaces, or a label followed by space-separated numbers (`规章 0 0 0`).
public enum PlainTextReader {
    public static func read(_ text: String) -> LayoutDocument {
        var lines: [Line] = []
        var page = 1
        var paged = false  // pdftotext marks page breaks with a form feed
        for (index, raw) in Self.lines(text).enumerated() {
            var pieces = raw.split(separator: "\u{0C}", omittingEmptySubsequences: false)
            let last = pieces.removeLast()
            for piece in pieces {  // each form feed ends a page
                if !piece.isEmpty { lines.append(line(String(piece), page: page, number: index + 1)) }
                page += 1
                paged = true
            }
            lines.append(line(String(last), page: paged ? page : nil, number: index + 1))
        }
        return LayoutDocument(lines: lines, pageCount: paged ? page : nil)
    }

    /// The lines of a text input, as evidence numbers them (`line`, from 1): ended by LF, CRLF or CR.
    public static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    static func line(_ text: String, page: Int?, number: Int) -> Line {
        var line = cells(text)
        line.page = page
        line.sourceLine = number
        return line
    }

    static func cells(_ raw: String) -> Line {
        let text = raw.contains("|") ? withoutStrayPipes(raw) : raw
        if text.contains("\t") {
            var line = Line(
                cells: text.split(separator: "\t", omittingEmptySubsequences: false).map { Cell(trim($0)) },
                kind: .tableRow)
            line.positional = true
            return line
        }
        if text.contains("|") {
            var parts = text.split(separator: "|", omittingEmptySubsequences: false).map { trim($0) }
            // `| a | b |` and `a | b |`: the outer pipes close cells, they do not open empty ones.
            if parts.first == "", text.first == "|" { parts.removeFirst() }
            if parts.last == "", text.last == "|" || text.hasSuffix("| ") { parts.removeLast() }
            var line = Line(cells: parts.map { Cell($0) }, kind: .tableRow)
            // One filled cell between pipes is a table flattened one cell per line: no positions.
            line.positional = parts.filter { !$0.isEmpty }.count >= 2
            return line
        }
        if let cells = spaceAligned(text) {
            return Line(cells: cells.map { Cell($0) }, kind: .tableRow)
        }
        return Line(cells: [Cell(trim(Substring(text)))], kind: .prose)
    }

    /// OCR of a ruled table reads a cell border as `|` glued to the number beside it (`15   |2   0`):
    /// in a line laid out with runs of spaces and not otherwise pipe-separated (no pipe closes it, none
    /// has a space after it: `a | b`, `|a|b|`, `|规章   |5   |`), a pipe with a space before it (or
    /// opening the line) and a digit after it is such a stray border.
    static func withoutStrayPipes(_ text: String) -> String {
        let c = Array(text)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A pipe-separated row closes with a pipe, or has a pipe with a space after it (a stray border
        // can open the line: `|7、属于…   2   3`).
        let delimited =
            trimmed.hasSuffix("|") || c.indices.contains { c[$0] == "|" && $0 + 1 < c.count && c[$0 + 1] == " " }
        guard text.contains("   "), !delimited else { return text }
        var out = ""
        for i in c.indices {
            if c[i] == "|", i > 0, c[i - 1] == " ", i + 1 < c.count,
                NumberReader.isDigit(c[i + 1].unicodeScalars.first!)
                    || ("０"..."９").contains(c[i + 1])
            {
                out.append(" ")
                continue
            }
            out.append(c[i])
        }
        return out
    }

    static func trim(_ s: Substring) -> String {
        String(
            s.drop(while: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" })
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
