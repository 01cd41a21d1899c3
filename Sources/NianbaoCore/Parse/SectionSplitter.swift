public enum SectionSplitter {
    static let numerals = ["一", "二", "三", "四", "五", "六"]

    /// Finds the headings `一、总体情况` … `六、其他需要报告的事项` (with their variants). A heading is a
    /// short line whose first cell starts with the section's numeral and `、` and holds one of its
    /// keywords; headings must come in order, which keeps `四、结转下年度继续办理` (a row of table 三)
    /// from passing for section 四.
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
            let text = Labels.normalize(line.cells.filter { !$0.isBlank }.map(\.text).joined())
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

    /// Rows of table 三 that begin with a section numeral.
    static func isTableRowLabel(_ normalized: String) -> Bool {
        ["本年新收", "上年结转", "本年度办理结果", "结转下年度"].contains { normalized.containsBytes($0) }
    }
}
