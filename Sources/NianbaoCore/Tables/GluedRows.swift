import Foundation

extension FindingID {
    /// A row printed as one run of digits (crawled text), cut into its cells.
    public static let gluedCells = "glued_cells"
}

extension TableOutput {
    /// Cells the report prints but that cannot be read from a glued run: null, with a `glued_cells`
    /// warning saying why.
    mutating func leaveNull(_ ids: [String], _ message: String, page: Int?) {
        unknown += ids
        findings.append(
            Finding(rule: FindingID.gluedCells, severity: .warning, fields: ids, message: message, page: page))
    }
}

extension RowEmitter {
    /// Reads a row printed as one glued run of digits, if it is one: the run is cut into the row's cells
    /// (`GluedSplitter`) and only splits that keep the row's own totals are kept.
    ///
    /// - One split left: its cells, with an `info` finding.
    /// - Several left: an ambiguity, which validation settles with the identities across rows (where
    ///   those leave several, only the cells all readings agree on are kept).
    /// - None left: the one split the format allows, if there is only one (the row's own numbers then
    ///   break its identity, which validation reports); otherwise the row's cells are null, with a
    ///   `warning`. Nothing is invented.
    ///
    /// Returns false when the row holds no glued run.
    func emitGlued(groups: [GluedSplitter.Group], into output: inout TableOutput) -> Bool {
        guard let run = row.gluedRun, case .run(let digits) = run.value else { return false }
        let width = fieldIDs.count
        let decimals = Set(fieldIDs.indices.filter { FieldCatalog.byID[fieldIDs[$0]]?.type == .decimal })
        let result = GluedSplitter.split(digits, width: width, groups: groups, decimalCells: decimals)
        let where_ = "table \(table), row \(label)"
        let printed = digits.filter { $0 != " " }
        func describe(_ cells: [String]) -> String { cells.joined(separator: " ") }

        if result.exhausted {
            output.leaveNull(
                fieldIDs,
                "\(where_): printed without separators (\(printed)); too many ways to cut it into \(width) cells to tell, the row is left null",
                page: row.page)
            return true
        }
        let why = groups.isEmpty ? "into \(width) cells" : "into \(width) cells whose totals add up"
        switch result.accepted.count {
        case 1:
            apply(result.accepted[0], location: run.location, into: &output)
            output.findings.append(
                Finding(
                    rule: FindingID.gluedCells, severity: .info, fields: fieldIDs,
                    message:
                        "\(where_): printed without separators (\(printed)); read as \(describe(result.accepted[0])), the only way to cut it \(why)",
                    page: row.page))
        case 0:
            if let only = result.onlyStructural {
                apply(only, location: run.location, into: &output)
                output.findings.append(
                    Finding(
                        rule: FindingID.gluedCells, severity: .info, fields: fieldIDs,
                        message:
                            "\(where_): printed without separators (\(printed)); read as \(describe(only)), the only way to cut it into \(width) cells (its own totals do not add up)",
                        page: row.page))
            } else {
                output.leaveNull(
                    fieldIDs,
                    "\(where_): printed without separators (\(printed)); no way to cut it \(why), the row is left null",
                    page: row.page)
            }
        default:
            let readings = result.accepted.map { reading($0, location: run.location) }
            output.ambiguities.append(
                Ambiguity(
                    rule: FindingID.gluedCells, table: table, rowLabel: label, page: row.page, printed: [printed],
                    width: width,
                    readings: readings))
        }
        return true
    }

    func reading(_ cells: [String], location: SourceLocation?) -> Ambiguity.Reading {
        var values: [String: Decimal] = [:]
        var evidence: [String: SourceLocation] = [:]
        for (id, text) in zip(fieldIDs, cells) {
            values[id] = Decimal(string: text) ?? 0
            if let location { evidence[id] = location }
        }
        let description = zip(columnNames, cells).map { "\($0) \($1)" }.joined(separator: ", ")
        return Ambiguity.Reading(values: values, nulls: [], evidence: evidence, description: description)
    }

    func apply(_ cells: [String], location: SourceLocation?, into output: inout TableOutput) {
        let r = reading(cells, location: location)
        output.fields.merge(r.values) { _, b in b }
        output.evidence.merge(r.evidence) { _, b in b }
    }
}
