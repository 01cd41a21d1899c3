import Foundation
import NianbaoCore

extension ReviewHTML {
    /// The index: what made the corpus, findings counted by rule, every report in a table (sortable by
    /// a click on a heading, filtered by the box above it: text, or `rule:ID`), and per issuer its
    /// figures across years (`ReviewCharts`).
    static func index(_ reports: [ReviewSite.Report], producer: [String: String]) -> String {
        var body = "<h1>nianbao review: \(reports.count) reports</h1>\n"
        if let tool = producer["tool"] {
            body += "<p>made by \(escape(tool)), rules \(escape(String((producer["rules"] ?? "").prefix(16))))…</p>\n"
        }
        // Findings by rule: how many reports have each, by severity.
        var byRule: [String: [Finding.Severity: Int]] = [:]
        for report in reports {
            var seen = Set<String>()
            for f in report.result.findings where seen.insert(f.rule + "/" + f.severity.rawValue).inserted {
                byRule[f.rule, default: [:]][f.severity, default: 0] += 1
            }
        }
        body += "<h2>Findings by rule</h2>\n<table id=\"rules\">\n<thead><tr><th>rule</th>"
        body +=
            "<th class=\"num\">reports with an error</th><th class=\"num\">with a warning</th><th class=\"num\">with an info</th></tr></thead>\n<tbody>\n"
        for (rule, counts) in byRule.sorted(by: { a, b in
            let (x, y) = (a.value[.error] ?? 0, b.value[.error] ?? 0)
            return x != y ? x > y : a.key < b.key
        }) {
            body += "<tr><td><a href=\"#reports\" data-rule=\"\(escape(rule))\"><code>\(escape(rule))</code></a></td>"
            for severity in [Finding.Severity.error, .warning, .info] {
                body += "<td class=\"num\">\(counts[severity] ?? 0)</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody>\n</table>\n"
        body +=
            "<h2>Reports</h2>\n<p><input id=\"filter\" type=\"search\" size=\"40\" placeholder=\"filter: issuer, year, file… or rule:balance\"> "
        body += "<label><input id=\"problems\" type=\"checkbox\"> only reports with errors or unreadable</label></p>\n"
        body +=
            "<table id=\"reports\">\n<thead><tr><th>report</th><th>issuer</th><th class=\"num\">year</th><th>template</th>"
        body +=
            "<th class=\"num\">errors</th><th class=\"num\">warnings</th><th>unreadable</th></tr></thead>\n<tbody>\n"
        for report in reports {
            let r = report.result
            let errors = r.findings.filter { $0.severity == .error }.count
            let warnings = r.findings.filter { $0.severity == .warning }.count
            let rules = Set(r.findings.map(\.rule)).sorted().joined(separator: " ")
            let problem = errors > 0 || r.unreadable != nil
            body += "<tr data-rules=\"\(escape(rules))\" data-problem=\"\(problem ? 1 : 0)\">"
            body += "<td><a href=\"reports/\(escape(link(report.name))).html\">\(escape(r.source))</a></td>"
            body += "<td>\(escape(r.issuer ?? ""))</td><td class=\"num\">\(r.year.map(String.init) ?? "")</td>"
            body +=
                "<td>\(r.template?.rawValue ?? "")</td><td class=\"num\">\(errors)</td><td class=\"num\">\(warnings)</td>"
            body += "<td>\(r.unreadable?.rawValue ?? "")</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        let charts = ReviewCharts.issuers(reports.map(\.result))
        if !charts.isEmpty {
            body += "<h2>Issuers across years</h2>\n" + charts
        }
        return document(title: "nianbao review", body: body, script: script)
    }

    static let script = """
        const table = document.getElementById("reports"), body = table.tBodies[0];
        const filter = document.getElementById("filter"), problems = document.getElementById("problems");
        function apply() {
          const q = filter.value.trim().toLowerCase();
          for (const row of body.rows) {
            const byRule = q.startsWith("rule:") && q.length > 5;
            const match = !q || (byRule ? row.dataset.rules.split(" ").includes(q.slice(5))
                                        : row.textContent.toLowerCase().includes(q));
            row.hidden = !match || (problems.checked && row.dataset.problem !== "1");
          }
        }
        filter.addEventListener("input", apply);
        problems.addEventListener("change", apply);
        for (const a of document.querySelectorAll("a[data-rule]")) {
          a.addEventListener("click", () => { filter.value = "rule:" + a.dataset.rule; apply(); });
        }
        [...table.tHead.rows[0].cells].forEach((th, i) => {
          th.style.cursor = "pointer";
          th.addEventListener("click", () => {
            const up = th.dataset.order !== "up";
            th.dataset.order = up ? "up" : "down";
            const numeric = th.classList.contains("num");
            const key = row => row.cells[i].textContent;
            const rows = [...body.rows].sort((a, b) => {
              const order = numeric ? (Number(key(a)) || 0) - (Number(key(b)) || 0) : key(a).localeCompare(key(b), "zh");
              return up ? order : -order;
            });
            for (const row of rows) body.appendChild(row);
          });
        });
        """
}
