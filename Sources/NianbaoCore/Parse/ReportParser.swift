import Foundation

/// The parse stage: sections, template, year, issuer, and the cells of tables 二, 三 and 四.
public struct ReportParser: Sendable {
    let rules: LabelRules
    let glued: GluedText

    public init(rules: LabelRules) {
        self.rules = rules
        glued = GluedText(rules: rules)
    }

    public func parse(_ document: CleanDocument) -> ParsedReport {
        let document = structure(document)
        return parse(document, sections: SectionSplitter.split(document.lines, rules: rules.sections))
    }

    /// The document with the structure of crawled page text put back (headings and rows found inside
    /// long lines, glued runs of digits marked), before sections are split: see `GluedText`.
    public func structure(_ document: CleanDocument) -> CleanDocument {
        var copy = document
        copy.lines = glued.restructure(document.lines)
        return copy
    }

    /// Parses with the sections already found.
    public func parse(_ document: CleanDocument, sections: SectionMap) -> ParsedReport {
        let lines = document.lines
        let texts = lines.map { $0.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " ") }
        let normalized = Labels.normalize(texts.joined(separator: "\n"))
        var report = ParsedReport()

        let overview = sections.lines(1).map { texts[$0].joined(separator: "\n") }
        report.overview = overview ?? ""
        let signature = Metadata.signature(texts)
        report.year = Metadata.year(normalized, overview: overview.map(Labels.normalize), signatureYear: signature.year)
        report.template = Metadata.template(normalized, year: report.year, cues: rules.templates)
        report.issuer = Metadata.issuer(texts.filter { !$0.isEmpty }, signature: signature.body, keys: rules.metadata)
        // A report OCR read for the most part (a scan): its issuer as the text spells it most, and its
        // place as a real place's where OCR was unsure of what it read (`PlaceSpelling`).
        let read = lines.filter { $0.cells.contains { $0.location?.ocr != nil } }.count
        if let issuer = report.issuer, 2 * read > lines.count {
            let voted = Metadata.outvoted(issuer, in: texts.joined(separator: "\n"))
            // Against the place names of the years they hold (`labels.yaml` `places`).
            var placed: String?
            if let places = rules.places, let year = report.year, places.covers(year) {
                placed = PlaceSpelling.corrected(
                    voted, in: lines.flatMap(\.cells), gazetteer: rules.gazetteer, zones: places.zones)
            }
            let gazetteer =
                "the one place of \(rules.places?.file ?? "the gazetteer") it differs from only where OCR was in doubt of what it read"
            let why: String? =
                switch (voted != issuer, placed) {
                case (true, nil): "as the text spells the name more often"
                case (false, .some): gazetteer
                case (true, .some): "spelt as the text spells it more often (\(voted)), then as \(gazetteer)"
                case (false, nil): nil
                }
            if let why {
                let taken = placed ?? voted
                report.issuer = taken
                report.findings.append(
                    Finding(
                        rule: FindingID.issuerSpelling, severity: .info,
                        message: "issuer read as \(issuer); taken as \(taken), \(why)"))
            }
        }
        report.published = Metadata.published(texts.filter { !$0.isEmpty }, keys: rules.metadata)
        if report.year == nil {
            report.findings.append(
                Finding(
                    rule: FindingID.year, severity: .warning,
                    message: "the year the report covers (统计期限) was not found"))
        }

        let all = 0..<lines.count
        var output = TableOutput()
        // Table 二 needs the template to know its columns.
        let template = report.template ?? .y2021
        output.merge(
            ActiveTableReader.read(lines, range: sections.lines(2) ?? all, rules: rules.active, template: template))
        output.merge(
            ApplicationsTableReader.read(
                lines, range: sections.lines(3) ?? all, rules: rules.applications,
                template: template))
        if let range = sections.lines(4) {
            output.merge(ReviewTableReader.read(lines, range: range, rules: rules.review))
        }
        report.fields = output.fields
        report.evidence = output.evidence
        report.ambiguities = output.ambiguities
        report.findings += output.findings

        let found = Set(output.fields.keys).union(output.ambiguities.flatMap { $0.readings[0].values.keys }).union(
            output.unknown)
        for (section, prefix, name) in [
            (2, "active.", "二 (主动公开)"), (3, "apps.", "三 (收到和处理申请)"),
            (4, "review.", "四 (行政复议、行政诉讼)"),
        ]
        where !found.contains(where: { $0.hasPrefix(prefix) || (prefix == "review." && $0.hasPrefix("suit_")) }) {
            let where_ =
                sections.headings[section] == nil
                ? "neither the section heading nor the table was found"
                : "the section was found but no row of its table"
            report.findings.append(
                Finding(
                    rule: FindingID.missingTable, severity: section == 3 ? .error : .warning, fields: [],
                    message: "table \(name): \(where_)", page: sections.headings[section].flatMap { lines[$0].page }))
        }
        return report
    }
}
