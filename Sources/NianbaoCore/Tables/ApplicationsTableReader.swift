import Foundation

/// What a table reader adds to the report.
struct TableOutput {
    var fields: [String: Decimal] = [:]
    var evidence: [String: SourceLocation] = [:]
    var ambiguities: [Ambiguity] = []
    var findings: [Finding] = []
    /// Cells the report prints but that could not be read (a glued row that cannot be cut): null, yet
    /// evidence that the table is there.
    var unknown: [String] = []

    mutating func merge(_ other: TableOutput) {
        fields.merge(other.fields) { a, _ in a }
        evidence.merge(other.evidence) { a, _ in a }
        ambiguities += other.ambiguities
        findings += other.findings
        unknown += other.unknown
    }
}

/// Turns one resolved row into field values, evidence, and a finding or an ambiguity where the reading
/// involved a choice.
struct RowEmitter {
    var table: String
    var fieldIDs: [String]  // one per column
    var columnNames: [String]
    var row: LogicalRow
    var label: String

    func reading(_ placement: [SlotResolver.Ref]) -> Ambiguity.Reading {
        var values: [String: Decimal] = [:]
        var nulls: [String] = []
        var evidence: [String: SourceLocation] = [:]
        var parts: [String] = []
        var converted: [String: String] = [:]
        var zeros = 0
        for (i, ref) in placement.enumerated() {
            let id = fieldIDs[i]
            switch ref {
            case .slot(let s):
                var v = SlotResolver.value(ref, in: row) ?? 0
                if v == 0 { zeros += 1 }
                // Money fields are in 万元: a cell printed in 元 is converted.
                if FieldCatalog.byID[id]?.type == .decimal, row.slots[s].number?.unit == .yuan {
                    v /= 10000
                    converted[id] = row.slots[s].text
                }
                values[id] = v
                if let loc = row.slots[s].location { evidence[id] = loc }
                if v != 0 { parts.append("\(columnNames[i]) \(Self.format(v))") }
            case .zero:
                values[id] = 0
                zeros += 1
            case .unknown:
                nulls.append(id)
                parts.append("\(columnNames[i]) unknown")
            }
        }
        var description = parts.joined(separator: ", ")
        if zeros > 0 { description += parts.isEmpty ? "every cell 0" : ", the other cells 0" }
        return Ambiguity.Reading(values: values, nulls: nulls, evidence: evidence, description: description,
                                 converted: converted)
    }

    static func format(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }

    var printed: [String] { row.numbers.map(\.text) }

    /// Applies `result` to `output`: certain readings directly, open ones as an ambiguity.
    func emit(_ result: SlotResolver.Reading, into output: inout TableOutput) {
        let readings = result.placements.map(reading)
        var distinct: [Ambiguity.Reading] = []
        for r in readings where !distinct.contains(where: { $0.values == r.values && $0.nulls == r.nulls }) {
            distinct.append(r)
        }
        let first = readings[0]
        func apply(_ r: Ambiguity.Reading) {
            output.fields.merge(r.values) { _, b in b }
            output.evidence.merge(r.evidence) { _, b in b }
            for (id, text) in r.converted.sorted(by: { $0.key < $1.key }) {
                output.findings.append(Finding(
                    rule: FindingID.unitConversion, severity: .warning, fields: [id],
                    message: "table \(table), row \(label): \(text) printed in 元, stored as \(Self.format(r.values[id] ?? 0)) 万元",
                    page: row.page))
            }
            for (id, value) in r.values.sorted(by: { $0.key < $1.key })
            where FieldCatalog.byID[id]?.type == .integer && value != value.rounded {
                output.findings.append(Finding(
                    rule: FindingID.numberRepair, severity: .warning, fields: [id],
                    message: "table \(table), row \(label): \(Self.format(value)) is not a whole number", page: row.page))
            }
        }
        let where_ = "table \(table), row \(label)"
        switch result.how {
        case .printed, .allBlank:
            apply(first)
        case .blanksAsZero:
            apply(first)
            if result.blankTotal {
                output.findings.append(Finding(
                    rule: FindingID.missingTotal, severity: .warning, fields: first.nulls,
                    message: "\(where_): the 总计 cell is blank while other cells are filled; total left null", page: row.page))
            }
        case .unplaced:
            apply(first)
            output.findings.append(Finding(
                rule: FindingID.cellPlacement, severity: .warning, fields: fieldIDs,
                message: "\(where_): \(printed.count) of \(fieldIDs.count) cells printed (\(printed.joined(separator: ", "))) and no placement fits the row's total; read from the left, the rest unknown: \(first.description)",
                page: row.page))
        case .inferred, .surplus:
            let rule = result.how == .surplus ? FindingID.extraCells : FindingID.cellPlacement
            let allZero = row.numbers.allSatisfy { $0.number?.value == 0 }
            if distinct.count == 1 {
                apply(first)
                if !allZero || result.how == .surplus {
                    output.findings.append(Finding(
                        rule: rule, severity: .warning, fields: fieldIDs,
                        message: "\(where_): \(printed.count) numbers printed for \(fieldIDs.count) cells (\(printed.joined(separator: ", "))); the only reading that fits: \(first.description)",
                        page: row.page))
                }
            } else {
                output.ambiguities.append(Ambiguity(
                    rule: rule, table: table, rowLabel: label, page: row.page, printed: printed, width: fieldIDs.count,
                    readings: distinct))
            }
        }
    }
}

enum ApplicationsTableReader {
    static let columnNames = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

    static func read(_ lines: [Line], range: Range<Int>, rules: LabelRules.ApplicationsTable, template: Template) -> TableOutput {
        var output = TableOutput()
        let rows = RowAssembler.rows(lines, in: range)
        let matcher = Labels.Matcher(rules.rows, fieldPrefix: "apps.")
        var matched: [(key: String, row: LogicalRow)] = []
        var blank: [(key: String, row: LogicalRow)] = []  // rows printed blank (labels only, no cell)
        var previous: String?
        var firstMatchIndex: Int?
        for (index, row) in rows.enumerated() {
            let (found, blanks) = matcher.resolve(row, previous: previous)
            blank += blanks.map { ($0.key, row) }
            previous = blanks.last?.key ?? previous
            guard let key = found else { continue }
            if matched.contains(where: { $0.key == key }) {
                output.findings.append(Finding(
                    rule: FindingID.duplicateRow, severity: .warning, fields: [],
                    message: "table 三: row \(key) printed twice; the first is kept (\(row.label))", page: row.page))
                continue
            }
            matched.append((key, row))
            previous = key
            if firstMatchIndex == nil { firstMatchIndex = index }
        }
        if matched.isEmpty {
            // No number in the whole table: either it is not there, or it is printed with every cell blank
            // (no request at all), where no line was seen as a table line. Its labels tell.
            blank = blankTable(rows, matcher: matcher, rules: rules, template: template)
        }
        // A row with sub-items printed ((六)其他处理 above its 1–3) is a group label, not the one-row form.
        let keys = Set((matched + blank).map(\.key))
        matched.removeAll { k in keys.contains { $0.hasPrefix(k.key + ".") } }
        blank.removeAll { k in keys.contains { $0.hasPrefix(k.key + ".") } }
        // A row printed with numbers is never also read as blank (a header word can name a row too), and
        // a row named blank twice is read once.
        var seen = Set(matched.map(\.key))
        blank = blank.filter { seen.insert($0.key).inserted }
        for (key, row) in blank {
            let ids = rules.columns.map { "apps.\(key).\($0)" }
            var empty = row
            empty.slots = []
            RowEmitter(table: "三", fieldIDs: ids, columnNames: columnNames, row: empty, label: key)
                .emit(SlotResolver.read(empty, width: ids.count, totalIndex: nil, accept: nil), into: &output)
        }
        guard !matched.isEmpty else { return output }

        // An eighth column (subtotal of 法人或其他组织), announced by the header.
        let subtotalAliases = rules.subtotalHeader.map(Labels.normalize)
        // The header is the rows before the first matched one, and the parts of that row before its own
        // label (a header printed without blank cells runs on into the first row's label parts).
        let first = firstMatchIndex ?? 0
        let runOn = rows.indices.contains(first) ? Array(rows[first].labelParts.dropLast()) : []
        // A header whose cells a PDF's layout ran together with the long top-left cell reads as one line
        // of prose, which rows leave out: the lines above the first row count too (after the parts).
        let above = rows.indices.contains(first) ? (range.lowerBound..<rows[first].labelLine).map { lines[$0].text } : []
        let headerParts = (rows[..<first].flatMap(\.labelParts) + runOn + above).map(Labels.normalize)
        var subtotalIndex: Int?
        if let s = headerParts.firstIndex(where: { p in subtotalAliases.contains { p.contains($0) } }) {
            let otherIndex = headerParts.lastIndex(where: { Labels.stripNumbering($0) == "其他" })
            subtotalIndex = (otherIndex.map { $0 < s } ?? true) ? 6 : 1
        }

        let columns = rules.columns
        for (key, row) in matched {
            let ids = columns.map { "apps.\(key).\($0)" }
            let width = subtotalIndex == nil ? 7 : 8
            func seven(_ v: [Decimal]) -> [Decimal] {
                guard let s = subtotalIndex, v.count == 8 else { return v }
                var w = v
                w.remove(at: s)
                return w
            }
            let rowTotal: ([Decimal]) -> Bool = { v in
                let w = seven(v)
                return w.count == 7 && w[0..<6].reduce(0, +) == w[6]
            }
            if row.gluedRun != nil {
                // The applicant columns (and the 小计 of the five 法人 columns) add up to 总计.
                var groups = [GluedSplitter.Group(members: Array(0..<6), total: 6)]
                if let s = subtotalIndex {
                    groups = s == 6
                        ? [GluedSplitter.Group(members: Array(1...5), total: 6), GluedSplitter.Group(members: [0, 6], total: 7)]
                        : [GluedSplitter.Group(members: Array(2...6), total: 1), GluedSplitter.Group(members: [0, 1], total: 7)]
                }
                var sub = TableOutput()
                let wide = subtotalIndex.map { s in
                    var ids = ids
                    ids.insert("apps.\(key).subtotal", at: s)
                    return ids
                } ?? ids
                let names = subtotalIndex.map { s in
                    var names = columnNames
                    names.insert("小计", at: s)
                    return names
                } ?? columnNames
                _ = RowEmitter(table: "三", fieldIDs: wide, columnNames: names, row: row, label: row.labelParts.last ?? key)
                    .emitGlued(groups: groups, into: &sub)
                // The subtotal has no field of its own.
                sub.dropField { $0.hasSuffix(".subtotal") }
                output.merge(sub)
                continue
            }
            var result = SlotResolver.read(row, width: width, totalIndex: width - 1, preferred: [width - 1], accept: rowTotal)
            if let s = subtotalIndex {
                result.placements = result.placements.map { p in
                    var q = p
                    q.remove(at: s)
                    return q
                }
            }
            let emitter = RowEmitter(table: "三", fieldIDs: ids, columnNames: columnNames, row: row,
                                     label: row.labelParts.last ?? key)
            emitter.emit(result, into: &output)
        }
        return output
    }
}

extension ApplicationsTableReader {
    /// The rows of a table 三 printed without a single number, read as blank (0): when the labels of at
    /// least half its rows stand in the section (the table is there, not merely named in prose), every
    /// row of it, in the form its labels show (a group row or its sub-items; the template's when neither
    /// shows). Empty when too few labels stand there: an absent table stays missing.
    static func blankTable(_ rows: [LogicalRow], matcher: Labels.Matcher, rules: LabelRules.ApplicationsTable,
                           template: Template) -> [(key: String, row: LogicalRow)] {
        var found: [(key: String, row: LogicalRow)] = []
        var previous: String?
        for row in rows {
            var labels = row
            labels.slots = []
            for b in matcher.resolve(labels, previous: previous, everyPart: true).blanks {
                found.append((b.key, row))
                previous = b.key
            }
        }
        let named = Set(found.map(\.key))
        let all = rules.rows.map(\.key)
        // A group row (other_handling) and its sub-items (other_handling.*) are two forms of one row.
        func isGroup(_ key: String) -> Bool { all.contains { $0.hasPrefix(key + ".") } }
        func group(of key: String) -> String? { all.first { isGroup($0) && key.hasPrefix($0 + ".") } }
        let form = all.filter { key in
            if isGroup(key) {
                let subItems = named.contains { $0.hasPrefix(key + ".") }
                return !subItems && (named.contains(key)
                    || FieldCatalog.byID["apps.\(key).\(rules.columns[0])"]?.templates.contains(template) == true)
            }
            guard let g = group(of: key) else { return true }
            return named.contains { $0.hasPrefix(g + ".") }
                || (!named.contains(g) && FieldCatalog.byID["apps.\(key).\(rules.columns[0])"]?.templates.contains(template) == true)
        }
        guard named.intersection(form).count * 2 >= form.count, let last = rows.last else { return [] }
        return form.map { key in (key, found.first { $0.key == key }?.row ?? last) }
    }
}

enum ActiveTableReader {
    static let columnNames: [String: String] = [
        "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数", "decisions": "本年处理决定数量",
        "amount": "金额", "made": "本年新制作数量", "published": "本年新公开数量", "total_public": "对外公开总数量",
        "prev_items": "上一年项目数量", "change": "本年增/减", "items": "采购项目数量",
    ]

    static func read(_ lines: [Line], range: Range<Int>, rules: LabelRules.ActiveTable, template: Template) -> TableOutput {
        var output = TableOutput()
        let matcher = Labels.Matcher(rules.rows, fieldPrefix: "active.")
        var seen = Set<String>()
        var blank: [(key: String, row: LogicalRow)] = []  // rows printed blank (labels only, no cell)
        for row in RowAssembler.rows(lines, in: range) {
            let (found, blanks) = matcher.resolve(row, previous: nil)
            blank += blanks.map { ($0.key, row) }
            guard let key = found, !seen.contains(key) else { continue }
            let other: Template = template == .y2021 ? .y2019 : .y2021
            var layout = rules.columns[template.rawValue]?[key]
            // The row's numbers may fit the other template's layout (a 2019-style row in a 2021 report).
            if let alt = rules.columns[other.rawValue]?[key], layout == nil || (row.numbers.count == alt.count && row.numbers.count != layout!.count) {
                layout = alt
            }
            guard let layout else { continue }
            seen.insert(key)
            let ids = layout.map { "active.\(key).\($0)" }
            let emitter = RowEmitter(table: "二", fieldIDs: ids, columnNames: layout.map { columnNames[$0] ?? $0 }, row: row,
                                     label: row.labelParts.last ?? key)
            var sub = TableOutput()
            // Table 二 has no identities: a glued row that can be cut several ways stays open, and
            // validation keeps only what every way agrees on.
            if emitter.emitGlued(groups: [], into: &sub) {
                output.merge(sub)
                continue
            }
            let result = SlotResolver.read(row, width: layout.count, totalIndex: nil, accept: nil)
            emitter.emit(result, into: &sub)
            // With no identity to choose by, an open reading takes the most likely one, with a warning.
            for a in sub.ambiguities {
                sub.fields.merge(a.readings[0].values) { _, b in b }
                sub.evidence.merge(a.readings[0].evidence) { _, b in b }
                sub.findings.append(Finding(
                    rule: a.rule, severity: .warning, fields: ids,
                    message: "table 二, row \(a.rowLabel): \(a.printed.count) numbers printed for \(a.width) cells (\(a.printed.joined(separator: ", "))); read as \(a.readings[0].description)",
                    page: a.page))
            }
            sub.ambiguities = []
            output.merge(sub)
        }
        // A row printed blank is 0 in each of its template's columns, unless it is printed with numbers too.
        for (key, row) in blank where seen.insert(key).inserted {
            guard let layout = rules.columns[template.rawValue]?[key] else { continue }
            var empty = row
            empty.slots = []
            let ids = layout.map { "active.\(key).\($0)" }
            RowEmitter(table: "二", fieldIDs: ids, columnNames: layout, row: empty, label: key)
                .emit(SlotResolver.read(empty, width: ids.count, totalIndex: nil, accept: nil), into: &output)
        }
        return output
    }
}

enum ReviewTableReader {
    static func read(_ lines: [Line], range: Range<Int>, rules: LabelRules.ReviewTable) -> TableOutput {
        var output = TableOutput()
        let rows = RowAssembler.rows(lines, in: range)
        let groups = rules.groups, columns = rules.columns
        let ids = groups.flatMap { g in columns.map { "\(g).\($0)" } }
        let width = ids.count
        let size = columns.count
        let names = ["行政复议", "直接起诉", "复议后起诉"].flatMap { g in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map { "\(g)\($0)" } }
        // A data row printed as one glued run (crawled text): the longest run that can hold every cell.
        if !rows.contains(where: { $0.numbers.count >= 5 }),
            let glued = rows.filter({ row in row.gluedRun.map { $0.text.filter(\.isNumber).count >= width } ?? false })
                .max(by: { $0.gluedRun!.text.count < $1.gluedRun!.text.count })
        {
            let totals = groups.indices.map { g in
                GluedSplitter.Group(members: Array((g * size)..<(g * size + size - 1)), total: g * size + size - 1)
            }
            _ = RowEmitter(table: "四", fieldIDs: ids, columnNames: names, row: glued, label: "数据行")
                .emitGlued(groups: totals, into: &output)
            return output
        }
        // The data row: the row with the most numbers, at least five of them, or fewer on a line that
        // keeps its blank cells (a row of mostly blank zeros).
        guard let row = rows.max(by: { $0.numbers.count < $1.numbers.count }), !row.numbers.isEmpty else {
            // Not a number in the section: a table printed with its header and an empty data row (no
            // case at all) is blank, 0; a section without the table's header has no table.
            let tableLines = range.map { lines[$0] }.filter { $0.kind != .furniture && !RowAssembler.isRunningProse($0.text) }
            let text = Labels.normalize(tableLines.map(\.text).joined())
            guard rules.header.filter({ text.containsBytes(Labels.normalize($0)) }).count >= max(1, rules.header.count - 1),
                let first = rows.first
            else { return output }
            var empty = first
            empty.slots = []
            RowEmitter(table: "四", fieldIDs: ids, columnNames: names, row: empty, label: "数据行")
                .emit(SlotResolver.read(empty, width: width, totalIndex: nil, accept: nil), into: &output)
            return output
        }
        guard row.numbers.count >= 5 || (row.positionalSlots?.count ?? 0) >= 10 else { return output }
        let totals = Set(groups.indices.map { $0 * size + size - 1 })
        let accept: ([Decimal]) -> Bool = { v in
            groups.indices.allSatisfy { g in
                let base = g * size
                return v[base..<(base + size - 1)].reduce(0, +) == v[base + size - 1]
            }
        }
        let result = SlotResolver.read(row, width: width, totalIndex: nil, preferred: totals, accept: accept)
        RowEmitter(table: "四", fieldIDs: ids, columnNames: names, row: row, label: "数据行").emit(result, into: &output)
        return output
    }
}

extension TableOutput {
    /// Removes the cells of columns that have no field (a glued row's 小计) from every part.
    mutating func dropField(_ drop: (String) -> Bool) {
        fields = fields.filter { !drop($0.key) }
        evidence = evidence.filter { !drop($0.key) }
        unknown.removeAll(where: drop)
        for i in findings.indices { findings[i].fields.removeAll(where: drop) }
        for i in ambiguities.indices {
            ambiguities[i].readings = ambiguities[i].readings.map { r in
                var r = r
                r.values = r.values.filter { !drop($0.key) }
                r.evidence = r.evidence.filter { !drop($0.key) }
                r.nulls.removeAll(where: drop)
                return r
            }
        }
    }
}

extension Decimal {
    var rounded: Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
