import Foundation
import NianbaoCore
import Testing

@testable import NianbaoStore

/// A scratch directory under the system's temporary directory, left for the system to clear.
private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("nianbao-summary-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct DocumentSummaryTests {
    func result(_ source: String, issuer: String?, year: Int?) -> ReportResult {
        ReportResult(
            source: source, sha256: "00", template: .y2021, year: year, issuer: issuer,
            fields: ["apps.carried_over.total": 3, "apps.carried_forward.total": 4, "apps.new.total": 5])
    }

    @Test func theCorpusSuppliesDocumentsWithAnIssuerAndAYear() throws {
        let dir = try scratch()
        let corpus = try CorpusDatabase(directory: dir)
        try corpus.add(result("c.txt", issuer: "丙县人民政府", year: 2023), id: 3, name: "c", path: "c.txt")
        try corpus.add(result("a.txt", issuer: "甲县人民政府", year: 2022), id: 1, name: "a", path: "a.txt")
        try corpus.add(result("n.txt", issuer: nil, year: 2022), id: 2, name: "n", path: "n.txt")
        try corpus.add(result("y.txt", issuer: "乙县人民政府", year: nil), id: 4, name: "y", path: "y.txt")
        let fields = ["apps.carried_over.total", "apps.carried_forward.total"]
        let expected = [
            DocumentSummary(
                name: "a", source: "a.txt", issuer: "甲县人民政府", year: 2022,
                fields: ["apps.carried_over.total": 3, "apps.carried_forward.total": 4]),
            DocumentSummary(
                name: "c", source: "c.txt", issuer: "丙县人民政府", year: 2023,
                fields: ["apps.carried_over.total": 3, "apps.carried_forward.total": 4]),
        ]
        #expect(try corpus.documentSummaries(fields: fields) == expected)
        #expect(try corpus.documentSummaries(fields: []).map(\.fields) == [[:], [:]])
        try corpus.finish()
        // The next run reads the same rows from the finished file.
        let next = try CorpusDatabase(directory: dir)
        #expect(try next.documentSummaries(fields: fields, inPrevious: true) == expected)
        #expect(try next.documentSummaries(fields: fields).isEmpty)
        try next.discard()
    }
}
