import Foundation

/// Label normalisation and matching against the aliases of `labels.yaml`.
public enum Labels {
    /// Full-width ASCII folded (（一） → (一), ２ → 2), spaces removed, Chinese square brackets as 〔〕,
    /// `、` after a digit as `.`. Cleanup has already simplified characters and folded radicals; this is
    /// the cheap fold that label comparison needs (NFKC through Foundation costs far more, and labels
    /// are compared often).
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasDigit = false
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if scalar.properties.isWhitespace { continue }
            if (0xFF01...0xFF5E).contains(v) && v != 0xFF3B && v != 0xFF3D { v -= 0xFEE0 }  // （ → (, ２ → 2
            switch v {
            case 0x3014, 0xFF3B, 0x3010: v = 0x3014  // 〔 ［ 【
            case 0x3015, 0xFF3D, 0x3011: v = 0x3015  // 〕 ］ 】
            case 0x3001 where lastWasDigit: v = 0x2E  // 1、 → 1.
            default: break
            }
            lastWasDigit = (0x30...0x39).contains(v)
            out.append(Unicode.Scalar(v)!)
        }
        return String(out)
    }

    /// Marks that stand at a label's ends only as specks read by OCR (after `normalize`).
    static let strayMarks: Set<Character> = [",", ".", ":", ";", "'", "\"", "`", "“", "”", "‘", "’", "、", "。", "·"]

    /// `规章，` → `规章`: stray marks removed from both ends of a normalised label.
    static func trimmingStrayMarks(_ label: String) -> String {
        guard let first = label.firstIndex(where: { !strayMarks.contains($0) }),
            let last = label.lastIndex(where: { !strayMarks.contains($0) })
        else { return "" }
        return String(label[first...last])
    }

    /// `(七)总计` → `总计`, `3.其他` → `其他`, `三、本年度…` → `本年度…`: leading item numbers removed.
    public static func stripNumbering(_ normalized: String) -> String {
        var s = Substring(normalized)
        while true {
            // Only the start moves: comparing where it stands, not the texts (a label of 500,000 item
            // numbers, 一、一、…, compared its whole rest once per number it lost).
            let before = s.startIndex
            let numerals = s.prefix(while: { Headings.chineseNumerals.contains($0) })
            if !numerals.isEmpty, let next = s.dropFirst(numerals.count).first, "、.".contains(next) {
                s = s.dropFirst(numerals.count + 1)
            }
            if s.first == "(" {
                let inner = s.dropFirst().prefix(while: { Headings.chineseNumerals.contains($0) || $0.isNumber })
                if !inner.isEmpty, s.dropFirst(1 + inner.count).first == ")" { s = s.dropFirst(inner.count + 2) }
            }
            let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
            if !digits.isEmpty, digits.count <= 2, let next = s.dropFirst(digits.count).first, "、.".contains(next) {
                s = s.dropFirst(digits.count + 1)
            }
            if s.startIndex == before { break }
        }
        return String(s)
    }

    /// The end of a normalised label from the last item number inside it (`(三)3.危及…` → `3.危及…`), or
    /// nil when no item number stands after its first character.
    public static func fromLastItemNumber(_ normalized: String) -> String? {
        let c = Array(normalized)
        var i = c.count - 2
        while i > 0 {
            let digitItem = c[i].isASCII && c[i].isNumber && c[i + 1] == "." && !(c[i - 1].isASCII && c[i - 1].isNumber)
            let numeralItem = Headings.chineseNumerals.contains(c[i]) && c[i + 1] == "、"
            let bracketItem =
                c[i] == "(" && i + 2 < c.count && Headings.chineseNumerals.contains(c[i + 1]) && c[i + 2] == ")"
            if digitItem || numeralItem || bracketItem { return String(c[i...]) }
            i -= 1
        }
        return nil
    }

    /// Matches labels to row keys of one table.
    public struct Matcher: Sendable {
        struct Entry: Sendable {
            let key: String
            let contains: [String]
            let exact: Set<String>
            let after: Set<String>?
        }
        let entries: [Entry]
        /// Each row's full label in the template (from fields.tsv), normalised, numbering stripped.
        let templateLabels: [(key: String, label: String)]

        /// - Parameter prefix: the field id prefix of the table's rows (`apps.`), whose template labels
        ///   serve when a printed label is cut short (a row broken across a page).
        public init(_ aliases: [RowAlias], fieldPrefix prefix: String? = nil) {
            entries = aliases.map {
                Entry(
                    key: $0.key, contains: ($0.contains ?? []).map(Labels.normalize),
                    exact: Set(($0.exact ?? []).map(Labels.normalize)), after: $0.after.map(Set.init))
            }
            // fields.tsv labels a row as `三 / （三）不予公开 / 1.属于国家秘密 × 自然人` (table 三: the last
            // part before the column) or `行政事业性收费 / 本年收费金额` (table 二: the first part).
            templateLabels =
                prefix.map { prefix in
                    aliases.compactMap { alias -> (String, String)? in
                        guard let spec = FieldCatalog.all.first(where: { $0.id.hasPrefix(prefix + alias.key + ".") })
                        else { return nil }
                        let parts = (spec.label.components(separatedBy: " × ").first ?? spec.label).components(
                            separatedBy: " / ")
                        guard let own = spec.label.contains(" × ") ? parts.last : parts.first else { return nil }
                        return (alias.key, Labels.stripNumbering(Labels.normalize(own)))
                    }
                } ?? []
        }

        /// The row a label names, given the previously matched row (for `after` constraints).
        /// The label's parts are tried from the last one backwards: the cell next to the numbers is the
        /// row's own label; earlier parts are group labels and headers.
        public func match(parts: [String], previous: String?) -> String? {
            let normalizedParts = parts.map(Labels.normalize).filter { !$0.isEmpty }
            guard !normalizedParts.isEmpty else { return nil }
            for start in stride(from: normalizedParts.count - 1, through: 0, by: -1) {
                let candidate = normalizedParts[start...].joined()
                if let key = match(candidate, previous: previous) { return key }
            }
            return nil
        }

        static let blankParts = 4
        static let labelParts = 12

        /// A row printed blank: its key and the label parts that name it.
        public struct BlankRow: Sendable, Hashable {
            public var key: String
            public var parts: Range<Int>
        }

        /// The rows a logical row's label parts name: the row its numbers belong to (`key`, nil when its
        /// label names none or it has no value) and, before that row's label, rows printed blank.
        ///
        /// In a table drawn without rules, a row printed blank is a label on a line of its own
        /// (`LogicalRow.labelsOnly`), run together with the next row's label, like a label wrapped over
        /// lines or a group label. The labels tell them apart: the row's own label is the shortest run
        /// of parts at the end that names a row (as `match(parts:previous:)`), read after the blank rows
        /// before it (an `after` constraint counts them); a blank row is a run of labels-only parts that
        /// names a row by itself (at most `blankParts` of them: a label wrapped over a few lines, not
        /// every label of a table run together). `everyPart`: take every part as labels only (a table
        /// printed without any number, where no line was seen as a table line).
        public func resolve(
            _ row: LogicalRow, previous: String?, everyPart: Bool = false
        )
            -> (key: String?, blanks: [BlankRow])
        {
            let parts = row.labelParts.map(Labels.normalize)
            let free = parts.indices.map { everyPart || ($0 < row.labelsOnly.count && row.labelsOnly[$0]) }
            // The blank rows among parts[range], left to right, and the last row named.
            func blanks(in range: Range<Int>) -> ([BlankRow], String?) {
                var found: [BlankRow] = []
                var last = previous
                var i = range.lowerBound
                while i < range.upperBound {
                    var j = i
                    var named: String?
                    while j < range.upperBound, j - i < Self.blankParts, free[j], named == nil {
                        j += 1
                        if !parts[j - 1].isEmpty { named = match(parts[i..<j].joined(), previous: last) }
                    }
                    if let key = named, !parts[i].isEmpty {
                        found.append(BlankRow(key: key, parts: i..<j))
                        last = key
                        i = j
                    } else {
                        i += 1
                    }
                }
                return (found, last)
            }
            guard !row.slots.isEmpty else { return (nil, blanks(in: parts.indices).0) }
            // The row's own label is among its last few parts (a label wraps over a few lines): looking
            // further back for it would cost a pass over the parts for each.
            let earliest = max(0, parts.count - Self.labelParts)
            for start in stride(from: parts.count - 1, through: earliest, by: -1) where !parts[start].isEmpty {
                let (before, last) = blanks(in: 0..<start)
                if let key = match(parts[start...].joined(), previous: last) { return (key, before) }
            }
            return (nil, [])
        }

        /// The row a normalised label names wherever it stands (`after` constraints not applied): for
        /// finding where a row's label begins in text whose rows are not yet known.
        func matchIgnoringOrder(_ normalized: String) -> String? {
            match(normalized, previous: nil, ignoringOrder: true)
        }

        func match(_ normalized: String, previous: String?, ignoringOrder: Bool = false) -> String? {
            let stripped = Labels.stripNumbering(normalized)
            var best: (key: String, length: Int)?
            for entry in entries {
                let allowedHere =
                    ignoringOrder || (entry.after.map { after in previous.map(after.contains) ?? false } ?? true)
                if allowedHere, entry.exact.contains(stripped) || entry.exact.contains(normalized) {
                    let length = stripped.count + 100  // an exact label beats any substring match
                    if best == nil || length > best!.length { best = (entry.key, length) }
                    continue
                }
                for alias in entry.contains where normalized.containsBytes(alias) {
                    if best == nil || alias.count > best!.length { best = (entry.key, alias.count) }
                }
            }
            if let best { return best.key }
            // A label cut short (the rest of it on the next page): the one row whose template label it
            // begins, if it is long enough to tell.
            let candidates =
                stripped.count >= 6
                ? templateLabels.filter { $0.label.hasPrefix(stripped) && $0.label != stripped } : []
            if candidates.count == 1 { return candidates[0].key }
            // A vertical group label read into the row's line (`不予公5.属于三类内部`, `果3.其他`): the
            // label from its last item number on.
            if let item = Labels.fromLastItemNumber(normalized) {
                return match(item, previous: previous, ignoringOrder: ignoringOrder)
            }
            // Stray marks at a label's ends (specks OCR reads as `“`, `，` or `'`: `规章，`, `3.其他“`): the
            // label without them.
            let trimmed = Labels.trimmingStrayMarks(stripped)
            if !trimmed.isEmpty, trimmed.count < stripped.count {
                return match(trimmed, previous: previous, ignoringOrder: ignoringOrder)
            }
            return nearMiss(stripped) ?? nearMiss(stripped, cutShort: true)
        }

        /// A label OCR misread a character or two of (`逾期不衫正` for 逾期不补正, `革他法律行政法规筑止公开`
        /// for 其他法律行政法规禁止公开): the one template label within one changed character in six of it
        /// (one for a label of up to 11 characters), clearly nearer than any other.
        ///
        /// `cutShort`: a label both misread and cut short (the rest of it on a line after the row's numbers,
        /// `要求行政机关确认或重负` for 要求行政机关确认或重新出具已获取信息), matched against the templates' labels
        /// cut to its length; at least 8 characters.
        func nearMiss(_ stripped: String, cutShort: Bool = false) -> String? {
            let label = Array(stripped)
            guard label.count >= (cutShort ? 8 : 6), label.count <= 60, label.contains(where: ChineseText.isHan)
            else { return nil }
            var ranked: [(key: String, distance: Int)] = []
            for template in templateLabels {
                var other = Array(template.label)
                if cutShort {
                    guard other.count > label.count + 1 else { continue }
                    other = Array(other.prefix(label.count))
                }
                guard abs(other.count - label.count) <= max(1, other.count / 6) else { continue }
                ranked.append((template.key, Self.distance(label, other)))
            }
            ranked.sort { $0.distance < $1.distance }
            guard let best = ranked.first, best.distance > 0, best.distance <= max(1, label.count / 6),
                ranked.dropFirst().first.map({ $0.distance > best.distance + 1 }) ?? true
            else { return nil }
            return best.key
        }

        /// Levenshtein distance over characters.
        static func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            var current = [Int](repeating: 0, count: b.count + 1)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                current[0] = i
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    current[j] = min(
                        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return a.isEmpty ? b.count : previous[b.count]
        }
    }
}
