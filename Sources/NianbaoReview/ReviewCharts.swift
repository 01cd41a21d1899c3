import Foundation
import NianbaoCore

/// Charts of an issuer's reports across years, as inline SVG written here (no chart library): the new
/// applications it received, the shares of their outcomes, and its administrative reviews and suits.
enum ReviewCharts {
    /// The outcome rows of table 三 whose totals make the shares: label, field prefix, colour.
    static let outcomes: [(label: String, prefix: String, color: String)] = [
        ("予以公开", "apps.granted", "#4e79a7"), ("部分公开", "apps.partially_granted", "#76b7b2"),
        ("不予公开", "apps.denied", "#e15759"), ("无法提供", "apps.unavailable", "#f28e2b"),
        ("不予处理", "apps.not_processed", "#b07aa1"), ("其他处理", "apps.other_handling", "#bab0ac"),
    ]

    /// Whether the charts draw field `id` (what the index keeps of each report).
    static func drawn(_ id: String) -> Bool {
        id == "apps.new_received.total" || id.hasPrefix("review.") || id.hasPrefix("suit_")
            || (id.hasPrefix("apps.") && id.hasSuffix(".total"))
    }

    /// A row's total: its 总计 field where the report prints it, else the sum of its sub-rows' totals.
    static func total(_ prefix: String, _ fields: [String: Decimal]) -> Decimal? {
        if let whole = fields[prefix + ".total"] { return whole }
        let parts = fields.filter { $0.key.hasPrefix(prefix + ".") && $0.key.hasSuffix(".total") }.map(\.value)
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// A section per issuer with reports of known years: its charts, the years in order.
    static func issuers(_ results: [ReportResult]) -> String {
        var byIssuer: [String: [Int: ReportResult]] = [:]
        // A second report of one issuer and year (a repost, or another body of the same name) is not
        // drawn, and named under the charts.
        var notDrawn: [String: [String]] = [:]
        for r in results where r.unreadable == nil {
            guard let issuer = r.issuer, let year = r.year else { continue }
            if byIssuer[issuer]?[year] == nil {
                byIssuer[issuer, default: [:]][year] = r
            } else {
                notDrawn[issuer, default: []].append("\(r.source) (\(year))")
            }
        }
        var html = ""
        for (issuer, years) in byIssuer.sorted(by: { $0.key < $1.key }) {
            let rows = years.sorted { $0.key < $1.key }
            html += "<h3>\(ReviewHTML.escape(issuer))</h3>\n<div class=\"charts\">"
            html += bars(
                "新收申请", rows.map { (String($0.key), [($0.value.fields["apps.new_received.total"], "#4e79a7")]) })
            html += shares(rows.map { (String($0.key), $0.value.fields) })
            html += bars(
                "行政复议 / 行政诉讼",
                rows.map { year, r in
                    let suits = [r.fields["suit_direct.total"], r.fields["suit_after_review.total"]].compactMap { $0 }
                    return (
                        String(year),
                        [(r.fields["review.total"], "#59a14f"), (suits.isEmpty ? nil : suits.reduce(0, +), "#edc948")]
                    )
                }, legend: [("复议", "#59a14f"), ("诉讼", "#edc948")])
            html += "</div>\n"
            if let others = notDrawn[issuer] {
                html +=
                    "<p>Not drawn, a second report of the same issuer and year: \(ReviewHTML.escape(others.joined(separator: ", ")))</p>\n"
            }
        }
        return html
    }

    static let width = 240.0, height = 150.0, top = 22.0, bottom = 20.0

    static func number(_ d: Double) -> String { String(format: "%.1f", d) }

    /// Grouped bars per year, each bar labelled with its value; a value not printed is `–`.
    static func bars(
        _ title: String, _ years: [(year: String, values: [(Decimal?, String)])], legend: [(String, String)] = []
    ) -> String {
        let maximum =
            years.flatMap { $0.values.compactMap { $0.0 } }.map { NSDecimalNumber(decimal: $0).doubleValue }
            .max() ?? 0
        let plot = height - top - bottom
        let slot = (width - 20) / Double(max(years.count, 1))
        var svg = header(title)
        for (i, year) in years.enumerated() {
            let x0 = 10 + Double(i) * slot
            let barWidth = min(28, (slot - 8) / Double(max(year.values.count, 1)))
            let start = x0 + (slot - barWidth * Double(year.values.count)) / 2
            for (j, (value, color)) in year.values.enumerated() {
                let x = start + Double(j) * barWidth
                guard let value else {
                    svg +=
                        "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(height - bottom - 2))\" text-anchor=\"middle\">–</text>"
                    continue
                }
                let v = NSDecimalNumber(decimal: value).doubleValue
                let h = maximum > 0 ? plot * v / maximum : 0
                let y = height - bottom - h
                svg +=
                    "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(barWidth - 2))\" height=\"\(number(h))\" fill=\"\(color)\"><title>\(year.year): \(FieldCoding.format(value))</title></rect>"
                svg +=
                    "<text x=\"\(number(x + barWidth / 2 - 1))\" y=\"\(number(y - 2))\" text-anchor=\"middle\">\(FieldCoding.format(value))</text>"
            }
            svg +=
                "<text x=\"\(number(x0 + slot / 2))\" y=\"\(number(height - 6))\" text-anchor=\"middle\">\(year.year)</text>"
        }
        for (k, (label, color)) in legend.enumerated() {
            let x = width - 70 + Double(k) * 34
            svg +=
                "<rect x=\"\(number(x))\" y=\"4\" width=\"8\" height=\"8\" fill=\"\(color)\"/><text x=\"\(number(x + 10))\" y=\"12\">\(label)</text>"
        }
        return "<figure>" + svg + "</svg></figure>"
    }

    /// A bar per year split into the outcome rows' shares of all outcomes.
    static func shares(_ years: [(year: String, fields: [String: Decimal])]) -> String {
        let plot = height - top - bottom
        let slot = (width - 20) / Double(max(years.count, 1))
        var svg = header("办理结果构成")
        for (i, year) in years.enumerated() {
            let x = 10 + Double(i) * slot + max(0, (slot - 28) / 2)
            let parts = outcomes.map {
                (total($0.prefix, year.fields).map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0, $0)
            }
            let sum = parts.map(\.0).reduce(0, +)
            var y = height - bottom
            if sum > 0 {
                for (value, outcome) in parts where value > 0 {
                    let h = plot * value / sum
                    y -= h
                    svg +=
                        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"26\" height=\"\(number(h))\" fill=\"\(outcome.color)\"><title>\(year.year) \(outcome.label): \(Int(value.rounded())) (\(Int((100 * value / sum).rounded()))%)</title></rect>"
                }
            } else {
                svg +=
                    "<text x=\"\(number(x + 13))\" y=\"\(number(height - bottom - 2))\" text-anchor=\"middle\">–</text>"
            }
            svg +=
                "<text x=\"\(number(x + 13))\" y=\"\(number(height - 6))\" text-anchor=\"middle\">\(year.year)</text>"
        }
        var legend = "<div class=\"legend\" style=\"font-size:11px;max-width:240px\">"
        for o in outcomes {
            legend +=
                "<span style=\"display:inline-block;width:9px;height:9px;background:\(o.color)\"></span> \(o.label) "
        }
        return "<figure>" + svg + "</svg>" + legend + "</div></figure>"
    }

    static func header(_ title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(ReviewHTML.escape(title))\" style=\"border:1px solid #ddd\"><text x=\"6\" y=\"14\" style=\"font-size:12px\">\(ReviewHTML.escape(title))</text>"
    }
}
