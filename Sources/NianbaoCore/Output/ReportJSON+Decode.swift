import Foundation

extension ReportJSON {
    /// A NAME.json file that does not hold a report as OUTPUT.md describes it.
    public struct DecodingError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The result a NAME.json holds (`encode`'s inverse, the text aside): for reading an output folder
    /// back (`nianbao show`, the review site, `merge`). A number is taken as the shortest decimal of what
    /// JSONSerialization read (`NSNumber.stringValue`): the digits `encode` printed, for the integers and
    /// the two-decimal amounts a report holds.
    public static func decode(_ data: Data) throws(DecodingError) -> ReportResult {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let source = object["source"] as? String, let sha256 = object["sha256"] as? String,
            let fields = object["fields"] as? [String: Any], let findings = object["findings"] as? [[String: Any]]
        else {
            throw DecodingError(description: "not a NAME.json of nianbao (source, sha256, fields and findings)")
        }
        var r = ReportResult(source: source, sha256: sha256)
        r.template = (object["template"] as? String).flatMap(Template.init(rawValue:))
        r.year = (object["year"] as? NSNumber)?.intValue
        r.issuer = object["issuer"] as? String
        r.published = object["published"] as? String
        r.unreadable = (object["unreadable"] as? String).flatMap(UnreadableDocument.Kind.init(rawValue:))
        r.pages = (object["pages"] as? NSNumber)?.intValue
        for (id, value) in fields {
            guard let number = value as? NSNumber else { continue }
            guard let decimal = Decimal(string: number.stringValue, locale: Locale(identifier: "en_US_POSIX")) else {
                throw DecodingError(description: "field \(id): '\(number)' is not a number")
            }
            r.fields[id] = decimal
        }
        for f in findings {
            guard let rule = f["rule"] as? String,
                let severity = (f["severity"] as? String).flatMap(Finding.Severity.init(rawValue:)),
                let message = f["message"] as? String
            else { throw DecodingError(description: "a finding without rule, severity or message") }
            r.findings.append(
                Finding(
                    rule: rule, severity: severity, fields: f["fields"] as? [String] ?? [], message: message,
                    page: (f["page"] as? NSNumber)?.intValue))
        }
        for (id, value) in object["evidence"] as? [String: [String: Any]] ?? [:] {
            var location = SourceLocation(
                page: (value["page"] as? NSNumber)?.intValue, line: (value["line"] as? NSNumber)?.intValue)
            if let b = (value["bbox"] as? [NSNumber])?.map(\.doubleValue), b.count == 4 {
                location.box = Box(x0: b[0], y0: b[1], x1: b[2], y1: b[3])
            }
            r.evidence[id] = location
        }
        for (rule, count) in object["repairs"] as? [String: NSNumber] ?? [:] { r.repairs[rule] = count.intValue }
        return r
    }
}
