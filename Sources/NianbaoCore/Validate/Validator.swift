import Foundation

/// The validate stage: picks the reading of each ambiguous row that the identities support best, then
/// checks every rule of `validation.yaml` and reports each broken identity as a finding.
public struct Validator: Sendable {
    enum Side: Sendable {
        case fields([String])
        case oneOf([[String]])
    }
    struct Instance: Sendable {
        var rule: Int
        var scope: String?  // a column name or a row label, for the message
        var left: [Side]
        var right: [Side]
        var ids: [String]
    }

    let rules: ValidationRules
    let instances: [Instance]
    let statements: [(regex: NSRegularExpression, field: String)]

    public init(rules: ValidationRules) {
        self.rules = rules
        statements = (rules.narrative?.statements ?? []).compactMap { s in
            (try? NSRegularExpression(pattern: s.pattern)).map { ($0, s.field) }
        }
        var instances: [Instance] = []
        let columns = FieldCatalog.applicantColumns
        for (index, rule) in rules.rules.enumerated() {
            func resolve(_ terms: [ValidationRules.Term], column: String, row: String) -> [Side] {
                terms.map { term in
                    switch term {
                    case .field(let p): return .fields(IdentityChecker.expand(p, column: column, row: row))
                    case .oneOf(let alts):
                        return .oneOf(
                            alts.map { alt in alt.flatMap { IdentityChecker.expand($0, column: column, row: row) } })
                    }
                }
            }
            func ids(_ sides: [Side]) -> [String] {
                sides.flatMap { side -> [String] in
                    switch side {
                    case .fields(let f): return f
                    case .oneOf(let alts): return alts.flatMap { $0 }
                    }
                }
            }
            let scopes: [(String?, String, String)]
            switch rule.forEach {
            case .column:
                scopes = columns.enumerated().map { (ApplicationsTableReader.columnNames[$0.offset], $0.element, "") }
            case .row: scopes = IdentityChecker.rowPrefixes.map { (Validator.rowName($0), "total", $0) }
            case nil: scopes = [(nil, "total", "")]
            }
            for (scope, column, row) in scopes {
                let left = resolve(rule.left, column: column, row: row)
                let right = resolve(rule.right, column: column, row: row)
                instances.append(
                    Instance(rule: index, scope: scope, left: left, right: right, ids: ids(left) + ids(right)))
            }
        }
        self.instances = instances
    }

    static func rowName(_ prefix: String) -> String {
        let label = FieldCatalog.byID["\(prefix).total"]?.label ?? prefix
        return label.replacingOccurrences(of: " × 总计", with: "")
    }

    /// Sum of a side, or nil when a cell it needs was not printed.
    static func sum(_ sides: [Side], _ fields: [String: Decimal]) -> Decimal? {
        var total: Decimal = 0
        for side in sides {
            switch side {
            case .fields(let ids):
                for id in ids {
                    guard let v = fields[id] else { return nil }
                    total += v
                }
            case .oneOf(let alternatives):
                guard
                    let ids = alternatives.first(where: { alt in !alt.isEmpty && alt.allSatisfy { fields[$0] != nil } })
                else { return nil }
                total += ids.reduce(Decimal(0)) { $0 + fields[$1]! }
            }
        }
        return total
    }

    /// The broken instances: (instance, left sum, right sum).
    func violations(
        _ fields: [String: Decimal], severities: Set<Finding.Severity> = [.error, .warning, .info]
    )
        -> [(Instance, Decimal, Decimal)]
    {
        instances.compactMap { instance in
            guard severities.contains(rules.rules[instance.rule].severity),
                let l = Self.sum(instance.left, fields), let r = Self.sum(instance.right, fields), l != r
            else { return nil }
            return (instance, l, r)
        }
    }

    /// What validation decides about a parsed report: the reading chosen for each ambiguous row (an index
    /// into its `readings`) and the findings validation adds. Small, so that it is what the validate stage
    /// stores; `apply` rebuilds the fields from it and the parsed report.
    public struct Validation: Sendable, Hashable, Codable {
        /// Per ambiguity, the index of the reading taken, or `Validation.agreement` for a glued row that
        /// the identities leave open: only the cells its surviving readings agree on are kept.
        public var choices: [Int]
        public var findings: [Finding]
        /// Per ambiguity taken as `agreement`, the indices of its surviving readings (none: all null).
        public var survivors: [Int: [Int]]?
        /// field id → the value taken for a low-confidence OCR reading (`ocr_correction`).
        public var corrections: [String: Decimal]?
        /// Low-confidence OCR readings left null: they break an identity no reading mends, or no identity
        /// checks them.
        public var unread: [String]?
        public static let agreement = -1
    }

    /// The fields and evidence of `parsed` with the chosen readings of its ambiguous rows filled in.
    public static func apply(
        _ validation: Validation, to parsed: ParsedReport
    )
        -> (fields: [String: Decimal], evidence: [String: SourceLocation])
    {
        var fields = parsed.fields
        var evidence = parsed.evidence
        for (k, (a, index)) in zip(parsed.ambiguities, validation.choices).enumerated() {
            if a.readings.indices.contains(index) {
                fields.merge(a.readings[index].values) { _, b in b }
                evidence.merge(a.readings[index].evidence) { _, b in b }
            } else if index == Validation.agreement {
                let agreed = agreement(
                    of: (validation.survivors?[k] ?? []).filter(a.readings.indices.contains).map { a.readings[$0] })
                fields.merge(agreed.values) { _, b in b }
                evidence.merge(agreed.evidence) { _, b in b }
            }
        }
        fields.merge(validation.corrections ?? [:]) { _, b in b }
        for id in validation.unread ?? [] { fields[id] = nil }
        return (fields, evidence)
    }

    /// The report's fields as validation settles them and all its findings (the parse stage's, then
    /// validation's).
    public func validate(
        _ parsed: ParsedReport
    ) -> (fields: [String: Decimal], evidence: [String: SourceLocation], findings: [Finding]) {
        let validation = check(parsed)
        let (fields, evidence) = Self.apply(validation, to: parsed)
        return (fields, evidence, parsed.findings + validation.findings)
    }

    public func check(_ parsed: ParsedReport) -> Validation {
        var chosen = choose(parsed.ambiguities, base: parsed.fields)
        var findings: [Finding] = []
        var survivors: [Int: [Int]] = [:]
        settleGlued(parsed, chosen: &chosen, survivors: &survivors, findings: &findings)
        var (fields, evidence) = Self.apply(Validation(choices: chosen, findings: [], survivors: survivors), to: parsed)
        let (corrections, unread) = correctOCR(fields, evidence, findings: &findings)
        fields.merge(corrections) { _, b in b }
        for id in unread { fields[id] = nil }
        for (a, index) in zip(parsed.ambiguities, chosen) where a.rule != FindingID.gluedCells {
            let reading = a.readings[index]
            let others = a.readings.count - 1
            let ids = a.readings.flatMap { Array($0.values.keys) + $0.nulls }
            findings.append(
                Finding(
                    rule: a.rule, severity: .warning, fields: Array(Set(ids)).sorted(),
                    message:
                        "table \(a.table), row \(a.rowLabel): \(a.printed.count) numbers printed for \(a.width) cells (\(a.printed.joined(separator: ", "))); read as \(reading.description), the reading the template's identities support best (\(others) other reading\(others == 1 ? "" : "s") possible)",
                    page: a.page))
        }
        for (instance, l, r) in violations(fields) {
            let rule = rules.rules[instance.rule]
            let scope = instance.scope.map { " (\($0))" } ?? ""
            let page = instance.ids.lazy.compactMap { evidence[$0]?.page }.first
            let left = rule.leftLabel ?? "the left side", right = rule.rightLabel ?? "the right side"
            findings.append(
                Finding(
                    rule: rule.id, severity: rule.severity, fields: instance.ids,
                    message:
                        "\(rule.id)\(scope): \(left) = \(Self.format(l)), \(right) = \(Self.format(r)), a difference of \(Self.format(l - r)) (\(rule.description))\(page.map { ", page \($0)" } ?? "")",
                    page: page))
        }
        findings += narrative(parsed.overview, fields)
        return Validation(
            choices: chosen, findings: findings, survivors: survivors.isEmpty ? nil : survivors,
            corrections: corrections.isEmpty ? nil : corrections, unread: unread.isEmpty ? nil : unread)
    }

    /// Numbers OCR read with low confidence. When an error identity fails and exactly one other reading OCR
    /// offered for exactly one such cell makes every error identity hold, that reading is taken
    /// (`ocr_correction`, info). A low-confidence number that still breaks an identity is not a number the
    /// report printed but one OCR could not read: it is left null, so that the identity does not blame the
    /// report for it. Every low-confidence number not corrected is flagged `ocr_low_confidence` (warning),
    /// kept when an identity checks it and every identity it takes part in holds, left null when none can
    /// check it (every identity it takes part in names a field not read, or there is none: table 二). A
    /// confident cell is never changed: what the
    /// identities find among confident cells is the report's.
    func correctOCR(
        _ fields: [String: Decimal], _ evidence: [String: SourceLocation], findings: inout [Finding]
    ) -> (corrections: [String: Decimal], unread: [String]) {
        let low = evidence.filter { $0.value.ocr?.confident == false && fields[$0.key] != nil }.sorted {
            $0.key < $1.key
        }
        guard !low.isEmpty else { return ([:], []) }
        var corrections: [String: Decimal] = [:]
        let broken = violations(fields, severities: [.error])
        if !broken.isEmpty {
            var candidates: [(id: String, printed: String, chosen: String, value: Decimal)] = []
            for (id, location) in low {
                for alternative in location.ocr?.alternatives ?? [] {
                    guard let value = Self.number(alternative), value != fields[id] else { continue }
                    var trial = fields
                    trial[id] = value
                    if violations(trial, severities: [.error]).isEmpty {
                        candidates.append((id, Self.format(fields[id]!), alternative, value))
                    }
                }
            }
            if candidates.count == 1, let c = candidates.first {
                corrections[c.id] = c.value
                let failed = Set(broken.map { self.rules.rules[$0.0.rule].id }).sorted().joined(separator: ", ")
                let label = FieldCatalog.byID[c.id]?.label ?? c.id
                findings.append(
                    Finding(
                        rule: FindingID.ocrCorrection, severity: .info, fields: [c.id],
                        message:
                            "\(label): OCR read \(c.printed) with low confidence; took \(c.chosen), the only other reading OCR offered that makes every identity hold (\(failed) failed as read)\(Self.place(evidence[c.id]))",
                        page: evidence[c.id]?.page))
            }
        }
        var mended = fields
        mended.merge(corrections) { _, b in b }
        let stillBroken = violations(mended, severities: [.error]).map(\.0)
        // The unsure readings that break an identity are left null first: an identity that held only with
        // one of them checks nothing.
        var checked = mended
        for (id, _) in low where corrections[id] == nil && stillBroken.contains(where: { $0.ids.contains(id) }) {
            checked[id] = nil
        }
        var unread: [String] = []
        for (id, location) in low where corrections[id] == nil {
            guard let reading = location.ocr else { continue }
            let breaks = stillBroken.filter { $0.ids.contains(id) }.map { self.rules.rules[$0.rule].id }
            // An identity checks the reading when it holds the field and every other field it names is read.
            let checks = instances.filter { instance in
                rules.rules[instance.rule].severity == .error && instance.ids.contains(id)
                    && Self.sum(instance.left, checked) != nil && Self.sum(instance.right, checked) != nil
            }
            let outcome: String
            if breaks.isEmpty, !checks.isEmpty {
                let agree = Set(checks.map { self.rules.rules[$0.rule].id }).sorted()
                outcome = "kept: \(agree.joined(separator: ", ")) \(agree.count == 1 ? "holds" : "hold") with it"
            } else if breaks.isEmpty {
                // No identity can tell whether it is right (a cell of table 二): an unsure number is not
                // published as read.
                unread.append(id)
                outcome = "left null: no identity checks it"
            } else {
                unread.append(id)
                outcome = "left null: it breaks \(Set(breaks).sorted().joined(separator: ", ")) and no reading mends it"
            }
            let label = FieldCatalog.byID[id]?.label ?? id
            let others =
                reading.alternatives.isEmpty
                ? "" : " (other readings: \(reading.alternatives.prefix(4).joined(separator: ", ")))"
            findings.append(
                Finding(
                    rule: FindingID.ocrLowConfidence, severity: .warning, fields: [id],
                    message:
                        "\(label): OCR read \(Self.format(fields[id]!)) with confidence \(Int(reading.confidence.rounded()))%\(others), \(outcome)\(Self.place(location))",
                    page: location.page))
        }
        return (corrections, unread)
    }

    /// `, page P, box (x0, y0)–(x1, y1) pt` for a message.
    static func place(_ location: SourceLocation?) -> String {
        guard let location else { return "" }
        var text = location.page.map { ", page \($0)" } ?? ""
        if let b = location.box {
            text +=
                ", box (\(Int(b.x0.rounded())), \(Int(b.y0.rounded())))–(\(Int(b.x1.rounded())), \(Int(b.y1.rounded()))) pt"
        }
        return text
    }

    /// A number as OCR printed it (`1,234`, `-` for a printed zero).
    static func number(_ text: String) -> Decimal? {
        let t = text.filter { !$0.isWhitespace && $0 != "," }
        if t == "-" { return 0 }
        guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return Decimal(string: t)
    }

    /// `narrative`: a figure quoted in section 一 (共收到政府信息公开申请11件) that no printed cell of its
    /// field agrees with. Where the prose quotes a field several times, one agreeing quote is enough.
    func narrative(_ overview: String, _ fields: [String: Decimal]) -> [Finding] {
        guard let severity = rules.narrative?.severity, !overview.isEmpty else { return [] }
        var quotes: [String: [(value: Decimal, text: String)]] = [:]
        var order: [String] = []
        let range = NSRange(overview.startIndex..., in: overview)
        for (regex, field) in statements {
            for m in regex.matches(in: overview, range: range) {
                guard let whole = Range(m.range, in: overview), let group = Range(m.range(at: 1), in: overview),
                    let value = Decimal(string: String(overview[group]))
                else { continue }
                if quotes[field] == nil { order.append(field) }
                quotes[field, default: []].append((value, String(overview[whole])))
            }
        }
        return order.compactMap { field in
            guard let printed = fields[field], let said = quotes[field], !said.contains(where: { $0.value == printed })
            else { return nil }
            let label = FieldCatalog.byID[field]?.label ?? field
            return Finding(
                rule: "narrative", severity: severity, fields: [field],
                message:
                    "narrative: section 一 says “\(said[0].text)” but the table prints \(Self.format(printed)) (\(label))"
            )
        }
    }

    /// Coordinate descent over the ambiguous rows: each takes the reading that leaves the fewest broken
    /// error-severity identities, keeping the more likely reading on ties.
    func choose(_ ambiguities: [Ambiguity], base: [String: Decimal]) -> [Int] {
        var chosen = ambiguities.map { $0.rule == FindingID.gluedCells ? Validation.agreement : 0 }
        guard ambiguities.contains(where: { $0.rule != FindingID.gluedCells }) else { return chosen }
        func fields(_ choice: [Int]) -> [String: Decimal] {
            var f = base
            for (a, i) in zip(ambiguities, choice) where i >= 0 { f.merge(a.readings[i].values) { _, b in b } }
            return f
        }
        // The score is the number of broken error identities. Changing one row's reading can only change
        // the identities that name one of that row's fields, so only those are counted again.
        let checked = instances.indices.filter { rules.rules[instances[$0].rule].severity == .error }
        func broken(_ index: Int, _ f: [String: Decimal]) -> Bool {
            guard let l = Self.sum(instances[index].left, f), let r = Self.sum(instances[index].right, f) else {
                return false
            }
            return l != r
        }
        let touched: [[Int]] = ambiguities.map { a in
            let ids = Set(a.readings.flatMap { Array($0.values.keys) + $0.nulls })
            return checked.filter { instances[$0].ids.contains(where: ids.contains) }
        }
        var current = fields(chosen)
        var score = checked.filter { broken($0, current) }.count
        for _ in 0..<4 {
            var improved = false
            for (k, a) in ambiguities.enumerated() where a.readings.count > 1 && a.rule != FindingID.gluedCells {
                var before = touched[k].filter { broken($0, current) }.count
                for i in a.readings.indices where i != chosen[k] {
                    var trial = chosen
                    trial[k] = i
                    let f = fields(trial)
                    let s = score - before + touched[k].filter { broken($0, f) }.count
                    if s < score {
                        score = s
                        chosen = trial
                        current = f
                        improved = true
                        before = touched[k].filter { broken($0, current) }.count
                    }
                }
            }
            if !improved { break }
        }
        return chosen
    }

    static func format(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }

    /// The cells on which all `readings` agree (none: nothing).
    static func agreement(
        of readings: [Ambiguity.Reading]
    ) -> (values: [String: Decimal], evidence: [String: SourceLocation]) {
        guard let first = readings.first else { return ([:], [:]) }
        let values = first.values.filter { id, v in readings.allSatisfy { $0.values[id] == v } }
        return (values, first.evidence.filter { values[$0.key] != nil })
    }

    /// The most steps the search over glued rows' readings may take; past it, each row is settled with
    /// the other glued rows left open (null), which checks fewer identities but never invents a cell.
    static let gluedSearchBudget = 200_000

    /// Settles the rows printed as glued runs that could be cut several ways: a reading survives when,
    /// together with a surviving reading of every other such row, it makes every error identity it takes
    /// part in hold (an identity with a cell not printed is not checked). One survivor is taken (`info`);
    /// several keep only the cells they agree on, the rest null (`warning`, listing them); none leave the
    /// row null (`warning`). Never the likeliest guess: a glued row has no likelier reading.
    func settleGlued(
        _ parsed: ParsedReport, chosen: inout [Int], survivors: inout [Int: [Int]], findings: inout [Finding]
    ) {
        let glued = parsed.ambiguities.indices.filter { parsed.ambiguities[$0].rule == FindingID.gluedCells }
        guard !glued.isEmpty else { return }
        let guessed = parsed.ambiguities.contains { $0.rule != FindingID.gluedCells && $0.readings.count > 1 }
        var base = parsed.fields
        for (a, i) in zip(parsed.ambiguities, chosen) where i >= 0 { base.merge(a.readings[i].values) { _, b in b } }
        let checked = instances.indices.filter { rules.rules[instances[$0].rule].severity == .error }
        let rowIDs = glued.map { k in Set(parsed.ambiguities[k].readings.flatMap { Array($0.values.keys) }) }
        // The glued rows each identity names; an identity is checked once its last such row is read.
        let rowsOf: [Int: [Int]] = Dictionary(
            uniqueKeysWithValues: checked.compactMap { i in
                let rows = rowIDs.indices.filter { j in instances[i].ids.contains(where: rowIDs[j].contains) }
                return rows.isEmpty ? nil : (i, rows)
            })
        func holds(_ i: Int, _ f: [String: Decimal]) -> Bool {
            guard let l = Self.sum(instances[i].left, f), let r = Self.sum(instances[i].right, f) else { return true }
            return l == r
        }
        // Rows no identity names (table 二) keep every reading; the others are searched together, each
        // identity checked as soon as the last glued row it names has a reading.
        let constrained = rowIDs.indices.filter { j in rowsOf.values.contains { $0.contains(j) } }
        var alive: [Set<Int>] = rowIDs.indices.map { j in
            constrained.contains(j) ? [] : Set(parsed.ambiguities[glued[j]].readings.indices)
        }
        let checkAt: [Int: [Int]] = Dictionary(grouping: rowsOf.keys) { i in
            rowsOf[i]!.map { j in constrained.firstIndex(of: j)! }.max()!
        }
        var pick = Array(repeating: 0, count: constrained.count)
        var steps = 0
        func search(_ depth: Int, _ f: [String: Decimal]) -> Bool {
            steps += 1
            if steps > Self.gluedSearchBudget { return false }
            if depth == constrained.count {
                for (d, i) in pick.enumerated() { alive[constrained[d]].insert(i) }
                return true
            }
            for (i, r) in parsed.ambiguities[glued[constrained[depth]]].readings.enumerated() {
                let trial = f.merging(r.values) { _, b in b }
                guard (checkAt[depth] ?? []).allSatisfy({ holds($0, trial) }) else { continue }
                pick[depth] = i
                if !search(depth + 1, trial) { return false }
            }
            return true
        }
        if !search(0, base) {
            for j in constrained {
                let names = rowsOf.filter { $0.value.contains(j) }.map(\.key)
                alive[j] = Set(
                    parsed.ambiguities[glued[j]].readings.indices.filter { i in
                        let f = base.merging(parsed.ambiguities[glued[j]].readings[i].values) { _, b in b }
                        return names.allSatisfy { holds($0, f) }
                    })
            }
        }
        for (j, k) in glued.enumerated() {
            let a = parsed.ambiguities[k]
            let ids = Array(rowIDs[j]).sorted { FieldCatalog.order($0) < FieldCatalog.order($1) }
            let candidates = a.readings.map { r in
                ids.map { r.values[$0].map(Self.format) ?? "?" }.joined(separator: " ")
            }
            let where_ = "table \(a.table), row \(a.rowLabel): printed without separators (\(a.printed.joined()))"
            let living = alive[j].sorted()
            if living.count == 1 {
                chosen[k] = living[0]
                // Settled against another row's reading that was itself only the likelier one: a warning.
                let severity: Finding.Severity = guessed ? .warning : .info
                findings.append(
                    Finding(
                        rule: FindingID.gluedCells, severity: severity, fields: ids,
                        message:
                            "\(where_); read as \(candidates[living[0]]), the only one of \(a.readings.count) ways to cut it that keeps the template's identities",
                        page: a.page))
                continue
            }
            chosen[k] = Validation.agreement
            survivors[k] = living
            let kept = Self.agreement(of: living.map { a.readings[$0] }).values
            let open = ids.filter { kept[$0] == nil }
            let listed = (living.isEmpty ? Array(a.readings.indices) : living).map { candidates[$0] }
            findings.append(
                Finding(
                    rule: FindingID.gluedCells, severity: .warning, fields: open,
                    message: living.isEmpty
                        ? "\(where_); none of its \(a.readings.count) possible readings (\(listed.joined(separator: " | "))) keeps the template's identities; the row is left null"
                        : "\(where_); \(living.count) readings fit (\(listed.joined(separator: " | "))); the \(open.count) cells they disagree on are left null",
                    page: a.page))
        }
    }
}
