public enum SectionSplitter {
    static let numerals = ["一", "二", "三", "四", "五", "六"]

    /// Finds the headings `一、总体情况` … `六、其他需要报告的事项` (with their variants). A heading is a
    /// short line whose first cell starts with the section's numeral and `、` and holds one of its
    /// keywords; headings must come in order, which keeps `四、结转下年度继续办理` (a row of table 三)
    /// from passing for section 四. In text OCR read, the next heading may have lost its numeral
    /// (`isUnnumberedHeading`).
    public static func split(_ lines: [Line], rules: [LabelRules.Section]) -> SectionMap {
        var headings: [Int: Int] = [:]
        var next = 0
        let specs = rules.map { spec in
            (
                number: numerals.firstIndex(of: spec.number).map { $0 + 1 } ?? 0,
                keywords: spec.keywords.map(Labels.normalize)
            )
        }
        for (index, line) in lines.enumerated() {
            let cells = line.cells.filter { !$0.isBlank }
            let text = Labels.normalize(cells.map(\.text).joined())
            guard !text.isEmpty, text.count <= 40 else { continue }
            for spec in specs[next...] where spec.number > 0 {
                let prefix = numerals[spec.number - 1] + "、"
                let prefix2 = numerals[spec.number - 1] + "."
                guard text.hasPrefix(prefix) || text.hasPrefix(prefix2) else { continue }
                if spec.keywords.contains(where: { text.containsBytes($0) }) && !isTableRowLabel(text) {
                    headings[spec.number] = index
                    next = specs.firstIndex(where: { $0.number == spec.number })! + 1
                }
                break
            }
            if next < specs.count, specs[next].number > 0, cells.count == 1,
                cells[0].location?.ocr != nil, isUnnumberedHeading(text, keywords: specs[next].keywords)
            {
                headings[specs[next].number] = index
                next += 1
            }
            if next >= specs.count { break }
        }
        var ranges: [Int: Range<Int>] = [:]
        let ordered = headings.sorted { $0.value < $1.value }
        for (i, (number, start)) in ordered.enumerated() {
            let end = i + 1 < ordered.count ? ordered[i + 1].value : lines.count
            ranges[number] = (start + 1)..<end
        }
        return SectionMap(ranges: ranges, headings: headings)
    }

    /// A heading OCR read without its numeral (`、收到和处理…`, `政府信息公开行政复议、行政诉讼情况`: the
    /// numeral lost in a scan's noise), for the next section only: its title alone on a line, short,
    /// without a sentence's punctuation, and not a subsection's heading (`(二)依申请公开`) or a numbered
    /// line of its own.
    static func isUnnumberedHeading(_ normalized: String, keywords: [String]) -> Bool {
        guard normalized.count <= 24, let first = normalized.first, first != "(", !first.isNumber,
            !numerals.contains(String(first)), !normalized.contains(where: { "，。；：,;:".contains($0) }),
            !isTableRowLabel(normalized)
        else { return false }
        return keywords.contains { normalized.containsBytes($0) }
    }

    /// Rows of table 三 that begin with a section numeral.
    static func isTableRowLabel(_ normalized: String) -> Bool {
        ["本年新收", "上年结转", "本年度办理结果", "结转下年度"].contains { normalized.containsBytes($0) }
    }
}
