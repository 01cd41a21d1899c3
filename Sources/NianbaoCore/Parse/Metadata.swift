import Foundation

/// Template, year and issuer of a report.
enum Metadata {
    // MARK: Template

    /// The template whose cues the text holds most (circular citations weigh 3, table headers 2);
    /// without cues, the year decides (reports on 2021 and later use the 2021 template).
    static func template(_ normalizedText: String, year: Int?, cues: [String: LabelRules.TemplateCues]) -> Template? {
        var scores: [Template: Int] = [:]
        for (name, cue) in cues {
            guard let t = Template(rawValue: name) else { continue }
            let citations = cue.citation.map(Labels.normalize).filter { normalizedText.containsBytes($0) }.count
            let table = cue.table.map(Labels.normalize).filter { normalizedText.containsBytes($0) }.count
            scores[t] = citations * 3 + table * 2
        }
        let a = scores[.y2021] ?? 0, b = scores[.y2019] ?? 0
        if a != b { return a > b ? .y2021 : .y2019 }
        guard let year else { return a > 0 ? .y2021 : nil }
        return year >= 2021 ? .y2021 : (year >= 2019 ? .y2019 : nil)
    }

    // MARK: Year

    static let periodPatterns: [NSRegularExpression] = [
        #"统计(?:期限|时限|期间|区间|时间|范围|周期)[^。;；]{0,16}?((?:19|20)\d{2})年(?:1月1日|01月01日|度)"#,
        #"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-|~)(?:(?:19|20)\d{2}年)?12月31日"#,
        #"((?:19|20)\d{2})年(?:度)?(?:[^。，,]{0,20}?)(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    static let anyYear = try! NSRegularExpression(pattern: #"((?:19|20)\d{2})年"#)

    /// The year the report covers: the statistics period first, then the title, then the first year
    /// mentioned in section 一, then the year before the signature date.
    static func year(_ text: String, overview: String?, signatureYear: Int?) -> Int? {
        for pattern in periodPatterns {
            if let y = firstGroup(pattern, in: text).flatMap(Int.init) { return y }
        }
        if let overview, let y = firstGroup(anyYear, in: overview).flatMap(Int.init) { return y }
        return signatureYear.map { $0 - 1 }
    }

    static func firstGroup(_ regex: NSRegularExpression, in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        guard let m = regex.firstMatch(in: text, range: range), m.numberOfRanges > 1,
            let r = Range(m.range(at: 1), in: text)
        else { return nil }
        return String(text[r])
    }

    // MARK: Issuer

    static let regionSuffixes = ["省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "街道"]
    /// The characters that name a level of government.
    static let levels: Set<Character> = ["省", "市", "区", "县", "旗", "州", "盟", "镇", "乡"]

    static let titlePattern = try! NSRegularExpression(
        pattern: #"^《?([\p{Han}（）()]{2,30}?)(?:(?:19|20)\d{2})年(?:度)?(?:政府信息公开|政务公开)"#)
    static let publishPattern = try! NSRegularExpression(
        pattern: #"(?:现公布|现发布|特发布|现予公布)《?([\p{Han}]{2,30}?)(?:(?:19|20)\d{2})年"#)
    static let governmentPattern = try! NSRegularExpression(
        pattern: #"([\p{Han}]{2,12}?(?:省|市|区|县|旗|州|盟))人民政府"#)

    /// The reporting body: the signature above the date at the end; else the title's name; else the
    /// body a publishing sentence names; else the people's government the text names most.
    static func issuer(_ lines: [String], signature: String?, keys: LabelRules.MetadataKeys? = nil) -> String? {
        if let signature { return bodyName(signature) }
        // A crawler's or CMS page's header field (`标题:…`, `【来源】…`): its value.
        let fields = keys.map { keys in lines.prefix(12).compactMap { headerField($0, keys: keys.headerKeys) } } ?? []
        for line in lines.prefix(12) + fields.map(\.value) {
            if let name = firstGroup(titlePattern, in: line) { return bodyName(name) }
        }
        // The body is named near the start; a longer text is not searched further (the patterns are
        // regular expressions run at every position).
        let text = String(lines.joined(separator: "\n").prefix(Self.issuerSearchLength))
        if let name = firstGroup(publishPattern, in: text) { return bodyName(name) }
        // The header's issuer field, in the order of `issuer_keys`, when its value names a body.
        for key in keys?.issuerKeys ?? [] {
            if let value = fields.first(where: { $0.key == key })?.value, isBodyName(value) { return bodyName(value) }
        }
        var counts: [String: Int] = [:]
        let range = NSRange(text.startIndex..., in: text)
        for m in governmentPattern.matches(in: text, range: range) {
            if let r = Range(m.range(at: 1), in: text) { counts[String(text[r]) + "人民政府", default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    static let issuerSearchLength = 20_000

    /// The issuer of a report OCR read, with its place name as the text spells it most: OCR misreads a
    /// rare character of a name in one place and reads it right in others (`莞湖市镜湖区` signed, `芜湖市镜湖区`
    /// twice in the text). The name before the body's suffix, when one spelling of it that differs in one
    /// character occurs at least twice, and more often than the issuer's own, is taken in its place; never
    /// where the character that differs marks a level (`长沙县` and `长沙市` are two bodies).
    static func outvoted(_ issuer: String, in text: String) -> String {
        guard let suffix = bodySuffixes.first(where: { issuer.hasSuffix($0) }) else { return issuer }
        let name = Array(issuer.dropLast(suffix.count))
        guard name.count >= 3, name.allSatisfy(ChineseText.isHan) else { return issuer }
        let characters = Array(text)
        var counts: [[Character]: Int] = [:]
        for start in characters.indices.dropLast(name.count - 1) {
            let window = characters[start..<(start + name.count)]
            let differing = zip(window, name).filter { $0 != $1 }
            guard differing.count <= 1, window.allSatisfy(ChineseText.isHan),
                !differing.contains(where: { levels.contains($0) || levels.contains($1) })
            else { continue }
            counts[Array(window), default: 0] += 1
        }
        let own = counts[name] ?? 0
        let others = counts.filter { $0.key != name }.sorted { $0.value > $1.value }
        guard let best = others.first, best.value >= 2, best.value > own,
            others.dropFirst().first.map({ $0.value < best.value }) ?? true
        else { return issuer }
        return String(best.key) + suffix
    }

    static let bodySuffixes = [
        "人民政府", "政府", "办公室", "办公厅", "局", "委员会", "委", "厅", "院", "部", "中心", "管委会",
        "街道办事处", "办事处", "开发区", "新区", "园区", "镇", "乡",
    ]

    /// A header value that names a body (`XX县人民政府办公室`), not a site (`本站`, `XX网`).
    static func isBodyName(_ value: String) -> Bool {
        value.count >= 4 && value.count <= 30 && value.allSatisfy { ChineseText.isHan($0) || "（）()".contains($0) }
            && bodySuffixes.contains { value.hasSuffix($0) }
    }

    /// `key: value`, `key：value` or `【key】value` at the start of a line, for one of `keys`.
    static func headerField(_ line: String, keys: [String]) -> (key: String, value: String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let key: Substring, rest: Substring
        if trimmed.hasPrefix("【"), let close = trimmed.firstIndex(of: "】") {
            key = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            rest = trimmed[trimmed.index(after: close)...]
        } else if let colon = trimmed.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            key = trimmed[..<colon]
            rest = trimmed[trimmed.index(after: colon)...]
        } else {
            return nil
        }
        let name = key.trimmingCharacters(in: .whitespaces)
        guard keys.contains(name) else { return nil }
        return (name, rest.trimmingCharacters(in: .whitespaces))
    }

    // MARK: Publication date

    static let datePattern = try! NSRegularExpression(
        pattern: #"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"#)

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The date a crawler's or CMS page's header says the report was published (`发布时间:2024-01-19
    /// 10:32`), as `YYYY-MM-DD`.
    static func published(_ lines: [String], keys: LabelRules.MetadataKeys?) -> String? {
        guard let dateKeys = keys?.dateKeys, !dateKeys.isEmpty else { return nil }
        for line in lines.prefix(12) {
            guard let value = headerField(line, keys: dateKeys)?.value else { continue }
            let range = NSRange(value.startIndex..., in: value)
            guard let m = datePattern.firstMatch(in: value, range: range),
                let y = Range(m.range(at: 1), in: value), let mo = Range(m.range(at: 2), in: value),
                let d = Range(m.range(at: 3), in: value), let month = Int(value[mo]), let day = Int(value[d]),
                (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: Int(value[y]) ?? 0)
            else { continue }
            return "\(value[y])-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        return nil
    }

    /// `XX人民政府办公室` → `XX人民政府`; `XX开发区办公室` → `XX开发区`; a bare region → `XX人民政府`.
    static func bodyName(_ raw: String) -> String {
        var name = raw.trimmingCharacters(in: .whitespaces)
        if name.hasSuffix("人民政府办公室") || name.hasSuffix("人民政府办公厅") {
            name.removeLast(3)
        } else if name.hasSuffix("办公室") {
            let rest = String(name.dropLast(3))
            if regionSuffixes.contains(where: { rest.hasSuffix($0) }) { name = rest }
        }
        if regionSuffixes.contains(where: { name.hasSuffix($0) }) && !name.hasSuffix("开发区") && !name.hasSuffix("新区")
            && !name.hasSuffix("园区")
        {
            return name + "人民政府"
        }
        return name
    }

    /// The signature: a short line right above a date line near the end of the document.
    static func signature(_ lines: [String]) -> (body: String?, year: Int?) {
        let tail = Array(lines.suffix(15))
        for i in stride(from: tail.count - 1, through: 0, by: -1) where Headings.isDateLine(tail[i]) {
            let year = Int(tail[i].filter { !$0.isWhitespace }.prefix(4))
            var j = i - 1
            while j >= 0, tail[j].trimmingCharacters(in: .whitespaces).isEmpty { j -= 1 }
            if j >= 0 {
                let candidate = tail[j].filter { !$0.isWhitespace }
                if candidate.count >= 3, candidate.count <= 30, !candidate.contains(where: { "。，,；;：:".contains($0) }),
                    candidate.allSatisfy({ ChineseText.isHan($0) || "（）()".contains($0) })
                {
                    return (candidate, year)
                }
            }
            return (nil, year)
        }
        return (nil, nil)
    }
}
