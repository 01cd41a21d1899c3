/// Crawled page text: archives made by web crawlers keep a report's whole body on one line (or a few),
/// with the crawler's own header fields (`标题:`, `发布机构:`) in front, and table cells glued together
/// with no separator at all (`一、本年新收政府信息公开申请数量38010120384二、上年结转…`).
///
/// Before sections and tables are read, the structure is put back: a long line is cut before the
/// crawler's header fields and before each section heading found inside it (in order, by the keywords of
/// `labels.yaml`); then, inside the sections that hold tables, a line is cut after every run of digits
/// that follows a label, each row becoming a line of two cells: its label and its run, marked `glued`.
/// How a run is cut into the row's cells is decided by the table readers, which know the row's width
/// and identities (`GluedSplitter`). The item number of the next label (`…0000022.其他法律…`: the last
/// `2` numbers the next row) is given back to that label.
struct GluedText: Sendable {
    let rules: LabelRules
    let sectionSpecs: [(number: Int, keywords: [String])]
    let activeMatcher: Labels.Matcher
    let applicationsMatcher: Labels.Matcher
    let headerKeys: [String]

    init(rules: LabelRules) {
        self.rules = rules
        sectionSpecs = rules.sections.compactMap { spec in
            SectionSplitter.numerals.firstIndex(of: spec.number).map { ($0 + 1, spec.keywords.map(Labels.normalize)) }
        }
        activeMatcher = Labels.Matcher(rules.active.rows)
        applicationsMatcher = Labels.Matcher(rules.applications.rows, fieldPrefix: "apps.")
        headerKeys = rules.metadata?.headerKeys ?? []
    }

    /// A line is long enough to hold more than one heading or row when it has this many characters.
    static let longLine = 40

    /// The lines with the structure put back, or the same lines when nothing in them is glued.
    func restructure(_ lines: [Line]) -> [Line] {
        guard
            lines.contains(where: {
                Self.isSingleText($0) && $0.cells.first { !$0.isBlank }!.text.count > Self.longLine
            })
                || lines.contains(where: { Self.isSingleText($0) && Self.hasGluedRun(Self.singleText($0)) })
        else { return lines }
        // Headings are looked for inside lines only when the lines themselves do not show the tables'
        // sections, and only after the last heading they do show (a paragraph of a well-formed report
        // that quotes the headings, `本报告包括：一、总体情况，二、主动公开…`, stays whole).
        let own = SectionSplitter.split(lines, rules: rules.sections)
        let needsHeadings = !(2...4).allSatisfy { own.headings[$0] != nil }
        // The lines between the last heading found before the first missing section and the first found
        // after the last missing one.
        let missing = (2...4).filter { own.headings[$0] == nil }
        let before = own.headings.filter { $0.key < (missing.first ?? 0) }.max { $0.key < $1.key }
        let after = own.headings.filter { $0.key > (missing.last ?? 7) }.min { $0.key < $1.key }
        let region = (before.map { $0.value + 1 } ?? 0)..<(after?.value ?? lines.count)
        var nextSection = before.flatMap { b in sectionSpecs.firstIndex { $0.number == b.key }.map { $0 + 1 } } ?? 0
        var cut: [Line] = []
        for (index, line) in lines.enumerated() {
            guard Self.isSingleText(line), Self.singleText(line).count > Self.longLine else {
                cut.append(line)
                continue
            }
            // A crawler's header fields are cut apart wherever they stand; headings only in the region.
            let headings = needsHeadings && region.contains(index)
            for piece in splitAtHeadings(Self.singleText(line), headings: headings, nextSection: &nextSection) {
                var l = line
                l.cells = [Cell(piece, location: line.cells.first { !$0.isBlank }?.location)]
                l.kind = .prose
                cut.append(l)
            }
        }
        let sections = SectionSplitter.split(cut, rules: rules.sections)
        var out: [Line] = []
        for (index, line) in cut.enumerated() {
            let section = sections.ranges.first { $0.value.contains(index) }?.key
            guard let section, (2...4).contains(section), Self.isSingleText(line) else {
                out.append(line)
                continue
            }
            out += rows(of: line, matcher: section == 2 ? activeMatcher : section == 3 ? applicationsMatcher : nil)
        }
        return out
    }

    static func isSingleText(_ line: Line) -> Bool {
        line.kind != .furniture && line.cells.filter { !$0.isBlank }.count == 1
    }

    static func singleText(_ line: Line) -> String { line.cells.first { !$0.isBlank }!.text }

    // MARK: - Headings

    /// Cuts `text` before the crawler's header fields and before each section heading it holds.
    func splitAtHeadings(_ text: String, headings: Bool = true, nextSection: inout Int) -> [String] {
        let chars = Array(text)
        var cuts: [Int] = []
        // Cut before `key:` for each header key: found from the colons, which are few.
        let keys = headerKeys.map(Array.init)
        for colon in chars.indices where chars[colon] == ":" || chars[colon] == "：" {
            for k in keys where colon - k.count >= 1 && chars[(colon - k.count)..<colon].elementsEqual(k) {
                cuts.append(colon - k.count)
            }
        }
        // …and before `【key】`.
        for close in chars.indices where chars[close] == "】" {
            for k in keys
            where close - k.count >= 2 && chars[close - k.count - 1] == "【"
                && chars[(close - k.count)..<close].elementsEqual(k)
            {
                cuts.append(close - k.count - 1)
            }
        }
        for i in chars.indices where headings {
            guard let number = SectionSplitter.numerals.firstIndex(of: String(chars[i])).map({ $0 + 1 }),
                i + 1 < chars.count, chars[i + 1] == "、" || chars[i + 1] == "."
            else { continue }
            // `二、` inside `一、二、三类` or `第二、` is no heading.
            if i > 0,
                SectionSplitter.numerals.contains(String(chars[i - 1])) || chars[i - 1] == "第" || chars[i - 1] == "、"
            {
                continue
            }
            let window = Labels.normalize(String(chars[i..<min(chars.count, i + 28)]))
            guard !SectionSplitter.isTableRowLabel(String(window.prefix(12))) else { continue }
            guard let specIndex = sectionSpecs.indices.first(where: { sectionSpecs[$0].number == number }),
                specIndex >= nextSection,
                sectionSpecs[specIndex].keywords.contains(where: { String(window.prefix(20)).containsBytes($0) })
            else { continue }
            nextSection = specIndex + 1
            cuts.append(i)
            // The heading's own end: after its last keyword, through a closing 情况/事项.
            if let end = headingEnd(chars, from: i, keywords: sectionSpecs[specIndex].keywords) { cuts.append(end) }
        }
        var pieces: [String] = []
        var start = 0
        for c in Set(cuts).sorted() where c > start && c < chars.count {
            pieces.append(String(chars[start..<c]))
            start = c
        }
        pieces.append(String(chars[start...]))
        return pieces.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func headingEnd(_ chars: [Character], from start: Int, keywords: [String]) -> Int? {
        let limit = min(chars.count, start + 30)
        var end: Int?
        for keyword in keywords {
            let k = Array(keyword)
            var i = start
            while i + k.count <= limit {
                if chars[i..<(i + k.count)].elementsEqual(k) { end = max(end ?? 0, i + k.count) }
                i += 1
            }
        }
        guard var e = end else { return nil }
        for closing in ["情况", "事项"] {
            let k = Array(closing)
            var i = e
            while i + k.count <= min(chars.count, e + 12) {
                if chars[i..<(i + k.count)].elementsEqual(k) {
                    e = i + k.count
                    break
                }
                i += 1
            }
        }
        return e
    }

    // MARK: - Rows

    static let unitAfterNumber: Set<Character> = [
        "件", "个", "条", "人", "次", "项", "年", "月", "日", "号", "元", "万", "余", "多",
        "名", "家", "宗", "份", "期", "批", "类", "天", "时", "%", "％", "岁", "户", "亿",
        "千", "百", "倍", "分", "秒", "位", "场", "篇", "部", "起", "例",
    ]
    static let clauseEnds: Set<Character> = ["，", "。", "；", "：", ",", ";", ":", "！", "？"]
    static let signs: Set<Character> = ["-", "－", "—", "–", "/", "／", "+", "＋"]
    static let labelEnds: Set<Character> = ["）", ")", "”", "」", "』", "】", "〕", "\"", "’"]

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// A digit run right after a label character, ended by a label character: a glued table row.
    static func hasGluedRun(_ text: String) -> Bool {
        !runs(Array(text)).isEmpty
    }

    /// The glued runs of `chars`: (start, end) of each, the end before the next label's item number.
    static func runs(_ chars: [Character]) -> [(start: Int, end: Int)] {
        var result: [(Int, Int)] = []
        var i = 0
        while i < chars.count {
            guard isDigit(chars[i]), i > 0, ChineseText.isHan(chars[i - 1]) || labelEnds.contains(chars[i - 1]),
                chars[i - 1] != "第"
            else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count {
                if isDigit(chars[j]) || chars[j] == " " || chars[j] == "," {
                    j += 1
                    continue
                }
                // A sign or a dash between digits (`100—5`, `105-3`) stays in the run: no cut of it is a
                // row of whole numbers, so the row is left null with a warning rather than cut short.
                if signs.contains(chars[j]), j + 1 < chars.count, isDigit(chars[j + 1]) {
                    j += 1
                    continue
                }
                // A decimal point inside a number (an amount), not the `.` of an item number.
                if chars[j] == ".", j + 1 < chars.count, isDigit(chars[j + 1]), j > i {
                    j += 1
                    continue
                }
                break
            }
            var end = j
            while end > i, chars[end - 1] == " " || chars[end - 1] == "," { end -= 1 }
            let next: Character? = j < chars.count ? chars[j] : nil
            if let next, next == "." || next == "、" || next == "．" {
                // The next label's item number (`2.其他…`): its one digit goes back to the label.
                if end - i >= 2, isDigit(chars[end - 1]), j + 1 < chars.count, !isDigit(chars[j + 1]) {
                    end -= 1
                } else {
                    i = j + 1
                    continue
                }
            } else if let next, unitAfterNumber.contains(next) || clauseEnds.contains(next) {
                // A quantity in prose (`328件`), or a number ending a clause (`其中予以公开20，`): a row's
                // cells are followed by the next label, never by a unit or a comma.
                i = j
                continue
            }
            result.append((i, end))
            i = j
        }
        return result
    }

    /// A line of a table section cut into rows: each run with the label before it.
    func rows(of line: Line, matcher: Labels.Matcher?) -> [Line] {
        let text = Self.singleText(line)
        let chars = Array(text)
        let runs = Self.runs(chars)
        // A report's tables have some forty rows; a line with far more runs is no table (or hostile):
        // left as it is, which bounds the work per line.
        guard !runs.isEmpty, runs.count <= Self.maxRunsPerLine else { return [line] }
        var out: [Line] = []
        func emit(_ cells: [Cell], _ kind: Line.Kind) {
            var l = line
            l.cells = cells
            l.kind = kind
            l.positional = false
            out.append(l)
        }
        let location = line.cells.first { !$0.isBlank }?.location
        var start = 0
        for run in runs {
            let segment = String(chars[start..<run.start]).trimmingCharacters(in: .whitespaces)
            let (before, label) = splitLabel(segment, matcher: matcher)
            if !before.isEmpty { emit([Cell(before, location: location)], .prose) }
            var runCell = Cell(String(chars[run.start..<run.end]), location: location)
            runCell.glued = true
            emit([Cell(label, location: location), runCell], .tableRow)
            start = run.end
        }
        let rest = String(chars[start...]).trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { emit([Cell(rest, location: location)], .prose) }
        return out
    }

    /// Splits the text before a run into what precedes the row (headers, group labels) and the row's
    /// own label: the shortest end of the text that names a row, with the item number that opens it
    /// (`1.属于国家秘密`, `（七）总计`) when one stands a few characters before.
    func splitLabel(_ segment: String, matcher: Labels.Matcher?) -> (before: String, label: String) {
        guard let matcher else { return ("", segment) }
        let chars = Array(segment)
        let window = max(0, chars.count - Self.labelReach)
        var found: Int?
        for start in stride(from: chars.count - 1, through: window, by: -1)
        where matcher.matchIgnoringOrder(Labels.normalize(String(chars[start...]))) != nil {
            found = start
            break
        }
        guard var start = found else { return ("", segment) }
        for back in stride(from: 1, through: min(Self.itemNumberReach, start), by: 1) {
            let head = String(chars[(start - back)..<min(chars.count, start - back + 5)])
            if let length = Self.itemNumberLength(head), length <= back {
                // `第（五）项` is a heading of table 二, not an item number.
                let after = start - back + length
                if after < chars.count, chars[after] == "项" { break }
                start -= back
                break
            }
        }
        return (String(chars[..<start]).trimmingCharacters(in: .whitespaces), String(chars[start...]))
    }

    static let maxRunsPerLine = 400
    /// The longest row label looked for before a run (the longest in the template has 37 characters).
    static let labelReach = 48

    /// How far before a row's name its item number may stand (`1.申请人无正当理由逾期不补正`).
    static let itemNumberReach = 16

    /// The length of the item number `text` starts with: `1.` `3、` `（七）` `(三)` `四、`.
    static func itemNumberLength(_ text: String) -> Int? {
        let c = Array(text)
        guard let first = c.first else { return nil }
        if isDigit(first), c.count > 1, ".、．".contains(c[1]) { return 2 }
        if Headings.chineseNumerals.contains(first), c.count > 1, c[1] == "、" { return 2 }
        if "（(".contains(first), c.count > 2, Headings.chineseNumerals.contains(c[1]), "）)".contains(c[2]) { return 3 }
        return nil
    }
}
