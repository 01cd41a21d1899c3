import Foundation

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
                guard var v = SlotResolver.value(ref, in: row) else {
                    // A value printed that could not be read.
                    nulls.append(id)
                    if let loc = row.slots[s].location { evidence[id] = loc }
                    parts.append("\(columnNames[i]) unread")
                    continue
                }
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
        return Ambiguity.Reading(
            values: values, nulls: nulls, evidence: evidence, description: description,
            converted: converted)
    }

    static func format(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }

    /// A warning for each cell of `placement` whose value was printed but could not be read: OCR's
    /// (`ocr_low_confidence`, confidence 0) or a text's `□` (`unread_cell`).
    func unreadFindings(_ placement: [SlotResolver.Ref], into output: inout TableOutput) {
        for (i, ref) in placement.enumerated() {
            guard case .slot(let s) = ref, row.slots[s].isUnread else { continue }
            let location = row.slots[s].location
            let byOCR = location?.ocr != nil
            output.findings.append(
                Finding(
                    rule: byOCR ? FindingID.ocrLowConfidence : FindingID.unreadCell, severity: .warning,
                    fields: [fieldIDs[i]],
                    message:
                        "table \(table), row \(label), \(columnNames[i]): \(byOCR ? "OCR could not read what is printed in the cell" : "the cell's characters could not be read (\(row.slots[s].text))"), left null\(Validator.place(location))",
                    page: location?.page ?? row.page))
        }
    }

    var printed: [String] { row.filled.map(\.text) }

    /// Applies `result` to `output`: certain readings directly, open ones as an ambiguity.
    func emit(_ result: SlotResolver.Reading, into output: inout TableOutput) {
        let readings = result.placements.map(reading)
        // Readings that give the same cells are one, found through a set: a row of surplus numbers can
        // have thousands of readings, and comparing each with every other took seconds.
        struct Cells: Hashable {
            var values: [String: Decimal]
            var nulls: [String]
        }
        var seen = Set<Cells>()
        let distinct = readings.filter { seen.insert(Cells(values: $0.values, nulls: $0.nulls)).inserted }
        let first = readings[0]
        unreadFindings(result.placements[0], into: &output)
        // Cells found but not known: the table was found all the same.
        output.unknown += first.nulls
        func apply(_ r: Ambiguity.Reading) {
            output.fields.merge(r.values) { _, b in b }
            output.evidence.merge(r.evidence) { _, b in b }
            for (id, text) in r.converted.sorted(by: { $0.key < $1.key }) {
                output.findings.append(
                    Finding(
                        rule: FindingID.unitConversion, severity: .warning, fields: [id],
                        message:
                            "table \(table), row \(label): \(text) printed in 元, stored as \(Self.format(r.values[id] ?? 0)) 万元",
                        page: row.page))
            }
            for (id, value) in r.values.sorted(by: { $0.key < $1.key })
            where FieldCatalog.byID[id]?.type == .integer && value != value.rounded {
                output.findings.append(
                    Finding(
                        rule: FindingID.numberRepair, severity: .warning, fields: [id],
                        message: "table \(table), row \(label): \(Self.format(value)) is not a whole number",
                        page: row.page))
            }
        }
        let where_ = "table \(table), row \(label)"
        switch result.how {
        case .printed, .allBlank:
            apply(first)
        case .blanksAsZero:
            apply(first)
            if result.blankTotal {
                output.findings.append(
                    Finding(
                        rule: FindingID.missingTotal, severity: .warning,
                        fields: zip(fieldIDs, result.placements[0]).filter { $0.1 == .unknown }.map(\.0),
                        message: "\(where_): the 总计 cell is blank while other cells are filled; total left null",
                        page: row.page))
            }
        case .unplaced:
            apply(first)
            output.findings.append(
                Finding(
                    rule: FindingID.cellPlacement, severity: .warning, fields: fieldIDs,
                    message:
                        "\(where_): \(printed.count) of \(fieldIDs.count) cells printed (\(printed.joined(separator: ", "))) and no placement fits the row's total; read from the left, the rest unknown: \(first.description)",
                    page: row.page))
        case .tooMany:
            apply(first)
            output.findings.append(
                Finding(
                    rule: FindingID.extraCells, severity: .warning, fields: fieldIDs,
                    message:
                        "\(where_): \(printed.count) numbers printed for \(fieldIDs.count) cells, too many to tell which belong to the row (the readings exceed \(SlotResolver.maxSurplusReadings)); every cell left null",
                    page: row.page))
        case .unreadUnplaced:
            apply(first)
            output.findings.append(
                Finding(
                    rule: FindingID.cellPlacement, severity: .warning, fields: fieldIDs,
                    message:
                        "\(where_): \(printed.count) cells printed for \(fieldIDs.count) (\(printed.joined(separator: ", "))), \(row.filled.count - row.numbers.count) of them not read (□): which cells they stand in is not known; every cell left null",
                    page: row.page))
        case .inferred, .surplus:
            let rule = result.how == .surplus ? FindingID.extraCells : FindingID.cellPlacement
            let allZero = row.numbers.allSatisfy { $0.number?.value == 0 }
            if distinct.count == 1 {
                apply(first)
                if !allZero || result.how == .surplus {
                    output.findings.append(
                        Finding(
                            rule: rule, severity: .warning, fields: fieldIDs,
                            message:
                                "\(where_): \(printed.count) numbers printed for \(fieldIDs.count) cells (\(printed.joined(separator: ", "))); the only reading that fits: \(first.description)",
                            page: row.page))
                }
            } else {
                output.ambiguities.append(
                    Ambiguity(
                        rule: rule, table: table, rowLabel: label, page: row.page, printed: printed,
                        width: fieldIDs.count,
                        readings: distinct))
            }
        }
    }
}
