import Foundation

/// Reads table 三 (applications received and how they were answered) into the `apps.*` fields.
enum ApplicationsTableReader {
    static let columnNames = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

    static func read(
        _ lines: [Line], range: Range<Int>, rules: LabelRules.ApplicationsTable, template: Template
    ) -> TableOutput {
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
            // A row read from real cells replaces one read from a glued run of digits.
            if let i = matched.firstIndex(where: { $0.key == key && $0.row.gluedRun != nil }), row.gluedRun == nil {
                matched[i].row = row
                continue
            }
            if matched.contains(where: { $0.key == key }) {
                output.findings.append(
                    Finding(
                        rule: FindingID.duplicateRow, severity: .warning, fields: [],
                        message: "table 三: row \(key) printed twice; the first is kept (\(row.label))", page: row.page))
                continue
            }
            matched.append((key, row))
            previous = key
            if firstMatchIndex == nil { firstMatchIndex = index }
        }
        // A row printed as a glued run that could not be matched or read is no blank table either.
        if matched.isEmpty && !rows.contains(where: { $0.gluedRun != nil }) {
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
        let above =
            rows.indices.contains(first) ? (range.lowerBound..<rows[first].labelLine).map { lines[$0].text } : []
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
                    groups =
                        s == 6
                        ? [
                            GluedSplitter.Group(members: Array(1...5), total: 6),
                            GluedSplitter.Group(members: [0, 6], total: 7),
                        ]
                        : [
                            GluedSplitter.Group(members: Array(2...6), total: 1),
                            GluedSplitter.Group(members: [0, 1], total: 7),
                        ]
                }
                var sub = TableOutput()
                let wide =
                    subtotalIndex.map { s in
                        var ids = ids
                        ids.insert("apps.\(key).subtotal", at: s)
                        return ids
                    } ?? ids
                let names =
                    subtotalIndex.map { s in
                        var names = columnNames
                        names.insert("小计", at: s)
                        return names
                    } ?? columnNames
                _ = RowEmitter(
                    table: "三", fieldIDs: wide, columnNames: names, row: row, label: row.labelParts.last ?? key
                )
                .emitGlued(groups: groups, into: &sub)
                // The subtotal has no field of its own.
                sub.dropField { $0.hasSuffix(".subtotal") }
                output.merge(sub)
                continue
            }
            var result = SlotResolver.read(
                row, width: width, totalIndex: width - 1, preferred: [width - 1], accept: rowTotal)
            if let s = subtotalIndex {
                result.placements = result.placements.map { p in
                    var q = p
                    q.remove(at: s)
                    return q
                }
            }
            let emitter = RowEmitter(
                table: "三", fieldIDs: ids, columnNames: columnNames, row: row,
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
    static func blankTable(
        _ rows: [LogicalRow], matcher: Labels.Matcher, rules: LabelRules.ApplicationsTable,
        template: Template
    ) -> [(key: String, row: LogicalRow)] {
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
                return !subItems
                    && (named.contains(key)
                        || FieldCatalog.byID["apps.\(key).\(rules.columns[0])"]?.templates.contains(template) == true)
            }
            guard let g = group(of: key) else { return true }
            return named.contains { $0.hasPrefix(g + ".") }
                || (!named.contains(g)
                    && FieldCatalog.byID["apps.\(key).\(rules.columns[0])"]?.templates.contains(template) == true)
        }
        guard named.intersection(form).count * 2 >= form.count, let last = rows.last else { return [] }
        return form.map { key in (key, found.first { $0.key == key }?.row ?? last) }
    }
}
