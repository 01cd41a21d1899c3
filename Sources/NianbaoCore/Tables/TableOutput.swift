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
