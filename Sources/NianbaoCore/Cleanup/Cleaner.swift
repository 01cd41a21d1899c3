import Foundation

/// The OCR-noise and extraction-noise stage, driven by `cleanup.yaml`.
public struct Cleaner: Sendable {
    struct CompiledReplacement: Sendable {
        let id: String
        let regex: NSRegularExpression
        let template: String
        let tableOnly: Bool
    }
    struct CompiledDrop: Sendable {
        let id: String
        let regex: NSRegularExpression
    }

    let transforms: CleanupRules.Transforms
    let replacements: [CompiledReplacement]
    let drops: [CompiledDrop]

    /// Compiles the rules; `RuleSet.load` has already checked that every pattern compiles.
    public init(rules: CleanupRules) throws {
        transforms = rules.transforms
        replacements = try rules.replacements.map {
            CompiledReplacement(
                id: $0.id, regex: try NSRegularExpression(pattern: $0.pattern, options: [.anchorsMatchLines]),
                template: $0.with, tableOnly: $0.scope == .table)
        }
        drops = try rules.dropLines.map { CompiledDrop(id: $0.id, regex: try NSRegularExpression(pattern: $0.pattern)) }
    }

    /// The longest line `drop_lines` may remove.
    static let longestChromeLine = 300

    /// A line is "table context" for `scope: table` rules: a table row, or a short line.
    static let shortLine = 40

    public func clean(_ document: LayoutDocument) -> CleanDocument {
        var repairs: [String: Int] = [:]
        var lines = document.lines
        if transforms.traditionalToSimplified {
            ChineseText.simplify(&lines, repairs: &repairs)
        }
        for index in lines.indices {
            for c in lines[index].cells.indices {
                if transforms.foldRadicals { ChineseText.foldRadicals(&lines[index].cells[c].text, repairs: &repairs) }
                if transforms.foldFullwidthDigits {
                    ChineseText.foldFullwidthDigits(&lines[index].cells[c].text, repairs: &repairs)
                }
            }
        }
        let tableContext = lines.indices.filter { lines[$0].kind == .tableRow || lines[$0].text.count < Self.shortLine }
        applyReplacements(
            replacements.filter { !$0.tableOnly }, to: &lines, at: Array(lines.indices), repairs: &repairs)
        applyReplacements(replacements.filter(\.tableOnly), to: &lines, at: tableContext, repairs: &repairs)
        for index in lines.indices {
            for c in lines[index].cells.indices {
                var text = lines[index].cells[c].text
                if transforms.joinCJKSpacing { ChineseText.joinCJKSpacing(&text, repairs: &repairs) }
                lines[index].cells[c].text = text.trimmingCharacters(in: .whitespaces)
            }
        }
        lines = lines.filter { line in
            let text = line.text
            // Drop rules describe chrome, which stands on short lines of its own; a line this long is a
            // body of text (a crawled page keeps a whole report on one line, its footer included).
            guard text.count <= Self.longestChromeLine else { return true }
            guard
                let rule = drops.first(where: {
                    $0.regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                })
            else { return true }
            repairs[rule.id, default: 0] += 1
            return false
        }
        if transforms.runningHeaderRepeats > 0 { dropRunningHeaders(&lines, repairs: &repairs) }
        if transforms.joinBrokenLines > 0 { joinBrokenLines(&lines, repairs: &repairs) }
        return CleanDocument(
            lines: lines, pageCount: document.pageCount, repairs: repairs, layoutFindings: document.findings)
    }

    /// Applies replacement rules to the cells of the given lines, each rule once over all of them (the
    /// cells joined by U+001F, the lines by newlines: a call into the regex engine per cell costs far
    /// more than the matching). A rule whose replacement would move a cell or line boundary is applied
    /// cell by cell instead.
    func applyReplacements(
        _ rules: [CompiledReplacement], to lines: inout [Line], at indices: [Int], repairs: inout [String: Int]
    ) {
        guard !rules.isEmpty, !indices.isEmpty else { return }
        let separator = "\u{1F}"
        var joined = indices.map { lines[$0].cells.map(\.text).joined(separator: separator) }.joined(separator: "\n")
        for rule in rules {
            var trial = joined
            var found: [String: Int] = [:]
            apply(rule, to: &trial, repairs: &found)
            guard !found.isEmpty else { continue }
            if trial.split(separator: "\n", omittingEmptySubsequences: false).count == indices.count,
                trial.filter({ $0 == "\u{1F}" }).count == joined.filter({ $0 == "\u{1F}" }).count
            {
                joined = trial
                repairs.merge(found, uniquingKeysWith: +)
            } else {
                let rows = joined.split(separator: "\n", omittingEmptySubsequences: false)
                joined = rows.map { row in
                    row.split(separator: "\u{1F}", omittingEmptySubsequences: false).map { cell -> String in
                        var text = String(cell)
                        apply(rule, to: &text, repairs: &repairs)
                        return text
                    }.joined(separator: separator)
                }.joined(separator: "\n")
            }
        }
        for (index, row) in zip(indices, joined.split(separator: "\n", omittingEmptySubsequences: false)) {
            for (c, cell) in row.split(separator: "\u{1F}", omittingEmptySubsequences: false).enumerated()
            where c < lines[index].cells.count {
                lines[index].cells[c].text = String(cell)
            }
        }
    }

    func apply(_ rule: CompiledReplacement, to text: inout String, repairs: inout [String: Int]) {
        let range = NSRange(text.startIndex..., in: text)
        let count = rule.regex.numberOfMatches(in: text, range: range)
        guard count > 0 else { return }
        text = rule.regex.stringByReplacingMatches(in: text, range: range, withTemplate: rule.template)
        repairs[rule.id, default: 0] += count
    }

    /// A prose line of 10+ characters repeated `runningHeaderRepeats` times is page furniture.
    func dropRunningHeaders(_ lines: inout [Line], repairs: inout [String: Int]) {
        var counts: [String: Int] = [:]
        for line in lines where line.kind != .tableRow {
            let t = line.text
            if t.count >= 10 && t.count <= 40 { counts[t, default: 0] += 1 }
        }
        let headers = Set(counts.filter { $0.value >= transforms.runningHeaderRepeats }.keys)
        guard !headers.isEmpty else { return }
        let before = lines.count
        lines.removeAll { $0.kind != .tableRow && headers.contains($0.text) }
        repairs["page.running_header", default: 0] += before - lines.count
    }

    /// Joins a prose line broken mid-sentence (at a page break, or by the extractor) with the next one.
    func joinBrokenLines(_ lines: inout [Line], repairs: inout [String: Int]) {
        var out: [Line] = []
        out.reserveCapacity(lines.count)
        var i = 0
        while i < lines.count {
            var line = lines[i]
            i += 1
            guard line.kind == .prose, !line.isBlank else {
                out.append(line)
                continue
            }
            while true {
                var j = i
                while j < lines.count, lines[j].isBlank { j += 1 }
                guard j < lines.count, lines[j].kind == .prose,
                    Self.endsMidSentence(line.text, minimum: transforms.joinBrokenLines),
                    Self.continues(lines[j].text)
                else { break }
                let a = line.text, b = lines[j].text
                let glue =
                    (a.last.map(ChineseText.isCJK) ?? false) || (b.first.map(ChineseText.isCJK) ?? false) ? "" : " "
                line.cells = [
                    Cell(
                        a + glue + b,
                        location: .joining(line.cells.first?.location, a, lines[j].cells.first?.location, b))
                ]
                repairs["join.broken_line", default: 0] += 1
                i = j + 1
            }
            out.append(line)
        }
        lines = out
    }

    static func endsMidSentence(_ text: String, minimum: Int) -> Bool {
        guard text.count >= minimum, let last = text.last else { return false }
        if Headings.isItemHeading(text) && text.count <= 40 && !text.contains("。") { return false }
        // A title or a label (no clause punctuation, short) is a line of its own.
        if text.count < 40 && !text.contains(where: { "，、；：,;".contains($0) }) { return false }
        return ChineseText.isHan(last) || "，、“（《".contains(last)
    }

    static func continues(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if Headings.isItemHeading(text) || Headings.isDateLine(text) { return false }
        return ChineseText.isHan(first) || first.isNumber || "，、。；”）》".contains(first)
    }
}
